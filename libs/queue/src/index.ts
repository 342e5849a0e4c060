export * from './submission-queue';
export * from './queue.module';
