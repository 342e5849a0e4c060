import { NotFoundException } from '@nestjs/common';
import { Role } from '@app/contracts';
import { ApiKeysRepository } from '@app/persistence';
import { strictMock } from '../../../../test/support/strict-mock';
import { AuditService } from '../audit/audit.service';
import { ADMIN_TOKEN_IDENTITY } from '../auth/identity';
import { sha256 } from '../auth/tokens';
import { KeysService } from './keys.service';

describe('KeysService', () => {
  it('creates a random high-entropy key, stores only its SHA-256, shows it once, audits', async () => {
    const repo = strictMock<ApiKeysRepository>('ApiKeysRepository', { insert: async (k: object) => ({ ...k, createdAt: new Date(0) }) });
    const audit = strictMock<AuditService>('AuditService', { record: async () => undefined });
    const sut = new KeysService(repo, audit);
    const a = await sut.create({ name: 'ci', role: Role.User }, ADMIN_TOKEN_IDENTITY);
    const b = await sut.create({ name: 'ci', role: Role.User }, ADMIN_TOKEN_IDENTITY);
    expect(a.key).toMatch(/^ojk_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    const stored = repo.insert.mock.calls[0][0];
    expect(stored).toMatchObject({ name: 'ci', role: Role.User, keyHash: sha256(a.key), prefix: a.key.slice(0, 10), createdBy: 'admin-token' });
    expect(JSON.stringify(stored)).not.toContain(a.key);
    expect(audit.record).toHaveBeenCalledWith(ADMIN_TOKEN_IDENTITY, 'key.create', 'key', stored.id, { name: 'ci', role: Role.User });
  });

  it('revoking an unknown key is 404 and audits nothing', async () => {
    const sut = new KeysService(strictMock<ApiKeysRepository>('ApiKeysRepository', { delete: async () => null }), strictMock<AuditService>('AuditService'));
    await expect(sut.revoke('k1', ADMIN_TOKEN_IDENTITY)).rejects.toBeInstanceOf(NotFoundException);
  });
});
