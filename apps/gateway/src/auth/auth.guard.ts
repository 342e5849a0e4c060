import {
  CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, ServiceUnavailableException, UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@app/contracts';
import { IDENTITY_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { Identity, isAdmin } from './identity';
import { IdentityService } from './identity.service';
import { RateLimitService } from './rate-limit.service';
import { tokenOf } from './tokens';

/**
 * The app-wide guard (deny by default): every HTTP endpoint needs an identity unless marked
 * `@Public()`, and one of the roles of `@Roles(...)` when given (admins pass every role check).
 * It also counts the request against the caller's rate limit (identity, or IP when anonymous or
 * the token is bad; admins unlimited) and sets `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset` (seconds), answering `429` with `Retry-After` past the limit.
 * WebSocket connections are authenticated at the upgrade (see realtime/authenticated-ws.adapter.ts);
 * the judges' Redis events are internal: both pass here.
 * @throws UnauthorizedException (no or bad token), ForbiddenException (role), HttpException 429,
 * ServiceUnavailableException (the token could not be looked up).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identities: IdentityService,
    private readonly rateLimit: RateLimitService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { [IDENTITY_KEY]?: Identity | null }>();
    const res = ctx.switchToHttp().getResponse<FastifyReply>();
    const token = tokenOf(req.headers, req.originalUrl);
    const identity = token ? await this.identities.resolve(token).catch(() => {
      throw new ServiceUnavailableException('authorization: the token cannot be checked right now (database or Redis unreachable); retry');
    }) : null;

    if (!isAdmin(identity)) {
      const state = await this.rateLimit.consume(identity ? identity.id : `ip:${clientAddress(req.ip ?? req.socket?.remoteAddress)}`);
      res.header('RateLimit-Limit', String(state.limit));
      res.header('RateLimit-Remaining', String(state.remaining));
      res.header('RateLimit-Reset', String(state.resetS));
      if (!state.allowed) {
        res.header('Retry-After', String(state.resetS));
        throw new HttpException(`rate limit: at most ${state.limit} requests per minute; retry in ${state.resetS} s`, HttpStatus.TOO_MANY_REQUESTS);
      }
    }

    if (token && !identity) throw new UnauthorizedException('authorization: the token is invalid, expired or revoked');
    req[IDENTITY_KEY] = identity;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!identity) throw new UnauthorizedException('authorization: send Authorization: Bearer <token> (a session token or an API key)');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !isAdmin(identity) && !roles.includes(identity.role)) {
      throw new ForbiddenException(`role: this needs ${roles.join(' or ')} (you are ${identity.role})`);
    }
    return true;
  }
}

/**
 * The caller's address as one string whatever socket it came in on: a gateway listening on `::`
 * sees IPv4 callers as IPv4-mapped IPv6 (`::ffff:127.0.0.1`), one listening on an IPv4 address as
 * `127.0.0.1`; both count against the same per-IP limit.
 */
export function clientAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.toLowerCase().startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
