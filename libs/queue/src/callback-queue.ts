import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { CALLBACK_QUEUE, CallbackJob } from '@app/contracts';
import { createRedisClient, RedisClient, redisErrorLog } from '@app/redis';

/** Delay before the first retry of a failed delivery, ms; doubled for each one after (exponential backoff). */
export const CALLBACK_BACKOFF_MS = 1000;

/**
 * The durable queue of result deliveries (BullMQ on Redis): judges `enqueue` a submission once it
 * is finished and asked for a callback; gateways `consume` and deliver. A job's id is the
 * submission id, so a judge recording the end twice delivers once; a failed delivery is retried
 * `CALLBACK_MAX_TRIES` times in all with exponential backoff, and survives restarts of judges and
 * gateways (it waits in Redis). Its connections come from `createRedisClient` (kinds `callbacks`
 * and `callback-worker`) like the submission queue's: any topology, errors to the Redis log.
 */
@Injectable()
export class CallbackQueue implements OnModuleDestroy {
  private readonly logger = new Logger(CallbackQueue.name);
  private queue?: Queue<CallbackJob>;
  private readonly workers: Worker<CallbackJob>[] = [];
  /** Connections made here: BullMQ does not close connections it was given. */
  private readonly connections: RedisClient[] = [];

  constructor(private readonly config: AppConfig) {}

  private connection(kind: 'callbacks' | 'callback-worker'): RedisClient {
    // BullMQ requires maxRetriesPerRequest: null so a Redis restart blocks instead of failing jobs.
    const c = createRedisClient(this.config.redisTopology, kind, { maxRetriesPerRequest: null });
    this.connections.push(c);
    return c;
  }

  private get q(): Queue<CallbackJob> {
    if (this.queue) return this.queue;
    this.queue = new Queue<CallbackJob>(CALLBACK_QUEUE, {
      connection: this.connection('callbacks'),
      prefix: this.config.redisKeys.queuePrefix,
      defaultJobOptions: {
        attempts: this.config.callbackMaxTries,
        backoff: { type: 'exponential', delay: CALLBACK_BACKOFF_MS },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      },
    });
    this.queue.on('error', (e) => redisErrorLog.error('callbacks', e));
    return this.queue;
  }

  /** Queues the delivery of `submissionId`'s result (once: a second call for the same id is a no-op). */
  async enqueue(submissionId: string): Promise<void> {
    await this.q.add('deliver', { submissionId }, { jobId: submissionId });
  }

  /** Starts delivering, `concurrency` at once; `handler` throwing retries the job with backoff. */
  consume(concurrency: number, handler: (job: Job<CallbackJob>) => Promise<void>): Worker<CallbackJob> {
    const worker = new Worker<CallbackJob>(CALLBACK_QUEUE, handler, {
      connection: this.connection('callback-worker'), prefix: this.config.redisKeys.queuePrefix, concurrency,
    });
    worker.on('failed', (job, err) => this.logger.warn(`callback of ${job?.data.submissionId} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    worker.on('error', (err) => redisErrorLog.error('callback-worker', err));
    this.workers.push(worker);
    return worker;
  }

  /** Job counts by state. */
  counts(): Promise<Record<string, number>> {
    return this.q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.queue?.close();
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
