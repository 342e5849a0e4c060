import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { ProcessRunner } from '../process/process-runner';
import { SandboxError } from './sandbox.types';

export { BOX_LAUNCHER_SOURCE } from './box-launcher.source';

/** What a box's fd `target` is: /dev/null, a pipe the launcher collects, or one of the judge's fds. */
export type LaunchFd =
  | { target: number; null: true }
  | { target: number; capture: { capBytes: number; killOnOverflow: boolean } }
  | { target: number; judgeFd: number; mode: 'r' | 'w' | 'rw' };

/** How a launched process ended, once it was reaped and every captured pipe reached EOF. */
export interface LaunchDone {
  /**
   * A run in a prepared box only: its box ended before its keeper reported the run's end (the box
   * was killed, or is broken); `code` is then null and `signal` SIGKILL.
   */
  lost?: boolean;
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** Signal name (e.g. SIGKILL) when one ended it. */
  signal: string | null;
  /** From the spawn to the reap, ms (the launcher's monotonic clock). */
  wallMs: number;
  /** The first capture that went past its cap with `killOnOverflow` (its target fd), or null. */
  overflowTarget: number | null;
  /** What each capture collected (its first `capBytes`), by target fd. */
  captured: Map<number, Buffer>;
}

/** One process started through the launcher. */
export interface Launch {
  /** Resolves once the process exists (the judge may then close the fds it lent); rejects with SandboxError when it could not start. */
  started: Promise<void>;
  /** Resolves when it ended (see LaunchDone); rejects with SandboxError when the launcher died. */
  done: Promise<LaunchDone>;
  /** Called once when the process was reaped (before its pipes may have closed). */
  onExit(listener: () => void): void;
  /** SIGKILLs it unless it was already reaped. */
  kill(): void;
}

/**
 * A prepared box (`BoxLauncher.prepare`): box-init --serve in bwrap, serving runs one at a time.
 * Its own `done` is the box's end; each run is a Launch of its own (`go`).
 */
export interface PreparedLaunch extends Launch {
  /**
   * Gives the box its next run's cgroups (their `cgroup.procs` files, opened by the launcher):
   * box-init makes the run's keeper, whose fork of the program joins them and waits for `go`. Call it once before
   * each `go`. A box that cannot take it is killed (its `done` tells).
   */
  prep(procsFiles: string[]): void;
  /**
   * Starts a run in the box (after `prep`, and once the box's run before it is done): the
   * launcher makes a pipe for each of `caps` (collected as a `run`'s captures are), hands over
   * `fds` (the judge's fds must stay open until `started` settles) and attaches each mount's
   * host tree at its target. The run's `started` resolves once the box has them; it rejects
   * with SandboxError when the box is gone or any of them failed (the box is then killed): then
   * nothing of the run ran. Its `done` resolves when the keeper reported the program's end (with
   * `lost` when the box ended first); its `kill` kills the whole box.
   */
  go(request: { caps: Array<{ target: number; capBytes: number; killOnOverflow: boolean }>; fds: LaunchFd[]; mounts: Array<{ source: string; target: string; writable: boolean }>; args: string[] }): Launch;
}

interface Pending {
  /** What a `failed` frame's message is prefixed with. */
  failure: string;
  /** A prepared box started and waiting for its run: it does not keep the judge's process alive. */
  idle?: boolean;
  started: { resolve(): void; reject(e: Error): void; settled: boolean };
  done: { resolve(d: LaunchDone): void; reject(e: Error): void };
  exitListeners: Array<() => void>;
}

// Node lists aliases (SIGIOT = SIGABRT = 6, SIGPOLL = SIGIO): the first, standard name wins.
const SIGNAL_NAMES = new Map<number, string>();
for (const [name, n] of Object.entries(constants.signals)) if (!SIGNAL_NAMES.has(n as number)) SIGNAL_NAMES.set(n as number, name);

/** The name of signal number `n` (e.g. 11 → SIGSEGV), or `SIG<n>` for one Node does not name. */
export function signalName(n: number): string {
  return SIGNAL_NAMES.get(n) ?? `SIG${n}`;
}

/** A box fd's TARGET HOW fields of a `run`, `warm` or `go` request (box-launcher.source.ts). */
function fdFields(f: LaunchFd): string[] {
  return [String(f.target), 'null' in f ? 'null' : 'capture' in f ? `cap:${f.capture.capBytes}:${f.capture.killOnOverflow ? 1 : 0}` : `fd:${f.judgeFd}:${f.mode}`];
}

function frame(fields: string[]): Buffer {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length);
  return Buffer.concat([head, body]);
}

