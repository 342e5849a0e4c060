// Hostile input against a real gateway (real Redis, database, HTTP and WebSocket): crafted zips
// for each package-import attack, request bodies too large or too deep, WebSocket frames likewise,
// and the headers every answer carries (helmet, CORS).
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { buildZip, lieAboutSizes, overlappingBomb, packageEntries, renameEntry, ZipEntry } from '../../../test/support/hostile-zips';
import { importZip } from '../../../test/support/packages';
import { api, authHeaders, Stack, useStack } from '../../../test/support/stack';

jest.setTimeout(120000);
// Small caps, so that each attack is a small upload.
const MiB = 1024 * 1024;
process.env.PACKAGE_MAX_UNPACKED_BYTES = String(6 * MiB);
process.env.PACKAGE_MAX_FILE_BYTES = String(4 * MiB);
process.env.PACKAGE_MAX_ENTRIES = '50';
process.env.PACKAGE_MAX_RATIO = '100';
process.env.MAX_BODY_BYTES = String(2 * MiB);
process.env.CORS_ORIGINS = 'https://judge.example.org, http://localhost:5173';

const stack: Stack = useStack({ judge: false });

/** Imports `zip` as problem `id`; expects a 400 whose message matches every one of `messages`. */
async function refused(zip: Buffer, id: string, ...messages: (string | RegExp)[]): Promise<string> {
  const r = await importZip(stack.gw.url, zip, `${id}.zip`, `?id=${id}`);
  expect({ status: r.status, error: r.body.error }).toEqual({ status: 400, error: 'Bad Request' });
  expect(r.body.message).toMatch(/^package: /);
  for (const m of messages) expect(r.body.message).toMatch(m);
  // Nothing of it was stored.
  expect((await api(stack.gw.url, 'GET', `/api/v1/problems/${id}`)).status).toBe(404);
  return r.body.message;
}

const zeros = (n: number) => Buffer.alloc(n, 0x30);

