// A mixed burst through separate processes: 2 gateways and judges (the built dist/apps/*/main.js,
// `npm run build` first) sharing one Redis and one database (PostgreSQL at BURST_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/test in a schema of its own; SQLite when that is
// unreachable). N submissions of every verdict kind (AC WA TLE MLE OLE RE CE) in several
// languages are posted alternately to both gateways and followed over WebSockets on the OTHER
// gateway; every one must end `finished` with its expected verdict, exactly once.
// Run 1: one judge process (the baseline). Run 2: two judge processes, same N. Prints each run's
// throughput and the ratio, and each process's RSS before and after (and its peak).
// Usage: npm run bench:burst [-- N]   (default 1000; on a shared machine try 200)
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import WebSocket from 'ws';
import { freePort } from '../test/support/redis-servers';

const N = Number(process.argv[2] ?? 1000);
const ROOT = join(__dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'oj-burst-'));
const TOKEN = `bench-admin-${process.pid}-0123456789`;
const NS = `oj-burst-${process.pid}`;

/** One kind of submission: its request and the verdict it must end with. */
interface Kind { name: string; verdict: string; body: (i: number) => Record<string, unknown> }
const adhoc = (language: string, sourceCode: string, limits: Record<string, number> = {}) =>
  (i: number) => ({ language, sourceCode, stdin: `${i}\n`, expectedOutput: `${i * 2}\n`, limits: { timeLimitMs: 3000, ...limits } });
const C_MAIN = (body: string) => `#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\nint main(void){long long n;if(scanf("%lld",&n)!=1)return 3;${body}return 0;}\n`;
// Generous limits (3 s CPU) for the kinds that must not time out: a loaded machine slows wall time.
// The same sources every time (the input varies): the judges' compile cache serves repeats, as it
// would the many equal programs of a real contest; each kind still compiles once per judge.
const KINDS: Kind[] = [
  { name: 'AC python3', verdict: 'AC', body: adhoc('python3', 'print(int(input()) * 2)\n') },
  { name: 'AC c', verdict: 'AC', body: adhoc('c', C_MAIN('printf("%lld\\n",n*2);')) },
  { name: 'AC cpp', verdict: 'AC', body: adhoc('cpp', '#include <iostream>\nint main(){long long n;std::cin>>n;std::cout<<n*2<<"\\n";}\n') },
  { name: 'AC javascript', verdict: 'AC', body: adhoc('javascript', 'const n = Number(require("fs").readFileSync(0, "utf8")); console.log(n * 2);\n') },
  { name: 'WA python3', verdict: 'WA', body: adhoc('python3', 'print(int(input()) * 2 + 1)\n') },
  { name: 'WA cpp', verdict: 'WA', body: adhoc('cpp', '#include <iostream>\nint main(){long long n;std::cin>>n;std::cout<<n*3+1<<"\\n";}\n') },
  { name: 'TLE c', verdict: 'TLE', body: adhoc('c', C_MAIN('volatile unsigned long x=0;for(;;)x++;'), { timeLimitMs: 200 }) },
  { name: 'TLE python3', verdict: 'TLE', body: adhoc('python3', 'import time\ntime.sleep(5)\n', { timeLimitMs: 200, wallTimeLimitMs: 400 }) },
  { name: 'MLE cpp', verdict: 'MLE', body: adhoc('cpp', '#include <vector>\nint main(){std::vector<char> v;for(;;)v.push_back(1);}\n', { memoryLimitKb: 65536 }) },
  { name: 'MLE python3', verdict: 'MLE', body: adhoc('python3', 'x = bytearray(800 * 1024 * 1024)\nprint(len(x))\n', { memoryLimitKb: 65536 }) },
  { name: 'OLE c', verdict: 'OLE', body: adhoc('c', C_MAIN('for(;;)puts("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");'), { outputLimitKb: 64 }) },
  { name: 'RE c', verdict: 'RE', body: adhoc('c', C_MAIN('int*p=NULL;*p=(int)n;')) },
  { name: 'RE python3', verdict: 'RE', body: adhoc('python3', 'raise SystemExit(int(input()) % 7 + 1)\n') },
  { name: 'CE cpp', verdict: 'CE', body: adhoc('cpp', 'int main() { return missing_name; }\n') },
];

interface Proc { name: string; child: ChildProcess; out: string[]; rssBeforeKb?: number }
const procs: Proc[] = [];

