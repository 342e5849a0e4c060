import { strictMock } from '../../../test/support/strict-mock';
import { FAILED_LOOK_BACK_MS, FAILED_OVERLAP_MS, FailedJobsWatch, FailedSet } from './failed-jobs';

/** A failed set in memory, read as Redis's ZRANGEBYSCORE … WITHSCORES LIMIT offset count would. */
function failedSet(rows: Array<[string, number]>, reasons: Record<string, string> = {}) {
  return strictMock<FailedSet>('failed set', {
    since: async (from: number, offset: number, limit: number) => [...rows].filter(([, at]) => at >= from)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(offset, offset + limit),
    reason: async (jobId: string) => reasons[jobId] ?? null,
  });
}

describe('FailedJobsWatch', () => {
  const now = 10_000_000;
  let clock = now;
  beforeEach(() => { clock = now; });
  const watchOf = (set: FailedSet, onFailed: (id: string, reason: string) => Promise<void>) => new FailedJobsWatch(set, onFailed, 1000, () => clock);

  it('tells each failure once with its reason, across passes, including those failed since the last', async () => {
    const rows: Array<[string, number]> = [['a', now - 5], ['b', now - 5]];
    const set = failedSet(rows, { a: 'boom', b: 'job stalled more than allowable limit', c: 'late' });
    const told: Array<[string, string]> = [];
    const watch = watchOf(set, async (id, reason) => { told.push([id, reason]); });
    await watch.poll();
    expect(told).toEqual([['a', 'boom'], ['b', 'job stalled more than allowable limit']]);
    await watch.poll();
    expect(told).toHaveLength(2);
    rows.push(['c', now - 5], ['d', now + 7]);
    await watch.poll();
    expect(told.slice(2)).toEqual([['c', 'late'], ['d', 'unknown']]);
    await watch.poll();
    expect(told).toHaveLength(4);
  });

  it('tells a failure that lands after a newer one was read (another judge\'s clock behind), within the overlap', async () => {
    const rows: Array<[string, number]> = [['fromB', now + 50]];
    const told: string[] = [];
    const watch = watchOf(failedSet(rows), async (id) => { told.push(id); });
    await watch.poll();
    rows.push(['fromA', now + 10], ['tooOld', now + 50 - FAILED_OVERLAP_MS - 1]);
    clock = now + 1000;
    await watch.poll();
    expect(told).toEqual(['fromB', 'fromA']);
  });

  it('tells a job that fails again (re-queued by recovery) at its new score', async () => {
    const rows: Array<[string, number]> = [['a', now]];
    const told: string[] = [];
    const watch = watchOf(failedSet(rows), async (id) => { told.push(id); });
    await watch.poll();
    rows[0] = ['a', now + 2000];
    await watch.poll();
    expect(told).toEqual(['a', 'a']);
  });

  it(`looks back ${FAILED_LOOK_BACK_MS / 60_000} minutes when it starts, not further`, async () => {
    const set = failedSet([['old', now - FAILED_LOOK_BACK_MS - 1], ['missed', now - FAILED_LOOK_BACK_MS + 1]]);
    const told: string[] = [];
    await watchOf(set, async (id) => { told.push(id); }).poll();
    expect(told).toEqual(['missed']);
  });

  it('reads page by page, however many failed in the same millisecond', async () => {
    for (const score of [(i: number) => now + i, () => now]) {
      const rows = Array.from({ length: 1203 }, (_, i): [string, number] => [`j${String(i).padStart(4, '0')}`, score(i)]);
      const told: string[] = [];
      const watch = watchOf(failedSet(rows), async (id) => { told.push(id); });
      await watch.poll();
      rows.push(['after', now + 5000]);
      await watch.poll();
      expect(told).toHaveLength(1204);
      expect(new Set(told).size).toBe(1204);
    }
  });

  it('reads from the overlap before now once nothing newer failed (not the whole look-back every second)', async () => {
    const set = failedSet([]);
    const watch = watchOf(set, async () => undefined);
    await watch.poll();
    expect(set.since).toHaveBeenLastCalledWith(now - FAILED_LOOK_BACK_MS, 0, expect.any(Number));
    clock = now + 5000;
    await watch.poll();
    expect(set.since).toHaveBeenLastCalledWith(now - FAILED_OVERLAP_MS, 0, expect.any(Number));
  });

  it('a job whose recording throws does not stop the others', async () => {
    const told: string[] = [];
    const watch = watchOf(failedSet([['a', now], ['b', now + 1]]), async (id) => {
      if (id === 'a') throw new Error('database down');
      told.push(id);
    });
    await watch.poll();
    expect(told).toEqual(['b']);
  });

  it('polls at once on start and every interval until stopped', async () => {
    jest.useFakeTimers();
    try {
      const set = failedSet([]);
      const watch = watchOf(set, async () => undefined);
      watch.start();
      await jest.advanceTimersByTimeAsync(0);
      expect(set.since).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(2500);
      expect(set.since).toHaveBeenCalledTimes(3);
      watch.stop();
      await jest.advanceTimersByTimeAsync(5000);
      expect(set.since).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stop does not wait for a read that Redis has not answered, and nothing is told after it', async () => {
    let answer!: (rows: Array<[string, number]>) => void;
    const set = strictMock<FailedSet>('failed set', {
      since: () => new Promise((resolve) => { answer = resolve; }),
      reason: async () => 'boom',
    });
    const onFailed = jest.fn(async () => undefined);
    const watch = watchOf(set, onFailed);
    watch.start();
    await new Promise((r) => setTimeout(r, 5));
    expect(set.since).toHaveBeenCalledTimes(1);
    watch.stop();
    answer([['late', now]]);
    await new Promise((r) => setTimeout(r, 5));
    expect(onFailed).not.toHaveBeenCalled();
  });
});
