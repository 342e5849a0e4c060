import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { chownSync, closeSync, constants as fsConstants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, readlinkSync, readSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, posix } from 'node:path';
import { AppConfig } from '@app/config';
import { ProcessRunner } from '../process/process-runner';
import { buildBoxInit, buildRuntimeBinary } from './box-init';
import { BOX_LAUNCHER_SOURCE, BoxLauncher, Launch, LaunchFd, PreparedLaunch, signalName } from './box-launcher';
import { BoxSlots } from './box-slots';
import { SandboxLimit, SandboxStatus } from '@app/contracts';
import { BoxCgroup, CgroupDriver, CgroupLimits, CgroupV2Driver, detectCgroups, PEAK_SAMPLE_MS } from './cgroups';
import { claimUidRange, UID_RANGE_SIZE, UidRange } from './uid-range';
import { Mount, PipeFds, RunResult, RunSpec, SandboxError } from './sandbox.types';

/** fds of a bwrap child: bwrap's --info-fd, box-init's status, then the box cgroups' procs files, then the result file. */
const FD_INFO = 3;
const FD_STATUS = 4;
const FD_CGROUPS = 5;
/** fds of a warm box's own status channel and control socket (box-init --serve): below box-init's parked fds (64+), above every run's. */
const FD_BOX_STATUS = 62;
const FD_CONTROL = 63;
/** Where box-init is mounted in every box. */
const BOX_INIT = '/.box-init';
const CPUS = Math.max(1, cpus().length);
/** What is kept of bwrap's info channel and box-init's status channel, bytes. */
const STATUS_CAP = 4096;
/** How long a killed box may take to report its end before the run fails with SandboxError, ms. */
const KILLED_BOX_GRACE_MS = 10_000;
/** How long a warm box may take to answer that it has its run, ms. */
const WARM_GO_MS = 10_000;

/** Closes the fds a spec handed over (`stdinFd`, `stdoutFd`), once: they are marked as taken. */
function closeGiven(spec: RunSpec): void {
  for (const key of ['stdinFd', 'stdoutFd'] as const) {
    const fd = spec[key];
    if (fd === undefined || fd < 0) continue;
    try { closeSync(fd); } catch { /* already closed */ }
    spec[key] = -1;
  }
}

/** A warm box: made ahead for runs of one shape (`SandboxService.shape`), serving them one at a time. */
interface WarmBox {
  /** Resolves once bwrap has started and the next run's cgroup was handed to it (its keeper may still be on its way to waiting); rejects when the box could not be made or given it. */
  ready: Promise<void>;
  /** Null until bwrap was asked to start. */
  launch: PreparedLaunch | null;
  /** The next run's cgroup(s), joined by the run's process in the box before the run; the run's once taken. */
  cgroup: BoxCgroup | null;
  /** A run took it, and it was ready: its cgroup is then the run's to remove. */
  taken: boolean;
  /** The limits of its runs' cgroups. */
  limits: CgroupLimits;
  /** bwrap ended: nothing more is given to it. */
  ended?: boolean;
  /** Killed before a run took it (evicted, or at shutdown). */
  discarded?: boolean;
  /** A run took it off its list (it may still be waiting for it to be ready). */
  claimed?: boolean;
  /** The list of its shape it waits in. */
  list: WarmBox[];
}

/** A run in a warm box: the box, the trees to attach, and whether the box may serve the next run (set once the run ended on its own). */
interface WarmRun {
  box: WarmBox;
  late: BoxShape['late'];
  reusable: boolean;
}

/** What a run's box is made of: the part that is the same for every run of its kind, and the part that is not. */
interface BoxShape {
  /** bwrap's arguments before box-init: namespaces, the root, toolchains, tmpfs sizes, environment; the placeholders of `late`. */
  args: string[];
  /** The run's own host trees (its program, its work folder, its checker's files), attached when the run starts. */
  late: Array<Required<Mount>>;
  /** The writable scratch folders a warm box's keeper mounts fresh for each run (box-init --serve's PATH:MODE:BYTES). */
  tmpfs: string[];
}

/** Whether `path` is a folder or a file; null when it cannot be read (bwrap then says why, in a box made at the run). */
function fileKind(path: string): 'folder' | 'file' | null {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
}

/** Where the merged-/usr or classic top-level folders of the host point, for the box's root. */
function rootLinks(): string[] {
  const args: string[] = [];
  for (const name of ['bin', 'sbin', 'lib', 'lib64', 'lib32', 'libx32']) {
    const path = `/${name}`;
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else args.push('--ro-bind', path, path);
  }
  return args;
}

