import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '@app/persistence';

/** `Retry-After` of a 503 for an unreachable database, seconds. */
export const DATABASE_RETRY_AFTER_S = 5;

/**
 * One error shape for every HTTP error: `{ statusCode, error, message }`. Unknown errors become
 * a 500 that names no internals (immich's global exception filter habit). An unreachable
 * database (`isDatabaseUnavailable`) is not the caller's fault nor a bug: `503` with
 * `Retry-After: 5`, logged as one line without a stack.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');
  /** The last time an unreachable database was logged (at most one line per 10 s) and the answers since. */
  private databaseLoggedAt = 0;
  private databaseUnlogged = 0;

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let message = 'internal error';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse();
      const m = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m ?? exception.message);
    } else if (isDatabaseUnavailable(exception)) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      message = 'the database is unreachable right now; retry later (see Retry-After)';
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S));
      if (Date.now() - this.databaseLoggedAt >= 10_000) {
        const more = this.databaseUnlogged ? ` (${this.databaseUnlogged} more 503s since the last line)` : '';
        this.logger.warn(`database unreachable: ${(exception as Error).message}: answered 503${more}`);
        this.databaseLoggedAt = Date.now();
        this.databaseUnlogged = 0;
      } else {
        this.databaseUnlogged++;
      }
    } else if (isBodyParserError(exception)) {
      status = exception.status;
      message = exception.type === 'entity.too.large' ? `request body larger than ${exception.limit} bytes` : `malformed request body: ${exception.message}`;
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    res.status(status).json({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  }
}

/**
 * A client error raised by body-parser (a `type` such as `entity.too.large`) or by the libraries
 * under it (http-errors with `expose`, e.g. a gzip body that does not inflate): a 4xx, never a 500.
 */
function isBodyParserError(e: unknown): e is { status: number; type?: string; message: string; limit?: number } {
  if (typeof e !== 'object' || e === null) return false;
  const { status, type, expose } = e as { status?: unknown; type?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && (typeof type === 'string' || expose === true);
}
