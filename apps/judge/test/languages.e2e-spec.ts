// Every language against the real sandbox, one row each: hello world, A+B on
// examples/problems/aplusb, a compilation error and a runtime error; MLE for the runtimes with a
// heap of their own; Java's main class in every form. `npm run setup:languages` installs the
// toolchains (scripts/test.sh runs it), so a language missing here is a failure, not a skip.
import { LANGUAGE_IDS, LanguageId, LanguageInfo, SubmissionView, Verdict } from '@app/contracts';
import { api, submit, useStack, watch } from '../../../test/support/stack';
import { LANGUAGE_SAMPLES } from '../../../test/support/language-samples';

jest.setTimeout(600000);

const stack = useStack();

async function judge(body: Record<string, unknown>) {
  const id = await submit(stack.gw.url, body);
  return (await watch(stack.gw.wsUrl, id, 900000)).final;
}

describe('languages', () => {
  let listed: LanguageInfo[] = [];
  beforeAll(async () => {
    const res = await api<LanguageInfo[]>(stack.gw.url, 'GET', '/api/v1/languages');
    expect(res.status).toBe(200);
    listed = res.body;
  });

  it('the judge runs every language id, each with a version, its commands and a time multiplier', () => {
    expect(listed.map((l) => l.id).sort()).toEqual([...LANGUAGE_IDS].sort());
    for (const l of listed) {
      expect(l.version).toMatch(/^\d/);
      expect(typeof l.runCommand).toBe('string');
      expect(l.timeMultiplier).toBeGreaterThanOrEqual(1);
    }
    const byId = new Map(listed.map((l) => [l.id, l]));
    expect(byId.get('cpp')!.compileCommand).toContain('-std=gnu++17');
    expect(byId.get('cpp20')!.compileCommand).toContain('-std=gnu++20');
    expect(byId.get('cpp23')!.compileCommand).toContain('-std=gnu++23');
    expect(byId.get('c')!.compileCommand).toContain('-std=gnu11');
    expect(byId.get('c99')!.compileCommand).toContain('-std=gnu99');
    expect(byId.get('python3')!.compileCommand).toBeNull();
    expect(byId.get('kotlin')!.timeMultiplier).toBe(1.5);
    expect(byId.get('scala')!.timeMultiplier).toBe(2);
  });

  // Every submission of the table is queued at once, so the judge is never idle between rows;
  // each row then waits for its own verdicts.
  type Case = 'hello' | 'aplusb' | 'ce' | 're' | 'mle';
  const pending = new Map<string, Promise<SubmissionView>>();
  const verdictOf = (language: LanguageId, c: Case) => pending.get(`${language} ${c}`)!;
  beforeAll(() => {
    for (const language of LANGUAGE_IDS) {
      const sample = LANGUAGE_SAMPLES[language];
      if (!sample) continue;
      const bodies: [Case, Record<string, unknown>][] = [
        ['hello', { language, sourceCode: sample.hello, stdin: '', expectedOutput: 'Hello, World!\n' }],
        ['aplusb', { language, sourceCode: sample.aplusb, problemId: 'aplusb' }],
        ['ce', { language, sourceCode: sample.ce, problemId: 'aplusb' }],
        ['re', { language, sourceCode: sample.re, stdin: '' }],
      ];
      if (sample.mle) bodies.push(['mle', { language, sourceCode: sample.mle, stdin: '', limits: { memoryLimitKb: 65536, timeLimitMs: 5000 } }]);
      for (const [c, body] of bodies) {
        const p = judge(body);
        p.catch(() => undefined); // awaited (and reported) by its own test
        pending.set(`${language} ${c}`, p);
      }
    }
  });

  describe.each(LANGUAGE_IDS.map((id) => [id] as [LanguageId]))('%s', (language) => {
    const sample = LANGUAGE_SAMPLES[language];

    it('hello world is AC, A+B is AC on every test, a compile error is CE with the message, a crash is RE', async () => {
      expect(sample).toBeDefined();
      const [hello, aplusb, ce, re] = await Promise.all((['hello', 'aplusb', 'ce', 're'] as Case[]).map((c) => verdictOf(language, c)));
      expect({ verdict: hello.verdict, stdout: hello.tests[0].stdout, compileOutput: hello.compileOutput }).toMatchObject({ verdict: Verdict.AC, stdout: 'Hello, World!\n' });
      expect({ verdict: aplusb.verdict, tests: aplusb.tests.map((t) => t.verdict) }).toEqual({ verdict: Verdict.AC, tests: aplusb.tests.map(() => Verdict.AC) });
      expect(aplusb.tests.length).toBeGreaterThan(1);
      expect({ verdict: ce.verdict, skipped: ce.tests.every((t) => t.skipped) }).toEqual({ verdict: Verdict.CE, skipped: true });
      expect(ce.compileOutput!.length).toBeGreaterThan(0);
      expect({ verdict: re.verdict, message: re.tests[0].message }).toMatchObject({ verdict: Verdict.RE });
    });

    if (sample?.mle) {
      it('allocating without end under a 64 MiB limit is MLE, not RE', async () => {
        const s = await verdictOf(language, 'mle');
        expect({ verdict: s.verdict, message: s.tests[0].message }).toMatchObject({ verdict: Verdict.MLE });
      });
    }
  });

  describe('a time multiplier', () => {
    it('scales the CPU limit a Kotlin program gets, and the TLE message names the limit applied', async () => {
      const s = await judge({ language: 'kotlin', sourceCode: 'fun main() { var x = 0L; while (true) x++ }\n', stdin: '', limits: { timeLimitMs: 500 } });
      expect(s.verdict).toBe(Verdict.TLE);
      // 500 ms × 1.5 of CPU; on a starved machine the wall limit (1500 ms × 1.5) may come first.
      const cpu = /^CPU time/.test(s.tests[0].message!);
      expect(s.tests[0].message).toContain(cpu ? '(750 ms)' : '(2250 ms)');
      expect(cpu ? s.tests[0].timeMs : s.tests[0].wallTimeMs).toBeGreaterThanOrEqual(750);
    });
  });
});

