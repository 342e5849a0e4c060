import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';
import { unfinishedCountCap } from './submission-intake';

/**
 * The guarantee that a submission answered with 202 reaches a final verdict: every
 * `RECOVERY_INTERVAL_MS`, unfinished submissions not updated for `RECOVERY_STALE_MS` are put back on the queue unless their job is still
 * waiting or running. That covers a POST made while Redis was down and a Redis that lost its
 * data on restart; a judge dying mid-run is covered by BullMQ's stalled-job check. Enqueueing
 * is idempotent (job id = submission id), so any number of gateways may sweep. Jobs get the same
 * priority rule as a POST (fair queueing; see SubmissionsService.create).
 */
@Injectable()
export class SubmissionRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubmissionRecoveryService.name);
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly queue: SubmissionQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.recoveryIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many submissions were (re)queued or confirmed queued. */
  async sweep(staleAfterMs = this.config.recoveryStaleMs): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const stale = await this.submissions.findStale(new Date(Date.now() - staleAfterMs));
      // The same fair-queueing rule as a POST: the owner's unfinished submissions up to this one.
      for (const s of stale) await this.queue.enqueue(s.id, s.ownerId ? await this.submissions.countUnfinished(s.ownerId, { upTo: s.createdAt, atMost: unfinishedCountCap(this.config) }) : 1);
      if (stale.length) this.logger.log(`recovery: checked ${stale.length} unfinished submission(s) against the queue`);
      return stale.length;
    } catch (e) {
      this.logger.warn(`recovery sweep failed: ${(e as Error).message}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
