import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { cpus } from 'node:os';

/**
 * The process environment, as one validated class. This is the only place that reads
 * `process.env`; everything else asks `AppConfig`. Validation runs once at boot and throws an
 * Error naming each bad variable (brocoders' validate-config habit).
 */
export class EnvironmentVariables {
  /** Gateway HTTP + WebSocket port. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString() @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must look like redis://host:port[/db]' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key and channel the stack uses: stacks with different ones share a Redis safely. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'REDIS_NAMESPACE must be 1-40 of A-Z a-z 0-9 _ . -' })
  REDIS_NAMESPACE = 'oj';

  /** `postgres://…` for PostgreSQL; unset for the embedded SQLite file `DATA_DIR/judge.sqlite`. */
  @IsOptional() @IsString() @Matches(/^(postgres(ql)?:\/\/\S+|sqlite:\S+)$/, { message: 'DATABASE_URL must be postgres://… or sqlite:<path>' })
  DATABASE_URL?: string;

  /** Schema for PostgreSQL tables (lets tests and several stacks share one database). */
  @IsOptional() @IsString() @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA = 'public';

  @IsOptional() @IsString()
  DATA_DIR = './data';

  /** Runs at once per judge process. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(64)
  JUDGE_CONCURRENCY = Math.max(1, cpus().length);

  /** Host folder where judges keep per-submission work folders (wiped after each submission). */
  @IsOptional() @IsString()
  JUDGE_WORK_DIR = '/tmp/oj-judge';

  /** First host uid of the unprivileged box users; box slot k runs as uid/gid `JUDGE_BOX_UID + k`. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1000) @Max(4_000_000_000)
  JUDGE_BOX_UID = 60000;

  /**
   * CPU time a compilation may use, ms (its wall limit is twice this). Raise it on slow or
   * emulated machines (the cgroup-v2 test guest runs under QEMU's emulation, ~15× slower).
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1000) @Max(3_600_000)
  JUDGE_COMPILE_TIME_LIMIT_MS = 15000;

  /** Folders of ICPC/Kattis problem packages the gateway imports on start (`:`-separated). */
  @IsOptional() @IsString()
  PROBLEMS_DIRS = 'examples/problems';

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Folder of the built web app (`npm run build` writes it); the gateway serves it at `/` when it holds an index.html. */
  @IsOptional() @IsString()
  WEB_DIR = 'dist/apps/web';

  /**
   * A bearer token with the admin role (`Authorization: Bearer <token>` or `X-Auth-Token`), to
   * bootstrap a deployment: create users and API keys with it. Unset: no such token.
   */
  @IsOptional() @IsString() @Matches(/^\S{16,}$/, { message: 'ADMIN_TOKEN must be at least 16 characters without spaces' })
  ADMIN_TOKEN?: string;

