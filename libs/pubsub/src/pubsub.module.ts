import { Module } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { EventBus, REDIS_CLIENT } from './event-bus';
import { NamespacedRedisServer } from './namespaced-redis.server';
import { createRedisConnection, REDIS_CONNECTION, RedisConnectionCloser } from './redis-connection';

/** Provides `EventBus` over the Nest Redis transport, and the raw `REDIS_CONNECTION`. */
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ClientProxyFactory.create({ transport: Transport.REDIS, options: redisTransportOptions(config) }),
    },
    EventBus,
    { provide: REDIS_CONNECTION, inject: [AppConfig], useFactory: createRedisConnection },
    RedisConnectionCloser,
  ],
  exports: [EventBus, REDIS_CONNECTION],
})
export class PubSubModule {}

/** Options for a Nest Redis transport client or server from the configured Redis. */
export function redisTransportOptions(config: AppConfig) {
  const r = config.redis;
  return { host: r.host, port: r.port, username: r.username, password: r.password, db: r.db, tls: r.tls, retryAttempts: 1e9, retryDelay: 500 };
}

/**
 * The Redis transport server (judges' message patterns, the gateway's event listener) in this
 * stack's namespace: pass as `{ strategy }` to `createMicroservice` / `connectMicroservice`.
 */
export function redisTransportStrategy(config: AppConfig): NamespacedRedisServer {
  return new NamespacedRedisServer(redisTransportOptions(config), config.redisKeys);
}
