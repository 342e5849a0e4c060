import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from './session';

/** Response shapes of the gateway, named as in its OpenAPI description. */
export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemViewDto'] & { templates?: Record<string, string> };
export type Submission = Schemas['SubmissionViewDto'];
export type Language = Schemas['LanguageInfoDto'];
export type ProblemStats = Schemas['ProblemStatsViewDto'];

/** An error answer (`{ statusCode, error, message }`) as an exception. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // A session that ended elsewhere (logout, expiry): forget it so the page asks to sign in.
    if (response.status === 401 && session.token()) session.set(null);
    return response;
  },
};

/** The typed client for the gateway's REST API (generated types: `npm run web:api`). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** The data of an openapi-fetch answer, or an ApiError carrying the server's message. */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (error !== undefined || !response.ok) {
    const e = error as { message?: string | string[] } | undefined;
    const message = Array.isArray(e?.message) ? e!.message.join('; ') : e?.message ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return data as T;
}

/** The WebSocket URL, with the session token as `?token=` (browsers cannot set headers on it). */
export function wsUrl(): string {
  const u = new URL('/ws', window.location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = session.token();
  if (token) u.searchParams.set('token', token);
  return u.href;
}
