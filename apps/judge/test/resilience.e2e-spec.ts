// Nothing is lost: a submission answered with 202 reaches a final verdict when its judge is
// killed mid-run, when Redis restarts empty, and when it was posted while Redis was down.
// This file runs its own redis-server on a free port (no persistence), so it can stop it.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Verdict } from '@app/contracts';
import { api, cleanUp, Gateway, startGateway, startJudge, submit, watch } from '../../../test/support/stack';

jest.setTimeout(180000);

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

let redisPort: number;
let redisServer: ChildProcess | undefined;
let gw: Gateway;

async function startRedis(): Promise<void> {
  redisServer = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const client = new Redis({ port: redisPort, lazyConnect: true, retryStrategy: () => 100 });
  for (let i = 0; i < 50; i++) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.disconnect();
}

async function stopRedis(): Promise<void> {
  const exited = new Promise((r) => redisServer!.once('exit', r));
  redisServer!.kill('SIGKILL');
  await exited;
}

/** A judge in its own process, so that it can be killed like a crashed machine. */
function startJudgeProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e',
    'require("./apps/judge/src/judge.bootstrap").bootstrapJudge().then(() => console.log("JUDGE UP"))'], {
    cwd: join(__dirname, '../../..'), env: process.env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('JUDGE UP') && resolve(child));
    child.on('exit', (code) => reject(new Error(`judge process exited with ${code}`)));
  });
}

beforeAll(async () => {
  redisPort = await freePort();
  process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  process.env.RECOVERY_STALE_MS = '1500';
  process.env.RECOVERY_INTERVAL_MS = '500';
  // This file stops Redis on purpose: the connection errors it makes the stack log are expected.
  process.env.LOG_LEVEL = 'fatal';
  await startRedis();
  gw = await startGateway();
});

afterAll(async () => {
  await gw?.close();
  await cleanUp();
  await stopRedis();
});

const SLOW = 'import time\ntime.sleep(2)\nprint(int(input()) * 2)';
const slow = () => submit(gw.url, { language: 'python3', sourceCode: SLOW, stdin: '21', expectedOutput: '42', limits: { wallTimeLimitMs: 20000 } });

/** Starts a judge in this process and expects the submission to end AC. */
async function expectAcceptedOnceAJudgeRuns(id: string): Promise<void> {
  const judge = await startJudge();
  try {
    const { final } = await watch(gw.wsUrl, id, 120000);
    expect(final.verdict).toBe(Verdict.AC);
  } finally {
    await judge.close();
  }
}

it('a judge killed mid-run: another judge finishes the submission', async () => {
  const doomed = await startJudgeProcess();
  const id = await slow();
  for (let status = 'queued'; status !== 'running';) {
    status = (await api(gw.url, 'GET', `/api/v1/submissions/${id}?waitMs=10000&after=${status}`)).body.status;
  }
  doomed.kill('SIGKILL');
  await expectAcceptedOnceAJudgeRuns(id);
});

it('Redis restarted empty: a queued submission is queued again and judged', async () => {
  const id = await slow();
  expect((await api(gw.url, 'GET', `/api/v1/submissions/${id}`)).body.status).toBe('queued');
  await stopRedis();
  await startRedis();
  await expectAcceptedOnceAJudgeRuns(id);
});

it('posted while Redis was down: answered 202, judged once Redis is back', async () => {
  await stopRedis();
  const id = await slow();
  expect((await api(gw.url, 'GET', `/api/v1/submissions/${id}`)).body.status).toBe('queued');
  await startRedis();
  await expectAcceptedOnceAJudgeRuns(id);
});
