// Redis restarted mid-stream (killed with SIGKILL, as a crash), with a gateway and a judge in
// processes of their own (built apps, `npm run build` first) on a redis-server this file starts
// on a free port (never the shared one), once with AOF and once with RDB snapshots only.
// AOF (fsync every second) keeps every job older than a second; RDB keeps what the last snapshot
// had, so jobs queued after it are gone from Redis after the restart, and the gateways' recovery
// sweep queues them again from the database (RECOVERY_STALE_MS). Either way every accepted
// submission ends with one final verdict.
const SCHEMA = `oj_test_redis_${process.pid}`;
process.env.DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = SCHEMA;
process.env.JUDGE_LOCK_MS = '2000';
process.env.JUDGE_STALLED_INTERVAL_MS = '1000';
process.env.JUDGE_MAX_STALLED = '10';
process.env.RECOVERY_STALE_MS = '3000';
process.env.RECOVERY_INTERVAL_MS = '1000';

import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { RedisKeys } from '@app/config';
import { SUBMISSION_QUEUE } from '@app/contracts';
import { freePort, OwnRedis, recordSubmissionHistory, RedisPersistence, submissionHistory } from '../../../test/support/faults';
import { cleanUp, RemoteJudge, spawnGateway, spawnJudge, SpawnedGateway, submit } from '../../../test/support/stack';
import { scaled } from '../../../test/support/time-scale';

jest.setTimeout(scaled(240000));

let pg: Client;

beforeAll(async () => {
  pg = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 });
  await pg.connect().catch((e) => { throw new Error(`PostgreSQL is not reachable at ${process.env.DATABASE_URL} (${e.message})`); });
});

const sharedRedis = process.env.REDIS_URL!;

afterAll(async () => {
  await pg?.end();
  process.env.REDIS_URL = sharedRedis; // this file's own servers are gone; nothing of ours is on the shared one
  await cleanUp();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const program = (sleepS: number) => ({ language: 'python3', sourceCode: `import time\ntime.sleep(${sleepS})\nprint(int(input()) * 2)`, stdin: '21', expectedOutput: '42', limits: { wallTimeLimitMs: 20000 } });

async function waitFinished(ids: string[], timeoutMs: number): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pg.query(`SELECT id, status, verdict FROM "${SCHEMA}".submission WHERE id = ANY($1)`, [ids]);
    if (rows.length === ids.length && rows.every((r) => r.status === 'finished')) return rows;
    if (Date.now() > deadline) throw new Error(`not finished after ${timeoutMs} ms: ${JSON.stringify(rows.filter((r) => r.status !== 'finished'))}`);
    await sleep(200);
  }
}

describe.each<RedisPersistence>(['aof', 'rdb'])('Redis restarted mid-stream (%s)', (persistence) => {
  let redis: OwnRedis;
  let gw: SpawnedGateway;
  let judge: RemoteJudge;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort(), mkdtempSync(join(process.env.E2E_TMP!, `redis-${persistence}-`)), persistence);
    await redis.start();
    process.env.REDIS_URL = redis.url;
    gw = await spawnGateway();
    await recordSubmissionHistory(pg, SCHEMA);
    judge = await spawnJudge();
  });

  afterAll(async () => {
    await judge?.close();
    await gw?.close();
    await redis?.kill();
  });

  it('accepted submissions survive the restart and each ends with one final verdict', async () => {
    const before: string[] = [];
    for (let i = 0; i < 6; i++) before.push(await submit(gw.url, program(1)));
    if (persistence === 'rdb') await redis.snapshot();
    // With RDB, these are queued after the last snapshot: Redis loses their jobs.
    const after: string[] = [];
    for (let i = 0; i < 3; i++) after.push(await submit(gw.url, program(1)));
    await sleep(1500); // AOF: fsync'ed (every second)
    await redis.kill('SIGKILL');
    await sleep(1000);
    await redis.start();
    const upAt = Date.now();

    const client = new Redis(redis.url);
    const prefix = new RedisKeys(process.env.REDIS_NAMESPACE!).queuePrefix;
    const kept = await Promise.all([...before, ...after].map((id) => client.exists(`${prefix}:${SUBMISSION_QUEUE}:${id}`)));
    client.disconnect();
    const rows = await waitFinished([...before, ...after], scaled(120000));
    const doneMs = Date.now() - upAt;

    expect(rows.map((r) => r.verdict)).toEqual(rows.map(() => 'AC'));
    const history = await submissionHistory(pg, SCHEMA);
    for (const id of [...before, ...after]) {
      const h = history.get(id) ?? [];
      expect(h.filter((r) => r.status === 'finished')).toHaveLength(1);
      expect(h[h.length - 1].status).toBe('finished');
    }
    const keptAfter = kept.slice(before.length).filter(Boolean).length;
    if (persistence === 'aof') expect(kept.every(Boolean)).toBe(true);
    else expect(keptAfter).toBe(0); // lost with the snapshot's gap, finished anyway (recovery sweep)
    console.log(`redis ${persistence}: killed with ${before.length + after.length} submissions accepted (some running); jobs still in Redis after the restart: `
      + `${kept.filter(Boolean).length}; all AC ${doneMs} ms after Redis was back (RECOVERY_STALE_MS=3000)`);
  });
});
