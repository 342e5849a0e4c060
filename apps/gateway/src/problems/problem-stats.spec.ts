import { distribution, MAX_BUCKETS } from './problem-stats';

describe('distribution', () => {
  it('is empty with nothing accepted, and beats 0% then', () => {
    expect(distribution([])).toEqual({ min: null, max: null, buckets: [] });
    expect(distribution([], 10)).toEqual({ min: null, max: null, buckets: [], beatsPercent: 0 });
  });

  it('counts every value once in equal-width bars from min to max', () => {
    const d = distribution([3, 3, 4, 10]);
    expect(d.min).toBe(3);
    expect(d.max).toBe(10);
    expect(d.buckets.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 1]);
    expect(d.buckets[0]).toEqual({ from: 3, to: 4, count: 2 });
  });

  it.each([
    [[1, 2, 3, 4], 1, 75],
    [[1, 2, 3, 4], 4, 0],
    [[5, 5, 5], 5, 0],
    [[10, 20, 30], 0, 100],
    [[1, 2, 3], 1, 66.7],
  ])('values %j, mine %d: beats %d%% (strictly larger only)', (values, mine, beats) => {
    expect(distribution(values, mine).beatsPercent).toBe(beats);
  });

  it('never makes more than MAX_BUCKETS bars, and the largest value lands in the last', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i * 7);
    const d = distribution(values);
    expect(d.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(d.buckets.reduce((n, b) => n + b.count, 0)).toBe(1000);
    expect(d.buckets[d.buckets.length - 1].count).toBeGreaterThan(0);
    expect(d.buckets[d.buckets.length - 1].to).toBeGreaterThan(6993);
  });
});
