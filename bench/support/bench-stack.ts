// Shared by the benches: a real stack (gateway and judge, each in a process of its own, run from
// the TypeScript sources, so no build is needed), its own Redis namespace, SQLite file and work
// folder; helpers to submit, to follow submissions over one WebSocket, and to read a process's
// RSS. Auth is on: every request carries the ADMIN_TOKEN set here (the admin role is not rate
// limited nor capped by MAX_QUEUED_PER_USER, so the benches measure the pipeline, not the limits).
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import WebSocket from 'ws';

const ROOT = join(__dirname, '../..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

export interface BenchStack {
  url: string;
  wsUrl: string;
  token: string;
  gateway: ChildProcess;
  judge: ChildProcess | null;
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Start a judge (default true). */
  judge?: boolean;
  /** Extra environment for both processes (e.g. JUDGE_CONCURRENCY). */
  env?: Record<string, string>;
  /** Extra node flags per process (e.g. `--cpu-prof`). */
  gatewayNodeArgs?: string[];
  judgeNodeArgs?: string[];
  /** Modules the gateway requires before its main, after ts-node (e.g. bench/support/no-writes.ts). */
  gatewayPreload?: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

function startProcess(main: string, env: Record<string, string>, nodeArgs: string[], preload: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, ...TS_NODE, ...preload.flatMap((m) => ['-r', m]), join(ROOT, main)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  child.once('exit', (code, sig) => { if (code !== 0 && sig !== 'SIGTERM' && code !== null) console.error(`${main} exited ${code}: ${stderr}`); });
  return child;
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
  await exited;
  clearTimeout(timer);
}

/** Starts a gateway (and a judge) and waits until the gateway answers and a judge has registered its languages. */
export async function startStack(opts: StackOptions = {}): Promise<BenchStack> {
  // BENCH_DATABASE_URL=postgres://…: PostgreSQL (a schema of the bench's own, dropped at the end) instead of a SQLite file.
  const postgres = process.env.BENCH_DATABASE_URL;
  if (postgres && !/^postgres(ql)?:\/\//.test(postgres)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL (unset: a SQLite file of the bench\'s own)');
  const tmp = mkdtempSync(join(tmpdir(), 'oj-bench-'));
  const port = await freePort();
  const token = `bench-admin-${process.pid}-0123456789`;
  const env: Record<string, string> = {
    REDIS_NAMESPACE: `oj-bench-${process.pid}`, DATA_DIR: tmp,
    ...(postgres ? { DATABASE_URL: postgres, DATABASE_SCHEMA: `oj_bench_${process.pid}` } : { DATABASE_URL: `sqlite:${join(tmp, 'db.sqlite')}` }),
    JUDGE_WORK_DIR: join(tmp, 'work'), PROBLEMS_DIRS: join(tmp, 'none'), LOG_LEVEL: 'error', ADMIN_TOKEN: token, PORT: String(port),
    ...opts.env,
  };
  // BENCH_CPU_PROF=<folder>: both processes write V8 CPU profiles there (node --cpu-prof) when they exit.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const gateway = startProcess('apps/gateway/src/main.ts', env, [...prof, ...(opts.gatewayNodeArgs ?? [])], opts.gatewayPreload);
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  while (!(await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false))) {
    if (gateway.exitCode !== null) throw new Error('the gateway exited');
    if (Date.now() - t0 > 120000) throw new Error('the gateway did not answer within 120 s');
    await sleep(200);
  }
  // The judge starts after the gateway has migrated the database.
  const judge = opts.judge === false ? null : startProcess('apps/judge/src/main.ts', env, [...prof, ...(opts.judgeNodeArgs ?? [])]);
  if (judge) {
    while (!(await fetch(`${url}/api/v1/languages`).then(async (r) => r.ok && (await r.json()).length > 0, () => false))) {
      if (judge.exitCode !== null) throw new Error('the judge exited');
      if (Date.now() - t0 > 180000) throw new Error('no judge registered within 180 s');
      await sleep(300);
    }
  }
  return {
    url, wsUrl: `ws://127.0.0.1:${port}/ws`, token, gateway, judge, env,
    close: async () => {
      agent.destroy();
      try {
        await stop(judge);
        await stop(gateway);
        const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
        try {
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.REDIS_NAMESPACE}:*`, 'COUNT', 1000);
            if (keys.length) await redis.del(...keys);
            cursor = next;
          } while (cursor !== '0');
        } finally {
          await redis.quit();
        }
      } finally {
        try {
          if (postgres) await dropSchema(postgres, env.DATABASE_SCHEMA);
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      }
    },
  };
}

/** Drops a bench's PostgreSQL schema and everything in it. */
async function dropSchema(url: string, schema: string): Promise<void> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => pg.end());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Keep-alive connections for `submit`: node's own `http` client, not `fetch`, which cost this
 * process about three times the CPU per POST on the cores the stack shares (docs/performance.md).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a submission as the admin token; resolves with its id. */
export function submit(stack: BenchStack, body: Record<string, unknown>): Promise<string> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${stack.url}/api/v1/submissions`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${stack.token}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 202) reject(new Error(`POST /submissions: ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text).id);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * One WebSocket that follows many submissions: `follow(id)` subscribes and resolves with the
 * final frame's data and when it arrived (performance.now(), ms).
 */
export async function openFollower(stack: BenchStack): Promise<{ follow(id: string): Promise<{ final: any; at: number }>; close(): void }> {
  const ws = new WebSocket(stack.wsUrl, { headers: { authorization: `Bearer ${stack.token}` } });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const waiting = new Map<string, (r: { final: any; at: number }) => void>();
  ws.on('message', (m) => {
    const at = performance.now();
    const frame = JSON.parse(m.toString());
    if (frame.event === 'error') throw new Error(`error frame: ${frame.data.message}`);
    if (frame.data?.status === 'finished') {
      waiting.get(frame.data.id)?.({ final: frame.data, at });
      waiting.delete(frame.data.id);
    }
  });
  return {
    follow: (id) => new Promise((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
    }),
    close: () => ws.close(),
  };
}

/** Resident set size of a process, MiB (from /proc). */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system) a process has used so far, ms (from /proc; its children not included). */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // Fields 14 and 15 of stat (utime, stime), in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The whole machine's CPU time so far, ms (all cores, from /proc/stat): `busy` (user, nice,
 * system, irq, softirq, steal) and `idle` (idle, iowait). Differences over a run say where the
 * machine's time went, the sandboxes and the kernel's work for them included.
 */
export function machineCpuMs(): { busy: number; idle: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  // Clock ticks of 10 ms.
  return { busy: (user + nice + system + irq + softirq + (steal || 0)) * 10, idle: (idle + iowait) * 10 };
}

/** The 1-minute load average, as `uptime` shows it: the figures are only comparable with it. */
export function load(): string {
  return `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}
