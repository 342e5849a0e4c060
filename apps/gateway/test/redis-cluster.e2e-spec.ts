// The stack on a Redis Cluster (REDIS_CLUSTER_NODES): a 3-master cluster with one replica each,
// started by this file on loopback ports, a gateway and a judge against it. Submissions are
// judged end to end over the WebSocket, and every accepted one still reaches exactly one final
// verdict when the master holding the queue hands over to its replica (CLUSTER FAILOVER) and
// when that master is then SIGKILLed mid-stream.
import { api, cleanUp, Gateway, startGateway, startJudge } from '../../../test/support/stack';
import { LocalRedisCluster, redisCli, startRedisCluster, until } from '../../../test/support/redis-servers';
import { expectOneRightFinal, submitAndWatch, Watched } from '../../../test/support/followed-submissions';

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

const queueKey = () => `${process.env.REDIS_NAMESPACE}:{bull}:submissions:meta`;

it('judges submissions over the WebSocket; the queue lives in one hash slot ({bull})', async () => {
  const watched = await Promise.all([0, 1, 2].map((n) => submitAndWatch(gw, n)));
  for (const w of watched) await expectOneRightFinal(gw, w);
  const master = await cluster.masterOf(queueKey());
  const keys = (await redisCli(master, '--scan', '--pattern', `${process.env.REDIS_NAMESPACE}:{bull}:submissions:*`)).split('\n').filter(Boolean);
  expect(keys.length).toBeGreaterThan(1);
  expect((await api(gw.url, 'GET', '/api/v1/health')).body.info.queue.status).toBe('up');
});

it('a master failover and then a SIGKILLed master mid-stream: every accepted submission ends once, rightly', async () => {
  const watched: Watched[] = [];
  const wave = async (from: number, count: number) => {
    for (let n = from; n < from + count; n++) watched.push(await submitAndWatch(gw, n));
  };
  await wave(100, 8);
  // A graceful handover of the queue's slot: its replica takes over with no write lost.
  const first = await cluster.masterOf(queueKey());
  const replica = await cluster.replicaOf(first);
  expect(await redisCli(replica, 'cluster', 'failover')).toBe('OK');
  await cluster.waitMaster(replica);
  // Every node learns of the handover by gossip: the one asked says so within seconds.
  await until('the replica serves the queue\'s slot', async () => (await cluster.masterOf(queueKey())) === replica, 15000);
  await wave(200, 8);
  // A crash: the master now holding the queue dies; the old one (its replica since the failover) is elected.
  const killedAt = Date.now();
  await cluster.kill(replica);
  await wave(300, 8);
  await cluster.waitMaster(first);
  const electedMs = Date.now() - killedAt;
  await wave(400, 4);
  for (const w of watched) await expectOneRightFinal(gw, w);
  process.stdout.write(`redis-cluster e2e: ${watched.length} submissions, master SIGKILLed, replica elected after ${electedMs} ms\n`);
  expect(consoleErrors.filter((l) => /Unhandled error event/.test(l))).toEqual([]);
});
