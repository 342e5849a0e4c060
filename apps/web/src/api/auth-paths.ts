// TEMPORARY, until branch `auth` is merged and `npm run web:api` regenerates schema.d.ts with
// these routes: the DESIGN.md "Who may do what (v1)" endpoints the app calls, in the shape
// openapi-typescript writes. Delete this file then (client.ts stops merging it).
import type { components, paths } from './schema';

type Json<T> = { content: { 'application/json': T } };
type Err = Json<components['schemas']['ErrorDto']>;
type Role = 'admin' | 'setter' | 'user';
type User = { id: string; username: string; role: Role; createdAt: string };
type Key = { id: string; name: string; role: Role; prefix: string; createdAt: string };
type Page = { items: components['schemas']['SubmissionViewDto'][]; nextCursor: string | null };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Post<B, R> = { parameters: NoParams; requestBody: Json<B>; responses: { 200: Json<R>; 201: Json<R>; 400: Err; 401: Err } };

export interface AuthPaths {
  '/api/v1/users': { post: Post<{ username: string; password: string }, User> };
  '/api/v1/auth/login': { post: Post<{ username: string; password: string }, { token: string; expiresAt: string; user: User }> };
  '/api/v1/auth/logout': { post: { parameters: NoParams; requestBody?: never; responses: { 204: { content?: never } } } };
  '/api/v1/submissions': Omit<paths['/api/v1/submissions'], 'get'> & {
    get: {
      parameters: { query?: { problemId?: string; verdict?: string; limit?: number; cursor?: string }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<Page>; 401: Err };
    };
  };
  '/api/v1/keys': {
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<Key[]>; 401: Err } };
    post: Post<{ name: string; role: Role }, Key & { key: string }>;
  };
  '/api/v1/keys/{id}': {
    delete: { parameters: { query?: never; header?: never; path: { id: string }; cookie?: never }; requestBody?: never; responses: { 204: { content?: never }; 404: Err } };
  };
}
