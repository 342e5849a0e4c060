import { Injectable } from '@nestjs/common';
import { SubmissionView } from '@app/contracts';
import { SubmissionsRepository, toSubmissionView } from '@app/persistence';
import { canSee, Identity } from '../auth/identity';
import { SubmissionWatchers } from './submission-watchers';

/** An open watch of one submission: its state when opened, and how to stop the watch. */
export interface SubmissionWatch {
  /** The submission as read once the watch was in place; null when there is none (the watch is then stopped). */
  current: SubmissionView | null;
  stop(): void;
}

/**
 * Watch-then-read, for everyone who follows a submission (the WebSocket subscription and the long
 * poll): the watch is set up before the database is read, so a change between the two is never
 * missed; the listener may see an update before `open` resolves, so callers drop frames whose
 * `revision` is not newer than the last one they used.
 */
@Injectable()
export class SubmissionFeed {
  constructor(
    private readonly watchers: SubmissionWatchers,
    private readonly submissions: SubmissionsRepository,
  ) {}

  /**
   * The submission's view as `viewer` may see it: null when there is none or it is someone
   * else's (admins see all; `viewer` undefined: no check, for internal use).
   */
  async read(id: string, viewer?: Identity | null): Promise<SubmissionView | null> {
    const s = await this.submissions.findById(id);
    return s && (viewer === undefined || canSee(viewer, s)) ? toSubmissionView(s) : null;
  }

  /**
   * Calls `listener` for every update of `id` from now on, then reads the submission as
   * `viewer` may see it. Updates that arrive before `open` resolves reach `listener` before the
   * ownership check: callers ignore them until `open` answers with a `current` (which is at least
   * as new, since judges save before they publish).
   * @throws what the database throws (the watch is stopped first).
   */
  async open(id: string, listener: (view: SubmissionView) => void, viewer?: Identity | null): Promise<SubmissionWatch> {
    const stop = this.watchers.watch(id, listener);
    try {
      const current = await this.read(id, viewer);
      if (!current) stop();
      return { current, stop };
    } catch (e) {
      stop();
      throw e;
    }
  }
}
