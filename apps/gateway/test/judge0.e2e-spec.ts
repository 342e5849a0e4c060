// The Judge0-compatible API (/judge0) against the real stack: a gateway, a judge with the real
// sandbox, Redis, SQLite and a real WebSocket client; Judge0 CE's documented examples (single,
// batch, base64, wait, fields), every status id our engine produces, callbacks received by a
// local HTTP server that checks the signature, and the queue-full answer.
import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

const SECRET = 'e2e-callback-secret-0123456789';
process.env.CALLBACK_SECRET = SECRET;
process.env.CALLBACK_ALLOWED_HOSTS = '127.0.0.1';
process.env.JUDGE0_MAX_QUEUE_SIZE = '30';
process.env.JUDGE0_ENABLE_SUBMISSION_DELETE = 'true';
process.env.MAX_QUEUED_PER_USER = '8';

import { buildZip } from '../../../test/support/hostile-zips';
import { api, cleanUp, Gateway, startGateway, startJudge, watch } from '../../../test/support/stack';

jest.setTimeout(120000);

let gw: Gateway;
let judge: { close(): Promise<void> } | null = null;
/** API keys (role user) of two callers. */
let alice: string;
let bob: string;

beforeAll(async () => {
  gw = await startGateway();
  judge = await startJudge();
  const key = async (name: string) => {
    const r = await api(gw.url, 'POST', '/api/v1/keys', { name, role: 'user' });
    expect(r.status).toBe(201);
    return r.body.key as string;
  };
  alice = await key('alice');
  bob = await key('bob');
});

afterAll(async () => {
  await judge?.close();
  await gw?.close();
  await cleanUp();
});

/** A request to /judge0 with Judge0's `X-Auth-Token` header (alice's key unless told). */
function j0(method: string, path: string, body?: unknown, token: string | null = alice) {
  return api(gw.url, method, `/judge0${path}`, body, { token: null, headers: token ? { 'x-auth-token': token } : {} });
}

/** Polls GET /submissions/:token until the status is neither In Queue nor Processing. */
async function result(token: string, query = '', as = alice): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const r = await j0('GET', `/submissions/${token}?fields=*${query}`, undefined, as);
    expect(r.status).toBe(200);
    if (r.body.status.id > 2) return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`submission ${token} did not finish`);
}

/** POST with wait=true and all fields: the finished submission. */
async function run(body: Record<string, unknown>): Promise<any> {
  const r = await j0('POST', '/submissions?wait=true&fields=*', body);
  expect(r.status).toBe(201);
  return r.body;
}

// Judge0 CE's documentation example (with its language 4, C, renumbered to today's 50).
const HELLO_C = '#include <stdio.h>\n\nint main(void) {\n  char name[10];\n  scanf("%s", name);\n  printf("hello, %s\\n", name);\n  return 0;\n}\n';

