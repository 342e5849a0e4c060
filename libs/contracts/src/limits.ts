/**
 * Resource limits of one run. Units are in the names: milliseconds and KiB.
 * Defaults follow DESIGN.md: 1000 ms CPU, 262144 KiB memory, 65536 KiB output.
 */
export interface Limits {
  /** CPU time per test, ms. */
  timeLimitMs: number;
  /** Wall time per test, ms. Default `max(2 × timeLimitMs, timeLimitMs + 1000)`. */
  wallTimeLimitMs: number;
  /** Peak memory of the whole process tree, KiB. */
  memoryLimitKb: number;
  /** Each of stdout and stderr, KiB. */
  outputLimitKb: number;
  /** Processes and threads alive at once in the box. */
  processLimit: number;
}

export const DEFAULT_TIME_LIMIT_MS = 1000;
export const DEFAULT_MEMORY_LIMIT_KB = 262144;
export const DEFAULT_OUTPUT_LIMIT_KB = 65536;
export const DEFAULT_PROCESS_LIMIT = 64;
/** Upper bounds accepted from API clients. */
export const MAX_TIME_LIMIT_MS = 15000;
export const MAX_WALL_TIME_LIMIT_MS = 60000;
export const MAX_MEMORY_LIMIT_KB = 2 * 1024 * 1024;
export const MAX_OUTPUT_LIMIT_KB = 256 * 1024;
export const MAX_PROCESS_LIMIT = 256;

/** The wall limit DESIGN.md derives from a CPU limit: `max(2 × t, t + 1000)` ms. */
export function defaultWallTimeLimitMs(timeLimitMs: number): number {
  return Math.max(2 * timeLimitMs, timeLimitMs + 1000);
}

/** Fills every missing field of `partial` with the defaults above. */
export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  const timeLimitMs = partial.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  return {
    timeLimitMs,
    wallTimeLimitMs: partial.wallTimeLimitMs ?? defaultWallTimeLimitMs(timeLimitMs),
    memoryLimitKb: partial.memoryLimitKb ?? DEFAULT_MEMORY_LIMIT_KB,
    outputLimitKb: partial.outputLimitKb ?? DEFAULT_OUTPUT_LIMIT_KB,
    processLimit: partial.processLimit ?? DEFAULT_PROCESS_LIMIT,
  };
}
