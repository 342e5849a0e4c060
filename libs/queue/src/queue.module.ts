import { Module } from '@nestjs/common';
import { SubmissionQueue } from './submission-queue';

/** Provides `SubmissionQueue`. */
@Module({ providers: [SubmissionQueue], exports: [SubmissionQueue] })
export class QueueModule {}