function startProcess(name: string, main: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [join(ROOT, main)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { name, child, out: [] };
  const keep = (d: Buffer) => { p.out.push(String(d)); if (p.out.length > 50) p.out.shift(); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', (code, signal) => { if (!stopping) { console.error(`${name} exited (${code ?? signal}):\n${p.out.join('')}`); process.exitCode = 1; } });
  procs.push(p);
  return p;
}

/** `VmRSS` and `VmHWM` (peak) of a process, KiB. */
function memory(pid: number): { rssKb: number; peakKb: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
}

/**
 * One request; a POST carries `idempotencyKey` and is retried on a network error (a keep-alive
 * socket the gateway closed just as it was reused), which the key makes safe: never two submissions.
 */
async function http(url: string, method: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: any }> {
  const init = { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, body: body ? JSON.stringify(body) : undefined };
  let r: Response;
  for (let attempt = 1; ; attempt++) {
    try {
      r = await fetch(url, init);
      break;
    } catch (e) {
      if (!idempotencyKey || attempt >= 3) throw e;
    }
  }
  const text = await r.text();
  try { return { status: r.status, body: JSON.parse(text) }; } catch { return { status: r.status, body: text }; }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90000): Promise<void> {
  for (const t = Date.now(); ; await new Promise((r) => setTimeout(r, 250))) {
    if (await check().catch(() => false)) return;
    if (Date.now() - t > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms\n${procs.map((p) => `${p.name}: ${p.out.join('').slice(-1500)}`).join('\n')}`);
  }
}

/** A WebSocket on one gateway that follows many submissions; resolves each id's promise at its final frame. */
class Follower {
  private readonly ws: WebSocket;
  private readonly waiting = new Map<string, { resolve: (v: any) => void; finals: number; last: number }>();
  readonly opened: Promise<void>;
  duplicates = 0;
  backwards = 0;

  constructor(url: string) {
    this.ws = new WebSocket(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    this.opened = new Promise((resolve, reject) => { this.ws.once('open', () => resolve()); this.ws.once('error', reject); });
    this.ws.on('message', (m) => {
      const frame = JSON.parse(String(m));
      if (frame.event !== 'submission') throw new Error(`frame: ${m}`);
      const w = this.waiting.get(frame.data.id);
      if (!w) return;
      if (frame.data.revision <= w.last) this.backwards++;
      w.last = frame.data.revision;
      if (frame.data.status === 'finished') {
        if (++w.finals > 1) this.duplicates++;
        else w.resolve(frame.data);
      }
    });
  }

  follow(id: string): Promise<any> {
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, finals: 0, last: -1 });
      this.ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
    });
  }

  /** Ids followed here without a final frame yet. */
  unfinished(): string[] {
    return [...this.waiting].filter(([, w]) => w.finals === 0).map(([id]) => id);
  }

  close(): void { this.ws.close(); }
}

let runs = 0;

/** Posts `n` submissions (kinds in turn) alternately to the gateways, at most 64 in flight; resolves when all are final. */
async function burst(gateways: string[], n: number): Promise<{ seconds: number; wrong: string[]; duplicates: number; backwards: number }> {
  const followers = gateways.map((g) => new Follower(g.replace('http', 'ws') + '/ws'));
  await Promise.all(followers.map((f) => f.opened));
  const wrong: string[] = [];
  const runId = ++runs;
  const t0 = Date.now();
  let next = 0;
  const finals: Promise<void>[] = [];
  const poster = async () => {
    for (let i = next++; i < n; i = next++) {
      const kind = KINDS[i % KINDS.length];
      const at = i % gateways.length;
      const r = await http(`${gateways[at]}/api/v1/submissions`, 'POST', kind.body(i), `burst-${runId}-${i}`);
      if (r.status !== 202) throw new Error(`POST ${kind.name}: ${r.status} ${JSON.stringify(r.body)}`);
      // Followed on the other gateway: the events cross processes through Redis.
      finals.push(followers[(at + 1) % followers.length].follow(r.body.id).then((v) => {
        if (v.verdict !== kind.verdict) wrong.push(`${kind.name} ${r.body.id}: ${v.verdict} (${v.compileOutput ?? v.tests?.[0]?.signal ?? ''})`.slice(0, 300));
      }));
    }
  };
  await Promise.all(Array.from({ length: 64 }, poster));
  // Never waits forever: past the deadline, what has no final frame is counted as wrong.
  const deadline = new Promise<'late'>((r) => setTimeout(() => r('late'), 120000 + n * 1000).unref());
  if ((await Promise.race([Promise.all(finals), deadline])) === 'late') {
    const missing = followers.flatMap((f) => f.unfinished());
    wrong.push(...missing.map((id) => `${id}: no final frame within the deadline`));
  }
  const seconds = (Date.now() - t0) / 1000;
  followers.forEach((f) => f.close());
  return { seconds, wrong, duplicates: followers.reduce((a, f) => a + f.duplicates, 0), backwards: followers.reduce((a, f) => a + f.backwards, 0) };
}

let stopping = false;
async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(procs.map((p) => new Promise((resolve) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve(undefined);
    const kill = setTimeout(() => p.child.kill('SIGKILL'), 20000);
    p.child.once('exit', () => { clearTimeout(kill); resolve(undefined); });
    p.child.kill('SIGTERM');
  })));
}

async function database(): Promise<{ env: Record<string, string>; drop: () => Promise<void>; label: string }> {
  const url = process.env.BURST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `oj_burst_${process.pid}`;
  const pg = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.end();
    const drop = async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    };
    return { env: { DATABASE_URL: url, DATABASE_SCHEMA: schema }, drop, label: `PostgreSQL (${new URL(url).host}, schema ${schema})` };
  } catch {
    return { env: { DATABASE_URL: `sqlite:${join(tmp, 'judge.sqlite')}` }, drop: async () => undefined, label: 'SQLite (PostgreSQL unreachable)' };
  }
}

async function cleanRedis(): Promise<void> {
  const Redis = (await import('ioredis')).default;
  const r = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [c, keys] = await r.scan(cursor, 'MATCH', `${NS}:*`, 'COUNT', 1000);
    if (keys.length) await r.del(...keys);
    cursor = c;
  } while (cursor !== '0');
  await r.quit();
}

// Ctrl-C or a kill: the child processes go too, not left running.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => void stopAll().finally(() => process.exit(130)));
}

(async () => {
  for (const app of ['gateway', 'judge']) {
    if (!existsSync(join(ROOT, `dist/apps/${app}/main.js`))) throw new Error(`dist/apps/${app}/main.js is missing: npm run build first`);
  }
  const db = await database();
  const env = {
    ...db.env, REDIS_NAMESPACE: NS, ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn', DATA_DIR: tmp, PROBLEMS_DIRS: join(tmp, 'none'),
    JUDGE_WORK_DIR: join(tmp, 'work'), RATE_LIMIT_PER_MINUTE: '100000000',
  };
  console.log(`burst: ${N} submissions per run, ${KINDS.length} kinds (${KINDS.map((k) => k.name).join(', ')})`);
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start; database ${db.label}; JUDGE_CONCURRENCY ${process.env.JUDGE_CONCURRENCY ?? `default (${cpus().length})`} per judge`);
  try {
    const gateways: string[] = [];
    for (const g of ['gateway-1', 'gateway-2']) {
      const port = await freePort();
      startProcess(g, 'dist/apps/gateway/main.js', { ...env, PORT: String(port) });
      gateways.push(`http://127.0.0.1:${port}`);
      // One at a time: the first one creates the schema.
      await until(`${g} healthy`, async () => (await http(`${gateways[gateways.length - 1]}/api/v1/health`, 'GET')).status === 200);
    }
    const judge1 = startProcess('judge-1', 'dist/apps/judge/main.js', env);
    await until('a judge registered', async () => (await http(`${gateways[0]}/api/v1/languages`, 'GET')).status === 200);
    // Warm-up: each kind once, so compiles and first runs are not in the figures.
    const warm = await burst(gateways, KINDS.length);
    if (warm.wrong.length) throw new Error(`warm-up: ${warm.wrong.join('\n')}`);
    const sample = (p: Proc) => memory(p.child.pid!);
    for (const p of procs) p.rssBeforeKb = sample(p).rssKb;

    const one = await burst(gateways, N);
    console.log(`1 judge process : ${N} in ${one.seconds.toFixed(1)} s = ${(N / one.seconds).toFixed(1)} submissions/s; wrong ${one.wrong.length}, second finals ${one.duplicates}, frames going back ${one.backwards}`);

    const judge2 = startProcess('judge-2', 'dist/apps/judge/main.js', env);
    // No registry of judges to ask: give it time to connect, then let a warm-up burst reach it.
    await new Promise((r) => setTimeout(r, 5000));
    judge2.rssBeforeKb = sample(judge2).rssKb;
    await burst(gateways, KINDS.length); // judge-2 compiles its cache
    const two = await burst(gateways, N);
    console.log(`2 judge processes: ${N} in ${two.seconds.toFixed(1)} s = ${(N / two.seconds).toFixed(1)} submissions/s; wrong ${two.wrong.length}, second finals ${two.duplicates}, frames going back ${two.backwards}`);
    console.log(`ratio 2 judges / 1 judge: ×${(one.seconds / two.seconds).toFixed(2)} throughput`);

    console.log('memory (RSS MiB: after warm-up → after the runs, peak):');
    for (const p of procs) {
      const m = sample(p);
      console.log(`  ${p.name.padEnd(10)} ${(p.rssBeforeKb! / 1024).toFixed(0).padStart(5)} → ${(m.rssKb / 1024).toFixed(0).padStart(5)}   peak ${(m.peakKb / 1024).toFixed(0)}   (×${(m.rssKb / p.rssBeforeKb!).toFixed(2)})`);
    }
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    void judge1;
    const wrong = [...one.wrong, ...two.wrong];
    if (wrong.length || one.duplicates || two.duplicates || one.backwards || two.backwards) {
      console.error(`NOT ALL RIGHT:\n${wrong.slice(0, 20).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log(`all ${2 * N} final with the expected verdict, each exactly once`);
    }
  } finally {
    await stopAll();
    await cleanRedis().catch(() => undefined);
    await db.drop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
})().catch(async (e) => {
  console.error(e);
  process.exitCode = 1;
  await stopAll();
  await cleanRedis().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});
