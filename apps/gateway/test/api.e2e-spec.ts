// The gateway's API against a real database and Redis, and the queue's promise: a submission
// accepted while no judge runs is judged once one starts.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LANGUAGE_IDS, Verdict } from '@app/contracts';
import { buildZip } from '../../../test/support/hostile-zips';
import { importZip, zipDirectory } from '../../../test/support/packages';
import { api, cleanUp, Gateway, SHARED_PROBLEMS, solutions, startGateway, startJudge, submit, watch } from '../../../test/support/stack';

jest.setTimeout(120000);
process.env.ADMIN_TOKEN = 'e2e-admin-token-0123456789';

let gw: Gateway;
let judge: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  gw = await startGateway();
});

afterAll(async () => {
  await judge?.close();
  await gw?.close();
  await cleanUp();
});

const problem = (id: string, extra: Record<string, unknown> = {}) => ({
  id, title: 'Echo', timeLimitMs: 1000, memoryLimitKb: 65536,
  tests: [{ input: 'visible in', output: 'visible out', sample: true }, { input: 'SECRET-IN', output: 'SECRET-OUT' }],
  ...extra,
});

describe('bad input is a 4xx naming the field', () => {
  it.each([
    [{ sourceCode: 'x' }, /language/],
    [{ language: 'cobol', sourceCode: 'x' }, /language must be one of/],
    [{ language: 'c' }, /sourceCode/],
    [{ language: 'c', sourceCode: 'x', limits: { timeLimitMs: 999999 } }, /limits\.timeLimitMs/],
    [{ language: 'c', sourceCode: 'x', limits: { memoryLimitKb: 'lots' } }, /limits\.memoryLimitKb/],
    [{ language: 'c', sourceCode: 'x', problemId: 'Not A Slug' }, /problemId/],
    [{ language: 'c', sourceCode: 'x', surprise: 1 }, /surprise/],
  ])('POST /submissions %j → 400', async (body, message) => {
    const r = await api(gw.url, 'POST', '/api/v1/submissions', body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(r.body.message).toMatch(message);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const r = await api(gw.url, 'POST', '/api/v1/submissions', '{"language": ');
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^body: malformed JSON/);
  });

  it('an unknown problem is a 422 naming problemId', async () => {
    const r = await api(gw.url, 'POST', '/api/v1/submissions', { language: 'c', sourceCode: 'x', problemId: 'nope' });
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/problemId/);
  });

  it('a bad or unknown submission id is 400 / 404', async () => {
    expect((await api(gw.url, 'GET', '/api/v1/submissions/xyz')).status).toBe(400);
    expect((await api(gw.url, 'GET', '/api/v1/submissions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api(gw.url, 'GET', '/api/v1/submissions/00000000-0000-4000-8000-000000000000?waitMs=abc')).status).toBe(400);
  });

  it('a bad problem is a 400 naming the field', async () => {
    const r = await api(gw.url, 'POST', '/api/v1/problems', problem('bad', { tests: [{ input: 1 }] }));
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/tests\.0\.input/);
  });
});

describe('problems', () => {
  it('create, read, list, replace, delete; hidden test data never shown', async () => {
    expect((await api(gw.url, 'POST', '/api/v1/problems', problem('echo'))).status).toBe(201);
    expect((await api(gw.url, 'POST', '/api/v1/problems', problem('echo'))).status).toBe(409);
    const one = await api(gw.url, 'GET', '/api/v1/problems/echo');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'echo', testCount: 2, samples: [{ index: 1, input: 'visible in', output: 'visible out' }] });
    const list = await api(gw.url, 'GET', '/api/v1/problems');
    expect(list.body.map((p: any) => p.id)).toContain('echo');
    expect(JSON.stringify([one.body, list.body])).not.toMatch(/SECRET/);
    const put = await api(gw.url, 'PUT', '/api/v1/problems/echo', problem('echo', { title: 'Echo 2' }));
    expect(put.status).toBe(200);
    expect((await api(gw.url, 'GET', '/api/v1/problems/echo')).body.title).toBe('Echo 2');
    expect((await api(gw.url, 'DELETE', '/api/v1/problems/echo')).status).toBe(204);
    expect((await api(gw.url, 'GET', '/api/v1/problems/echo')).status).toBe(404);
  });

  it('the example problems were imported at start', async () => {
    const ids = (await api(gw.url, 'GET', '/api/v1/problems')).body.map((p: any) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['aplusb', 'circle-area', 'reverse-words']));
  });

  const shared = existsSync(SHARED_PROBLEMS) ? readdirSync(SHARED_PROBLEMS).filter((d) => existsSync(join(SHARED_PROBLEMS, d, 'problem.yaml'))) : [];
  (shared.length ? it.each(shared) : it.skip.each(['none']))('the real package %s imports from a zip', async (name) => {
    const r = await importZip(gw.url, await zipDirectory(join(SHARED_PROBLEMS, name), name), `${name}.zip`);
    expect(r.status).toBe(201);
    expect(r.body.id).toBe(name);
    expect(r.body.testCount).toBeGreaterThan(0);
    expect((await importZip(gw.url, await zipDirectory(join(SHARED_PROBLEMS, name), name), `${name}.zip`)).status).toBe(409);
  });

  it('export (admins only) writes a package that imports back to the same problem', async () => {
    const source = shared.includes('domjudge-addone') ? 'domjudge-addone' : null;
    const id = source ?? 'aplusb';
    if (source) expect((await importZip(gw.url, await zipDirectory(join(SHARED_PROBLEMS, source), source), `${source}.zip`, '?replace=true')).status).toBe(201);
    const url = `${gw.url}/api/v1/problems/${id}/export`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    const back = await importZip(gw.url, zip, `${id}.zip`, `?id=${id}-copy`);
    expect(back.status).toBe(201);
    const original = (await api(gw.url, 'GET', `/api/v1/problems/${id}`)).body;
    const strip = ({ id: _i, createdAt: _c, updatedAt: _u, statement: _s, ...rest }: any) => rest;
    expect(strip(back.body)).toEqual(strip(original));
  });

  it('a broken package is a 400 naming the problem', async () => {
    const r = await importZip(gw.url, Buffer.from('not a zip'), 'x.zip');
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/package/);
  });

  it('a problem created while a package of the same id is being imported: one 201, one 409, never a silent replace', async () => {
    const tests = Array.from({ length: 200 }, (_, i) => [
      { name: `data/secret/${i + 1}.in`, data: `${randomBytes(8000).toString('hex')}\n` },
      { name: `data/secret/${i + 1}.ans`, data: `${i}\n` },
    ]).flat();
    const zip = await buildZip([{ name: 'problem.yaml', data: 'name: Raced\n' }, ...tests]);
    const imported = importZip(gw.url, zip, 'raced.zip', '?id=raced');
    await new Promise((r) => setTimeout(r, 300));
    const created = await api(gw.url, 'POST', '/api/v1/problems', problem('raced'));
    const statuses = [(await imported).status, created.status].sort();
    expect(statuses).toEqual([201, 409]);
    const saved = await api(gw.url, 'GET', '/api/v1/problems/raced');
    expect(saved.body.title).toBe((await imported).status === 201 ? 'Raced' : 'Echo');
  });

  it('a package without a top folder and without ?id is named after the uploaded file', async () => {
    const r = await importZip(gw.url, await buildZip([{ name: 'problem.yaml', data: 'name: Named after its file\n' }, { name: 'data/secret/1.in', data: '1\n' }, { name: 'data/secret/1.ans', data: '1\n' }]), 'Named From Upload.zip');
    expect(r.status).toBe(201);
    expect(r.body.id).toBe('named-from-upload');
    const unnamed = await importZip(gw.url, await buildZip([{ name: 'problem.yaml', data: 'name: x\n' }, { name: 'data/secret/1.in', data: '1\n' }, { name: 'data/secret/1.ans', data: '1\n' }]), '日本語.zip');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.message).toMatch(/\?id=/);
  });

  // SQLite gives the process one connection: without the gate (libs/persistence/src/sqlite-transactions.ts)
  // the submissions saved while an import's transaction was open joined it and were rolled back with it.
  it('a package import that fails late (its last test holds a NUL) loses none of the submissions answered 202 meanwhile', async () => {
    const tests = Array.from({ length: 300 }, (_, i) => [
      { name: `data/secret/${i + 1}.in`, data: i === 299 ? 'bad\u0000input\n' : `${randomBytes(8000).toString('hex')}\n` },
      { name: `data/secret/${i + 1}.ans`, data: `${i}\n` },
    ]).flat();
    const zip = await buildZip([{ name: 'problem.yaml', data: 'name: Late failure\n' }, ...tests]);
    let importing = true;
    const answered = importZip(gw.url, zip, 'late.zip', '?id=late-failure').finally(() => (importing = false));
    const ids: string[] = [];
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (importing) {
        const r = await api(gw.url, 'POST', '/api/v1/submissions', { language: 'python3', sourceCode: 'print(1)', stdin: '' });
        expect(r.status).toBe(202);
        ids.push(r.body.id);
      }
    }));
    const r = await answered;
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/NUL/);
    expect(ids.length).toBeGreaterThan(4);
    const missing = [];
    for (const id of ids) if ((await api(gw.url, 'GET', `/api/v1/submissions/${id}`)).status !== 200) missing.push(id);
    expect({ posted: ids.length, missing }).toEqual({ posted: ids.length, missing: [] });
    expect((await api(gw.url, 'GET', '/api/v1/problems/late-failure')).status).toBe(404);
  });
});

