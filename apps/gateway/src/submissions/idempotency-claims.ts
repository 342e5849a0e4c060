import { ConflictException, ServiceUnavailableException } from '@nestjs/common';
import type { RedisClient } from '@app/redis';

/** How long an `Idempotency-Key` is remembered, seconds (24 h). */
export const IDEMPOTENCY_TTL_S = 86_400;

/** A pending claim whose holder showed no sign of life for this long is taken as dead, ms. */
export const PENDING_STALE_MS = 30_000;

/** How often a request that holds a pending claim renews it while its submission is being saved, ms. */
export const PENDING_RENEW_MS = 10_000;

/** Replaces the key's value only if it is still `ARGV[1]`: with `ARGV[2]` (expiring in `ARGV[3]` s), or deletes it when `ARGV[2]` is empty. */
const SWAP = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1`;

const STILL_SAVING = 'Idempotency-Key: the first request with this key is still being processed; retry with the same key';

/** A claim this request holds while its submission is saved. */
export interface HeldClaim {
  /** The submission is saved: the key answers it from now on (24 h). */
  saved(): Promise<void>;
  /** The submission was refused: the key is free again. */
  release(): Promise<void>;
}

/**
 * Idempotency-Key claims in Redis, one key per identity and Idempotency-Key (`claimKey`). The
 * value is `pending:<id>:<ms>` while submission `<id>` is being saved (`<ms>`: its holder's last
 * sign of life, renewed every `PENDING_RENEW_MS`) and `<id>` once saved; every change is a
 * compare-and-swap, so two requests never both hold one key.
 *
 * `claim` answers, for a request that would make submission `id`:
 * - `{ held }`: the key was free (or its holder is gone: a pending claim older than
 *   `PENDING_STALE_MS` whose submission is not saved, or a saved one whose submission was
 *   deleted): this request makes its submission.
 * - `{ replay }`: the key's submission exists (saved, even if its holder died before saying so):
 *   answer it again, create nothing.
 * @throws ConflictException (409: the first request is still being saved; retry with the same key),
 * ServiceUnavailableException (Redis unreachable: accepting without the check could make a second
 * submission)
 */
export class IdempotencyClaims {
  constructor(
    private readonly redis: RedisClient,
    private readonly exists: (submissionId: string) => Promise<boolean>,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(claimKey: string, id: string): Promise<{ held: HeldClaim } | { replay: string }> {
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        const mine = this.pending(id);
        if ((await this.redis.set(claimKey, mine, 'EX', IDEMPOTENCY_TTL_S, 'NX')) === 'OK') return { held: this.held(claimKey, id, mine) };
        const holder = await this.redis.get(claimKey);
        if (holder === null) continue; // freed meanwhile
        const pending = /^pending:(.+):(\d+)$/.exec(holder);
        const first = pending ? pending[1] : holder;
        if (await this.exists(first)) {
          // Saved: a pending claim whose holder died before saying so is settled here.
          if (pending) await this.swap(claimKey, holder, first);
          return { replay: first };
        }
        if (pending && this.now() - Number(pending[2]) < PENDING_STALE_MS) throw new ConflictException(STILL_SAVING);
        // Its holder is gone without saving, or its submission was deleted: take the key over.
        if (await this.swap(claimKey, holder, mine)) return { held: this.held(claimKey, id, mine) };
      }
    } catch (e) {
      if (e instanceof ConflictException) throw e;
      throw new ServiceUnavailableException('Idempotency-Key cannot be checked right now (Redis unreachable); retry with the same key');
    }
    throw new ConflictException(STILL_SAVING);
  }

  private pending(id: string): string {
    return `pending:${id}:${this.now()}`;
  }

  private held(claimKey: string, id: string, first: string): HeldClaim {
    let current = first;
    const renew = setInterval(() => {
      const next = this.pending(id);
      this.swap(claimKey, current, next).then((ok) => ok && (current = next), () => undefined);
    }, PENDING_RENEW_MS);
    renew.unref();
    const settle = async (value: string) => {
      clearInterval(renew);
      // Should Redis fail here: a saved submission is still found by the next claim (exists), a refused one's claim goes stale.
      await this.swap(claimKey, current, value).catch(() => undefined);
    };
    return { saved: () => settle(id), release: () => settle('') };
  }

  private async swap(claimKey: string, expected: string, next: string): Promise<boolean> {
    return (await this.redis.eval(SWAP, 1, claimKey, expected, next, String(IDEMPOTENCY_TTL_S))) === 1;
  }
}