describe('package import refuses hostile zips with a 400 naming the entry and the cap', () => {
  it('a crafted package within the caps imports (the baseline: the caps let real packages through)', async () => {
    const zip = await buildZip(packageEntries([
      { name: 'data/secret/2.in', data: zeros(MiB / 2) },
      { name: 'data/secret/2.ans', data: '0\n' },
      // A symbolic link inside the package, and a link stored as text (git core.symlinks=false).
      { name: 'data/sample/1.in', data: '../secret/1.in', mode: 0o120777 },
      { name: 'data/sample/1.ans', data: '../secret/1.ans\n' },
    ]));
    const r = await importZip(stack.gw.url, zip, 'crafted.zip', '?id=crafted');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'crafted', testCount: 3, samples: [{ index: 1, input: '1 2\n', output: '3\n' }] });
  });

  it('a zip bomb whose headers tell the truth: refused before inflating anything', async () => {
    const zip = await buildZip(packageEntries([{ name: 'data/secret/2.in', data: zeros(64 * MiB) }, { name: 'data/secret/2.ans', data: '0\n' }]));
    expect(zip.length).toBeLessThan(MiB / 4);
    await refused(zip, 'bomb-declared', 'zip bomb: data/secret/2.in declares 67108864 bytes unpacked, more than the 4194304 allowed per file (PACKAGE_MAX_FILE_BYTES)');
  });

  it('a zip bomb whose headers lie (10 bytes declared): stopped by the bytes actually inflated, per file', async () => {
    const zip = lieAboutSizes(await buildZip(packageEntries([{ name: 'data/secret/2.in', data: zeros(64 * MiB) }, { name: 'data/secret/2.ans', data: '0\n' }])), 10);
    await refused(zip, 'bomb-file', 'zip bomb: data/secret/2.in inflates to more than the 4194304 bytes allowed per file (PACKAGE_MAX_FILE_BYTES)');
  });

  it('headers that lie about files that do not compress: stopped by the total actually inflated', async () => {
    const entries: ZipEntry[] = [2, 3].flatMap((i) => [{ name: `data/secret/${i}.in`, data: randomBytes(1.75 * MiB).toString('hex'), compress: false }, { name: `data/secret/${i}.ans`, data: '0\n' }]);
    const zip = lieAboutSizes(await buildZip(packageEntries(entries)), 10);
    await refused(zip, 'bomb-total', 'zip bomb: unpacking stopped at data/secret/3.in: more than the 6291456 bytes allowed unpacked in all (PACKAGE_MAX_UNPACKED_BYTES)');
  });

  it('files that compress too well: stopped by the compression ratio counted while unpacking', async () => {
    const entries: ZipEntry[] = [2, 3, 4].flatMap((i) => [{ name: `data/secret/${i}.in`, data: zeros(MiB) }, { name: `data/secret/${i}.ans`, data: '0\n' }]);
    const zip = await buildZip(packageEntries(entries));
    await refused(zip, 'bomb-ratio', 'package: zip bomb: unpacking stopped at data/secret/2.in: more than 100 bytes inflated per compressed byte (PACKAGE_MAX_RATIO)');
  });

  it('overlapping entries sharing one compressed body (a non-recursive zip bomb), honest or lying headers: refused before inflating', async () => {
    const base = await buildZip([{ name: 'problem.yaml', data: 'name: Overlap\n' }, { name: 'data/secret/1.in', data: zeros(MiB) }, { name: 'data/secret/1.ans', data: '0\n' }]);
    const bomb = overlappingBomb(base, 'data/secret/1.in', 20);
    expect(bomb.length).toBeLessThan(8192); // 41 MiB of test data in a few KiB
    for (const [zip, id] of [[bomb, 'overlap'], [lieAboutSizes(bomb, 10), 'overlap-lie']] as const) {
      await refused(zip, id, /^package: zip bomb: entries data\/secret\/\d+\.(in|ans) and data\/secret\/\d+\.(in|ans) overlap \(they share compressed data\)$/);
    }
  });

  it.each([
    ['../evil', /unsafe zip entry: invalid relative path: \.\.\/evil/],
    ['a/../../evil', /unsafe zip entry: invalid relative path: a\/\.\.\/\.\.\/evil/],
    ['/etc/passwd', /unsafe zip entry: absolute path: \/etc\/passwd/],
    ['C:/Windows/x', /unsafe zip entry: absolute path: C:\/Windows\/x/],
    ['..\\..\\evil', /unsafe zip entry: invalid relative path: \.\.\/\.\.\/evil/],
    ['C:\\evil.in', /unsafe zip entry: absolute path: C:\/evil\.in/],
  ])('an entry escaping the package (%s)', async (name, message) => {
    const placeholder = 'x'.repeat(Buffer.byteLength(name));
    const zip = renameEntry(await buildZip(packageEntries([{ name: placeholder, data: 'pwned' }])), placeholder, name);
    await refused(zip, 'escape', message);
  });

  it.each([
    ['/etc/passwd'],
    ['../../../../etc/passwd'],
    ['..\\..\\..\\..\\etc\\passwd'],
  ])('a symbolic link pointing outside the package (%s)', async (target) => {
    const zip = await buildZip(packageEntries([{ name: 'data/secret/2.in', data: target, mode: 0o120777 }, { name: 'data/secret/2.ans', data: '0\n' }]));
    await refused(zip, 'symlink', `symbolic link points outside the package: data/secret/2.in -> ${JSON.stringify(target)}`);
  });

  it('a symbolic link stored as text pointing outside the package', async () => {
    const zip = await buildZip(packageEntries([{ name: 'data/secret/2.in', data: '../../../etc/passwd\n' }, { name: 'data/secret/2.ans', data: '0\n' }]));
    await refused(zip, 'textlink', 'data/secret/2.in is a symbolic link stored as text ("../../../etc/passwd") that points outside the package');
  });

  it('too many entries', async () => {
    const zip = await buildZip(packageEntries(Array.from({ length: 48 }, (_, i) => ({ name: `statement/junk${i}.txt`, data: '' }))));
    await refused(zip, 'entries', 'zip has 51 entries, more than the 50 allowed (PACKAGE_MAX_ENTRIES)');
  });

  it('an oversized single file that does not compress', async () => {
    const zip = await buildZip(packageEntries([{ name: 'data/secret/2.in', data: randomBytes(2.5 * MiB).toString('hex'), compress: false }, { name: 'data/secret/2.ans', data: '0\n' }]));
    await refused(zip, 'oversized', 'zip bomb: data/secret/2.in declares 5242880 bytes unpacked, more than the 4194304 allowed per file (PACKAGE_MAX_FILE_BYTES)');
  });

  it('its query is validated like a body: a bad id or replace, an unknown parameter', async () => {
    const zip = await buildZip(packageEntries());
    for (const [query, message] of [['?id=Not%20A%20Slug', 'id must be a slug'], ['?replace=yes', 'replace must be true or false'], ['?token=x', 'token: property token should not exist']]) {
      const r = await importZip(stack.gw.url, zip, 'q.zip', query);
      expect({ status: r.status, message: r.body.message }).toEqual({ status: 400, message: expect.stringContaining(message) });
    }
  });

  it('and the gateway keeps serving', async () => {
    expect((await api(stack.gw.url, 'GET', '/api/v1/problems/crafted')).status).toBe(200);
    expect((await api(stack.gw.url, 'GET', '/api/v1/health')).status).toBe(200);
  });
});

