import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, LessThan, Not } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { LanguageId, SUBMISSION_STATUSES, SubmissionStatus, Verdict } from '@app/contracts';
import { SubmissionEntity } from '../entities/submission.entity';
import { StatementSlot, WrittenStatement } from './written-statement';

/** Filters of a submissions listing; `ownerId` unset means everyone's. */
export interface SubmissionFilter {
  ownerId?: string;
  problemId?: string;
  verdict?: Verdict;
  language?: LanguageId;
}

/** Position in a newest-first listing: the last row shown. */
export interface SubmissionCursor {
  createdAt: Date;
  id: string;
}

/**
 * A submission write refused because the row moved on since it was read: another writer saved
 * a newer revision, or the submission is already finished. The writer's view is out of date; it
 * must not retry with it.
 */
export class SupersededWriteError extends Error {
  constructor(readonly submissionId: string, readonly revision: number, why = 'another judge wrote it, or it is finished') {
    super(`submission ${submissionId}: revision ${revision} is no longer current (${why})`);
    this.name = 'SupersededWriteError';
  }
}

/** The fields a judge writes (`SubmissionsRepository.update`); the others are the submitter's and never change. */
export const JUDGED_FIELDS = ['status', 'verdict', 'score', 'timeMs', 'memoryKb', 'compileOutput', 'testCount', 'tests', 'judgeId'] as const;
export type JudgedField = (typeof JUDGED_FIELDS)[number];

/** An update: the row as it was read, and as it is to be written. */
interface UpdateArgs {
  read: SubmissionEntity;
  next: SubmissionEntity;
}

/** The alias of `findById`'s SELECT (its columns come back as `s_<column>`). */
const FIND_ALIAS = 's';

/** `findById`'s SELECT, and the name of each column in its rows. */
interface FindStatement {
  statement: WrittenStatement<string>;
  columns: Array<[string, ColumnMetadata]>;
}

const UNFINISHED = SUBMISSION_STATUSES.filter((x) => x !== SubmissionStatus.Finished);
/** Stands for the owner while TypeORM writes countUnfinished's statement (found again among its parameters). */
const OWNER_PLACEHOLDER = '\u0000owner';

/** Most rows one INSERT of `insertMany` writes (the gateway's batches are no larger). */
export const INSERT_ROWS = 64;

/** Submissions and their per-test results (one aggregate). */
@Injectable()
export class SubmissionsRepository {
  /** `insertMany`'s INSERT of n rows, by n (null: the builder has to write each one). */
  private readonly insertStatements = new Map<number, WrittenStatement<SubmissionEntity[]> | null>();
  /** `update`'s and `findById`'s statements: undefined until first used, null when the builder has to write each one. */
  private updateStatement?: WrittenStatement<UpdateArgs> | null;
  private findStatement?: FindStatement | null;
  /** countUnfinished's statements without `upTo`, by `atMost`, as written for this database, and where the owner goes among their parameters. */
  private readonly countUnfinishedStatements = new Map<number | undefined, { sql: string; params: unknown[]; owner: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(SubmissionEntity);
  }

  /** Inserts one submission with `createdAt` (and `updatedAt`) now, as `insertMany` does. */
  insert(s: Omit<SubmissionEntity, 'createdAt' | 'updatedAt'>): Promise<void> {
    return this.insertMany([{ ...s, createdAt: new Date() }]);
  }

  /**
   * Inserts `rows` (each with its own `createdAt`, to the millisecond: SQLite's column default has
   * whole seconds, and listings are ordered by when submissions came in; `updatedAt` the same) in
   * one multi-row INSERT (up to `INSERT_ROWS` rows; more: several, in one transaction): one
   * statement and one commit for all. The gateway's intake saves each batch of POSTs so. All
   * or nothing: when it throws, no row was saved. No row is read back (`updateEntity(false)`: no
   * RETURNING on PostgreSQL, no SELECT after the INSERT on SQLite, which `Repository.insert` does
   * for the columns with defaults); every column is given, so there is nothing the database fills
   * in that a caller could miss. The INSERT of n rows is written once (`WrittenStatement`) and run
   * again for every batch of n; when a row has a value left undefined (the builder writes DEFAULT
   * or NULL for it), each row goes through the builder, in one transaction.
   */
  async insertMany(rows: Array<Omit<SubmissionEntity, 'updatedAt'>>): Promise<void> {
    if (rows.length === 0) return;
    const full = rows.map((r): SubmissionEntity => ({ ...r, updatedAt: r.createdAt }));
    const columns = this.columns();
    if (full.some((row) => columns.some((c) => c.getEntityValue(row) === undefined))) {
      const insertAll = async (m: EntityManager) => {
        for (const row of full) await m.createQueryBuilder().insert().into(SubmissionEntity).values(row).updateEntity(false).execute();
      };
      // One row is one statement, atomic on its own: no transaction around it.
      return await (full.length === 1 ? insertAll(this.db.manager) : this.db.transaction(insertAll));
    }
    if (full.length > INSERT_ROWS) {
      return await this.db.transaction(async (m) => {
        for (let i = 0; i < full.length; i += INSERT_ROWS) await this.insertRows(m, full.slice(i, i + INSERT_ROWS));
      });
    }
    await this.insertRows(this.db.manager, full);
  }

