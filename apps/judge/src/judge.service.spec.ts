import { Verdict } from '@app/contracts';
import { runLimits, score, shownText, SHOWN_OUTPUT_BYTES } from './judge.service';

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

describe('shownText', () => {
  it('returns short output as UTF-8, invalid bytes and NUL as U+FFFD', () => {
    expect(shownText(Buffer.from([0x6f, 0x6b, 0xff, 0x00]))).toBe('ok\uFFFD\uFFFD');
  });

  it('cuts at 64 KiB with a note naming the full size', () => {
    const text = shownText(Buffer.alloc(SHOWN_OUTPUT_BYTES + 10, 'a'));
    expect(text.startsWith('a'.repeat(SHOWN_OUTPUT_BYTES))).toBe(true);
    expect(text).toMatch(/cut at 64 KiB of 65546 bytes/);
  });
});

describe('runLimits', () => {
  it('maps the API limits onto the sandbox, files at least 64 MiB', () => {
    expect(runLimits({ timeLimitMs: 1000, wallTimeLimitMs: 2000, memoryLimitKb: 262144, outputLimitKb: 1024, processLimit: 64 })).toEqual({
      cpuMs: 1000, wallMs: 2000, memoryKb: 262144, outputKb: 1024, processes: 64, fileSizeKb: 65536,
    });
  });
});
