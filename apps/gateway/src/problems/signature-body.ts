import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** A problem body's `function` and `class`, as sent. */
export interface SignatureFields {
  function?: unknown;
  class?: unknown;
}

type WithSignature = Request & { problemSignature?: SignatureFields };

/**
 * Middleware for the problems routes: takes `function` and `class` out of a JSON body before the
 * validation pipe sees it. They are free-form objects checked by the harness library, and a design
 * problem's `class.constructor` is a key that class-transformer and the pipe's prototype-key
 * stripping would both drop.
 */
export function takeSignatureFields(req: WithSignature, _res: Response, next: NextFunction): void {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body) && ('function' in body || 'class' in body)) {
    req.problemSignature = { function: body.function, class: body.class };
    delete body.function;
    delete body.class;
  }
  next();
}

/** The `function` and `class` that `takeSignatureFields` took out of the body (`{}` when none). */
export const SignatureBody = createParamDecorator((_: unknown, ctx: ExecutionContext): SignatureFields => ctx.switchToHttp().getRequest<WithSignature>().problemSignature ?? {});
