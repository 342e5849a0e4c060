import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { JudgeJob, SUBMISSION_QUEUE } from '@app/contracts';
import { createRedisClient, RedisClient, redisErrorLog } from '@app/redis';

/** BullMQ's largest job priority (2^21). */
export const MAX_PRIORITY = 2_097_152;

/**
 * The durable queue of submissions to judge (BullMQ on Redis). Producers `enqueue`; judges
 * `consume`. A job's id is the submission id, so enqueueing twice is harmless. A job whose judge
 * dies stops renewing its lock and is handed to another judge by BullMQ's stalled-job check.
 * Its connections come from `createRedisClient` (kinds `queue` and `worker`; BullMQ adds a
 * blocking copy of the worker's): standalone, sentinel or cluster, where the prefix carries a
 * hash tag (`RedisKeys.queuePrefix`). Their errors go to the rate-limited Redis log.
 */
@Injectable()
export class SubmissionQueue implements OnModuleDestroy {
  private readonly logger = new Logger(SubmissionQueue.name);
  private queue?: Queue<JudgeJob>;
  private readonly workers: Worker<JudgeJob>[] = [];
  /** Connections made here: BullMQ does not close connections it was given. */
  private readonly connections: RedisClient[] = [];

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
      connection: this.connection('queue'),
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

  /**
   * Adds the submission's job unless one is already waiting or active. `priority` (1 first, up to
   * `MAX_PRIORITY`; equal priorities in arrival order) is how gateways queue fairly: they give
   * the owner's count of unfinished submissions, so one identity's backlog waits behind
   * everyone else's next submission.
   */
  async enqueue(submissionId: string, priority = 1): Promise<void> {
    const existing = await this.q.getJob(submissionId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      await existing.remove().catch(() => undefined);
    }
    await this.q.add('judge', { submissionId }, { jobId: submissionId, priority: Math.min(MAX_PRIORITY, Math.max(1, Math.floor(priority))) });
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
   * job (3 attempts); `onFailed` is told when the last attempt failed.
   */
  consume(
    concurrency: number,
    handler: (job: Job<JudgeJob>) => Promise<void>,
    onFailed: (job: Job<JudgeJob>, error: Error) => Promise<void>,
  ): Worker<JudgeJob> {
    const worker = new Worker<JudgeJob>(SUBMISSION_QUEUE, handler, {
      connection: this.connection('worker'),
      prefix: this.prefix,
      concurrency,
      lockDuration: 15000,
      stalledInterval: 5000,
      maxStalledCount: 3,
    });
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void onFailed(job, err).catch((e) => this.logger.error(e));
    });
    worker.on('error', (err) => redisErrorLog.error('worker', err));
    this.workers.push(worker);
    return worker;
  }

  /** Stops taking new jobs and waits for the running ones (graceful shutdown). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
