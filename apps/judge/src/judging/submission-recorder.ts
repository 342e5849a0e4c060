import { Injectable } from '@nestjs/common';
import { JudgeEvents, SubmissionStatus } from '@app/contracts';
import { SubmissionEntity, SubmissionsRepository, toSubmissionView } from '@app/persistence';
import { EventBus } from '@app/pubsub';
import { CallbackQueue } from '@app/queue';

/** A submission as the pipeline sees it: never changed in place. */
export type Submission = Readonly<SubmissionEntity>;

/** The fields judging changes. */
export type JudgingChange = Partial<Pick<SubmissionEntity, 'status' | 'verdict' | 'score' | 'timeMs' | 'memoryKb' | 'compileOutput' | 'testCount' | 'tests' | 'judgeId'>>;

/**
 * The one place a judge saves and publishes a submission's state change: the database first
 * (revision + 1, one UPDATE), then `submission.updated` with the whole view, so a watcher that
 * reads after an event never sees older data than the event. A finished submission that asked
 * for a result callback then gets its delivery queued (delivered by a gateway, see CallbackQueue).
 */
@Injectable()
export class SubmissionRecorder {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly bus: EventBus,
    private readonly callbacks: CallbackQueue,
  ) {}

  /** The submission, or null when there is none with that id. */
  find(id: string): Promise<Submission | null> {
    return this.submissions.findById(id);
  }

  /**
   * Saves `current` with `change` applied and publishes it; returns the new state (a new
   * object, its revision bumped). `current` is left as it was.
   */
  async record(current: Submission, change: JudgingChange): Promise<Submission> {
    const next = await this.submissions.update({ ...current, ...change });
    await this.bus.publish(JudgeEvents.SubmissionUpdated, toSubmissionView(next));
    if (next.callback && next.status === SubmissionStatus.Finished) await this.callbacks.enqueue(next.id);
    return next;
  }
}
