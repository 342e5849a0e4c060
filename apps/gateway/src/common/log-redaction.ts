import type { Options } from 'pino-http';

/** What a redacted value is replaced with in the log. */
export const CENSOR = '[redacted]';

/** Field names whose values are secrets wherever they appear in a logged object (case-insensitive). */
const SECRET_KEY = /^(password|passwd|newpassword|oldpassword|secret|token|accesstoken|refreshtoken|sessiontoken|apikey|api_key|key|authorization|cookie|set-cookie|x-auth-token)$/i;
/** Query parameters of a logged URL whose values are secrets. */
const SECRET_PARAM = /^(token|access_token|key|api_key|apikey|password|secret)$/i;

/** Headers pino-http logs with each request and answer that carry credentials. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-auth-token"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** `/ws?token=abc&x=1` → `/ws?token=[redacted]&x=1`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url.slice(q + 1).split('&').map((p) => {
    const eq = p.indexOf('=');
    let name = eq < 0 ? p : p.slice(0, eq);
    try {
      name = decodeURIComponent(name);
    } catch {
      /* keep as is */
    }
    return eq >= 0 && SECRET_PARAM.test(name) ? `${p.slice(0, eq)}=${CENSOR}` : p;
  });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** Replaces `Bearer <token>` (and `Basic …`) inside free text, e.g. an error message or a stack. */
export function redactText(text: string): string {
  return text.replace(/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${CENSOR}`);
}

/**
 * A copy of a plain logged object with the values of secret-named fields (password, token, key,
 * authorization, cookie, …) replaced at any depth (up to 8 levels; deeper values are dropped).
 * Objects that are not plain (requests, errors, buffers) are left to pino's serializers.
 */
export function redactObject(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactObject(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? CENSOR : redactObject(v, depth + 1);
  return out;
}

/**
 * The pino-http options that keep secrets out of the gateway's log: credential headers
 * (`authorization`, `x-auth-token`, `cookie`, `set-cookie`), secret query parameters of the
 * logged URL, any `password` / `token` / `key` / … field of a logged object, and `Bearer …` inside
 * log messages are all replaced by `[redacted]`.
 */
export function redactingLogOptions(): Pick<Options, 'redact' | 'formatters' | 'hooks' | 'serializers'> {
  return {
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    formatters: { log: (obj) => redactObject(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const out: unknown[] = args.map((a) => (typeof a === 'string' ? redactText(a) : a));
        // Without a message pino takes the error's own: give it the redacted one instead.
        const first = out[0] as { err?: unknown } | undefined;
        const err = first instanceof Error ? first : first?.err instanceof Error ? first.err : undefined;
        if (out.length === 1 && err) out.push(redactText(err.message));
        method.apply(this, out as Parameters<typeof method>);
      },
    },
    serializers: {
      req: (req: { url?: string; query?: unknown; params?: unknown }) => {
        if (typeof req.url === 'string') req.url = redactUrl(req.url);
        if (req.query && typeof req.query === 'object') {
          req.query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, SECRET_PARAM.test(k) ? CENSOR : redactObject(v)]));
        }
        return req;
      },
      err: (err: { message?: string; stack?: string }) => ({
        ...err,
        ...(typeof err.message === 'string' ? { message: redactText(err.message) } : {}),
        ...(typeof err.stack === 'string' ? { stack: redactText(err.stack) } : {}),
      }),
    },
  };
}
