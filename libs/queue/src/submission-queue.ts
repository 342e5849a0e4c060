import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, WaitingError, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { JudgeJob, SUBMISSION_QUEUE } from '@app/contracts';
import { createRedisClient, RedisClient, redisErrorLog } from '@app/redis';
import { FailedJobsWatch } from './failed-jobs';

/** BullMQ's largest job priority (2^21). */
export const MAX_PRIORITY = 2_097_152;

/** A job priority BullMQ takes: a whole number from 1 to `MAX_PRIORITY`. */
function jobPriority(priority: number): number {
  return Math.min(MAX_PRIORITY, Math.max(1, Math.floor(priority)));
}

/**
 * Thrown by a `consume` handler that has not started the job's work (nothing written): the job
 * goes back to waiting at once, for any judge to take, without counting as an attempt or a stall.
 */
export class HandBackJob extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'HandBackJob';
  }
}

/** How long shutdown waits for the queue's workers to close once running jobs were handed back, ms. */
export const WORKER_CLOSE_MS = 5000;

/** Whether `p` resolved within `ms` (true) or not (false). */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** How often a judge reads the queue's failed set (FailedJobsWatch), ms. */
export const FAILED_POLL_MS = 1000;

/** BullMQ's reason for a job whose judge died more than `maxStalledCount` times. */
const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

/**
 * The durable queue of submissions to judge (BullMQ on Redis). Producers `enqueue`; judges
 * `consume`. A job's id is the submission id, so enqueueing twice is harmless. A job whose judge
 * dies stops renewing its lock (`JUDGE_LOCK_MS`) and is handed to another judge by BullMQ's
 * stalled-job check (every `JUDGE_STALLED_INTERVAL_MS`), at most `JUDGE_MAX_STALLED` times.
 * Its connections come from `createRedisClient` (kinds `queue` and `worker`; BullMQ adds a
 * blocking copy of the worker's): standalone, sentinel or cluster, where the prefix
 * carries a hash tag (`RedisKeys.queuePrefix`). Their errors go to the rate-limited Redis log.
 */
@Injectable()
export class SubmissionQueue implements OnModuleDestroy {
  private readonly logger = new Logger(SubmissionQueue.name);
  private queue?: Queue<JudgeJob>;
  private queueClient?: RedisClient;
  private readonly workers: Worker<JudgeJob>[] = [];
  /** Connections made here: BullMQ does not close connections it was given. */
  private readonly connections: RedisClient[] = [];
  private readonly failures: FailedJobsWatch[] = [];
  /** Jobs this process runs now, with their lock tokens (to hand them back on shutdown) and abort controllers. */
  private readonly running = new Map<string, { job: Job<JudgeJob>; token: string; abort: AbortController }>();

  /** Told when shutdown begins, before the wait for running jobs (`consume`'s `onClosing`). */
  private readonly closing: Array<() => void> = [];

  constructor(private readonly config: AppConfig) {}

  private connection(kind: 'queue' | 'worker'): RedisClient {
    // BullMQ requires maxRetriesPerRequest: null so a Redis restart blocks instead of failing jobs.
    const c = createRedisClient(this.config.redisTopology, kind, { maxRetriesPerRequest: null });
    this.connections.push(c);
    return c;
  }

  private get prefix(): string {
    return this.config.redisKeys.queuePrefix;
  }

