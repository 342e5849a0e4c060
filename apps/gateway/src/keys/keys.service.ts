import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CreateKeyDto, KeyCreatedDto, KeyViewDto } from '@app/contracts';
import { ApiKeyEntity, ApiKeysRepository } from '@app/persistence';
import { AuditService } from '../audit/audit.service';
import type { Identity } from '../auth/identity';
import { KEY_PREFIX, newToken, sha256 } from '../auth/tokens';

function toKeyView(k: ApiKeyEntity): KeyViewDto {
  return { id: k.id, name: k.name, role: k.role, prefix: k.prefix, createdAt: new Date(k.createdAt).toISOString() };
}

/** API keys for programs: random 256-bit keys, shown once, stored as SHA-256. */
@Injectable()
export class KeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateKeyDto, actor: Identity): Promise<KeyCreatedDto> {
    const key = newToken(KEY_PREFIX);
    const row = await this.keys.insert({ id: randomUUID(), name: dto.name, role: dto.role, keyHash: sha256(key), prefix: key.slice(0, 10), createdBy: actor.id });
    await this.audit.record(actor, 'key.create', 'key', row.id, { name: row.name, role: row.role });
    return { ...toKeyView(row), key };
  }

  async list(): Promise<KeyViewDto[]> {
    return (await this.keys.list()).map(toKeyView);
  }

  /** Deletes the key: it stops working at once on every gateway (each request looks it up). @throws NotFoundException */
  async revoke(id: string, actor: Identity): Promise<void> {
    const k = await this.keys.delete(id);
    if (!k) throw new NotFoundException(`no key ${id}`);
    await this.audit.record(actor, 'key.delete', 'key', id, { name: k.name });
  }
}
