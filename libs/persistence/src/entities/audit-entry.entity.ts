import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who created, changed or deleted a problem, API key or user, and when. Append-only. */
@Entity({ name: 'audit_log' })
@Index(['at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @CreateDateColumn()
  at: Date;

  /** Identity id of the actor (`user:<id>`, `key:<id>`, `admin-token`), or null for anonymous (open registration). */
  @Column({ type: 'varchar', length: 80, nullable: true })
  actorId: string | null;

  /** Display name of the actor (username, key name). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  /** e.g. `problem.create`, `key.delete`, `user.role`. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 16 })
  targetType: string;

  @Column({ type: 'varchar', length: 100 })
  targetId: string;

  /** Small JSON object with details (e.g. `{ "role": "setter" }`). */
  @Column({ type: 'simple-json', nullable: true })
  detail: Record<string, unknown> | null;
}
