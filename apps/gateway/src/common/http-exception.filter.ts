import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpServer, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '@app/persistence';
import { redactUrl } from './log-redaction';

/** `Retry-After` of a 503 for an unreachable database, seconds. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * One error shape for every HTTP error: `{ statusCode, error, message }`. Unknown errors become
 * a 500 that names no internals (immich's global exception filter habit). An unreachable
 * database (`isDatabaseUnavailable`) is not the caller's fault nor a bug: `503` with
 * `Retry-After: 5`, logged as one line without a stack. Fastify's own client errors reach it as
 * HttpExceptions (Nest maps them); a client error of a library under it (`@fastify/send` serving a
 * file: a Range it cannot satisfy 416 with `Content-Range`, a failed precondition 412, a path it
 * refuses 403) keeps its status and headers.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');
  /** The last time an unreachable database was logged (at most one line per 10 s) and the answers since. */
  private databaseLoggedAt = 0;
  private databaseUnlogged = 0;

  constructor(private readonly http: Pick<HttpServer, 'reply' | 'setHeader'>) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<unknown>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'internal error';
    if (clientWentAway(host.switchToHttp().getRequest<unknown>())) {
      // The client closed the connection before its body was read (the error is the socket's, not
      // the database's, whatever its code): nobody reads this answer, and it is no fault to log.
      status = HttpStatus.BAD_REQUEST;
      message = 'request: the connection closed before the body was read';
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      const m = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m ?? exception.message);
    } else if (isDatabaseUnavailable(exception)) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      message = 'the database is unreachable right now; retry later (see Retry-After)';
      this.http.setHeader(res, 'Retry-After', String(DATABASE_RETRY_AFTER_S));
      if (Date.now() - this.databaseLoggedAt >= 10_000) {
        const more = this.databaseUnlogged ? ` (${this.databaseUnlogged} more 503s since the last line)` : '';
        this.logger.warn(`database unreachable: ${(exception as Error).message}: answered 503${more}`);
        this.databaseLoggedAt = Date.now();
        this.databaseUnlogged = 0;
      } else {
        this.databaseUnlogged++;
      }
    } else if (isExposedClientError(exception)) {
      status = exception.statusCode ?? exception.status!;
      message = `request: ${exception.message}`;
      for (const [name, value] of Object.entries(exception.headers ?? {})) this.http.setHeader(res, name, String(value));
    } else {
      // Named by the request's id, method and path, as its `request errored` line is (request-log.ts).
      this.logger.error(`${describeRequest(host.switchToHttp().getRequest<unknown>())}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    this.http.reply(res, { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message }, status);
  }
}

/** `request req-1a: POST /api/v1/submissions?token=[redacted]` (Fastify's request id; secret query parameters redacted). */
function describeRequest(request: unknown): string {
  const { id, method, url } = (request ?? {}) as { id?: unknown; method?: unknown; url?: unknown };
  return `request ${String(id ?? '?')}: ${String(method ?? '?')} ${typeof url === 'string' ? redactUrl(url) : '?'}`;
}

/**
 * A client error a library raised for the client's request, its message meant for the client:
 * http-errors' (`expose: true`) or Fastify's (`code` `FST_…`, as @fastify/static's refused path),
 * with a 4xx status.
 */
function isExposedClientError(e: unknown): e is { status?: number; statusCode?: number; message: string; headers?: Record<string, unknown> } {
  if (typeof e !== 'object' || e === null) return false;
  const { status, statusCode, expose, code } = e as { status?: unknown; statusCode?: unknown; expose?: unknown; code?: unknown };
  const http = typeof statusCode === 'number' ? statusCode : status;
  return (expose === true || (typeof code === 'string' && code.startsWith('FST_'))) && typeof http === 'number' && http >= 400 && http < 500;
}

/** Whether the request's client closed the connection before its body was read. */
function clientWentAway(req: unknown): boolean {
  const raw = (req as { raw?: { readableAborted?: boolean; aborted?: boolean } } | undefined)?.raw;
  return raw?.readableAborted === true || raw?.aborted === true;
}
