import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JudgeEvents, SubmissionStatus } from '@app/contracts';
import { isDatabaseUnavailable, JudgedField, SubmissionEntity, SubmissionsRepository, SupersededWriteError, toSubmissionView } from '@app/persistence';
import { EventBus } from '@app/pubsub';
import { CallbackQueue } from '@app/queue';
import { redisErrorLog } from '@app/redis';

/** A submission as the pipeline sees it: never changed in place. */
export type Submission = Readonly<SubmissionEntity>;

/** The fields judging changes (the repository saves these: `JUDGED_FIELDS`). */
export type JudgingChange = Partial<Pick<SubmissionEntity, JudgedField>>;

/** First and longest pause between two tries of a database call while the database is unreachable, ms. */
const FIRST_RETRY_MS = 100;
const LONGEST_RETRY_MS = 5000;

/**
 * The one place a judge saves and publishes a submission's state change: the database first
 * (revision + 1, one guarded UPDATE), then `submission.updated` with the whole view, so a watcher
 * that reads after an event never sees older data than the event. Only the final state's event
 * is waited for (see `record`). A finished submission that asked for a result callback then gets
 * its delivery queued (delivered by a gateway, see CallbackQueue).
 *
 * While the database is unreachable (`isDatabaseUnavailable`) each read and write is tried again
 * with exponential backoff (100 ms doubling up to 5 s) for up to `JUDGE_DB_RETRY_MS`; the job
 * keeps its queue lock meanwhile, so no other judge starts it over.
 */
@Injectable()
export class SubmissionRecorder {
  private readonly logger = new Logger(SubmissionRecorder.name);
  /** Submissions whose job this judge handed back (shutdown): it writes nothing more to them. */
  private readonly released = new Set<string>();
  /** Per submission, its last event's publish (settled either way): the next one is sent after it. */
  private readonly publishing = new Map<string, Promise<void>>();

  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly bus: EventBus,
    private readonly callbacks: CallbackQueue,
    private readonly config: AppConfig,
  ) {}

  /** The submission, or null when there is none with that id. */
  find(id: string): Promise<Submission | null> {
    return this.retrying(`read submission ${id}`, () => this.submissions.findById(id));
  }

  /**
   * Saves `current` with `change` applied and publishes it; returns the new state (a new
   * object, its revision bumped) once it is saved and, for the final state only, published
   * (earlier states' events are sent in order, `publishInOrder`, but not waited for). `current`
   * is left as it was.
   * @throws SupersededWriteError when the row moved on since `current` was read (another judge
   * wrote it, or it is finished), or the job was handed back (`release`): nothing is saved or published.
   */
  async record(current: Submission, change: JudgingChange): Promise<Submission> {
    if (this.released.has(current.id)) throw new SupersededWriteError(current.id, current.revision, 'this judge handed its job back to the queue');
    const next = await this.retrying(`save submission ${current.id}`, () => this.submissions.update({ ...current, ...change }));
    const published = this.publishInOrder(next);
    // Progress is not waited for: the next step (a box run, in the submission's CPU slot) does
    // not idle through Redis's answer. The final state's event is, and it is sent after every
    // earlier one was answered.
    if (next.status !== SubmissionStatus.Finished) return next;
    await published;
    await this.queueCallback(next);
    return next;
  }

  /**
   * Queues the delivery of a finished submission's result when it asked for a callback (once per
   * submission: CallbackQueue's job id is the submission id). Also called when a job runs again
   * for a submission already finished: its final publish or this queueing failed the first time.
   */
  async queueCallback(s: Submission): Promise<void> {
    if (s.callback && s.status === SubmissionStatus.Finished) await this.callbacks.enqueue(s.id);
  }

  /**
   * Publishes `s`'s view once the submission's previous event was answered (each event is sent
   * whatever became of the one before): events of one submission reach Redis in revision order
   * even where each publish may take its own connection (a Redis Cluster sends PUBLISH to any
   * master). A progress event that fails is logged (rate-limited, as every Redis error); the
   * returned promise rejects only for the final state's.
   */
  private publishInOrder(s: Submission): Promise<void> {
    const view = toSubmissionView(s);
    const previous = this.publishing.get(s.id) ?? Promise.resolve();
    const sent = previous.then(() => this.bus.publish(JudgeEvents.SubmissionUpdated, view));
    const settled = sent.catch((e) => { if (s.status !== SubmissionStatus.Finished) redisErrorLog.error('events', e); });
    this.publishing.set(s.id, settled);
    void settled.then(() => { if (this.publishing.get(s.id) === settled) this.publishing.delete(s.id); });
    return sent;
  }

  /**
   * From now on `record` refuses to write `submissionId` (SupersededWriteError): its job went
   * back to the queue, and whatever this judge still finds out about it is out of date.
   * `resume` undoes it (the run has ended).
   */
  release(submissionId: string): void {
    this.released.add(submissionId);
  }

  resume(submissionId: string): void {
    this.released.delete(submissionId);
  }

  /** `call`, tried again with backoff while it fails because the database is unreachable. */
  private async retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.config.judgeDbRetryMs;
    for (let pause = FIRST_RETRY_MS, tries = 1; ; pause = Math.min(LONGEST_RETRY_MS, pause * 2), tries++) {
      try {
        const result = await call();
        if (tries > 1) this.logger.warn(`${what}: the database answered again (try ${tries})`);
        return result;
      } catch (e) {
        if (!isDatabaseUnavailable(e) || Date.now() + pause > deadline) throw e;
        // One line per doubling, not per try: an outage of minutes leaves a handful of lines.
        if (pause < LONGEST_RETRY_MS || tries % 12 === 0) this.logger.warn(`${what}: database unreachable (${(e as Error).message}); trying again in ${pause} ms`);
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  }
}
