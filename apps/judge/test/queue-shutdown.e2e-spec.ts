// The judge's queue at shutdown, against real Redis and BullMQ: a job whose handler is still
// running after JUDGE_SHUTDOWN_MS is handed back, and the worker closes before the queue's
// connections are quit, without waiting for the handler. (Quitting first made BullMQ retry the
// job's completion on a closed connection at once and forever when the handler ended later: a
// judge spun at full CPU after SIGTERM, no timer firing, never exiting; seen once in CI.)
process.env.JUDGE_SHUTDOWN_MS = '300';

import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';
import { JudgeJob, SUBMISSION_QUEUE } from '@app/contracts';
import { SubmissionQueue } from '@app/queue';
import { cleanUp } from '../../../test/support/stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  await cleanUp();
});

it('a job still running at the shutdown deadline is handed back, and the worker closes without waiting for its handler', async () => {
  const queue = new SubmissionQueue(AppConfig.fromEnvironment());
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  let finish!: () => void;
  const handlerDone = new Promise<void>((r) => (finish = r));
  let aborted = false;
  const worker = queue.consume(1, async (_job: Job<JudgeJob>, signal) => {
    signal.addEventListener('abort', () => (aborted = true));
    started();
    // A run the abort does not stop (its box is killed later in a judge's shutdown).
    await handlerDone;
  }, async () => undefined);
  let workerClosed = false;
  worker.on('closed', () => (workerClosed = true));
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    await queue.enqueueFresh([{ submissionId: 'sub-1', priority: 1 }]);
    await running;

    await queue.onModuleDestroy();
    expect(aborted).toBe(true);
    // Closed before its connection was quit, though the handler has not ended.
    expect(workerClosed).toBe(true);
    // Back in the queue for another judge (waiting, by priority), neither active nor failed.
    const reader = new Queue(SUBMISSION_QUEUE, { connection: redis, prefix: AppConfig.fromEnvironment().redisKeys.queuePrefix });
    expect(await reader.getJobState('sub-1')).toBe('prioritized');
    await reader.close();

    // The handler ends after the connections were quit: nothing spins (a spin would starve this
    // timer, and the spec would never end).
    finish();
    await sleep(100);
  } finally {
    // Only once the worker has closed: ending the handler on a worker still open over quit
    // connections is the very spin this spec guards against, and would hang the test runner.
    if (workerClosed) finish();
    redis.disconnect();
  }
});
