export * from './event-bus';
export * from './pubsub.module';
export * from './redis-connection';
