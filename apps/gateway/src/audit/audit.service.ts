import { Injectable } from '@nestjs/common';
import { AuditEntryViewDto, AuditPageDto } from '@app/contracts';
import { AuditRepository } from '@app/persistence';
import type { Identity } from '../auth/identity';

/** What the audit log records. */
export type AuditTarget = 'problem' | 'key' | 'user';

/** Appends to and reads the audit log (who created, changed or deleted a problem, key or user, and when). */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Records `action` (e.g. `problem.create`) by `actor` (null: anonymous, as in open registration). */
  record(actor: Identity | null, action: string, targetType: AuditTarget, targetId: string, detail: Record<string, unknown> | null = null): Promise<void> {
    return this.audit.append({ actorId: actor?.id ?? null, actorName: actor?.name ?? null, action, targetType, targetId, detail });
  }

  /** A page of entries, newest first; `cursor` is the previous page's `nextCursor`. */
  async page(limit = 50, cursor?: string): Promise<AuditPageDto> {
    const rows = await this.audit.page(limit + 1, cursor === undefined ? undefined : Number(cursor));
    const items: AuditEntryViewDto[] = rows.slice(0, limit).map((e) => ({
      id: e.id, at: new Date(e.at).toISOString(), actorId: e.actorId, actorName: e.actorName,
      action: e.action, targetType: e.targetType, targetId: e.targetId, detail: e.detail,
    }));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }
}
