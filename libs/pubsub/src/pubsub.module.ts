import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { EventBus, REDIS_CLIENT } from './event-bus';
import { FactoryRedisClient, NamespacedRedisServer } from './namespaced-redis.server';
import { createRedisConnection, REDIS_CONNECTION, RedisConnectionCloser } from './redis-connection';

/** Provides `EventBus` over the Nest Redis transport, and the raw `REDIS_CONNECTION`. */
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new FactoryRedisClient(redisTransportOptions(), config.redisTopology),
    },
    EventBus,
    { provide: REDIS_CONNECTION, inject: [AppConfig], useFactory: createRedisConnection },
    RedisConnectionCloser,
  ],
  exports: [EventBus, REDIS_CONNECTION],
})
export class PubSubModule {}

/**
 * Options of the Nest Redis transport client and server. Where Redis is comes from
 * `createRedisClient` (they override Nest's connection making); these only keep Nest's own
 * reconnect bookkeeping from ever giving up.
 */
export function redisTransportOptions() {
  return { retryAttempts: 1e9, retryDelay: 500 };
}

/**
 * The Redis transport server (judges' message patterns, the gateway's event listener) in this
 * stack's namespace: pass as `{ strategy }` to `createMicroservice` / `connectMicroservice`.
 */
export function redisTransportStrategy(config: AppConfig): NamespacedRedisServer {
  return new NamespacedRedisServer(redisTransportOptions(), config.redisKeys, config.redisTopology);
}
