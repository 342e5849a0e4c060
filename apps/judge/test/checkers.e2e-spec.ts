// Custom checker programs, compiled and run in the sandbox, in both protocols; a checker that
// crashes is the judge's fault (IE), never the user's WA.
import { Verdict } from '@app/contracts';
import { api, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(120000);

const stack = useStack();

// Any two numbers whose sum is the input's n are accepted (many right answers).
const KATTIS = `#include <cstdio>
#include <string>
int main(int argc, char** argv) {
  long long n, a, b;
  FILE* in = fopen(argv[1], "r"); fscanf(in, "%lld", &n);
  std::string fb = std::string(argv[3]) + "/judgemessage.txt";
  FILE* msg = fopen(fb.c_str(), "w");
  if (scanf("%lld %lld", &a, &b) != 2) { fprintf(msg, "expected two numbers"); return 43; }
  if (a + b != n) { fprintf(msg, "%lld + %lld is not %lld", a, b, n); return 43; }
  return 42;
}`;
const TESTLIB = `import sys
n = int(open(sys.argv[1]).read())
out = open(sys.argv[2]).read().split()
if len(out) != 2: print("expected two numbers"); sys.exit(2)
sys.exit(0 if int(out[0]) + int(out[1]) == n else 1)
`;
const CRASHING = 'int main() { int* p = 0; *p = 1; return 42; }';

const problem = (id: string, checker: object) => ({
  id, title: 'Split n', timeLimitMs: 1000, memoryLimitKb: 262144, checker,
  tests: [{ input: '10\n', output: '5 5\n', sample: true }, { input: '7\n', output: '3 4\n' }],
});

const judgeSource = async (problemId: string, sourceCode: string) =>
  (await watch(stack.gw.wsUrl, await submit(stack.gw.url, { language: 'python3', sourceCode, problemId }))).final;

const SPLIT_OTHER = 'n = int(input())\nprint(1, n - 1)\n';
const SPLIT_WRONG = 'n = int(input())\nprint(1, n)\n';

it.each([
  ['kattis', { type: 'custom', language: 'cpp', source: KATTIS }],
  ['testlib', { type: 'custom', language: 'python3', source: TESTLIB, protocol: 'testlib' }],
])('a %s-protocol checker accepts another right answer and rejects a wrong one', async (name, checker) => {
  expect((await api(stack.gw.url, 'POST', '/api/v1/problems', problem(`split-${name}`, checker))).status).toBe(201);
  const good = await judgeSource(`split-${name}`, SPLIT_OTHER);
  expect(good.verdict).toBe(Verdict.AC);
  const bad = await judgeSource(`split-${name}`, SPLIT_WRONG);
  expect(bad.verdict).toBe(Verdict.WA);
  if (name === 'kattis') expect(bad.tests[0].message).toBe('1 + 10 is not 10');
});

it('a crashing checker is IE, not WA', async () => {
  expect((await api(stack.gw.url, 'POST', '/api/v1/problems', problem('split-crash', { type: 'custom', language: 'c', source: CRASHING }))).status).toBe(201);
  const s = await judgeSource('split-crash', SPLIT_OTHER);
  expect(s.verdict).toBe(Verdict.IE);
  expect(s.tests[0].message).toMatch(/checker failed/);
});

it('custom checker source is never shown', async () => {
  const r = await api(stack.gw.url, 'GET', '/api/v1/problems/split-kattis');
  expect(JSON.stringify(r.body)).not.toContain('judgemessage');
});

it('a testlib checker\'s partial points (exit 7) count on a problem scored per test', async () => {
  const partialChecker = 'import sys\nout = open(sys.argv[2]).read().split()\nif out == ["5", "5"]: sys.exit(0)\nprint("points 4")\nsys.exit(7)\n';
  const body = {
    ...problem('split-partial', { type: 'custom', language: 'python3', source: partialChecker, protocol: 'testlib' }),
    tests: [{ input: '10\n', output: '5 5\n', points: 10 }, { input: '7\n', output: '3 4\n', points: 10 }],
    stopOnFailure: false,
  };
  expect((await api(stack.gw.url, 'POST', '/api/v1/problems', body)).status).toBe(201);
  const s = await judgeSource('split-partial', 'n = int(input())\nprint(n // 2, n - n // 2)\n');
  expect(s.verdict).toBe(Verdict.WA);
  expect(s.tests.map((t) => t.verdict)).toEqual([Verdict.AC, Verdict.WA]);
  expect(s.tests[1].points).toBe(4);
  expect(s.score).toBe(14);
});
