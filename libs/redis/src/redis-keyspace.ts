import type { Redis } from 'ioredis';
import { isCluster, RedisClient } from './redis.factory';

/**
 * Every key matching `pattern`, by SCAN: on a cluster, on each master in turn (a cluster's
 * SCAN sees one node's keys only).
 */
export async function scanKeys(client: RedisClient, pattern: string, count = 500): Promise<string[]> {
  const nodes: Redis[] = isCluster(client) ? client.nodes('master') : [client];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
  }
  return keys;
}

/**
 * Deletes `keys`; returns how many existed. One DEL on a single server; on a cluster one DEL per
 * key (keys of different slots cannot share a command: CROSSSLOT).
 */
export async function deleteKeys(client: RedisClient, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  if (!isCluster(client)) return client.del(...keys);
  const counts = await Promise.all(keys.map((k) => client.del(k)));
  return counts.reduce((a, b) => a + b, 0);
}
