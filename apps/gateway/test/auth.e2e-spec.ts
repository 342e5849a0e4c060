// Who may do what, against two real gateways (one in this process, one a process of its own) sharing Redis and
// the database (no judge: every
// submission stays queued): registration (admin-only here; open in limits.e2e-spec.ts), login and
// logout, roles, revocation seen at once by the OTHER gateway, ownership over REST, long polling
// and a real WebSocket, the upgrade refusing bad tokens, listing with filters and cursors, the
// audit log, and the OpenAPI security description.
import { networkInterfaces } from 'node:os';
import WebSocket from 'ws';
import { api, cleanUp, RemoteGateway, spawnGateway, startGateway, submit } from '../../../test/support/stack';

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
const anonymous = as(null);
const adhoc = (n = 0) => ({ language: 'python3', sourceCode: `print(${n})`, stdin: '' });

/** Creates a user (as the admin) and signs in on `gw`; returns the user and a session token. */
async function user(name: string, role = 'user', gw = gw1): Promise<{ id: string; token: string }> {
  const created = await api(gw.url, 'POST', '/api/v1/users', { username: name, password: 'password-123', role });
  expect(created.status).toBe(201);
  const login = await api(gw.url, 'POST', '/api/v1/auth/login', { username: name, password: 'password-123' }, anonymous);
  expect(login.status).toBe(200);
  return { id: created.body.id, token: login.body.token };
}

async function key(name: string, role: string): Promise<{ id: string; key: string }> {
  const r = await api(gw1.url, 'POST', '/api/v1/keys', { name, role });
  expect(r.status).toBe(201);
  return r.body;
}

/** Opens a WebSocket; resolves with the frames received within `ms` after `send`, or the refused upgrade's status. */
function socket(url: string, headers: Record<string, string>, send?: (ws: WebSocket) => void, ms = 700): Promise<{ frames: any[]; status?: number; closeCode?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const frames: any[] = [];
    let closeCode: number | undefined;
    ws.on('unexpected-response', (_req, res) => { resolve({ frames, status: res.statusCode }); ws.terminate(); });
    ws.on('error', () => undefined);
    ws.on('open', () => { send?.(ws); setTimeout(() => { resolve({ frames, closeCode }); ws.terminate(); }, ms); });
    ws.on('message', (m) => frames.push(JSON.parse(m.toString())));
    ws.on('close', (code) => { closeCode = code; });
  });
}

// In a container the gateway is reached on the container's own address, not on loopback.
it('the built gateway listens on every interface: a non-loopback address of this machine and IPv6 loopback reach it', async () => {
  const port = new URL(gw2.url).port;
  const addresses = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === 'IPv4').map((a) => a!.address);
  for (const address of addresses.slice(0, 1)) expect((await fetch(`http://${address}:${port}/api/v1/health`)).status).toBe(200);
  expect((await fetch(`http://[::1]:${port}/api/v1/health`)).status).toBe(200);
});

