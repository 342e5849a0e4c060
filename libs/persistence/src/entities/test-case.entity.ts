import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProblemEntity } from './problem.entity';

/** One test case of a problem, at 1-based `index` in the problem's order. */
@Entity({ name: 'test_case' })
@Index(['problemId', 'index'], { unique: true })
export class TestCaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  problemId: string;

  @ManyToOne(() => ProblemEntity, (p) => p.tests, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problemId' })
  problem?: ProblemEntity;

  @Column({ type: 'integer' })
  index: number;

  @Column({ type: 'text' })
  input: string;

  @Column({ type: 'text' })
  output: string;

  @Column({ type: 'boolean', default: false })
  sample: boolean;

  @Column({ type: 'double precision', nullable: true })
  points: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  group: string | null;

  /** Interactive problems' samples: the conversation shown as the sample (`.interaction`); null otherwise. */
  @Column({ type: 'text', nullable: true })
  interaction: string | null;
}
