import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  remove(): Promise<void>;
}

export interface CgroupDriver {
  readonly kind: 'v1' | 'v2';
  create(name: string, limits: { memoryKb: number; processes: number }): BoxCgroup;
  /** Removes cgroups of judges that died without cleaning up. */
  sweep(): Promise<void>;
  /** Removes this judge's own parent cgroup(s); call after the last box. */
  close(): Promise<void>;
}

const read = (p: string) => readFileSync(p, 'utf8');
const tryRead = (p: string): string | null => {
  try { return read(p); } catch { return null; }
};

function readPids(files: string[]): number[] {
  const pids = new Set<number>();
  for (const f of files) for (const line of (tryRead(f) ?? '').split('\n')) if (line) pids.add(Number(line));
  return [...pids];
}

/**
 * Removes a cgroup folder. The kernel refuses while a dying process is still attached (a box
 * whose tmpfs with a million files is being torn down takes a while): retry for up to 10 s,
 * without blocking the event loop.
 */
async function removeDir(dir: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      rmdirSync(dir);
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

  create(name: string, limits: { memoryKb: number; processes: number }): BoxCgroup {
    const mem = join(this.roots.memory, name);
    const pids = join(this.roots.pids, name);
    const cpu = join(this.roots.cpuacct, name);
    for (const d of [mem, pids, cpu]) mkdirSync(d, { recursive: true });
    try {
      const bytes = String(limits.memoryKb * 1024);
      writeFileSync(join(mem, 'memory.limit_in_bytes'), bytes);
      // Without this the box would swap instead of being stopped at the limit.
      if (this.swap) writeFileSync(join(mem, 'memory.memsw.limit_in_bytes'), bytes);
      writeFileSync(join(pids, 'pids.max'), String(limits.processes));
    } catch (e) {
      void Promise.all([mem, pids, cpu].map(removeDir));
      throw e;
    }
    const procsFiles = [mem, pids, cpu].map((d) => join(d, 'cgroup.procs'));
    return {
      procsFiles,
      cpuMs: () => Number(tryRead(join(cpu, 'cpuacct.usage')) ?? 0) / 1e6,
      usage: () => {
        const oom = /oom_kill (\d+)/.exec(tryRead(join(mem, 'memory.oom_control')) ?? '');
        return {
          cpuMs: Number(tryRead(join(cpu, 'cpuacct.usage')) ?? 0) / 1e6,
          peakMemoryKb: Math.ceil(Number(tryRead(join(mem, 'memory.max_usage_in_bytes')) ?? 0) / 1024),
          oomKilled: oom ? Number(oom[1]) > 0 : false,
          memoryLimitHit: Number(tryRead(join(mem, 'memory.failcnt')) ?? 0) > 0,
        };
      },
      pids: () => readPids(procsFiles),
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

/** cgroup v2: one unified hierarchy with memory, pids and cpu controllers delegated to us. */
class CgroupV2Driver implements CgroupDriver {
  readonly kind = 'v2';
  private readonly root: string;

  constructor(mount: string, parent: string) {
    const own = read('/proc/self/cgroup').split('\n').find((l) => l.startsWith('0::'))?.slice(3) ?? '/';
    // A process may not sit in a cgroup that also has children with controllers ("no internal
    // processes"), so boxes go beside our own cgroup, under its parent.
    this.root = join(mount, own === '/' ? '/' : join(own, '..'), parent);
    mkdirSync(this.root, { recursive: true });
    const want = ['memory', 'pids', 'cpu'];
    const available = read(join(this.root, '..', 'cgroup.controllers')).split(/\s+/);
    // One controller per write: a write naming one that cannot be enabled enables none.
    for (const dir of [join(this.root, '..'), this.root]) {
      for (const c of want.filter((x) => available.includes(x))) {
        try { writeFileSync(join(dir, 'cgroup.subtree_control'), `+${c}`); } catch { /* already on, or not allowed */ }
      }
    }
    if (!existsSync(join(this.root, 'cgroup.subtree_control')) || !read(join(this.root, 'cgroup.subtree_control')).includes('memory')) {
      throw new Error(`cannot enable the memory controller under ${this.root}`);
    }
  }

  create(name: string, limits: { memoryKb: number; processes: number }): BoxCgroup {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'memory.max'), String(limits.memoryKb * 1024));
      if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
      writeFileSync(join(dir, 'pids.max'), String(limits.processes));
    } catch (e) {
      void removeDir(dir);
      throw e;
    }
    const cpuMs = () => Number(/usage_usec (\d+)/.exec(tryRead(join(dir, 'cpu.stat')) ?? '')?.[1] ?? 0) / 1000;
    return {
      procsFiles: [join(dir, 'cgroup.procs')],
      cpuMs,
      usage: () => {
        const events = tryRead(join(dir, 'memory.events')) ?? '';
        const peak = tryRead(join(dir, 'memory.peak'));
        return {
          cpuMs: cpuMs(),
          peakMemoryKb: peak === null ? null : Math.ceil(Number(peak) / 1024),
          oomKilled: Number(/oom_kill (\d+)/.exec(events)?.[1] ?? 0) > 0,
          memoryLimitHit: Number(/\bmax (\d+)/.exec(events)?.[1] ?? 0) > 0,
        };
      },
      pids: () => readPids([join(dir, 'cgroup.procs')]),
      remove: () => removeDir(dir),
    };
  }

  sweep(): Promise<void> {
    return sweepStale([join(this.root, '..')]);
  }

  close(): Promise<void> {
    return removeDir(this.root);
  }
}

/**
 * The cgroup driver this machine offers: v2 when /sys/fs/cgroup is the unified hierarchy with
 * the memory controller, else v1 when memory, pids and cpuacct are mounted; null without
 * either (then limits fall back to rlimits and memory is not measured: see docs/sandbox.md).
 */
export function detectCgroups(parent: string): CgroupDriver | null {
  try {
    if (existsSync('/sys/fs/cgroup/cgroup.controllers') && read('/sys/fs/cgroup/cgroup.controllers').includes('memory')) {
      return new CgroupV2Driver('/sys/fs/cgroup', parent);
    }
    if (['memory', 'pids', 'cpuacct'].every((c) => existsSync(join('/sys/fs/cgroup', c, 'cgroup.procs')))) {
      return new CgroupV1Driver(parent);
    }
  } catch {
    return null;
  }
  return null;
}
