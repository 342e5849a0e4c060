import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CheckerDto, ProblemSignature, TestGroupDto } from '@app/contracts';
import { TestCaseEntity } from './test-case.entity';

/** A problem: limits (ms, KiB), checker, groups; its test cases live in `test_case`. */
@Entity({ name: 'problem' })
export class ProblemEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  statement: string | null;

  @Column({ type: 'integer' })
  timeLimitMs: number;

  @Column({ type: 'integer' })
  memoryLimitKb: number;

  @Column({ type: 'integer' })
  outputLimitKb: number;

  @Column({ type: 'simple-json' })
  checker: CheckerDto;

  @Column({ type: 'simple-json' })
  groups: TestGroupDto[];

  @Column({ type: 'boolean', default: true })
  stopOnFailure: boolean;

  /** Function problems: `{ function }` or `{ class }` (DESIGN.md, "Function problems"); null for programs. */
  @Column({ type: 'simple-json', nullable: true })
  signature: ProblemSignature | null;

  @Column({ type: 'integer' })
  testCount: number;

  /** Hash of everything judging depends on: changes whenever the problem or its data does. */
  @Column({ type: 'varchar', length: 64 })
  version: string;

  @OneToMany(() => TestCaseEntity, (t) => t.problem)
  tests?: TestCaseEntity[];

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
