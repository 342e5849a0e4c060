import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, readlinkSync } from 'node:fs';
import { constants, cpus } from 'node:os';
import { posix } from 'node:path';
import { AppConfig } from '@app/config';
import { BoxSlots } from './box-slots';
import { BoxCgroup, CgroupDriver, detectCgroups } from './cgroups';
import { claimUidRange, UID_RANGE_SIZE, UidRange } from './uid-range';
import { RunResult, RunSpec, SandboxError } from './sandbox.types';

// Node lists aliases (SIGIOT = SIGABRT = 6, SIGPOLL = SIGIO): the first, standard name wins.
const SIGNAL_NAMES = new Map<number, string>();
for (const [name, n] of Object.entries(constants.signals)) if (!SIGNAL_NAMES.has(n as number)) SIGNAL_NAMES.set(n as number, name);
const JOIN_FAILED = 'cannot join the box cgroup';
const CPUS = Math.max(1, cpus().length);

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
 * The only place that starts processes for untrusted code. Each run gets a fresh bubblewrap box:
 * new mount, PID, network, IPC, UTS and cgroup namespaces; a read-only root with /usr and the
 * given mounts; a size-capped writable /box and /tmp; no environment but PATH/HOME/LANG; a new
 * session; and, once the box is set up, `setpriv` drops to the slot's unprivileged host uid with
 * no capabilities and no-new-privs. A per-run cgroup (v1 or v2) limits memory and processes and
 * measures CPU time and peak memory of the whole tree; the judge kills the box when the tree's
 * CPU time passes the limit, at the wall limit, or when an output stream passes its cap.
 * See docs/sandbox.md for the threat model and what degrades without root or cgroups.
 */
