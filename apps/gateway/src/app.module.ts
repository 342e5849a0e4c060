import { Module, RequestMethod } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { PubSubModule } from '@app/pubsub';
import { QueueModule } from '@app/queue';
import { HealthController } from './health/health.controller';
import { LanguagesController } from './languages/languages.controller';
import { ProblemsController } from './problems/problems.controller';
import { ProblemStatsController } from './problems/problem-stats.controller';
import { ProblemCache } from './problems/problem-cache';
import { ProblemsService } from './problems/problems.service';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { SubmissionEventsController } from './realtime/submission-events.controller';
import { SubmissionWatchers } from './realtime/submission-watchers';
import { SubmissionRecoveryService } from './submissions/submission-recovery.service';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionsService } from './submissions/submissions.service';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, name: 'gateway', autoLogging: false },
        // Named wildcard: path-to-regexp 8 (Express 5) no longer reads a bare `*`.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      }),
    }),
    PersistenceModule,
    PubSubModule,
    QueueModule,
    TerminusModule,
  ],
  controllers: [SubmissionsController, ProblemsController, ProblemStatsController, LanguagesController, HealthController, SubmissionEventsController],
  providers: [SubmissionsService, SubmissionRecoveryService, ProblemsService, ProblemCache, SubmissionWatchers, RealtimeGateway],
})
export class AppModule {}
