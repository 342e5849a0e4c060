/**
 * `E2E_TIME_SCALE` (default 1): the one factor by which e2e specs multiply every time limit they
 * give the judge and every timeout or time bound they assert. The cgroup-v2 suite runs in a QEMU
 * guest under emulation (scripts/vm/test-cgroup-v2.sh), where CPU-bound work is ~15× slower
 * and a loaded host slows it further; there the specs assert cgroup facts and verdicts, not speed.
 */
export const TIME_SCALE = Math.max(1, Number(process.env.E2E_TIME_SCALE) || 1);

/** `ms` × E2E_TIME_SCALE, rounded. */
export const scaled = (ms: number): number => Math.round(ms * TIME_SCALE);
