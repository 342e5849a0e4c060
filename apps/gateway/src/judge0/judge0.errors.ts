import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

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
@Injectable()
export class Judge0ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Judge0Error');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<unknown>();
    const reply = (body: unknown, status: number) => this.adapterHost.httpAdapter.reply(res, body, status);
    if (exception instanceof Judge0Error) return reply(exception.body, exception.getStatus());
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const m = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return reply({ error: Array.isArray(m) ? m.join('; ') : String(m ?? exception.message) }, exception.getStatus());
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    reply({ error: 'internal error' }, HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
