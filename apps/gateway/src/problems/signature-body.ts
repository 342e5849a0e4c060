import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';

/** A problem body's `function` and `class`, as sent. */
export interface SignatureFields {
  function?: unknown;
  class?: unknown;
}

type WithSignature = { body?: unknown; problemSignature?: SignatureFields };

/**
 * Interceptor of the problems routes: takes `function` and `class` out of a JSON body before the
 * validation pipe sees it (Nest runs interceptors before pipes). They are free-form objects
 * checked by the harness library, and a design problem's `class.constructor` is a key that
 * class-transformer and the pipe's prototype-key stripping would both drop.
 */
@Injectable()
export class SignatureFieldsInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    takeSignatureFields(ctx.switchToHttp().getRequest<WithSignature>());
    return next.handle();
  }
}

/** Moves `req.body`'s `function` and `class` to `req.problemSignature`. */
export function takeSignatureFields(req: WithSignature): void {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body) && ('function' in body || 'class' in body)) {
    req.problemSignature = { function: body.function, class: body.class };
    delete body.function;
    delete body.class;
  }
}

/** The `function` and `class` that `SignatureFieldsInterceptor` took out of the body (`{}` when none). */
export const SignatureBody = createParamDecorator((_: unknown, ctx: ExecutionContext): SignatureFields => ctx.switchToHttp().getRequest<WithSignature>().problemSignature ?? {});
