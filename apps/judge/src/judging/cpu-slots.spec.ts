import { CpuSlots, SlotsClosedError } from './cpu-slots';

/** A step that runs until `done()` is called; `started` says whether it got its slot. */
function step() {
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const s = { started: false, done: () => done(), run: async () => { s.started = true; await finished; } };
  return s;
}
const tick = () => new Promise((r) => setImmediate(r));

describe(CpuSlots.name, () => {
  it('runs at most `size` steps at once; the next starts when one ends', async () => {
    const slots = new CpuSlots(2);
    const [a, b, c] = [step(), step(), step()];
    const runs = [a, b, c].map((s) => slots.use([0], s.run));
    await tick();
    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    expect(slots.status).toEqual({ size: 2, busy: 2, waiting: 1 });
    a.done();
    await tick();
    expect(c.started).toBe(true);
    b.done();
    c.done();
    await Promise.all(runs);
    expect(slots.status).toEqual({ size: 2, busy: 0, waiting: 0 });
  });

  it('gives a freed slot to the lowest rank waiting (priority, then age), ties first come', async () => {
    const slots = new CpuSlots(1);
    const order: string[] = [];
    const holder = step();
    const held = slots.use([0], holder.run);
    const waits = ([['new', [1, 5]], ['old', [1, 1]], ['old-second', [1, 1]], ['middle', [1, 3]], ['flooder', [7, 0]], ['newcomer', [1, 9]]] as const)
      .map(([name, rank]) => slots.use(rank, async () => { order.push(name); }));
    await tick();
    holder.done();
    await Promise.all([held, ...waits]);
    expect(order).toEqual(['old', 'old-second', 'middle', 'new', 'newcomer', 'flooder']);
  });

  it('frees the slot when a step throws, and passes the error on', async () => {
    const slots = new CpuSlots(1);
    await expect(slots.use([0], async () => { throw new Error('box failed'); })).rejects.toThrow('box failed');
    await expect(slots.use([0], async () => 42)).resolves.toBe(42);
    expect(slots.status.busy).toBe(0);
  });

  it('refuses a size that is not a whole number ≥ 1', () => {
    expect(() => new CpuSlots(0)).toThrow(RangeError);
    expect(() => new CpuSlots(1.5)).toThrow(/whole number/);
  });

  it('close() refuses the waiters and every later request; steps already in a slot go on', async () => {
    const slots = new CpuSlots(1);
    const holder = step();
    const held = slots.use([0], holder.run);
    const waiting = slots.use([1], async () => 'ran');
    await tick();
    slots.close();
    await expect(waiting).rejects.toBeInstanceOf(SlotsClosedError);
    await expect(slots.use([0], async () => 'ran')).rejects.toThrow(/shutting down/);
    expect(holder.started).toBe(true);
    holder.done();
    await held;
    expect(slots.status).toEqual({ size: 1, busy: 0, waiting: 0 });
  });
});