/**
 * The judge's client of the box launcher (box-launcher.source.ts: its protocol and why it
 * exists): starts it on first use, sends `run` and `kill` requests, and turns its `started`,
 * `exited` and `done` frames into a Launch's promises. If the launcher dies, every launch in
 * flight fails with SandboxError and the next launch starts a new one.
 */
export class BoxLauncher {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  /** Bytes from the launcher not yet handled, and how many. */
  private chunks: Buffer[] = [];
  private received = 0;

  /**
   * @param binary the launcher's path (`buildRuntimeBinary`)
   * @param env the environment it gives the processes it starts (their PATH finds `bwrap`)
   */
  constructor(
    private readonly binary: string,
    private readonly processes: ProcessRunner,
    private readonly env: Record<string, string>,
  ) {}

  /**
   * Starts `argv` (argv[0] looked up in PATH) with exactly the fds in `fds`. The judge's fds
   * named in `fds` must stay open until `started` settles.
   */
  launch(argv: string[], fds: LaunchFd[]): Launch {
    return this.start('run', argv, fds, []);
  }

  /**
   * Starts `argv` like `launch`, as a prepared box: it also gets fd `controlTarget`, a socket on
   * which `prep` and `go` send its runs (box-init --serve, box-init.ts). Once started and until then, it does
   * not keep the judge's process alive.
   */
  prepare(argv: string[], fds: LaunchFd[], controlTarget: number): PreparedLaunch {
    const launch = this.start('warm', argv, fds, [String(controlTarget)]);
    const child = this.child;
    const id = String(this.seq);
    const p = this.pending.get(id)!;
    // Idle once started: until then a run may be waiting for it.
    void launch.started.then(() => {
      p.idle = true;
      this.hold();
    }, () => undefined);
    return {
      ...launch,
      prep: (procsFiles) => {
        if (this.pending.has(id) && this.child === child) child!.stdin!.write(frame(['prep', id, String(procsFiles.length), ...procsFiles]));
      },
      go: (request) => {
        const fields = [
          String(request.caps.length), ...request.caps.flatMap((c) => [String(c.target), String(c.capBytes), c.killOnOverflow ? '1' : '0']),
          String(request.fds.length), ...request.fds.flatMap(fdFields),
          String(request.mounts.length), ...request.mounts.flatMap((m) => [m.source, m.target, m.writable ? '1' : '0']),
          String(request.args.length), ...request.args];
        if (!this.pending.has(id) || this.child !== child) {
          const gone = new SandboxError('the prepared box is gone');
          const rejected = Promise.reject(gone);
          rejected.catch(() => undefined);
          return { started: rejected, done: rejected, onExit: () => undefined, kill: () => undefined };
        }
        return this.start('go', [], [], [id], fields);
      },
    };
  }

  /**
   * Sends a `run` or `warm` request (KIND ID NFDS fds EXTRA NARGS argv), or a `go` (go BOX ID
   * FIELDS: `extra` is [BOX], `after` the rest), and follows the launch it makes.
   */
  private start(kind: 'run' | 'warm' | 'go', argv: string[], fds: LaunchFd[], extra: string[], after: string[] = []): Launch {
    const child = this.ensure();
    const id = String(++this.seq);
    let startedSettle!: Pending['started'];
    const started = new Promise<void>((resolve, reject) => (startedSettle = { resolve, reject, settled: false }));
    let doneSettle!: Pending['done'];
    const done = new Promise<LaunchDone>((resolve, reject) => (doneSettle = { resolve, reject }));
    // Whoever awaits only one of them must not leave the other's rejection unhandled.
    started.catch(() => undefined);
    done.catch(() => undefined);
    const p: Pending = { failure: kind === 'go' ? 'cannot start the run in a prepared box' : 'cannot start the sandbox', started: startedSettle, done: doneSettle, exitListeners: [] };
    this.pending.set(id, p);
    this.hold();
    child.stdin!.write(frame(kind === 'go'
      ? ['go', ...extra, id, ...after]
      : [kind, id, String(fds.length), ...fds.flatMap(fdFields), ...extra, String(argv.length), ...argv]));
    return {
      started, done,
      onExit: (listener) => p.exitListeners.push(listener),
      kill: () => { if (this.pending.has(id) && this.child === child) child.stdin!.write(frame(['kill', id])); },
    };
  }

  /**
   * Makes a FIFO at `path` (mode 0600): Node has no mkfifo, and running mkfifo(1) would fork the judge.
   * @throws SandboxError when it cannot be made (or the launcher died).
   */
  makeFifo(path: string): Promise<void> {
    const child = this.ensure();
    const id = String(++this.seq);
    const made = new Promise<void>((resolve, reject) => {
      const p: Pending = { failure: 'cannot make a FIFO', started: { resolve, reject, settled: false }, done: { resolve: () => undefined, reject: () => undefined }, exitListeners: [] };
      this.pending.set(id, p);
    });
    this.hold();
    child.stdin!.write(frame(['fifo', id, path]));
    return made;
  }

