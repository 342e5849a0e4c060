import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Ad-hoc run options (`submission.runOptions`) and result callbacks (`submission.callback`), JSON text, null when unused. */
export class RunOptions1765200000000 implements MigrationInterface {
  name = 'RunOptions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('submission', new TableColumn({ name: 'runOptions', type: 'text', isNullable: true }));
    await q.addColumn('submission', new TableColumn({ name: 'callback', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('submission', 'callback');
    await q.dropColumn('submission', 'runOptions');
  }
}
