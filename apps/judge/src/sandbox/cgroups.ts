import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { processAlive as alive } from './process-alive';

/** Resource usage of one box's process tree, read from its cgroup. */
export interface CgroupUsage {
  /** CPU time of every process the box ran, user + system, ms. */
  cpuMs: number;
  /** Peak memory of the tree (RSS + page cache + tmpfs), KiB; null when the kernel does not keep it. */
  peakMemoryKb: number | null;
  /** The kernel's OOM killer acted in this cgroup. */
  oomKilled: boolean;
  /** Allocations failed against the memory limit (v1 `failcnt`, v2 `max` events). */
  memoryLimitHit: boolean;
}

/** One box's cgroup(s): limits set before the box starts, usage read after. */
export interface BoxCgroup {
  /** Files a process writes its pid to, to join this cgroup in every controller. */
  readonly procsFiles: string[];
  cpuMs(): number;
  usage(): CgroupUsage;
  pids(): number[];
  /**
   * Counts CPU time from now on (`cpuMs`, `usage`): for a warm box's cgroup, which its box-init
   * joined ahead, off the run's path, when its run starts. Peak memory and the limit counters
   * keep what box-init used while it waited: a few pages and nothing, as in a box made at the
   * run's start, where box-init joins before it execs the program.
   */
  restart(): void;
  remove(): Promise<void>;
}

/** A box's limits: memory (KiB; no swap) and processes and threads alive at once. */
export interface CgroupLimits {
  memoryKb: number;
  processes: number;
}

export interface CgroupDriver {
  readonly kind: 'v1' | 'v2';
  /**
   * A box's cgroup(s) with its limits set. The folders are made on libuv's thread pool (the
   * kernel's mkdir of a cgroup can take milliseconds, which the judge's only thread does not wait
   * out); the limits of the new, empty cgroup are then written on the judge's thread (`writeLimit`).
   * `warm`: a warm box's, whose run starts later (`restart`): what is sampled while a box runs
   * (peak memory on kernels before 5.19) is sampled from then on.
   */
  create(name: string, limits: CgroupLimits, warm?: boolean): Promise<BoxCgroup>;
  /** Removes cgroups of judges that died without cleaning up. */
  sweep(): Promise<void>;
  /** Removes this judge's own parent cgroup(s); call after the last box. */
  close(): Promise<void>;
}

const read = (p: string) => readFileSync(p, 'utf8');
const tryRead = (p: string): string | null => {
  try { return read(p); } catch { return null; }
};

/**
 * Sets a limit of a cgroup just made, on the judge's own thread: on a new, empty cgroup the
 * kernel's write returns at once (~0.02 ms), while the same write on libuv's thread pool (open,
 * write and close, each a hand-off) cost the judge ~0.15 ms of CPU (docs/performance.md).
 */
function writeLimit(file: string, value: string): void {
  writeFileSync(file, value);
}

function readPids(files: string[]): number[] {
  const pids = new Set<number>();
  for (const f of files) for (const line of (tryRead(f) ?? '').split('\n')) if (line) pids.add(Number(line));
  return [...pids];
}

/**
 * Removes a cgroup folder. The kernel refuses while a dying process is still attached (a box
 * whose tmpfs with a million files is being torn down takes a while): retry for up to 10 s,
 * without blocking the event loop (the kernel's rmdir of a cgroup takes milliseconds: it runs on
 * libuv's thread pool, not on the judge's only thread).
 */
async function removeDir(dir: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await rmdir(dir);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      for (const pid of readPids([join(dir, 'cgroup.procs')])) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
      }
      await new Promise((r) => setTimeout(r, Math.min(100, 2 + i * 5)));
    }
  }
}

/** Removes `oj-judge-<pid>` folders (and their boxes) left by judges that are no longer running. */
async function sweepStale(parents: string[]): Promise<void> {
  for (const parent of parents) {
    let names: string[] = [];
    try { names = readdirSync(parent); } catch { continue; }
    for (const name of names) {
      const m = /^oj-judge-(\d+)$/.exec(name);
      if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
      const dir = join(parent, name);
      for (const box of readdirSync(dir, { withFileTypes: true })) if (box.isDirectory()) await removeDir(join(dir, box.name));
      await removeDir(dir);
    }
  }
}

