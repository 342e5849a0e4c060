import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Session tokens start with this (API keys with `KEY_PREFIX`), so a token's kind is known without a lookup. */
export const SESSION_PREFIX = 'ojs_';
export const KEY_PREFIX = 'ojk_';

/** A new opaque token: `prefix` + 32 random bytes, base64url (256 bits of entropy). */
export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Hex SHA-256 of a token. Right for high-entropy random tokens (nothing to brute-force), unlike
 * passwords, which get argon2id.
 */
export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** SHA-256 of a secret as bytes: what `safeEqual` compares (see `matchesDigest`). */
export function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant-time comparison of two secrets of any length. */
export function safeEqual(a: string, b: string): boolean {
  return matchesDigest(a, secretDigest(b));
}

/** `safeEqual(a, b)` with `b`'s `secretDigest` computed once beforehand (a secret checked on every request). */
export function matchesDigest(a: string, digest: Buffer): boolean {
  return timingSafeEqual(secretDigest(a), digest);
}

/**
 * The credential of a request: `Authorization: Bearer <token>`, else Judge0's `X-Auth-Token`,
 * else (WebSocket upgrades from browsers) `?token=`. Undefined when none is given.
 */
export function tokenOf(headers: Record<string, string | string[] | undefined>, url?: string): string | undefined {
  const auth = first(headers.authorization);
  const bearer = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
  if (bearer) return bearer;
  if (auth) return auth.trim(); // a malformed header is still a credential (and an invalid one)
  const x = first(headers['x-auth-token'])?.trim();
  if (x) return x;
  if (url) {
    const q = new URL(url, 'http://localhost').searchParams.get('token');
    if (q) return q;
  }
  return undefined;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
