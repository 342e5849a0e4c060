import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { environment, EnvironmentVariables } from './environment';
import { RedisKeys } from './redis-keys';

/** Parsed `redis://[user:password@]host:port[/db]`. */
export interface RedisOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: object;
}

/** Typed getters over the validated environment. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  /** For bootstrap code that needs settings before the Nest container exists. */
  static fromEnvironment(): AppConfig {
    const env = environment();
    return new AppConfig({ get: (key: keyof EnvironmentVariables) => env[key] } as ConfigService<EnvironmentVariables, true>);
  }

  private get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.config.get(key, { infer: true });
  }

  get port(): number { return this.get('PORT'); }
  get redisNamespace(): string { return this.get('REDIS_NAMESPACE'); }
  /** Key and channel names in this stack's namespace. */
  get redisKeys(): RedisKeys { return new RedisKeys(this.redisNamespace); }
  get judgeConcurrency(): number { return this.get('JUDGE_CONCURRENCY'); }
  get judgeWorkDir(): string { return resolve(this.get('JUDGE_WORK_DIR')); }
  get judgeBoxUid(): number { return this.get('JUDGE_BOX_UID'); }
  /** CPU time limit of a compilation, ms; its wall limit is twice this. */
  get judgeCompileTimeLimitMs(): number { return this.get('JUDGE_COMPILE_TIME_LIMIT_MS'); }
  get logLevel(): string { return this.get('LOG_LEVEL'); }
  get adminToken(): string | undefined { return this.get('ADMIN_TOKEN'); }
  get recoveryStaleMs(): number { return this.get('RECOVERY_STALE_MS'); }
  get recoveryIntervalMs(): number { return this.get('RECOVERY_INTERVAL_MS'); }
  /** BullMQ timings of the judges' queue consumer (see EnvironmentVariables): ms, ms, count. */
  get judgeQueue(): { lockMs: number; stalledIntervalMs: number; maxStalled: number } {
    return { lockMs: this.get('JUDGE_LOCK_MS'), stalledIntervalMs: this.get('JUDGE_STALLED_INTERVAL_MS'), maxStalled: this.get('JUDGE_MAX_STALLED') };
  }
  /** How long a judge's SIGTERM waits for the jobs it runs, ms. */
  get judgeShutdownMs(): number { return this.get('JUDGE_SHUTDOWN_MS'); }
  /** How long a judge retries a write while the database is unreachable, ms. */
  get judgeDbRetryMs(): number { return this.get('JUDGE_DB_RETRY_MS'); }
  /** WebSocket heartbeat period, ms, and most bytes queued per client. */
  get ws(): { pingIntervalMs: number; maxBufferedBytes: number } {
    return { pingIntervalMs: this.get('WS_PING_INTERVAL_MS'), maxBufferedBytes: this.get('WS_MAX_BUFFERED_BYTES') };
  }
  get webDir(): string { return resolve(this.get('WEB_DIR')); }
  get registration(): 'open' | 'admin' { return this.get('REGISTRATION'); }
  get sessionTtlMs(): number { return this.get('SESSION_TTL_MS'); }
  get rateLimitPerMinute(): number { return this.get('RATE_LIMIT_PER_MINUTE'); }
  get maxQueuedPerUser(): number { return this.get('MAX_QUEUED_PER_USER'); }
  get maxBodyBytes(): number { return this.get('MAX_BODY_BYTES'); }
  get maxBodyDepth(): number { return this.get('MAX_BODY_DEPTH'); }
  /** Caps of a problem package zip: bytes (in all, per file), entries, inflated bytes per zip byte. */
  get packageLimits(): { maxUnpackedBytes: number; maxFileBytes: number; maxEntries: number; maxRatio: number } {
    return {
      maxUnpackedBytes: this.get('PACKAGE_MAX_UNPACKED_BYTES'),
      maxFileBytes: this.get('PACKAGE_MAX_FILE_BYTES'),
      maxEntries: this.get('PACKAGE_MAX_ENTRIES'),
      maxRatio: this.get('PACKAGE_MAX_RATIO'),
    };
  }
  /** CORS origins: `[]` (no CORS), `['*']` (any), or the listed origins. */
  get corsOrigins(): string[] {
    return (this.get('CORS_ORIGINS') ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  }
  get dataDir(): string { return resolve(this.get('DATA_DIR')); }
  get problemsDirs(): string[] {
    return this.get('PROBLEMS_DIRS').split(':').map((d) => d.trim()).filter(Boolean).map((d) => resolve(d));
  }

  get redis(): RedisOptions { return parseRedisUrl(this.get('REDIS_URL')); }

  /** `{ type: 'postgres', url, schema }` or `{ type: 'sqlite', path }`. */
  get database(): { type: 'postgres'; url: string; schema: string } | { type: 'sqlite'; path: string } {
    const url = this.get('DATABASE_URL');
    if (url && /^postgres/.test(url)) return { type: 'postgres', url, schema: this.get('DATABASE_SCHEMA') };
    if (url && url.startsWith('sqlite:')) return { type: 'sqlite', path: resolve(url.slice('sqlite:'.length)) };
    return { type: 'sqlite', path: resolve(this.dataDir, 'judge.sqlite') };
  }
}

/** Parses a Redis URL into ioredis options. */
export function parseRedisUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number(u.pathname.replace('/', '') || 0),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