describe('anonymous callers', () => {
  it('may read problems, samples, health and the API docs; everything else is 401', async () => {
    expect((await api(gw1.url, 'GET', '/api/v1/problems', undefined, anonymous)).status).toBe(200);
    const one = await api(gw1.url, 'GET', '/api/v1/problems/aplusb', undefined, anonymous);
    expect(one.status).toBe(200);
    expect(one.body.samples.length).toBeGreaterThan(0);
    expect((await api(gw1.url, 'GET', '/api/v1/health', undefined, anonymous)).status).toBe(200);
    expect((await api(gw1.url, 'GET', '/api/docs-json', undefined, anonymous)).status).toBe(200);
    // No judge runs here, so languages is 503 — but not 401.
    expect((await api(gw1.url, 'GET', '/api/v1/languages', undefined, anonymous)).status).not.toBe(401);
    for (const [method, path, body] of [
      ['POST', '/api/v1/submissions', adhoc()],
      ['GET', '/api/v1/submissions', undefined],
      ['GET', '/api/v1/submissions/00000000-0000-4000-8000-000000000000', undefined],
      ['POST', '/api/v1/problems', { id: 'x', title: 'x', timeLimitMs: 1000, memoryLimitKb: 65536, tests: [] }],
      ['PUT', '/api/v1/problems/aplusb', { id: 'aplusb', title: 'x', timeLimitMs: 1000, memoryLimitKb: 65536, tests: [] }],
      ['DELETE', '/api/v1/problems/aplusb', undefined],
      ['GET', '/api/v1/problems/aplusb/export', undefined],
      ['GET', '/api/v1/metrics', undefined],
      ['GET', '/api/v1/keys', undefined],
      ['GET', '/api/v1/users', undefined],
      ['GET', '/api/v1/audit', undefined],
      ['GET', '/api/v1/auth/me', undefined],
    ] as const) {
      const r = await api(gw1.url, method, path, body, anonymous);
      expect([method, path, r.status]).toEqual([method, path, 401]);
      expect(r.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
    expect((await api(gw1.url, 'GET', '/api/v1/problems/aplusb')).status).toBe(200);
  });

  it('a bad token is 401 even where none is needed', async () => {
    expect((await api(gw1.url, 'GET', '/api/v1/problems', undefined, as('ojk_not-a-key'))).status).toBe(401);
  });
});

describe('registration (REGISTRATION=admin) and sessions', () => {
  it('only admins create users; a user cannot', async () => {
    const r = await api(gw1.url, 'POST', '/api/v1/users', { username: 'mallory', password: 'password-123' }, anonymous);
    expect(r.status).toBe(401);
    const u = await user('alice');
    const byUser = await api(gw1.url, 'POST', '/api/v1/users', { username: 'mallory', password: 'password-123' }, as(u.token));
    expect(byUser.status).toBe(403);
    expect((await api(gw1.url, 'POST', '/api/v1/users', { username: 'alice', password: 'password-123' })).status).toBe(409);
    const bad = await api(gw1.url, 'POST', '/api/v1/users', { username: 'a b', password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/username/);
    expect(bad.body.message).toMatch(/password/);
  });

  it('login gives a token that works on both gateways; a wrong password is 401; logout kills it at once everywhere', async () => {
    const u = await user('bob');
    expect((await api(gw1.url, 'POST', '/api/v1/auth/login', { username: 'bob', password: 'wrong-password' }, anonymous)).status).toBe(401);
    expect((await api(gw1.url, 'POST', '/api/v1/auth/login', { username: 'nobody', password: 'wrong-password' }, anonymous)).status).toBe(401);
    const me = await api(gw2.url, 'GET', '/api/v1/auth/me', undefined, as(u.token));
    expect(me.body).toEqual({ id: `user:${u.id}`, kind: 'user', name: 'bob', role: 'user' });
    // X-Auth-Token (Judge0's header) works as well as Authorization: Bearer.
    expect((await api(gw2.url, 'GET', '/api/v1/auth/me', undefined, { token: null, headers: { 'x-auth-token': u.token } })).body.name).toBe('bob');
    expect((await api(gw1.url, 'POST', '/api/v1/auth/logout', undefined, as(u.token))).status).toBe(204);
    expect((await api(gw2.url, 'GET', '/api/v1/auth/me', undefined, as(u.token))).status).toBe(401);
    expect((await api(gw1.url, 'GET', '/api/v1/auth/me', undefined, as(u.token))).status).toBe(401);
  });

  it('a deleted user is locked out at once on the other gateway; a role change counts at once', async () => {
    const u = await user('carol', 'user', gw1);
    expect((await api(gw2.url, 'POST', '/api/v1/problems', { id: 'carols', title: 'C', timeLimitMs: 1000, memoryLimitKb: 65536, tests: [{ input: '1', output: '1' }] }, as(u.token))).status).toBe(403);
    expect((await api(gw1.url, 'PATCH', `/api/v1/users/${u.id}`, { role: 'setter' })).status).toBe(200);
    expect((await api(gw2.url, 'POST', '/api/v1/problems', { id: 'carols', title: 'C', timeLimitMs: 1000, memoryLimitKb: 65536, tests: [{ input: '1', output: '1' }] }, as(u.token))).status).toBe(201);
    expect((await api(gw2.url, 'GET', '/api/v1/users', undefined, as(u.token))).status).toBe(403);
    const list = await api(gw1.url, 'GET', '/api/v1/users');
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: u.id, username: 'carol', role: 'setter' })]));
    expect(JSON.stringify(list.body)).not.toMatch(/password|argon/i);
    expect((await api(gw1.url, 'DELETE', `/api/v1/users/${u.id}`)).status).toBe(204);
    expect((await api(gw2.url, 'GET', '/api/v1/auth/me', undefined, as(u.token))).status).toBe(401);
    expect((await api(gw1.url, 'DELETE', `/api/v1/users/${u.id}`)).status).toBe(404);
  });
});

