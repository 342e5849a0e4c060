/** Parsed `redis://[user:password@]host:port[/db]`. */
export interface RedisOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: object;
}

/** Parses a Redis URL into ioredis options. */
export function parseRedisUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number(u.pathname.replace('/', '') || 0),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** One `host:port` of a cluster seed node or a sentinel. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where the stack's Redis is and how to reach it, from `REDIS_URL`, `REDIS_CLUSTER_NODES`,
 * `REDIS_SENTINELS` and `REDIS_SENTINEL_NAME`:
 * - `standalone`: one server at `REDIS_URL`;
 * - `cluster`: a Redis Cluster found through `nodes` (`REDIS_CLUSTER_NODES`), with user, password
 *   and TLS from `REDIS_URL` (`redis.host`/`redis.port` unused);
 * - `sentinel`: the master `name` that `sentinels` watch, with user, password, db and TLS from
 *   `REDIS_URL` (`redis.host`/`redis.port` unused).
 */
export type RedisTopology =
  | { kind: 'standalone'; redis: RedisOptions }
  | { kind: 'cluster'; redis: RedisOptions; nodes: RedisNode[] }
  | { kind: 'sentinel'; redis: RedisOptions; sentinels: RedisNode[]; name: string };

/** Parses `host:port,[::1]:port,…` (validated by `EnvironmentVariables`). */
export function parseRedisNodes(list: string): RedisNode[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const at = s.lastIndexOf(':');
    return { host: s.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(s.slice(at + 1)) };
  });
}

/** The topology for the given variables (see `RedisTopology`). */
export function redisTopology(env: { REDIS_URL: string; REDIS_CLUSTER_NODES?: string; REDIS_SENTINELS?: string; REDIS_SENTINEL_NAME: string }): RedisTopology {
  const redis = parseRedisUrl(env.REDIS_URL);
  if (env.REDIS_CLUSTER_NODES) return { kind: 'cluster', redis, nodes: parseRedisNodes(env.REDIS_CLUSTER_NODES) };
  if (env.REDIS_SENTINELS) return { kind: 'sentinel', redis, sentinels: parseRedisNodes(env.REDIS_SENTINELS), name: env.REDIS_SENTINEL_NAME };
  return { kind: 'standalone', redis };
}