/** Our own cgroup path in a v1 hierarchy (`/proc/self/cgroup` line `N:memory:/path`). */
function ownV1Path(controller: string): string {
  for (const line of read('/proc/self/cgroup').split('\n')) {
    const [, ctrls, path] = line.split(':');
    if (ctrls && ctrls.split(',').includes(controller)) return path ?? '/';
  }
  return '/';
}

/**
 * cgroup v1: the memory, pids and cpuacct hierarchies, each mounted at /sys/fs/cgroup/<name>.
 * Boxes live under `<our own cgroup>/<parent>/` so nested containers work.
 */
class CgroupV1Driver implements CgroupDriver {
  readonly kind = 'v1';
  private readonly roots: Record<'memory' | 'pids' | 'cpuacct', string>;
  private readonly swap: boolean;

  constructor(parent: string) {
    const root = (c: string) => join('/sys/fs/cgroup', c, ownV1Path(c), parent);
    this.roots = { memory: root('memory'), pids: root('pids'), cpuacct: root('cpuacct') };
    for (const r of Object.values(this.roots)) mkdirSync(r, { recursive: true });
    this.swap = existsSync(join(this.roots.memory, 'memory.memsw.limit_in_bytes'));
  }

  async create(name: string, limits: CgroupLimits): Promise<BoxCgroup> {
    const mem = join(this.roots.memory, name);
    const pids = join(this.roots.pids, name);
    const cpu = join(this.roots.cpuacct, name);
    try {
      await Promise.all([mem, pids, cpu].map((d) => mkdir(d, { recursive: true })));
      const bytes = String(limits.memoryKb * 1024);
      writeLimit(join(mem, 'memory.limit_in_bytes'), bytes);
      // Without memsw the box would swap instead of being stopped at the limit (set after it: memsw ≥ limit).
      if (this.swap) writeLimit(join(mem, 'memory.memsw.limit_in_bytes'), bytes);
      writeLimit(join(pids, 'pids.max'), String(limits.processes));
    } catch (e) {
      void Promise.all([mem, pids, cpu].map(removeDir));
      throw e;
    }
    const procsFiles = [mem, pids, cpu].map((d) => join(d, 'cgroup.procs'));
    // CPU time counts from `restart`.
    const cpuTotal = () => Number(tryRead(join(cpu, 'cpuacct.usage')) ?? 0) / 1e6;
    let cpuFrom = 0;
    const cpuMs = () => cpuTotal() - cpuFrom;
    return {
      procsFiles,
      cpuMs,
      usage: () => {
        const oom = /oom_kill (\d+)/.exec(tryRead(join(mem, 'memory.oom_control')) ?? '');
        return {
          cpuMs: cpuMs(),
          peakMemoryKb: Math.ceil(Number(tryRead(join(mem, 'memory.max_usage_in_bytes')) ?? 0) / 1024),
          oomKilled: oom ? Number(oom[1]) > 0 : false,
          memoryLimitHit: Number(tryRead(join(mem, 'memory.failcnt')) ?? 0) > 0,
        };
      },
      pids: () => readPids(procsFiles),
      restart: () => { cpuFrom = cpuTotal(); },
      remove: async () => { await Promise.all([mem, pids, cpu].map(removeDir)); },
    };
  }

  sweep(): Promise<void> {
    return sweepStale(Object.values(this.roots).map((r) => join(r, '..')));
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.roots).map(removeDir));
  }
}

/**
 * The leaf a judge moves the processes of its own cgroup into, so that the cgroup may enable
 * controllers for its children (cgroup v2's no-internal-processes rule): a systemd service with
 * `Delegate=yes` starts with the judge (and whatever else the service runs) in the delegated
 * cgroup itself.
 */
export const PROCESSES_LEAF = 'oj-procs';
/** How often the peak-memory fallback samples `memory.current`, ms (kernels before 5.19). */
export const PEAK_SAMPLE_MS = 10;
const V2_CONTROLLERS = ['memory', 'pids', 'cpu'];

