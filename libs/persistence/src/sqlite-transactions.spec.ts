import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source';
import { gateSqliteTransactions } from './sqlite-transactions';

const turn = () => new Promise((r) => setTimeout(r, 5));

/** A real SQLite file, migrated, with a scratch table `t(v)`; gated or not. */
async function database(tmp: string, gated: boolean): Promise<DataSource> {
  const ds = await new DataSource(await dataSourceOptions({ database: { type: 'sqlite', path: join(tmp, 'oj.sqlite') } } as unknown as AppConfig)).initialize();
  await ds.query('CREATE TABLE t (v TEXT NOT NULL)');
  return gated ? gateSqliteTransactions(ds) : ds;
}

/** A transaction that writes, waits across event-loop turns (as an import reading a zip does), then fails; and, meanwhile, other writes. */
async function failingTransactionWithOthers(ds: DataSource): Promise<string[]> {
  const failing = ds.transaction(async (m) => {
    await m.query("INSERT INTO t (v) VALUES ('inside')");
    await turn();
    await turn();
    throw new Error('the import failed');
  });
  await turn();
  const others = Promise.all([
    ds.query("INSERT INTO t (v) VALUES ('plain')"),
    ds.transaction(async (m) => {
      await m.query("INSERT INTO t (v) VALUES ('another transaction')");
      await m.transaction(async (n) => n.query("INSERT INTO t (v) VALUES ('nested in it')"));
    }),
  ]);
  await expect(failing).rejects.toThrow('the import failed');
  await others;
  return (await ds.query('SELECT v FROM t ORDER BY v')).map((r: { v: string }) => r.v);
}

/** A separate Node process that opens `file` (busy timeout 10 s) and inserts `v` into `t`; `trying` resolves as it starts the INSERT, `exited` with its exit code. */
function anotherProcessInserts(file: string, v: string) {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1], { timeout: 10000 });
    process.stdout.write('trying\\n'); db.prepare('INSERT INTO t (v) VALUES (?)').run(process.argv[2]); db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, v], { stdio: ['ignore', 'pipe', 'inherit'] });
  const trying = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, trying, exited };
}

describe(gateSqliteTransactions.name, () => {
  let tmp: string;
  let ds: DataSource | undefined;
  let other: ReturnType<typeof anotherProcessInserts> | undefined;
  beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'sqlite-gate-spec-')); });
  afterEach(async () => {
    other?.child.kill('SIGKILL');
    other = undefined;
    await ds?.destroy();
    ds = undefined;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('statements from outside an open transaction wait for it: its rollback takes only its own writes', async () => {
    ds = await database(tmp, true);
    expect(await failingTransactionWithOthers(ds)).toEqual(['another transaction', 'nested in it', 'plain']);
  });

  it('(without the gate, better-sqlite3\'s one connection lets them join it, and they are rolled back with it)', async () => {
    ds = await database(tmp, false);
    expect(await failingTransactionWithOthers(ds)).not.toContain('plain');
  });

  it('a SELECT from outside an open transaction answers at once, with what is committed (not the transaction\'s rows)', async () => {
    ds = await database(tmp, true);
    await ds.query("INSERT INTO t (v) VALUES ('committed')");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const open = ds.transaction(async (m) => {
      await m.query("INSERT INTO t (v) VALUES ('uncommitted')");
      await held;
    });
    await turn();
    // (Were the SELECT to wait for the transaction, it would never answer: the transaction waits for this test.)
    expect((await ds.query('SELECT v FROM t')).map((r: { v: string }) => r.v)).toEqual(['committed']);
    expect(await ds.getRepository('submission').count()).toBe(0);
    let wrote = false;
    const write = ds.query("INSERT INTO t (v) VALUES ('after')").then(() => (wrote = true));
    await turn();
    expect(wrote).toBe(false);
    release();
    await Promise.all([open, write]);
    expect((await ds.query('SELECT v FROM t ORDER BY v')).map((r: { v: string }) => r.v)).toEqual(['after', 'committed', 'uncommitted']);
  });

  it('a transaction that read before another process committed still writes: it holds the write lock from BEGIN', async () => {
    ds = await database(tmp, true);
    await ds.query("INSERT INTO t (v) VALUES ('first')");
    await ds.transaction(async (m) => {
      expect(await m.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 1 }]);
      // Another process (as `npm start`'s judge is to the gateway) writes to the same file meanwhile.
      other = anotherProcessInserts(join(tmp, 'oj.sqlite'), 'other process');
      await other.trying;
      await new Promise((r) => setTimeout(r, 150));
      await m.query("INSERT INTO t (v) VALUES ('import')");
    });
    // It waited for the lock (its busy timeout) and wrote once the transaction had committed; with
    // a deferred BEGIN it wrote first, and the INSERT above failed: SQLITE_BUSY_SNAPSHOT.
    expect(await other!.exited).toBe(0);
    expect((await ds.query('SELECT v FROM t ORDER BY rowid')).map((r: { v: string }) => r.v)).toEqual(['first', 'import', 'other process']);
  });

  it('transactions run one after another, in the order they asked, and answer their own results', async () => {
    ds = await database(tmp, true);
    const order: string[] = [];
    const tx = (name: string) => ds!.transaction(async (m) => {
      order.push(`${name} begins`);
      await turn();
      await m.query('INSERT INTO t (v) VALUES (?)', [name]);
      order.push(`${name} ends`);
      return name;
    });
    await expect(Promise.all([tx('a'), tx('b'), tx('c')])).resolves.toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
  });
});
