import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { SubmissionStatus } from '@app/contracts';
import { ENTITIES, MIGRATIONS } from '../data-source';
import { SubmissionEntity } from '../entities/submission.entity';
import { INSERT_ROWS, SubmissionsRepository } from './submissions.repository';

/** Every statement the data source runs, in order. */
class Statements implements TypeOrmLogger {
  readonly sql: string[] = [];
  logQuery(query: string) { this.sql.push(query); }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

function row(over: Partial<SubmissionEntity> = {}): Omit<SubmissionEntity, 'createdAt' | 'updatedAt'> {
  return {
    id: randomUUID(), problemId: null, language: 'c', sourceCode: 'int main(){}', files: null, entryPoint: null, stdin: '', expectedOutput: 'hi',
    limits: { timeLimitMs: 500 }, runOptions: null, callback: null, status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null,
    memoryKb: null, compileOutput: null, testCount: 0, tests: [], revision: 0, judgeId: null, ownerId: 'user:u1', ...over,
  };
}

describe('SubmissionsRepository (SQLite in memory)', () => {
  let db: DataSource;
  let statements: Statements;
  let sut: SubmissionsRepository;

  beforeEach(async () => {
    statements = new Statements();
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: ['query'], logger: statements });
    await db.initialize();
    statements.sql.length = 0;
    sut = new SubmissionsRepository(db);
  });

  afterEach(() => db.destroy());

  it('insert saves every field as given, in one statement (the row is not read back)', async () => {
    const s = row({
      files: [{ path: 'main.c', content: 'int main(){}', encoding: 'utf8' }], entryPoint: 'main.c', sourceCode: '',
      runOptions: { compilerOptions: ['-O2'], numberOfRuns: 2 }, callback: { url: 'http://cb.example/x', format: 'judge0', base64: false },
    });
    const before = Date.now();
    await sut.insert(s);
    expect(statements.sql).toHaveLength(1);
    expect(statements.sql[0]).toMatch(/^INSERT INTO "submission"/);
    const saved = await sut.findById(s.id);
    expect(saved).toMatchObject(s);
    // createdAt to the millisecond, set by the gateway (SQLite's default has whole seconds).
    expect(saved!.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(saved!.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(saved!.updatedAt.getTime()).toBe(saved!.createdAt.getTime());
  });

  it('insert stores a row exactly as TypeORM\'s own Repository.insert does, column by column', async () => {
    const rich = {
      problemId: 'aplusb', language: 'python3' as const, sourceCode: 'print(1)', stdin: null, expectedOutput: null, limits: { timeLimitMs: 2000, memoryKb: 65536 } as never,
      runOptions: { commandLineArguments: ['a b', 'c'], redirectStderrToStdout: true }, callback: { url: 'http://cb.example/x', format: 'judge0' as const, base64: true },
      status: SubmissionStatus.Running, verdict: 'WA' as never, score: 0.5, timeMs: 12, memoryKb: 3072, compileOutput: 'warning: x\n', testCount: 3,
      tests: [{ index: 1, verdict: 'AC', timeMs: 1, wallTimeMs: 2, memoryKb: 3, exitCode: 0, signal: null }] as never, revision: 4, judgeId: 'judge-1', ownerId: 'key:k1',
    };
    const mine = row(rich);
    const theirs = row(rich);
    const at = new Date('2026-01-02T03:04:05.678Z');
    jest.useFakeTimers({ now: at, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await sut.insert(mine);
      await sut.insert(row()); // the statement written by the first insert, run again
    } finally {
      jest.useRealTimers();
    }
    await db.getRepository(SubmissionEntity).insert({ ...theirs, createdAt: at, updatedAt: at });
    const raw = async (id: string) => {
      const [r] = await db.query('SELECT * FROM "submission" WHERE "id" = ?', [id]);
      return { ...r, id: undefined };
    };
    expect(await raw(mine.id)).toEqual(await raw(theirs.id));
    expect((await raw(mine.id)).createdAt).toBe('2026-01-02 03:04:05.678');
  });

  it('insert writes NULL for a value left undefined, as the query builder does', async () => {
    const s = { ...row(), judgeId: undefined } as unknown as ReturnType<typeof row>;
    await sut.insert(row());
    await sut.insert(s);
    expect((await sut.findById(s.id))!.judgeId).toBeNull();
  });

  it('insert refuses a second row with the same id', async () => {
    const s = row();
    await sut.insert(s);
    await expect(sut.insert(s)).rejects.toThrow(/UNIQUE|constraint/i);
  });

  it('insertMany saves a batch in one INSERT of all its rows, each as Repository.insert stores it, with its own createdAt', async () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, ms));
    const mine = [row({ language: 'python3', stdin: null }), row({ ownerId: 'key:k2', runOptions: { numberOfRuns: 2 } }), row({ status: SubmissionStatus.Running, score: 0.25 })];
    const theirs = mine.map((r) => ({ ...r, id: randomUUID() }));
    await sut.insertMany(mine.map((r, i) => ({ ...r, createdAt: at(i) })));
    expect(statements.sql).toHaveLength(1);
    expect(statements.sql[0]).toMatch(/^INSERT INTO "submission"/);
    await sut.insertMany(theirs.slice(0, 1).map((r) => ({ ...r, createdAt: at(9) }))); // another size: another statement
    await sut.insertMany(mine.map((r) => ({ ...r, id: randomUUID(), createdAt: at(7) }))); // the three-row statement, run again
    expect(statements.sql).toHaveLength(3);
    expect(statements.sql[2]).toBe(statements.sql[0]);
    for (const [i, r] of theirs.entries()) if (i > 0) await db.getRepository(SubmissionEntity).insert({ ...r, createdAt: at(i), updatedAt: at(i) });
    const raw = async (id: string) => {
      const [r] = await db.query('SELECT * FROM "submission" WHERE "id" = ?', [id]);
      return { ...r, id: undefined, createdAt: undefined, updatedAt: undefined };
    };
    for (const [i, r] of mine.entries()) expect(await raw(r.id)).toEqual(await raw(theirs[i].id));
    expect((await Promise.all(mine.map((r) => sut.findById(r.id)))).map((r) => [r!.createdAt.getTime(), r!.updatedAt.getTime()])).toEqual([0, 1, 2].map((i) => [at(i).getTime(), at(i).getTime()]));
  });

