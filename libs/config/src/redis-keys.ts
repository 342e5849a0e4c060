/**
 * Every Redis key, key pattern and channel name the stack uses, all under one namespace
 * (`REDIS_NAMESPACE`, default `oj`): stacks with different namespaces share a Redis without
 * seeing each other's data or hearing each other's events. The one place these names are made.
 */
export class RedisKeys {
  /**
   * `clustered`: the stack runs on a Redis Cluster, where every key of one BullMQ queue must
   * hash to one slot (its Lua scripts touch several keys at once), so `queuePrefix` carries a
   * hash tag.
   */
  constructor(readonly namespace: string, readonly clustered = false) {}

  /** A pub/sub channel or message pattern, e.g. `oj:submission.updated`, `oj:languages.list`. */
  channel(name: string): string {
    return `${this.namespace}:${name}`;
  }

  /**
   * BullMQ's key prefix: a queue's keys are `<ns>:bull:<queue>:*`, on a cluster
   * `<ns>:{bull}:<queue>:*` (the hash tag `{bull}` puts them in one slot, as BullMQ requires
   * there). Standalone and sentinel deployments keep the untagged names, so upgrading one never
   * strands the jobs already queued under them.
   */
  get queuePrefix(): string {
    return this.clustered ? `${this.namespace}:{bull}` : `${this.namespace}:bull`;
  }

  /** The gateway's cached view of one problem. */
  problem(id: string): string {
    return `${this.namespace}:cache:problem:${id}`;
  }

  /** The gateway's cached problem list. */
  get problemList(): string {
    return `${this.namespace}:cache:problems`;
  }

  /** SCAN pattern of every cache key. */
  get cachePattern(): string {
    return `${this.namespace}:cache:*`;
  }

  /** A login session, by the SHA-256 of its token. */
  session(tokenHash: string): string {
    return `${this.namespace}:session:${tokenHash}`;
  }

  /** The set of a user's session hashes (to end them all when the user is deleted or changes role). */
  userSessions(userId: string): string {
    return `${this.namespace}:user-sessions:${userId}`;
  }

  /** Prefix of the per-identity rate-limit counters (rate-limiter-flexible adds `:<identity>`). */
  get rateLimitPrefix(): string {
    return `${this.namespace}:rate`;
  }

  /** An `Idempotency-Key` claim of one identity, by the SHA-256 of the key. */
  idempotency(ownerId: string, keyHash: string): string {
    return `${this.namespace}:idempotency:${ownerId}:${keyHash}`;
  }

  /** SCAN pattern of everything the stack keeps in Redis. */
  get everything(): string {
    return `${this.namespace}:*`;
  }
}
