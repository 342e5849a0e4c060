import { strictMock } from '../../../test/support/strict-mock';
import { FAILED_LOOK_BACK_MS, FailedJobsWatch, FailedSet } from './failed-jobs';

/** A failed set in memory, read as Redis's ZRANGEBYSCORE … WITHSCORES LIMIT 0 n would. */
function failedSet(rows: Array<[string, number]>, reasons: Record<string, string> = {}) {
  return strictMock<FailedSet>('failed set', {
    since: async (from: number, limit: number) => [...rows].filter(([, at]) => at >= from)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, limit),
    reason: async (jobId: string) => reasons[jobId] ?? null,
  });
}

describe('FailedJobsWatch', () => {
  const now = 10_000_000;

  it('tells each failed job once with its reason, across passes, including those failed since the last', async () => {
    const rows: Array<[string, number]> = [['a', now - 5], ['b', now - 5]];
    const set = failedSet(rows, { a: 'boom', b: 'job stalled more than allowable limit', c: 'late' });
    const told: Array<[string, string]> = [];
    const watch = new FailedJobsWatch(set, async (id, reason) => { told.push([id, reason]); }, 1000, now);
    await watch.poll();
    expect(told).toEqual([['a', 'boom'], ['b', 'job stalled more than allowable limit']]);
    await watch.poll();
    expect(told).toHaveLength(2);
    // Failed in the same millisecond as the newest seen, and later.
    rows.push(['c', now - 5], ['d', now + 7]);
    await watch.poll();
    expect(told.slice(2)).toEqual([['c', 'late'], ['d', 'unknown']]);
    // The next pass reads from the newest score seen, and tells nothing again.
    await watch.poll();
    expect(set.since).toHaveBeenLastCalledWith(now + 7, expect.any(Number));
    expect(told).toHaveLength(4);
  });

  it(`looks back ${FAILED_LOOK_BACK_MS / 60_000} minutes when it starts, not further`, async () => {
    const set = failedSet([['old', now - FAILED_LOOK_BACK_MS - 1], ['missed', now - FAILED_LOOK_BACK_MS + 1]]);
    const told: string[] = [];
    await new FailedJobsWatch(set, async (id) => { told.push(id); }, 1000, now).poll();
    expect(told).toEqual(['missed']);
  });

  it('reads on in batches until it has caught up', async () => {
    const rows = Array.from({ length: 1203 }, (_, i): [string, number] => [`j${String(i).padStart(4, '0')}`, now + i]);
    const told: string[] = [];
    await new FailedJobsWatch(failedSet(rows), async (id) => { told.push(id); }, 1000, now).poll();
    expect(told).toHaveLength(1203);
    expect(new Set(told).size).toBe(1203);
  });

  it('a job whose recording throws does not stop the others', async () => {
    const told: string[] = [];
    const watch = new FailedJobsWatch(failedSet([['a', now], ['b', now + 1]]), async (id) => {
      if (id === 'a') throw new Error('database down');
      told.push(id);
    }, 1000, now);
    await watch.poll();
    expect(told).toEqual(['b']);
  });

  it('polls at once on start and every interval until stopped', async () => {
    jest.useFakeTimers();
    try {
      const set = failedSet([]);
      const watch = new FailedJobsWatch(set, async () => undefined, 1000, now);
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
    const watch = new FailedJobsWatch(set, onFailed, 1000, now);
    watch.start();
    await new Promise((r) => setTimeout(r, 5));
    expect(set.since).toHaveBeenCalledTimes(1);
    watch.stop();
    answer([['late', now]]);
    await new Promise((r) => setTimeout(r, 5));
    expect(onFailed).not.toHaveBeenCalled();
  });
});
