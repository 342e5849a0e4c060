/**
 * How an ad-hoc submission is compiled and run, beyond its limits: what Judge0's submissions
 * carry (`compiler_options`, `command_line_arguments`, `redirect_stderr_to_stdout`,
 * `number_of_runs`, `stack_limit`), in our units. Stored with the submission; the one judging
 * pipeline applies it. Absent fields mean the language's usual commands, one run.
 */
export interface RunOptions {
  /** Arguments added to the language's compile command (ignored by languages without one). */
  compilerOptions?: string[];
  /** Arguments given to the program (argv[1..]). */
  commandLineArguments?: string[];
  /** The program's stderr goes into its stdout (one stream, in the order written). */
  redirectStderrToStdout?: boolean;
  /** The program runs this many times on the same input (each a test, compiled once), 1–20. */
  numberOfRuns?: number;
  /** Stack size limit (RLIMIT_STACK), KiB; default the memory limit. */
  stackLimitKb?: number;
  /**
   * How `expectedOutput` is compared: `tokens` (default: the ICPC default output validator) or
   * `lines` (Judge0's rule: trailing whitespace of each line and surrounding blank lines ignored,
   * everything else, letter case included, must match).
   */
  comparison?: 'tokens' | 'lines';
  /**
   * The submission's own commands instead of its language's (Judge0's multi-file program:
   * `bash compile`, `bash run`): `compile` runs in the program folder (`/box` while compiling,
   * then mounted read-only at `/prog`), `run` in the box with the program's files copied into
   * its working folder (`copyProgramToWorkDir`). Arguments of an absolute command path, no shell.
   */
  commands?: { compile?: string[]; run: string[] };
  /**
   * The run starts with a copy of the program folder (sources, compiled files, additional files)
   * in its writable working folder `/box`, so files are found relative to the working folder, as
   * Judge0 places them.
   */
  copyProgramToWorkDir?: boolean;
}

/** Largest `numberOfRuns`. */
export const MAX_NUMBER_OF_RUNS = 20;

/**
 * Where the final result of a submission is delivered: `url` receives an HTTP `PUT` of the
 * result in `format` (`judge0`: Judge0's submission shape, text fields base64 when `base64`).
 */
export interface CallbackSpec {
  url: string;
  format: 'judge0';
  base64: boolean;
}

/** BullMQ queue of result deliveries (callbacks); a job's id is the submission id. */
export const CALLBACK_QUEUE = 'callbacks';

/** Payload of a job on the callback queue: the submission is read from the database. */
export interface CallbackJob {
  submissionId: string;
}
