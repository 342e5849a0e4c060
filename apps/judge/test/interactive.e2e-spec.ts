// Interactive problems end to end: the validator and the submission each in a real box, joined
// by two pipes; verdicts seen over the WebSocket. The example package examples/problems/guess
// (imported at start-up from PROBLEMS_DIRS) and JSON problems with `checker.type: interactive`.
import { readFileSync } from 'node:fs';
import { Verdict } from '@app/contracts';
import { importZip } from '../../../test/support/packages';
import { api, judgeFile, solutions, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(120000);

const stack = useStack();

const judgeSource = async (problemId: string, sourceCode: string, language = 'python3') =>
  watch(stack.gw.wsUrl, await submit(stack.gw.url, { language, sourceCode, problemId }));

describe('the guess example (a 2023-07 package: type interactive, C++ validator with a header)', () => {
  it('is imported as an interactive problem whose sample shows the sample interaction', async () => {
    const r = await api(stack.gw.url, 'GET', '/api/v1/problems/guess');
    expect(r.status).toBe(200);
    expect(r.body.samples).toEqual([{ index: 1, input: '10 3\n', output: '3\n', interaction: expect.stringMatching(/^> 10\n< \? 5\n> <\n/) }]);
    expect(r.body.statement).not.toContain('> 10\n< ? 5');
    // The validator's source is the problem's secret, like a custom checker's.
    expect(JSON.stringify(r.body)).not.toContain('judgemessage');
  });

  it.each(solutions('guess', 'AC'))('AC: %s, with the validator\'s message and live frames per test', async (file) => {
    const id = await submit(stack.gw.url, { language: file.endsWith('.py') ? 'python3' : 'cpp', sourceCode: readFileSync(file, 'utf8'), problemId: 'guess' });
    const { frames, final } = await watch(stack.gw.wsUrl, id);
    expect(final.verdict).toBe(Verdict.AC);
    expect(final.tests.every((t) => t.verdict === Verdict.AC)).toBe(true);
    // judgemessage.txt is the sample's message; hidden tests say "ok".
    expect(final.tests[0].message).toBe('found 3 in 3 questions (at most 4)');
    expect(final.tests[1].message).toBe('ok');
    // Progress frames as for any problem: results appear test by test while running.
    const running = frames.filter((f) => f.data?.status === 'running');
    expect(running.some((f) => f.data.tests.some((t: { verdict: string | null }) => t.verdict === Verdict.AC))).toBe(true);
  });

  it('WA: too many questions; the validator ended first, so its WA beats the submission\'s crash on EOF', async () => {
    const [file] = solutions('guess', 'WA');
    const s = await judgeFile(stack.gw, file, 'guess');
    expect(s.verdict).toBe(Verdict.WA);
    const failed = s.tests.find((t) => t.verdict === Verdict.WA)!;
    expect(failed.message).toBe('wrong answer');
    // The program itself died of the closed pipe (EOFError): that is not its verdict.
    expect(failed.exitCode).toBe(1);
  });

  it('TLE: a program that forgets to flush waits until the wall-clock cap, with almost no CPU time', async () => {
    const [file] = solutions('guess', 'TLE');
    const s = await judgeFile(stack.gw, file, 'guess');
    expect(s.verdict).toBe(Verdict.TLE);
    const failed = s.tests.find((t) => t.verdict === Verdict.TLE)!;
    expect(failed.message).toMatch(/wall time limit exceeded \(2000 ms\)/);
    expect(failed.timeMs).toBeLessThan(1000);
    expect(failed.wallTimeMs).toBeGreaterThanOrEqual(2000);
  });

  it('RE: a crash after a correct interaction is RE', async () => {
    const [file] = solutions('guess', 'RE');
    const s = await judgeFile(stack.gw, file, 'guess');
    expect(s.verdict).toBe(Verdict.RE);
    expect(s.tests[0]).toMatchObject({ verdict: Verdict.RE, exitCode: 3, message: 'exit code 3' });
  });

  it('exports as a package that imports back as the same interactive problem', async () => {
    const res = await fetch(`${stack.gw.url}/api/v1/problems/guess/export`, { headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const back = await importZip(stack.gw.url, Buffer.from(await res.arrayBuffer()), 'guess.zip', '?id=guess-copy');
    expect(back.status).toBe(201);
    // The sample's .interaction went out with it and came back as the sample.
    const [original, copy] = await Promise.all(['guess', 'guess-copy'].map((id) => api(stack.gw.url, 'GET', `/api/v1/problems/${id}`)));
    expect(copy.body.samples).toEqual(original.body.samples);
    expect(copy.body.statement).toBe(original.body.statement);
    const s = await judgeFile(stack.gw, solutions('guess', 'AC')[0], 'guess-copy');
    expect(s.verdict).toBe(Verdict.AC);
    expect(s.tests[0].message).toBe('found 3 in 3 questions (at most 4)');
  });
});

describe('JSON problems with checker.type interactive', () => {
  // Echo: the validator sends the input's number and expects it back.
  const ECHO = `import sys
n = open(sys.argv[1]).read().strip()
print(n, flush=True)
got = sys.stdin.readline().strip()
open(sys.argv[3] + "/judgemessage.txt", "w").write(f"sent {n}, got {got}")
sys.exit(42 if got == n else 43)
`;
  const CRASHING = 'raise SystemExit(7)\n';
  const HANGING = 'import time\ntime.sleep(60)\n';
  const problem = (id: string, source: string) => ({
    id, title: 'Echo', timeLimitMs: 1000, memoryLimitKb: 262144, checker: { type: 'interactive', language: 'python3', source },
    tests: [{ input: '41\n', output: '41\n', sample: true }, { input: '7\n', output: '7\n' }],
  });
  beforeAll(async () => {
    for (const [id, source] of [['echo', ECHO], ['echo-crash', CRASHING], ['echo-hang', HANGING]]) {
      expect((await api(stack.gw.url, 'POST', '/api/v1/problems', problem(id, source))).status).toBe(201);
    }
  });

  it('a validator of several files (two C++ translation units and a header) judges; it exports and imports back as several files', async () => {
    const files = [
      { path: 'validator.cpp', content: '#include "lib/io.h"\nint main(int argc, char** argv) { long n = read_number(argv[1]); std::printf("%ld\\n", n); std::fflush(stdout); long got; if (std::scanf("%ld", &got) != 1) return 43; return got == n ? 42 : 43; }\n' },
      { path: 'lib/io.h', content: '#pragma once\n#include <cstdio>\nlong read_number(const char* path);\n' },
      { path: 'lib/io.cpp', content: '#include "io.h"\nlong read_number(const char* path) { long n = 0; FILE* f = std::fopen(path, "r"); if (f) { std::fscanf(f, "%ld", &n); std::fclose(f); } return n; }\n' },
    ];
    const body = { ...problem('echo-files', ''), checker: { type: 'interactive', language: 'cpp', files } };
    expect((await api(stack.gw.url, 'POST', '/api/v1/problems', body)).status).toBe(201);
    const shown = await api(stack.gw.url, 'GET', '/api/v1/problems/echo-files');
    expect(shown.body.checker).toEqual({ type: 'interactive', language: 'cpp' });
    const [good, bad] = await Promise.all([judgeSource('echo-files', 'print(input())\n'), judgeSource('echo-files', 'print(int(input()) + 1)\n')]);
    expect([good.final.verdict, bad.final.verdict]).toEqual([Verdict.AC, Verdict.WA]);

    const res = await fetch(`${stack.gw.url}/api/v1/problems/echo-files/export`, { headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } });
    const back = await importZip(stack.gw.url, Buffer.from(await res.arrayBuffer()), 'echo-files.zip', '?id=echo-files-copy');
    expect(back.status).toBe(201);
    expect((await judgeSource('echo-files-copy', 'print(input())\n')).final.verdict).toBe(Verdict.AC);

    const badPath = await api(stack.gw.url, 'POST', '/api/v1/problems', { ...body, id: 'echo-files-bad', checker: { ...body.checker, files: [...files, { path: '../x.h', content: '' }] } });
    expect([badPath.status, badPath.body.message]).toEqual([400, expect.stringMatching(/^checker\.files\.3\.path: "\.\.\/x\.h": "\.\." is not allowed/)]);
  });

  it('accepts an echo and rejects a wrong one with the validator\'s message on the sample', async () => {
    const [good, bad] = await Promise.all([
      judgeSource('echo', 'print(input())\n'),
      judgeSource('echo', 'print(int(input()) + 1)\n'),
    ]);
    expect(good.final.verdict).toBe(Verdict.AC);
    expect(bad.final.verdict).toBe(Verdict.WA);
    expect(bad.final.tests[0].message).toBe('sent 41, got 42');
  });

  it('the submission cannot see the validator\'s files or processes (its own box)', async () => {
    const peek = 'import os\ninput()\nseen = [p for p in ("/judge/input", "/judge/answer", "/judge/feedback") if os.path.exists(p)]\n'
      + 'procs = [p for p in os.listdir("/proc") if p.isdigit()]\nprint(f"{seen} {len(procs)}")\n';
    const { final } = await judgeSource('echo', peek);
    expect(final.verdict).toBe(Verdict.WA);
    // Its PID namespace holds bwrap's init and itself, nothing of the validator's; none of the validator's files.
    expect(final.tests[0].message).toBe('sent 41, got [] 2');
  });

  it('a submission that never reads or writes and sleeps is TLE, not WA (it ended first)', async () => {
    const { final } = await judgeSource('echo', 'import time\ntime.sleep(30)\n');
    expect(final.verdict).toBe(Verdict.TLE);
  });

  it('only the submission\'s CPU time counts: a busy submission is TLE on CPU time', async () => {
    const { final } = await judgeSource('echo', 'while True: pass\n');
    expect(final.verdict).toBe(Verdict.TLE);
    expect(final.tests[0].message).toMatch(/CPU time limit exceeded \(1000 ms\)/);
  });

  it('a validator that crashes is IE, never the user\'s fault', async () => {
    const { final } = await judgeSource('echo-crash', 'import time\ntime.sleep(0.3)\n');
    expect(final.verdict).toBe(Verdict.IE);
    expect(final.tests[0].message).toMatch(/validator failed \(exit 7/);
  });

  it('a validator that hangs past the interaction\'s cap is IE when the submission ended cleanly', async () => {
    const { final } = await judgeSource('echo-hang', 'print(1)\n');
    expect(final.verdict).toBe(Verdict.IE);
    expect(final.tests[0].message).toMatch(/validator failed: (wall-)?time-limit/);
  });

  it('a validator in C++ that does not compile is IE with the compiler\'s words', async () => {
    const body = { ...problem('echo-ce', 'int main( {'), checker: { type: 'interactive', language: 'cpp', source: 'int main( {' } };
    expect((await api(stack.gw.url, 'POST', '/api/v1/problems', body)).status).toBe(201);
    const { final } = await judgeSource('echo-ce', 'print(input())\n');
    expect(final.verdict).toBe(Verdict.IE);
    expect(final.tests[0].message).toMatch(/checker does not compile/);
  });
});
