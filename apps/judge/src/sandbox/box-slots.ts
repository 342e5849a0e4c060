/**
 * A fixed pool of box slots. Slot k runs as host uid/gid `baseUid + k`, so two boxes running at
 * once never share a uid (nor RLIMIT_NPROC accounting, nor signal rights).
 */
export class BoxSlots {
  private readonly free: number[];
  private readonly waiters: ((slot: number) => void)[] = [];

  constructor(size: number) {
    this.free = Array.from({ length: size }, (_, i) => i);
  }

  acquire(): Promise<number> {
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(slot: number): void {
    const next = this.waiters.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
