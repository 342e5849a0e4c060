import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Who may do what: users, API keys, the audit log, and the owner of each submission (nullable:
 * submissions made before this migration have none and are visible to admins only). Table API
 * only, so it serves PostgreSQL and SQLite alike.
 */
export class Identities1764900000000 implements MigrationInterface {
  name = 'Identities1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.driver.options.type === 'postgres';
    const ts = pg ? 'timestamp' : 'datetime';
    const now = pg ? 'now()' : "datetime('now')";
    await q.createTable(new Table({
      name: 'user_account',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'username', type: 'varchar', length: '64', isUnique: true },
        { name: 'passwordHash', type: 'varchar', length: '200' },
        { name: 'role', type: 'varchar', length: '16' },
        { name: 'createdAt', type: ts, default: now },
        { name: 'updatedAt', type: ts, default: now },
      ],
    }));
    await q.createTable(new Table({
      name: 'api_key',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'name', type: 'varchar', length: '100' },
        { name: 'role', type: 'varchar', length: '16' },
        { name: 'keyHash', type: 'varchar', length: '64', isUnique: true },
        { name: 'prefix', type: 'varchar', length: '16' },
        { name: 'createdBy', type: 'varchar', length: '80', isNullable: true },
        { name: 'createdAt', type: ts, default: now },
      ],
    }));
    await q.createTable(new Table({
      name: 'audit_log',
      columns: [
        { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'at', type: ts, default: now },
        { name: 'actorId', type: 'varchar', length: '80', isNullable: true },
        { name: 'actorName', type: 'varchar', length: '100', isNullable: true },
        { name: 'action', type: 'varchar', length: '40' },
        { name: 'targetType', type: 'varchar', length: '16' },
        { name: 'targetId', type: 'varchar', length: '100' },
        { name: 'detail', type: 'text', isNullable: true },
      ],
      indices: [{ columnNames: ['at'] }],
    }));
    await q.addColumn('submission', new TableColumn({ name: 'ownerId', type: 'varchar', length: '80', isNullable: true }));
    // Listing (newest first per owner), and counting an owner's unfinished ones (queue cap, fair queueing).
    await q.createIndex('submission', new TableIndex({ columnNames: ['ownerId', 'createdAt'] }));
    await q.createIndex('submission', new TableIndex({ columnNames: ['ownerId', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('submission');
    for (const index of table?.indices.filter((i) => i.columnNames[0] === 'ownerId') ?? []) await q.dropIndex('submission', index);
    await q.dropColumn('submission', 'ownerId');
    await q.dropTable('audit_log');
    await q.dropTable('api_key');
    await q.dropTable('user_account');
  }
}
