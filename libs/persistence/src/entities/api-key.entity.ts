import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@app/contracts';

/** A program's credential. Only the SHA-256 of the key is kept (the key is shown once, at creation). */
@Entity({ name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** Hex SHA-256 of the key. */
  @Column({ type: 'varchar', length: 64, unique: true })
  keyHash: string;

  /** The key's first characters, to tell keys apart in a list. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** Identity id of whoever created it. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  createdBy: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
