import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SubmissionsRepository, toSubmissionView } from '@app/persistence';
import { SubmissionWatchers } from './submission-watchers';

/** How long a watched submission may go without an update before it is read again, ms. */
export const RESYNC_QUIET_MS = 5000;
/** Submissions read per query. */
const BATCH = 200;

/**
 * The safety net under the fire-and-forget events: every `RESYNC_QUIET_MS`, the watched
 * submissions that had no update for that long are read from the database and handed to their
 * watchers, which drop what is not newer than what they sent. An event lost while this gateway's
 * Redis listener was away (a Redis restart, a Sentinel or Cluster failover) then delays a
 * client's frame by one interval instead of leaving it without its final one. Costs one query
 * per 200 quiet watched submissions per interval (queued ones, mostly).
 */
@Injectable()
export class SubmissionResync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SubmissionResync.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly watchers: SubmissionWatchers,
    private readonly submissions: SubmissionsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), RESYNC_QUIET_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Reads the quiet watched submissions and hands them to their watchers; returns how many were read. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let read = 0;
    try {
      const quiet = this.watchers.quietFor(RESYNC_QUIET_MS);
      for (let i = 0; i < quiet.length; i += BATCH) {
        for (const s of await this.submissions.findByIds(quiet.slice(i, i + BATCH))) {
          read++;
          this.watchers.emit(toSubmissionView(s));
        }
      }
    } catch (e) {
      this.logger.warn(`cannot read watched submissions again: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
    return read;
  }
}
