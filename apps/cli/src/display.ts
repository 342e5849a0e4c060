import type { ProblemView, SubmissionView, Verdict } from '@app/contracts';

/** Verdict names as people read them. */
export const VERDICT_NAMES: Record<Verdict, string> = {
  AC: 'accepted', WA: 'wrong answer', TLE: 'time limit exceeded', MLE: 'memory limit exceeded',
  OLE: 'output limit exceeded', RE: 'run-time error', CE: 'compilation error', IE: 'internal error',
} as Record<Verdict, string>;

/** Max score of a problem: the sum of its groups' points, or 100 when it has none. */
export function maxScoreOf(problem: Pick<ProblemView, 'groups'> | undefined): number {
  const groups = Array.isArray(problem?.groups) ? problem!.groups : [];
  if (groups.length === 0) return 100;
  return round6(groups.reduce((s, g) => s + (Number(g.points) || 0), 0));
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** `{ done, total, current, failed }`: tests with a verdict (or skipped), all tests, the test running, failed tests. */
export function progressOf(view: Partial<SubmissionView> | null | undefined) {
  const tests = Array.isArray(view?.tests) ? view!.tests : [];
  const total = Math.max(view?.testCount ?? 0, tests.length);
  const done = tests.filter((t) => t && (t.verdict || t.skipped)).length;
  const failed = tests.filter((t) => t && t.verdict && t.verdict !== 'AC').length;
  const current = view?.status === 'running' && done < total ? done + 1 : null;
  return { done, total, current, failed };
}

/** Where a submission is: `queued`, `compiling`, `test 3/7 running`, `finished: AC`. */
export function describeProgress(view: Partial<SubmissionView> | null | undefined): string {
  const { done, total, current, failed } = progressOf(view);
  switch (view?.status) {
    case 'queued':
      return 'queued';
    case 'compiling':
      return 'compiling';
    case 'running':
      return `test ${current ?? done}/${total} running${failed ? ` (${failed} failed)` : ''}`;
    case 'finished':
      return `finished: ${view.verdict ?? '?'}`;
    default:
      return String(view?.status ?? '?');
  }
}

/** `[#####.....]` for done/total in `width` cells. */
export function progressBar(done: number, total: number, width = 10): string {
  const n = total > 0 ? Math.max(0, Math.min(width, Math.round((done / total) * width))) : 0;
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
}

/** A text table: rows of cells, the first row the header; `align` per column 'l' | 'r'. */
export function formatTable(rows: unknown[][], align: ('l' | 'r')[] = []): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows
    .map((r) => r.map((c, i) => {
      const s = String(c);
      if (i === r.length - 1 && align[i] !== 'r') return s;
      return align[i] === 'r' ? s.padStart(widths[i]) : s.padEnd(widths[i]);
    }).join('  ').trimEnd())
    .join('\n');
}

/** Per-test table rows (header first) of a submission. */
export function testTableRows(view: Partial<SubmissionView>): string[][] {
  const rows = [['#', 'group', 'verdict', 'time ms', 'mem KiB', 'exit', 'message']];
  for (const t of view?.tests ?? []) {
    if (!t) continue;
    const verdict = t.skipped ? 'skipped' : t.verdict ?? '-';
    const exit = t.signal ? t.signal : t.exitCode ?? (t.skipped ? '' : '-');
    const name = t.group ?? (t.sample ? 'sample' : '');
    rows.push([String(t.index), name, verdict, String(t.timeMs ?? (t.skipped ? '' : '-')), String(t.memoryKb ?? (t.skipped ? '' : '-')), String(exit), oneLine(t.message ?? '')]);
  }
  return rows;
}

/** First non-blank line of `s`, cut at `max` characters, with ` …` when more followed. */
export function oneLine(s: string, max = 100): string {
  const text = String(s);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const more = text.includes('\n') && text.trim() !== first.trim();
  const cut = first.length > max ? `${first.slice(0, max - 1)}…` : first;
  return more && cut === first ? `${cut} …` : cut;
}
