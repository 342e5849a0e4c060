import { Module } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { AppConfig } from '@app/config';
import { EventBus, REDIS_CLIENT } from './event-bus';

/** Provides `EventBus` over the Nest Redis transport. */
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ClientProxyFactory.create({ transport: Transport.REDIS, options: redisTransportOptions(config) }),
    },
    EventBus,
  ],
  exports: [EventBus],
})
export class PubSubModule {}

/** Options for a Nest Redis transport client or server from the configured Redis. */
export function redisTransportOptions(config: AppConfig) {
  const r = config.redis;
  return { host: r.host, port: r.port, username: r.username, password: r.password, db: r.db, tls: r.tls, retryAttempts: 1e9, retryDelay: 500 };
}
