// Limits, against two real gateways (one in this process, one a process of its own) sharing Redis and
// the database (no judge: submissions stay
// unfinished): the per-identity rate limit shared by both gateways with its headers and 429,
// the cap on unfinished submissions, Idempotency-Key, and open registration.
process.env.REGISTRATION = 'open';
process.env.RATE_LIMIT_PER_MINUTE = '20';
process.env.MAX_QUEUED_PER_USER = '3';

import { api, cleanUp, RemoteGateway, spawnGateway, startGateway } from '../../../test/support/stack';

jest.setTimeout(60000);

let gw1: RemoteGateway;
let gw2: RemoteGateway;

beforeAll(async () => {
  gw1 = await startGateway();
  // The second gateway is a process of its own: revocation and limits hold across processes.
  gw2 = await spawnGateway();
});

afterAll(async () => {
  await gw2?.close();
  await gw1?.close();
  await cleanUp();
});

const as = (token: string | null) => ({ token });
const adhoc = (n = 0) => ({ language: 'python3', sourceCode: `print(${n})`, stdin: '' });

async function key(name: string, role = 'user'): Promise<string> {
  const r = await api(gw1.url, 'POST', '/api/v1/keys', { name, role });
  expect(r.status).toBe(201);
  return r.body.key;
}

describe('open registration (REGISTRATION=open)', () => {
  it('anyone may sign up as a user, not as anything else; the audit log shows an anonymous actor', async () => {
    const r = await api(gw1.url, 'POST', '/api/v1/users', { username: 'newcomer', password: 'password-123' }, as(null));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ username: 'newcomer', role: 'user' });
    expect(JSON.stringify(r.body)).not.toMatch(/password/);
    expect((await api(gw1.url, 'POST', '/api/v1/users', { username: 'sneaky', password: 'password-123', role: 'admin' }, as(null))).status).toBe(403);
    const audit = await api(gw1.url, 'GET', '/api/v1/audit?limit=1');
    expect(audit.body.items[0]).toMatchObject({ action: 'user.create', targetId: r.body.id, actorId: null });
  });
});

describe('rate limit (RATE_LIMIT_PER_MINUTE=20)', () => {
  it('is counted per identity across both gateways, with RateLimit-* headers, then 429 with Retry-After', async () => {
    const k = await key('chatty');
    const remaining: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await api(i % 2 ? gw2.url : gw1.url, 'GET', '/api/v1/auth/me', undefined, as(k));
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBe('20');
      const reset = Number(r.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
      remaining.push(Number(r.headers.get('ratelimit-remaining')));
    }
    expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    for (const gw of [gw1, gw2]) {
      const r = await api(gw.url, 'GET', '/api/v1/problems', undefined, as(k));
      expect(r.status).toBe(429);
      expect(r.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/20 requests per minute/) });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
    }
    // Another identity has its own count; admins are not limited (and get no RateLimit headers).
    const other = await api(gw1.url, 'GET', '/api/v1/auth/me', undefined, as(await key('quiet')));
    expect([other.status, other.headers.get('ratelimit-remaining')]).toEqual([200, '19']);
    for (let i = 0; i < 25; i++) expect((await api(gw2.url, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await api(gw2.url, 'GET', '/api/v1/auth/me')).headers.get('ratelimit-limit')).toBeNull();
  });

  it('anonymous callers are counted per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await api(i % 2 ? gw2.url : gw1.url, 'GET', '/api/v1/problems', undefined, as(null));
      statuses.push(r.status);
      if (r.status === 200) expect(r.headers.get('ratelimit-limit')).toBe('20');
    }
    // The registration test above made 2 anonymous requests in this minute.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.slice(-1)).toEqual([429]);
  });
});