describe('API keys', () => {
  it('are shown once, listed without the key, and stop working at once on the other gateway when revoked', async () => {
    const k = await key('ci', 'user');
    expect(k.key).toMatch(/^ojk_[A-Za-z0-9_-]{40,}$/);
    const list = await api(gw1.url, 'GET', '/api/v1/keys');
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: k.id, name: 'ci', role: 'user' })]));
    expect(JSON.stringify(list.body)).not.toContain(k.key);
    expect((await api(gw2.url, 'GET', '/api/v1/auth/me', undefined, as(k.key))).body).toEqual({ id: `key:${k.id}`, kind: 'key', name: 'ci', role: 'user' });
    expect((await api(gw2.url, 'GET', '/api/v1/keys', undefined, as(k.key))).status).toBe(403);
    expect((await api(gw2.url, 'POST', '/api/v1/keys', { name: 'x', role: 'admin' }, as(k.key))).status).toBe(403);
    await submit(gw2.url, adhoc(), as(k.key));
    expect((await api(gw1.url, 'DELETE', `/api/v1/keys/${k.id}`)).status).toBe(204);
    expect((await api(gw2.url, 'POST', '/api/v1/submissions', adhoc(), as(k.key))).status).toBe(401);
    expect((await api(gw2.url, 'GET', '/api/v1/auth/me', undefined, as(k.key))).status).toBe(401);
    expect((await api(gw1.url, 'DELETE', `/api/v1/keys/${k.id}`)).status).toBe(404);
    expect((await api(gw1.url, 'POST', '/api/v1/keys', { name: 'x', role: 'root' })).body.message).toMatch(/role/);
  });
});

