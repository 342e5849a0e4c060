import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateProblemDto, DEFAULT_OUTPUT_LIMIT_KB, ProblemView } from '@app/contracts';
import { ProblemEntity } from '../entities/problem.entity';
import { TestCaseEntity } from '../entities/test-case.entity';
import { toProblemView } from '../views';

/** A problem with all of its tests, in order, as a judge needs it. */
export interface ProblemWithTests {
  problem: ProblemEntity;
  tests: TestCaseEntity[];
}

/** Problems and their test cases (one aggregate). */
@Injectable()
export class ProblemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async exists(id: string): Promise<boolean> {
    return (await this.db.getRepository(ProblemEntity).countBy({ id })) > 0;
  }

  /** Inserts or replaces the problem and all its tests in one transaction. */
  async save(dto: CreateProblemDto): Promise<ProblemView> {
    await this.db.transaction(async (m) => {
      const existing = await m.findOneBy(ProblemEntity, { id: dto.id });
      await m.delete(TestCaseEntity, { problemId: dto.id });
      const problem = m.create(ProblemEntity, {
        ...(existing ?? {}),
        id: dto.id,
        title: dto.title,
        statement: dto.statement ?? null,
        timeLimitMs: dto.timeLimitMs,
        memoryLimitKb: dto.memoryLimitKb,
        outputLimitKb: dto.outputLimitKb ?? DEFAULT_OUTPUT_LIMIT_KB,
        checker: { ...(dto.checker ?? { type: 'tokens' }) },
        groups: dto.groups ?? [],
        stopOnFailure: dto.stopOnFailure ?? true,
        testCount: dto.tests.length,
        version: problemVersion(dto),
      });
      await m.save(problem);
      // Chunked so a problem with hundreds of large tests stays within driver parameter limits.
      for (let i = 0; i < dto.tests.length; i += 50) {
        await m.insert(TestCaseEntity, dto.tests.slice(i, i + 50).map((t, k) => ({
          problemId: dto.id, index: i + k + 1, input: t.input, output: t.output,
          sample: !!t.sample, points: t.points ?? null, group: t.group ?? null,
        })));
      }
    });
    return (await this.findView(dto.id))!;
  }

  async delete(id: string): Promise<boolean> {
    return await this.db.transaction(async (m) => {
      await m.delete(TestCaseEntity, { problemId: id });
      return ((await m.delete(ProblemEntity, { id })).affected ?? 0) > 0;
    });
  }

  async findView(id: string): Promise<ProblemView | null> {
    const problem = await this.db.getRepository(ProblemEntity).findOneBy({ id });
    if (!problem) return null;
    const samples = await this.db.getRepository(TestCaseEntity).find({ where: { problemId: id, sample: true }, order: { index: 'ASC' } });
    return toProblemView(problem, samples);
  }

  async list(): Promise<ProblemView[]> {
    const problems = await this.db.getRepository(ProblemEntity).find({ order: { id: 'ASC' } });
    const samples = await this.db.getRepository(TestCaseEntity).find({ where: { sample: true }, order: { index: 'ASC' } });
    return problems.map((p) => toProblemView(p, samples.filter((s) => s.problemId === p.id)));
  }

  /** The problem's own row (limits, checker, version), without tests. */
  findOne(id: string): Promise<ProblemEntity | null> {
    return this.db.getRepository(ProblemEntity).findOneBy({ id });
  }

  /** The problem and every test (hidden ones included): for judges only. */
  async findWithTests(id: string): Promise<ProblemWithTests | null> {
    const problem = await this.db.getRepository(ProblemEntity).findOneBy({ id });
    if (!problem) return null;
    const tests = await this.db.getRepository(TestCaseEntity).find({ where: { problemId: id }, order: { index: 'ASC' } });
    return { problem, tests };
  }
}

/** sha256 of everything judging depends on (limits, checker, groups, tests). */
export function problemVersion(dto: CreateProblemDto): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([dto.timeLimitMs, dto.memoryLimitKb, dto.outputLimitKb, dto.checker, dto.groups, dto.stopOnFailure]));
  for (const t of dto.tests) h.update(JSON.stringify([t.sample, t.points, t.group, t.input.length, t.output.length])).update(t.input).update(t.output);
  return h.digest('hex');
}
