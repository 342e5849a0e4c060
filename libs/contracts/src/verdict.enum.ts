/**
 * A test's or a submission's outcome. Follows the usual ICPC / Judge0 vocabulary; see
 * docs/verdicts.md (and DESIGN.md "Verdict rules") for exactly when each is given.
 */
export enum Verdict {
  /** Accepted: every test passed. */
  AC = 'AC',
  /** Wrong answer: the checker rejected the output. */
  WA = 'WA',
  /** Time limit exceeded: CPU time over `timeLimitMs`, or wall time over the wall limit. */
  TLE = 'TLE',
  /** Memory limit exceeded: peak memory of the process tree over `memoryLimitKb`. */
  MLE = 'MLE',
  /** Output limit exceeded: stdout or stderr over `outputLimitKb`. */
  OLE = 'OLE',
  /** Runtime error: non-zero exit code or death by a signal not covered above. */
  RE = 'RE',
  /** Compilation error: the compiler failed or ran past its own limits. */
  CE = 'CE',
  /** Internal error: the judge's fault (a crashed checker, a missing toolchain), never the user's. */
  IE = 'IE',
}

/** Life cycle of a submission: `queued` → `compiling` → `running` → `finished`. */
export enum SubmissionStatus {
  Queued = 'queued',
  Compiling = 'compiling',
  Running = 'running',
  Finished = 'finished',
}

export const SUBMISSION_STATUSES = Object.values(SubmissionStatus);
export const VERDICTS = Object.values(Verdict);