describe('roles', () => {
  it('setters write problems and export them; users get 403; metrics are for admins', async () => {
    const setter = await key('setter', 'setter');
    const u = await key('plain', 'user');
    const problem = { id: 'roles-echo', title: 'Echo', timeLimitMs: 1000, memoryLimitKb: 65536, tests: [{ input: '1', output: '1', sample: true }] };
    expect((await api(gw1.url, 'POST', '/api/v1/problems', problem, as(u.key))).status).toBe(403);
    expect((await api(gw1.url, 'POST', '/api/v1/problems', problem, as(setter.key))).status).toBe(201);
    expect((await api(gw1.url, 'PUT', '/api/v1/problems/roles-echo', { ...problem, title: 'Echo 2' }, as(u.key))).status).toBe(403);
    expect((await api(gw1.url, 'PUT', '/api/v1/problems/roles-echo', { ...problem, title: 'Echo 2' }, as(setter.key))).status).toBe(200);
    const exportAs = (token: string) => fetch(`${gw1.url}/api/v1/problems/roles-echo/export`, { headers: { authorization: `Bearer ${token}` } });
    expect((await exportAs(u.key)).status).toBe(403);
    const zip = await exportAs(setter.key);
    expect(zip.status).toBe(200);
    await zip.arrayBuffer();
    expect((await api(gw1.url, 'DELETE', '/api/v1/problems/roles-echo', undefined, as(u.key))).status).toBe(403);
    expect((await api(gw1.url, 'DELETE', '/api/v1/problems/roles-echo', undefined, as(setter.key))).status).toBe(204);
    expect((await api(gw1.url, 'GET', '/api/v1/metrics', undefined, as(setter.key))).status).toBe(403);
    const metrics = await api(gw1.url, 'GET', '/api/v1/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/oj_queue_jobs/);
  });
});

describe('ownership', () => {
  it('someone else\'s submission is 404 over REST and long polling, an error frame over the WebSocket; the owner and admins see it', async () => {
    const a = await user('owner-a');
    const b = await user('owner-b');
    const id = await submit(gw1.url, adhoc(1), as(a.token));
    expect((await api(gw2.url, 'GET', `/api/v1/submissions/${id}`, undefined, as(a.token))).body).toMatchObject({ id, status: 'queued' });
    expect((await api(gw2.url, 'GET', `/api/v1/submissions/${id}`)).status).toBe(200);
    const other = await api(gw2.url, 'GET', `/api/v1/submissions/${id}`, undefined, as(b.token));
    expect(other.status).toBe(404);
    // Exactly the answer for an id that does not exist: ids reveal nothing.
    const none = await api(gw2.url, 'GET', '/api/v1/submissions/00000000-0000-4000-8000-000000000000', undefined, as(b.token));
    expect(other.body.message.replace(id, 'ID')).toBe(none.body.message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    const poll = await api(gw1.url, 'GET', `/api/v1/submissions/${id}?waitMs=2000`, undefined, as(b.token));
    expect(poll.status).toBe(404);
    const subscribe = (ws: WebSocket) => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
    const stranger = await socket(gw2.wsUrl, { authorization: `Bearer ${b.token}` }, subscribe);
    expect(stranger.frames).toEqual([{ event: 'error', data: { message: `submission ${id} not found`, submissionId: id } }]);
    const owner = await socket(gw2.wsUrl, { authorization: `Bearer ${a.token}` }, subscribe);
    expect(owner.frames).toEqual([{ event: 'submission', data: expect.objectContaining({ id, status: 'queued' }) }]);
    // Browsers pass the token in the URL.
    const viaQuery = await socket(`${gw1.wsUrl}?token=${encodeURIComponent(a.token)}`, {}, subscribe);
    expect(viaQuery.frames[0]).toMatchObject({ event: 'submission', data: { id } });
    const admin = await socket(gw1.wsUrl, { authorization: `Bearer ${process.env.ADMIN_TOKEN}` }, subscribe);
    expect(admin.frames[0]).toMatchObject({ event: 'submission', data: { id } });
  });

  it('the WebSocket refuses a missing or bad token at the upgrade with 401; a token revoked later ends the socket', async () => {
    expect((await socket(gw1.wsUrl, {})).status).toBe(401);
    expect((await socket(gw1.wsUrl, { authorization: 'Bearer ojs_nope' })).status).toBe(401);
    expect((await socket(`${gw1.wsUrl}?token=nope`, {})).status).toBe(401);
    const u = await user('ws-revoked');
    const id = await submit(gw1.url, adhoc(2), as(u.token));
    const frames = await new Promise<{ frames: any[]; code: number }>((resolve) => {
      const ws = new WebSocket(gw2.wsUrl, { headers: { authorization: `Bearer ${u.token}` } });
      const got: any[] = [];
      ws.on('message', (m) => got.push(JSON.parse(m.toString())));
      ws.on('close', (code) => resolve({ frames: got, code }));
      ws.on('open', async () => {
        await api(gw1.url, 'POST', '/api/v1/auth/logout', undefined, as(u.token));
        ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
      });
    });
    expect(frames.frames).toEqual([{ event: 'error', data: { message: expect.stringMatching(/unauthorized/) } }]);
    expect(frames.code).toBe(1008);
  });
});

describe('GET /api/v1/submissions', () => {
  it('lists the caller\'s own, newest first, with filters and an opaque cursor; admins see everyone\'s and filter by userId', async () => {
    const a = await user('lister-a');
    const b = await user('lister-b');
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) mine.push(await submit(gw1.url, i % 2 ? { language: 'c', sourceCode: `int main(){return ${i};}`, stdin: '' } : adhoc(i), as(a.token)));
    const theirs = await submit(gw1.url, adhoc(9), as(b.token));
    const newestFirst = [...mine].reverse();

    const page1 = await api(gw2.url, 'GET', '/api/v1/submissions?limit=2', undefined, as(a.token));
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((s: any) => s.id)).toEqual(newestFirst.slice(0, 2));
    expect(typeof page1.body.nextCursor).toBe('string');
    const page2 = await api(gw2.url, 'GET', `/api/v1/submissions?limit=2&cursor=${page1.body.nextCursor}`, undefined, as(a.token));
    expect(page2.body.items.map((s: any) => s.id)).toEqual(newestFirst.slice(2, 4));
    const page3 = await api(gw2.url, 'GET', `/api/v1/submissions?limit=2&cursor=${page2.body.nextCursor}`, undefined, as(a.token));
    expect(page3.body).toEqual({ items: [expect.objectContaining({ id: newestFirst[4] })], nextCursor: null });

    const c = await api(gw1.url, 'GET', '/api/v1/submissions?language=c', undefined, as(a.token));
    expect(c.body.items.map((s: any) => s.id)).toEqual([mine[3], mine[1]]);
    expect((await api(gw1.url, 'GET', '/api/v1/submissions?verdict=AC', undefined, as(a.token))).body.items).toEqual([]);
    expect((await api(gw1.url, 'GET', '/api/v1/submissions?problemId=aplusb', undefined, as(a.token))).body.items).toEqual([]);
    // userId is for admins: a user's own listing ignores it.
    expect((await api(gw1.url, 'GET', `/api/v1/submissions?userId=${b.id}`, undefined, as(a.token))).body.items.map((s: any) => s.id)).not.toContain(theirs);

    const all = await api(gw1.url, 'GET', '/api/v1/submissions?limit=100');
    expect(all.body.items.map((s: any) => s.id)).toEqual(expect.arrayContaining([...mine, theirs]));
    const onlyB = await api(gw1.url, 'GET', `/api/v1/submissions?userId=${b.id}`);
    expect(onlyB.body.items.map((s: any) => s.id)).toEqual([theirs]);

    for (const q of ['limit=0', 'limit=101', 'verdict=XX', 'language=cobol', 'cursor=garbage', 'problemId=Not%20A%20Slug']) {
      const r = await api(gw1.url, 'GET', `/api/v1/submissions?${q}`, undefined, as(a.token));
      expect([q, r.status]).toEqual([q, 400]);
      expect(r.body.message).toMatch(new RegExp(q.split('=')[0]));
    }
  });
});

