// Small client for the judge's REST API and WebSocket, shared by scripts/submit.mjs and
// scripts/demo.mjs. Plain Node 20 ESM: global fetch plus the `ws` package.
import { extname } from 'node:path';
import WebSocket from 'ws';

/** Language id by file extension (lower-case, with the dot). */
export const LANGUAGE_BY_EXTENSION = Object.freeze({
  '.c': 'c',
  '.cpp': 'cpp',
  '.cc': 'cpp',
  '.cxx': 'cpp',
  '.py': 'python3',
  '.js': 'javascript',
  '.java': 'java',
  '.rs': 'rust',
});

/** The language id for `file` from its extension, or null when unknown. */
export function languageOf(file) {
  return LANGUAGE_BY_EXTENSION[extname(file).toLowerCase()] ?? null;
}

/** Default gateway URL: env JUDGE_URL, else http://127.0.0.1:3000. */
export function defaultUrl(env = process.env) {
  return env.JUDGE_URL || 'http://127.0.0.1:3000';
}

/** The gateway answered with an HTTP error. `status` is the HTTP status, `body` the parsed answer. */
export class ApiError extends Error {
  constructor(message, { status, body, method, path } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.method = method;
    this.path = path;
  }
}

/** The gateway could not be reached at all (refused, DNS, timeout...). */
export class ConnectionError extends Error {
  constructor(message, { url, cause } = {}) {
    super(message, { cause });
    this.name = 'ConnectionError';
    this.url = url;
  }
}

/** Watching a submission timed out before it finished. `last` is the last frame seen. */
export class WatchTimeoutError extends Error {
  constructor(message, last) {
    super(message);
    this.name = 'WatchTimeoutError';
    this.last = last;
  }
}

const FINISHED = 'finished';

