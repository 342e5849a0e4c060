export * from './event-bus';
export * from './pubsub.module';
