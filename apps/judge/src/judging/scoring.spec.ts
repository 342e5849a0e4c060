import { Verdict } from '@app/contracts';
import { finalScore, score } from './scoring';

const r = (verdict: Verdict | null, points?: number) => ({ index: 0, verdict, timeMs: 0, wallTimeMs: 0, memoryKb: 0, exitCode: 0, signal: null, ...(points !== undefined ? { points } : {}) });
const AC = Verdict.AC;
const WA = Verdict.WA;

describe('score', () => {
  it.each([
    ['ungrouped, all pass', [{ group: null, points: null }, { group: null, points: null }], [r(AC), r(AC)], [], 100],
    ['ungrouped, one fails', [{ group: null, points: null }, { group: null, points: null }], [r(AC), r(WA)], [], 0],
    ['groups: only fully passed groups count', [{ group: 'a', points: null }, { group: 'a', points: null }, { group: 'b', points: null }], [r(AC), r(WA), r(AC)], [{ name: 'a', points: 40 }, { name: 'b', points: 60 }], 60],
    ['groups: a skipped test fails its group', [{ group: 'a', points: null }, { group: 'b', points: null }], [r(AC), r(null)], [{ name: 'a', points: 30 }, { name: 'b', points: 70 }], 30],
    ['groups: an empty group scores nothing', [{ group: 'a', points: null }], [r(AC)], [{ name: 'a', points: 30 }, { name: 'z', points: 70 }], 30],
    ['per-test points', [{ group: null, points: 10 }, { group: null, points: 20 }], [r(AC), r(WA)], [], 10],
    ['per-test points with a checker\'s partial points', [{ group: null, points: 10 }, { group: null, points: 20 }], [r(AC), r(WA, 5)], [], 15],
  ])('%s', (_name, plan, results, groups, expected) => {
    expect(score(plan, results as never, groups)).toBe(expected);
  });
});

describe('finalScore', () => {
  it.each([
    [Verdict.CE, 100, 0],
    [Verdict.IE, 60, 0],
    [Verdict.AC, null, 100],
    [Verdict.WA, null, 0],
    [Verdict.WA, 40, 40],
    [Verdict.AC, 100, 100],
  ])('%s with tests scoring %s → %s', (verdict, scored, expected) => {
    expect(finalScore(verdict, scored)).toBe(expected);
  });
});