/** Normalizes `http://host:port/` (also accepts `host:port`) to `http://host:port`. */
export function normalizeBaseUrl(url) {
  let u = String(url).trim();
  if (!/^[a-z]+:\/\//i.test(u)) u = `http://${u}`;
  const parsed = new URL(u);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--url must be http(s)://host:port, got ${url}`);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

function describeCause(e) {
  const c = e?.cause ?? e;
  if (c?.code) return c.code + (c.address ? ` ${c.address}${c.port ? `:${c.port}` : ''}` : '');
  if (c?.name === 'TimeoutError' || c?.name === 'AbortError') return 'timed out';
  return c?.message ?? String(c);
}

/**
 * A client for the gateway at `baseUrl` (e.g. http://127.0.0.1:3000), authenticated with `token`
 * (default: env JUDGE_TOKEN; a session token, an API key or ADMIN_TOKEN) sent as
 * `Authorization: Bearer` on every request and on the WebSocket upgrade.
 * Every method throws ConnectionError when the gateway is unreachable and ApiError on an HTTP error.
 */
export function createClient(baseUrl, { requestTimeoutMs = 30_000, token = process.env.JUDGE_TOKEN } = {}) {
  const base = normalizeBaseUrl(baseUrl);
  const api = `${base}/api/v1`;
  const wsUrl = `${base.replace(/^http/, 'ws')}/ws`;
  const auth = token ? { authorization: `Bearer ${token}` } : {};

  async function request(method, path, body, { timeoutMs = requestTimeoutMs } = {}) {
    let res;
    try {
      res = await fetch(`${api}${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new ConnectionError(`cannot reach the gateway at ${base} (${describeCause(e)}): is it running? (npm start)`, { url: base, cause: e });
    }
    const text = await res.text().catch(() => '');
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    if (!res.ok) {
      const msg = (parsed && typeof parsed === 'object' && parsed.message) || text || res.statusText;
      throw new ApiError(`${method} ${path}: HTTP ${res.status}: ${msg}`, { status: res.status, body: parsed, method, path });
    }
    return parsed;
  }

  /**
   * Follows a submission until it finishes. Calls `onFrame(submission)` for the first state and for
   * every change (stale or repeated revisions are dropped) and resolves with the final submission.
   * Uses the WebSocket; if the socket fails before the end, continues by long-polling REST.
   * Rejects with WatchTimeoutError after `timeoutMs`.
   */
  function watch(submissionId, onFrame = () => {}, { timeoutMs = 300_000 } = {}) {
    let lastRevision = -1;
    let last = null;
    const deadline = Date.now() + timeoutMs;
    const deliver = (view) => {
      if (!view || typeof view !== 'object' || view.id !== submissionId) return false;
      if (typeof view.revision === 'number' && view.revision <= lastRevision) return last?.status === FINISHED;
      if (typeof view.revision === 'number') lastRevision = view.revision;
      last = view;
      try {
        onFrame(view);
      } catch {
        /* a display error must not stop the watch */
      }
      return view.status === FINISHED;
    };

    const viaSocket = () =>
      new Promise((resolve, reject) => {
        let settled = false;
        const ws = new WebSocket(wsUrl, { handshakeTimeout: Math.min(10_000, timeoutMs), headers: auth });
        const timer = setTimeout(() => finish(new WatchTimeoutError(`submission ${submissionId} did not finish within ${Math.round(timeoutMs / 1000)} s`, last)), Math.max(0, deadline - Date.now()));
        function finish(err, value) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          try {
            ws.removeAllListeners('close');
            ws.on('error', () => {});
            if (ws.readyState === WebSocket.OPEN) ws.close(1000);
            else ws.terminate();
          } catch {
            /* ignore */
          }
          if (err) reject(err);
          else resolve(value);
        }
        ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId } })));
        ws.on('message', (raw) => {
          let msg;
          try {
            msg = JSON.parse(raw.toString());
          } catch {
            return;
          }
          if (msg?.event === 'submission') {
            if (deliver(msg.data)) finish(null, last);
          } else if (msg?.event === 'error') {
            const m = msg.data?.message ?? 'unknown error';
            const e = new ApiError(`WebSocket: ${m}`, { status: /not found/i.test(m) ? 404 : 400, body: msg.data });
            e.fatal = true;
            finish(e);
          }
        });
        ws.on('error', (e) => finish(Object.assign(new ConnectionError(`WebSocket ${wsUrl}: ${describeCause(e)}`, { url: wsUrl, cause: e }), { socket: true })));
        ws.on('close', (code) => finish(Object.assign(new ConnectionError(`WebSocket ${wsUrl} closed (code ${code}) before the submission finished`, { url: wsUrl }), { socket: true })));
      });

    const viaPolling = async () => {
      // Long-poll: the gateway answers at once when the status differs from `after`, else after waitMs.
      for (;;) {
        const left = deadline - Date.now();
        if (left <= 0) throw new WatchTimeoutError(`submission ${submissionId} did not finish within ${Math.round(timeoutMs / 1000)} s`, last);
        const waitMs = Math.max(0, Math.min(20_000, left));
        const after = last?.status ? `&after=${encodeURIComponent(last.status)}` : '';
        const view = await request('GET', `/submissions/${encodeURIComponent(submissionId)}?waitMs=${waitMs}${after}`, undefined, { timeoutMs: waitMs + 15_000 });
        if (deliver(view)) return last;
        if (last?.status === FINISHED) return last;
      }
    };

    return viaSocket().catch((e) => {
      if (e?.socket && !e.fatal && Date.now() < deadline) return viaPolling();
      throw e;
    });
  }

  return {
    baseUrl: base,
    apiUrl: api,
    wsUrl,
    request,
    health: () => request('GET', '/health'),
    languages: () => request('GET', '/languages'),
    problems: () => request('GET', '/problems'),
    problem: (id) => request('GET', `/problems/${encodeURIComponent(id)}`),
    submit: (body) => request('POST', '/submissions', body),
    submission: (id, { waitMs, after } = {}) => {
      const q = new URLSearchParams();
      if (waitMs !== undefined) q.set('waitMs', String(waitMs));
      if (after) q.set('after', after);
      const qs = q.toString();
      return request('GET', `/submissions/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`, undefined, { timeoutMs: (waitMs ?? 0) + requestTimeoutMs });
    },
    watch,
  };
}

/** Max score of a problem view: the sum of its groups' points, or 100 when it has none. */
export function maxScoreOf(problem) {
  const groups = Array.isArray(problem?.groups) ? problem.groups : [];
  if (groups.length === 0) return 100;
  return round6(groups.reduce((s, g) => s + (Number(g.points) || 0), 0));
}

export function round6(x) {
  return Math.round(x * 1e6) / 1e6;
}

/* ------------------------------------------------------------------------------------------ */
/* Progress of a submission, shared by the two scripts                                        */
/* ------------------------------------------------------------------------------------------ */

/** `{ done, total, current, failed }` of a submission view: tests with a verdict, all tests, the test running. */
export function progressOf(view) {
  const tests = Array.isArray(view?.tests) ? view.tests : [];
  const total = Math.max(view?.testCount ?? 0, tests.length);
  const done = tests.filter((t) => t && (t.verdict || t.skipped)).length;
  const failed = tests.filter((t) => t && t.verdict && t.verdict !== 'AC').length;
  const current = view?.status === 'running' && done < total ? done + 1 : null;
  return { done, total, current, failed };
}

/** A short description of where a submission is: `queued`, `compiling`, `test 3/7 running`, `AC`. */
export function describeProgress(view) {
  const { done, total, current, failed } = progressOf(view);
  switch (view?.status) {
    case 'queued':
      return 'queued';
    case 'compiling':
      return 'compiling';
    case 'running':
      return `test ${current ?? done}/${total} running${failed ? ` (${failed} failed)` : ''}`;
    case 'finished':
      return `finished: ${view.verdict ?? '?'}`;
    default:
      return String(view?.status ?? '?');
  }
}

/** `[#####.....]` for done/total in `width` cells. */
export function progressBar(done, total, width = 10) {
  const n = total > 0 ? Math.max(0, Math.min(width, Math.round((done / total) * width))) : 0;
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
}

/** Human verdict names. */
export const VERDICT_NAMES = Object.freeze({
  AC: 'accepted',
  WA: 'wrong answer',
  TLE: 'time limit exceeded',
  MLE: 'memory limit exceeded',
  OLE: 'output limit exceeded',
  RE: 'run-time error',
  CE: 'compilation error',
  IE: 'internal error',
});

/** Formats a table: rows of cells (strings), first row the header; `align` per column 'l' | 'r'. */
export function formatTable(rows, align = []) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const s = String(c);
          if (i === r.length - 1 && align[i] !== 'r') return s;
          return align[i] === 'r' ? s.padStart(widths[i]) : s.padEnd(widths[i]);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Per-test table rows (header first) of a finished submission. */
export function testTableRows(view) {
  const rows = [['#', 'group', 'verdict', 'time ms', 'mem KiB', 'exit', 'message']];
  for (const t of view?.tests ?? []) {
    if (!t) continue;
    const verdict = t.skipped ? 'skipped' : t.verdict ?? '-';
    const exit = t.signal ? t.signal : t.exitCode ?? (t.skipped ? '' : '-');
    const name = t.group ?? (t.sample ? 'sample' : '');
    rows.push([
      String(t.index),
      name,
      verdict,
      t.timeMs ?? (t.skipped ? '' : '-'),
      t.memoryKb ?? (t.skipped ? '' : '-'),
      String(exit),
      oneLine(t.message ?? ''),
    ]);
  }
  return rows;
}

/** First line of `s`, cut at `max` characters. */
export function oneLine(s, max = 100) {
  const first = String(s).split('\n').find((l) => l.trim() !== '') ?? '';
  const more = String(s).includes('\n') && String(s).trim() !== first.trim();
  const cut = first.length > max ? `${first.slice(0, max - 1)}…` : first;
  return more && cut === first ? `${cut} …` : cut;
}
