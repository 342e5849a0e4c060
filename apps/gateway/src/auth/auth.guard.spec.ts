import { ExecutionContext, ForbiddenException, HttpException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@app/contracts';
import { strictMock } from '../../../../test/support/strict-mock';
import { Public, Roles } from './auth.decorators';
import { AuthGuard, clientAddress } from './auth.guard';
import { ADMIN_TOKEN_IDENTITY, Identity } from './identity';
import { IdentityService } from './identity.service';
import { RateLimitService } from './rate-limit.service';

class Endpoints {
  @Public() open() {}
  guarded() {}
  @Roles(Role.Setter) setters() {}
}

const user: Identity = { id: 'user:u1', kind: 'user', name: 'ada', role: Role.User };
const setter: Identity = { id: 'key:k1', kind: 'key', name: 'ci', role: Role.Setter };
const allowed = { allowed: true, limit: 600, remaining: 599, resetS: 60 };

function setup(opts: { identity?: Identity | null; rate?: typeof allowed } = {}) {
  const identities = strictMock<IdentityService>('IdentityService', { resolve: async () => opts.identity ?? null });
  const rateLimit = strictMock<RateLimitService>('RateLimitService', { consume: async () => opts.rate ?? allowed });
  const sut = new AuthGuard(new Reflector(), identities, rateLimit);
  const run = (handler: keyof Endpoints, headers: Record<string, string> = {}) => {
    const req: Record<string, unknown> = { headers, originalUrl: '/api/v1/x', ip: '10.0.0.1' };
    const resHeaders: Record<string, string> = {};
    const res = { header: (k: string, v: string) => (resHeaders[k] = v) };
    const ctx = {
      getType: () => 'http',
      getHandler: () => Endpoints.prototype[handler],
      getClass: () => Endpoints,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ExecutionContext;
    return { result: sut.canActivate(ctx), req, resHeaders };
  };
  return { sut, identities, rateLimit, run };
}

describe('AuthGuard', () => {
  it('lets WebSocket and microservice contexts through untouched (they authenticate elsewhere)', async () => {
    const { sut } = setup();
    await expect(sut.canActivate({ getType: () => 'ws' } as unknown as ExecutionContext)).resolves.toBe(true);
  });

  it('lets anonymous callers into @Public() endpoints, counted by IP, with RateLimit headers', async () => {
    const { run, rateLimit } = setup();
    const { result, req, resHeaders } = run('open');
    await expect(result).resolves.toBe(true);
    expect(rateLimit.consume).toHaveBeenCalledWith('ip:10.0.0.1');
    expect(req.identity).toBeNull();
    expect(resHeaders).toEqual({ 'RateLimit-Limit': '600', 'RateLimit-Remaining': '599', 'RateLimit-Reset': '60' });
  });

  it('refuses anonymous callers elsewhere with 401', async () => {
    await expect(setup().run('guarded').result).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a token that stands for nobody with 401, even on a public endpoint, and counts it by IP', async () => {
    const { run, identities, rateLimit } = setup({ identity: null });
    await expect(run('open', { authorization: 'Bearer ojk_revoked' }).result).rejects.toBeInstanceOf(UnauthorizedException);
    expect(identities.resolve).toHaveBeenCalledWith('ojk_revoked');
    expect(rateLimit.consume).toHaveBeenCalledWith('ip:10.0.0.1');
  });

  it('reads Judge0\'s X-Auth-Token too, and counts the identity, not the IP', async () => {
    const { run, identities, rateLimit } = setup({ identity: user });
    const { result, req } = run('guarded', { 'x-auth-token': 'ojs_abc' });
    await expect(result).resolves.toBe(true);
    expect(identities.resolve).toHaveBeenCalledWith('ojs_abc');
    expect(rateLimit.consume).toHaveBeenCalledWith('user:u1');
    expect(req.identity).toBe(user);
  });

  it('answers 403 to a role not allowed, and lets the role in', async () => {
    await expect(setup({ identity: user }).run('setters', { authorization: 'Bearer t' }).result).rejects.toBeInstanceOf(ForbiddenException);
    await expect(setup({ identity: setter }).run('setters', { authorization: 'Bearer t' }).result).resolves.toBe(true);
  });

  it('lets admins into every role\'s endpoints without counting them', async () => {
    const { run, rateLimit } = setup({ identity: ADMIN_TOKEN_IDENTITY });
    const { result, resHeaders } = run('setters', { authorization: 'Bearer admin' });
    await expect(result).resolves.toBe(true);
    expect(rateLimit.consume).not.toHaveBeenCalled();
    expect(resHeaders).toEqual({});
  });

  it('answers 503, not 500, when the token cannot be looked up', async () => {
    const identities = strictMock<IdentityService>('IdentityService', { resolve: async () => { throw new Error('ECONNREFUSED'); } });
    const sut = new AuthGuard(new Reflector(), identities, strictMock<RateLimitService>('RateLimitService'));
    const ctx = {
      getType: () => 'http', getHandler: () => Endpoints.prototype.guarded, getClass: () => Endpoints,
      switchToHttp: () => ({ getRequest: () => ({ headers: { authorization: 'Bearer ojs_x' }, originalUrl: '/' }), getResponse: () => ({}) }),
    } as unknown as ExecutionContext;
    await expect(sut.canActivate(ctx)).rejects.toBeInstanceOf(ServiceUnavailableException);
  });

  it('answers 429 with Retry-After past the limit, before looking at roles', async () => {
    const { run } = setup({ identity: user, rate: { allowed: false, limit: 600, remaining: 0, resetS: 17 } });
    const { result, resHeaders } = run('setters', { authorization: 'Bearer t' });
    await expect(result).rejects.toMatchObject({ status: 429 });
    await expect(result).rejects.toBeInstanceOf(HttpException);
    expect(resHeaders).toMatchObject({ 'Retry-After': '17', 'RateLimit-Remaining': '0' });
  });
});

describe('clientAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['2001:db8::1', '2001:db8::1'],
    [undefined, 'unknown'],
  ])('%s counts as %s', (address, expected) => {
    expect(clientAddress(address)).toBe(expected);
  });
});
