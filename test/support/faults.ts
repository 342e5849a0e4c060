// Helpers of the fault specs (apps/*/test/faults-*.e2e-spec.ts): a private PostgreSQL schema with
// a history of every write, a redis-server of the spec's own that it may kill and restart, a TCP
// proxy that makes a database unreachable on demand, and a process's memory.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';

/** A free TCP port on 127.0.0.1 (free when asked). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The PostgreSQL the specs share (trust auth), overridable with E2E_POSTGRES_URL. */
export const POSTGRES_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Resident memory of process `pid`, KiB (Linux /proc). */
export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/**
 * Every write to `<schema>.submission`, kept by a trigger in `<schema>.submission_history`
 * (id, revision, status, verdict, judgeId, at): what the database held, in order. Call once the
 * schema is migrated (a gateway has started).
 */
export async function recordSubmissionHistory(pg: Client, schema: string): Promise<void> {
  await pg.query(`
    CREATE TABLE IF NOT EXISTS "${schema}".submission_history (n bigserial PRIMARY KEY, id varchar(36), revision int, status varchar(16), verdict varchar(4), "judgeId" varchar(100), at timestamptz DEFAULT clock_timestamp());
    CREATE OR REPLACE FUNCTION "${schema}".keep_submission_history() RETURNS trigger AS $$
    BEGIN
      INSERT INTO "${schema}".submission_history (id, revision, status, verdict, "judgeId") VALUES (NEW.id, NEW.revision, NEW.status, NEW.verdict, NEW."judgeId");
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS keep_history ON "${schema}".submission;
    CREATE TRIGGER keep_history AFTER INSERT OR UPDATE ON "${schema}".submission FOR EACH ROW EXECUTE FUNCTION "${schema}".keep_submission_history();
  `);
}

/** Rows of the history, per submission, in write order. */
export async function submissionHistory(pg: Client, schema: string): Promise<Map<string, Array<{ revision: number; status: string; verdict: string | null; judgeId: string | null }>>> {
  const { rows } = await pg.query(`SELECT id, revision, status, verdict, "judgeId" FROM "${schema}".submission_history ORDER BY n`);
  const byId = new Map<string, Array<{ revision: number; status: string; verdict: string | null; judgeId: string | null }>>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), { revision: r.revision, status: r.status, verdict: r.verdict, judgeId: r.judgeId }]);
  return byId;
}

/**
 * Persistence of a spec's own redis-server: `aof` (appendonly, fsync every second), `rdb`
 * (snapshots only: `snapshot()` makes one; the automatic rule is once an hour, so what came
 * after the last snapshot is lost in a crash, as between a production server's snapshots), `none`.
 */
export type RedisPersistence = 'aof' | 'rdb' | 'none';

/**
 * A redis-server of the spec's own on `port` (never the shared one on 6379), keeping its files
 * in `dir`. `kill()` is a crash (SIGKILL: nothing more is written); `start()` again reloads what
 * the persistence mode kept.
 */
export class OwnRedis {
  private child?: ChildProcess;

  constructor(readonly port: number, readonly dir: string, readonly persistence: RedisPersistence) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const persistence = this.persistence === 'aof' ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '']
      : this.persistence === 'rdb' ? ['--appendonly', 'no', '--save', '3600 1']
        : ['--appendonly', 'no', '--save', ''];
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, ...persistence], { stdio: 'ignore' });
    const client = new Redis({ port: this.port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    for (let i = 0; ; i++) {
      try {
        await client.connect();
        // Loading the AOF or RDB file answers LOADING until done.
        if ((await client.ping()) === 'PONG') break;
      } catch {
        if (i > 100) throw new Error(`redis-server on ${this.port} did not answer`);
        client.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    client.disconnect();
  }

  /** Asks for an RDB snapshot now and waits for it (BGSAVE). */
  async snapshot(): Promise<void> {
    const client = new Redis({ port: this.port, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    const before = Number(await client.lastsave());
    await client.bgsave();
    while (Number(await client.lastsave()) === before) await new Promise((r) => setTimeout(r, 100));
    client.disconnect();
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(signal);
    await exited;
  }
}

/**
 * A TCP proxy on 127.0.0.1 to `target`: `stop()` refuses new connections (ECONNREFUSED) and cuts
 * the open ones, as a database server that went away; `start()` lets them through again.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(readonly port: number, readonly target: { host: string; port: number }) {}

  /** Listens (again); a no-op while listening. */
  async start(): Promise<void> {
    if (this.server?.listening) return;
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    if (!this.server?.listening) return;
    const closed = new Promise((r) => this.server!.close(r));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
