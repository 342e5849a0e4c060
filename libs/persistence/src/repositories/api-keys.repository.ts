import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';

/** API keys (programs' credentials), found by the SHA-256 of the key. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(ApiKeyEntity);
  }

  async insert(k: Omit<ApiKeyEntity, 'createdAt'>): Promise<ApiKeyEntity> {
    await this.repo.insert(k);
    return (await this.repo.findOneBy({ id: k.id }))!;
  }

  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ keyHash });
  }

  /** Every key, oldest first. */
  list(): Promise<ApiKeyEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC', name: 'ASC' } });
  }

  /** The deleted key, or null when there was none. */
  async delete(id: string): Promise<ApiKeyEntity | null> {
    const k = await this.repo.findOneBy({ id });
    if (!k) return null;
    await this.repo.delete({ id });
    return k;
  }
}
