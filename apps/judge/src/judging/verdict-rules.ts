import { Limits, Verdict } from '@app/contracts';
import type { CheckResult } from '../checkers';
import type { CustomCheckResult } from '../checkers/custom-checker';
import type { RunLimits, RunResult } from '../sandbox/sandbox.types';

/**
 * The verdict rules of DESIGN.md ("Verdict rules") as pure functions: how a run, a checker or a
 * compiler run ended → a verdict and the message shown with it. No I/O here; table-tested in
 * verdict-rules.spec.ts.
 */
export interface Ruling {
  verdict: Verdict;
  message: string;
  /** Partial points a checker gave (testlib exit 7), already capped to the test's points. */
  points?: number;
}

/**
 * Sandbox limits of a test run from the submission's limits (ms, KiB); files may be at least 64
 * MiB. `stackKb`: the run options' stack limit (default: the memory limit).
 */
export function runLimits(l: Limits, stackKb?: number): RunLimits {
  return {
    cpuMs: l.timeLimitMs, wallMs: l.wallTimeLimitMs, memoryKb: l.memoryLimitKb, outputKb: l.outputLimitKb,
    processes: l.processLimit, fileSizeKb: Math.max(l.outputLimitKb, 64 * 1024),
    ...(stackKb === undefined ? {} : { stackKb: Math.min(stackKb, l.memoryLimitKb) }),
  };
}

/**
 * The verdict a test run's ending decides on its own: TLE (CPU, then wall), MLE (however the
 * kill shows: the cgroup, a failed allocation with `memoryLimitHit`, the language's
 * `outOfMemory` text on stderr of a failed run, a peak over the limit), OLE, RE (cannot execute,
 * a signal, a non-zero exit). Null when the program exited 0 within its limits: its output is
 * then for a checker to judge.
 */
export function runRuling(r: RunResult, limits: Limits, outOfMemory?: RegExp): Ruling | null {
  const failedRun = r.outcome !== 'exited' || r.exitCode !== 0;
  const mle: Ruling = { verdict: Verdict.MLE, message: `memory limit exceeded (${limits.memoryLimitKb} KiB)` };
  switch (r.outcome) {
    case 'time-limit':
      return { verdict: Verdict.TLE, message: `CPU time limit exceeded (${limits.timeLimitMs} ms)` };
    case 'wall-time-limit':
      return { verdict: Verdict.TLE, message: `wall time limit exceeded (${limits.wallTimeLimitMs} ms): the program was waiting or sleeping` };
    case 'memory-limit':
      return mle;
    case 'output-limit':
      return { verdict: Verdict.OLE, message: `output limit exceeded (${limits.outputLimitKb} KiB)` };
  }
  const outOfMemoryText = !!outOfMemory && outOfMemory.test(r.stderr.toString('latin1'));
  if (failedRun && (r.memoryLimitHit || outOfMemoryText)) return mle;
  if (r.memoryKb !== null && r.memoryKb > limits.memoryLimitKb) return mle;
  if (r.execError) return { verdict: Verdict.RE, message: `cannot execute the program: ${r.execError}` };
  if (failedRun) return { verdict: Verdict.RE, message: r.signal ? `killed by ${r.signal}` : `exit code ${r.exitCode}` };
  return null;
}

/** An ad-hoc run without an expected output: a clean run is accepted. */
export const NO_ANSWER_RULING: Ruling = { verdict: Verdict.AC, message: 'ran without error (no expected output given)' };

/** A built-in checker's result; hidden tests show only "wrong answer", never the difference. */
export function checkerRuling(result: CheckResult, sample: boolean): Ruling {
  return { verdict: result.accepted ? Verdict.AC : Verdict.WA, message: sample || result.accepted ? result.message : 'wrong answer' };
}

/**
 * A custom checker's result: accepted → AC, wrong → WA, its own failure → IE (the checker's
 * message kept, for the problem's author). Partial points count only on tests with points, within
 * 0..points. Hidden tests show "ok" / "wrong answer" instead of the checker's words.
 */
export function customCheckerRuling(c: CustomCheckResult, test: { sample: boolean; points: number | null }): Ruling {
  const verdict = c.outcome === 'accepted' ? Verdict.AC : c.outcome === 'wrong' ? Verdict.WA : Verdict.IE;
  const partial = c.points !== undefined && test.points !== null ? { points: Math.max(0, Math.min(test.points, c.points)) } : {};
  return { ...partial, verdict, message: test.sample || verdict === Verdict.IE ? c.message : verdict === Verdict.AC ? 'ok' : 'wrong answer' };
}

/** Why a compiler run that did not exit 0 failed, naming the compile limit it ran into (ms, KiB). */
export function compileFailureReason(r: RunResult, limits: RunLimits): string {
  const why: Record<RunResult['outcome'], string> = {
    'time-limit': `compilation exceeded its CPU time limit (${limits.cpuMs} ms)`,
    'wall-time-limit': `compilation exceeded its wall time limit (${limits.wallMs} ms)`,
    'memory-limit': `compilation exceeded its memory limit (${limits.memoryKb} KiB)`,
    'output-limit': `compilation produced more than ${limits.outputKb} KiB of output or too large a file`,
    signaled: `the compiler was killed by ${r.signal}`,
    exited: `the compiler exited with code ${r.exitCode}`,
  };
  return why[r.outcome];
}

/** A submission's verdict: that of its first failing test in test order, AC when none failed. */
export function submissionVerdict(tests: readonly { verdict: Verdict | null }[]): Verdict {
  return tests.find((t) => t.verdict !== null && t.verdict !== Verdict.AC)?.verdict ?? Verdict.AC;
}

/**
 * An interactive test's verdict, with DOMjudge's precedence (its "interactive problems" notes):
 * 1. the validator ended first and failed (crash, limit, an exit other than 42/43) → IE, never
 *    the user's fault (the submission then typically dies of EOF or SIGPIPE);
 * 2. the validator ended first and said wrong → WA, even when the submission then failed (TLE,
 *    RE: it was cut off mid-conversation);
 * 3. the submission's own ending (`runRuling`: TLE, MLE, OLE, RE), also after an accepted
 *    interaction (RE after a correct interaction is RE);
 * 4. the validator's word: failed → IE, wrong → WA, accepted → AC.
 * Messages as for custom checkers: the validator's own words on samples and for IE, else
 * "ok" / "wrong answer".
 */
export function interactiveRuling(
  submission: Ruling | null, validator: CustomCheckResult, validatorFirst: boolean, test: { sample: boolean; points: number | null },
): Ruling {
  const said = customCheckerRuling(validator, test);
  if (validatorFirst && validator.outcome !== 'accepted') return said;
  return submission ?? said;
}
