import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SubmissionQueue } from '@app/queue';
import { JudgeService } from './judge.service';

/**
 * Consumes the submission queue with `JUDGE_CONCURRENCY` jobs at once. It starts only once the
 * application is fully up (database migrated, toolchains found), and the queue's shutdown hook
 * waits for jobs in flight (novu's cold-start habit).
 */
@Injectable()
export class JudgeWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(JudgeWorker.name);

  constructor(
    private readonly config: AppConfig,
    private readonly queue: SubmissionQueue,
    private readonly judge: JudgeService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.consume(
      this.config.judgeConcurrency,
      async (job) => this.judge.judge(job.data.submissionId),
      async (job, error) => this.judge.failInternally(job.data.submissionId, `judging failed ${job.attemptsMade} times: ${error.message}`),
    );
    this.logger.log(`${this.judge.judgeId} consuming submissions, ${this.config.judgeConcurrency} at once`);
  }
}
