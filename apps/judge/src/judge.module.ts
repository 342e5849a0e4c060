import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { PubSubModule } from '@app/pubsub';
import { QueueModule } from '@app/queue';
import { ProgramCache } from './cache/program.cache';
import { TestDataCache } from './cache/test-data.cache';
import { CustomCheckers } from './checkers/custom-checker';
import { InteractiveRunner } from './checkers/interactive';
import { Compiler } from './compile/compiler';
import { JudgeController } from './judge.controller';
import { JudgeService } from './judge.service';
import { JudgeWorker } from './judge.worker';
import { CpuSlots } from './judging/cpu-slots';
import { SubmissionRecorder } from './judging/submission-recorder';
import { WorkFolders } from './judging/work-folders';
import { LanguageRegistry } from './languages/language.registry';
import { ProcessRunner } from './process/process-runner';
import { SandboxService } from './sandbox/sandbox.service';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel, name: 'judge' } }),
    }),
    PersistenceModule,
    PubSubModule,
    QueueModule,
  ],
  controllers: [JudgeController],
  providers: [
    ProcessRunner, SandboxService, LanguageRegistry, Compiler, CustomCheckers, InteractiveRunner, TestDataCache, ProgramCache,
    WorkFolders, SubmissionRecorder, JudgeService, JudgeWorker,
    { provide: CpuSlots, inject: [AppConfig], useFactory: (config: AppConfig) => new CpuSlots(config.judgeConcurrency) },
  ],
})
export class JudgeModule {}