  it('insertMany saves all of a batch or none: a row that cannot be saved fails the batch', async () => {
    const taken = row();
    await sut.insert(taken);
    const batch = [row(), { ...taken }, row()].map((r) => ({ ...r, createdAt: new Date() }));
    await expect(sut.insertMany(batch)).rejects.toThrow(/UNIQUE|constraint/i);
    expect(await sut.findById(batch[0].id)).toBeNull();
    expect(await sut.findById(batch[2].id)).toBeNull();
  });

  it('insertMany writes more than INSERT_ROWS rows in several INSERTs, in one transaction', async () => {
    const batch = Array.from({ length: INSERT_ROWS + 2 }, () => ({ ...row(), createdAt: new Date() }));
    await sut.insertMany(batch);
    expect(statements.sql.filter((q) => /^INSERT/.test(q))).toHaveLength(2);
    expect(statements.sql[0]).toMatch(/^BEGIN/);
    expect(statements.sql.at(-1)).toMatch(/^COMMIT/);
    expect((await Promise.all(batch.map((r) => sut.findById(r.id)))).every((r) => r !== null)).toBe(true);
  });

  it('insertMany with a value left undefined writes NULL for it, as the query builder does, and saves the others', async () => {
    const batch = [row(), { ...row(), judgeId: undefined } as unknown as ReturnType<typeof row>].map((r) => ({ ...r, createdAt: new Date() }));
    await sut.insertMany(batch);
    expect((await sut.findById(batch[1].id))!.judgeId).toBeNull();
    expect(await sut.findById(batch[0].id)).not.toBeNull();
  });

