import { AppConfig } from '@app/config';
import { Role } from '@app/contracts';
import { ApiKeysRepository, UsersRepository } from '@app/persistence';
import { strictMock } from '../../../../test/support/strict-mock';
import { ADMIN_TOKEN_IDENTITY } from './identity';
import { IdentityService } from './identity.service';
import { SessionsService } from './sessions.service';
import { sha256 } from './tokens';

const ADMIN = 'admin-token-0123456789';

function setup(members: { keys?: object; users?: object; sessions?: object } = {}) {
  const config = strictMock<AppConfig>('AppConfig', { adminToken: ADMIN });
  const keys = strictMock<ApiKeysRepository>('ApiKeysRepository', members.keys);
  const users = strictMock<UsersRepository>('UsersRepository', members.users);
  const sessions = strictMock<SessionsService>('SessionsService', members.sessions);
  return { sut: new IdentityService(config, keys, users, sessions), keys, users, sessions };
}

describe('IdentityService.resolve', () => {
  it('knows ADMIN_TOKEN without touching the database or Redis', async () => {
    await expect(setup().sut.resolve(ADMIN)).resolves.toBe(ADMIN_TOKEN_IDENTITY);
  });

  it('tells ADMIN_TOKEN from tokens that are not it, request after request (its digest is made once)', async () => {
    const { sut } = setup({ keys: { findByHash: async () => null } });
    for (let i = 0; i < 3; i++) {
      await expect(sut.resolve(ADMIN)).resolves.toBe(ADMIN_TOKEN_IDENTITY);
      await expect(sut.resolve(`${ADMIN}x`)).resolves.toBeNull();
      await expect(sut.resolve(ADMIN.slice(0, -1))).resolves.toBeNull();
      await expect(sut.resolve('ojk_' + ADMIN)).resolves.toBeNull();
    }
  });

  it('finds an API key by the SHA-256 of the key', async () => {
    const { sut, keys } = setup({ keys: { findByHash: async () => ({ id: 'k1', name: 'ci', role: Role.Setter }) } });
    await expect(sut.resolve('ojk_secret')).resolves.toEqual({ id: 'key:k1', kind: 'key', name: 'ci', role: Role.Setter });
    expect(keys.findByHash).toHaveBeenCalledWith(sha256('ojk_secret'));
  });

  it('gives null for a revoked (unknown) key', async () => {
    await expect(setup({ keys: { findByHash: async () => null } }).sut.resolve('ojk_gone')).resolves.toBeNull();
  });

  it('reads a session\'s user as it is now (its role today)', async () => {
    const { sut, users } = setup({ sessions: { resolve: async () => 'u1' }, users: { findById: async () => ({ id: 'u1', username: 'ada', role: Role.Admin }) } });
    await expect(sut.resolve('ojs_abc')).resolves.toEqual({ id: 'user:u1', kind: 'user', name: 'ada', role: Role.Admin });
    expect(users.findById).toHaveBeenCalledWith('u1');
  });

  it('gives null for an ended session and for a deleted user', async () => {
    await expect(setup({ sessions: { resolve: async () => null } }).sut.resolve('ojs_old')).resolves.toBeNull();
    await expect(setup({ sessions: { resolve: async () => 'u1' }, users: { findById: async () => null } }).sut.resolve('ojs_abc')).resolves.toBeNull();
  });

  it('gives null for anything else, and for absurdly long tokens, without a lookup', async () => {
    const { sut } = setup();
    await expect(sut.resolve('something-else')).resolves.toBeNull();
    await expect(sut.resolve(`ojk_${'x'.repeat(300)}`)).resolves.toBeNull();
  });
});
