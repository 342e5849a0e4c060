/**
 * `E2E_TIME_SCALE` (default 1): the one factor by which e2e specs multiply every time limit they
 * give the judge (up to the API's maximum) and every timeout or time bound they assert. The cgroup-v2 suite runs in a QEMU
 * guest under emulation (scripts/vm/test-cgroup-v2.sh), where CPU-bound work is ~15× slower
 * and a loaded host slows it further; there the specs assert cgroup facts and verdicts, not speed.
 */
import { MAX_TIME_LIMIT_MS } from '@app/contracts';

export const TIME_SCALE = Math.max(1, Number(process.env.E2E_TIME_SCALE) || 1);

/** `ms` × E2E_TIME_SCALE, rounded. */
export const scaled = (ms: number): number => Math.round(ms * TIME_SCALE);

/** A submission's `timeLimitMs` × E2E_TIME_SCALE, at most what the API accepts (MAX_TIME_LIMIT_MS). */
export const scaledTimeLimit = (ms: number): number => Math.min(scaled(ms), MAX_TIME_LIMIT_MS);
