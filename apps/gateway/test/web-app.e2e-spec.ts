// The gateway serving the web app (WEB_DIR) and the public stats endpoint behind its "beats N%"
// chart, over real HTTP with a real judge.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, EXAMPLES, submit, useStack, watch } from '../../../test/support/stack';
import { readFileSync } from 'node:fs';

const web = mkdtempSync(join(process.env.E2E_TMP!, 'web-'));
mkdirSync(join(web, 'assets'));
writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
process.env.WEB_DIR = web;
process.env.REGISTRATION = 'admin';

jest.setTimeout(120_000);

describe('web app files', () => {
  const stack = useStack({ judge: false });
  const get = (path: string, init?: RequestInit) => fetch(stack.gw.url + path, init);

  it('serves index.html at / and for client routes, uncached', async () => {
    for (const path of ['/', '/problems/aplusb', '/submissions/6f1c0000-0000-4000-8000-000000000000', '/signin']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets cached for a year, and 404s a missing file instead of index.html', async () => {
    const js = await get('/assets/app-1234.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/missing-1.js')).status).toBe(404);
  });

  it('answers a client mistake on a file with its 4xx in the error shape: a Range it cannot satisfy is 416, a failed precondition 412', async () => {
    const range = await get('/assets/app-1234.js', { headers: { range: 'bytes=999999-' } });
    expect(range.status).toBe(416);
    expect(range.headers.get('content-range')).toMatch(/^bytes \*\/\d+$/);
    expect(await range.json()).toMatchObject({ statusCode: 416, error: 'Range Not Satisfiable' });
    expect((await get('/', { headers: { 'if-match': '"nope"' } })).status).toBe(412);
    expect((await get('/assets/app-1234.js', { headers: { range: 'bytes=0-1' } })).status).toBe(206);
  });

  it('never shadows the API, Judge0, metrics, health or the WebSocket path', async () => {
    for (const path of ['/api/v1/nope', '/api', '/judge0/nope', '/metrics/x', '/health/x', '/ws']) {
      const r = await get(path);
      expect(await r.text()).not.toContain('<div id="root">');
    }
    const languages = await get('/api/v1/languages');
    expect(languages.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('GET /api/v1/problems/:id/stats', () => {
  const stack = useStack();

  it('is public, and empty before anything is accepted', async () => {
    const r = await api(stack.gw.url, 'GET', '/api/v1/problems/aplusb/stats?timeMs=5&memoryKb=100', undefined, { token: null });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      problemId: 'aplusb', accepted: 0,
      timeMs: { min: null, max: null, buckets: [], beatsPercent: 0 },
      memoryKb: { min: null, max: null, buckets: [], beatsPercent: 0 },
    });
  });

  it('counts accepted submissions only, with histograms and the share a figure beats', async () => {
    const src = (f: string) => readFileSync(join(EXAMPLES, 'solutions/aplusb', f), 'utf8');
    const finals = [];
    for (const [file, language] of [['AC/int64.cpp', 'cpp'], ['AC/simple.py', 'python3'], ['WA/int32_overflow.cpp', 'cpp']]) {
      finals.push((await watch(stack.gw.wsUrl, await submit(stack.gw.url, { language, sourceCode: src(file), problemId: 'aplusb' }))).final);
    }
    expect(finals.map((f) => f.verdict)).toEqual(['AC', 'AC', 'WA']);
    const accepted = finals.filter((f) => f.verdict === 'AC');
    const slowest = Math.max(...accepted.map((f) => f.timeMs!));
    const r = await api(stack.gw.url, 'GET', `/api/v1/problems/aplusb/stats?timeMs=${slowest}&memoryKb=0`, undefined, { token: null });
    expect(r.status).toBe(200);
    expect(r.body.accepted).toBe(2);
    expect(r.body.timeMs.min).toBe(Math.min(...accepted.map((f) => f.timeMs!)));
    expect(r.body.timeMs.max).toBe(slowest);
    expect(r.body.timeMs.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(2);
    expect(r.body.timeMs.beatsPercent).toBe(0);
    expect(r.body.memoryKb.beatsPercent).toBe(100);
    // Aggregates only: nothing names a submission, a user or a source.
    expect(JSON.stringify(r.body)).not.toMatch(/"id"|userId|owner|sourceCode|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('answers 404 for an unknown problem and 400 naming a bad query field', async () => {
    expect((await api(stack.gw.url, 'GET', '/api/v1/problems/nope/stats')).status).toBe(404);
    const bad = await api(stack.gw.url, 'GET', '/api/v1/problems/aplusb/stats?timeMs=-1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('timeMs');
    const notNumber = await api(stack.gw.url, 'GET', '/api/v1/problems/aplusb/stats?memoryKb=lots');
    expect(notNumber.status).toBe(400);
    expect(JSON.stringify(notNumber.body.message)).toContain('memoryKb');
  });
});

describe('GET /api/v1/submissions/:id/source', () => {
  const stack = useStack({ judge: false });

  async function userToken(username: string): Promise<string> {
    expect((await api(stack.gw.url, 'POST', '/api/v1/users', { username, password: 'password 12345' })).status).toBe(201);
    const login = await api(stack.gw.url, 'POST', '/api/v1/auth/login', { username, password: 'password 12345' }, { token: null });
    expect(login.status).toBe(200);
    return login.body.token;
  }

  it('gives the owner (and admins) the code; anyone else 404, anonymous 401, a non-UUID 400', async () => {
    const ada = await userToken('ada-src');
    const bob = await userToken('bob-src');
    const sourceCode = 'print(sum(map(int, input().split())))\n';
    const id = await submit(stack.gw.url, { language: 'python3', sourceCode, problemId: 'aplusb' }, { token: ada });
    const mine = await api(stack.gw.url, 'GET', `/api/v1/submissions/${id}/source`, undefined, { token: ada });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ id, language: 'python3', sourceCode });
    expect((await api(stack.gw.url, 'GET', `/api/v1/submissions/${id}/source`)).body.sourceCode).toBe(sourceCode);
    expect((await api(stack.gw.url, 'GET', `/api/v1/submissions/${id}/source`, undefined, { token: bob })).status).toBe(404);
    expect((await api(stack.gw.url, 'GET', `/api/v1/submissions/${id}/source`, undefined, { token: null })).status).toBe(401);
    const bad = await api(stack.gw.url, 'GET', '/api/v1/submissions/nope/source', undefined, { token: ada });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('id');
  });
});
