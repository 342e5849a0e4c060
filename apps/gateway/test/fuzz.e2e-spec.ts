// Property-based fuzzing (fast-check) of every endpoint and WebSocket event against a real gateway
// and judge: random and adversarial bodies, query strings, path params, headers and frames. No
// answer is ever a 5xx, no error answer leaks a stack trace or an internal path, and afterwards
// the gateway still answers health and judges a real submission.
//
// The run is bounded (FUZZ_RUNS HTTP cases, default 250, and a quarter as many WebSocket ones) and
// reproducible: the seed is fixed (FUZZ_SEED, default below) and printed with any failure, along
// with the shrunk counterexample. Adding a route is one line in ROUTES.
import fc from 'fast-check';
import { request } from 'node:http';
import WebSocket from 'ws';
import { LANGUAGE_IDS, Verdict } from '@app/contracts';
import { buildZip, packageEntries } from '../../../test/support/hostile-zips';
import { api, Stack, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(180000);
process.env.ADMIN_TOKEN ??= 'fuzz-admin-token-0123456789';
const ADMIN = process.env.ADMIN_TOKEN;
const SEED = Number(process.env.FUZZ_SEED ?? 7_2026_12);
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

const stack: Stack = useStack();

/* ------------------------------------------------------------------------------------------ */
/* Building blocks                                                                             */
/* ------------------------------------------------------------------------------------------ */

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const short = (max = 40) => fc.string({ maxLength: max });
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '9007199254740993', '__proto__', 'constructor', 'toString',
  '../../etc/passwd', '%00', '\ud800', '🙂', "' OR 1=1 --", '<script>alert(1)</script>', '${jndi:ldap://x}', 'a'.repeat(5000),
);
const text = fc.oneof(short(), nasty, fc.string({ unit: 'grapheme', maxLength: 30 }));
/** Any JSON value: random, or one of the shapes that break naive code. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, [], {}, [[]], [{}], { __proto__: null }, -0, 1e308, -1, 0.5, true, '', Number.MAX_SAFE_INTEGER),
  text,
);

/** A record where each field is usually well-formed, sometimes anything, sometimes missing. */
function shaped(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const mutated = Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: anyJson })]));
  return fc.tuple(fc.record(mutated, { requiredKeys: [] }), fc.dictionary(text, anyJson, { maxKeys: 2 }), fc.boolean())
    .map(([r, extra, addExtra]) => (addExtra ? { ...r, ...extra } : r));
}

const language = fc.oneof(fc.constantFrom(...LANGUAGE_IDS), text);
const limits = shaped({ timeLimitMs: fc.integer(), wallTimeLimitMs: fc.integer(), memoryLimitKb: fc.integer(), outputLimitKb: fc.integer(), processLimit: fc.integer() });
const submissionBody = shaped({
  language, sourceCode: text, problemId: fc.oneof(fc.constantFrom('aplusb', 'hello'), text), stdin: text, expectedOutput: text, limits,
  files: fc.array(shaped({ path: text, content: text, encoding: fc.constantFrom('utf8', 'base64') }), { maxLength: 3 }), entryPoint: text,
});
const judge0Body = shaped({
  source_code: fc.oneof(text, fc.constantFrom('print(1)', 'cHJpbnQoMSk=')), language_id: fc.oneof(fc.constantFrom(71, 50, 52, 89, 4242, -1, '71', 1e309), anyJson),
  stdin: text, expected_output: text, cpu_time_limit: fc.oneof(fc.double(), text), memory_limit: fc.oneof(fc.integer(), text), number_of_runs: fc.integer(),
  compiler_options: text, command_line_arguments: text, redirect_stderr_to_stdout: fc.boolean(), enable_network: fc.boolean(),
  callback_url: fc.oneof(text, fc.constantFrom('http://10.0.0.1/cb', 'http://[::1]/cb', 'javascript:alert(1)', 'http://169.254.169.254/')), additional_files: text,
});
const testCase = shaped({ input: text, output: text, sample: fc.boolean(), points: fc.double(), group: text });
const problemBody = shaped({
  id: fc.oneof(fc.constantFrom('fuzz-a', 'fuzz-b'), text), title: text, statement: text, timeLimitMs: fc.integer(), memoryLimitKb: fc.integer(),
  outputLimitKb: fc.integer(), stopOnFailure: fc.boolean(),
  checker: shaped({ type: fc.constantFrom('tokens', 'exact', 'custom', 'interactive'), caseSensitive: fc.boolean(), absoluteTolerance: fc.double(), source: text, language }),
  tests: fc.array(testCase, { maxLength: 3 }), groups: fc.array(shaped({ name: text, points: fc.double() }), { maxLength: 2 }),
  function: shaped({ name: text, params: fc.array(shaped({ name: text, type: text }), { maxLength: 2 }), returns: text }),
});
const credentials = shaped({ username: text, password: text });
const keyBody = shaped({ name: text, role: fc.oneof(fc.constantFrom('admin', 'setter', 'user'), text) });