  /** One INSERT of `rows` (at most `INSERT_ROWS`, every value defined). */
  private async insertRows(m: EntityManager, rows: SubmissionEntity[]): Promise<void> {
    let statement = this.insertStatements.get(rows.length);
    if (statement === undefined) {
      statement = this.writeInsertStatement(rows.length);
      this.insertStatements.set(rows.length, statement);
    }
    if (statement) await m.query(statement.sql, statement.parameters(rows));
    else await m.createQueryBuilder().insert().into(SubmissionEntity).values(rows).updateEntity(false).execute();
  }

  private columns(): ColumnMetadata[] {
    return this.db.getMetadata(SubmissionEntity).columns;
  }

  /**
   * A marker per column (a Date for date columns), and a slot that takes the column's value from
   * the row. `n`: the row's place among several in one statement (its markers differ from the others').
   */
  private markers(columns: ColumnMetadata[], prefix: string, n = 0) {
    const row: Record<string, unknown> = {};
    const slots = columns.map((column, i): StatementSlot<SubmissionEntity> => {
      const marker = column.isCreateDate || column.isUpdateDate ? new Date(Date.UTC(2000, 0, 1, 0, 0, n, 1 + i)) : `\u0000${prefix}${column.propertyPath}`;
      column.setEntityValue(row, marker);
      return { marker, column, value: (r) => column.getEntityValue(r) };
    });
    return { row, slots };
  }

  /** The INSERT of `n` whole submission rows as TypeORM's query builder writes it for this database (null: build each one). */
  private writeInsertStatement(n: number): WrittenStatement<SubmissionEntity[]> | null {
    const columns = this.columns().filter((c) => c.isInsert);
    const rows = Array.from({ length: n }, (_, k) => {
      const { row, slots } = this.markers(columns, `${k}.`, k);
      return { row, slots: slots.map((slot): StatementSlot<SubmissionEntity[]> => ({ ...slot, value: (r) => slot.value(r[k]) })) };
    });
    return WrittenStatement.write(this.db, this.repo.createQueryBuilder().insert().into(SubmissionEntity).values(rows.map((r) => r.row)).updateEntity(false), rows.flatMap((r) => r.slots));
  }

  /**
   * Unfinished submissions of `ownerId`, counted up to `atMost` when given (then any larger
   * count answers `atMost`: each POST asks, and an uncapped owner's backlog of thousands would
   * otherwise cost every POST a count of all of it), created at or before `upTo` when given.
   * The statuses are listed (not `<> finished`) so the (ownerId, status) index reads the
   * unfinished rows only, not every submission the owner ever made; and the rows are counted with
   * `COUNT(*)` over a `LIMIT`ed subquery of constants, not `getCount`'s `COUNT(DISTINCT id)`,
   * which sorts. Without `upTo` (every POST asks this) the statement TypeORM wrote the first time
   * for that `atMost` is run again with this owner: the same SQL text (better-sqlite3 reuses its
   * prepared statement), without building the query anew each time.
   * @throws RangeError when `atMost` is not a whole number ≥ 0.
   */
  async countUnfinished(ownerId: string, opts: { upTo?: Date; atMost?: number } = {}): Promise<number> {
    const { upTo, atMost } = opts;
    if (atMost !== undefined && !(Number.isInteger(atMost) && atMost >= 0)) throw new RangeError(`countUnfinished: atMost must be a whole number ≥ 0, not ${atMost}`);
    const statement = (owner: string): [string, unknown[]] => {
      const q = this.repo.createQueryBuilder('s')
        .select('1', 'one')
        .where('s.ownerId = :ownerId', { ownerId: owner })
        .andWhere('s.status IN (:...unfinished)', { unfinished: UNFINISHED });
      if (upTo) q.andWhere('s.createdAt <= :upTo', { upTo });
      const [sql, params] = q.getQueryAndParameters();
      return [`SELECT COUNT(*) AS "n" FROM (${sql}${atMost === undefined ? '' : ` LIMIT ${atMost}`}) "unfinished"`, params];
    };
    let rows: Array<{ n: number | string }>;
    if (upTo) {
      rows = await this.db.query(...statement(ownerId));
    } else {
      let written = this.countUnfinishedStatements.get(atMost);
      if (!written) {
        const [sql, params] = statement(OWNER_PLACEHOLDER);
        this.countUnfinishedStatements.set(atMost, (written = { sql, params, owner: params.indexOf(OWNER_PLACEHOLDER) }));
      }
      const { sql, params, owner } = written;
      if (owner < 0) throw new Error('countUnfinished: the owner is not among the parameters TypeORM wrote');
      rows = await this.db.query(sql, params.map((p, i) => (i === owner ? ownerId : p)));
    }
    // PostgreSQL answers COUNT(*) as a bigint, which pg gives as a string.
    return Number(rows[0]?.n ?? 0);
  }