  it('update writes the judged fields and the revision as TypeORM\'s own Repository.update does, column by column, in one statement', async () => {
    const judged = {
      status: SubmissionStatus.Finished, verdict: 'WA' as never, score: 0.25, timeMs: 12, memoryKb: 3072, compileOutput: 'warning: x\n', testCount: 2,
      tests: [{ index: 1, verdict: 'AC', timeMs: 1, wallTimeMs: 2, memoryKb: 3, exitCode: 0, signal: null }, { index: 2, verdict: 'WA', message: 'line 1: "a\u0000"' }] as never,
      judgeId: 'judge-7',
    };
    const [mine, again, theirs] = [row(), row(), row()];
    for (const r of [mine, again, theirs]) await sut.insert(r);
    const read = (id: string) => sut.findById(id).then((r) => r!);
    const at = new Date('2026-01-02T03:04:05.678Z');
    statements.sql.length = 0;
    jest.useFakeTimers({ now: at, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const first = await sut.update({ ...(await read(mine.id)), ...judged });
      expect(first).toMatchObject({ revision: 1, updatedAt: at });
      const current = await read(again.id);
      const built = jest.spyOn(db.getRepository(SubmissionEntity), 'createQueryBuilder');
      await sut.update({ ...current, status: SubmissionStatus.Running }); // the statement written by the first update, run again
      expect(built).not.toHaveBeenCalled();
      built.mockRestore();
    } finally {
      jest.useRealTimers();
    }
    expect(statements.sql.filter((q) => q.startsWith('UPDATE'))).toHaveLength(2);
    expect(new Set(statements.sql.filter((q) => q.startsWith('UPDATE'))).size).toBe(1);
    await db.getRepository(SubmissionEntity).update({ id: theirs.id }, { ...judged, revision: 1, updatedAt: at });
    const raw = async (id: string) => {
      const [r] = await db.query('SELECT * FROM "submission" WHERE "id" = ?', [id]);
      return { ...r, id: undefined, createdAt: undefined };
    };
    expect(await raw(mine.id)).toEqual(await raw(theirs.id));
    expect(await read(again.id)).toMatchObject({ status: 'running', revision: 1 });
  });

  it('update never writes the submitter\'s fields (source, input, limits, owner)', async () => {
    const s = row();
    await sut.insert(s);
    await sut.update({ ...(await sut.findById(s.id))!, sourceCode: 'changed', stdin: 'changed', limits: {}, ownerId: 'user:u2', status: SubmissionStatus.Running });
    expect(await sut.findById(s.id)).toMatchObject({ sourceCode: s.sourceCode, stdin: s.stdin, limits: s.limits, ownerId: s.ownerId, status: 'running' });
  });

  it('update leaves a judged value left undefined as it was (as Repository.update does), through the builder', async () => {
    const s = row({ judgeId: 'judge-1' });
    await sut.insert(s);
    await sut.update({ ...(await sut.findById(s.id))!, judgeId: undefined } as unknown as SubmissionEntity);
    expect(await sut.findById(s.id)).toMatchObject({ judgeId: 'judge-1', revision: 1, status: 'queued' });
  });

  it('findById (written once, run again) reads the entity TypeORM\'s own findOneBy reads, or null', async () => {
    const rich = row({
      files: [{ path: 'main.c', content: 'int main(){}', encoding: 'utf8' }], entryPoint: 'main.c', score: 0.5, verdict: 'WA' as never, timeMs: 3, memoryKb: 4,
      runOptions: { compilerOptions: ['-O2'], numberOfRuns: 2 }, callback: { url: 'http://cb.example/x', format: 'judge0', base64: false },
      tests: [{ index: 1, verdict: 'WA', message: 'x' }] as never, testCount: 1, compileOutput: 'w', judgeId: 'j', stdin: null,
    });
    await sut.insert(rich);
    await sut.insert(row());
    const found = await sut.findById(rich.id);
    expect(found).toBeInstanceOf(SubmissionEntity);
    expect(found).toEqual(await db.getRepository(SubmissionEntity).findOneBy({ id: rich.id }));
    const built = jest.spyOn(db.getRepository(SubmissionEntity), 'createQueryBuilder');
    expect(await sut.findById('no-such-id')).toBeNull();
    expect(built).not.toHaveBeenCalled();
    built.mockRestore();
  });

  it('countUnfinished counts the owner\'s queued, compiling and running submissions only, as a number', async () => {
    await sut.insert(row({ status: SubmissionStatus.Queued }));
    await sut.insert(row({ status: SubmissionStatus.Compiling }));
    await sut.insert(row({ status: SubmissionStatus.Running }));
    await sut.insert(row({ status: SubmissionStatus.Finished }));
    await sut.insert(row({ ownerId: 'user:u2' }));
    await expect(sut.countUnfinished('user:u1')).resolves.toBe(3);
    await expect(sut.countUnfinished('user:u2')).resolves.toBe(1);
    await expect(sut.countUnfinished('user:nobody')).resolves.toBe(0);
    // COUNT(*) over the (ownerId, status) index, not getCount's COUNT(DISTINCT id), which sorts.
    expect(statements.sql.at(-1)).toMatch(/^SELECT COUNT\(\*\) AS "n" FROM \(SELECT 1 AS "one" FROM "submission"/);
    expect(statements.sql.at(-1)).not.toMatch(/DISTINCT/);
  });

  it('countUnfinished with atMost counts no further than that', async () => {
    for (let i = 0; i < 5; i++) await sut.insert(row());
    await expect(sut.countUnfinished('user:u1', { atMost: 3 })).resolves.toBe(3);
    await expect(sut.countUnfinished('user:u1', { atMost: 10 })).resolves.toBe(5);
    await expect(sut.countUnfinished('user:u1', { atMost: 0 })).resolves.toBe(0);
    await expect(sut.countUnfinished('user:u1')).resolves.toBe(5);
    await expect(sut.countUnfinished('user:u1', { atMost: -1 })).rejects.toThrow(RangeError);
  });

  it('countUnfinished with upTo counts those created at or before it', async () => {
    const first = row();
    await sut.insert(first);
    const at = (await sut.findById(first.id))!.createdAt;
    await new Promise((r) => setTimeout(r, 5));
    await sut.insert(row());
    await expect(sut.countUnfinished('user:u1', { upTo: at })).resolves.toBe(1);
    await expect(sut.countUnfinished('user:u1', { upTo: at, atMost: 0 })).resolves.toBe(0);
    await expect(sut.countUnfinished('user:u1')).resolves.toBe(2);
  });
});
