import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@app/config';
import { REDIS_CONNECTION } from '@app/pubsub';
import type { RedisClient } from '@app/redis';

/** The outcome of counting one request: what goes into the RateLimit-* headers. */
export interface RateLimitState {
  allowed: boolean;
  /** Requests allowed per window. */
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetS: number;
}

/**
 * `RATE_LIMIT_PER_MINUTE` requests per minute per key (an identity id, or `ip:<address>` for
 * anonymous callers), counted in Redis (rate-limiter-flexible, fixed one-minute windows) so every
 * gateway shares the count. While Redis fails, each gateway counts alone in memory (the
 * library's insurance limiter) rather than refusing or waving everything through.
 */
@Injectable()
export class RateLimitService {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS_CONNECTION) redis: RedisClient, private readonly config: AppConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: config.redisKeys.rateLimitPrefix,
      points: config.rateLimitPerMinute,
      duration: 60,
      insuranceLimiter: new RateLimiterMemory({ points: config.rateLimitPerMinute, duration: 60 }),
    });
  }

  /** Counts one request for `key`. */
  async consume(key: string): Promise<RateLimitState> {
    const limit = this.config.rateLimitPerMinute;
    try {
      const r = await this.limiter.consume(key);
      return { allowed: true, limit, remaining: r.remainingPoints, resetS: Math.max(1, Math.ceil(r.msBeforeNext / 1000)) };
    } catch (e) {
      if (e instanceof RateLimiterRes) return { allowed: false, limit, remaining: 0, resetS: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
      throw e;
    }
  }
}