/** Raw JSON texts no serializer would write. */
const rawJson = fc.oneof(
  fc.integer({ min: 33, max: 3000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
  fc.integer({ min: 33, max: 3000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
  fc.constantFrom(
    '', '{', '{"language":', 'nul', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}',
    '{"limits":{"__proto__":{"timeLimitMs":1}}}', '"\\ud800"', '{"sourceCode":"\\u0000"}', '1e999999', '[' + '1,'.repeat(5000) + '1]',
    '{"tests":' + '[{}],'.slice(0, 4) + '[]}', '\ufeff{}', '{"language":"c","sourceCode":"x"}garbage',
  ),
);

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | { kind: 'multipart'; parts: MultipartPart[]; boundary: string; truncate: boolean };
interface MultipartPart { name: string; filename?: string; data: ZipSpec }

const jsonBody = (shape: fc.Arbitrary<unknown>): fc.Arbitrary<Body> => fc.oneof(
  { weight: 4, arbitrary: shape.map((value) => ({ kind: 'json' as const, value })) },
  { weight: 2, arbitrary: anyJson.map((value) => ({ kind: 'json' as const, value })) },
  { weight: 2, arbitrary: rawJson.map((t) => ({ kind: 'raw' as const, text: t })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

/** Zips: random bytes, zips of random entries, small valid packages; the last two sometimes cut short. */
type ZipSpec = { bytes: Uint8Array } | { entries: { name: string; data: string }[]; cut: number } | { pkg: true; cut: number };
const zipSpec: fc.Arbitrary<ZipSpec> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })),
  fc.record({
    entries: fc.array(fc.record({
      name: fc.stringMatching(/^[a-z0-9_.-]{1,12}(\/[a-z0-9_.-]{1,12}){0,3}$/).filter((n) => !n.split('/').some((p) => p === '.' || p === '..')),
      data: short(50),
    }), { maxLength: 5 }),
    cut: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ pkg: fc.constant(true as const), cut: fc.integer({ min: 0, max: 100 }) }),
);

const multipartBody: fc.Arbitrary<Body> = fc.record({
  parts: fc.array(fc.record({
    name: fc.oneof(fc.constant('package'), short(10)),
    filename: fc.option(fc.oneof(fc.constantFrom('p.zip', '../../../etc/passwd', 'a'.repeat(300), 'x.kpp', ''), short(20)), { nil: undefined }),
    data: zipSpec,
  }), { minLength: 0, maxLength: 3 }),
  boundary: fc.oneof(fc.constant('fuzzBoundary123'), fc.stringMatching(/^[A-Za-z0-9'()+_,-./:=?]{1,70}$/)),
  truncate: fc.boolean(),
}).map((m) => ({ kind: 'multipart' as const, ...m }));

/* ------------------------------------------------------------------------------------------ */
/* The routes: one line each                                                                   */
/* ------------------------------------------------------------------------------------------ */

interface Route {
  method: string;
  /** `:name` segments are filled from `params` (or any text). */
  path: string;
  body?: fc.Arbitrary<Body>;
  /** Query parameters the route reads; random ones are added as well. */
  query?: Record<string, fc.Arbitrary<string>>;
}

const uuidish = fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-4000-8000-000000000000', 'XYZ', '0'.repeat(36)), text);
const slugish = fc.oneof(fc.constantFrom('aplusb', 'hello', 'fuzz-a', 'no-such-problem'), text);
const waitMs = fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.constantFrom('abc', '1e3', '', '60001', '0x10', '-0'));
const after = fc.oneof(fc.constantFrom('queued', 'compiling', 'running', 'finished'), text);

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/health' },
  { method: 'GET', path: '/api/v1/metrics' },
  { method: 'GET', path: '/api/v1/languages' },
  { method: 'POST', path: '/api/v1/submissions', body: jsonBody(submissionBody) },
  { method: 'GET', path: '/api/v1/submissions/:id', query: { waitMs, after } },
  { method: 'GET', path: '/api/v1/submissions', query: { problemId: slugish, verdict: text, language: text, limit: waitMs, cursor: text, userId: text } },
  { method: 'GET', path: '/api/v1/problems' },
  { method: 'POST', path: '/api/v1/problems', body: jsonBody(problemBody) },
  { method: 'POST', path: '/api/v1/problems/import', body: multipartBody, query: { id: slugish, replace: fc.constantFrom('true', 'false', 'yes', '') } },
  { method: 'GET', path: '/api/v1/problems/:id' },
  { method: 'PUT', path: '/api/v1/problems/:id', body: jsonBody(problemBody) },
  { method: 'DELETE', path: '/api/v1/problems/:id' },
  { method: 'GET', path: '/api/v1/problems/:id/export' },
  // Who may do what (DESIGN.md): added by the auth work; 404 until then, never 5xx.
  { method: 'POST', path: '/api/v1/users', body: jsonBody(credentials) },
  { method: 'POST', path: '/api/v1/auth/login', body: jsonBody(credentials) },
  { method: 'POST', path: '/api/v1/auth/logout', body: jsonBody(fc.constant({})) },
  { method: 'POST', path: '/api/v1/keys', body: jsonBody(keyBody) },
  { method: 'GET', path: '/api/v1/keys' },
  { method: 'DELETE', path: '/api/v1/keys/:id' },
  { method: 'GET', path: '/api/docs' },
  { method: 'GET', path: '/api/docs-json' },
  // The Judge0-compatible API (docs/judge0.md).
  { method: 'POST', path: '/judge0/submissions', body: jsonBody(judge0Body), query: { base64_encoded: fc.constantFrom('true', 'false', 'yes'), fields: text } },
  { method: 'POST', path: '/judge0/submissions/batch', body: jsonBody(shaped({ submissions: fc.array(judge0Body, { maxLength: 22 }) })), query: { base64_encoded: fc.constantFrom('true', 'false') } },
  { method: 'GET', path: '/judge0/submissions/:id', query: { fields: fc.oneof(text, fc.constantFrom('*', 'stdout,status', 'nope')), base64_encoded: fc.constantFrom('true', 'false') } },
  { method: 'GET', path: '/judge0/submissions/batch', query: { tokens: text, fields: text } },
  { method: 'DELETE', path: '/judge0/submissions/:id' },
  { method: 'GET', path: '/judge0/languages/:id' },
  { method: 'GET', path: '/judge0/statistics' },
  { method: 'GET', path: '/judge0/workers' },
];

/** WebSocket events the gateway handles; frames with other events are fuzzed too. */
const WS_EVENTS = ['subscribe', 'unsubscribe'];

/* ------------------------------------------------------------------------------------------ */
/* One HTTP case                                                                               */
/* ------------------------------------------------------------------------------------------ */

const identity = fc.constantFrom(...(ADMIN ? ['admin', 'none', 'garbage', 'x-auth-token'] : ['none', 'garbage']));
const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const headerValue = fc.oneof(fc.string({ unit: printable, maxLength: 60 }), fc.constantFrom('', 'a'.repeat(4000)));
const extraHeaders = fc.oneof(
  fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
  fc.record({
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'text/plain',
      'application/x-www-form-urlencoded', 'multipart/form-data', 'application/merge-patch+json', 'application/json; charset=bogus'),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'bogus'),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', ''),
    origin: fc.constantFrom('https://evil.example', 'null', ''),
    'x-forwarded-for': fc.constantFrom('127.0.0.1', '::1, 10.0.0.1', 'garbage'),
    range: fc.constantFrom('bytes=0-1', 'bytes=-1', 'bytes=9999999-'),
  }, { requiredKeys: [] }),
);
/** Percent-encodes the UTF-8 bytes of `s` (encodeURIComponent throws on lone surrogates). */
const enc = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const pathParam = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(uuidish, slugish).map(enc) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%00', '..%2F..%2Fetc%2Fpasswd', '%c0%af', '%E0%A4%A', 'a'.repeat(8000), '.', '..') },
);
const queryExtra = fc.dictionary(fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'waitMs[]', 'a[b][c]')), text, { maxKeys: 3 });

