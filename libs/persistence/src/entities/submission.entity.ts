import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CallbackSpec, LanguageId, Limits, RunOptions, SubmissionFile, SubmissionStatus, TestResultView, Verdict } from '@app/contracts';

/** A submission and its results. `tests` holds the per-test results as JSON. */
@Entity({ name: 'submission' })
@Index(['status', 'updatedAt'])
@Index(['ownerId', 'createdAt'])
@Index(['ownerId', 'status'])
export class SubmissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  problemId: string | null;

  @Column({ type: 'varchar', length: 20 })
  language: LanguageId;

  /** The program as one file; empty when it came as `files`. */
  @Column({ type: 'text' })
  sourceCode: string;

  /**
   * The program as files (`encoding` always set), or null for a single `sourceCode`. JSON text:
   * base64 content keeps bytes such as NUL out of the column (PostgreSQL text cannot hold NUL).
   */
  @Column({ type: 'simple-json', nullable: true })
  files: SubmissionFile[] | null;

  /** With `files`: the path of the file to run, as asked; null means the language's rule. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  entryPoint: string | null;

  /** Ad-hoc runs only. */
  @Column({ type: 'text', nullable: true })
  stdin: string | null;

  @Column({ type: 'text', nullable: true })
  expectedOutput: string | null;

  /** Limits the client asked for (merged over the problem's when judged). */
  @Column({ type: 'simple-json' })
  limits: Partial<Limits>;

  /** Ad-hoc runs: compile and run options beyond the limits (Judge0's); null for none. */
  @Column({ type: 'simple-json', nullable: true })
  runOptions: RunOptions | null;

  /** Where the final result is delivered (HTTP PUT), when the client asked for it. */
  @Column({ type: 'simple-json', nullable: true })
  callback: CallbackSpec | null;

  @Column({ type: 'varchar', length: 16 })
  status: SubmissionStatus;

  @Column({ type: 'varchar', length: 4, nullable: true })
  verdict: Verdict | null;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ type: 'integer', nullable: true })
  timeMs: number | null;

  @Column({ type: 'integer', nullable: true })
  memoryKb: number | null;

  @Column({ type: 'text', nullable: true })
  compileOutput: string | null;

  @Column({ type: 'integer', default: 0 })
  testCount: number;

  @Column({ type: 'simple-json' })
  tests: TestResultView[];

  /** Bumped on every saved change. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  /** The judge that last worked on it. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  judgeId: string | null;

  /** Identity id of whoever made it (`user:<id>`, `key:<id>`, `admin-token`); null before owners were recorded. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  ownerId: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
