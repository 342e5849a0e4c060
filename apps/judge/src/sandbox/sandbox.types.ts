/** A host path made visible inside the box. */
export interface Mount {
  /** Absolute host path (file or folder). */
  source: string;
  /** Absolute path inside the box. */
  target: string;
  /** Default read-only. */
  writable?: boolean;
}

/** Limits of one run. Units in the names: ms, KiB. */
export interface RunLimits {
  /** CPU time of the whole process tree. */
  cpuMs: number;
  wallMs: number;
  /** Peak memory of the whole process tree (RSS, page cache and tmpfs files). */
  memoryKb: number;
  /** Each of stdout and stderr; the judge never holds more than this (plus one chunk). */
  outputKb: number;
  /** Processes and threads alive at once. */
  processes: number;
  /** Largest file the box may write. */
  fileSizeKb: number;
  /** Stack rlimit; default: the memory limit. */
  stackKb?: number;
  /** Size of the writable /box folder (when it is a fresh tmpfs) and of /tmp. */
  scratchKb?: number;
}

export interface RunSpec {
  /** Command inside the box; argv[0] an absolute path. */
  argv: string[];
  /** Toolchains and the program's files, usually read-only. */
  mounts: Mount[];
  /** Host folder bound writable at /box (compilation); default a fresh size-capped tmpfs. */
  workDir?: string;
  /** Host file fed as stdin; default /dev/null. */
  stdinFile?: string;
  /**
   * An open fd (e.g. a pipe end of `SandboxService.pipe()`) that becomes the box's stdin instead
   * of `stdinFile`; likewise `stdoutFd` for stdout, which is then not collected (`RunResult.stdout`
   * is empty, and no output cap applies to it). The sandbox takes both over: it closes them once
   * the box has started or failed to start, so the box holds the only copy. Two boxes joined by
   * two pipes this way talk to each other (interactive problems), each with its own limits.
   */
  stdinFd?: number;
  stdoutFd?: number;
  env?: Record<string, string>;
  limits: RunLimits;
  /**
   * Give the program a result channel: an empty file open for writing at fd 3 (also reachable
   * as /proc/self/fd/3, for runtimes that cannot write to a raw fd), outside the box's own
   * folders and capped by `fileSizeKb` (over it: SIGXFSZ, `output-limit`). Its first `outputKb`
   * come back as `RunResult.result`. Function problems' drivers write the function's result
   * there, so that nothing the user's code prints can corrupt it.
   */
  resultFd?: boolean;
}

/**
 * How a run ended, most specific first: a limit the judge or kernel enforced, else the program's
 * own end. `memory-limit` covers cgroup OOM kills; failed allocations show up as a crash or
 * exit with `memoryLimitHit`, and the judge turns those into MLE.
 */
export type RunOutcome = 'exited' | 'signaled' | 'time-limit' | 'wall-time-limit' | 'memory-limit' | 'output-limit';

export interface RunResult {
  outcome: RunOutcome;
  /** Exit code when the program exited. */
  exitCode: number | null;
  /** Signal name when it was killed, e.g. SIGSEGV. */
  signal: string | null;
  /** CPU time of the whole tree, ms. */
  cpuMs: number;
  /** From start of the box to the end of its last process, ms. */
  wallMs: number;
  /** Peak memory of the tree, KiB; null without cgroups. */
  memoryKb: number | null;
  /** The tree hit its memory limit at least once (an allocation failed or the OOM killer ran). */
  memoryLimitHit: boolean;
  stdout: Buffer;
  stderr: Buffer;
  /**
   * When the run's end was settled, ms on the `performance.now()` clock: the moment the judge
   * killed it for a limit, else when its process exited. Orders two runs that are joined by
   * pipes (interactive problems): a peer that saw EOF after a kill ended second, however late
   * the sandbox got round to collecting either.
   */
  endedAt?: number;
  /** Which stream ran over `outputKb`, if any. */
  outputLimitStream: 'stdout' | 'stderr' | 'result' | null;
  /** What the program wrote on fd 3, when the run asked for it (`RunSpec.resultFd`); first `outputKb`. */
  result?: Buffer;
  /**
   * The program could not be executed (e.g. "Exec format error"); `exitCode` is then 127. The
   * caller decides whose fault that is: a submission's own binary, or a toolchain's.
   */
  execError?: string;
}

/** The sandbox itself failed (not the program): becomes IE. */
export class SandboxError extends Error {}

/** Both ends of an operating-system pipe, as blocking fds. */
export interface PipeFds {
  read: number;
  write: number;
}