  private get q(): Queue<JudgeJob> {
    if (this.queue) return this.queue;
    this.queue = new Queue<JudgeJob>(SUBMISSION_QUEUE, {
      connection: this.redis,
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      },
    });
    this.queue.on('error', (e) => redisErrorLog.error('queue', e));
    return this.queue;
  }

  /** The queue's connection, also for the reads BullMQ has no call for (FailedJobsWatch). */
  private get redis(): RedisClient {
    return (this.queueClient ??= this.connection('queue'));
  }

  /**
   * Adds the submission's job unless one is already waiting or active. `priority` (1 first, up to
   * `MAX_PRIORITY`; equal priorities in arrival order) is how gateways queue fairly: they give
   * the owner's count of unfinished submissions, so one identity's backlog waits behind
   * everyone else's next submission. Submissions just created go through `enqueueFresh`.
   */
  async enqueue(submissionId: string, priority = 1): Promise<void> {
    const existing = await this.q.getJob(submissionId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove().catch(() => undefined);
    }
    await this.q.add('judge', { submissionId }, { jobId: submissionId, priority: jobPriority(priority) });
  }

  /**
   * Adds the jobs of submissions just created (no job of them can exist), each with its
   * `priority` as `enqueue` takes it, in one Redis round trip (BullMQ's `addBulk`: one MULTI).
   */
  async enqueueFresh(jobs: Array<{ submissionId: string; priority: number }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.q.addBulk(jobs.map(({ submissionId, priority }) => ({
      name: 'judge', data: { submissionId }, opts: { jobId: submissionId, priority: jobPriority(priority) },
    })));
  }

  /** Job counts by state: `{ waiting, active, delayed, failed, completed }`. */
  counts(): Promise<Record<string, number>> {
    return this.q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  }

  /** Jobs not yet taken by a judge: waiting, prioritized (fair queueing) and delayed (retries). */
  async backlog(): Promise<number> {
    const c = await this.q.getJobCounts('waiting', 'prioritized', 'delayed');
    return (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0);
  }

  /** Job counts Judge0's `/workers` shows: not yet taken (`backlog`), being judged (`active`), failed for good (`failed`). */
  async workload(): Promise<{ backlog: number; active: number; failed: number }> {
    const c = await this.q.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'failed');
    return { backlog: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0), active: c.active ?? 0, failed: c.failed ?? 0 };
  }

  /** Queue consumers connected to Redis right now (each judge process has one). */
  consumers(): Promise<number> {
    return this.q.getWorkersCount();
  }

  /**
   * Starts consuming with `concurrency` jobs at once. `handler` throwing makes BullMQ retry the
   * job (3 attempts). Its `signal` is aborted when the job was handed back at shutdown: from then
   * on another judge owns it, and the handler must write nothing more. `onFailed(submissionId, message)` is told when BullMQ gave up on a job:
   * its last attempt threw, or its judge died more than `JUDGE_MAX_STALLED` times (a poison
   * submission). Every consuming process hears it (FailedJobsWatch: the failed set, read every
   * `FAILED_POLL_MS`), so it is heard even when the judge that ran the job is dead; `onFailed` must
   * tolerate being called more than once.
   * A handler that throws `HandBackJob` (it started nothing) sends the job back to waiting at once.
   * `onClosing` is called when shutdown begins, before the wait for running jobs, so that jobs not
   * yet started can end that way instead of holding the shutdown.
   */
  consume(
    concurrency: number,
    handler: (job: Job<JudgeJob>, signal: AbortSignal) => Promise<void>,
    onFailed: (submissionId: string, message: string) => Promise<void>,
    onClosing?: () => void,
  ): Worker<JudgeJob> {
    if (onClosing) this.closing.push(onClosing);
    const { lockMs, stalledIntervalMs, maxStalled } = this.config.judgeQueue;
    const worker = new Worker<JudgeJob>(SUBMISSION_QUEUE, async (job, token) => {
      const abort = new AbortController();
      this.running.set(job.id!, { job, token: token!, abort });
      // Handed back at shutdown (`onModuleDestroy` moves it to waiting): BullMQ is answered at
      // once (WaitingError: the job was moved), not when the handler's run ends (its boxes are
      // killed later in the shutdown), so that the worker closes before its connection is quit.
      const handedBack = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(new WaitingError()), { once: true }));
      handedBack.catch(() => undefined);
      const work = handler(job, abort.signal);
      try {
        await Promise.race([work, handedBack]);
      } catch (e) {
        if (abort.signal.aborted) {
          // What the handler does from here is another judge's business: nothing of it is awaited.
          work.catch(() => undefined);
          throw new WaitingError();
        }
        if (!(e instanceof HandBackJob)) throw e;
        // Not started: straight back to waiting; WaitingError tells BullMQ the job was moved.
        await job.moveToWait(token!);
        throw new WaitingError();
      } finally {
        this.running.delete(job.id!);
      }
    }, {
      connection: this.connection('worker'),
      prefix: this.prefix,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: stalledIntervalMs,
      maxStalledCount: maxStalled,
    });
    worker.on('error', (err) => redisErrorLog.error('worker', err));
    const failures = new FailedJobsWatch({
      since: async (from, offset, limit) => {
        const flat = await this.redis.zrangebyscore(this.q.keys.failed, from, '+inf', 'WITHSCORES', 'LIMIT', offset, limit);
        const rows: Array<[string, number]> = [];
        for (let i = 0; i < flat.length; i += 2) rows.push([flat[i], Number(flat[i + 1])]);
        return rows;
      },
      reason: (jobId) => this.redis.hget(this.q.toKey(jobId), 'failedReason'),
    }, (jobId, failedReason) => onFailed(jobId, failedReason === STALLED_TOO_OFTEN
      ? `its judge died ${maxStalled + 1} times while judging it (killed, crashed or out of memory); given up (JUDGE_MAX_STALLED=${maxStalled})`
      : `judging failed 3 times: ${failedReason}`), FAILED_POLL_MS);
    failures.start();
    this.failures.push(failures);
    this.workers.push(worker);
    return worker;
  }

  /**
   * Graceful shutdown: tells the consumers (`onClosing`), stops taking new jobs and waits up to
   * `JUDGE_SHUTDOWN_MS` for the running ones; those still running then are handed back to the queue (moved to waiting, without
   * counting as a stall) for another judge to start over, and the process may exit. The
   * connections are quit only once the workers have closed (at most `WORKER_CLOSE_MS` after the
   * hand-back): BullMQ retries a job's completion on a quit connection at once and forever,
   * which would spin the process at full CPU with no timer ever firing.
   */
  async onModuleDestroy(): Promise<void> {
    for (const tell of this.closing) tell();
    const closed = Promise.all(this.workers.map((w) => w.close())).then(() => true);
    const inTime = await within(closed, this.config.judgeShutdownMs);
    if (!inTime) {
      this.logger.warn(`shutdown: ${this.running.size} job(s) still running after ${this.config.judgeShutdownMs} ms (JUDGE_SHUTDOWN_MS): handed back to the queue`);
      await Promise.all([...this.running.values()].map(async ({ job, token, abort }) => {
        // First the handler stops writing, then the job goes back: never two writers at once.
        abort.abort();
        await job.moveToWait(token).catch((e) => this.logger.warn(`job ${job.id}: ${(e as Error).message}`));
      }));
      // The processors answered BullMQ at the abort: the workers close now, without the runs.
      if (!(await within(closed, WORKER_CLOSE_MS))) this.logger.warn(`shutdown: the queue's workers did not close within ${WORKER_CLOSE_MS} ms of the hand-back`);
    }
    this.failures.forEach((f) => f.stop());
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
