import { Module } from '@nestjs/common';
import { CallbackQueue } from './callback-queue';
import { SubmissionQueue } from './submission-queue';

/** Provides `SubmissionQueue` and `CallbackQueue`. */
@Module({ providers: [SubmissionQueue, CallbackQueue], exports: [SubmissionQueue, CallbackQueue] })
export class QueueModule {}
