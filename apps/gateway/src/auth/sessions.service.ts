import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { REDIS_CONNECTION } from '@app/pubsub';
import { deleteKeys, RedisClient } from '@app/redis';
import { newToken, SESSION_PREFIX, sha256 } from './tokens';

/**
 * Login sessions as opaque random tokens kept in Redis under their SHA-256 (a Redis dump holds
 * no usable token). Every gateway reads the same keys, so a logout or a deleted user ends the
 * session everywhere at once. Keys: `<ns>:session:<hash>` → user id (expires after
 * `SESSION_TTL_MS`), `<ns>:user-sessions:<userId>` → set of that user's session hashes.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  private key(hash: string): string {
    return this.config.redisKeys.session(hash);
  }

  private userKey(userId: string): string {
    return this.config.redisKeys.userSessions(userId);
  }

  /** A new session for `userId`: the token (shown to the user once) and when it expires. */
  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken(SESSION_PREFIX);
    const hash = sha256(token);
    const ttl = this.config.sessionTtlMs;
    // Two keys of different slots on a cluster, so no MULTI: the user's set first, so a session
    // never exists that revokeAll cannot find (a failure in between leaves only a dead hash).
    await this.redis.sadd(this.userKey(userId), hash);
    await this.redis.pexpire(this.userKey(userId), ttl);
    await this.redis.set(this.key(hash), userId, 'PX', ttl);
    return { token, expiresAt: new Date(Date.now() + ttl) };
  }

  /** The user id of a live session, or null. */
  resolve(token: string): Promise<string | null> {
    return this.redis.get(this.key(sha256(token)));
  }

  /** Ends one session (logout). */
  async revoke(token: string): Promise<void> {
    const hash = sha256(token);
    const userId = await this.redis.get(this.key(hash));
    await this.redis.del(this.key(hash));
    if (userId) await this.redis.srem(this.userKey(userId), hash);
  }

  /** Ends every session of a user (deleted user). */
  async revokeAll(userId: string): Promise<void> {
    const hashes = await this.redis.smembers(this.userKey(userId));
    await deleteKeys(this.redis, [...hashes.map((h) => this.key(h)), this.userKey(userId)]);
  }
}
