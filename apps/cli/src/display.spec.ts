import { describeProgress, formatTable, maxScoreOf, oneLine, progressBar, progressOf, testTableRows } from './display';

describe('progress', () => {
  const view = (status: string, verdicts: (string | null)[], skipped: number[] = []) => ({
    status, verdict: status === 'finished' ? 'WA' : null, testCount: verdicts.length,
    tests: verdicts.map((verdict, i) => ({ index: i + 1, verdict, ...(skipped.includes(i) ? { skipped: true } : {}) })),
  }) as never;

  it.each([
    [view('queued', []), 'queued', { done: 0, total: 0, current: null, failed: 0 }],
    [view('compiling', [null, null]), 'compiling', { done: 0, total: 2, current: null, failed: 0 }],
    [view('running', ['AC', null, null]), 'test 2/3 running', { done: 1, total: 3, current: 2, failed: 0 }],
    [view('running', ['AC', 'WA', null]), 'test 3/3 running (1 failed)', { done: 2, total: 3, current: 3, failed: 1 }],
    [view('finished', ['WA', null], [1]), 'finished: WA', { done: 2, total: 2, current: null, failed: 1 }],
  ])('%#: %s', (v, text, progress) => {
    expect(describeProgress(v)).toBe(text);
    expect(progressOf(v)).toEqual(progress);
  });

  it('draws a bar of done/total', () => {
    expect(progressBar(0, 0)).toBe('[..........]');
    expect(progressBar(3, 7)).toBe('[####......]');
    expect(progressBar(7, 7, 4)).toBe('[####]');
  });
});

describe('tables', () => {
  it('aligns columns, the last one left ragged', () => {
    expect(formatTable([['#', 'name'], ['10', 'x']], ['r', 'l'])).toBe(' #  name\n10  x');
  });

  it('shows skipped tests, signals and the first line of a message', () => {
    const rows = testTableRows({ tests: [
      { index: 1, verdict: 'RE', sample: true, group: null, timeMs: 3, memoryKb: 100, exitCode: null, signal: 'SIGSEGV', message: 'killed by SIGSEGV' },
      { index: 2, verdict: null, skipped: true, group: 'g1', timeMs: null, memoryKb: null, exitCode: null, signal: null },
    ] } as never);
    expect(rows.slice(1)).toEqual([['1', 'sample', 'RE', '3', '100', 'SIGSEGV', 'killed by SIGSEGV'], ['2', 'g1', 'skipped', '', '', '', '']]);
  });

  it.each([
    ['one line', 'one line'],
    ['\n\nfirst\nsecond', 'first …'],
    ['x'.repeat(120), `${'x'.repeat(99)}…`],
  ])('oneLine(%j)', (s, expected) => {
    expect(oneLine(s)).toBe(expected);
  });

  it('max score: the groups\' points, else 100', () => {
    expect(maxScoreOf({ groups: [] })).toBe(100);
    expect(maxScoreOf({ groups: [{ name: 'a', points: 30 }, { name: 'b', points: 70.5 }] } as never)).toBe(100.5);
  });
});
