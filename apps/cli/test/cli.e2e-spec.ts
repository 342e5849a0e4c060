// The built CLI (dist/apps/cli/main.js, as `npm run submit` runs it) against a real stack, and
// against a bare HTTP server that shows what it sends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EXAMPLES, useStack } from '../../../test/support/stack';

const MAIN = join(__dirname, '../../../dist/apps/cli/main.js');
jest.setTimeout(120000);

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Auth is on: the stack's admin token, unless a test says otherwise.
    const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH, JUDGE_TOKEN: process.env.ADMIN_TOKEN ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  expect(existsSync(MAIN) ? MAIN : 'dist/apps/cli/main.js is missing: run npm run build (npm test does)').toBe(MAIN);
});

describe('against a real stack', () => {
  const stack = useStack();

  it('submits a file, prints the verdict and the per-test table, exits 0 on AC', async () => {
    const r = await cli(['submit', join(EXAMPLES, 'solutions/aplusb/AC/int64.cpp'), '--problem', 'aplusb', '--url', stack.gw.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/verdict: AC \(accepted\)\s+score: 100/);
    expect(r.stdout).toMatch(/#\s+group\s+verdict\s+time ms/);
  });

  it('exits 1 with the compiler output on CE; --json prints the submission', async () => {
    const file = join(process.env.E2E_TMP!, 'broken.c');
    writeFileSync(file, 'int main( {');
    const r = await cli([file, '--problem', 'aplusb', '--json'], { JUDGE_URL: stack.gw.url });
    expect(r.code).toBe(1);
    const final = JSON.parse(r.stdout);
    expect(final).toMatchObject({ status: 'finished', verdict: 'CE', problemId: 'aplusb', language: 'c' });
  });

  it('several files: submitted as files[] (--entry naming the one to run) and judged AC', async () => {
    const dir = join(process.env.E2E_TMP!, 'multi', 'src');
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'main.c'), '#include <stdio.h>\n#include "lib/add.h"\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",add(a,b));}\n');
    writeFileSync(join(dir, 'lib/add.h'), 'long add(long, long);\n');
    writeFileSync(join(dir, 'lib/add.c'), '#include "add.h"\nlong add(long a, long b){return a+b;}\n');
    const r = await cli([join(dir, 'main.c'), join(dir, 'lib/add.c'), join(dir, 'lib/add.h'), '--entry', join(dir, 'main.c'), '--problem', 'aplusb', '--json', '--url', stack.gw.url]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'AC', language: 'c', entryPoint: 'main.c', files: [{ path: 'main.c' }, { path: 'lib/add.c' }, { path: 'lib/add.h' }] });
    expect(await cli([join(dir, 'main.c'), join(dir, 'lib/add.c'), '--entry', 'other.c', '--problem', 'aplusb', '--url', stack.gw.url])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--entry other\.c is not one of the files given/) });
  });

  it('an ad-hoc run prints what the program wrote', async () => {
    const input = join(process.env.E2E_TMP!, 'in.txt');
    writeFileSync(input, '2 3\n');
    const r = await cli([join(EXAMPLES, 'solutions/aplusb/AC/int64.cpp'), '--stdin', input, '--url', stack.gw.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stdout:\n5\n/);
  });

  it('--template prints a function problem\'s starting code in a language; a program problem has none', async () => {
    const r = await cli(['submit', '--template', 'reverse-list', '--language', 'cpp', '--url', stack.gw.url]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/class Solution/);
    expect(r.stdout).toMatch(/ListNode\* reverseList\(ListNode\* head\)/);
    expect(await cli(['submit', '--template', 'aplusb', '--language', 'cpp', '--url', stack.gw.url])).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a function problem/) });
    expect(await cli(['submit', '--template', 'reverse-list', '--url', stack.gw.url])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--template needs --language/) });
  });

  it('usage errors exit 2, naming the problem', async () => {
    expect(await cli(['submit', 'x.c', '--url', stack.gw.url])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--problem is required/) });
    expect(await cli(['submit', 'x.unknown', '--problem', 'aplusb'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot tell the language/) });
    expect(await cli(['submit', 'missing.c', '--problem', 'aplusb'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file/) });
    expect(await cli(['submit', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown option '--bogus'/) });
  });
});

describe('the bearer token', () => {
  it.each([
    ['--token', (url: string) => ['--token', 'secret-token-123', '--url', url], {}],
    ['JUDGE_TOKEN', (url: string) => ['--url', url], { JUDGE_TOKEN: 'secret-token-123' }],
  ])('%s is sent as Authorization: Bearer', async (_name, args, env) => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'bad token' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const r = await cli([join(EXAMPLES, 'solutions/aplusb/AC/int64.cpp'), '--problem', 'aplusb', ...args(url)], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refused the submission: bad token/);
      expect(seen[0].authorization).toBe('Bearer secret-token-123');
    } finally {
      server.close();
    }
  });
});
