/** A waiter's place in line: compared element by element, lowest first (CpuSlots). */
export type SlotRank = readonly number[];

/** The slots were closed (the judge is shutting down) before a slot came. */
export class SlotsClosedError extends Error {
  constructor(why: string) {
    super(`no CPU slot: ${why}`);
    this.name = 'SlotsClosedError';
  }
}

function before(a: SlotRank, b: SlotRank): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * The judge's CPU slots: at most `size` submissions in their running part at once (from
 * `compiling` to the last test, with their checkers and interactors), while more than that are in
 * flight. A submission being read, planned, or recording its final state holds no slot, so
 * another's programs run meanwhile; the boxes of at most `size` submissions run at once
 * (one each, two for an interactive test: the program and its validator), so their times are not
 * inflated by each other (JUDGE_CONCURRENCY is the slots, JUDGE_IN_FLIGHT the submissions).
 *
 * A free slot goes to the waiter of lowest `rank`, compared element by element (ties: first
 * come). The judge ranks a submission by its queue priority (fair queueing: its owner's
 * unfinished count when it was sent), then by when it started: a newcomer's submission waits for
 * one running submission to end, not behind a flooder's that the judge took earlier. A holder
 * never waits for a second slot, so this cannot deadlock.
 */
export class CpuSlots {
  private busy = 0;
  /** Waiters by rank, then arrival. */
  private readonly queue: Array<{ rank: SlotRank; go: () => void; refuse: (e: Error) => void }> = [];
  private closed = false;

  /** @param size slots, ≥ 1 */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`CpuSlots: size must be a whole number ≥ 1, not ${size}`);
  }

  /**
   * Runs `step` in a slot, waiting for one first; the slot is freed when it settles (also when it throws).
   * @throws SlotsClosedError when `close()` was called before the slot came (`step` never ran).
   */
  async use<T>(rank: SlotRank, step: () => Promise<T>): Promise<T> {
    await this.acquire(rank);
    try {
      return await step();
    } finally {
      this.release();
    }
  }

  /** Steps in a slot now, and waiting for one (for `judge.status`). */
  get status(): { size: number; busy: number; waiting: number } {
    return { size: this.size, busy: this.busy, waiting: this.queue.length };
  }

  /**
   * Refuses every waiter and every later request (SlotsClosedError); steps in their slots go on.
   * For shutdown: a submission that has not started running is handed back at once.
   */
  close(): void {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.refuse(new SlotsClosedError('the judge is shutting down'));
  }

  private acquire(rank: SlotRank): Promise<void> {
    if (this.closed) return Promise.reject(new SlotsClosedError('the judge is shutting down'));
    if (this.busy < this.size) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((go, refuse) => {
      let at = this.queue.length;
      while (at > 0 && before(rank, this.queue[at - 1].rank)) at--;
      this.queue.splice(at, 0, { rank, go: () => go(), refuse });
    });
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next waiter: `busy` stays as it is.
    if (next) next.go();
    else this.busy--;
  }
}
