import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ProblemView } from '@app/contracts';
import { REDIS_CONNECTION } from '@app/pubsub';
import { deleteKeys, RedisClient, scanKeys } from '@app/redis';

/** How long a cached problem lives without being written, seconds. */
export const PROBLEM_CACHE_TTL_S = 3600;

/**
 * Cache-aside in Redis for problem reads (the public view: never hidden test data). Every write
 * to a problem evicts its entry and the list, then puts the new view back, so a read after a
 * write never sees the old problem. Redis being down only costs the cache: reads fall through.
 */
@Injectable()
export class ProblemCache implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProblemCache.name);
  hits = 0;
  misses = 0;

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /**
   * Empties this namespace's cache at start: the database behind it may have been replaced
   * (a wiped data folder, a move to PostgreSQL) while the entries waited in Redis.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await deleteKeys(this.redis, await scanKeys(this.redis, this.config.redisKeys.cachePattern));
    } catch (e) {
      this.logger.warn(`cannot empty the problem cache: ${(e as Error).message}`);
    }
  }

  private key(id: string): string {
    return this.config.redisKeys.problem(id);
  }

  private get listKey(): string {
    return this.config.redisKeys.problemList;
  }

  /** The cached view, else `load()`'s (stored when not null). */
  async get(id: string, load: () => Promise<ProblemView | null>): Promise<ProblemView | null> {
    return this.through(this.key(id), load);
  }

  async list(load: () => Promise<ProblemView[]>): Promise<ProblemView[]> {
    return (await this.through(this.listKey, load)) ?? [];
  }

  /** After a write: evict, then re-populate with `view` (null: the problem is gone). */
  async written(id: string, view: ProblemView | null): Promise<void> {
    try {
      await deleteKeys(this.redis, [this.key(id), this.listKey]);
      if (view) await this.redis.set(this.key(id), JSON.stringify(view), 'EX', PROBLEM_CACHE_TTL_S);
    } catch (e) {
      // A stale entry must not outlive a failed eviction for long: fail loudly in the log.
      this.logger.error(`cannot evict problem ${id} from the cache: ${(e as Error).message}`);
    }
  }

  private async through<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    try {
      const cached = await this.redis.get(key);
      if (cached !== null) {
        this.hits++;
        return JSON.parse(cached) as T;
      }
    } catch (e) {
      this.logger.warn(`problem cache unavailable: ${(e as Error).message}`);
      return load();
    }
    this.misses++;
    const value = await load();
    if (value !== null) await this.redis.set(key, JSON.stringify(value), 'EX', PROBLEM_CACHE_TTL_S).catch(() => undefined);
    return value;
  }
}