/**
 * Makes `base` able to give `memory`, `pids` and `cpu` to its children: moves the processes it
 * holds into `base/oj-procs` (not for the root cgroup, where the rule does not apply), then
 * enables each controller the parent delegated.
 * @throws Error naming what is missing (a controller not delegated, no write access).
 */
function enableV2Controllers(base: string): void {
  const available = read(join(base, 'cgroup.controllers')).split(/\s+/);
  for (const c of ['memory', 'pids']) {
    if (!available.includes(c)) throw new Error(`the ${c} controller is not delegated to ${base} (enable it in the parent's cgroup.subtree_control; systemd: Delegate=yes)`);
  }
  const enabled = () => read(join(base, 'cgroup.subtree_control')).split(/\s+/);
  const want = V2_CONTROLLERS.filter((c) => available.includes(c));
  if (want.every((c) => enabled().includes(c))) return;
  // The root cgroup has no cgroup.type and may hold processes beside enabled controllers.
  if (existsSync(join(base, 'cgroup.type'))) {
    const leaf = join(base, PROCESSES_LEAF);
    // Processes forked meanwhile land in `base`: repeat until it is empty. The leaf is made only
    // when there is something to move (a box's parent folder holds no process: no leaf there).
    for (let round = 0; round < 20; round++) {
      const pids = readPids([join(base, 'cgroup.procs')]);
      if (pids.length === 0) break;
      mkdirSync(leaf, { recursive: true });
      for (const pid of pids) {
        try {
          writeFileSync(join(leaf, 'cgroup.procs'), String(pid));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw new Error(`cannot move process ${pid} out of ${base} into ${leaf}: ${(e as Error).message}`);
        }
      }
    }
  }
  // One controller per write: a write naming one that cannot be enabled enables none.
  for (const c of want) {
    if (enabled().includes(c)) continue;
    try {
      writeFileSync(join(base, 'cgroup.subtree_control'), `+${c}`);
    } catch (e) {
      throw new Error(`cannot enable the ${c} controller in ${base}/cgroup.subtree_control: ${(e as Error).message}`);
    }
  }
}

/**
 * cgroup v2: one unified hierarchy. The judge's subtree is its own cgroup (a delegated one when
 * it is not root: systemd `Delegate=yes`, or a folder chown'd to the judge's user); the judge
 * moves itself out into `oj-procs`, and each box gets `<subtree>/oj-judge-<pid>/box-…` with
 * `memory.max` (and `memory.swap.max` 0), `pids.max`; CPU time from `cpu.stat` `usage_usec`
 * (all tasks, user + system), peak from `memory.peak` (kernel ≥ 5.19; before that, sampled
 * `memory.current`), MLE from `memory.events` `oom_kill`.
 */
export class CgroupV2Driver implements CgroupDriver {
  readonly kind = 'v2';
  /** The delegated subtree: the judge's own cgroup, or the parent of its `oj-procs` leaf. */
  readonly subtree: string;
  private readonly root: string;
  /** `memory.peak` exists (kernel ≥ 5.19); else peak memory is sampled. */
  readonly exactPeak: boolean;

  /**
   * @param mount where cgroup2 is mounted (`/sys/fs/cgroup`)
   * @param parent folder of this judge's boxes under the subtree (`oj-judge-<pid>`)
   * @param selfCgroup contents of `/proc/self/cgroup`
   * @throws Error when the subtree cannot give memory and pids to boxes (see enableV2Controllers)
   */
  constructor(mount: string, parent: string, selfCgroup = read('/proc/self/cgroup')) {
    const own = selfCgroup.split('\n').find((l) => l.startsWith('0::'))?.slice(3).trim() || '/';
    // A judge started in the leaf another judge made shares that judge's subtree.
    this.subtree = join(mount, posix.basename(own) === PROCESSES_LEAF ? posix.dirname(own) : own);
    enableV2Controllers(this.subtree);
    this.root = join(this.subtree, parent);
    mkdirSync(this.root, { recursive: true });
    enableV2Controllers(this.root);
    this.exactPeak = existsSync(join(this.root, 'memory.peak'));
  }