  /** Largest JSON request body, bytes (REST). Larger: 413. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  MAX_BODY_BYTES = 64 * 1024 * 1024;

  /** Deepest nesting of objects and arrays in a JSON request body or WebSocket frame. Deeper: 400 / error frame. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(4) @Max(1000)
  MAX_BODY_DEPTH = 32;

  /** Problem package import: most bytes inflated from one zip in all (counted while unpacking). */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1024) @Max(64 * 1024 * 1024 * 1024)
  PACKAGE_MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

  /** Problem package import: most bytes inflated from one file of the zip. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1024) @Max(16 * 1024 * 1024 * 1024)
  PACKAGE_MAX_FILE_BYTES = 128 * 1024 * 1024;

  /** Problem package import: most entries (files, folders, links) in one zip. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(1_000_000)
  PACKAGE_MAX_ENTRIES = 10000;

  /**
   * Problem package import: most bytes inflated per compressed byte read (the compression ratio,
   * counted while unpacking; checked once more than 1 MiB has been inflated). Deflate stops near
   * 1030:1, so the default refuses no honest zip; lower it to refuse very compressible uploads.
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(1_000_000)
  PACKAGE_MAX_RATIO = 1100;

  /** Origins allowed to call the API from a browser (CORS), comma-separated, or `*`. Unset: no CORS headers. */
  @IsOptional() @IsString() @Matches(/^\s*(\*|[a-z][a-z0-9+.-]*:\/\/[^\s,]+(\s*,\s*[a-z][a-z0-9+.-]*:\/\/[^\s,]+)*)\s*$/i, {
    message: 'CORS_ORIGINS must be * or a comma-separated list of origins such as https://judge.example.org',
  })
  CORS_ORIGINS?: string;

  /** Gateways re-queue unfinished submissions not updated for this long (and not waiting or running in the queue), ms. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(100) @Max(3_600_000)
  RECOVERY_STALE_MS = 20000;

  /** How often each gateway sweeps for such submissions, ms. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(100) @Max(3_600_000)
  RECOVERY_INTERVAL_MS = 10000;

  /**
   * How long a judge holds a job without renewing its lock, ms (BullMQ `lockDuration`; renewed
   * every half of it while the judge lives). A killed judge's job is handed to another judge at
   * most this plus `JUDGE_STALLED_INTERVAL_MS` later.
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(500) @Max(600_000)
  JUDGE_LOCK_MS = 10000;

  /** How often each judge looks for jobs whose lock expired (their judge died), ms (BullMQ `stalledInterval`). */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(200) @Max(600_000)
  JUDGE_STALLED_INTERVAL_MS = 5000;

  /**
   * How many times a job may lose its judge (killed, crashed) and still be judged again (BullMQ
   * `maxStalledCount`); one more and the submission ends `IE` (a poison submission).
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(0) @Max(100)
  JUDGE_MAX_STALLED = 2;

  /**
   * On SIGTERM a judge stops taking jobs and waits this long for the ones it runs, ms; then it
   * hands them back to the queue (another judge starts them over) and exits.
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(0) @Max(3_600_000)
  JUDGE_SHUTDOWN_MS = 30000;

  /** How long a judge keeps retrying a database write that fails because the database is unreachable, ms (backoff from 100 ms up to 5 s). */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(0) @Max(3_600_000)
  JUDGE_DB_RETRY_MS = 120000;

  /** WebSocket heartbeat: the gateway pings every client this often, ms, and drops one that has not answered the previous ping. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(100) @Max(600_000)
  WS_PING_INTERVAL_MS = 30000;

  /** Most bytes queued for one WebSocket client (ws `bufferedAmount`); a client that reads slower is closed with 4008. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  WS_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

  /** Who may create users: `open` (anyone, as role `user`) or `admin` (admins only). */
  @IsOptional() @IsIn(['open', 'admin'], { message: 'REGISTRATION must be open or admin' })
  REGISTRATION: 'open' | 'admin' = 'admin';

  /** How long a login session lasts without a logout, ms (default 7 days). */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(60_000) @Max(90 * 86_400_000)
  SESSION_TTL_MS = 7 * 86_400_000;

  /** Requests per minute per identity (per IP when anonymous), counted across every gateway; admins are unlimited. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(100_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Unfinished (queued or running) submissions one identity may have at once; admins are unlimited. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(100_000_000)
  MAX_QUEUED_PER_USER = 50;
}

/** Validates `env` (default `process.env`); throws an Error listing every bad variable by name. */
export function validateEnvironment(env: Record<string, unknown> = process.env): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables());
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => (known.includes(k) || k === 'DATABASE_URL' || k === 'ADMIN_TOKEN' || k === 'CORS_ORIGINS') && v !== undefined && v !== ''),
  );
  const config = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(picked[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return config;
}

let cached: EnvironmentVariables | undefined;
/** The validated environment of this process (validated on first use). */
export function environment(): EnvironmentVariables {
  return (cached ??= validateEnvironment());
}
