export * from './event-bus';
export * from './pubsub.module';
export * from './redis-connection';
export * from './namespaced-redis.server';
