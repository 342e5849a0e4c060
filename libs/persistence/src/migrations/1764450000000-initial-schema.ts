import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * First schema: problem, test_case, submission. Written with TypeORM's Table API so one
 * migration serves both PostgreSQL and SQLite; only the timestamp type differs.
 */
export class InitialSchema1764450000000 implements MigrationInterface {
  name = 'InitialSchema1764450000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.driver.options.type === 'postgres';
    const ts = pg ? 'timestamp' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";
    const created = [
      { name: 'createdAt', type: ts, default: now, isNullable: false },
      { name: 'updatedAt', type: ts, default: now, isNullable: false },
    ];
    await q.createTable(new Table({
      name: 'problem',
      columns: [
        { name: 'id', type: 'varchar', length: '64', isPrimary: true },
        { name: 'title', type: 'varchar', length: '200' },
        { name: 'statement', type: 'text', isNullable: true },
        { name: 'timeLimitMs', type: 'integer' },
        { name: 'memoryLimitKb', type: 'integer' },
        { name: 'outputLimitKb', type: 'integer' },
        { name: 'checker', type: 'text' },
        { name: 'groups', type: 'text' },
        { name: 'stopOnFailure', type: 'boolean', default: true },
        { name: 'testCount', type: 'integer' },
        { name: 'version', type: 'varchar', length: '64' },
        ...created,
      ],
    }));
    await q.createTable(new Table({
      name: 'test_case',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'problemId', type: 'varchar', length: '64' },
        { name: 'index', type: 'integer' },
        { name: 'input', type: 'text' },
        { name: 'output', type: 'text' },
        { name: 'sample', type: 'boolean', default: false },
        { name: 'points', type: 'double precision', isNullable: true },
        { name: 'group', type: 'varchar', length: '200', isNullable: true },
      ],
      foreignKeys: [{ columnNames: ['problemId'], referencedTableName: 'problem', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      indices: [{ columnNames: ['problemId', 'index'], isUnique: true }],
    }));
    await q.createTable(new Table({
      name: 'submission',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'problemId', type: 'varchar', length: '64', isNullable: true },
        { name: 'language', type: 'varchar', length: '20' },
        { name: 'sourceCode', type: 'text' },
        { name: 'stdin', type: 'text', isNullable: true },
        { name: 'expectedOutput', type: 'text', isNullable: true },
        { name: 'limits', type: 'text' },
        { name: 'status', type: 'varchar', length: '16' },
        { name: 'verdict', type: 'varchar', length: '4', isNullable: true },
        { name: 'score', type: 'double precision', isNullable: true },
        { name: 'timeMs', type: 'integer', isNullable: true },
        { name: 'memoryKb', type: 'integer', isNullable: true },
        { name: 'compileOutput', type: 'text', isNullable: true },
        { name: 'testCount', type: 'integer', default: 0 },
        { name: 'tests', type: 'text' },
        { name: 'revision', type: 'integer', default: 0 },
        { name: 'judgeId', type: 'varchar', length: '100', isNullable: true },
        ...created,
      ],
    }));
    await q.createIndex('submission', new TableIndex({ columnNames: ['status', 'updatedAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('submission');
    await q.dropTable('test_case');
    await q.dropTable('problem');
  }
}