describe('reference endpoints', () => {
  it('lists the languages the judges run under Judge0 CE ids, ours beyond them; archived aliases in /languages/all', async () => {
    const r = await j0('GET', '/languages', undefined, null);
    expect(r.status).toBe(200);
    const byId = new Map<number, string>(r.body.map((l: any) => [l.id, l.name]));
    expect(byId.get(50)).toMatch(/^C \(GCC \d/);
    expect(byId.get(54)).toMatch(/^C\+\+ \(GCC \d/);
    expect(byId.get(71)).toMatch(/^Python \(3\./);
    expect(byId.get(62)).toMatch(/^Java \(OpenJDK/);
    expect(r.body.every((l: any) => Object.keys(l).sort().join() === 'id,name')).toBe(true);
    expect([...byId.keys()].filter((id) => id > 200).every((id) => id >= 1001)).toBe(true);
    const all = await j0('GET', '/languages/all', undefined, null);
    expect(all.body).toContainEqual({ id: 52, name: byId.get(54), is_archived: true });
    expect(all.body).toContainEqual({ id: 54, name: byId.get(54), is_archived: false });
  });

  it('shows one language with its commands; 404 for an unknown id', async () => {
    const r = await j0('GET', '/languages/54', undefined, null);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 54, is_archived: false, source_file: 'main.cpp' });
    expect(r.body.compile_cmd).toMatch(/g\+\+/);
    expect((await j0('GET', '/languages/4242', undefined, null))).toMatchObject({ status: 404, body: { error: 'Not Found' } });
  });

  it('lists statuses 1-14 with Judge0 descriptions', async () => {
    const r = await j0('GET', '/statuses', undefined, null);
    expect(r.body).toHaveLength(14);
    expect(r.body[0]).toEqual({ id: 1, description: 'In Queue' });
    expect(r.body[10]).toEqual({ id: 11, description: 'Runtime Error (NZEC)' });
    expect(r.body[13]).toEqual({ id: 14, description: 'Exec Format Error' });
  });

  it('answers about, version, config_info (our real limits), system_info, statistics, workers', async () => {
    expect((await j0('GET', '/about', undefined, null)).body).toMatchObject({ version: '1.13.1' });
    const version = await j0('GET', '/version', undefined, null);
    expect(version.body).toBe('1.13.1');
    expect(version.headers.get('content-type')).toMatch(/text\/plain/);
    const config = await j0('GET', '/config_info', undefined, null);
    expect(config.body).toMatchObject({
      cpu_time_limit: 5, max_cpu_time_limit: 15, memory_limit: 128000, max_memory_limit: 2097152, max_queue_size: 30,
      enable_network: false, allow_enable_network: false, max_submission_batch_size: 20, enable_submission_delete: true, enable_additional_files: true, max_extract_size: 10240,
    });
    const system = await j0('GET', '/system_info');
    expect(system.body['CPU(s)']).toMatch(/^\d+$/);
    expect((await j0('GET', '/system_info', undefined, null)).status).toBe(401);
    const stats = await j0('GET', '/statistics');
    expect(stats.status).toBe(200);
    expect(stats.body.submissions).toEqual({ total: expect.any(Number), today: expect.any(Number) });
    expect((await j0('GET', '/workers')).status).toBe(403);
    const workers = await j0('GET', '/workers', undefined, process.env.ADMIN_TOKEN!);
    expect(workers.status).toBe(200);
    expect(workers.body[0]).toMatchObject({ queue: 'submissions', available: expect.any(Number), size: expect.any(Number), failed: expect.any(Number) });
    expect(workers.body[0].available).toBeGreaterThanOrEqual(1);
  });
});

describe('the OpenAPI description', () => {
  it('lists the /judge0 endpoints under the tag judge0, with the Judge0 submission body', async () => {
    const doc = (await api(gw.url, 'GET', '/api/docs-json', undefined, { token: null })).body;
    for (const [path, method] of [['/judge0/submissions', 'post'], ['/judge0/submissions/batch', 'get'], ['/judge0/submissions/{token}', 'get'], ['/judge0/languages', 'get'], ['/judge0/workers', 'get']]) {
      expect([path, doc.paths[path]?.[method]?.tags]).toEqual([path, ['judge0']]);
    }
    expect(doc.components.schemas.Judge0SubmissionDto.properties.cpu_time_limit).toMatchObject({ default: 5, maximum: 15 });
    expect(doc.paths['/judge0/submissions'].post.responses['422']).toBeDefined();
  });
});

describe('one submission', () => {
  it('Judge0 docs example: 201 { token }, then the default fields of the finished run', async () => {
    const created = await j0('POST', '/submissions', { source_code: HELLO_C, language_id: 50, stdin: 'Judge0', expected_output: 'hello, Judge0' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(['token']);
    const done = await result(created.body.token);
    expect(done.status).toEqual({ id: 3, description: 'Accepted' });
    const r = await j0('GET', `/submissions/${created.body.token}`);
    expect(Object.keys(r.body).sort()).toEqual(['compile_output', 'memory', 'message', 'status', 'stderr', 'stdout', 'time', 'token']);
    expect(r.body).toMatchObject({ stdout: 'hello, Judge0\n', stderr: null, message: null, token: created.body.token });
    expect(r.body.time).toMatch(/^\d+\.\d{3}$/);
    expect(r.body.memory).toBeGreaterThan(0);
  });

  it('takes the paths Judge0 clients use, trailing slash included (/submissions/?base64_encoded=false&wait=true)', async () => {
    const r = await j0('POST', '/submissions/?base64_encoded=false&wait=true', { source_code: 'print(6)', language_id: 71 });
    expect(r).toMatchObject({ status: 201, body: { stdout: '6\n', status: { id: 3 } } });
    expect((await j0('GET', `/submissions/${r.body.token}/?fields=stdout`)).body).toEqual({ stdout: '6\n' });
    expect((await j0('GET', '/languages/', undefined, null)).status).toBe(200);
  });

  it('wait=true answers the finished submission at once, with fields=* in Judge0 units', async () => {
    const r = await run({ source_code: 'print(input()[::-1])', language_id: 71, stdin: 'abc', cpu_time_limit: 2, memory_limit: 65536 });
    expect(r).toMatchObject({
      status: { id: 3 }, status_id: 3, stdout: 'cba\n', exit_code: 0, exit_signal: null, language_id: 71,
      cpu_time_limit: 2, wall_time_limit: 10, memory_limit: 65536, max_file_size: 1024, number_of_runs: 1, enable_network: false,
      language: { id: 71, name: expect.stringMatching(/^Python/) },
    });
    expect(Object.keys(r).length).toBeGreaterThanOrEqual(35);
    expect(Date.parse(r.finished_at)).toBeGreaterThanOrEqual(Date.parse(r.created_at));
    expect(Number(r.wall_time)).toBeGreaterThanOrEqual(Number(r.time));
  });

  it('Judge0\'s default limits (128000 KB, 60 processes, 5 s) run a JVM program', async () => {
    const r = await run({ language_id: 62, source_code: 'public class Main { public static void main(String[] a) { System.out.println("hi " + new java.util.Scanner(System.in).nextInt()); } }', stdin: '7' });
    expect(r).toMatchObject({ status: { id: 3 }, stdout: 'hi 7\n', memory_limit: 128000, max_processes_and_or_threads: 60, cpu_time_limit: 5 });
  });

  it('base64_encoded=true: text fields in and out as base64', async () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const r = await j0('POST', '/submissions?base64_encoded=true&wait=true', { source_code: b64('import sys\nprint(input()); print("e", file=sys.stderr)'), language_id: 71, stdin: b64('héllo') });
    expect(r.status).toBe(201);
    expect(Buffer.from(r.body.stdout, 'base64').toString()).toBe('héllo\n');
    expect(Buffer.from(r.body.stderr, 'base64').toString()).toBe('e\n');
    const plain = await j0('GET', `/submissions/${r.body.token}?fields=stdout`);
    expect(plain.body).toEqual({ stdout: 'héllo\n' });
    const bad = await j0('POST', '/submissions?base64_encoded=true', { source_code: 'not base64!', language_id: 71 });
    expect(bad).toMatchObject({ status: 422, body: { source_code: ['is not valid base64'] } });
  });

  it('fields: a chosen list, *, and an unknown field refused', async () => {
    const { token } = (await j0('POST', '/submissions', { source_code: 'print(1)', language_id: 71 })).body;
    await result(token);
    expect((await j0('GET', `/submissions/${token}?fields=stdout,status_id,language_id`)).body).toEqual({ stdout: '1\n', status_id: 3, language_id: 71 });
    expect(Object.keys((await j0('GET', `/submissions/${token}?fields=*`)).body)).toEqual(expect.arrayContaining(['source_code', 'wall_time', 'callback_url', 'exit_code']));
    expect(await j0('GET', `/submissions/${token}?fields=stdout,nope`)).toMatchObject({ status: 400, body: { error: 'invalid fields: [nope]' } });
    expect(await j0('GET', `/submissions/${token}?fields=stdout&fields=time`)).toMatchObject({ status: 400, body: { error: 'fields: give this query parameter once' } });
    expect(await j0('GET', '/submissions/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { error: 'Not Found' } });
  });

  it('422 names each bad field, in Judge0\'s shape', async () => {
    const r = await j0('POST', '/submissions', { cpu_time_limit: 16, memory_limit: 'lots', enable_network: true, number_of_runs: 21 });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      source_code: ["can't be blank"], language_id: ["can't be blank"], cpu_time_limit: ['must be less than or equal to 15'],
      memory_limit: ['is not a number'], number_of_runs: ['must be less than or equal to 20'],
      enable_network: ['enabling network is not allowed: programs never reach the network on this server'],
    });
    expect(await j0('POST', '/submissions', { source_code: 'x', language_id: 9999 })).toMatchObject({ status: 422, body: { language_id: ["language with id 9999 doesn't exist"] } });
    expect(await j0('POST', '/submissions', { source_code: 'x', language_id: 71, command_line_arguments: "'open" })).toMatchObject({ status: 422, body: { command_line_arguments: ['has an unterminated single quote'] } });
  });

  it('needs a token (X-Auth-Token or Bearer); someone else\'s token is 404; the submission is ours too, live on the WebSocket', async () => {
    expect(await j0('POST', '/submissions', { source_code: 'print(1)', language_id: 71 }, null)).toMatchObject({ status: 401, body: { error: expect.any(String) } });
    expect((await j0('POST', '/submissions', { source_code: 'print(1)', language_id: 71 }, 'ojk_not-a-key')).status).toBe(401);
    const { token } = (await j0('POST', '/submissions', { source_code: 'import time\ntime.sleep(0.3)\nprint(42)', language_id: 71 })).body;
    const live = watch(gw.wsUrl, token, 60000, { token: alice });
    expect((await j0('GET', `/submissions/${token}`, undefined, bob)).status).toBe(404);
    const { frames, final } = await live;
    expect(final).toMatchObject({ id: token, language: 'python3', verdict: 'AC', tests: [{ stdout: '42\n' }] });
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const ours = await api(gw.url, 'GET', `/api/v1/submissions/${token}`, undefined, { token: alice });
    expect(ours.body).toMatchObject({ id: token, status: 'finished', verdict: 'AC' });
    expect((await api(gw.url, 'GET', `/api/v1/submissions/${token}`, undefined, { token: bob })).status).toBe(404);
    const bearer = await api(gw.url, 'GET', `/judge0/submissions/${token}?fields=stdout`, undefined, { token: alice });
    expect(bearer.body).toEqual({ stdout: '42\n' });
    expect(bearer.headers.get('ratelimit-limit')).toMatch(/^\d+$/);
  });
});

describe('run options', () => {
  it('command_line_arguments, compiler_options, redirect_stderr_to_stdout', async () => {
    const src = '#include <stdio.h>\nint main(int c, char **v) { fprintf(stderr, "E"); fflush(stderr); printf("%d %s %s|%d", X, v[1], v[2], c); return 0; }\n';
    const r = await run({ source_code: src, language_id: 50, compiler_options: '-DX=42', command_line_arguments: "one 'two words'", redirect_stderr_to_stdout: true });
    expect(r).toMatchObject({ status: { id: 3 }, stdout: 'E42 one two words|3', stderr: null, compiler_options: '-DX=42' });
  });

  it('number_of_runs: several runs of one compile, time is their mean', async () => {
    const r = await run({ source_code: 'print(sum(range(10**5)))', language_id: 71, number_of_runs: 3 });
    expect(r).toMatchObject({ status: { id: 3 }, number_of_runs: 3, stdout: '4999950000\n' });
    const ours = await api(gw.url, 'GET', `/api/v1/submissions/${r.token}`, undefined, { token: alice });
    expect(ours.body.tests).toHaveLength(3);
    const mean = ours.body.tests.reduce((a: number, t: any) => a + t.timeMs, 0) / 3;
    expect(Number(r.time)).toBeCloseTo(Math.round(mean) / 1000, 3);
  });

  it('expected_output is compared as Judge0 does: trailing whitespace ignored, case not', async () => {
    expect((await run({ source_code: 'print("Hi  ")\nprint()', language_id: 71, expected_output: 'Hi' })).status.id).toBe(3);
    expect((await run({ source_code: 'print("hi")', language_id: 71, expected_output: 'Hi' })).status).toEqual({ id: 4, description: 'Wrong Answer' });
  });
});

describe('additional files and the multi-file program (89)', () => {
  const zip = async (files: Record<string, string>) => (await buildZip(Object.entries(files).map(([name, data]) => ({ name, data })))).toString('base64');

  it('puts the zip\'s files beside the program, in its working folder (data read by a relative path, a header included)', async () => {
    const py = await run({ language_id: 71, source_code: 'print(open("data/input.txt").read().strip()[::-1])', additional_files: await zip({ 'data/input.txt': 'olleh\n' }) });
    expect(py).toMatchObject({ status: { id: 3 }, stdout: 'hello\n', additional_files: null, language_id: 71 });
    const c = await run({
      language_id: 50, source_code: '#include <stdio.h>\n#include "twice.h"\nint main(void) { printf("%d\\n", twice(21)); return 0; }\n',
      additional_files: await zip({ 'twice.h': 'static int twice(int x) { return 2 * x; }\n' }),
    });
    expect(c).toMatchObject({ status: { id: 3 }, stdout: '42\n' });
    const ours = await api(gw.url, 'GET', `/api/v1/submissions/${c.token}/source`, undefined, { token: alice });
    expect(ours.status).toBe(200);
  });

  it('89: the compile script builds, the run script runs with the arguments, files where they were zipped', async () => {
    expect((await j0('GET', '/languages', undefined, null)).body).toContainEqual({ id: 89, name: 'Multi-file program' });
    const r = await run({
      language_id: 89, command_line_arguments: 'x y', stdin: '5',
      additional_files: await zip({
        compile: 'gcc -O2 -o main src/main.c src/add.c\n',
        run: 'echo "args: $*"\n./main < /dev/stdin\ncat notes/readme.txt\n',
        'src/main.c': '#include <stdio.h>\nint add(int, int);\nint main(void) { int n; scanf("%d", &n); printf("%d\\n", add(n, 1)); return 0; }\n',
        'src/add.c': 'int add(int a, int b) { return a + b; }\n',
        'notes/readme.txt': 'done\n',
      }),
    });
    expect(r).toMatchObject({ status: { id: 3 }, language_id: 89, language: { id: 89, name: 'Multi-file program' }, stdout: 'args: x y\n6\ndone\n', source_code: null });
  });

  it('89: a failing compile script is a Compilation Error; no run script or a bad zip is 422', async () => {
    const ce = await run({ language_id: 89, additional_files: await zip({ compile: 'gcc -o main nope.c\n', run: './main\n' }) });
    expect(ce.status).toEqual({ id: 6, description: 'Compilation Error' });
    expect(ce.compile_output).toMatch(/nope\.c/);
    expect(await j0('POST', '/submissions', { language_id: 89, additional_files: await zip({ compile: 'true\n' }) })).toMatchObject({ status: 422, body: { additional_files: ['must contain a run script (language 89)'] } });
    expect((await j0('POST', '/submissions', { language_id: 71, source_code: 'print(1)', additional_files: Buffer.from('not a zip').toString('base64') })).body).toEqual({ additional_files: [expect.stringMatching(/not a usable zip/)] });
  });
});

describe('every status our engine produces', () => {
  const c = (body: string) => `#include <stdio.h>\n#include <stdlib.h>\n#include <signal.h>\n#include <string.h>\nint main(void) { ${body} }\n`;
  it.each([
    ['Time Limit Exceeded', { source_code: c('volatile unsigned long i = 0; for (;;) i++;'), cpu_time_limit: 0.5 }, 5, /Time limit exceeded/],
    ['Compilation Error', { source_code: c('this is not C') }, 6, null],
    ['Runtime Error (SIGSEGV)', { source_code: c('volatile int *p = 0; *p = 1; return 0;') }, 7, /signal 11/],
    ['Runtime Error (SIGXFSZ) for output over max_file_size (our OLE)', { source_code: c('for (;;) fputs("0123456789012345678901234567890123456789", stdout);'), max_file_size: 64 }, 8, /Output limit exceeded/],
    ['Runtime Error (SIGFPE)', { source_code: c('volatile int a = 7, z = 0; printf("%d", a / z); return 0;') }, 9, /signal 8/],
    ['Runtime Error (SIGABRT)', { source_code: c('abort();') }, 10, /signal 6/],
    ['Runtime Error (NZEC)', { source_code: c('return 3;') }, 11, /Exited with error status 3/],
    ['Runtime Error (Other) for another signal', { source_code: c('raise(SIGTERM); return 0;') }, 12, /signal 15/],
    ['Runtime Error (Other) for memory over memory_limit (our MLE)', { source_code: c('for (;;) { char *p = malloc(1 << 20); if (!p) return 1; memset(p, 1, 1 << 20); }'), memory_limit: 32768 }, 12, /Memory limit exceeded/],
    ['Exec Format Error for a program that cannot be executed (an object file, by compiler_options -c)', { source_code: c('return 0;'), compiler_options: '-c' }, 14, /cannot execute the program/],
  ])('%s', async (_name, body, id, message) => {
    const r = await run({ language_id: 50, ...body });
    expect(r.status.id).toBe(id);
    if (message) expect(r.message).toMatch(message);
    if (id === 6) expect(r.compile_output).toMatch(/error/);
  });
});

describe('batch', () => {
  it('creates 1-20 with per-item errors, and reads them back by comma-separated tokens', async () => {
    const r = await j0('POST', '/submissions/batch', { submissions: [
      { source_code: 'print(1)', language_id: 71 },
      { source_code: 'print(2)', language_id: 4242 },
      { source_code: '#include <stdio.h>\nint main(){puts("3");}', language_id: 54 },
    ] });
    expect(r.status).toBe(201);
    expect(r.body).toEqual([{ token: expect.any(String) }, { language_id: ["language with id 4242 doesn't exist"] }, { token: expect.any(String) }]);
    const [a, , b] = r.body.map((x: any) => x.token);
    await result(a);
    await result(b);
    const got = await j0('GET', `/submissions/batch?tokens=${a},${b},00000000-0000-4000-8000-000000000000&fields=token,stdout,status_id`);
    expect(got.body).toEqual({ submissions: [{ token: a, stdout: '1\n', status_id: 3 }, { token: b, stdout: '3\n', status_id: 3 }, null] });
    const others = await j0('GET', `/submissions/batch?tokens=${a}`, undefined, bob);
    expect(others.body).toEqual({ submissions: [null] });
  });

  it('refuses an empty batch and more than 20', async () => {
    expect((await j0('POST', '/submissions/batch', { submissions: [] })).status).toBe(422);
    const many = Array.from({ length: 21 }, () => ({ source_code: 'print(1)', language_id: 71 }));
    expect(await j0('POST', '/submissions/batch', { submissions: many })).toMatchObject({ status: 422, body: { submissions: [expect.stringMatching(/less than or equal to 20/)] } });
    const tokens = Array.from({ length: 21 }, () => '00000000-0000-4000-8000-000000000000').join(',');
    expect((await j0('GET', `/submissions/batch?tokens=${tokens}`)).status).toBe(422);
  });
});

describe('callbacks', () => {
  let server: Server;
  let url: string;
  const received: Array<{ headers: IncomingMessage['headers']; body: string; method?: string }> = [];
  let failFirst = true;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ headers: req.headers, body, method: req.method });
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
        } else {
          res.writeHead(200).end('ok');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/judge0-callback`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('PUTs the result, signed with HMAC-SHA256 of the body, and retries after a failed delivery', async () => {
    const { token } = (await j0('POST', '/submissions', { source_code: 'print(7)', language_id: 71, callback_url: url })).body;
    for (let i = 0; i < 300 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(2);
    for (const [i, d] of received.entries()) {
      expect(d.method).toBe('PUT');
      expect(d.headers['x-judge0-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(d.body).digest('hex')}`);
      expect(d.headers['x-judge0-delivery']).toBe(token);
      expect(d.headers['x-judge0-attempt']).toBe(String(i + 1));
      expect(JSON.parse(d.body)).toMatchObject({ token, stdout: '7\n', status: { id: 3, description: 'Accepted' } });
    }
  });

  it('a delivery due while no gateway runs waits in Redis and is made by the next gateway', async () => {
    received.length = 0;
    const { token } = (await j0('POST', '/submissions', { source_code: 'import time\ntime.sleep(0.5)\nprint(8)', language_id: 71, callback_url: url })).body;
    await gw.close();
    // The judge finishes meanwhile and queues the delivery; nobody is there to make it.
    await new Promise((r) => setTimeout(r, 3000));
    expect(received).toHaveLength(0);
    gw = await startGateway();
    for (let i = 0; i < 300 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0].body)).toMatchObject({ token, stdout: '8\n', status: { id: 3 } });
  });

  it('refuses callback URLs to loopback or private addresses not allowed by configuration', async () => {
    for (const target of ['http://10.1.2.3/cb', 'http://[::1]:8080/cb', 'http://169.254.169.254/latest', 'ftp://example.org/x']) {
      const r = await j0('POST', '/submissions', { source_code: 'print(1)', language_id: 71, callback_url: target });
      expect(r.status).toBe(422);
      expect(r.body.callback_url).toHaveLength(1);
    }
  });
});

