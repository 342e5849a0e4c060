import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateProblemDto, DEFAULT_OUTPUT_LIMIT_KB, ProblemSignature, ProblemView, TestCaseDto } from '@app/contracts';
import { ProblemEntity } from '../entities/problem.entity';
import { TestCaseEntity } from '../entities/test-case.entity';
import { toProblemView } from '../views';

/** A test's data. */
export interface TestData {
  input: string;
  output: string;
}

/** A test to store: its data, or a `read()` that gives it when its turn comes. */
export type TestToSave = Omit<TestCaseDto, 'input' | 'output'> & (TestData | { read(): Promise<TestData> });

/** A problem to store (`CreateProblemDto`, whose tests may be read on demand). */
export type ProblemToSave = Omit<CreateProblemDto, 'tests'> & { tests: TestToSave[] };

/** What a problem stores of its `function` / `class` fields. */
function signatureOf(dto: Pick<CreateProblemDto, 'function' | 'class'>): ProblemSignature | null {
  if (dto.function) return { function: dto.function };
  if (dto.class) return { class: dto.class };
  return null;
}

/** Problems and their test cases (one aggregate). */
/** `ProblemsRepository.save` with `onlyIfNew`: a problem of that id exists. */
export class ProblemExistsError extends Error {
  constructor(readonly id: string) {
    super(`problem "${id}" already exists`);
    this.name = 'ProblemExistsError';
  }
}

@Injectable()
export class ProblemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async exists(id: string): Promise<boolean> {
    return (await this.db.getRepository(ProblemEntity).countBy({ id })) > 0;
  }

  /**
   * Inserts or replaces the problem and all its tests in one transaction. A test given with
   * `read()` instead of data is read when its turn comes and dropped once inserted, so a large
   * imported package is never whole in memory. `checkTest` may throw to reject a test's data
   * (the whole save is then rolled back). With `onlyIfNew`, a problem of that id already saved
   * (looked up inside the transaction, so two creations cannot both pass) throws
   * `ProblemExistsError` and nothing is written.
   */
  async save(dto: ProblemToSave, checkTest?: (index: number, data: TestData) => void, opts: { onlyIfNew?: boolean } = {}): Promise<ProblemView> {
    await this.db.transaction(async (m) => {
      const existing = await m.findOneBy(ProblemEntity, { id: dto.id });
      if (existing && opts.onlyIfNew) throw new ProblemExistsError(dto.id);
      await m.delete(TestCaseEntity, { problemId: dto.id });
      const hash = createHash('sha256')
        .update(JSON.stringify([dto.timeLimitMs, dto.memoryLimitKb, dto.outputLimitKb, dto.checker, dto.groups, dto.stopOnFailure, signatureOf(dto)]));
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
        signature: signatureOf(dto),
        testCount: dto.tests.length,
        version: 'pending',
      });
      await m.save(problem);
      for (const [i, t] of dto.tests.entries()) {
        const data = 'read' in t ? await t.read() : { input: t.input, output: t.output };
        checkTest?.(i, data);
        hash.update(JSON.stringify([t.sample, t.points, t.group, data.input.length, data.output.length])).update(data.input).update(data.output);
        await m.insert(TestCaseEntity, {
          problemId: dto.id, index: i + 1, input: data.input, output: data.output,
          sample: !!t.sample, points: t.points ?? null, group: t.group ?? null, interaction: t.sample ? t.interaction ?? null : null,
        });
      }
      // The version changes whenever anything judging depends on does: judges key caches by it.
      await m.update(ProblemEntity, { id: dto.id }, { version: hash.digest('hex') });
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
    return toProblemView(problem, samples, { templates: true });
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

  /** Every test's place (index, sample, group, points; a sample's interaction) without its data, in order. */
  listTests(problemId: string): Promise<Pick<TestCaseEntity, 'index' | 'sample' | 'group' | 'points' | 'interaction'>[]> {
    return this.db.getRepository(TestCaseEntity).find({
      select: { index: true, sample: true, group: true, points: true, interaction: true }, where: { problemId }, order: { index: 'ASC' },
    });
  }

  /** One test (hidden ones included), by 1-based index: for judges reading large problems a test at a time. */
  findTest(problemId: string, index: number): Promise<TestCaseEntity | null> {
    return this.db.getRepository(TestCaseEntity).findOneBy({ problemId, index });
  }
}
