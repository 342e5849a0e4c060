// Secrets never reach the log: a real gateway process logging every request (LOG_LEVEL=trace)
// gets bearer tokens, Judge0's X-Auth-Token, cookies, passwords in bodies (well-formed and
// malformed), tokens in query strings and on the WebSocket URL; its captured stdout and stderr
// hold none of them, while the requests themselves are logged.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { cleanUp } from '../../../test/support/stack';

jest.setTimeout(120000);
const ROOT = join(__dirname, '../../..');
const secret = (label: string) => `${label}-${randomBytes(9).toString('hex')}`;
const S = {
  admin: secret('admintoken'), bearer: secret('bearer'), judge0: secret('xauth'), cookie: secret('cookie'), login: secret('loginpw'),
  register: secret('registerpw'), malformed: secret('malformedpw'), queryToken: secret('querytoken'), queryKey: secret('querykey'),
  wsQuery: secret('wsquery'), wsHeader: secret('wsheader'), nested: secret('nestedpw'),
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let gateway: ChildProcess;
let output = '';
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  gateway = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/gateway/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'trace', ADMIN_TOKEN: S.admin, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout!.on('data', (d) => (output += d));
  gateway.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start:\n${output.slice(-3000)}`)), 90000);
    const check = () => { if (/gateway listening/.test(output)) { clearTimeout(timer); resolve(); } };
    gateway.stdout!.on('data', check);
    gateway.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the gateway exited (${code}):\n${output.slice(-3000)}`)); });
  });
});

afterAll(async () => {
  gateway?.kill('SIGTERM');
  await cleanUp();
});

it('a request with a bearer token and a password body leaves no secret in the log output', async () => {
  const json = { 'content-type': 'application/json' };
  const calls: [string, RequestInit][] = [
    ['/api/v1/problems', { headers: { authorization: `Bearer ${S.bearer}`, 'x-auth-token': S.judge0, cookie: `sid=${S.cookie}` } }],
    ['/api/v1/auth/login', { method: 'POST', headers: { ...json, authorization: `Bearer ${S.bearer}` }, body: JSON.stringify({ username: 'ann', password: S.login }) }],
    ['/api/v1/users', { method: 'POST', headers: json, body: JSON.stringify({ username: 'ann', password: S.register, profile: { password: S.nested } }) }],
    ['/api/v1/submissions', { method: 'POST', headers: json, body: `{"language":"c","password":"${S.malformed}",` }],
    [`/api/v1/problems?token=${S.queryToken}&key=${S.queryKey}`, {}],
    ['/api/v1/problems/aplusb/export', { headers: { authorization: `Bearer ${S.admin}` } }],
  ];
  for (const [path, init] of calls) {
    const res = await fetch(base + path, init);
    await res.arrayBuffer();
    expect(res.status).toBeLessThan(500);
  }
  await new Promise<void>((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?token=${S.wsQuery}`, { headers: { authorization: `Bearer ${S.wsHeader}` } });
    const done = () => { ws.terminate(); resolve(); };
    ws.on('open', () => { ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: 'x' } })); setTimeout(done, 300); });
    ws.on('error', done);
    ws.on('unexpected-response', done);
  });
  await new Promise((r) => setTimeout(r, 500));

  // The requests were logged (so the check below means something)...
  expect(output).toContain('"url":"/api/v1/auth/login"');
  expect(output).toMatch(/"authorization":"\[redacted\]"/);
  expect(output).toMatch(/"x-auth-token":"\[redacted\]"/);
  expect(output).toMatch(/"cookie":"\[redacted\]"/);
  expect(output).toContain('"url":"/api/v1/problems?token=[redacted]&key=[redacted]"');
  // ...and no secret is anywhere in them.
  for (const [name, value] of Object.entries(S)) expect({ name, logged: output.includes(value) }).toEqual({ name, logged: false });
});
