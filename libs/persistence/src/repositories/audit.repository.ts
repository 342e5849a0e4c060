import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';

/** The audit log: appended to, read newest first. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(AuditEntryEntity);
  }

  async append(e: Omit<AuditEntryEntity, 'id' | 'at'>): Promise<void> {
    await this.repo.insert({ ...e, detail: e.detail as never });
  }

  /** Up to `limit` entries older than entry `beforeId` (all when undefined), newest first. */
  page(limit: number, beforeId?: number): Promise<AuditEntryEntity[]> {
    return this.repo.find({ where: beforeId === undefined ? {} : { id: LessThan(beforeId) }, order: { id: 'DESC' }, take: limit });
  }
}
