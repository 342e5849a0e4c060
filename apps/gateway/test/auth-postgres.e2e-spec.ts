// Who may do what on PostgreSQL (the production database): the identities migration from
// scratch in a private schema, users and sessions, API keys, owners and the cursor listing,
// the queue cap's count, and the audit log.
process.env.DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = `oj_test_auth_${process.pid}`;
process.env.MAX_QUEUED_PER_USER = '4';

import { api, submit, useStack } from '../../../test/support/stack';
import { requirePostgres } from '../../../test/support/postgres';

jest.setTimeout(60000);

const stack = useStack({
  judge: false,
  before: requirePostgres,
});

const adhoc = (n: number) => ({ language: 'python3', sourceCode: `print(${n})`, stdin: '' });

it('users, sessions, keys, owners, listing with a cursor, the queue cap and the audit log', async () => {
  const url = stack.gw.url;
  const created = await api(url, 'POST', '/api/v1/users', { username: 'pg-user', password: 'password-123' });
  expect(created.status).toBe(201);
  expect((await api(url, 'POST', '/api/v1/users', { username: 'pg-user', password: 'password-123' })).status).toBe(409);
  const login = await api(url, 'POST', '/api/v1/auth/login', { username: 'pg-user', password: 'password-123' }, { token: null });
  expect(login.status).toBe(200);
  const token = login.body.token as string;
  const key = (await api(url, 'POST', '/api/v1/keys', { name: 'pg-key', role: 'user' })).body.key as string;

  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push(await submit(url, adhoc(i), { token }));
  expect((await api(url, 'POST', '/api/v1/submissions', adhoc(5), { token })).status).toBe(429);
  const other = await submit(url, adhoc(9), { token: key });
  expect((await api(url, 'GET', `/api/v1/submissions/${other}`, undefined, { token })).status).toBe(404);

  const page1 = await api(url, 'GET', '/api/v1/submissions?limit=3', undefined, { token });
  expect(page1.body.items.map((s: any) => s.id)).toEqual([ids[3], ids[2], ids[1]]);
  const page2 = await api(url, 'GET', `/api/v1/submissions?limit=3&cursor=${page1.body.nextCursor}`, undefined, { token });
  expect(page2.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  expect((await api(url, 'GET', `/api/v1/submissions?userId=${created.body.id}`)).body.items).toHaveLength(4);

  expect((await api(url, 'DELETE', `/api/v1/users/${created.body.id}`)).status).toBe(204);
  expect((await api(url, 'GET', '/api/v1/auth/me', undefined, { token })).status).toBe(401);
  const audit = (await api(url, 'GET', '/api/v1/audit')).body.items.map((e: any) => e.action);
  expect(audit).toEqual(['user.delete', 'key.create', 'user.create']);
});

it('twelve POSTs at once of one identity: exactly MAX_QUEUED_PER_USER are saved (queued), the rest 429: the intake counts each batch once the one before it is saved', async () => {
  const url = stack.gw.url;
  const key = (await api(url, 'POST', '/api/v1/keys', { name: 'pg-burst', role: 'user' })).body.key as string;
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => api(url, 'POST', '/api/v1/submissions', adhoc(i), { token: key })));
  expect(answers.map((r) => r.status).sort()).toEqual([...Array(4).fill(202), ...Array(8).fill(429)]);
  const listed = (await api(url, 'GET', '/api/v1/submissions', undefined, { token: key })).body.items.map((s: any) => s.id).sort();
  expect(listed).toEqual(answers.filter((r) => r.status === 202).map((r) => r.body.id).sort());
  for (const id of listed) expect((await api(url, 'GET', `/api/v1/submissions/${id}`, undefined, { token: key })).body.status).toBe('queued');
});