describe('with no judge running', () => {
  it('languages answers 503', async () => {
    const r = await api(gw.url, 'GET', '/api/v1/languages');
    expect(r.status).toBe(503);
    expect(r.body.message).toMatch(/no judge/);
  });

  it('a submission waits in the queue and is judged once a judge starts', async () => {
    const source = readFileSync(solutions('aplusb', 'AC').find((f) => f.endsWith('.py'))!, 'utf8');
    const id = await submit(gw.url, { language: 'python3', sourceCode: source, problemId: 'aplusb' });
    const waiting = await api(gw.url, 'GET', `/api/v1/submissions/${id}?waitMs=1500`);
    expect(waiting.body.status).toBe('queued');
    const watching = watch(gw.wsUrl, id);
    judge = await startJudge();
    const { final } = await watching;
    expect(final.verdict).toBe(Verdict.AC);
    const langs = await api(gw.url, 'GET', '/api/v1/languages');
    expect(langs.status).toBe(200);
    expect(langs.body.map((l: any) => l.id)).toEqual(expect.arrayContaining(['c', 'cpp', 'python3', 'javascript', 'java']));
  });
});

describe('the OpenAPI description', () => {
  it('describes requests, responses and errors as the code has them', async () => {
    const doc = (await api(gw.url, 'GET', '/api/docs-json')).body;
    const get = doc.paths['/api/v1/submissions/{id}'].get;
    expect(get.responses['200'].content['application/json'].schema.$ref).toMatch(/SubmissionViewDto$/);
    expect(doc.components.schemas.SubmissionViewDto.properties.verdict.enum).toEqual(['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'IE']);
    expect(doc.paths['/api/v1/submissions'].post.responses['422']).toBeDefined();
    const importParams = doc.paths['/api/v1/problems/import'].post.parameters;
    expect(importParams.filter((p: any) => p.required)).toEqual([]);
    expect(doc.components.schemas.CreateSubmissionDto.properties.language.enum).toEqual([...LANGUAGE_IDS]);
    expect(doc.components.schemas.CreateSubmissionDto.properties.language.enum).toEqual(expect.arrayContaining(['c', 'cpp20', 'go', 'kotlin', 'elixir']));
    expect(Object.keys(doc.components.schemas.LanguageInfoDto.properties).sort()).toEqual(['compileCommand', 'id', 'name', 'runCommand', 'timeMultiplier', 'version']);
  });
});

describe('the WebSocket with bad input', () => {
  const frames = (send: (ws: WebSocket) => void) => new Promise<{ frames: any[]; closeCode: number | null }>((resolve) => {
    const ws = new WebSocket(gw.wsUrl, { headers: { authorization: `Bearer ${process.env.ADMIN_TOKEN}` } });
    const got: any[] = [];
    let closeCode: number | null = null;
    ws.on('open', () => send(ws));
    ws.on('message', (m) => got.push(JSON.parse(m.toString())));
    ws.on('close', (code) => { closeCode = code; });
    setTimeout(() => { ws.terminate(); resolve({ frames: got, closeCode }); }, 700);
  });

  it('answers a bad submission id and an unknown submission with an error frame', async () => {
    const { frames: bad } = await frames((ws) => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: 'nope' } })));
    expect(bad).toEqual([{ event: 'error', data: { message: expect.stringMatching(/submissionId/) } }]);
    const { frames: unknown } = await frames((ws) => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: '00000000-0000-4000-8000-000000000000' } })));
    expect(unknown[0]).toMatchObject({ event: 'error', data: { message: expect.stringMatching(/not found/) } });
  });

  it('survives garbage and refuses oversized frames, and the gateway keeps serving', async () => {
    await frames((ws) => { ws.send('not json'); ws.send(JSON.stringify({ event: 'nope', data: 1 })); ws.send('{"event":"subscribe"}'); });
    const { closeCode } = await frames((ws) => ws.send('x'.repeat(200 * 1024)));
    expect(closeCode).toBe(1009);
    expect((await api(gw.url, 'GET', '/api/v1/problems')).status).toBe(200);
  });
});
