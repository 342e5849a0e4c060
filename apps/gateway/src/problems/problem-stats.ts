import type { Distribution, HistogramBucket } from '@app/contracts';

/** Most bars a histogram has. */
export const MAX_BUCKETS = 20;

/**
 * The distribution of `values` (ms or KiB, integers): min, max, at most MAX_BUCKETS equal-width
 * bars (integer bounds, [from, to), the last one closed), and, when `mine` is given, the share
 * of values strictly larger than it, percent with one decimal.
 */
export function distribution(values: number[], mine?: number): Distribution {
  const result: Distribution = { min: null, max: null, buckets: [] };
  if (mine !== undefined) {
    result.beatsPercent = values.length ? Math.round((values.filter((v) => v > mine).length / values.length) * 1000) / 10 : 0;
  }
  if (!values.length) return result;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = Math.max(1, Math.ceil((max - min + 1) / MAX_BUCKETS));
  const count = Math.max(1, Math.ceil((max - min + 1) / width));
  const buckets: HistogramBucket[] = Array.from({ length: count }, (_, i) => ({ from: min + i * width, to: min + (i + 1) * width, count: 0 }));
  for (const v of values) buckets[Math.min(count - 1, Math.floor((v - min) / width))].count += 1;
  return { ...result, min, max, buckets };
}
