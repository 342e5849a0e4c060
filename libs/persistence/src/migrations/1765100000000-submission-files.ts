import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Issue 11's columns. Submissions of several files: `submission.files` (JSON text of
 * `[{ path, content, encoding }]`, null for a single `sourceCode`) and `submission.entryPoint`.
 * Interactive samples: `test_case.interaction` (the `.interaction` shown as the sample). Table
 * API, so it serves PostgreSQL and SQLite alike; existing rows get nulls.
 */
export class SubmissionFiles1765100000000 implements MigrationInterface {
  name = 'SubmissionFiles1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('submission', [
      new TableColumn({ name: 'files', type: 'text', isNullable: true }),
      new TableColumn({ name: 'entryPoint', type: 'varchar', length: '255', isNullable: true }),
    ]);
    await q.addColumn('test_case', new TableColumn({ name: 'interaction', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('test_case', 'interaction');
    await q.dropColumn('submission', 'entryPoint');
    await q.dropColumn('submission', 'files');
  }
}
