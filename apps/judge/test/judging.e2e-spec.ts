// The judge end to end: real gateway, real judge, real Redis, a real database, real sandboxed
// processes, and a real WebSocket client. Every verdict here is seen over the WebSocket.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Verdict } from '@app/contracts';
import {
  api, EXAMPLES, judgeFile, languageOf, SHARED_PROBLEMS, solutions, submit, useStack, watch,
} from '../../../test/support/stack';

jest.setTimeout(120000);

const stack = useStack();

const LANGUAGES = ['c', 'cpp', 'python3', 'javascript', 'java', 'rust'];

describe.each(LANGUAGES)('%s on aplusb', (language) => {
  const pick = (verdict: string) => solutions('aplusb', verdict).filter((f) => languageOf(f) === language);

  it('judges a correct solution AC and a wrong one WA', async () => {
    const [ac] = pick('AC');
    const [wa] = pick('WA');
    expect(ac && wa).toBeTruthy();
    const [good, bad] = await Promise.all([judgeFile(stack.gw, ac, 'aplusb'), judgeFile(stack.gw, wa, 'aplusb')]);
    expect(good.verdict).toBe(Verdict.AC);
    expect(good.score).toBe(100);
    expect(good.tests.every((t) => t.verdict === Verdict.AC)).toBe(true);
    expect(bad.verdict).toBe(Verdict.WA);
    expect(bad.score).toBe(0);
  });
});

describe('verdicts', () => {
  it('a busy loop is TLE, with CPU time near the limit, not double it', async () => {
    const s = await judgeFile(stack.gw, solutions('aplusb', 'TLE')[0], 'aplusb');
    expect(s.verdict).toBe(Verdict.TLE);
    const failed = s.tests.find((t) => t.verdict === Verdict.TLE)!;
    expect(failed.timeMs).toBeGreaterThanOrEqual(1000);
    expect(failed.timeMs).toBeLessThan(1300);
  });

  it('a sleeping program is TLE on wall time, and says so', async () => {
    const id = await submit(stack.gw.url, { language: 'python3', sourceCode: 'import time\ntime.sleep(30)\n', limits: { timeLimitMs: 500 } });
    const { final } = await watch(stack.gw.wsUrl, id);
    expect(final.verdict).toBe(Verdict.TLE);
    expect(final.tests[0].message).toMatch(/wall time/);
    expect(final.tests[0].wallTimeMs).toBeLessThan(5000);
  });

  it('division by zero is RE with SIGFPE', async () => {
    const file = solutions('aplusb', 'RE').find((f) => f.endsWith('.c'))!;
    const s = await judgeFile(stack.gw, file, 'aplusb');
    expect(s.verdict).toBe(Verdict.RE);
    expect(s.tests.find((t) => t.verdict === Verdict.RE)!.signal).toBe('SIGFPE');
  });

  it('an uncaught Python exception is RE with its exit code and stderr on samples', async () => {
    const id = await submit(stack.gw.url, { language: 'python3', sourceCode: 'raise ValueError("boom")\n' });
    const { final } = await watch(stack.gw.wsUrl, id);
    expect(final.verdict).toBe(Verdict.RE);
    expect(final.tests[0].exitCode).toBe(1);
    expect(final.tests[0].stderr).toContain('ValueError: boom');
  });

  it.each([['cpp', 'syntax_error.cpp', /error/], ['java', 'Main.java', /error/]])('a %s compile error is CE with the compiler message', async (_lang, name, pattern) => {
    const s = await judgeFile(stack.gw, join(EXAMPLES, 'solutions/aplusb/CE', name), 'aplusb');
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(pattern);
    expect(s.tests.every((t) => t.skipped)).toBe(true);
  });

  it('a Python syntax error is CE with the message; a SyntaxError raised at run time is RE', async () => {
    const [bad, raised] = await Promise.all([
      submit(stack.gw.url, { language: 'python3', sourceCode: 'print("unclosed"\n', problemId: 'aplusb' }),
      submit(stack.gw.url, { language: 'python3', sourceCode: 'raise SyntaxError("mine")\n', problemId: 'aplusb' }),
    ]);
    const ce = (await watch(stack.gw.wsUrl, bad)).final;
    expect(ce.verdict).toBe(Verdict.CE);
    expect(ce.compileOutput).toMatch(/SyntaxError/);
    expect(ce.tests.every((t) => t.skipped)).toBe(true);
    expect((await watch(stack.gw.wsUrl, raised)).final.verdict).toBe(Verdict.RE);
  });

  it('a Java public class with any name is found', async () => {
    const file = join(EXAMPLES, 'solutions/aplusb/AC/solution_class.java');
    const s = await judgeFile(stack.gw, file, 'aplusb', 'java');
    expect(s.verdict).toBe(Verdict.AC);
  });
});

describe('ad-hoc runs', () => {
  it('returns the output of a run on stdin', async () => {
    const id = await submit(stack.gw.url, { language: 'python3', sourceCode: 'print(input()[::-1])', stdin: 'judge\n' });
    const { final } = await watch(stack.gw.wsUrl, id);
    expect(final.verdict).toBe(Verdict.AC);
    expect(final.problemId).toBeNull();
    expect(final.tests).toHaveLength(1);
    expect(final.tests[0].stdout).toBe('egduj\n');
  });

  it('checks against expectedOutput when given', async () => {
    const [ok, wrong] = await Promise.all([
      submit(stack.gw.url, { language: 'c', sourceCode: '#include <stdio.h>\nint main(){puts("42");}', expectedOutput: '42' }),
      submit(stack.gw.url, { language: 'c', sourceCode: '#include <stdio.h>\nint main(){puts("41");}', expectedOutput: '42' }),
    ]);
    expect((await watch(stack.gw.wsUrl, ok)).final.verdict).toBe(Verdict.AC);
    expect((await watch(stack.gw.wsUrl, wrong)).final.verdict).toBe(Verdict.WA);
  });
});

