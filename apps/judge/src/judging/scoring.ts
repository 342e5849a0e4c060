import { TestResultView, Verdict } from '@app/contracts';

/** What scoring needs of a test: its group and its points (null: none). */
export interface ScoredTest {
  group: string | null;
  points: number | null;
}

/**
 * Score in points: with groups, the sum of the points of groups whose every test passed; else,
 * with per-test points, the sum over passed tests (plus partial points a checker gave); else 100
 * when every test passed, 0 otherwise. A skipped test (no verdict) did not pass.
 */
export function score(plan: readonly ScoredTest[], results: readonly TestResultView[], groups: readonly { name: string; points: number }[]): number {
  const passed = (i: number) => results[i]?.verdict === Verdict.AC;
  if (groups.length > 0) {
    return groups.reduce((sum, g) => {
      const members = plan.map((t, i) => (t.group === g.name ? i : -1)).filter((i) => i >= 0);
      return members.length > 0 && members.every(passed) ? sum + g.points : sum;
    }, 0);
  }
  if (plan.some((t) => t.points !== null)) return plan.reduce((sum, t, i) => sum + (passed(i) ? t.points ?? 0 : results[i]?.points ?? 0), 0);
  return plan.every((_, i) => passed(i)) ? 100 : 0;
}

/** The score a finished submission records: 0 for CE and IE, else the tests' score, else 100 for AC and 0 otherwise. */
export function finalScore(verdict: Verdict, scored: number | null): number {
  if (verdict === Verdict.CE || verdict === Verdict.IE) return 0;
  return scored ?? (verdict === Verdict.AC ? 100 : 0);
}
