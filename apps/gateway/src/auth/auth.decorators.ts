import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { ErrorDto, Role } from '@app/contracts';
import type { Identity } from './identity';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
/** Where the guard leaves the identity on the request. */
export const IDENTITY_KEY = 'identity';

/**
 * Anyone may call this endpoint, anonymous included (every other endpoint needs an identity).
 * `x-public` tells the OpenAPI post-processing (gateway.bootstrap.ts) that security is optional.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/** Only these roles may call this endpoint (admins always may); others get 403. */
export const Roles = (...roles: Role[]) => {
  const who = [...new Set([Role.Admin, ...roles])].join(' or ');
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiExtension('x-roles', [...new Set([Role.Admin, ...roles])]),
    ApiForbiddenResponse({ type: ErrorDto, description: `The identity's role is not ${who}` }),
  );
};

/** The caller's identity (`null` only on `@Public()` endpoints called anonymously). */
export const CurrentIdentity = createParamDecorator((_: unknown, ctx: ExecutionContext): Identity | null =>
  (ctx.switchToHttp().getRequest<Record<string, unknown>>()[IDENTITY_KEY] as Identity | undefined) ?? null);
