import Redis, { Cluster } from 'ioredis';
import { redisTopology } from '@app/config';
import { RedisErrorLog } from './redis-error-log';
import { createRedisClient, isCluster, reconnectDelayMs } from './redis.factory';

const env = { REDIS_URL: 'redis://user:secret@10.0.0.5:6380/2', REDIS_SENTINEL_NAME: 'mymaster' };
const opened: Array<Redis | Cluster> = [];
const make = (topology: ReturnType<typeof redisTopology>, errorLog?: RedisErrorLog) => {
  const c = createRedisClient(topology, 'test', { lazyConnect: true, maxRetriesPerRequest: null, errorLog });
  opened.push(c);
  return c;
};
afterAll(() => opened.forEach((c) => c.disconnect()));

describe('createRedisClient', () => {
  it('connects to REDIS_URL standalone', () => {
    const c = make(redisTopology(env)) as Redis;
    expect(isCluster(c)).toBe(false);
    expect(c.options).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, username: 'user', password: 'secret', maxRetriesPerRequest: null, connectionName: 'oj-test' });
  });

  it('makes a Cluster from REDIS_CLUSTER_NODES, with the credentials of REDIS_URL', () => {
    const c = make(redisTopology({ ...env, REDIS_URL: 'redis://:pw@x:1', REDIS_CLUSTER_NODES: '127.0.0.1:7000, [::1]:7001' }));
    expect(c).toBeInstanceOf(Cluster);
    expect(isCluster(c)).toBe(true);
    expect((c as unknown as { startupNodes: unknown }).startupNodes).toEqual([{ host: '127.0.0.1', port: 7000 }, { host: '::1', port: 7001 }]);
    expect((c as Cluster).options.redisOptions).toMatchObject({ password: 'pw', maxRetriesPerRequest: null });
  });

  it('asks REDIS_SENTINELS for the master REDIS_SENTINEL_NAME', () => {
    const c = make(redisTopology({ ...env, REDIS_SENTINELS: 's1:26379,s2:26380', REDIS_SENTINEL_NAME: 'judge' })) as Redis;
    expect(c.options).toMatchObject({ sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }], name: 'judge', db: 2, password: 'secret' });
  });

  it('gives every connection an error listener writing to the rate-limited log', () => {
    const lines: string[] = [];
    const log = new RedisErrorLog({ warn: (m) => lines.push(m), log: (m) => lines.push(m) });
    for (const t of [redisTopology(env), redisTopology({ ...env, REDIS_CLUSTER_NODES: '127.0.0.1:7000' })]) {
      const c = make(t, log);
      expect(c.listenerCount('error')).toBe(1);
      c.emit('error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    }
    expect(lines).toEqual(['Redis (test): connect ECONNREFUSED; reconnecting']);
  });

  it('reconnects forever, backing off to 2 s', () => {
    expect([1, 5, 20, 1e6].map(reconnectDelayMs)).toEqual([100, 500, 2000, 2000]);
  });
});