const routeNamed = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r]));
const httpCase = fc.record({
  // By name, so that a counterexample prints as one line.
  route: fc.constantFrom(...routeNamed.keys()),
  otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), { freq: 8, nil: undefined }),
  params: fc.array(pathParam, { minLength: 2, maxLength: 2 }),
  who: identity,
  headers: extraHeaders,
  extraQuery: queryExtra,
}).chain((c) => {
  const route = routeNamed.get(c.route)!;
  return fc.record({
    body: route.body ?? fc.oneof(fc.constant<Body>({ kind: 'none' }), jsonBody(anyJson)),
    query: route.query ? fc.record(route.query, { requiredKeys: [] }) : fc.constant({}),
  }).map((more) => ({ ...c, ...more }));
});

type HttpCase = typeof httpCase extends fc.Arbitrary<infer T> ? T : never;

async function materialize(spec: ZipSpec): Promise<Buffer> {
  if ('bytes' in spec) return Buffer.from(spec.bytes);
  const zip = await buildZip('entries' in spec ? spec.entries.map((e) => ({ ...e })) : packageEntries());
  // One time in ten, cut short somewhere.
  return spec.cut >= 90 ? zip.subarray(0, Math.floor((zip.length * (spec.cut - 90)) / 10)) : zip;
}

