// WebSocket fan-out: K clients (default 2,000 then 5,000) subscribed to one submission on a real
// gateway (its own process; no judge: the bench publishes the judge's `submission.updated` event
// itself, on the stack's Redis channel, exactly as a judge does); the time from the publish to
// each client's receipt of that frame. Baseline, in the same command (before and after, averaged):
// a bare `ws` server (its own process) broadcasting the same frame to K clients when told over IPC. The figure is the
// p99 of the arrival times (the spread of one frame over the clients), gateway / bare.
// Also prints how long the K subscribes took to be answered, and the gateway's RSS.
// Usage: npm run bench:fanout [-- K1,K2 [frames]]
import { ChildProcess, fork } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import WebSocket from 'ws';
import { load, quantile, rssMiB, sleep, startStack, submit } from './support/bench-stack';

const SIZES = (process.argv[2] ?? '2000,5000').split(',').map(Number);
const FRAMES = Number(process.argv[3] ?? 5);

const BARE = `
const { WebSocketServer } = require(${JSON.stringify(require.resolve('ws'))});
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' }, () => process.send({ port: wss.address().port }));
process.on('message', (m) => { const text = JSON.stringify({ event: 'submission', data: m.view }); for (const c of wss.clients) c.send(text); });
`;

/** Opens `k` clients, 200 connecting at once; `onMessage(i, data)` for each frame. */
async function connect(url: string, k: number, headers: Record<string, string>, onMessage: (data: any) => void): Promise<WebSocket[]> {
  const clients: WebSocket[] = [];
  for (let i = 0; i < k; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, k - i) }, () => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      ws.on('message', (m) => onMessage(JSON.parse(m.toString())));
      ws.once('open', () => { clients.push(ws); resolve(); });
      ws.once('error', reject);
    })));
  }
  return clients;
}

/** p50/p99/max ms from trigger to arrival for `FRAMES` frames, each sent by `trigger(revision)`. */
async function measure(k: number, trigger: (revision: number) => void, arrivals: Map<number, number[]>, firstRevision: number) {
  const p50: number[] = [];
  const p99: number[] = [];
  const max: number[] = [];
  for (let f = 0; f < FRAMES; f++) {
    const revision = firstRevision + f;
    arrivals.set(revision, []);
    const t0 = performance.now();
    trigger(revision);
    while (arrivals.get(revision)!.length < k) {
      if (performance.now() - t0 > 60000) throw new Error(`only ${arrivals.get(revision)!.length} of ${k} clients got frame ${revision}`);
      await sleep(5);
    }
    const xs = arrivals.get(revision)!.map((t) => t - t0);
    p50.push(quantile(xs, 0.5));
    p99.push(quantile(xs, 0.99));
    max.push(Math.max(...xs));
    await sleep(200);
  }
  // The median over the frames of each figure.
  return { p50: quantile(p50, 0.5), p99: quantile(p99, 0.5), max: quantile(max, 0.5) };
}

(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'oj-fanout-'));
  writeFileSync(join(tmp, 'bare.js'), BARE);
  const stack = await startStack({ judge: false });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const channel = `${stack.env.REDIS_NAMESPACE}:submission.updated`;
  try {
    console.log(`WebSocket fan-out of one submission's frames, ${FRAMES} frames per size; ${load()}`);
    for (const k of SIZES) {
      const id = await submit(stack, { language: 'c', sourceCode: 'int main(){return 0;}', stdin: '' });
      const GET = await fetch(`${stack.url}/api/v1/submissions/${id}`, { headers: { authorization: `Bearer ${stack.token}` } });
      const view = await GET.json();
      // Baseline: bare ws, measured before and after the gateway (the machine's load moves).
      const bareRun = async () => {
        const bare: ChildProcess = fork(join(tmp, 'bare.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
        const port = await new Promise<number>((resolve) => bare.once('message', (m: any) => resolve(m.port)));
        const bareArrivals = new Map<number, number[]>();
        const bareClients = await connect(`ws://127.0.0.1:${port}`, k, {}, (d) => bareArrivals.get(d.data.revision)?.push(performance.now()));
        const r = await measure(k, (revision) => bare.send({ view: { ...view, revision } }), bareArrivals, 1000);
        bareClients.forEach((c) => c.terminate());
        bare.kill();
        return r;
      };
      const b1 = await bareRun();

      // The gateway: K subscribers of the same submission.
      const arrivals = new Map<number, number[]>();
      let answered = 0;
      const clients = await connect(stack.wsUrl, k, { authorization: `Bearer ${stack.token}` }, (d) => {
        if (d.event !== 'submission') throw new Error(`unexpected frame ${JSON.stringify(d)}`);
        if (d.data.revision === view.revision) answered++;
        else arrivals.get(d.data.revision)?.push(performance.now());
      });
      const ts = performance.now();
      for (const c of clients) c.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
      while (answered < k) {
        if (performance.now() - ts > 120000) throw new Error(`only ${answered} of ${k} subscribes answered`);
        await sleep(5);
      }
      const subscribeMs = performance.now() - ts;
      const rss = rssMiB(stack.gateway.pid);
      const g = await measure(k, (revision) => void redis.publish(channel, JSON.stringify({ pattern: channel, data: { ...view, status: 'running', revision } })), arrivals, 1000);
      clients.forEach((c) => c.terminate());
      await sleep(500);
      const b2 = await bareRun();
      const b = { p50: (b1.p50 + b2.p50) / 2, p99: (b1.p99 + b2.p99) / 2, max: (b1.max + b2.max) / 2 };
      console.log(`  ${k} clients: bare ws p50 ${b.p50.toFixed(1)} p99 ${b.p99.toFixed(1)} max ${b.max.toFixed(1)} ms | gateway p50 ${g.p50.toFixed(1)} p99 ${g.p99.toFixed(1)} max ${g.max.toFixed(1)} ms | p99 ratio ×${(g.p99 / b.p99).toFixed(2)} | ${k} subscribes answered in ${subscribeMs.toFixed(0)} ms | gateway RSS ${rss.toFixed(0)} MiB | ${load()}`);
      await sleep(1000);
    }
  } finally {
    await redis.quit();
    await stack.close();
    rmSync(tmp, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
