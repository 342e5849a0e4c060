import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { isDatabaseUnavailable, SubmissionEntity, SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';
import { Identity, isAdmin } from '../auth/identity';

/** A new submission's row as the gateway saves it (`createdAt`: when its POST was admitted; `updatedAt` is the same). */
export type NewSubmission = Omit<SubmissionEntity, 'updatedAt'>;

/** Most submissions saved in one transaction and queued in one round trip. */
export const INTAKE_BATCH = 64;

/** How long an intake waits for Redis before leaving its jobs to the recovery sweep, ms. */
export const ENQUEUE_TIMEOUT_MS = 3000;

/**
 * How far an owner's unfinished submissions are counted for a POST (and the recovery sweep): the
 * MAX_QUEUED_PER_USER check needs no more, and past 1,000 the fair-queueing priority stops
 * growing (such a backlog already goes after every owner with less). Without a cap, each POST of
 * an uncapped owner (an admin) would count its whole backlog.
 */
export function unfinishedCountCap(config: AppConfig): number {
  return Math.max(config.maxQueuedPerUser, 1000);
}

interface Admission {
  row: NewSubmission;
  owner: Identity | null;
  settle(error?: unknown): void;
}

/**
 * Where new submissions enter: saved as `queued`, then put on the queue. Submissions are saved in
 * batches, one batch at a time (group commit): a batch is every submission admitted since the
 * last one was taken (up to `INTAKE_BATCH`), taken once the batch before it is saved, and then
 * gets one count of unfinished submissions per owner, one INSERT for its rows and one Redis round
 * trip for its jobs. A POST costs the database and Redis a share of one statement and one round
 * trip instead of its own, and the slower the database answers the larger the batches grow: on
 * PostgreSQL (a round trip per statement) a batch per event-loop turn, each waiting for the one
 * before, gave batches of 1.2 rows and 560–710 POSTs a second (docs/performance.md). Since a batch is
 * counted after the one before it is saved, one gateway never lets an owner past the cap (two
 * gateways counting at the same moment still may, by their batches' worth).
 *
 * Per submission, in the order admitted:
 * - At most `MAX_QUEUED_PER_USER` unfinished per owner (admins and anonymous callers uncapped):
 *   the owner's count in the database, plus the owner's submissions admitted before it in the
 *   batch. Past it, that submission alone is refused (429) and nothing of it is saved.
 * - Fair queueing: its job's priority is that count plus one (this one included; counted up to
 *   `unfinishedCountCap`), so a newcomer's first submission goes before a flooder's backlog.
 * - Once saved it is never lost: a job that Redis does not take within `ENQUEUE_TIMEOUT_MS` is
 *   left to the recovery sweep (submission-recovery.service.ts), and `admit` resolves.
 * A batch whose INSERT fails is saved again a row at a time when the database is reachable
 * (so one bad row fails alone); when the database is unreachable, every submission of the batch
 * is refused with its error (the exception filter answers 503).
 */
@Injectable()
export class SubmissionIntake {
  private readonly logger = new Logger(SubmissionIntake.name);
  private pending: Admission[] = [];
  /** A drain is set to run at the end of this event-loop turn. */
  private scheduled = false;
  /** A batch is being counted and saved: the next one is taken when it is done. */
  private saving = false;

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly queue: SubmissionQueue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Saves `row` (a new submission, status `queued`, owner `owner?.id`) and queues it, with the
   * submissions admitted while the batch before it was being saved.
   * @throws HttpException 429 (MAX_QUEUED_PER_USER unfinished submissions already), the
   * database's error (nothing saved)
   */
  admit(row: NewSubmission, owner: Identity | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, owner, settle: (e) => (e === undefined ? resolve() : reject(e)) });
      this.schedule();
    });
  }

  /** Takes the next batch at the end of this event-loop turn (so the turn's other POSTs join it), unless one is being saved. */
  private schedule(): void {
    if (this.scheduled || this.saving || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    if (this.saving || this.pending.length === 0) return;
    const batch = this.pending.splice(0, INTAKE_BATCH);
    this.saving = true;
    const saved = this.countAndSave(batch);
    void saved
      .then((s) => void this.enqueue(s), (e) => batch.forEach((a) => a.settle(e)))
      .finally(() => {
        this.saving = false;
        this.schedule();
      });
  }

  /** Counts the owners' unfinished submissions, refuses those past the cap, saves the others: answers those saved, with their priorities. */
  private async countAndSave(batch: Admission[]): Promise<Array<Admission & { priority: number }>> {
    const owners = [...new Set(batch.flatMap((a) => (a.owner ? [a.owner.id] : [])))];
    const cap = unfinishedCountCap(this.config);
    const counts = new Map(await Promise.all(owners.map(async (o) => [o, await this.submissions.countUnfinished(o, { atMost: cap })] as const)));
    const accepted: Array<Admission & { priority: number }> = [];
    for (const a of batch) {
      const ownerId = a.owner?.id;
      const unfinished = ownerId ? counts.get(ownerId)! : 0;
      const max = this.config.maxQueuedPerUser;
      if (ownerId && !isAdmin(a.owner) && unfinished >= max) {
        a.settle(new HttpException(`submissions: ${unfinished} of yours are not finished yet; at most ${max} at once (MAX_QUEUED_PER_USER)`, HttpStatus.TOO_MANY_REQUESTS));
        continue;
      }
      if (ownerId) counts.set(ownerId, unfinished + 1);
      accepted.push({ ...a, priority: unfinished + 1 });
    }
    return this.save(accepted);
  }

  /** Queues the saved submissions' jobs (or leaves them to the recovery sweep) and answers their POSTs. */
  private async enqueue(saved: Array<Admission & { priority: number }>): Promise<void> {
    if (saved.length === 0) return;
    try {
      await withTimeout(this.queue.enqueueFresh(saved.map((a) => ({ submissionId: a.row.id, priority: a.priority }))), ENQUEUE_TIMEOUT_MS);
    } catch (e) {
      this.logger.warn(`${saved.length} submission(s) saved but not yet queued (${(e as Error).message}); the recovery sweep will queue them`);
    }
    saved.forEach((a) => a.settle());
  }

  /** Saves the rows in one transaction (a row at a time if that fails while the database answers); answers those saved, having refused the others. */
  private async save<T extends Admission>(accepted: T[]): Promise<T[]> {
    if (accepted.length === 0) return [];
    try {
      await this.submissions.insertMany(accepted.map((a) => a.row));
      return accepted;
    } catch (e) {
      if (accepted.length === 1 || isDatabaseUnavailable(e)) throw e;
    }
    const saved: T[] = [];
    for (const a of accepted) {
      try {
        await this.submissions.insertMany([a.row]);
        saved.push(a);
      } catch (e) {
        a.settle(e);
      }
    }
    return saved;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
  ]);
}
