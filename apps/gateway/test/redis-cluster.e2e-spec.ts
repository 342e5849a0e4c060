// The stack on a Redis Cluster (REDIS_CLUSTER_NODES): a 3-master cluster with one replica each,
// started by this file on loopback ports, a gateway and a judge against it. Submissions are
// judged end to end over the WebSocket, and every accepted one still reaches exactly one final
// verdict when the master holding the queue hands over to its replica (CLUSTER FAILOVER) and
// when that master is then SIGKILLed mid-stream.
import WebSocket from 'ws';
import { SubmissionView, Verdict } from '@app/contracts';
import { api, authHeaders, cleanUp, Gateway, startGateway, startJudge, submit } from '../../../test/support/stack';
import { LocalRedisCluster, redisCli, startRedisCluster } from '../../../test/support/redis-cluster';

jest.setTimeout(240000);

let cluster: LocalRedisCluster;
let gw: Gateway;
let judge: { close(): Promise<void> };
const consoleErrors: string[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster(3, 1);
  process.env.REDIS_CLUSTER_NODES = cluster.seeds;
  process.env.RECOVERY_STALE_MS = '3000';
  process.env.RECOVERY_INTERVAL_MS = '1000';
  // ioredis writes "[ioredis] Unhandled error event" with console.error when a connection has no listener.
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args.map(String).join(' ')));
  gw = await startGateway();
  judge = await startJudge();
});

afterAll(async () => {
  await judge?.close();
  await gw?.close();
  await cleanUp();
  await cluster?.stop();
});

/** Doubles a number after `sleepS` seconds; `wrong` prints one more (WA). */
function program(sleepS: number, wrong: boolean): string {
  return `import time\ntime.sleep(${sleepS})\nprint(int(input()) * 2${wrong ? ' + 1' : ''})`;
}

interface Watched {
  id: string;
  expected: Verdict;
  frames: SubmissionView[];
  done: Promise<void>;
}

/** Submits one and follows it over a WebSocket until its `finished` frame (and a little longer). */
async function submitAndWatch(n: number): Promise<Watched> {
  const expected = n % 3 === 2 ? Verdict.WA : Verdict.AC;
  const id = await submit(gw.url, { language: 'python3', sourceCode: program(0.2, expected === Verdict.WA), stdin: String(n), expectedOutput: String(n * 2) });
  const frames: SubmissionView[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(gw.wsUrl, { headers: authHeaders() });
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`${id}: no finished frame; statuses ${frames.map((f) => f.status)}`)); }, 150000);
    ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } })));
    ws.on('message', (m) => {
      const frame = JSON.parse(m.toString());
      if (frame.event !== 'submission') return reject(new Error(`${id}: ${m}`));
      frames.push(frame.data);
      // Kept open a moment after the final frame: a second final would be caught.
      if (frame.data.status === 'finished') setTimeout(() => { clearTimeout(timer); ws.close(); resolve(); }, 500);
    });
    ws.on('error', reject);
  });
  return { id, expected, frames, done };
}

/** Every frame's revision above the last, one `finished` frame, the last, with the right verdict; the database agrees. */
async function expectOneRightFinal(w: Watched): Promise<void> {
  await w.done;
  const revisions = w.frames.map((f) => f.revision);
  expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  expect(new Set(revisions).size).toBe(revisions.length);
  expect(w.frames.filter((f) => f.status === 'finished')).toHaveLength(1);
  const last = w.frames[w.frames.length - 1];
  expect({ id: w.id, status: last.status, verdict: last.verdict }).toEqual({ id: w.id, status: 'finished', verdict: w.expected });
  const stored = (await api(gw.url, 'GET', `/api/v1/submissions/${w.id}`)).body;
  expect({ status: stored.status, verdict: stored.verdict, revision: stored.revision }).toEqual({ status: 'finished', verdict: w.expected, revision: last.revision });
}

const queueKey = () => `${process.env.REDIS_NAMESPACE}:{bull}:submissions:meta`;

it('judges submissions over the WebSocket; the queue lives in one hash slot ({bull})', async () => {
  const watched = await Promise.all([0, 1, 2].map(submitAndWatch));
  for (const w of watched) await expectOneRightFinal(w);
  const master = await cluster.masterOf(queueKey());
  const keys = (await redisCli(master, '--scan', '--pattern', `${process.env.REDIS_NAMESPACE}:{bull}:submissions:*`)).split('\n').filter(Boolean);
  expect(keys.length).toBeGreaterThan(1);
  expect((await api(gw.url, 'GET', '/api/v1/health')).body.info.queue.status).toBe('up');
});

it('a master failover and then a SIGKILLed master mid-stream: every accepted submission ends once, rightly', async () => {
  const watched: Watched[] = [];
  const wave = async (from: number, count: number) => {
    for (let n = from; n < from + count; n++) watched.push(await submitAndWatch(n));
  };
  await wave(100, 8);
  // A graceful handover of the queue's slot: its replica takes over with no write lost.
  const first = await cluster.masterOf(queueKey());
  const replica = await cluster.replicaOf(first);
  expect(await redisCli(replica, 'cluster', 'failover')).toBe('OK');
  await cluster.waitMaster(replica);
  expect(await cluster.masterOf(queueKey())).toBe(replica);
  await wave(200, 8);
  // A crash: the master now holding the queue dies; the old one (its replica since the failover) is elected.
  const killedAt = Date.now();
  await cluster.kill(replica);
  await wave(300, 8);
  await cluster.waitMaster(first);
  const electedMs = Date.now() - killedAt;
  await wave(400, 4);
  for (const w of watched) await expectOneRightFinal(w);
  process.stdout.write(`redis-cluster e2e: ${watched.length} submissions, master SIGKILLed, replica elected after ${electedMs} ms\n`);
  expect(consoleErrors.filter((l) => /Unhandled error event/.test(l))).toEqual([]);
});
