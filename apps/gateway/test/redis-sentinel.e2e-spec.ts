// The stack on Redis Sentinel (REDIS_SENTINELS, REDIS_SENTINEL_NAME): a master, its replica and
// three sentinels started by this file on loopback ports, a gateway and a judge that find the
// master through the sentinels. The master is SIGKILLed mid-stream; the sentinels promote the
// replica, the connections follow it, and every accepted submission reaches exactly one final
// verdict.
import { cleanUp, Gateway, startGateway, startJudge } from '../../../test/support/stack';
import { LocalRedisSentinels, startRedisSentinels } from '../../../test/support/redis-servers';
import { expectOneRightFinal, submitAndWatch, Watched } from '../../../test/support/followed-submissions';

jest.setTimeout(240000);

let redis: LocalRedisSentinels;
let gw: Gateway;
let judge: { close(): Promise<void> };
const consoleErrors: string[] = [];

beforeAll(async () => {
  redis = await startRedisSentinels();
  process.env.REDIS_SENTINELS = redis.sentinels;
  process.env.REDIS_SENTINEL_NAME = redis.name;
  // Unused with sentinels but for credentials: an unreachable port proves nothing connects there.
  process.env.REDIS_URL = 'redis://127.0.0.1:1';
  process.env.RECOVERY_STALE_MS = '3000';
  process.env.RECOVERY_INTERVAL_MS = '1000';
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args.map(String).join(' ')));
  gw = await startGateway();
  judge = await startJudge();
});

afterAll(async () => {
  await judge?.close();
  await gw?.close();
  // cleanUp's own connection goes to REDIS_URL: the default Redis, where this file wrote nothing.
  process.env.REDIS_URL = 'redis://127.0.0.1:6379';
  await cleanUp();
  await redis?.stop();
});

it('the master SIGKILLed mid-stream: the sentinels promote its replica, every accepted submission ends once, rightly', async () => {
  const watched: Watched[] = [];
  for (let n = 0; n < 8; n++) watched.push(await submitAndWatch(gw, n));
  const first = await redis.master();
  const killedAt = Date.now();
  await redis.kill(first);
  for (let n = 100; n < 108; n++) watched.push(await submitAndWatch(gw, n));
  for (let t = Date.now(); (await redis.master()) === first; await new Promise((r) => setTimeout(r, 200))) {
    if (Date.now() - t > 60000) throw new Error('no failover within 60 s');
  }
  const promotedMs = Date.now() - killedAt;
  for (let n = 200; n < 204; n++) watched.push(await submitAndWatch(gw, n));
  for (const w of watched) await expectOneRightFinal(gw, w);
  process.stdout.write(`redis-sentinel e2e: ${watched.length} submissions, master SIGKILLed, replica promoted after ${promotedMs} ms\n`);
  expect(consoleErrors.filter((l) => /Unhandled error event/.test(l))).toEqual([]);
});
