import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@app/config';

/** Injection token of the raw Redis connection (ioredis) for plain commands such as caching. */
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/** Creates the connection; commands wait for Redis instead of failing while it reconnects. */
export function createRedisConnection(config: AppConfig): Redis {
  return new Redis({ ...config.redis, lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
}

/** Closes the raw connection on shutdown. */
@Injectable()
export class RedisConnectionCloser implements OnModuleDestroy {
  constructor(@Inject(REDIS_CONNECTION) private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
