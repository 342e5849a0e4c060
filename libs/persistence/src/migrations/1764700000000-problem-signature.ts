import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Function problems: `problem.signature` holds `{ function }` or `{ class }` as JSON (null for programs). */
export class ProblemSignature1764700000000 implements MigrationInterface {
  name = 'ProblemSignature1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('problem', new TableColumn({ name: 'signature', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('problem', 'signature');
  }
}
