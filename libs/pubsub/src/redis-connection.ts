import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createRedisClient, RedisClient } from '@app/redis';

/**
 * Injection token of the raw Redis connection (ioredis `Redis` or `Cluster`, see `RedisClient`)
 * for plain commands: caching, sessions, rate limits, Idempotency-Key claims. Multi-key commands
 * must keep to one slot on a cluster (`deleteKeys`, `scanKeys` in `@app/redis` do).
 */
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/** Creates the connection; commands wait for Redis instead of failing while it reconnects. */
export function createRedisConnection(config: AppConfig): RedisClient {
  return createRedisClient(config.redisTopology, 'commands', { maxRetriesPerRequest: 2, enableOfflineQueue: true });
}

/** Closes the raw connection on shutdown. */
@Injectable()
export class RedisConnectionCloser implements OnModuleDestroy {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: RedisClient) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