async function encodeBody(body: Body): Promise<{ data?: Buffer; contentType?: string }> {
  switch (body.kind) {
    case 'none': return {};
    case 'json': return { data: Buffer.from(JSON.stringify(body.value) ?? ''), contentType: 'application/json' };
    case 'raw': return { data: Buffer.from(body.text), contentType: 'application/json' };
    case 'multipart': {
      const chunks: Buffer[] = [];
      for (const p of body.parts) {
        const disposition = `form-data; name="${p.name.replace(/["\r\n]/g, '')}"${p.filename === undefined ? '' : `; filename="${p.filename.replace(/["\r\n]/g, '')}"`}`;
        chunks.push(Buffer.from(`--${body.boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/zip\r\n\r\n`), await materialize(p.data), Buffer.from('\r\n'));
      }
      if (!body.truncate) chunks.push(Buffer.from(`--${body.boundary}--\r\n`));
      return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${body.boundary}` };
    }
  }
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; text: string }

/** Sends one raw request (node:http, so any method, header and path bytes can be sent). */
function send(method: string, path: string, headers: Record<string, string>, data?: Buffer): Promise<Answer> {
  const url = new URL(stack.gw.url);
  // Framed by content-length: node sends a GET's body unframed otherwise (the server then reads it as the next request).
  if (data) headers = { ...headers, 'content-length': String(data.length) };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, timeout: 15000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path.slice(0, 200)} within 15 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

function authHeaders(who: string): Record<string, string> {
  switch (who) {
    case 'admin': return { authorization: `Bearer ${ADMIN}` };
    case 'x-auth-token': return { 'x-auth-token': ADMIN! };
    case 'garbage': return { authorization: 'Bearer not-a-real-token-0123456789' };
    default: return {};
  }
}

/** What an error answer must never contain: stack frames, source or install paths, driver internals. */
const LEAK = /\n\s+at |\bat (async )?\w+ \(|node_modules|\/work\/|\/apps\/|\/libs\/|\/src\/|\.ts:\d+|\.js:\d+|QueryFailedError|SQLITE_|ECONNREFUSED|TypeORM|TypeError|ReferenceError|RangeError|call stack/;

async function runHttpCase(c: HttpCase): Promise<Answer & { sent: string }> {
  const route = routeNamed.get(c.route)!;
  const method = c.otherMethod ?? route.method;
  let i = 0;
  const path = route.path.replace(/:[a-zA-Z]+/g, () => c.params[i++]);
  const qs = [...Object.entries(c.query), ...Object.entries(c.extraQuery)].map(([k, v]) => `${enc(k)}=${enc(v as string)}`).join('&');
  const full = qs ? `${path}?${qs}` : path;
  const { data, contentType } = await encodeBody(c.body);
  const headers: Record<string, string> = { ...(contentType ? { 'content-type': contentType } : {}), ...c.headers, ...authHeaders(c.who) };
  // A content-encoding on a body that is not encoded that way is part of the fuzz; on none it is noise.
  if (!data) delete headers['content-encoding'];
  const answer = await send(method, full, headers, data);
  return { ...answer, sent: `${method} ${full.slice(0, 300)} headers=${JSON.stringify(headers).slice(0, 300)} body=${data?.toString('latin1').slice(0, 300)}` };
}

/* ------------------------------------------------------------------------------------------ */
/* One WebSocket case                                                                          */
/* ------------------------------------------------------------------------------------------ */

const wsFrame: fc.Arbitrary<string | Buffer> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ event: fc.oneof(fc.constantFrom(...WS_EVENTS), text), data: fc.oneof(shaped({ submissionId: uuidish }), anyJson) }, { requiredKeys: [] }).map((f) => JSON.stringify(f)) },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? '') },
  { weight: 2, arbitrary: rawJson.map((t) => t.replace(/^\[/, '{"event":"subscribe","data":[')) },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
);
const wsCase = fc.record({ frames: fc.array(wsFrame, { minLength: 1, maxLength: 5 }), who: identity, viaQuery: fc.boolean() });

/**
 * Opens a WebSocket as `who`, sends the frames, then subscribes to `probeId` (a finished
 * submission): resolves with the answers, or with the refusal when the upgrade is refused.
 */
function runWsCase(c: { frames: (string | Buffer)[]; who: string; viaQuery: boolean }, probeId: string): Promise<{ refused?: number; closeCode?: number; answers: any[] }> {
  const token = c.who === 'admin' || c.who === 'x-auth-token' ? ADMIN : c.who === 'garbage' ? 'not-a-real-token-0123456789' : undefined;
  const url = token && c.viaQuery ? `${stack.gw.wsUrl}?token=${encodeURIComponent(token)}` : stack.gw.wsUrl;
  const headers = token && !c.viaQuery ? (c.who === 'x-auth-token' ? { 'x-auth-token': token } : { authorization: `Bearer ${token}` }) : {};
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const answers: any[] = [];
    const timer = setTimeout(() => { ws.terminate(); resolve({ answers }); }, 5000);
    ws.on('unexpected-response', (_req, res) => { clearTimeout(timer); ws.terminate(); resolve({ refused: res.statusCode, answers }); });
    ws.on('open', () => {
      for (const f of c.frames) ws.send(f);
      ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: probeId } }));
    });
    ws.on('message', (m) => {
      const frame = JSON.parse(m.toString());
      answers.push(frame);
      // The probe's answer: the submission, or (for an identity that does not own it, once
      // ownership is enforced) an error frame about it. Either way the connection still answers.
      const aboutProbe = frame.data?.id === probeId || frame.data?.submissionId === probeId || (typeof frame.data?.message === 'string' && frame.data.message.includes(probeId));
      if (aboutProbe && (frame.event === 'submission' || frame.event === 'error')) { clearTimeout(timer); ws.close(); resolve({ answers }); }
    });
    ws.on('close', (code) => { clearTimeout(timer); resolve({ closeCode: code, answers }); });
    ws.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/* ------------------------------------------------------------------------------------------ */
/* The properties                                                                              */
/* ------------------------------------------------------------------------------------------ */

const asAdmin: Record<string, string> = ADMIN ? { authorization: `Bearer ${ADMIN}` } : {};
let probeId: string;

beforeAll(async () => {
  // A finished submission to probe WebSocket connections with (a subscribe answers at once).
  const r = await fetch(`${stack.gw.url}/api/v1/submissions`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...asAdmin },
    body: JSON.stringify({ language: 'python3', sourceCode: 'print(input())', stdin: 'probe\n', expectedOutput: 'probe' }),
  });
  expect(r.status).toBe(202);
  probeId = ((await r.json()) as { id: string }).id;
  expect((await watch(stack.gw.wsUrl, probeId)).final.verdict).toBe(Verdict.AC);
});

describe(`fuzzing (fast-check, seed ${SEED})`, () => {
  it(`HTTP: ${RUNS} random requests over ${ROUTES.length} routes: never a 5xx, errors in the one shape, no leaks`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(httpCase, async (c) => {
        const a = await runHttpCase(c);
        seen.set(a.status, (seen.get(a.status) ?? 0) + 1);
        const where = `${a.status} for ${a.sent}\nanswer: ${a.text.slice(0, 500)}`;
        if (a.status >= 500 || a.status < 100) throw new Error(`server error ${where}`);
        // 431: node's HTTP parser refuses headers over 16 KiB before the app sees the request (no body).
        if (a.status >= 400 && a.status !== 431 && (c.otherMethod ?? routeNamed.get(c.route)!.method) !== 'HEAD') {
          let body: any;
          try { body = JSON.parse(a.text); } catch { throw new Error(`error answer is not JSON: ${where}`); }
          const oneShape = body.statusCode === a.status && typeof body.error === 'string' && typeof body.message === 'string';
          // Under /judge0, Judge0's shapes: { error } or (422) { field: [messages] }.
          const judge0Shape = a.sent.split(' ')[1].startsWith('/judge0/') && typeof body === 'object' && body !== null
            && (typeof body.error === 'string' || (a.status === 422 && Object.values(body).every((m) => Array.isArray(m) && m.every((x) => typeof x === 'string'))));
          if (!oneShape && !judge0Shape) throw new Error(`error answer not in the { statusCode, error, message } shape (or Judge0's under /judge0): ${where}`);
          if (LEAK.test(a.text)) throw new Error(`error answer leaks internals: ${where}`);
        }
        if (a.status !== 431 && a.headers['x-content-type-options'] !== 'nosniff') throw new Error(`no helmet headers: ${where}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The fuzz reached past validation too, not only 4xx: some answers succeeded.
    const ok = [...seen].filter(([s]) => s < 300).reduce((n, [, k]) => n + k, 0);
    expect(ok).toBeGreaterThan(0);
    expect([...seen.keys()].some((s) => s >= 400)).toBe(true);
  });

  it(`WebSocket: ${Math.ceil(RUNS / 4)} connections with random frames: no 5xx at the upgrade, every connection still answers a subscribe`, async () => {
    await fc.assert(
      fc.asyncProperty(wsCase, async (c) => {
        const r = await runWsCase(c, probeId);
        const where = `frames ${JSON.stringify(c.frames.map((f) => (typeof f === 'string' ? f.slice(0, 200) : `<${f.length} bytes>`)))} as ${c.who}`;
        if (r.refused !== undefined) {
          if (r.refused >= 500) throw new Error(`upgrade answered ${r.refused}: ${where}`);
          return; // a refused token (after auth is merged): 401, not a crash
        }
        if (r.closeCode !== undefined) throw new Error(`connection closed (${r.closeCode}) instead of answering: ${where}; got ${JSON.stringify(r.answers).slice(0, 500)}`);
        const last = r.answers[r.answers.length - 1];
        const answered = last?.event === 'submission' ? last.data.id === probeId
          : last?.event === 'error' && (last.data?.submissionId === probeId || String(last.data?.message).includes(probeId));
        if (!answered) throw new Error(`no answer to the probe subscribe after ${where}; got ${JSON.stringify(r.answers).slice(0, 500)}`);
        // Admins read every submission (DESIGN.md), so theirs is the submission itself.
        if (c.who === 'admin' && last.event !== 'submission') throw new Error(`the admin got no submission frame: ${where}`);
        for (const a of r.answers) {
          if (a.event === 'error' && (typeof a.data?.message !== 'string' || LEAK.test(a.data.message))) throw new Error(`bad error frame ${JSON.stringify(a)}: ${where}`);
        }
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 4), endOnFailure: true },
    );
  });

  it('afterwards the gateway still answers health and judges a real submission', async () => {
    const health = await api(stack.gw.url, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const r = await fetch(`${stack.gw.url}/api/v1/submissions`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...asAdmin },
      body: JSON.stringify({ language: 'c', sourceCode: '#include <stdio.h>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}', stdin: '2 40\n', expectedOutput: '42' }),
    });
    expect(r.status).toBe(202);
    const { final } = await watch(stack.gw.wsUrl, ((await r.json()) as { id: string }).id, 120000);
    expect(final.verdict).toBe(Verdict.AC);
  });
});
