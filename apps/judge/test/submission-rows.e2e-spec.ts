// The statements SubmissionsRepository writes once (insert on every POST, update at every state
// change a judge records) against the real databases: each row is the one TypeORM's own
// Repository.insert / Repository.update writes, column by column, on PostgreSQL (a private
// schema, dropped after) and on an SQLite file; and the revision guard holds.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { SubmissionStatus } from '@app/contracts';
import { dataSourceOptions, SubmissionEntity, SubmissionsRepository, SupersededWriteError } from '@app/persistence';
import { requirePostgres } from '../../../test/support/postgres';

const PG_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `oj_rows_${process.pid}`;
const tmp = mkdtempSync(join(tmpdir(), 'oj-rows-'));

function row(over: Partial<SubmissionEntity> = {}): Omit<SubmissionEntity, 'createdAt' | 'updatedAt'> {
  return {
    id: randomUUID(), problemId: 'aplusb', language: 'python3', sourceCode: 'print(1)', stdin: null, expectedOutput: null, entryPoint: 'main.py',
    files: [{ path: 'main.py', content: 'print(1)', encoding: 'utf8' }], limits: { timeLimitMs: 2000, memoryLimitKb: 65536 },
    runOptions: { commandLineArguments: ['a b', 'c'], redirectStderrToStdout: true }, callback: { url: 'http://cb.example/x', format: 'judge0', base64: true },
    status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null, memoryKb: null, compileOutput: null, testCount: 0, tests: [],
    revision: 0, judgeId: null, ownerId: 'key:k1', ...over,
  };
}

const JUDGED = {
  status: SubmissionStatus.Finished, verdict: 'WA' as never, score: 0.25, timeMs: 12, memoryKb: 3072, compileOutput: 'warning: "x"\n', testCount: 2,
  tests: [{ index: 1, verdict: 'AC', timeMs: 1, wallTimeMs: 2, memoryKb: 3, exitCode: 0, signal: null }, { index: 2, verdict: 'WA', message: "line 1: 'a' \\ b" }] as never,
  judgeId: 'judge-7',
};

describe.each([
  ['PostgreSQL', async () => {
    await requirePostgres(PG_URL);
    return { database: { type: 'postgres', url: PG_URL, schema } };
  }],
  ['SQLite', async () => ({ database: { type: 'sqlite', path: join(tmp, 'rows.sqlite') } })],
])('submission rows on %s', (_name, config) => {
  let db: DataSource;
  let sut: SubmissionsRepository;
  const raw = async (id: string) => {
    const table = db.getMetadata(SubmissionEntity).tablePath.split('.').map((p) => db.driver.escape(p)).join('.');
    const [r] = await db.query(`SELECT * FROM ${table} WHERE ${db.driver.escape('id')} = ${db.driver.options.type === 'postgres' ? '$1' : '?'}`, [id]);
    return { ...r, id: undefined };
  };

  beforeAll(async () => {
    db = await new DataSource(await dataSourceOptions((await config()) as unknown as AppConfig)).initialize();
    sut = new SubmissionsRepository(db);
  });
  afterAll(async () => {
    if (db.driver.options.type === 'postgres') await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
  });

  it('insert (written once, run again) stores the row Repository.insert stores', async () => {
    const [mine, again, theirs] = [row(), row({ callback: null, files: null }), row()];
    await sut.insert(mine);
    await sut.insert(again);
    const saved = (await sut.findById(mine.id))!;
    await db.getRepository(SubmissionEntity).insert({ ...theirs, createdAt: saved.createdAt, updatedAt: saved.updatedAt });
    expect(await raw(mine.id)).toEqual(await raw(theirs.id));
    expect(await sut.findById(again.id)).toMatchObject({ ...again, callback: null, files: null });
  });

  it('update (written once, run again) stores the row Repository.update stores, and bumps the revision', async () => {
    const [mine, again, theirs] = [row(), row(), row()];
    for (const r of [mine, again, theirs]) await sut.insert(r);
    const at = new Date('2026-01-02T03:04:05.678Z');
    await db.getRepository(SubmissionEntity).update({ id: theirs.id }, { createdAt: (await sut.findById(mine.id))!.createdAt });
    await sut.update({ ...(await sut.findById(again.id))!, status: SubmissionStatus.Running });
    jest.useFakeTimers({ now: at, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await sut.update({ ...(await sut.findById(mine.id))!, ...JUDGED });
    } finally {
      jest.useRealTimers();
    }
    await db.getRepository(SubmissionEntity).update({ id: theirs.id }, { ...JUDGED, revision: 1, updatedAt: at });
    expect(await raw(mine.id)).toEqual(await raw(theirs.id));
    expect(await sut.findById(mine.id)).toMatchObject({ ...JUDGED, revision: 1, updatedAt: at });
    expect(await sut.findById(again.id)).toMatchObject({ status: 'running', revision: 1, sourceCode: again.sourceCode });
  });

  it('findById (written once, run again) reads the entity findOneBy reads, or null', async () => {
    const s = row({ ...JUDGED, revision: 3 });
    await sut.insert(s);
    await sut.findById(randomUUID());
    const found = await sut.findById(s.id);
    expect(found).toBeInstanceOf(SubmissionEntity);
    expect(found).toEqual(await db.getRepository(SubmissionEntity).findOneBy({ id: s.id }));
    expect(found).toMatchObject({ ...s, createdAt: expect.any(Date) });
    expect(await sut.findById(randomUUID())).toBeNull();
  });

  it('update refuses a stale revision and anything after a final state, changing nothing', async () => {
    const s = row();
    await sut.insert(s);
    const read = (await sut.findById(s.id))!;
    await sut.update({ ...read, status: SubmissionStatus.Compiling, judgeId: 'new' });
    await expect(sut.update({ ...read, status: SubmissionStatus.Running, judgeId: 'old' })).rejects.toBeInstanceOf(SupersededWriteError);
    const final = await sut.update({ ...(await sut.findById(s.id))!, status: SubmissionStatus.Finished, verdict: 'AC' as never });
    await expect(sut.update({ ...final, verdict: 'IE' as never })).rejects.toBeInstanceOf(SupersededWriteError);
    expect(await sut.findById(s.id)).toMatchObject({ revision: 2, status: 'finished', verdict: 'AC', judgeId: 'new' });
  });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));
