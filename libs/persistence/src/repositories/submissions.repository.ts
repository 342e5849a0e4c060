import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, Not } from 'typeorm';
import { SubmissionStatus, Verdict } from '@app/contracts';
import { SubmissionEntity } from '../entities/submission.entity';

/** Submissions and their per-test results (one aggregate). */
@Injectable()
export class SubmissionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(SubmissionEntity);
  }

  async insert(s: Omit<SubmissionEntity, 'createdAt' | 'updatedAt'>): Promise<SubmissionEntity> {
    await this.repo.insert(s);
    return (await this.findById(s.id))!;
  }

  findById(id: string): Promise<SubmissionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Saves every field and bumps `revision` in one UPDATE (no read-back); returns `s`. */
  async update(s: SubmissionEntity): Promise<SubmissionEntity> {
    s.revision += 1;
    s.updatedAt = new Date();
    const { id, createdAt: _createdAt, ...fields } = s;
    await this.repo.update({ id }, fields);
    return s;
  }

  /** Unfinished submissions not touched since `before`: candidates for re-queueing. */
  findStale(before: Date, limit = 100): Promise<SubmissionEntity[]> {
    return this.repo.find({
      where: { status: Not(SubmissionStatus.Finished), updatedAt: LessThan(before) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  /** Time (ms) and memory (KiB) of every finished, accepted submission to `problemId`; nothing else. */
  async acceptedFigures(problemId: string): Promise<Array<{ timeMs: number; memoryKb: number }>> {
    const rows = await this.repo.find({
      select: { timeMs: true, memoryKb: true },
      where: { problemId, status: SubmissionStatus.Finished, verdict: Verdict.AC },
    });
    return rows.map((r) => ({ timeMs: r.timeMs ?? 0, memoryKb: r.memoryKb ?? 0 }));
  }
}
