// The WebSocket protocol under faults, against gateways in processes of their own (built apps,
// `npm run build` first) and a real judge: heartbeats drop dead connections, a client that reads
// too slowly is closed with 4008 without holding back anyone else or growing the gateway, and a
// gateway stopped with SIGTERM closes its clients with 1001 (they reconnect elsewhere and get the
// current state) and answers its long polls at once.
const SCHEMA = `oj_test_ws_${process.pid}`;
process.env.DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = SCHEMA;
process.env.WS_PING_INTERVAL_MS = '500';
process.env.WS_MAX_BUFFERED_BYTES = String(256 * 1024);

import WebSocket from 'ws';
import { rssKb } from '../../../test/support/faults';
import { api, authHeaders, cleanUp, RemoteJudge, spawnGateway, spawnJudge, SpawnedGateway, submit, watch } from '../../../test/support/stack';
import { scaled } from '../../../test/support/time-scale';

jest.setTimeout(scaled(180000));

let gw: SpawnedGateway;
let judge: RemoteJudge;

beforeAll(async () => {
  gw = await spawnGateway();
  judge = await spawnJudge();
});

afterAll(async () => {
  await judge?.close();
  await gw?.close();
  await cleanUp();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const connect = (url: string, opts: WebSocket.ClientOptions = {}) => new Promise<WebSocket>((resolve, reject) => {
  const ws = new WebSocket(url, { headers: authHeaders(), ...opts });
  ws.once('open', () => resolve(ws));
  ws.once('error', reject);
});
const closed = (ws: WebSocket) => new Promise<{ code: number; at: number }>((resolve) => ws.once('close', (code) => resolve({ code, at: Date.now() })));
const program = (sleepS: number) => ({ language: 'python3', sourceCode: `import time\ntime.sleep(${sleepS})\nprint(int(input()) * 2)`, stdin: '21', expectedOutput: '42', limits: { wallTimeLimitMs: 20000 } });

it('heartbeat: a client that stops answering pings is dropped within two intervals; one that answers stays', async () => {
  const dead = await connect(gw.wsUrl, { autoPong: false });
  const live = await connect(gw.wsUrl);
  const t0 = Date.now();
  const end = await closed(dead);
  expect(end.code).toBe(1006); // terminated: no close frame for a peer presumed dead
  expect(end.at - t0).toBeLessThan(scaled(5000));
  expect(live.readyState).toBe(WebSocket.OPEN);
  live.close();
  console.log(`ws: a client not answering pings was dropped after ${end.at - t0} ms (WS_PING_INTERVAL_MS=500)`);
});

it('a client that does not read is closed with 4008 past WS_MAX_BUFFERED_BYTES; others are served meanwhile; what the gateway queues for it stays bounded', async () => {
  // A gateway of its own whose heartbeat would not notice the stuck client during the test.
  const gw2 = await spawnGateway({ WS_PING_INTERVAL_MS: '60000' });
  try {
    await slowClientOn(gw2);
  } finally {
    await gw2.close();
  }
});

async function slowClientOn(g: SpawnedGateway): Promise<void> {
  // A finished run whose frame is ~60 KB (an ad-hoc run shows its stdout).
  const big = await submit(g.url, { language: 'python3', sourceCode: "print('x' * 60000)", stdin: '' });
  expect((await watch(g.wsUrl, big)).final.verdict).toBe('AC');
  const rssBefore = rssKb(g.pid);

  const slow = await connect(g.wsUrl);
  (slow as any)._socket.pause(); // reads nothing from now on: the kernel's buffers fill, then the gateway's
  let frames = 0;
  slow.on('message', () => frames++);
  const slowEnd = closed(slow);
  // ~18 MB asked for. Each subscribe is answered with the ~60 KB frame (the pause lets the read finish before the unsubscribe).
  const asks = 300;
  const asking = (async () => {
    for (let i = 0; i < asks && slow.readyState === WebSocket.OPEN; i++) {
      slow.send(JSON.stringify({ event: 'subscribe', data: { submissionId: big } }));
      await sleep(5);
      slow.send(JSON.stringify({ event: 'unsubscribe', data: { submissionId: big } }));
    }
  })();
  // Meanwhile another client on the same gateway is served as usual.
  const t0 = Date.now();
  const other = await watch(g.wsUrl, await submit(g.url, program(0)));
  const otherMs = Date.now() - t0;
  expect(other.final.verdict).toBe('AC');
  await asking;
  const rssPeak = rssKb(g.pid);
  // What the gateway holds for its clients now: the stuck one's queue, bounded.
  const metrics = (await api(g.url, 'GET', '/api/v1/metrics')).body as string;
  const buffered = Number(/^oj_ws_buffered_bytes (\d+)/m.exec(metrics)?.[1]);
  expect(buffered).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  expect(metrics).toMatch(/^oj_ws_dropped_total\{reason="slow"\} 1$/m);
  (slow as any)._socket.resume();
  const end = await slowEnd;
  expect(end.code).toBe(4008);
  // Frames past the bound were dropped, not queued: far fewer than were asked for came.
  expect(frames).toBeLessThan(asks / 2);
  const rssAfter = rssKb(g.pid);
  console.log(`ws: slow client closed with ${end.code} after ${frames} of ${asks} frames (~60 KB each, ~18 MB asked for; WS_MAX_BUFFERED_BYTES=256 KiB); `
    + `queued for it at the gateway: ${buffered} bytes; another client's submission judged and streamed in ${otherMs} ms meanwhile; `
    + `gateway RSS ${rssBefore} KiB before, ${rssPeak} KiB with the slow client (garbage of ${asks} reads and frames included), ${rssAfter} KiB after`);
}

it('gateway SIGTERM: WebSocket clients get 1001 and get the current state from another gateway; a long poll answers at once', async () => {
  const other = await spawnGateway();
  try {
    const id = await submit(gw.url, program(4));
    for (let status = 'queued'; status !== 'running';) status = (await api(gw.url, 'GET', `/api/v1/submissions/${id}?waitMs=10000&after=${status}`)).body.status;
    const client = await connect(gw.wsUrl);
    const first = new Promise<any>((resolve) => client.once('message', (m) => resolve(JSON.parse(String(m)))));
    client.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
    expect((await first).data).toMatchObject({ id, status: 'running' });
    const end = closed(client);
    const poll = api(gw.url, 'GET', `/api/v1/submissions/${id}?waitMs=60000&after=running`);
    await sleep(300);

    const t0 = Date.now();
    process.kill(gw.pid, 'SIGTERM');
    const [closeInfo, polled] = await Promise.all([end, poll]);
    expect(closeInfo.code).toBe(1001);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({ id, status: 'running' });
    await gw.exited;
    const stopMs = Date.now() - t0;

    // Reconnect to a gateway still up, subscribe again: the current state, then the end.
    const again = await watch(other.wsUrl, id);
    expect(again.frames[0].data.status).toBe('running');
    expect(again.final).toMatchObject({ status: 'finished', verdict: 'AC' });
    console.log(`ws: gateway SIGTERM: client closed with 1001 after ${closeInfo.at - t0} ms, long poll answered, process gone after ${stopMs} ms`);
  } finally {
    gw = other; // afterAll stops this one
  }
});
