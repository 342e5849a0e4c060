import Redis, { Cluster, ClusterOptions, RedisOptions as IORedisOptions } from 'ioredis';
import type { RedisTopology } from '@app/config';
import { redisErrorLog, RedisErrorLog } from './redis-error-log';

/** A connection to the stack's Redis: one server (standalone or through sentinels) or a cluster. */
export type RedisClient = Redis | Cluster;

/** Per-connection choices the factory leaves to the caller. */
export interface RedisClientOptions {
  /** Commands a connection retries across reconnects before failing them; `null`: never fail (BullMQ needs this). Default 2. */
  maxRetriesPerRequest?: number | null;
  /** Queue commands while disconnected instead of failing at once. Default true. */
  enableOfflineQueue?: boolean;
  /** Connect on the first command or `connect()` instead of at once. Default false. */
  lazyConnect?: boolean;
  /** Where connection errors are counted (default: the process's rate-limited log). */
  errorLog?: RedisErrorLog;
}

/** Delay before reconnect attempt `times` (1, 2, …), ms: 100, 200, … up to 2 s, forever. */
export const reconnectDelayMs = (times: number): number => Math.min(times * 100, 2000);

/**
 * The one place the product creates a Redis connection. Builds an ioredis `Redis` (standalone or
 * sentinel, `topology.kind`) or `Cluster`, and gives it an `error` listener that writes through
 * the rate-limited `RedisErrorLog` under `kind` (e.g. `queue`, `worker`, `commands`, `events`):
 * a restart of Redis leaves a few clear lines, never ioredis' "Unhandled error event" traces.
 * Connections reconnect forever (`reconnectDelayMs`); on a cluster, ioredis follows MOVED/ASK
 * redirections and re-reads the slots after a failover.
 */
export function createRedisClient(topology: RedisTopology, kind: string, options: RedisClientOptions = {}): RedisClient {
  const { errorLog = redisErrorLog, ...rest } = options;
  const common: IORedisOptions = {
    username: topology.redis.username,
    password: topology.redis.password,
    ...(topology.redis.tls ? { tls: topology.redis.tls } : {}),
    maxRetriesPerRequest: rest.maxRetriesPerRequest === undefined ? 2 : rest.maxRetriesPerRequest,
    enableOfflineQueue: rest.enableOfflineQueue ?? true,
    lazyConnect: rest.lazyConnect ?? false,
    connectionName: `oj-${kind}`,
  };
  let client: RedisClient;
  if (topology.kind === 'cluster') {
    const clusterOptions: ClusterOptions = {
      redisOptions: { ...common, lazyConnect: undefined },
      clusterRetryStrategy: reconnectDelayMs,
      enableOfflineQueue: common.enableOfflineQueue,
      lazyConnect: common.lazyConnect,
      // While a failover promotes a replica, commands for its slots wait and retry.
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 200,
      retryDelayOnTryAgain: 200,
      maxRedirections: 64,
      slotsRefreshTimeout: 2000,
    };
    client = new Cluster(topology.nodes, clusterOptions);
    client.on('node error', (e: Error, node: string) => errorLog.error(kind, e.message.includes(node) ? e : Object.assign(new Error(`${node}: ${e.message}`), { code: (e as { code?: string }).code })));
  } else if (topology.kind === 'sentinel') {
    client = new Redis({
      ...common,
      db: topology.redis.db,
      sentinels: topology.sentinels,
      name: topology.name,
      retryStrategy: reconnectDelayMs,
      sentinelRetryStrategy: reconnectDelayMs,
      ...(topology.redis.tls ? { enableTLSForSentinelMode: true } : {}),
    });
  } else {
    client = new Redis({ ...common, host: topology.redis.host, port: topology.redis.port, db: topology.redis.db, retryStrategy: reconnectDelayMs });
  }
  client.on('error', (e: Error) => errorLog.error(kind, e));
  client.on('ready', () => errorLog.ready(kind));
  return client;
}

/** Whether `client` is a cluster connection. */
export function isCluster(client: RedisClient): client is Cluster {
  return (client as Cluster).isCluster === true;
}
