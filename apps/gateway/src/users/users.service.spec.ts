import { ConflictException, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '@app/config';
import { Role } from '@app/contracts';
import { UsersRepository } from '@app/persistence';
import { strictMock } from '../../../../test/support/strict-mock';
import { AuditService } from '../audit/audit.service';
import { ADMIN_TOKEN_IDENTITY, Identity } from '../auth/identity';
import { SessionsService } from '../auth/sessions.service';
import { PASSWORD_HASH_OPTIONS, UsersService } from './users.service';

const someone: Identity = { id: 'user:u0', kind: 'user', name: 'eve', role: Role.User };
const row = (over: object = {}) => ({ id: 'u1', username: 'ada', passwordHash: 'h', role: Role.User, createdAt: new Date(0), updatedAt: new Date(0), ...over });

function setup(registration: 'open' | 'admin', members: { users?: object; sessions?: object; audit?: object } = {}) {
  const users = strictMock<UsersRepository>('UsersRepository', members.users);
  const sessions = strictMock<SessionsService>('SessionsService', members.sessions);
  const audit = strictMock<AuditService>('AuditService', members.audit);
  const config = strictMock<AppConfig>('AppConfig', { registration });
  return { sut: new UsersService(users, sessions, audit, config), users, sessions, audit };
}

describe('UsersService.create', () => {
  it('with REGISTRATION=admin refuses anonymous callers (401) and users (403) before any work', async () => {
    const { sut } = setup('admin');
    await expect(sut.create({ username: 'ada', password: 'password-1' }, null)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(sut.create({ username: 'ada', password: 'password-1' }, someone)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('with REGISTRATION=open refuses a role asked for by a non-admin', async () => {
    await expect(setup('open').sut.create({ username: 'ada', password: 'password-1', role: Role.Admin }, null)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('stores an argon2id hash (never the password), audits, and answers without the hash', async () => {
    const { sut, users, audit } = setup('admin', {
      users: { insert: async () => true, findById: async () => row({ role: Role.Setter }) },
      audit: { record: async () => undefined },
    });
    const view = await sut.create({ username: 'ada', password: 'password-1', role: Role.Setter }, ADMIN_TOKEN_IDENTITY);
    expect(view).toEqual({ id: 'u1', username: 'ada', role: Role.Setter, createdAt: new Date(0).toISOString() });
    const stored = users.insert.mock.calls[0][0];
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.passwordHash).not.toContain('password-1');
    await expect(argon2.verify(stored.passwordHash, 'password-1')).resolves.toBe(true);
    expect(audit.record).toHaveBeenCalledWith(ADMIN_TOKEN_IDENTITY, 'user.create', 'user', stored.id, { username: 'ada', role: Role.Setter });
  });

  it('answers 409 when the username is taken', async () => {
    const { sut } = setup('open', { users: { insert: async () => false } });
    await expect(sut.create({ username: 'ada', password: 'password-1' }, null)).rejects.toBeInstanceOf(ConflictException);
  });
});

describe('UsersService.login', () => {
  it('starts a session for the right password', async () => {
    const hash = await argon2.hash('password-1', PASSWORD_HASH_OPTIONS);
    const expiresAt = new Date(86_400_000);
    const { sut, sessions } = setup('admin', { users: { findByUsername: async () => row({ passwordHash: hash }) }, sessions: { create: async () => ({ token: 'ojs_t', expiresAt }) } });
    await expect(sut.login('ada', 'password-1')).resolves.toEqual({ token: 'ojs_t', expiresAt: expiresAt.toISOString(), user: expect.objectContaining({ id: 'u1', username: 'ada' }) });
    expect(sessions.create).toHaveBeenCalledWith('u1');
  });

  it('answers the same 401 for a wrong password and an unknown username, with no session', async () => {
    const hash = await argon2.hash('password-1', PASSWORD_HASH_OPTIONS);
    const wrong = setup('admin', { users: { findByUsername: async () => row({ passwordHash: hash }) } });
    const unknown = setup('admin', { users: { findByUsername: async () => null } });
    const a = await wrong.sut.login('ada', 'nope').catch((e) => e);
    const b = await unknown.sut.login('bob', 'nope').catch((e) => e);
    expect(a).toBeInstanceOf(UnauthorizedException);
    expect(b.message).toBe(a.message);
  });
});

describe('UsersService.delete', () => {
  it('deletes, ends every session of the user, and audits', async () => {
    const { sut, sessions, audit } = setup('admin', { users: { delete: async () => true }, sessions: { revokeAll: async () => undefined }, audit: { record: async () => undefined } });
    await sut.delete('u1', ADMIN_TOKEN_IDENTITY);
    expect(sessions.revokeAll).toHaveBeenCalledWith('u1');
    expect(audit.record).toHaveBeenCalledWith(ADMIN_TOKEN_IDENTITY, 'user.delete', 'user', 'u1');
  });
});
