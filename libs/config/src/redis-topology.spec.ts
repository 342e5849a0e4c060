import { parseRedisNodes, redisTopology } from './redis-topology';

describe('redisTopology', () => {
  const base = { REDIS_URL: 'rediss://u:p%40ss@h:6390/1', REDIS_SENTINEL_NAME: 'mymaster' };

  it('is standalone at REDIS_URL by default', () => {
    expect(redisTopology(base)).toEqual({ kind: 'standalone', redis: { host: 'h', port: 6390, db: 1, username: 'u', password: 'p@ss', tls: {} } });
  });

  it('is a cluster with REDIS_CLUSTER_NODES, a sentinel set with REDIS_SENTINELS', () => {
    expect(redisTopology({ ...base, REDIS_CLUSTER_NODES: 'a:7000,b:7001' })).toMatchObject({ kind: 'cluster', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }], redis: { password: 'p@ss', tls: {} } });
    expect(redisTopology({ ...base, REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'oj' })).toMatchObject({ kind: 'sentinel', name: 'oj', sentinels: [{ host: 's', port: 26379 }] });
  });

  it('parses IPv6 in brackets and spaces', () => {
    expect(parseRedisNodes(' [fe80::1]:7000 , 10.1.2.3:7001,')).toEqual([{ host: 'fe80::1', port: 7000 }, { host: '10.1.2.3', port: 7001 }]);
  });
});