describe('the audit log', () => {
  it('records who created, changed or deleted problems, keys and users, newest first, paginated; admins only', async () => {
    const k = await key('auditor', 'setter');
    const problem = { id: 'audited', title: 'A', timeLimitMs: 1000, memoryLimitKb: 65536, tests: [{ input: '1', output: '1' }] };
    expect((await api(gw1.url, 'POST', '/api/v1/problems', problem, as(k.key))).status).toBe(201);
    expect((await api(gw1.url, 'DELETE', '/api/v1/problems/audited', undefined, as(k.key))).status).toBe(204);
    expect((await api(gw1.url, 'DELETE', `/api/v1/keys/${k.id}`)).status).toBe(204);
    const page = await api(gw2.url, 'GET', '/api/v1/audit?limit=3');
    expect(page.status).toBe(200);
    expect(page.body.items.map((e: any) => [e.action, e.targetType, e.targetId, e.actorId])).toEqual([
      ['key.delete', 'key', k.id, 'admin-token'],
      ['problem.delete', 'problem', 'audited', `key:${k.id}`],
      ['problem.create', 'problem', 'audited', `key:${k.id}`],
    ]);
    expect(page.body.items[2]).toMatchObject({ actorName: 'auditor', detail: { title: 'A' } });
    expect(Date.parse(page.body.items[0].at)).toBeGreaterThan(Date.now() - 60000);
    const next = await api(gw2.url, 'GET', `/api/v1/audit?limit=3&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].action).toBe('key.create');
    const actions = (await api(gw2.url, 'GET', '/api/v1/audit?limit=200')).body.items.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.role', 'user.delete', 'key.create', 'problem.replace']));
    const u = await key('nosy', 'setter');
    expect((await api(gw2.url, 'GET', '/api/v1/audit', undefined, as(u.key))).status).toBe(403);
    expect((await api(gw2.url, 'GET', '/api/v1/audit?cursor=abc')).status).toBe(400);
  });
});

describe('the OpenAPI description', () => {
  it('declares bearer and X-Auth-Token security and the 401 / 403 / 429 answers', async () => {
    const doc = (await api(gw1.url, 'GET', '/api/docs-json', undefined, anonymous)).body;
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' }, 'X-Auth-Token': { type: 'apiKey', in: 'header', name: 'X-Auth-Token' } });
    const post = doc.paths['/api/v1/submissions'].post;
    expect(post.security).toEqual([{ bearer: [] }, { 'X-Auth-Token': [] }]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '401', '429']));
    for (const open of ['/api/v1/problems', '/api/v1/problems/{id}', '/api/v1/languages', '/api/v1/health']) {
      expect([open, doc.paths[open].get.security]).toEqual([open, [{}, { bearer: [] }, { 'X-Auth-Token': [] }]]);
    }
    expect(doc.paths['/api/v1/metrics'].get.security).toEqual([{ bearer: [] }, { 'X-Auth-Token': [] }]);
    expect(doc.paths['/api/v1/problems'].post.responses['403']).toBeDefined();
    expect(doc.paths['/api/v1/keys'].post.responses['403']).toBeDefined();
    expect(doc.paths['/api/v1/submissions'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/SubmissionPageDto$/);
  });
});
