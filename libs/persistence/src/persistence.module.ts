import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { gateSqliteTransactions } from './sqlite-transactions';
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
      // On SQLite (one connection for the process) a statement never joins another's open transaction.
      dataSourceFactory: async (options) => gateSqliteTransactions(await new DataSource(options!).initialize()),
    }),
  ],
  providers: [ProblemsRepository, SubmissionsRepository, UsersRepository, ApiKeysRepository, AuditRepository],
  exports: [ProblemsRepository, SubmissionsRepository, UsersRepository, ApiKeysRepository, AuditRepository],
})
export class PersistenceModule {}