describe('real-time delivery', () => {
  it('streams status changes and each finished test, ending with finished', async () => {
    const id = await submit(stack.gw.url, { language: 'cpp', sourceCode: require('node:fs').readFileSync(solutions('aplusb', 'AC').find((f) => f.endsWith('.cpp'))!, 'utf8'), problemId: 'aplusb' });
    const { frames, final } = await watch(stack.gw.wsUrl, id);
    expect(frames.every((f) => f.event === 'submission' && f.data.id === id)).toBe(true);
    const revisions = frames.map((f) => f.data.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(final.status).toBe('finished');
    // Unless the first frame already came late, each test's completion is its own frame.
    const seen = new Set(frames.map((f) => f.data.tests.filter((t: any) => t.verdict).length));
    if (frames[0].data.status !== 'finished') expect(seen.size).toBeGreaterThanOrEqual(Math.min(3, final.testCount));
  });

  it('a client that subscribes after the verdict still gets it', async () => {
    const id = await submit(stack.gw.url, { language: 'python3', sourceCode: 'print(1)' });
    await watch(stack.gw.wsUrl, id);
    const late = await watch(stack.gw.wsUrl, id);
    expect(late.frames).toHaveLength(1);
    expect(late.final.verdict).toBe(Verdict.AC);
  });

  it('a long poll returns as soon as the verdict is in', async () => {
    const id = await submit(stack.gw.url, { language: 'python3', sourceCode: 'import time\ntime.sleep(0.3)\nprint(1)' });
    let status = 'queued';
    const started = Date.now();
    let r: any;
    for (let i = 0; i < 10 && status !== 'finished'; i++) {
      r = await api(stack.gw.url, 'GET', `/api/v1/submissions/${id}?waitMs=30000&after=${status}`);
      expect(r.status).toBe(200);
      status = r.body.status;
    }
    expect(r.body.verdict).toBe(Verdict.AC);
    // Far below the 30 s the poll was allowed to wait: it answered on the change.
    expect(Date.now() - started).toBeLessThan(15000);
  });
});

const shared = existsSync(SHARED_PROBLEMS) ? readdirSync(SHARED_PROBLEMS).filter((d) => existsSync(join(SHARED_PROBLEMS, d, 'problem.yaml'))) : [];

(shared.length ? describe : describe.skip)('the real packages in ../shared/problems', () => {
  beforeAll(async () => {
    for (const name of shared) {
      const { importDirectory } = require('../../../test/support/packages');
      await importDirectory(stack.gw.url, join(SHARED_PROBLEMS, name), name);
    }
  });

  const partial = shared.filter((name) => existsSync(join(EXAMPLES, 'solutions', name, 'PARTIAL', 'EXPECTED.md')));
  (partial.length ? it.each(partial) : it.skip.each(['none']))('%s: our partial solution gets the score its groups imply', async (name) => {
    const expected = /Expected score: ([\d.]+) of ([\d.]+)/.exec(readFileSync(join(EXAMPLES, 'solutions', name, 'PARTIAL', 'EXPECTED.md'), 'utf8'))!;
    const [file] = solutions(name, 'PARTIAL');
    const s = await judgeFile(stack.gw, file, name);
    expect(s.verdict).not.toBe(Verdict.AC);
    expect(s.score).toBeCloseTo(Number(expected[1]), 5);
    // Scoring problems run every test, so that every group can score.
    expect(s.tests.some((t) => t.skipped)).toBe(false);
    const full = await judgeFile(stack.gw, solutions(name, 'AC')[0], name);
    expect(full.score).toBeCloseTo(Number(expected[2]), 5);
  });

  // One real package in every language: fltcmp also exercises the float tolerance, inf and NaN.
  const perLanguage = shared.includes('domjudge-fltcmp') ? LANGUAGES : [];
  (perLanguage.length ? it.each(perLanguage) : it.skip.each(['none']))('domjudge-fltcmp in %s: AC and WA', async (language) => {
    const [ac] = solutions('domjudge-fltcmp', 'AC').filter((f) => languageOf(f) === language);
    const [wa] = solutions('domjudge-fltcmp', 'WA').filter((f) => languageOf(f) === language);
    const [good, bad] = await Promise.all([judgeFile(stack.gw, ac, 'domjudge-fltcmp'), judgeFile(stack.gw, wa, 'domjudge-fltcmp')]);
    expect([good.verdict, bad.verdict]).toEqual([Verdict.AC, Verdict.WA]);
  });

  it.each(shared)('%s: our correct solution is AC and our wrong one is not', async (name) => {
    const [ac] = solutions(name, 'AC');
    const [wa] = solutions(name, 'WA');
    expect(ac && wa).toBeTruthy();
    const [good, bad] = await Promise.all([judgeFile(stack.gw, ac, name), judgeFile(stack.gw, wa, name)]);
    expect(good.verdict).toBe(Verdict.AC);
    expect(bad.verdict).not.toBe(Verdict.AC);
  });
});
