export * from './redis.factory';
export * from './redis-error-log';
export * from './redis-keyspace';
