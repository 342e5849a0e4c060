import { Logger } from '@nestjs/common';

/** How far back a watch that starts looks for jobs given up on, ms: those its process may have missed while it was down. */
export const FAILED_LOOK_BACK_MS = 60 * 60 * 1000;
/**
 * How far behind the newest failure seen each read starts again, ms: a failure's score is the
 * failing process's clock when it failed the job, so one can land in the set after a newer score
 * was read (clocks of two judges apart, a command replayed after a reconnect).
 */
export const FAILED_OVERLAP_MS = 60 * 1000;
/** Most failed jobs read per round trip. */
const BATCH = 500;

/** Where a `FailedJobsWatch` reads: the failed set and a failed job's reason. */
export interface FailedSet {
  /**
   * Members of the failed set scored `since` (ms) or later, in score order, from the `offset`-th,
   * at most `limit`: [jobId, failed at ms] (`ZRANGEBYSCORE … WITHSCORES LIMIT offset limit`).
   */
  since(since: number, offset: number, limit: number): Promise<Array<[string, number]>>;
  /** Why the job failed (BullMQ's `failedReason`); null when the job is gone. */
  reason(jobId: string): Promise<string | null>;
}

/**
 * Tells a judge about jobs BullMQ gave up on (their last attempt threw, or their judge died more
 * than `maxStalledCount` times), whichever process failed them: BullMQ keeps failed jobs in a
 * sorted set scored by when they failed (ms), read here every `intervalMs` (one ZRANGEBYSCORE)
 * from `FAILED_OVERLAP_MS` before the newest score seen or before now, whichever is later (so
 * clocks of judges may differ by up to that much); a failure already told (the same job at the
 * same score) is not told again. It replaces a QueueEvents reader, which parsed every entry
 * of the queue's event stream (four a job) to find the rare `failed` one. A watch that starts
 * looks back `FAILED_LOOK_BACK_MS`, so a failure its process missed while it was down is told
 * too: `onFailed` must tolerate being told of a job more than once.
 */
export class FailedJobsWatch {
  private readonly logger = new Logger(FailedJobsWatch.name);
  /** Lowest score still read (inclusive). */
  private from: number;
  /** Failures told (`<jobId> <score>`) with their scores, down to `from`. */
  private readonly told = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly failed: FailedSet,
    private readonly onFailed: (jobId: string, failedReason: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.from = clock() - FAILED_LOOK_BACK_MS;
  }

  /** Polls now, then every `intervalMs` (counted from the end of the last poll) until `stop`. */
  start(): void {
    const tick = () => {
      void this.poll()
        .catch((e) => { if (!this.stopped) this.logger.warn(`reading the failed jobs: ${(e as Error).message}`); })
        .finally(() => { if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs); });
    };
    this.timer = setTimeout(tick, 0);
  }

  /**
   * Stops polling at once: a poll under way tells nobody more and is not waited for (while Redis
   * is unreachable its read waits for Redis, and shutdown must not).
   */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * One pass: tells `onFailed` of every job failed since the last pass (an `onFailed` that throws
   * is logged, not retried).
   * @throws what Redis throws (the next pass reads from the same score).
   */
  async poll(): Promise<void> {
    let newest = -Infinity;
    for (let offset = 0; ; offset += BATCH) {
      const rows = await this.failed.since(this.from, offset, BATCH);
      for (const [jobId, at] of rows) {
        if (this.stopped) return;
        newest = Math.max(newest, at);
        const key = `${jobId} ${at}`;
        if (this.told.has(key)) continue;
        this.told.set(key, at);
        const reason = (await this.failed.reason(jobId)) ?? 'unknown';
        await this.onFailed(jobId, reason).catch((e) => this.logger.error(`job ${jobId}: cannot record the failure: ${(e as Error).message}`));
      }
      if (rows.length < BATCH) break;
    }
    // From the newest failure seen, or this process's clock when nothing newer failed, less the overlap.
    const from = Math.max(newest, this.clock()) - FAILED_OVERLAP_MS;
    if (from > this.from) {
      this.from = from;
      for (const [key, at] of this.told) if (at < this.from) this.told.delete(key);
    }
  }
}