describe('unfinished submissions (MAX_QUEUED_PER_USER=3)', () => {
  it('a fourth unfinished submission is 429 naming the limit; admins are not capped', async () => {
    const k = await key('flooder');
    for (let i = 0; i < 3; i++) expect((await api(i % 2 ? gw2.url : gw1.url, 'POST', '/api/v1/submissions', adhoc(i), as(k))).status).toBe(202);
    const r = await api(gw2.url, 'POST', '/api/v1/submissions', adhoc(4), as(k));
    expect(r.status).toBe(429);
    expect(r.body.message).toMatch(/MAX_QUEUED_PER_USER/);
    expect((await api(gw1.url, 'GET', '/api/v1/submissions', undefined, as(k))).body.items).toHaveLength(3);
    for (let i = 0; i < 5; i++) expect((await api(gw1.url, 'POST', '/api/v1/submissions', adhoc(i))).status).toBe(202);
  });

  it('twelve POSTs at once to one gateway: exactly three are queued, the rest 429 (the intake counts each batch after the last is saved)', async () => {
    const k = await key('burst');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => api(gw1.url, 'POST', '/api/v1/submissions', adhoc(i), as(k))));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(3).fill(202), ...Array(9).fill(429)]);
    const listed = (await api(gw1.url, 'GET', '/api/v1/submissions', undefined, as(k))).body.items.map((s: { id: string }) => s.id).sort();
    expect(listed).toEqual(answers.filter((r) => r.status === 202).map((r) => r.body.id).sort());
  });
});

describe('Idempotency-Key', () => {
  it('a retry with the same key answers the first submission and creates no second one, on either gateway', async () => {
    const k = await key('retrier');
    const post = (gw: RemoteGateway, idem: string, token = k) => api(gw.url, 'POST', '/api/v1/submissions', adhoc(1), { token, headers: { 'idempotency-key': idem } });
    const first = await post(gw1, 'order-1');
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await post(gw2, 'order-1');
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ id: first.body.id, status: 'queued' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // At once from several clients: still one submission; a retry that came before it was saved is 409, and replays it later.
    const burst = await Promise.all([1, 2, 3, 4].map((i) => post(i % 2 ? gw1 : gw2, 'order-2')));
    expect(burst.filter((r) => r.status !== 202 && r.status !== 409)).toEqual([]);
    const burstIds = [...new Set(burst.filter((r) => r.status === 202).map((r) => r.body.id))];
    expect(burstIds).toHaveLength(1);
    expect((await post(gw2, 'order-2')).body.id).toBe(burstIds[0]);
    const mine = (await api(gw1.url, 'GET', '/api/v1/submissions', undefined, as(k))).body.items.map((s: any) => s.id);
    expect(mine).toHaveLength(2);
    expect(mine).toEqual(expect.arrayContaining([first.body.id, burstIds[0]]));
    // At the cap, a replay still answers the first submission (it creates nothing).
    expect((await post(gw1, 'order-3')).status).toBe(202);
    expect((await post(gw1, 'order-4')).status).toBe(429);
    expect((await post(gw2, 'order-1')).body.id).toBe(first.body.id);
    // The same key from another identity is another submission.
    const other = await post(gw1, 'order-1', await key('other-retrier'));
    expect(other.status).toBe(202);
    expect(other.body.id).not.toBe(first.body.id);
    const bad = await post(gw1, 'x'.repeat(201));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Idempotency-Key/);
  });

  it('a retry while the first request of its key is not saved is 409, never the id of a submission that does not exist', async () => {
    const k = await key('capped-retrier');
    for (let i = 0; i < 3; i++) expect((await api(gw1.url, 'POST', '/api/v1/submissions', adhoc(i), as(k))).status).toBe(202);
    // At the cap, the first of these is refused (429) and frees the key; those that came meanwhile must not replay its id.
    const answers = await Promise.all(Array.from({ length: 10 }, () =>
      api(gw1.url, 'POST', '/api/v1/submissions', adhoc(9), { token: k, headers: { 'idempotency-key': 'burst-at-cap' } })));
    expect(answers.filter((r) => r.status !== 429 && r.status !== 409).map((r) => [r.status, r.body])).toEqual([]);
    expect(answers.filter((r) => r.status === 409).every((r) => /still being processed/.test(r.body.message))).toBe(true);
  });

  it('a request refused (422) does not use up its key', async () => {
    const k = await key('typo');
    const post = (body: object) => api(gw1.url, 'POST', '/api/v1/submissions', body, { token: k, headers: { 'idempotency-key': 'k-1' } });
    expect((await post({ language: 'c', sourceCode: 'x', problemId: 'nope' })).status).toBe(422);
    const ok = await post(adhoc());
    expect(ok.status).toBe(202);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
  });
});