  /** Up to `limit` submissions matching `filter`, newest first, after `cursor` when given. */
  list(filter: SubmissionFilter, limit: number, cursor?: SubmissionCursor): Promise<SubmissionEntity[]> {
    const q = this.repo.createQueryBuilder('s');
    if (filter.ownerId !== undefined) q.andWhere('s.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.problemId !== undefined) q.andWhere('s.problemId = :problemId', { problemId: filter.problemId });
    if (filter.verdict !== undefined) q.andWhere('s.verdict = :verdict', { verdict: filter.verdict });
    if (filter.language !== undefined) q.andWhere('s.language = :language', { language: filter.language });
    if (cursor) {
      q.andWhere(new Brackets((b) => b
        .where('s.createdAt < :at', { at: cursor.createdAt })
        .orWhere('s.createdAt = :at AND s.id < :id', { at: cursor.createdAt, id: cursor.id })));
    }
    return q.orderBy('s.createdAt', 'DESC').addOrderBy('s.id', 'DESC').take(limit).getMany();
  }

  /** Whether a submission with this id is saved (one indexed look-up, no row read). */
  exists(id: string): Promise<boolean> {
    return this.repo.existsBy({ id });
  }

  /**
   * The submission with this id, or null. A judge reads one per job and a gateway one per
   * subscribe and GET: the SELECT is written once (`WrittenStatement`) and its row hydrated
   * column by column as TypeORM's own transformer does (`prepareHydratedValue`: dates, JSON);
   * `findOneBy` when the statement could not be written.
   */
  async findById(id: string): Promise<SubmissionEntity | null> {
    if (this.findStatement === undefined) this.findStatement = this.writeFindStatement();
    if (!this.findStatement) return this.repo.findOneBy({ id });
    const { statement, columns } = this.findStatement;
    const rows = (await statement.run(id)).records as Array<Record<string, unknown>>;
    if (!rows.length) return null;
    const entity = this.db.getMetadata(SubmissionEntity).create(undefined, { fromDeserializer: true }) as SubmissionEntity;
    for (const [alias, c] of columns) {
      const value = rows[0][alias];
      if (value !== undefined) c.setEntityValue(entity, this.db.driver.prepareHydratedValue(value, c));
    }
    return entity;
  }

  /**
   * `findById`'s SELECT as TypeORM's query builder writes it for this database, and each
   * column's name in its rows (`s_<column>`); null: use `findOneBy`.
   */
  private writeFindStatement(): FindStatement | null {
    const metadata = this.db.getMetadata(SubmissionEntity);
    if (metadata.afterLoadListeners.length || metadata.columns.some((c) => c.isVirtual || c.embeddedMetadata)) return null;
    const marker = '\u0000where.id';
    const select = this.repo.createQueryBuilder(FIND_ALIAS).where(`${FIND_ALIAS}.id = :id`, { id: marker }).limit(1);
    const statement = WrittenStatement.write<string>(this.db, select, [{ marker, column: metadata.findColumnWithPropertyName('id')!, value: (id) => id }]);
    if (!statement) return null;
    return { statement, columns: metadata.columns.map((c) => [DriverUtils.buildAlias(this.db.driver, undefined, FIND_ALIAS, c.databaseName), c]) };
  }

  /** The submissions among `ids` that exist, in no particular order (one query; keep `ids` to a few hundred). */
  findByIds(ids: string[]): Promise<SubmissionEntity[]> {
    return ids.length ? this.repo.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /**
   * Saves the fields a judge writes (`JUDGED_FIELDS`; the rest are the submitter's and never
   * change) and bumps `revision` in one guarded UPDATE (no read-back); returns `s`.
   * The row is written only if it still holds the revision `s` was read at and is not finished
   * (`… WHERE id = ? AND revision = ? AND status <> 'finished'`): of two judges that both think
   * they own a submission (one presumed dead by the queue, still running) only the first write
   * lands, and nothing follows a final verdict. A judge writes three or more per submission: the
   * UPDATE is written once (`WrittenStatement`); one with a value left undefined goes through the
   * builder, which leaves that column as it was.
   * @throws SupersededWriteError when the guard refused the write (`s` is left as it was).
   */
  async update(s: SubmissionEntity): Promise<SubmissionEntity> {
    const { id, revision } = s;
    const next: SubmissionEntity = { ...s, updatedAt: new Date(), revision: revision + 1 };
    if (this.updateStatement === undefined) this.updateStatement = this.writeUpdateStatement();
    let affected: number | undefined;
    if (this.updateStatement && JUDGED_FIELDS.every((f) => s[f] !== undefined)) {
      affected = (await this.updateStatement.run({ read: s, next })).affected;
    } else {
      const values: Partial<SubmissionEntity> = { updatedAt: next.updatedAt, revision: next.revision };
      for (const f of JUDGED_FIELDS) (values as Record<string, unknown>)[f] = s[f];
      affected = (await this.repo.update({ id, revision, status: Not(SubmissionStatus.Finished) }, values)).affected;
    }
    if (!affected) throw new SupersededWriteError(id, revision);
    s.revision = next.revision;
    s.updatedAt = next.updatedAt;
    return s;
  }

  /** `update`'s statement as TypeORM's query builder writes it for this database (null: build each one). */
  private writeUpdateStatement(): WrittenStatement<UpdateArgs> | null {
    const byName = (name: string) => this.columns().find((c) => c.propertyPath === name)!;
    const { row: set, slots } = this.markers([...JUDGED_FIELDS, 'revision', 'updatedAt'].map(byName), 'set.');
    const where = { id: '\u0000where.id', revision: '\u0000where.revision', status: '\u0000where.status' };
    const update = this.repo.createQueryBuilder().update(SubmissionEntity).set(set)
      .where({ id: where.id, revision: where.revision, status: Not(where.status) });
    return WrittenStatement.write(this.db, update, [
      ...slots.map((slot): StatementSlot<UpdateArgs> => ({ ...slot, value: (a) => slot.value(a.next) })),
      { marker: where.id, column: byName('id'), value: (a) => a.read.id },
      { marker: where.revision, column: byName('revision'), value: (a) => a.read.revision },
      { marker: where.status, column: byName('status'), value: () => SubmissionStatus.Finished },
    ]);
  }

  /** Unfinished submissions not touched since `before`: candidates for re-queueing. */
  findStale(before: Date, limit = 100): Promise<SubmissionEntity[]> {
    return this.repo.find({
      where: { status: Not(SubmissionStatus.Finished), updatedAt: LessThan(before) },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }

  /** Deletes the submission; true when there was one. */
  async remove(id: string): Promise<boolean> {
    const r = await this.repo.delete({ id });
    return (r.affected ?? 0) > 0;
  }

  /**
   * Counts for statistics, of `ownerId`'s submissions (everyone's when undefined): in all, since
   * `since`, and per language and per final verdict (`verdict` null: not finished).
   */
  async counts(since: Date, ownerId?: string): Promise<{ total: number; since: number; byLanguage: Array<{ language: LanguageId; count: number }>; byVerdict: Array<{ verdict: Verdict | null; count: number }> }> {
    const base = () => {
      const q = this.repo.createQueryBuilder('s');
      if (ownerId !== undefined) q.where('s.ownerId = :ownerId', { ownerId });
      return q;
    };
    const [total, recent, byLanguage, byVerdict] = await Promise.all([
      base().getCount(),
      base().andWhere('s.createdAt >= :since', { since }).getCount(),
      base().select('s.language', 'language').addSelect('COUNT(*)', 'count').groupBy('s.language').getRawMany<{ language: LanguageId; count: string }>(),
      base().select('s.verdict', 'verdict').addSelect('COUNT(*)', 'count').groupBy('s.verdict').getRawMany<{ verdict: Verdict | null; count: string }>(),
    ]);
    return {
      total, since: recent,
      byLanguage: byLanguage.map((r) => ({ language: r.language, count: Number(r.count) })),
      byVerdict: byVerdict.map((r) => ({ verdict: r.verdict, count: Number(r.count) })),
    };
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