  async create(name: string, limits: CgroupLimits, warm = false): Promise<BoxCgroup> {
    const dir = join(this.root, name);
    try {
      await mkdir(dir, { recursive: true });
      writeLimit(join(dir, 'memory.max'), String(limits.memoryKb * 1024));
      // Without this the box would swap instead of being stopped at the limit.
      if (existsSync(join(dir, 'memory.swap.max'))) writeLimit(join(dir, 'memory.swap.max'), '0');
      writeLimit(join(dir, 'pids.max'), String(limits.processes));
    } catch (e) {
      void removeDir(dir);
      throw e;
    }
    // CPU time counts from `restart` (cpu.stat cannot be reset).
    const cpuTotal = () => Number(/usage_usec (\d+)/.exec(tryRead(join(dir, 'cpu.stat')) ?? '')?.[1] ?? 0) / 1000;
    let cpuFrom = 0;
    const cpuMs = () => cpuTotal() - cpuFrom;
    // Before 5.19 the kernel keeps no peak: sample memory.current while the box lives.
    let sampled = 0;
    let sampler: NodeJS.Timeout | undefined;
    const stopSampling = () => {
      if (sampler) clearInterval(sampler);
      sampler = undefined;
    };
    const startSampling = () => {
      stopSampling();
      sampled = 0;
      if (this.exactPeak) return;
      const sample = () => { sampled = Math.max(sampled, Number(tryRead(join(dir, 'memory.current')) ?? 0)); };
      sampler = setInterval(sample, PEAK_SAMPLE_MS);
      sampler.unref();
    };
    if (!warm) startSampling();
    return {
      procsFiles: [join(dir, 'cgroup.procs')],
      cpuMs,
      usage: () => {
        const events = tryRead(join(dir, 'memory.events')) ?? '';
        const oomKilled = Number(/oom_kill (\d+)/.exec(events)?.[1] ?? 0) > 0;
        const memoryLimitHit = Number(/\bmax (\d+)/.exec(events)?.[1] ?? 0) > 0;
        let peakBytes: number;
        if (this.exactPeak) {
          peakBytes = Number(tryRead(join(dir, 'memory.peak')) ?? 0);
        } else {
          stopSampling();
          // A run that reached the limit peaked at it, whether or not a sample caught it.
          peakBytes = Math.max(sampled, Number(tryRead(join(dir, 'memory.current')) ?? 0), memoryLimitHit || oomKilled ? limits.memoryKb * 1024 : 0);
        }
        return { cpuMs: cpuMs(), peakMemoryKb: Math.ceil(peakBytes / 1024), oomKilled, memoryLimitHit };
      },
      pids: () => readPids([join(dir, 'cgroup.procs')]),
      restart: () => {
        cpuFrom = cpuTotal();
        startSampling();
      },
      remove: () => {
        stopSampling();
        return removeDir(dir);
      },
    };
  }

  sweep(): Promise<void> {
    return sweepStale([this.subtree]);
  }

  close(): Promise<void> {
    return removeDir(this.root);
  }
}

/**
 * The cgroup driver this machine offers: v2 when /sys/fs/cgroup is the unified hierarchy and the
 * judge's own cgroup can give memory and pids to boxes (as root, or as a user it was delegated
 * to), else v1 when memory, pids and cpuacct are mounted and writable; null without either
 * (then limits fall back to rlimits and memory is not measured: see docs/sandbox.md).
 * @param unusable told why, when a hierarchy exists but cannot be used
 */
export function detectCgroups(parent: string, unusable: (why: string) => void = () => undefined): CgroupDriver | null {
  try {
    if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return new CgroupV2Driver('/sys/fs/cgroup', parent);
    if (['memory', 'pids', 'cpuacct'].every((c) => existsSync(join('/sys/fs/cgroup', c, 'cgroup.procs')))) {
      return new CgroupV1Driver(parent);
    }
  } catch (e) {
    unusable((e as Error).message);
    return null;
  }
  unusable('no cgroup v2 hierarchy at /sys/fs/cgroup, nor v1 memory, pids and cpuacct');
  return null;
}
