import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive as alive } from './process-alive';

/** Box uids one judge process may use: `first` … `first + size - 1`. */
export interface UidRange {
  first: number;
  size: number;
  release(): void;
}

/** How many ranges are tried, and the uids each covers. */
export const UID_RANGES = 64;
export const UID_RANGE_SIZE = 256;

/**
 * Claims a range of box uids no other judge on this machine uses, so that RLIMIT_NPROC, which
 * the kernel counts per uid across the host, and signal rights never mix two judges' boxes.
 * A range is held by a lock folder (mkdir is atomic) holding the owner's pid; a range whose
 * owner died is taken over. Judges in separate containers get distinct `JUDGE_BOX_UID`s instead
 * (see docs/deployment.md).
 * @throws Error when all ranges are held by live judges.
 */
export function claimUidRange(base: number, lockDir = existsSync('/run') ? '/run/oj-judge' : join(tmpdir(), 'oj-judge-locks')): UidRange {
  mkdirSync(lockDir, { recursive: true, mode: 0o700 });
  for (let r = 0; r < UID_RANGES; r++) {
    const first = base + r * UID_RANGE_SIZE;
    const lock = join(lockDir, `uids-${first}`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        mkdirSync(lock);
        writeFileSync(join(lock, 'pid'), String(process.pid));
        return { first, size: UID_RANGE_SIZE, release: () => rmSync(lock, { recursive: true, force: true }) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      let owner = NaN;
      try { owner = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch { /* being created: treat as held */ }
      if (!Number.isFinite(owner) || owner === 0 || alive(owner)) break;
      // The owner is gone: move its lock aside, and put it back if someone else took it meanwhile.
      const aside = `${lock}.stale-${process.pid}`;
      try { renameSync(lock, aside); } catch { break; }
      let now = NaN;
      try { now = Number(readFileSync(join(aside, 'pid'), 'utf8')); } catch { /* empty */ }
      if (Number.isFinite(now) && now !== owner && alive(now)) {
        try { renameSync(aside, lock); } catch { /* taken again: leave it */ }
        break;
      }
      rmSync(aside, { recursive: true, force: true });
    }
  }
  throw new Error(`all ${UID_RANGES} box uid ranges from ${base} are held by running judges`);
}