/**
 * The only place that starts processes for untrusted code. Each run gets a fresh bubblewrap box
 * (or, as root, a warm box's fresh keeper: new PID, mount, IPC and network namespaces and
 * scratch folders in a box made ahead; docs/sandbox.md, "Warm boxes"):
 * new mount, PID, network, IPC, UTS and cgroup namespaces; a read-only root with /usr and the
 * given mounts; a size-capped writable /box and /tmp; no environment but PATH/HOME/LANG; a new
 * session; and, once the box is set up, box-init (box-init.ts) joins the run's cgroup, sets the
 * rlimits and drops to the slot's unprivileged host uid with no capabilities and no-new-privs.
 * The per-run cgroup (v1 or v2) limits memory and processes and measures CPU time and peak
 * memory of the whole tree from the program's start on; the judge kills the box when the tree's
 * CPU time passes the limit, at the wall limit, or when an output stream passes its cap.
 * See docs/sandbox.md for the threat model and what degrades without root or cgroups.
 */
@Injectable()
export class SandboxService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SandboxService.name);
  private readonly privileged = process.getuid?.() === 0;
  cgroups: CgroupDriver | null = null;
  private slots: BoxSlots;
  private uids: UidRange;
  private readonly running = new Set<Promise<unknown>>();
  /** Kills the box of each run in progress (at shutdown). */
  private readonly killers = new Set<() => void>();
  private closing = false;
  private rootArgs: string[] = [];
  /** Host path of the box-init binary. */
  private boxInit: string;
  /** Starts each box's bwrap (box-launcher.source.ts: why, and its protocol). */
  private launcher: BoxLauncher;
  /** Host folder of the runs' result files (`RunSpec.resultFd`). */
  private resultsDir = '';
  private seq = 0;
  private noCgroupsBecause = '';
  /**
   * Warm boxes by shape (bwrap's arguments), least recently used shape first; at most
   * `JUDGE_WARM_BOXES` in all. Empty and unused when the judge is not root or the self-test of
   * `onModuleInit` failed.
   */
  private readonly warm = new Map<string, WarmBox[]>();
  private warmTaken = 0;
  /** Why the last run that took a warm box had to be run in a box made at its start. */
  private warmFailure = '';
  private warmMax = 0;
  private noWarmBoxesBecause = '';

  constructor(
    private readonly config: AppConfig,
    private readonly processes: ProcessRunner,
  ) {}

  /**
   * Sets the sandbox up: claims the box uids, finds the cgroups (and removes those of dead
   * judges), checks bwrap, builds box-init.
   * @throws SandboxError when bwrap or gcc is missing.
   */
  async onModuleInit(): Promise<void> {
    // Compilation, the run and a checker may each hold a slot: room for all of them.
    this.slots = new BoxSlots(Math.min(UID_RANGE_SIZE, this.config.judgeConcurrency * 3));
    if (this.processes.runSync('bwrap', ['--version']).status !== 0) throw new SandboxError('bubblewrap (bwrap) is not installed: apt-get install bubblewrap');
    this.uids = this.privileged ? claimUidRange(this.config.judgeBoxUid) : { first: this.config.judgeBoxUid, size: UID_RANGE_SIZE, release: () => undefined };
    // Not root: cgroups only where a v2 subtree was delegated to this user.
    this.cgroups = detectCgroups(`oj-judge-${process.pid}`, (why) => { this.noCgroupsBecause = why; });
    this.rootArgs = rootLinks();
    this.boxInit = buildBoxInit(join(this.config.judgeWorkDir, 'runtime'), this.processes);
    const launcher = buildRuntimeBinary(join(this.config.judgeWorkDir, 'runtime'), 'box-launcher', BOX_LAUNCHER_SOURCE, this.processes);
    this.launcher = new BoxLauncher(launcher, this.processes, { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' });
    this.resultsDir = join(this.config.judgeWorkDir, 'results', String(process.pid));
    if (!this.cgroups) this.logger.warn(`no usable cgroups (${this.noCgroupsBecause}): memory is limited by RLIMIT_AS and not measured; CPU time is per process`);
    await this.cgroups?.sweep();
    await this.checkWarmBoxes();
    const status = this.status();
    this.logger.log(`sandbox: ${this.describe()}, box uids ${this.uids.first}+; enforced: ${status.enforced.join(', ')}`);
    if (status.unenforced.length) this.logger.warn(`sandbox limits not enforced here: ${status.unenforced.join('; ')}`);
  }

  /**
   * Kills the boxes still running and waits for them, then removes this judge's cgroups and uid
   * range. By now the queue has waited `JUDGE_SHUTDOWN_MS` for the jobs and handed back those
   * that did not finish: their runs' results would be dropped anyway, and waiting for them would
   * hold the exit for as long as a program runs.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const boxes of this.warm.values()) for (const box of boxes) this.discard(box);
    this.warm.clear();
    for (const kill of this.killers) kill();
    // Runs that end now add their cgroups' removals: wait for those too (the cgroups' own
    // removal below retries for a while if one is still there).
    const deadline = performance.now() + KILLED_BOX_GRACE_MS;
    while (this.running.size && performance.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, deadline - performance.now()).unref())]);
    }
    this.launcher?.close();
    await this.cgroups?.close();
    if (this.resultsDir) rmSync(this.resultsDir, { recursive: true, force: true });
    this.uids?.release();
  }

  /** Describes the isolation in force, for the logs. */
  describe(): string {
    const warm = this.warmMax ? `up to ${this.warmMax} warm boxes` : `no warm boxes (${this.noWarmBoxesBecause})`;
    return `${this.privileged ? 'root set-up, box-init drops to box uids' : 'user namespace (judge not root)'}, cgroups ${this.cgroups?.kind ?? 'none'}, ${warm}`;
  }

  /** Warm boxes waiting for a run or being made (all shapes), and how many runs took one so far (also for the benchmarks and tests). */
  warmBoxes(): { waiting: number; taken: number } {
    let waiting = 0;
    for (const boxes of this.warm.values()) waiting += boxes.length;
    return { waiting, taken: this.warmTaken };
  }

  /**
   * Turns warm boxes on (up to `JUDGE_WARM_BOXES`) when the judge is root and two runs through a
   * warm box, one after the other, with a tree attached late, work here; else says why not, for `describe`. A kernel
   * without open_tree(2) and move_mount(2) (before 5.2), mount_setattr(2) (before 5.12), or a
   * container's seccomp profile refusing them, leaves every run in a box made at its start.
   */
  private async checkWarmBoxes(): Promise<void> {
    if (!this.privileged) return void (this.noWarmBoxesBecause = 'the judge is not root');
    if (this.config.judgeWarmBoxes === 0) return void (this.noWarmBoxesBecause = 'JUDGE_WARM_BOXES=0');
    this.warmMax = this.config.judgeWarmBoxes;
    mkdirSync(this.resultsDir, { recursive: true, mode: 0o711 });
    const spec: RunSpec = {
      argv: ['/usr/bin/test', '-d', '/check'], mounts: [{ source: this.resultsDir, target: '/check' }],
      limits: { cpuMs: 5000, wallMs: 10_000, memoryKb: 64 * 1024, outputKb: 64, processes: 4, fileSizeKb: 64 },
    };
    try {
      // The first run of a shape makes a warm box for the next one; the second takes it, the third
      // takes it again (it serves runs one after another).
      await this.run(spec);
      const taken = this.warmTaken;
      this.warmFailure = '';
      for (const nth of ['second', 'third']) {
        const r = await this.run(spec);
        if (this.warmTaken !== taken + (nth === 'second' ? 1 : 2) || this.warmFailure) throw new Error(this.warmFailure || `the ${nth} run did not take the warm box`);
        if (r.exitCode !== 0) throw new Error(`the self-test ended ${r.outcome} ${r.exitCode ?? r.signal}: ${(r.execError ?? r.stderr.toString()).trim()}`);
      }
    } catch (e) {
      this.warmMax = 0;
      this.noWarmBoxesBecause = `they do not work here: ${(e as Error).message}`;
      for (const boxes of this.warm.values()) for (const box of boxes) this.discard(box);
      this.warm.clear();
    }
  }

  /**
   * The sandbox's mode and which limits it enforces here (`judge.status`): root or rootless
   * (a user namespace), the cgroup hierarchy in use, and in words what degrades without root or
   * cgroups (docs/sandbox.md, "What degrades without root or cgroups").
   */
  status(): SandboxStatus {
    const cg = this.cgroups;
    const enforced: SandboxLimit[] = ['wall-time', 'output', 'file-size', 'network', 'namespaces', 'seccomp'];
    const unenforced: string[] = [];
    if (cg) {
      enforced.push('cpu-time', 'memory', 'processes', 'peak-memory');
      if (cg instanceof CgroupV2Driver && !cg.exactPeak) unenforced.push(`peak memory sampled every ${PEAK_SAMPLE_MS} ms (kernel without memory.peak, before 5.19)`);
    } else {
      enforced.push('cpu-time-per-process', 'address-space', 'processes-per-user');
      unenforced.push(
        'CPU time is per process in whole seconds (RLIMIT_CPU); reported time is wall time',
        'memory is limited by address space (RLIMIT_AS: over-counts, breaks the JVM) and peak memory is not measured',
        'processes are limited per user (RLIMIT_NPROC), not per box',
      );
      if (this.noCgroupsBecause) unenforced.push(`no cgroups: ${this.noCgroupsBecause}`);
    }
    if (this.privileged) enforced.push('box-uids');
    else unenforced.push("boxes run as the judge's own user (a user namespace), not as separate unprivileged uids");
    return { mode: this.privileged ? 'root' : 'rootless', cgroups: cg?.kind ?? 'none', enforced, unenforced };
  }

  /**
   * A new pipe for `RunSpec.stdinFd` / `stdoutFd`: both ends blocking, close-on-exec in the judge
   * (only a box given an end gets it). Node has no pipe(2): it is a FIFO in the judge's own folder
   * (made by the box launcher, which does not fork the judge as mkfifo(1) would), opened
   * non-blocking for reading (which does not wait for a writer), then for writing, then reopened
   * blocking through /proc/self/fd and unlinked, so that nothing else can open it.
   * @throws SandboxError when the FIFO cannot be made.
   */
  async pipe(): Promise<PipeFds> {
    mkdirSync(this.resultsDir, { recursive: true, mode: 0o711 });
    const path = join(this.resultsDir, `pipe-${++this.seq}`);
    await this.launcher.makeFifo(path);
    try {
      const probe = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
      try {
        const write = openSync(path, fsConstants.O_WRONLY);
        const read = openSync(`/proc/self/fd/${probe}`, fsConstants.O_RDONLY);
        return { read, write };
      } finally {
        closeSync(probe);
      }
    } finally {
      rmSync(path, { force: true });
    }
  }

  /**
   * Runs `spec` in a fresh box and resolves when every process of the box is gone.
   * @throws SandboxError when the box could not be set up (never for anything the program does).
   */
  async run(spec: RunSpec): Promise<RunResult> {
    if (this.closing) throw new SandboxError('the judge is shutting down');
    const p = this.runInBox(spec).finally(() => closeGiven(spec));
    this.running.add(p);
    try {
      return await p;
    } finally {
      this.running.delete(p);
    }
  }

  private async runInBox(spec: RunSpec): Promise<RunResult> {
    const slot = await this.slots.acquire();
    const uid = this.uids.first + slot;
    const name = `box-${slot}-${++this.seq}`;
    let cgroup: BoxCgroup | null = null;
    let stdinFd: number | null = null;
    let resultFd: number | null = null;
    const resultFile = join(this.resultsDir, name);
    let later: (() => void) | undefined;
    let warm: WarmRun | undefined;
    try {
      const taken = this.takeWarm(spec, uid);
      later = taken?.later;
      warm = taken?.box && { box: taken.box, late: taken.late, reusable: false };
      if (warm) {
        try {
          await warm.box.ready;
          warm.box.taken = true;
        } catch {
          this.discard(warm.box);
          warm = undefined;
        }
      }
      const limits = { memoryKb: spec.limits.memoryKb, processes: spec.limits.processes };
      // box-init becomes the program (exec): it is not an extra task.
      if (warm) {
        cgroup = warm.box.cgroup;
        cgroup?.restart();
      } else cgroup = (await this.cgroups?.create(name, limits)) ?? null;
      stdinFd = spec.stdinFd ?? (spec.stdinFile ? openSync(spec.stdinFile, 'r') : null);
      if (spec.resultFd) {
        // Owned by the box uid, so the program may reopen it through /proc/self/fd/3; the folder is the judge's.
        mkdirSync(this.resultsDir, { recursive: true, mode: 0o711 });
        resultFd = openSync(resultFile, 'w+', 0o600);
        if (this.privileged) chownSync(resultFile, uid, uid);
      }
      const r = await this.execute(spec, uid, cgroup, stdinFd, resultFd, warm);
      if (resultFd !== null) {
        const cap = spec.limits.outputKb * 1024;
        const size = fstatSync(resultFd).size;
        const buf = Buffer.alloc(Math.min(size, cap));
        let at = 0;
        while (at < buf.length) {
          const n = readSync(resultFd, buf, at, buf.length - at, at);
          if (n === 0) break;
          at += n;
        }
        r.result = buf.subarray(0, at);
        // The file cannot grow past the file size limit: reaching the cap is over it.
        if (size >= cap && r.outcome !== 'time-limit' && r.outcome !== 'wall-time-limit' && r.outcome !== 'memory-limit') {
          r.outcome = 'output-limit';
          r.outputLimitStream = 'result';
        }
      }
      return r;
    } finally {
      if (stdinFd !== null && spec.stdinFd === undefined) closeSync(stdinFd);
      if (resultFd !== null) {
        closeSync(resultFd);
        rmSync(resultFile, { force: true });
      }
      if (cgroup) {
        // The result does not wait for the removal (an rmdir may wait out an RCU grace period).
        // The slot, and so its uid, is free once no process of the box is left: at once when
        // killAll saw none, else when the removal succeeds (the kernel removes only an empty cgroup).
        const empty = this.killAll(cgroup);
        if (empty) this.slots.release(slot);
        const removing = cgroup.remove().finally(() => { if (!empty) this.slots.release(slot); });
        this.running.add(removing);
        void removing.finally(() => this.running.delete(removing));
      } else this.slots.release(slot);
      later?.();
      if (warm) {
        if (warm.reusable) this.reuse(warm.box);
        else this.discard(warm.box);
      }
    }
  }

  /** SIGKILLs every process in `cgroup` until none is left (20 rounds at most); true when none is. */
  private killAll(cgroup: BoxCgroup): boolean {
    for (let i = 0; i < 20; i++) {
      const pids = cgroup.pids();
      if (pids.length === 0) return true;
      for (const pid of pids) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    }
    return cgroup.pids().length === 0;
  }

  /**
   * The box of `spec`: bwrap's arguments up to box-init. With `warm`, the run's own trees (those
   * under the judge's work folder: programs, work folders, checkers' files) are left out as
   * empty placeholders in `late`, to be attached when the run starts; what is left is the same
   * for every run of the kind (a language's runs with the same limits, its compilations).
   */
  private shape(spec: RunSpec, uid: number, warm: boolean): BoxShape {
    const l = spec.limits;
    const late: BoxShape['late'] = [];
    const scratch = String((l.scratchKb ?? Math.min(l.memoryKb, 256 * 1024)) * 1024);
    const args = [
      '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
      '--die-with-parent', '--new-session', '--hostname', 'box', '--info-fd', String(FD_INFO),
      '--ro-bind', '/usr', '/usr', ...this.rootArgs,
      '--perms', '0755', '--dir', '/etc', '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache',
      '--proc', '/proc', '--dev', '/dev',
      // POSIX semaphores and shared memory (Python's multiprocessing) live in /dev/shm.
      '--perms', '1777', '--size', scratch, '--tmpfs', '/dev/shm',
      '--perms', '1777', '--size', scratch, '--tmpfs', '/tmp',
      '--ro-bind', this.boxInit, BOX_INIT,
    ];
    const tmpfs = [`/tmp:1777:${scratch}`, `/dev/shm:1777:${scratch}`];
    if (spec.workDir && warm) {
      args.push('--perms', '0755', '--dir', '/box');
      late.push({ source: spec.workDir, target: '/box', writable: true });
    } else if (spec.workDir) args.push('--bind', spec.workDir, '/box');
    else {
      args.push('--perms', '1777', '--size', scratch, '--tmpfs', '/box');
      tmpfs.push(`/box:1777:${scratch}`);
    }
    const runsOwn = `${this.config.judgeWorkDir}/`;
    // bwrap would create a mount's missing parents with the host parent's mode (/root: 0700),
    // hiding a toolchain installed under /root from the box user: create them 0755 first.
    const made = new Set(['/', '/usr', '/etc', '/tmp', '/box', '/proc', '/dev']);
    for (const m of spec.mounts) {
      const missing: string[] = [];
      for (let dir = posix.dirname(m.target); !made.has(dir); dir = posix.dirname(dir)) missing.unshift(dir);
      for (const dir of missing) args.push('--perms', '0755', '--dir', dir);
      missing.forEach((d) => made.add(d));
      const kind = warm && m.source.startsWith(runsOwn) ? fileKind(m.source) : null;
      if (kind) {
        // A placeholder of the same kind: a folder, or a file (an empty one from /dev/null's bind).
        if (kind === 'folder') args.push('--perms', '0755', '--dir', m.target);
        else args.push('--ro-bind', '/dev/null', m.target);
        late.push({ source: m.source, target: m.target, writable: !!m.writable });
      } else args.push(m.writable ? '--bind' : '--ro-bind', m.source, m.target);
    }
    args.push('--chdir', '/box', '--clearenv');
    const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/box', LANG: 'C.UTF-8', ...spec.env };
    for (const [k, v] of Object.entries(env)) args.push('--setenv', k, v);
    // box-init switches to the box uid and, before it drops every capability, makes /dev
    // read-only (CAP_SYS_ADMIN); a warm box's runs' namespaces, fresh mounts and attached trees
    // need CAP_SYS_ADMIN too, their loopback CAP_NET_ADMIN.
    if (this.privileged) args.push('--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--cap-add', 'CAP_SETPCAP', '--cap-add', 'CAP_SYS_ADMIN');
    else args.push('--unshare-user', '--uid', String(uid), '--gid', String(uid));
    if (warm) args.push('--cap-add', 'CAP_NET_ADMIN');
    args.push('--remount-ro', '/', '--', BOX_INIT);
    return { args, late, tmpfs };
  }

  /** box-init's arguments: the limits, then the program. */
  private initArgs(spec: RunSpec, uid: number, cgroupFds: number[], resultFd: number | null): string[] {
    const l = spec.limits;
    return [
      String(FD_STATUS), String(uid), String(uid), cgroupFds.length ? cgroupFds.map((_, i) => FD_CGROUPS + i).join(',') : '-',
      String(Math.ceil(l.cpuMs / 1000) + 1),
      String(l.fileSizeKb * 1024),
      String((l.stackKb ?? l.memoryKb) * 1024),
      '512',
      // RLIMIT_NPROC is per uid, and each box slot has its own uid; the pids cgroup is the main limit.
      String(l.processes + 8),
      // Without cgroups, address space is the only memory limit there is.
      this.cgroups ? '0' : String((l.memoryKb + 64 * 1024) * 1024),
      resultFd === null ? '-' : String(FD_CGROUPS + cgroupFds.length),
      '--', ...spec.argv];
  }

  /**
   * A warm box of `spec`'s shape if one is waiting or being made, with the trees to attach when
   * its run starts (await its `ready` before using it). A box serves its shape's runs one at a
   * time and comes back to its list after each (`reuse`); a run that finds none waiting is run in
   * a box made then, and `later` makes a warm box for the shape once that run has ended (so that
   * a burst of new shapes does not make two boxes per run at once, and a shape gets as many boxes
   * as it has runs at once). The least recently used shapes' boxes go past `JUDGE_WARM_BOXES`.
   */
  private takeWarm(spec: RunSpec, uid: number): { box?: WarmBox; late: BoxShape['late']; later?: () => void } | undefined {
    if (this.warmMax === 0 || this.closing) return undefined;
    const { args, late, tmpfs } = this.shape(spec, uid, true);
    // The cgroup's limits too: set when the box is made.
    const key = `${spec.limits.memoryKb}\0${spec.limits.processes}\0${args.join('\0')}`;
    const boxes = this.warm.get(key) ?? [];
    // The shape becomes the most recently used.
    this.warm.delete(key);
    this.warm.set(key, boxes);
    const box = boxes[0];
    if (!box) {
      return {
        late,
        later: () => {
          if (this.closing) return;
          this.makeWarm([...args, '--serve', String(FD_BOX_STATUS), String(FD_CONTROL), ...tmpfs], { memoryKb: spec.limits.memoryKb, processes: spec.limits.processes }, boxes);
          this.evictWarm();
        },
      };
    }
    box.claimed = true;
    this.unlist(box);
    this.warmTaken++;
    return { box, late };
  }

  /**
   * Lists a new warm box in `boxes` and makes it: bwrap with box-init --serve (`args`), then its
   * first run's cgroup with `limits`, handed to it (`ready` resolves then). When the box is gone
   * the cgroup it was given last is removed, unless a run took it.
   */
  private makeWarm(args: string[], limits: CgroupLimits, boxes: WarmBox[]): void {
    const box = { launch: null, cgroup: null, taken: false, list: boxes, limits } as Omit<WarmBox, 'ready'> as WarmBox;
    boxes.push(box);
    box.launch = this.launcher.prepare(['bwrap', ...args], [
      { target: 0, null: true },
      { target: 1, capture: { capBytes: STATUS_CAP, killOnOverflow: false } },
      { target: 2, capture: { capBytes: STATUS_CAP, killOnOverflow: false } },
      { target: FD_INFO, capture: { capBytes: STATUS_CAP, killOnOverflow: false } },
      { target: FD_BOX_STATUS, capture: { capBytes: STATUS_CAP, killOnOverflow: false } },
    ], FD_CONTROL);
    box.ready = box.launch.started.then(() => this.giveCgroup(box));
    box.ready.catch(() => undefined);
    const life = (async () => {
      try {
        await box.ready;
        if ((this.closing && !box.claimed) || box.discarded) this.discard(box);
        await box.launch!.done;
      } catch {
        // Not made, or killed: the run that takes it (if any) makes its own box.
      } finally {
        box.ended = true;
        this.unlist(box);
        if (!box.taken && box.cgroup) {
          this.killAll(box.cgroup);
          await box.cgroup.remove();
        }
      }
    })();
    this.running.add(life);
    void life.finally(() => this.running.delete(life));
  }

  /** Makes the next run's cgroup of `box` and hands it over (box-init makes the run's keeper, whose fork of the program joins it and waits). */
  private async giveCgroup(box: WarmBox): Promise<void> {
    const cgroup = (await this.cgroups?.create(`warm-${++this.seq}`, box.limits, true)) ?? null;
    if (box.ended) {
      await cgroup?.remove();
      throw new SandboxError('the prepared box is gone');
    }
    box.cgroup = cgroup;
    box.launch!.prep(cgroup?.procsFiles ?? []);
  }

  /**
   * Puts `box` back on its shape's list after a run that ended on its own (its keeper reported
   * the program's end; nothing of the run is left in the box: see box-init --serve), with the
   * next run's cgroup on its way; or kills it when the judge is closing or its shape was evicted.
   */
  private reuse(box: WarmBox): void {
    const shapeListed = [...this.warm.values()].includes(box.list);
    if (this.closing || box.discarded || box.ended || !shapeListed) return this.discard(box);
    box.taken = false;
    box.claimed = false;
    box.cgroup = null;
    box.list.push(box);
    box.ready = this.giveCgroup(box);
    box.ready.catch(() => this.discard(box));
    this.evictWarm();
  }

  /** Takes a warm box off its shape's list (a run took it, it was evicted, or it is gone). */
  private unlist(box: WarmBox): void {
    const at = box.list.indexOf(box);
    if (at < 0) return;
    box.list.splice(at, 1);
  }

  /** Kills a warm box no run will take: bwrap, and box-init in its cgroup (one still being made is killed once made). */
  private discard(box: WarmBox): void {
    box.discarded = true;
    box.launch?.kill();
    if (box.cgroup) this.killAll(box.cgroup);
  }

  /** Past `JUDGE_WARM_BOXES`, kills the oldest warm boxes of the least recently used shapes. */
  private evictWarm(): void {
    for (const [key, boxes] of this.warm) {
      while (boxes.length && this.warmBoxes().waiting > this.warmMax) {
        const box = boxes[0];
        this.unlist(box);
        this.discard(box);
      }
      if (this.warmBoxes().waiting <= this.warmMax) return;
      this.warm.delete(key);
    }
  }

  /**
   * Runs `spec` in `warm` (a warm box taken for it, whose box-init joined `cgroup` already) or,
   * without one or when it is gone, in a box made now; resolves when every process is gone.
   */
  private async execute(spec: RunSpec, uid: number, cgroup: BoxCgroup | null, stdinFd: number | null, resultFd: number | null, warm?: WarmRun): Promise<RunResult> {
    const l = spec.limits;
    const cap = l.outputKb * 1024;
    // The box's fds: what the judge lends (stdin, a given stdout; then the cgroups' procs files
    // and the result file) is reopened by the launcher; stdout, stderr and bwrap's and box-init's
    // status channels are pipes the launcher collects (an output stream past its cap kills the box).
    const fds: LaunchFd[] = [
      stdinFd === null ? { target: 0, null: true } : { target: 0, judgeFd: stdinFd, mode: 'r' },
      spec.stdoutFd !== undefined && spec.stdoutFd >= 0 ? { target: 1, judgeFd: spec.stdoutFd, mode: 'w' } : { target: 1, capture: { capBytes: cap, killOnOverflow: true } },
      { target: 2, capture: { capBytes: cap, killOnOverflow: true } },
      { target: FD_INFO, capture: { capBytes: STATUS_CAP, killOnOverflow: false } },
      { target: FD_STATUS, capture: { capBytes: STATUS_CAP, killOnOverflow: false } },
    ];
    let begun: Launch | undefined;
    let inWarmBox = false;
    try {
      if (warm) {
        // The run's own captures (box-init's status channel too); bwrap's info channel is the box's.
        const caps = fds.flatMap((f) => ('capture' in f && f.target !== FD_INFO ? [{ target: f.target, ...f.capture }] : []));
        // The keeper joined the cgroups already: the result file is the first fd after the status channel's.
        const lent = fds.filter((f) => !('capture' in f));
        if (resultFd !== null) lent.push({ target: FD_CGROUPS, judgeFd: resultFd, mode: 'rw' });
        const box = warm.box.launch!;
        let timer: NodeJS.Timeout | undefined;
        try {
          const run = box.go({ caps, fds: lent, mounts: warm.late, args: this.initArgs(spec, uid, [], resultFd) });
          // A box that never answers (it would have to be stuck in its set-up) is killed; the
          // launcher then answers for the run either way (failed, or started when the keeper's
          // answer was there after all: the run did start, and it is lost with its box).
          const answered = await Promise.race([run.started.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), WARM_GO_MS)))]);
          if (!answered) {
            box.kill();
            await run.started;
          }
          begun = run;
          inWarmBox = true;
        } catch (e) {
          // Gone before its run (killed, or its set-up failed): nothing of the program ran; a box made now takes the run.
          this.warmFailure = (e as Error).message;
        } finally {
          clearTimeout(timer);
        }
      }
      if (!begun) {
        const cgroupFds = (cgroup?.procsFiles ?? []).map((f) => openSync(f, 'w'));
        const all = [...fds, ...cgroupFds.map((fd, i): LaunchFd => ({ target: FD_CGROUPS + i, judgeFd: fd, mode: 'w' }))];
        if (resultFd !== null) all.push({ target: FD_CGROUPS + cgroupFds.length, judgeFd: resultFd, mode: 'rw' });
        try {
          begun = this.launcher.launch(['bwrap', ...this.shape(spec, uid, false).args, ...this.initArgs(spec, uid, cgroupFds, resultFd)], all);
          await begun.started;
        } finally {
          cgroupFds.forEach((fd) => closeSync(fd));
        }
      }
    } finally {
      // The box has its copies now: ours must go, or the other end would never see EOF.
      closeGiven(spec);
    }
    const launch: Launch = begun!;
    return new Promise<RunResult>((resolve, reject) => {
      let ended: 'time-limit' | 'wall-time-limit' | 'output-limit' | null = null;
      let outputLimitStream: 'stdout' | 'stderr' | null = null;
      let endedAt: number | undefined;
      let lostTimer: NodeJS.Timeout | undefined;
      const kill = (why: NonNullable<typeof ended>) => {
        ended ??= why;
        endedAt ??= performance.now();
        launch.kill();
        if (cgroup) this.killAll(cgroup);
        // A killed box is gone within milliseconds; one that never reports back is the sandbox's failure, not a hang.
        lostTimer ??= setTimeout(() => {
          settled();
          reject(new SandboxError(`the box was killed (${why}) but did not end within ${KILLED_BOX_GRACE_MS} ms`));
        }, KILLED_BOX_GRACE_MS);
      };
      // At shutdown (the run's result is then dropped: its job was handed back).
      const killAtShutdown = () => kill('wall-time-limit');
      this.killers.add(killAtShutdown);
      const wallTimer = setTimeout(() => kill('wall-time-limit'), l.wallMs);
      // Poll the tree's CPU time only as often as it could possibly have reached the limit.
      let cpuTimer: NodeJS.Timeout | undefined;
      if (cgroup) {
        const check = () => {
          const used = cgroup.cpuMs();
          if (used > l.cpuMs) return kill('time-limit');
          cpuTimer = setTimeout(check, Math.max(5, (l.cpuMs - used) / parallelism));
        };
        // n busy threads spend CPU n times as fast as the wall clock runs.
        const parallelism = Math.min(CPUS, l.processes);
        cpuTimer = setTimeout(check, Math.max(5, l.cpuMs / parallelism));
      }

      const settled = () => {
        this.killers.delete(killAtShutdown);
        clearTimeout(wallTimer);
        clearTimeout(cpuTimer);
        clearTimeout(lostTimer);
      };
      // Reaped: bwrap has ended (its pipes may still be closing).
      launch.onExit(() => { endedAt ??= performance.now(); });
      launch.done.then((done) => {
        settled();
        if (cgroup) this.killAll(cgroup);
        const { code, signal: sig, wallMs } = done;
        if (done.overflowTarget !== null) {
          outputLimitStream ??= done.overflowTarget === 2 ? 'stderr' : 'stdout';
          ended ??= 'output-limit';
        }
        const info = done.captured.get(FD_INFO)?.toString() ?? '';
        const status = done.captured.get(FD_STATUS)?.toString() ?? '';
        const errBuf = done.captured.get(2) ?? Buffer.alloc(0);
        const execError = /^exec: (.*)$/m.exec(status)?.[1];
        if (done.lost && !ended) return reject(new SandboxError('the warm box ended before it reported its run\'s end'));
        // In a warm box, bwrap's info channel is the box's, not the run's.
        if (((!inWarmBox && !info.includes('"child-pid"')) || (status && !execError)) && !ended) {
          // The box never came up (a bad mount, no namespaces) or box-init failed (no cgroup, no
          // uid switch): ours, not the program's. Neither channel is writable by the program.
          const why = status.trim() || errBuf.toString().trim().slice(0, 500);
          return reject(new SandboxError(`the sandbox did not start: ${why || `exit ${code}`}`));
        }
        const usage = cgroup?.usage();
        const cpuMs = usage ? usage.cpuMs : wallMs;
        // bwrap reports a program killed by signal N as exit code 128 + N, like a shell.
        let exitCode: number | null = code;
        let signal: string | null = sig && ended === null ? sig : null;
        if (code !== null && code > 128 && code < 128 + 65) {
          signal = signalName(code - 128);
          exitCode = null;
        }
        let outcome: RunResult['outcome'] = signal ? 'signaled' : 'exited';
        if (ended === 'wall-time-limit' && cpuMs <= l.cpuMs) outcome = 'wall-time-limit';
        // No SIGXCPU test: RLIMIT_CPU only fires past the limit, which cpuMs shows, while exit
        // code 152 (128 + SIGXCPU) would look the same. SIGXFSZ (153) stays: a file over the
        // size limit shows nowhere else.
        else if (ended === 'time-limit' || cpuMs > l.cpuMs || ended === 'wall-time-limit') outcome = 'time-limit';
        else if (ended === 'output-limit' || signal === 'SIGXFSZ') outcome = 'output-limit';
        else if (usage?.oomKilled) outcome = 'memory-limit';
        if (ended) { exitCode = null; signal = signal ?? 'SIGKILL'; }
        // Ended on its own, its keeper's report in hand: nothing of it is left in the box.
        else if (warm && inWarmBox && !done.lost) warm.reusable = true;
        resolve({
          outcome,
          exitCode,
          signal,
          cpuMs: Math.round(cpuMs),
          wallMs: Math.round(wallMs),
          memoryKb: usage?.peakMemoryKb ?? null,
          memoryLimitHit: !!usage && (usage.oomKilled || usage.memoryLimitHit),
          stdout: done.captured.get(1) ?? Buffer.alloc(0),
          stderr: errBuf,
          outputLimitStream,
          endedAt: endedAt ?? performance.now(),
          ...(execError ? { execError } : {}),
        });
      }, (e: Error) => {
        settled();
        if (cgroup) this.killAll(cgroup);
        reject(e instanceof SandboxError ? e : new SandboxError(`the sandbox failed: ${e.message}`));
      });
    });
  }
}
