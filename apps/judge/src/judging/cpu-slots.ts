/**
 * The judge's CPU slots: at most `size` judging steps that run boxes at once (a compilation; a
 * test's run with its interactor and checker), while more submissions than that are in flight.
 * A submission waiting on the database, Redis, the program cache or the test data holds no slot,
 * so another's program runs meanwhile; programs never run more than `size` at once, so their
 * times are not inflated by each other (JUDGE_CONCURRENCY is the slots, JUDGE_IN_FLIGHT the
 * submissions).
 *
 * A free slot goes to the waiter of lowest `rank`, compared element by element (ties: first
 * come). The judge ranks a submission by its queue priority (fair queueing: its owner's
 * unfinished count when it was sent), then by when it started: a newcomer's submission is not
 * held behind a flooder's that the judge took earlier, and among equals the oldest in flight goes
 * on first, a newer one only filling a slot the older ones leave idle (their I/O), so a
 * submission's own latency does not grow with the number in flight. A step holds one slot and
 * never waits for a second, so this cannot deadlock.
 */
export type SlotRank = readonly number[];

function before(a: SlotRank, b: SlotRank): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

export class CpuSlots {
  private busy = 0;
  /** Waiters by rank, then arrival. */
  private readonly queue: Array<{ rank: SlotRank; go: () => void }> = [];

  /** @param size slots, ≥ 1 */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`CpuSlots: size must be a whole number ≥ 1, not ${size}`);
  }

  /** Runs `step` in a slot, waiting for one first; the slot is freed when it settles (also when it throws). */
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

  private acquire(rank: SlotRank): Promise<void> {
    if (this.busy < this.size) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((go) => {
      let at = this.queue.length;
      while (at > 0 && before(rank, this.queue[at - 1].rank)) at--;
      this.queue.splice(at, 0, { rank, go });
    });
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next waiter: `busy` stays as it is.
    if (next) next.go();
    else this.busy--;
  }
}
