// Fan-out of `submission.updated` to G gateways: one broadcast channel (today: every gateway gets
// every event and drops those nobody watches there) against per-submission channels (a gateway
// SUBSCRIBEs to `<ns>:submission.updated:<id>` while someone watches that id there, so only it
// gets the event). Each of S submissions gets U updates (a realistic view with 10 tests) and is
// watched on exactly one gateway. Gateways are G subscriber connections in this process, so the
// client CPU printed is the sum over all gateways; Redis' own CPU comes from INFO. Per-submission
// channels pay a SUBSCRIBE and an UNSUBSCRIBE per watch, which are counted in.
// Usage: npm run bench:pubsub [-- S U]   (default 1000 submissions, 6 updates each)
import Redis from 'ioredis';

const S = Number(process.argv[2] ?? 1000);
const U = Number(process.argv[3] ?? 6);
const URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NS = `oj-bench-pubsub-${process.pid}`;
const GATEWAYS = [1, 2, 4, 8, 16];

function view(id: string, revision: number): string {
  const tests = Array.from({ length: 10 }, (_, i) => ({ index: i + 1, verdict: 'AC', timeMs: 12, wallTimeMs: 15, memoryKb: 3400, exitCode: 0, signal: null }));
  return JSON.stringify({ id, revision, status: revision === U ? 'finished' : 'running', verdict: revision === U ? 'AC' : null, score: null, timeMs: 12, memoryKb: 3400, language: 'cpp', problemId: 'aplusb', compileOutput: '', tests, createdAt: new Date().toISOString() });
}

async function redisCpuS(r: Redis): Promise<number> {
  const info = await r.info('cpu');
  const v = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return v('used_cpu_sys') + v('used_cpu_user');
}

interface Figure { ms: number; clientCpuMs: number; redisCpuMs: number; delivered: number }

async function run(mode: 'broadcast' | 'per-submission', g: number, pub: Redis): Promise<Figure> {
  const subs = await Promise.all(Array.from({ length: g }, async () => { const r = new Redis(URL); await r.ping(); return r; }));
  const ids = Array.from({ length: S }, (_, i) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${process.pid.toString().padStart(12, '0')}`);
  const home = new Map(ids.map((id, i) => [id, i % g]));
  const watched = subs.map((_, k) => new Set(ids.filter((id) => home.get(id) === k)));
  let delivered = 0;
  let pending = S * U;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const channel = `${NS}:submission.updated`;
  subs.forEach((sub, k) => sub.on('message', (_ch: string, msg: string) => {
    delivered++;
    const v = JSON.parse(msg); // what a gateway does with every event it gets
    if (watched[k].has(v.id) && --pending === 0) done();
  }));
  const cpu0 = process.cpuUsage();
  const redis0 = await redisCpuS(pub);
  const t0 = process.hrtime.bigint();
  if (mode === 'broadcast') await Promise.all(subs.map((s) => s.subscribe(channel)));
  else await Promise.all(subs.map((s, k) => Promise.all([...watched[k]].map((id) => s.subscribe(`${channel}:${id}`)))));
  for (let rev = 1; rev <= U; rev++) {
    const p = pub.pipeline();
    for (const id of ids) p.publish(mode === 'broadcast' ? channel : `${channel}:${id}`, view(id, rev));
    await p.exec();
  }
  await finished;
  if (mode === 'per-submission') await Promise.all(subs.map((s, k) => Promise.all([...watched[k]].map((id) => s.unsubscribe(`${channel}:${id}`)))));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const redisCpuMs = ((await redisCpuS(pub)) - redis0) * 1000;
  await Promise.all(subs.map((s) => s.quit()));
  return { ms, clientCpuMs: (cpu.user + cpu.system) / 1000, redisCpuMs, delivered };
}

(async () => {
  const pub = new Redis(URL);
  console.log(`${S} submissions × ${U} updates (${(view('x', 1).length / 1024).toFixed(1)} KiB each), each watched on one gateway; figures are the best of 3`);
  console.log('gateways | broadcast: ms, client CPU ms, Redis CPU ms, delivered | per-submission: same | broadcast / per-submission (ms, client CPU)');
  await run('broadcast', 1, pub); // warm-up
  for (const g of GATEWAYS) {
    const best = async (mode: 'broadcast' | 'per-submission') => {
      const rs: Figure[] = [];
      for (let i = 0; i < 3; i++) rs.push(await run(mode, g, pub));
      return rs.sort((a, b) => a.ms - b.ms)[0];
    };
    const b = await best('broadcast');
    const p = await best('per-submission');
    const f = (x: Figure) => `${x.ms.toFixed(0).padStart(6)} ${x.clientCpuMs.toFixed(0).padStart(6)} ${x.redisCpuMs.toFixed(0).padStart(6)} ${String(x.delivered).padStart(7)}`;
    console.log(`${String(g).padStart(8)} | ${f(b)} | ${f(p)} | ×${(b.ms / p.ms).toFixed(2)} ×${(b.clientCpuMs / p.clientCpuMs).toFixed(2)}`
      + `   (broadcast: ${((b.clientCpuMs * 1000) / b.delivered).toFixed(1)} µs client CPU per event per gateway)`);
  }
  await pub.quit();
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
