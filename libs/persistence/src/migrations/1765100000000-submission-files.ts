import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Submissions of several files: `submission.files` (JSON text of `[{ path, content, encoding }]`,
 * null for a single `sourceCode`) and `submission.entryPoint`. Table API, so it serves PostgreSQL
 * and SQLite alike; existing rows keep their `sourceCode` and get nulls.
 */
export class SubmissionFiles1765100000000 implements MigrationInterface {
  name = 'SubmissionFiles1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('submission', [
      new TableColumn({ name: 'files', type: 'text', isNullable: true }),
      new TableColumn({ name: 'entryPoint', type: 'varchar', length: '255', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('submission', 'entryPoint');
    await q.dropColumn('submission', 'files');
  }
}
