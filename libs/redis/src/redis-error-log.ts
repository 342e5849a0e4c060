import { Logger } from '@nestjs/common';

/** What the error log writes to (Nest's `Logger` by default). */
export interface RedisLogSink {
  warn(message: string): void;
  log(message: string): void;
}

interface KindState {
  /** When the last line for this kind was written, ms since the epoch. */
  lastLineAt: number;
  /** Errors not written since that line. */
  unwritten: number;
  /** An error was seen since the last `ready`. */
  failing: boolean;
  failingSince: number;
}

/**
 * Rate-limited log lines for Redis connection trouble: one line per connection kind (`queue`,
 * `commands`, `events`…) per `intervalMs`, naming the error by its code and message and how many
 * more came since the last line, never a stack trace; one line when the kind is connected again.
 * A Redis restart thus leaves a few clear lines per process, not one per retry and connection.
 */
export class RedisErrorLog {
  private readonly kinds = new Map<string, KindState>();

  constructor(
    private readonly sink: RedisLogSink = new Logger('Redis'),
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `error` for `kind`, writing a line unless one was written less than `intervalMs` ago. */
  error(kind: string, error: unknown): void {
    const t = this.now();
    let s = this.kinds.get(kind);
    if (!s) this.kinds.set(kind, (s = { lastLineAt: -Infinity, unwritten: 0, failing: false, failingSince: t }));
    if (!s.failing) {
      s.failing = true;
      s.failingSince = t;
    }
    if (t - s.lastLineAt < this.intervalMs) {
      s.unwritten++;
      return;
    }
    const more = s.unwritten ? ` (${s.unwritten} more since the last line)` : '';
    this.sink.warn(`Redis (${kind}): ${describeRedisError(error)}${more}${isConnectionError(error) ? '; reconnecting' : ''}`);
    s.lastLineAt = t;
    s.unwritten = 0;
  }

  /** `kind` is connected: one line when it had failed, nothing otherwise. */
  ready(kind: string): void {
    const s = this.kinds.get(kind);
    if (!s?.failing) return;
    const more = s.unwritten ? `, ${s.unwritten} more errors since the last line` : '';
    this.sink.log(`Redis (${kind}): connected again after ${((this.now() - s.failingSince) / 1000).toFixed(1)} s${more}`);
    s.failing = false;
    s.unwritten = 0;
    s.lastLineAt = -Infinity;
  }
}

/** Whether `error` is about reaching Redis (refused, reset, timed out, closed), not about a command. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/.test(e?.code ?? '')
    || /Connection is closed|connect ETIMEDOUT|Failed to refresh slots cache|None of the sentinels are available|ClusterAllFailedError/i.test(e?.message ?? '');
}

/** `CODE: message` of an ioredis / Node error, one line, no stack. */
export function describeRedisError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0];
  const e = error as Error & { code?: string; lastNodeError?: Error };
  const message = e.message.split('\n')[0] + (e.lastNodeError ? ` (last node error: ${e.lastNodeError.message.split('\n')[0]})` : '');
  return e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/** The process's one error log: every connection of one kind shares its rate limit. */
export const redisErrorLog = new RedisErrorLog();
