import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SupersededWriteError } from '@app/persistence';
import { HandBackJob, SubmissionQueue } from '@app/queue';
import { JudgeService } from './judge.service';
import { CpuSlots, SlotsClosedError } from './judging/cpu-slots';
import { SubmissionRecorder } from './judging/submission-recorder';

/**
 * Consumes the submission queue with `JUDGE_IN_FLIGHT` jobs at once (their runs share
 * `JUDGE_CONCURRENCY` CPU slots: judging/cpu-slots.ts; at shutdown, those still waiting for a
 * slot go back to the queue at once). It starts only once the
 * application is fully up (database migrated, toolchains found), and the queue's shutdown hook
 * waits for jobs in flight up to `JUDGE_SHUTDOWN_MS` (novu's cold-start habit). A job the queue
 * gave up on (3 failed attempts, or its judge died more than `JUDGE_MAX_STALLED` times) ends `IE`
 * with the reason.
 */
@Injectable()
export class JudgeWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(JudgeWorker.name);

  constructor(
    private readonly config: AppConfig,
    private readonly queue: SubmissionQueue,
    private readonly judge: JudgeService,
    private readonly recorder: SubmissionRecorder,
    private readonly cpu: CpuSlots,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.consume(
      this.config.judgeInFlight,
      async (job, signal) => {
        const id = job.data.submissionId;
        signal.addEventListener('abort', () => this.recorder.release(id), { once: true });
        try {
          await this.judge.judge(id, job.opts.priority ?? 1);
        } catch (e) {
          // It never got a CPU slot: nothing ran; another judge (or this one later) starts it.
          if (e instanceof SlotsClosedError) throw new HandBackJob(e.message);
          // Someone else moved the submission on (a judge that took the job over, a final
          // verdict): this run's results are out of date and are dropped, not retried.
          if (!(e instanceof SupersededWriteError)) throw e;
          this.logger.warn(`this run was superseded: ${e.message}; its results are dropped`);
        } finally {
          this.recorder.resume(id);
        }
      },
      async (submissionId, message) => {
        try {
          await this.judge.failInternally(submissionId, message);
        } catch (e) {
          // Every judge hears a failure and races to record it: the first one wins.
          if (!(e instanceof SupersededWriteError)) throw e;
        }
      },
      // Shutdown: submissions still waiting for a CPU slot go back to the queue at once.
      () => this.cpu.close(),
    );
    this.logger.log(`${this.judge.judgeId} consuming submissions, ${this.config.judgeInFlight} at once, running ${this.config.judgeConcurrency} at once`);
  }
}