describe('Java: the main class in every form', () => {
  const aplusb = (header: string, cls: string, footer = '') =>
    `${header}import java.util.*;\n${cls} {\n  public static void main(String[] args) { Scanner s = new Scanner(System.in); System.out.println(s.nextLong() + s.nextLong()); }\n}\n${footer}`;

  const forms: [string, string][] = [
    ['public final strictfp with generics and annotations', aplusb('// the class Main below, "class" in a comment\n', '@SuppressWarnings("unchecked") public final strictfp class Main<T extends Comparable<T>>')],
    ['abstract, named anything', aplusb('', 'public abstract class Solution')],
    ['in a package, run as pkg.Main', aplusb('package contest.round1;\n\n', 'public class Main')],
    ['main in a non-public class beside a public one', aplusb('', 'class Runner', 'public class Helper { static String s = "public class Fake { }"; }\n')],
  ];
  const judged = new Map<string, Promise<SubmissionView>>();
  beforeAll(() => {
    for (const [name, sourceCode] of forms) {
      const p = judge({ language: 'java', sourceCode, problemId: 'aplusb' });
      p.catch(() => undefined);
      judged.set(name, p);
    }
  });

  it.each(forms)('%s is AC on aplusb', async (name) => {
    const s = await judged.get(name)!;
    expect({ verdict: s.verdict, compileOutput: s.compileOutput }).toMatchObject({ verdict: Verdict.AC });
  });

  it('a program with no main anywhere is CE with a clear message, not RE', async () => {
    const s = await judge({ language: 'java', sourceCode: 'public class Main {\n  static int twice(int x) { return 2 * x; }\n}\n', problemId: 'aplusb' });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/no class declares a main method/);
  });

  it('a Kotlin program without fun main is CE too', async () => {
    const s = await judge({ language: 'kotlin', sourceCode: 'fun twice(x: Int) = 2 * x\n', problemId: 'aplusb' });
    expect(s.verdict).toBe(Verdict.CE);
    expect(s.compileOutput).toMatch(/no top-level fun main/);
  });
});
