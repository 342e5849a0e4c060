import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@app/config';
import { ProblemEntity } from './entities/problem.entity';
import { SubmissionEntity } from './entities/submission.entity';
import { TestCaseEntity } from './entities/test-case.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuditEntryEntity } from './entities/audit-entry.entity';
import { UserEntity } from './entities/user.entity';
import { InitialSchema1764450000000 } from './migrations/1764450000000-initial-schema';
import { Identities1764900000000 } from './migrations/1764900000000-identities';
import { ProblemSignature1764700000000 } from './migrations/1764700000000-problem-signature';
import { SubmissionFiles1765100000000 } from './migrations/1765100000000-submission-files';
import { RunOptions1765200000000 } from './migrations/1765200000000-run-options';

export const ENTITIES = [ProblemEntity, TestCaseEntity, SubmissionEntity, UserEntity, ApiKeyEntity, AuditEntryEntity];
export const MIGRATIONS = [InitialSchema1764450000000, ProblemSignature1764700000000, Identities1764900000000, SubmissionFiles1765100000000, RunOptions1765200000000];

/**
 * TypeORM options for the configured database: PostgreSQL (`DATABASE_URL=postgres://…`, tables in
 * `DATABASE_SCHEMA`, created when missing) or the embedded SQLite file (WAL mode, so a gateway and
 * judges on one machine can share it; `synchronous = NORMAL`, SQLite's advice for WAL: a commit
 * survives any process's crash and is not fsync'd on its own, which blocked the event loop ~0.8 ms
 * per write; a power loss may lose the last commits, as it loses Redis's queue). Migrations run at
 * start; schema sync is never used.
 */
export async function dataSourceOptions(config: AppConfig): Promise<DataSourceOptions> {
  const db = config.database;
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (db.type === 'postgres') {
    if (db.schema !== 'public') {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
      } finally {
        await client.end();
      }
    }
    return { type: 'postgres', url: db.url, schema: db.schema, ...common, extra: { max: 10 } };
  }
  mkdirSync(dirname(db.path), { recursive: true });
  return {
    type: 'better-sqlite3', database: db.path, enableWAL: true, timeout: 10000, ...common,
    prepareDatabase: (connection: { pragma(sql: string): unknown }) => {
      connection.pragma('synchronous = NORMAL');
    },
  };
}
