import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Keeps the statements of an embedded SQLite database out of the process's open transaction.
 *
 * better-sqlite3 gives TypeORM one connection (one query runner) for the whole process. A
 * transaction that awaits anything but the database (a problem import reads each test from the
 * zip inside its transaction) stays open across event-loop turns, and every statement another
 * request runs meanwhile goes to that connection: it joins the transaction (a nested one becomes
 * a SAVEPOINT), and a rollback takes it along: submissions answered 202 were lost when an import
 * failed at the same time (found by a hostile review, 2026-12-05; the Express gateway had it too).
 *
 * With the gate, the transactions of `db.transaction` / `db.manager.transaction` run one at a
 * time, and a statement from outside the open one (any repository call, `db.query`) waits until
 * it has ended; the open transaction's own statements, nested transactions included, run at once
 * (told apart by AsyncLocalStorage). PostgreSQL (a pool of connections) needs none of this:
 * `db` is returned untouched for any other driver.
 * @returns `db`
 */
export function gateSqliteTransactions(db: DataSource): DataSource {
  if (db.options.type !== 'better-sqlite3') return db;
  const inside = new AsyncLocalStorage<object>();
  /** The open transaction's token (null: none), and a promise settled when it ends. */
  let open: { token: object; ended: Promise<void> } | null = null;
  /** Top-level transactions, in the order they asked. */
  let queue: Promise<void> = Promise.resolve();

  const ours = () => open !== null && inside.getStore() === open.token;
  const waitForOpen = async () => {
    while (open && !ours()) await open.ended;
  };

  const runner = db.driver.createQueryRunner('master') as QueryRunner;
  const query = runner.query.bind(runner) as QueryRunner['query'];
  runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
    if (open && !ours()) await waitForOpen();
    return query(...args);
  }) as QueryRunner['query'];

  const manager = db.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = async (...args: unknown[]) => {
    if (ours()) return transaction(...args);
    const turn = queue.then(waitForOpen);
    let done!: () => void;
    const ended = new Promise<void>((resolve) => (done = resolve));
    queue = turn.then(() => ended);
    await turn;
    const token = {};
    open = { token, ended };
    try {
      return await inside.run(token, () => transaction(...args));
    } finally {
      open = null;
      done();
    }
  };
  return db;
}
