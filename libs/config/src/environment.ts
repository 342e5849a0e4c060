import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { cpus } from 'node:os';

/** `host:port` (a name, IPv4, or IPv6 in brackets), comma-separated. */
const HOST_PORT_LIST = /^\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}(\s*,\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):\d{1,5})*\s*$/;

/** Variables without a default (unset is meaningful), read when given. */
const OPTIONAL = ['DATABASE_URL', 'ADMIN_TOKEN', 'CORS_ORIGINS', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS', 'CALLBACK_SECRET', 'CALLBACK_ALLOWED_HOSTS'];

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

  /**
   * Redis Cluster: the seed nodes, `host:port,host:port,…` (any few masters or replicas; the rest
   * is discovered). Set: every connection is an ioredis `Cluster`; user, password and TLS still
   * come from `REDIS_URL` (its host and port are then unused, its db must be 0).
   */
  @IsOptional() @IsString() @Matches(HOST_PORT_LIST, { message: 'REDIS_CLUSTER_NODES must be host:port[,host:port…]' })
  REDIS_CLUSTER_NODES?: string;

  /**
   * Redis Sentinel: the sentinels, `host:port,host:port,…`. Set: every connection asks them for
   * the master named `REDIS_SENTINEL_NAME` and follows its failovers; user, password, db and TLS
   * of the master come from `REDIS_URL` (its host and port are then unused).
   */
  @IsOptional() @IsString() @Matches(HOST_PORT_LIST, { message: 'REDIS_SENTINELS must be host:port[,host:port…]' })
  REDIS_SENTINELS?: string;

  /** The master group the sentinels watch (`sentinel monitor <name> …`). */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'REDIS_SENTINEL_NAME must be 1-64 of A-Z a-z 0-9 _ . -' })
  REDIS_SENTINEL_NAME = 'mymaster';

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

  /**
   * Submissions whose programs run at once per judge process: its CPU slots, each held by one
   * submission from `compiling` to its last test. Default the CPU count, at most 64 (the most
   * it may be set to): a bigger machine runs several judge processes (docs/deployment.md).
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(64)
  JUDGE_CONCURRENCY = Math.min(64, Math.max(1, cpus().length));

  /**
   * Submissions one judge process takes from the queue at once: while some are read or their
   * verdicts saved, others' programs run in the CPU slots. Default 2 × JUDGE_CONCURRENCY
   * (AppConfig.judgeInFlight); at least JUDGE_CONCURRENCY.
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(256)
  JUDGE_IN_FLIGHT?: number;

  /**
   * Warm boxes a judge keeps at most: boxes whose namespaces and mounts were made ahead, each
   * waiting for one run (docs/sandbox.md, "Warm boxes"); 0 turns them off. Only a judge running
   * as root uses them. Default 3 × the CPUs, at most 64.
   */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(0) @Max(64)
  JUDGE_WARM_BOXES = Math.min(64, Math.max(1, cpus().length) * 3);

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

  /** Most files in one submission (`files[]`). More: 400 naming `files`. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(1000)
  SUBMISSION_MAX_FILES = 100;

  /** Most bytes of one file of a submission (`files[]`, after base64 decoding). More: 400 naming the file. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1024) @Max(64 * 1024 * 1024)
  SUBMISSION_MAX_FILE_BYTES = 256 * 1024;

  /** Most bytes of all files of a submission together (after decoding). More: 400 naming `files`. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1024) @Max(64 * 1024 * 1024)
  SUBMISSION_MAX_TOTAL_BYTES = 1024 * 1024;

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

  /**
   * Key of the HMAC-SHA256 signature of result callbacks (`X-Judge0-Signature: sha256=<hex>` over
   * the body; docs/judge0.md). Unset: callbacks are sent unsigned.
   */
  @IsOptional() @IsString() @Matches(/^\S{16,}$/, { message: 'CALLBACK_SECRET must be at least 16 characters without spaces' })
  CALLBACK_SECRET?: string;

  /** Deliveries of one result callback in all (the first and its retries, with exponential backoff from 1 s). */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(20)
  CALLBACK_MAX_TRIES = 3;

  /** How long one callback delivery may take, ms. */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(100) @Max(60_000)
  CALLBACK_TIMEOUT_MS = 5000;

  /**
   * Hosts (names or addresses, comma-separated) callbacks may reach although they are loopback,
   * private, link-local or otherwise not public (SSRF guard); unset: only public addresses.
   */
  @IsOptional() @IsString() @Matches(/^[\w.:\[\]-]+(\s*,\s*[\w.:\[\]-]+)*$/, { message: 'CALLBACK_ALLOWED_HOSTS must be a comma-separated list of host names or addresses' })
  CALLBACK_ALLOWED_HOSTS?: string;

  /** Judge0-compatible API: past this many submissions waiting in the queue, `POST /judge0/submissions` answers 503 (Judge0's MAX_QUEUE_SIZE). */
  @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt() @Min(1) @Max(100_000_000)
  JUDGE0_MAX_QUEUE_SIZE = 100;

  /** Judge0-compatible API: `DELETE /judge0/submissions/:token` allowed (Judge0's ENABLE_SUBMISSION_DELETE). */
  @IsOptional() @IsIn(['true', 'false'], { message: 'JUDGE0_ENABLE_SUBMISSION_DELETE must be true or false' })
  JUDGE0_ENABLE_SUBMISSION_DELETE: 'true' | 'false' = 'false';
}

/** Validates `env` (default `process.env`); throws an Error listing every bad variable by name. */
export function validateEnvironment(env: Record<string, unknown> = process.env): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables());
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => (known.includes(k) || OPTIONAL.includes(k)) && v !== undefined && v !== ''),
  );
  const config = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(picked[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (config.REDIS_CLUSTER_NODES && config.REDIS_SENTINELS) {
    lines.push(`  REDIS_SENTINELS=${JSON.stringify(config.REDIS_SENTINELS)}: REDIS_SENTINELS and REDIS_CLUSTER_NODES cannot both be set (a Redis is either a cluster or watched by sentinels)`);
  }
  if (config.REDIS_CLUSTER_NODES && /^rediss?:\/\/[^/]*\/[1-9]/.test(config.REDIS_URL)) {
    lines.push(`  REDIS_URL=${JSON.stringify(config.REDIS_URL)}: a Redis Cluster has only db 0; drop the /db from REDIS_URL`);
  }
  if (lines.length > 0) {
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return config;
}

let cached: EnvironmentVariables | undefined;
/** The validated environment of this process (validated on first use). */
export function environment(): EnvironmentVariables {
  return (cached ??= validateEnvironment());
}