  /** Stops the launcher (it kills what still runs): for the judge's shutdown. */
  close(): void {
    this.child?.stdin?.end();
    this.child = null;
  }

  /** Keeps the process alive while launches are in flight (the launcher's output is ref'd), not when idle. */
  private hold(): void {
    const out = this.child?.stdout as unknown as { ref?(): void; unref?(): void } | undefined;
    if ([...this.pending.values()].some((p) => !p.idle)) out?.ref?.();
    else out?.unref?.();
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    const child = this.processes.spawn(this.binary, [], { stdio: ['pipe', 'pipe', 'inherit'], env: this.env });
    this.child = child;
    // An idle launcher does not keep the judge's process alive; its output does while a launch is in flight (`hold`).
    child.unref();
    (child.stdin as unknown as { unref?(): void }).unref?.();
    (child.stdout as unknown as { unref?(): void }).unref?.();
    this.chunks = [];
    this.received = 0;
    child.stdout!.on('data', (d: Buffer) => this.receive(d));
    // A write to a launcher that just died: its 'exit' fails the launches.
    child.stdin!.on('error', () => undefined);
    const lost = (why: string) => {
      if (this.child === child) this.child = null;
      const error = new SandboxError(`the box launcher ${why}`);
      for (const p of this.pending.values()) {
        if (!p.started.settled) p.started.reject(error);
        p.done.reject(error);
      }
      this.pending.clear();
      this.hold();
    };
    child.on('error', (e) => lost(`could not start: ${e.message}`));
    child.on('exit', (code, signal) => lost(`exited (${signal ?? code})`));
    return child;
  }

  private receive(data: Buffer): void {
    // Chunks are joined only once a whole frame is there: a 64 MiB output arrives in a thousand.
    this.chunks.push(data);
    this.received += data.length;
    for (;;) {
      if (this.received < 4) return;
      if (this.chunks[0].length < 4) this.join();
      const len = this.chunks[0].readUInt32LE(0);
      if (this.received < 4 + len) return;
      if (this.chunks[0].length < 4 + len) this.join();
      const first = this.chunks[0];
      this.handle(first.subarray(4, 4 + len));
      const rest = first.subarray(4 + len);
      if (rest.length) this.chunks[0] = rest;
      else this.chunks.shift();
      this.received -= 4 + len;
    }
  }

  private join(): void {
    this.chunks = [Buffer.concat(this.chunks)];
  }

  private handle(body: Buffer): void {
    let at = 0;
    const next = (): string => {
      const end = body.indexOf(0, at);
      const s = body.toString('utf8', at, end);
      at = end + 1;
      return s;
    };
    const kind = next();
    const id = next();
    const p = this.pending.get(id);
    if (!p) return;
    if (kind === 'made') {
      this.pending.delete(id);
      this.hold();
      p.started.resolve();
    } else if (kind === 'started') {
      p.started.settled = true;
      p.started.resolve();
    } else if (kind === 'failed') {
      const error = new SandboxError(`${p.failure}: ${next()}`);
      p.started.settled = true;
      p.started.reject(error);
      p.done.reject(error);
      this.pending.delete(id);
      this.hold();
    } else if (kind === 'exited') {
      for (const l of p.exitListeners) l();
    } else if (kind === 'done') {
      const status = Number(next());
      const wallMs = Number(next()) / 1000;
      const overflow = Number(next());
      const n = Number(next());
      const sizes: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) sizes.push([Number(next()), Number(next())]);
      const captured = new Map<number, Buffer>();
      for (const [target, size] of sizes) {
        // A copy: the frame's buffer is shared with whatever arrived with it.
        captured.set(target, Buffer.from(body.subarray(at, at + size)));
        at += size;
      }
      this.pending.delete(id);
      this.hold();
      if (!p.started.settled) {
        p.started.settled = true;
        p.started.reject(new SandboxError('the prepared box is gone'));
      }
      // -1: a run whose box ended before its keeper's report.
      if (status < 0) {
        p.done.resolve({ lost: true, code: null, signal: 'SIGKILL', wallMs, overflowTarget: overflow < 0 ? null : overflow, captured });
        return;
      }
      // A wait status: exit code in bits 8–15 when the low 7 bits are 0, else the signal.
      const sig = status & 0x7f;
      p.done.resolve({
        code: sig === 0 ? (status >> 8) & 0xff : null,
        signal: sig === 0 ? null : signalName(sig),
        wallMs, overflowTarget: overflow < 0 ? null : overflow, captured,
      });
    }
  }
}
