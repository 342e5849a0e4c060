import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** An error answered with exactly `body`, as Judge0 shapes them: `{ <field>: [<message>] }` (422) or `{ error }`. */
export class Judge0Error extends HttpException {
  constructor(status: number, readonly body: Record<string, unknown>) {
    super(body, status);
  }

  /** `422 { <field>: [<message>, …] }`. */
  static fields(errors: Record<string, string[]>): Judge0Error {
    return new Judge0Error(HttpStatus.UNPROCESSABLE_ENTITY, errors);
  }

  /** `<status> { error: message }`. */
  static error(status: number, message: string): Judge0Error {
    return new Judge0Error(status, { error: message });
  }
}

/**
 * Judge0's error shapes for everything under `/judge0`: `Judge0Error` bodies as they are, other
 * HTTP errors (auth 401/403, rate limit 429, …) as `{ error: message }` with their status, and
 * anything else as a 500 `{ error: "internal error" }` that names no internals.
 */
@Catch()
export class Judge0ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Judge0Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof Judge0Error) {
      res.status(exception.getStatus()).json(exception.body);
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const m = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      res.status(exception.getStatus()).json({ error: Array.isArray(m) ? m.join('; ') : String(m ?? exception.message) });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error: 'internal error' });
  }
}