describe('delete and a full queue', () => {
  it('DELETE removes a finished submission of the caller\'s and answers it', async () => {
    const r = await run({ source_code: 'print(5)', language_id: 71 });
    expect((await j0('DELETE', `/submissions/${r.token}`, undefined, bob)).status).toBe(404);
    const del = await j0('DELETE', `/submissions/${r.token}?fields=stdout,token`);
    expect(del).toMatchObject({ status: 200, body: { stdout: '5\n', token: r.token } });
    expect((await j0('GET', `/submissions/${r.token}`)).status).toBe(404);
  });

  it('a batch past the caller\'s MAX_QUEUED_PER_USER: the items over it answer { error }, the others their tokens', async () => {
    await judge!.close();
    judge = null;
    const r = await j0('POST', '/submissions/batch', { submissions: Array.from({ length: 10 }, () => ({ source_code: 'print(1)', language_id: 71 })) });
    expect(r.status).toBe(201);
    expect(r.body.slice(0, 8)).toEqual(Array.from({ length: 8 }, () => ({ token: expect.any(String) })));
    expect(r.body.slice(8)).toEqual([{ error: expect.stringMatching(/MAX_QUEUED_PER_USER/) }, { error: expect.stringMatching(/MAX_QUEUED_PER_USER/) }]);
  });

  it('503 { error: "queue is full" } past JUDGE0_MAX_QUEUE_SIZE waiting submissions', async () => {
    const admin = process.env.ADMIN_TOKEN!;
    let answer: { status: number; body: any } | undefined;
    for (let i = 0; i < 40; i++) {
      answer = await j0('POST', '/submissions', { source_code: 'print(1)', language_id: 71 }, admin);
      if (answer.status !== 201) break;
    }
    expect(answer).toMatchObject({ status: 503, body: { error: 'queue is full' } });
  });
});
