import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { PubSubModule } from '@app/pubsub';
import { QueueModule } from '@app/queue';
import { SubmissionEventsController } from './feed/submission-events.controller';
import { SubmissionFeed } from './feed/submission-feed';
import { SubmissionWatchers } from './feed/submission-watchers';
import { SubmissionResync } from './feed/submission-resync';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { IdentityService } from './auth/identity.service';
import { RateLimitService } from './auth/rate-limit.service';
import { SessionsService } from './auth/sessions.service';
import { redactingLogOptions } from './common/log-redaction';
import { HealthController } from './health/health.controller';
import { Judge0CallbackWorker } from './judge0/judge0-callbacks';
import { Judge0Controller } from './judge0/judge0.controller';
import { Judge0Service } from './judge0/judge0.service';
import { KeysController } from './keys/keys.controller';
import { KeysService } from './keys/keys.service';
import { LanguagesController } from './languages/languages.controller';
import { ProblemsController } from './problems/problems.controller';
import { ProblemStatsController } from './problems/problem-stats.controller';
import { ProblemCache } from './problems/problem-cache';
import { ProblemsService } from './problems/problems.service';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { SubmissionRecoveryService } from './submissions/submission-recovery.service';
import { SubmissionSourceController } from './submissions/submission-source.controller';
import { SubmissionsController } from './submissions/submissions.controller';
import { SubmissionIntake } from './submissions/submission-intake';
import { SubmissionsService } from './submissions/submissions.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // The root logger's options: nestjs-pino builds it with pino-http. pino-http's per-request
        // middleware is not run (no routes): one line per request is logged by a Fastify hook
        // instead, and only when its level is enabled (common/request-log.ts).
        pinoHttp: { level: config.logLevel, name: 'gateway', ...redactingLogOptions() },
        forRoutes: [],
      }),
    }),
    PersistenceModule,
    PubSubModule,
    QueueModule,
    TerminusModule,
  ],
  controllers: [
    SubmissionsController, SubmissionSourceController, ProblemsController, ProblemStatsController, LanguagesController, HealthController, SubmissionEventsController,
    AuthController, UsersController, KeysController, AuditController, Judge0Controller,
  ],
  providers: [
    SubmissionsService, SubmissionIntake, SubmissionRecoveryService, ProblemsService, ProblemCache, SubmissionWatchers, SubmissionResync, SubmissionFeed, RealtimeGateway,
    SessionsService, IdentityService, RateLimitService, UsersService, KeysService, AuditService, Judge0Service, Judge0CallbackWorker,
    // Deny by default: every endpoint needs an identity unless @Public(). Provided as a class too,
    // so a testing module can override it (the auth bench does).
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
})
export class AppModule {}
