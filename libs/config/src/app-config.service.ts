import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { resolve } from 'node:path';
import { environment, EnvironmentVariables } from './environment';
import { RedisKeys } from './redis-keys';
import { redisTopology, RedisTopology } from './redis-topology';

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
  /** Key and channel names in this stack's namespace (BullMQ's prefix hash-tagged on a cluster). */
  get redisKeys(): RedisKeys { return new RedisKeys(this.redisNamespace, this.redisTopology.kind === 'cluster'); }
  get judgeConcurrency(): number { return this.get('JUDGE_CONCURRENCY'); }
  /** Submissions a judge works on at once: JUDGE_IN_FLIGHT, default 2 × JUDGE_CONCURRENCY, never fewer than JUDGE_CONCURRENCY. */
  get judgeInFlight(): number {
    const concurrency = this.judgeConcurrency;
    return Math.max(concurrency, this.get('JUDGE_IN_FLIGHT') ?? 2 * concurrency);
  }
  get judgeWarmBoxes(): number { return this.get('JUDGE_WARM_BOXES'); }
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
  /** HMAC key of result callbacks; undefined: unsigned. */
  get callbackSecret(): string | undefined { return this.get('CALLBACK_SECRET'); }
  get callbackMaxTries(): number { return this.get('CALLBACK_MAX_TRIES'); }
  get callbackTimeoutMs(): number { return this.get('CALLBACK_TIMEOUT_MS'); }
  /** Hosts callbacks may reach although not public, lower-case, without brackets. */
  get callbackAllowedHosts(): string[] {
    return (this.get('CALLBACK_ALLOWED_HOSTS') ?? '').split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter(Boolean);
  }
  get judge0MaxQueueSize(): number { return this.get('JUDGE0_MAX_QUEUE_SIZE'); }
  get judge0EnableSubmissionDelete(): boolean { return this.get('JUDGE0_ENABLE_SUBMISSION_DELETE') === 'true'; }
  get maxBodyBytes(): number { return this.get('MAX_BODY_BYTES'); }
  get maxBodyDepth(): number { return this.get('MAX_BODY_DEPTH'); }
  /** Caps on the files of one submission: count, bytes each, bytes in all (decoded). */
  get submissionFileCaps(): { maxFiles: number; maxFileBytes: number; maxTotalBytes: number } {
    return { maxFiles: this.get('SUBMISSION_MAX_FILES'), maxFileBytes: this.get('SUBMISSION_MAX_FILE_BYTES'), maxTotalBytes: this.get('SUBMISSION_MAX_TOTAL_BYTES') };
  }
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

  /** Standalone, cluster or sentinel, with everything needed to connect (`createRedisClient` in `@app/redis`). */
  get redisTopology(): RedisTopology {
    return redisTopology({
      REDIS_URL: this.get('REDIS_URL'),
      REDIS_CLUSTER_NODES: this.get('REDIS_CLUSTER_NODES'),
      REDIS_SENTINELS: this.get('REDIS_SENTINELS'),
      REDIS_SENTINEL_NAME: this.get('REDIS_SENTINEL_NAME'),
    });
  }

  /** `{ type: 'postgres', url, schema }` or `{ type: 'sqlite', path }`. */
  get database(): { type: 'postgres'; url: string; schema: string } | { type: 'sqlite'; path: string } {
    const url = this.get('DATABASE_URL');
    if (url && /^postgres/.test(url)) return { type: 'postgres', url, schema: this.get('DATABASE_SCHEMA') };
    if (url && url.startsWith('sqlite:')) return { type: 'sqlite', path: resolve(url.slice('sqlite:'.length)) };
    return { type: 'sqlite', path: resolve(this.dataDir, 'judge.sqlite') };
  }
}
