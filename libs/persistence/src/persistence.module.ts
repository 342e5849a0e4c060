import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source';
import { ProblemsRepository } from './repositories/problems.repository';
import { SubmissionsRepository } from './repositories/submissions.repository';
import { ApiKeysRepository } from './repositories/api-keys.repository';
import { AuditRepository } from './repositories/audit.repository';
import { UsersRepository } from './repositories/users.repository';

/** The database (PostgreSQL or SQLite, per `DATABASE_URL`) and one repository per aggregate. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // Gateway and judges may start together: the loser of the migration race retries.
      useFactory: async (config: AppConfig) => ({ ...(await dataSourceOptions(config)), retryAttempts: 20, retryDelay: 500 }),
    }),
  ],
  providers: [ProblemsRepository, SubmissionsRepository, UsersRepository, ApiKeysRepository, AuditRepository],
  exports: [ProblemsRepository, SubmissionsRepository, UsersRepository, ApiKeysRepository, AuditRepository],
})
export class PersistenceModule {}