@Injectable()
export class SandboxService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SandboxService.name);
  private readonly privileged = process.getuid?.() === 0;
  readonly cgroups: CgroupDriver | null;
  private readonly slots: BoxSlots;
  private readonly uids: UidRange;
  private readonly running = new Set<Promise<unknown>>();
  private readonly rootArgs = rootLinks();
  private seq = 0;

  constructor(config: AppConfig) {
    // Compilation, the run and a checker may each hold a slot: room for all of them.
    this.slots = new BoxSlots(Math.min(UID_RANGE_SIZE, config.judgeConcurrency * 3));
    this.uids = this.privileged ? claimUidRange(config.judgeBoxUid) : { first: config.judgeBoxUid, size: UID_RANGE_SIZE, release: () => undefined };
    this.cgroups = this.privileged ? detectCgroups(`oj-judge-${process.pid}`) : null;
    if (spawnSync('bwrap', ['--version']).status !== 0) throw new SandboxError('bubblewrap (bwrap) is not installed: apt-get install bubblewrap');
    if (!this.cgroups) this.logger.warn('no usable cgroups: memory is limited by RLIMIT_AS and not measured; CPU time is per process');
  }

  async onModuleInit(): Promise<void> {
    await this.cgroups?.sweep();
    this.logger.log(`sandbox: ${this.describe()}, box uids ${this.uids.first}+`);
  }

  /** Waits for boxes still running, then removes this judge's cgroups and uid range. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await this.cgroups?.close();
    this.uids.release();
  }

  /** Describes the isolation in force, for `judge.status` and the logs. */
  describe(): string {
    return `${this.privileged ? 'root setup + setpriv to box uids' : 'user namespace (judge not root)'}, cgroups ${this.cgroups?.kind ?? 'none'}`;
  }

  /**
   * Runs `spec` in a fresh box and resolves when every process of the box is gone.
   * @throws SandboxError when the box could not be set up (never for anything the program does).
   */
  async run(spec: RunSpec): Promise<RunResult> {
    const p = this.runInBox(spec);
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
    try {
      cgroup = this.cgroups?.create(name, { memoryKb: spec.limits.memoryKb, processes: spec.limits.processes + 2 }) ?? null;
      stdinFd = spec.stdinFile ? openSync(spec.stdinFile, 'r') : null;
      return await this.execute(spec, uid, cgroup, stdinFd);
    } finally {
      if (stdinFd !== null) closeSync(stdinFd);
      if (cgroup) {
        this.killAll(cgroup);
        await cgroup.remove();
      }
      this.slots.release(slot);
    }
  }

  private killAll(cgroup: BoxCgroup): void {
    for (let i = 0; i < 20; i++) {
      const pids = cgroup.pids();
      if (pids.length === 0) return;
      for (const pid of pids) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    }
  }

  private bwrapArgs(spec: RunSpec, uid: number): string[] {
    const l = spec.limits;
    const scratch = String((l.scratchKb ?? Math.min(l.memoryKb, 256 * 1024)) * 1024);
    const args = [
      '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
      '--die-with-parent', '--new-session', '--hostname', 'box', '--info-fd', '3',
      '--ro-bind', '/usr', '/usr', ...this.rootArgs,
      '--perms', '0755', '--dir', '/etc', '--ro-bind-try', '/etc/ld.so.cache', '/etc/ld.so.cache',
      '--proc', '/proc', '--dev', '/dev',
      '--perms', '1777', '--size', scratch, '--tmpfs', '/tmp',
    ];
    if (spec.workDir) args.push('--bind', spec.workDir, '/box');
    else args.push('--perms', '1777', '--size', scratch, '--tmpfs', '/box');
    // bwrap would create a mount's missing parents with the host parent's mode (/root: 0700),
    // hiding a toolchain installed under /root from the box user: create them 0755 first.
    const made = new Set(['/', '/usr', '/etc', '/tmp', '/box', '/proc', '/dev']);
    for (const m of spec.mounts) {
      const missing: string[] = [];
      for (let dir = posix.dirname(m.target); !made.has(dir); dir = posix.dirname(dir)) missing.unshift(dir);
      for (const dir of missing) args.push('--perms', '0755', '--dir', dir);
      missing.forEach((d) => made.add(d));
      args.push(m.writable ? '--bind' : '--ro-bind', m.source, m.target);
    }
    args.push('--chdir', '/box', '--clearenv');
    const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/box', LANG: 'C.UTF-8', ...spec.env };
    for (const [k, v] of Object.entries(env)) args.push('--setenv', k, v);
    if (this.privileged) {
      args.push('--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID', '--remount-ro', '/', '--',
        '/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--');
    } else {
      args.push('--unshare-user', '--uid', '1000', '--gid', '1000', '--remount-ro', '/', '--');
    }
    return [...args, ...spec.argv];
  }

  /** The shell that joins the box's cgroups and sets rlimits, then becomes bwrap. */
  private prologue(spec: RunSpec, cgroup: BoxCgroup | null): string {
    const l = spec.limits;
    // Setup failures go to fd 3, which only the judge reads; bwrap reports there (--info-fd) once
    // the box is up, so nothing the program prints can pass for a sandbox failure.
    const lines = (cgroup?.procsFiles ?? []).map((f) => `echo $$ > ${f} || { echo '${JOIN_FAILED}' >&3; exit 121; }`);
    lines.push(
      `ulimit -t ${Math.ceil(l.cpuMs / 1000) + 1}`,
      `ulimit -f ${Math.ceil(l.fileSizeKb * 2)}`,
      `ulimit -s ${l.stackKb ?? l.memoryKb}`,
      'ulimit -c 0',
      'ulimit -n 512',
      // RLIMIT_NPROC is per uid, and each box slot has its own uid; the pids cgroup is the main
      // limit. dash calls it -p, bash -u.
      `ulimit -p ${l.processes + 8} 2>/dev/null || ulimit -u ${l.processes + 8}`,
    );
    if (!cgroup) lines.push(`ulimit -v ${l.memoryKb + 64 * 1024}`);
    return `${lines.join('\n')}\nexec "$@"`;
  }

  private execute(spec: RunSpec, uid: number, cgroup: BoxCgroup | null, stdinFd: number | null): Promise<RunResult> {
    const l = spec.limits;
    const cap = l.outputKb * 1024;
    return new Promise<RunResult>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const child = spawn('/bin/sh', ['-c', this.prologue(spec, cgroup), 'sh', 'bwrap', ...this.bwrapArgs(spec, uid)], {
        stdio: [stdinFd ?? 'ignore', 'pipe', 'pipe', 'pipe'],
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      });
      let ended: 'time-limit' | 'wall-time-limit' | 'output-limit' | null = null;
      let outputLimitStream: 'stdout' | 'stderr' | null = null;
      const kill = (why: NonNullable<typeof ended>) => {
        ended ??= why;
        child.kill('SIGKILL');
        if (cgroup) this.killAll(cgroup);
      };
      const collect = (stream: NodeJS.ReadableStream, which: 'stdout' | 'stderr') => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          if (size > cap) return;
          size += chunk.length;
          chunks.push(chunk);
          if (size > cap) {
            outputLimitStream ??= which;
            kill('output-limit');
          }
        });
        return () => {
          const all = Buffer.concat(chunks);
          return all.length > cap ? all.subarray(0, cap) : all;
        };
      };
      const stdout = collect(child.stdout!, 'stdout');
      const stderr = collect(child.stderr!, 'stderr');
      let info = '';
      (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => { if (info.length < 4096) info += d.toString(); });

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

      child.on('error', (e) => {
        clearTimeout(wallTimer);
        clearTimeout(cpuTimer);
        reject(new SandboxError(`cannot start the sandbox: ${e.message}`));
      });
      child.on('close', (code, sig) => {
        clearTimeout(wallTimer);
        clearTimeout(cpuTimer);
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        if (cgroup) this.killAll(cgroup);
        const errBuf = stderr();
        if (!info.includes('"child-pid"') && !ended) {
          // The box never came up: a bad mount, no namespaces, no cgroup. Ours, not the program's.
          const why = info.includes(JOIN_FAILED) ? JOIN_FAILED : errBuf.toString().trim().slice(0, 500);
          return reject(new SandboxError(`the sandbox did not start: ${why || `exit ${code}`}`));
        }
        const usage = cgroup?.usage();
        const cpuMs = usage ? usage.cpuMs : wallMs;
        // bwrap reports a program killed by signal N as exit code 128 + N, like a shell.
        let exitCode: number | null = code;
        let signal: string | null = sig && ended === null ? sig : null;
        if (code !== null && code > 128 && code < 128 + 65) {
          signal = SIGNAL_NAMES.get(code - 128) ?? `SIG${code - 128}`;
          exitCode = null;
        }
        let outcome: RunResult['outcome'] = signal ? 'signaled' : 'exited';
        if (ended === 'wall-time-limit' && cpuMs <= l.cpuMs) outcome = 'wall-time-limit';
        else if (ended === 'time-limit' || cpuMs > l.cpuMs || signal === 'SIGXCPU' || ended === 'wall-time-limit') outcome = 'time-limit';
        else if (ended === 'output-limit' || signal === 'SIGXFSZ') outcome = 'output-limit';
        else if (usage?.oomKilled) outcome = 'memory-limit';
        if (ended) { exitCode = null; signal = signal ?? 'SIGKILL'; }
        resolve({
          outcome,
          exitCode,
          signal,
          cpuMs: Math.round(cpuMs),
          wallMs: Math.round(wallMs),
          memoryKb: usage?.peakMemoryKb ?? null,
          memoryLimitHit: !!usage && (usage.oomKilled || usage.memoryLimitHit),
          stdout: stdout(),
          stderr: errBuf,
          outputLimitStream,
        });
      });
    });
  }
}
