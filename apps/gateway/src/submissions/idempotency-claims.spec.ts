import { HttpException } from '@nestjs/common';
import type { RedisClient } from '@app/redis';
import { IdempotencyClaims, PENDING_RENEW_MS, PENDING_STALE_MS } from './idempotency-claims';

/** The three Redis calls the claims make (SET NX EX, GET, the compare-and-swap script), over a Map. */
function fakeRedis() {
  const values = new Map<string, string>();
  const redis = {
    values,
    set: jest.fn(async (key: string, value: string, _ex: string, _ttl: number, nx?: string) => {
      if (nx === 'NX' && values.has(key)) return null;
      values.set(key, value);
      return 'OK';
    }),
    get: jest.fn(async (key: string) => values.get(key) ?? null),
    eval: jest.fn(async (_script: string, _n: number, key: string, expected: string, next: string) => {
      if (values.get(key) !== expected) return 0;
      if (next === '') values.delete(key);
      else values.set(key, next);
      return 1;
    }),
  };
  return redis;
}

function setup(saved: string[] = []) {
  const redis = fakeRedis();
  let now = 1_000_000;
  const exists = jest.fn(async (id: string) => saved.includes(id));
  const claims = new IdempotencyClaims(redis as unknown as RedisClient, exists, () => now);
  return { claims, redis, exists, saved, tick: (ms: number) => (now += ms) };
}

const statusOf = (e: unknown) => (e instanceof HttpException ? e.getStatus() : e);

describe(IdempotencyClaims.name, () => {
  afterEach(() => jest.useRealTimers());

  it('a free key is held as pending, then answers the saved submission; a refused one frees it', async () => {
    const { claims, redis, saved } = setup();
    const first = await claims.claim('k', 'a');
    expect('held' in first).toBe(true);
    expect(redis.values.get('k')).toBe('pending:a:1000000');
    saved.push('a');
    await (first as { held: { saved(): Promise<void> } }).held.saved();
    expect(redis.values.get('k')).toBe('a');
    expect(await claims.claim('k', 'b')).toEqual({ replay: 'a' });
    const other = await claims.claim('k2', 'c');
    await (other as { held: { release(): Promise<void> } }).held.release();
    expect(redis.values.has('k2')).toBe(false);
  });

  it('while the first is being saved: 409; once it is saved, even if its holder died before saying so: a replay, and the claim is settled', async () => {
    const { claims, redis, saved, tick } = setup();
    await claims.claim('k', 'a');
    expect(statusOf(await claims.claim('k', 'b').catch((e) => e))).toBe(409);
    saved.push('a');
    tick(10 * PENDING_STALE_MS);
    expect(await claims.claim('k', 'c')).toEqual({ replay: 'a' });
    expect(redis.values.get('k')).toBe('a');
  });

  it('a pending claim whose holder is gone (stale, nothing saved) is taken over by exactly one of the retries', async () => {
    const { claims, tick } = setup();
    await claims.claim('k', 'dead');
    tick(PENDING_STALE_MS + 1);
    const answers = await Promise.allSettled(['b', 'c', 'd'].map((id) => claims.claim('k', id)));
    expect(answers.filter((a) => a.status === 'fulfilled' && 'held' in a.value)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 'rejected').map((a) => statusOf((a as PromiseRejectedResult).reason))).toEqual([409, 409]);
  });

  it('a key whose submission was deleted is taken over by exactly one of concurrent retries (compare-and-swap)', async () => {
    const { claims, redis } = setup();
    redis.values.set('k', 'deleted');
    const answers = await Promise.allSettled(['b', 'c', 'd', 'e'].map((id) => claims.claim('k', id)));
    expect(answers.filter((a) => a.status === 'fulfilled' && 'held' in a.value)).toHaveLength(1);
    expect(answers.every((a) => a.status === 'fulfilled' || statusOf((a as PromiseRejectedResult).reason) === 409)).toBe(true);
  });

  it('a holder renews its claim while saving, so a slow save is never taken as dead', async () => {
    jest.useFakeTimers();
    const { claims, redis, tick } = setup();
    await claims.claim('k', 'slow');
    for (let i = 0; i < 5; i++) {
      tick(PENDING_RENEW_MS);
      jest.advanceTimersByTime(PENDING_RENEW_MS);
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(redis.values.get('k')).toBe(`pending:slow:${1_000_000 + 5 * PENDING_RENEW_MS}`);
    expect(statusOf(await claims.claim('k', 'b').catch((e) => e))).toBe(409);
  });

  it('Redis unreachable: 503, never a submission made without the check', async () => {
    const { claims, redis } = setup();
    redis.set.mockRejectedValueOnce(new Error('Connection is closed.'));
    expect(statusOf(await claims.claim('k', 'a').catch((e) => e))).toBe(503);
  });
});
