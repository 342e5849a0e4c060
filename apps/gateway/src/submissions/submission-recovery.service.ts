import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SubmissionsRepository } from '@app/persistence';
import { SubmissionQueue } from '@app/queue';

/** Unfinished submissions untouched for this long are checked against the queue. */
export const STALE_AFTER_MS = 20000;
const SWEEP_EVERY_MS = 10000;

/**
 * The guarantee that a submission answered with 202 reaches a final verdict: every few seconds,
 * unfinished submissions not updated lately are put back on the queue unless their job is still
 * waiting or running. That covers a POST made while Redis was down and a Redis that lost its
 * data on restart; a judge dying mid-run is covered by BullMQ's stalled-job check. Enqueueing
 * is idempotent (job id = submission id), so any number of gateways may sweep.
 */
@Injectable()
export class SubmissionRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubmissionRecoveryService.name);
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly queue: SubmissionQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns how many submissions were (re)queued or confirmed queued. */
  async sweep(staleAfterMs = STALE_AFTER_MS): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const stale = await this.submissions.findStale(new Date(Date.now() - staleAfterMs));
      for (const s of stale) await this.queue.enqueue(s.id);
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