describe('request bodies are capped in size and nesting depth', () => {
  const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
  const deepBodies = (depth: number): [string, string, string][] => [
    ['POST', '/api/v1/submissions', `{"language":"c","sourceCode":"x","limits":${nested(depth)}}`],
    ['POST', '/api/v1/problems', `{"id":"deep","title":"t","timeLimitMs":1000,"memoryLimitKb":65536,"tests":${'['.repeat(depth)}${']'.repeat(depth)}}`],
    ['PUT', '/api/v1/problems/deep', nested(depth)],
  ];

  it.each(deepBodies(100_000))('%s %s, 100000 levels deep: 400 naming the body nesting depth (was a 500, "Maximum call stack size exceeded")', async (method, path, body) => {
    const r = await api(stack.gw.url, method, path, body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'body: nesting depth over 32 (objects and arrays inside each other; MAX_BODY_DEPTH)' });
  });

  it.each(deepBodies(31))('%s %s at the cap: validated as usual (a 4xx naming a field, not the depth)', async (method, path, body) => {
    const r = await api(stack.gw.url, method, path, body);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body.message).not.toMatch(/nesting depth/);
  });

  it('the OpenAPI description lists the 400 and 413 answers of the body routes and the import', async () => {
    const doc = (await api(stack.gw.url, 'GET', '/api/docs-json')).body;
    for (const [path, method] of [['/api/v1/submissions', 'post'], ['/api/v1/problems', 'post'], ['/api/v1/problems/{id}', 'put'], ['/api/v1/problems/import', 'post']]) {
      expect(doc.paths[path][method].responses['413']).toBeDefined();
      expect(doc.paths[path][method].responses['400'].description).toMatch(path.endsWith('import') ? /zip bomb/ : /MAX_BODY_DEPTH/);
    }
  });

  it('a body over MAX_BODY_BYTES: 413 naming the limit', async () => {
    const r = await api(stack.gw.url, 'POST', '/api/v1/submissions', { language: 'c', sourceCode: 'x'.repeat(3 * MiB) });
    expect(r.status).toBe(413);
    expect(r.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: `request body larger than ${2 * MiB} bytes` });
  });
});

describe('WebSocket frames are checked like bodies', () => {
  /** Sends each frame on one connection and collects the answers. */
  const exchange = (frames: string[], waitMs = 800) => new Promise<{ answers: any[]; open: boolean }>((resolve, reject) => {
    const ws = new WebSocket(stack.gw.wsUrl, { headers: authHeaders() });
    const answers: any[] = [];
    ws.on('open', () => frames.forEach((f) => ws.send(f)));
    ws.on('message', (m) => answers.push(JSON.parse(m.toString())));
    ws.on('error', reject);
    setTimeout(() => {
      const open = ws.readyState === WebSocket.OPEN;
      ws.terminate();
      resolve({ answers, open });
    }, waitMs);
  });

  it('answers each bad frame with an error frame naming the problem, and the connection stays usable', async () => {
    const deep = `{"event":"subscribe","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const { answers, open } = await exchange([
      deep,
      'not json',
      '[1,2]',
      '{"event":"launch","data":{}}',
      '{"event":"subscribe","data":{"submissionId":"00000000-0000-4000-8000-000000000000","extra":1}}',
      '{"event":"subscribe","data":"00000000-0000-4000-8000-000000000000"}',
      '{"event":"subscribe","data":{"submissionId":"00000000-0000-4000-8000-000000000000"}}',
    ]);
    expect(open).toBe(true);
    const messages = answers.map((a) => { expect(a.event).toBe('error'); return a.data.message as string; });
    expect(messages).toEqual([
      'frame: nesting depth over 32 (objects and arrays inside each other; MAX_BODY_DEPTH)',
      expect.stringMatching(/^frame: malformed JSON/),
      expect.stringMatching(/^event: a frame is a JSON object/),
      'event: unknown event "launch" (known: subscribe, unsubscribe)',
      'extra: property extra should not exist',
      expect.stringMatching(/^data must be an object/),
      'submission 00000000-0000-4000-8000-000000000000 not found',
    ]);
  });
});

describe('every answer carries security headers; CORS only for the configured origins', () => {
  const headersOf = async (path: string, init?: RequestInit) => (await fetch(stack.gw.url + path, init)).headers;

  it.each(['/api/v1/problems', '/api/v1/nope', '/api/v1/submissions/not-a-uuid', '/api/docs', '/api/docs-json'])('helmet headers on %s', async (path) => {
    const h = await headersOf(path);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(h.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('x-powered-by')).toBeNull();
  });

  it('allows a listed origin, preflight included, and no other', async () => {
    expect((await headersOf('/api/v1/problems', { headers: { origin: 'https://judge.example.org' } })).get('access-control-allow-origin')).toBe('https://judge.example.org');
    expect((await headersOf('/api/v1/problems', { headers: { origin: 'http://localhost:5173' } })).get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await headersOf('/api/v1/problems', { headers: { origin: 'https://evil.example' } })).get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${stack.gw.url}/api/v1/submissions`, {
      method: 'OPTIONS', headers: { origin: 'https://judge.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://judge.example.org');
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    // Browsers on an allowed origin may also replace and delete (problems, users, keys).
    const del = await fetch(`${stack.gw.url}/api/v1/problems/aplusb`, {
      method: 'OPTIONS', headers: { origin: 'https://judge.example.org', 'access-control-request-method': 'DELETE' },
    });
    expect(del.headers.get('access-control-allow-methods')?.split(',').map((m) => m.trim()).sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']);
  });
});
