export * from './submission-queue';
export * from './queue.module';
export * from './callback-queue';
