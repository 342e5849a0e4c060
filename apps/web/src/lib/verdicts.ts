import type { SubmissionView, TestResultView } from '@app/contracts/submission.dto';

type TestLike = Pick<TestResultView, 'index' | 'skipped'> & { verdict: string | null };
/** The fields of a submission (`SubmissionView`, from a frame or the REST client) these helpers read. */
export type SubmissionLike = Pick<SubmissionView, 'testCount' | 'score'> & { status: string; verdict: string | null; tests: TestLike[] };

/** Full names of the verdicts, as DESIGN.md "Web app" requires them in the status region. */
export const VERDICT_NAMES: Record<string, string> = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  MLE: 'Memory Limit Exceeded',
  OLE: 'Output Limit Exceeded',
  RE: 'Runtime Error',
  CE: 'Compilation Error',
  IE: 'Internal Error',
};

/** The verdict's full name ("WA" → "Wrong Answer"); unknown codes are shown as they are. */
export function verdictName(verdict: string | null | undefined): string {
  return verdict ? VERDICT_NAMES[verdict] ?? verdict : '';
}

/**
 * One line saying where a submission is: "Queued", "Compiling", "Running test 3 of 10", or
 * the final verdict's full name (with the score when partial).
 */
export function statusLine(s: SubmissionLike): string {
  switch (s.status) {
    case 'queued':
      return 'Queued';
    case 'compiling':
      return 'Compiling';
    case 'running': {
      const done = s.tests.filter((t) => t.verdict !== null || t.skipped).length;
      const total = Math.max(s.testCount, s.tests.length);
      return total ? `Running test ${Math.min(done + 1, total)} of ${total}` : 'Running';
    }
    case 'finished': {
      const name = verdictName(s.verdict);
      return s.score !== null && s.score !== undefined && s.score > 0 && s.score < 100 && s.verdict !== 'AC' ? `${name} (score ${s.score})` : name;
    }
    default:
      return String(s.status);
  }
}

/** The tests that have finished (a verdict, or skipped), in test order. */
export function finishedTests<T extends TestLike>(tests: T[]): T[] {
  return tests.filter((t) => t.verdict !== null || t.skipped).sort((a, b) => a.index - b.index);
}

/**
 * Compiler messages with the line numbers they name, for showing and linking: "a.cpp:3:5: error"
 * → line 3. Returns each message line with the line number it refers to (or null).
 */
export function compileErrorLines(output: string): Array<{ text: string; line: number | null }> {
  return output.split('\n').map((text) => {
    // gcc/clang/rustc/javac/python: "file:LINE:COL", "file:LINE:", "--> file:LINE:COL", 'line LINE'.
    const m = /(?:^|[\s(])[\w./-]*\.\w+:(\d+)(?::\d+)?[:)]?/.exec(text) ?? /\bline (\d+)\b/.exec(text);
    return { text, line: m ? Number(m[1]) : null };
  });
}
