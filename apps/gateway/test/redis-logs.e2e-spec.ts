// Every Redis connection handles its own errors: a gateway and a judge, each a process of its own
// (the built dist/apps/*/main.js), lose their Redis for 8 s. Their output then holds a few clear,
// rate-limited lines per connection kind (libs/redis RedisErrorLog) and no ioredis "Unhandled
// error event" or stack trace, and the stack judges again once Redis is back.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Verdict } from '@app/contracts';
import { api, cleanUp, submit, watch } from '../../../test/support/stack';
import { freePort, redisCli } from '../../../test/support/redis-servers';

jest.setTimeout(180000);

const ROOT = join(__dirname, '../../..');
const procs: ChildProcess[] = [];
const output = new Map<string, string>();
let redis: ChildProcess | undefined;
let redisPort: number;

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && (await redisCli(redisPort, 'ping').catch(() => '')) !== 'PONG'; i++) await new Promise((r) => setTimeout(r, 100));
}

async function killRedis(): Promise<void> {
  const r = redis!;
  if (r.exitCode !== null || r.signalCode !== null) return;
  await new Promise((resolve) => { r.once('exit', resolve); r.kill('SIGKILL'); });
}

function startApp(name: 'gateway' | 'judge', env: Record<string, string>): ChildProcess {
  const main = join(ROOT, `dist/apps/${name}/main.js`);
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  output.set(name, '');
  const keep = (d: Buffer) => output.set(name, output.get(name)! + d.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  procs.push(child);
  return child;
}

/** The `msg` of each pino JSON line, and other lines as they are. */
function messages(name: string): string[] {
  return output.get(name)!.split('\n').filter(Boolean).map((l) => {
    try { return String(JSON.parse(l).msg); } catch { return l; }
  });
}

afterAll(async () => {
  await Promise.all(procs.map((p) => new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve(undefined);
    p.once('exit', resolve);
    p.kill('SIGTERM');
  })));
  await cleanUp();
  if (redis) await killRedis();
});

it('a Redis outage: a few rate-limited lines per connection kind, no unhandled-error traces, judging resumes', async () => {
  redisPort = await freePort();
  await startRedis();
  const port = await freePort();
  const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, PORT: String(port), LOG_LEVEL: 'info' };
  startApp('gateway', env);
  startApp('judge', env);
  const url = `http://127.0.0.1:${port}`;
  const healthy = async () => {
    for (const t = Date.now(); Date.now() - t < 60000; await new Promise((r) => setTimeout(r, 250))) {
      const ok = await api(url, 'GET', '/api/v1/health').then((r) => r.status === 200, () => false);
      const judges = ok && (await api(url, 'GET', '/api/v1/languages').then((r) => r.status === 200 && r.body.length > 0, () => false));
      if (judges) return;
    }
    throw new Error(`the stack is not ready: ${output.get('gateway')}\n${output.get('judge')}`);
  };
  await healthy();
  // The gateway uses its queue connection once, so it is open when Redis goes.
  expect((await watch(`ws://127.0.0.1:${port}/ws`, await submit(url, { language: 'python3', sourceCode: 'print(input())', stdin: 'x', expectedOutput: 'x' }))).final.verdict).toBe(Verdict.AC);

  await killRedis();
  await new Promise((r) => setTimeout(r, 8000));
  await startRedis();
  await healthy();
  const id = await submit(url, { language: 'python3', sourceCode: 'print(int(input()) + 1)', stdin: '41', expectedOutput: '42' });
  expect((await watch(`ws://127.0.0.1:${port}/ws`, id, 60000)).final.verdict).toBe(Verdict.AC);

  for (const name of ['gateway', 'judge']) {
    const all = output.get(name)!;
    expect(all).not.toMatch(/Unhandled error event/);
    expect(all).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
    const lines = messages(name).filter((m) => m.startsWith('Redis ('));
    const byKind = new Map<string, string[]>();
    for (const l of lines) {
      const kind = /^Redis \(([^)]+)\)/.exec(l)![1];
      byKind.set(kind, [...(byKind.get(kind) ?? []), l]);
    }
    // Each kind that lost its connection: one line when it failed (8 s < the 10 s interval), one when it was back.
    expect(byKind.size).toBeGreaterThanOrEqual(3);
    for (const [kind, kindLines] of byKind) {
      expect({ kind, warnings: kindLines.filter((l) => l.includes('; reconnecting')).length }).toEqual({ kind, warnings: 1 });
      expect(kindLines.filter((l) => l.includes('connected again'))).toHaveLength(1);
    }
    // Other errors (e.g. a job's keys gone with the unpersisted Redis) are single lines too, and few.
    expect(lines.length).toBeLessThanOrEqual(3 * byKind.size);
  }
});
