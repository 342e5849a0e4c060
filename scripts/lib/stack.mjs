// Starts one gateway and one judge (the built dist/apps/*/main.js) as child processes and waits
// until the stack answers. Used by scripts/start.mjs (`npm start`) and scripts/demo.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/** Repository root (scripts/lib/../..). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAINS = Object.freeze({
  gateway: join(ROOT, 'dist', 'apps', 'gateway', 'main.js'),
  judge: join(ROOT, 'dist', 'apps', 'judge', 'main.js'),
  cli: join(ROOT, 'dist', 'apps', 'cli', 'main.js'),
});
/** The CLI's API client and display helpers, as a CommonJS module (built with the CLI). */
export const CLIENT = join(ROOT, 'dist', 'apps', 'cli', 'client.js');

/** The CLI's client library (`ApiClient`, display helpers, `languageForFile`, `RedisKeys`); needs the build. */
export function loadClient() {
  return createRequire(import.meta.url)(CLIENT);
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/**
 * A pino JSON line as `LEVEL context: msg` (plus the error or the request when there is one);
 * any other line unchanged. Returns `{ text, level }` (level: pino number, 30 for non-JSON lines).
 */
export function compactLogLine(line) {
  if (!line.startsWith('{')) return { text: line, level: /error|fatal/i.test(line) ? 50 : 30 };
  let o;
  try {
    o = JSON.parse(line);
  } catch {
    return { text: line, level: 30 };
  }
  if (!o || typeof o !== 'object') return { text: line, level: 30 };
  const level = typeof o.level === 'number' ? o.level : 30;
  const name = LEVELS[level] ?? (typeof o.level === 'string' ? o.level.toUpperCase() : 'INFO');
  let msg = typeof o.msg === 'string' ? o.msg : o.msg === undefined ? '' : JSON.stringify(o.msg);
  if (o.req && o.res) msg = `${o.req.method ?? ''} ${o.req.url ?? ''} ${o.res.statusCode ?? ''} ${o.responseTime ?? '?'} ms${msg && msg !== 'request completed' ? ` ${msg}` : ''}`;
  const err = o.err ?? o.error;
  if (err && typeof err === 'object') {
    const detail = err.stack ?? err.message;
    if (detail && !msg.includes(String(err.message ?? detail))) msg += `${msg ? ': ' : ''}${detail}`;
  } else if (typeof err === 'string' && !msg.includes(err)) {
    msg += `${msg ? ': ' : ''}${err}`;
  }
  const context = typeof o.context === 'string' && o.context ? `${o.context}: ` : '';
  return { text: `${name.padEnd(5)} ${context}${msg}`, level };
}

/** True when nothing listens on `port` (checked by binding it on every interface). */
export function isPortFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen({ port, exclusive: true }, () => srv.close(() => res(true)));
  });
}

/** A TCP port that is free right now. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen({ port: 0, exclusive: true }, () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Newest mtime (ms) of the files under `paths` (folders walked; node_modules, dist, test folders and spec files skipped). */
export function newestMtime(paths, { skip = /(^|\/)(node_modules|dist|\.git|test)$|[.-]spec\.ts$/ } = {}) {
  let newest = 0;
  const walk = (p) => {
    if (skip.test(p)) return;
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(p);
  return newest;
}

/** Why the build is needed (a sentence), or null when dist is there and (with `checkStale`) newer than the sources. */
export function buildNeeded({ checkStale = false } = {}) {
  const missing = Object.values(MAINS).filter((m) => !existsSync(m));
  if (missing.length) return `${missing.map((m) => m.slice(ROOT.length + 1)).join(' and ')} missing`;
  if (!checkStale) return null;
  const built = Math.min(...Object.values(MAINS).map((m) => statSync(m).mtimeMs));
  const sources = ['apps', 'libs', 'tsconfig.json', 'nest-cli.json', 'package.json', 'package-lock.json'].map((p) => join(ROOT, p));
  const newest = newestMtime(sources);
  return newest > built ? 'sources changed since the last build' : null;
}

/** Runs `npm run build` in the repository (output inherited). Throws when it fails. */
export function runBuild({ reason } = {}) {
  process.stderr.write(`building${reason ? ` (${reason})` : ''}: npm run build\n`);
  const r = spawnSync(npmCommand(), ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.error) throw new Error(`npm run build: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
  // webpack leaves an unchanged bundle untouched: mark the build time for the staleness check.
  const now = new Date();
  for (const m of Object.values(MAINS)) if (existsSync(m)) utimesSync(m, now, now);
}

export function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * What a non-200 `GET /api/v1/health` says is not ready: its terminus body names the failing
 * indicators (`database`; `queue` is Redis), e.g. `Redis: connect ECONNREFUSED 127.0.0.1:6379`.
 */
function healthProblem(status, body) {
  let failing = {};
  try { failing = JSON.parse(body)?.error ?? {}; } catch { /* not JSON */ }
  const names = { database: 'database', queue: 'Redis' };
  const parts = Object.entries(failing).map(([k, v]) => `${names[k] ?? k}${v?.message ? `: ${v.message}` : ''}`);
  return parts.length ? parts.join('; ') + ` (GET /api/v1/health answered ${status})` : `gateway HTTP: GET /api/v1/health answered ${status}`;
}

/**
 * START_WAIT_MS of `env`: how long a stack may take to become ready, whole ms from 1000 to
 * 3600000 (default 60000). Throws an Error naming the variable and the value when it is not.
 */
export function startWaitMs(env = process.env) {
  const text = env.START_WAIT_MS ?? '60000';
  const ms = Number(text);
  if (!/^\d+$/.test(text.trim()) || ms < 1000 || ms > 3_600_000) {
    throw new Error(`START_WAIT_MS must be a whole number of milliseconds from 1000 to 3600000, got "${text}"`);
  }
  return ms;
}

/**
 * Spawns the gateway and the judge now and returns at once. The result:
 * - `url`: http://127.0.0.1:<PORT>
 * - `ready`: resolves when `GET /api/v1/health` and `GET /api/v1/languages` both answer 200 (asked
 *   through the CLI's client); rejects (after stopping both) when a process exits first or after
 *   `timeoutMs` (ms), with what was not ready (gateway HTTP, database, Redis, judge registered)
 *   and the last log lines.
 * - `exited`: resolves with `{ name, code, signal }` of the first process to exit.
 * - `stop()`: SIGTERM to both, SIGKILL after `graceMs`; resolves when both are gone.
 * - `signal(sig)`: forwards a signal to both; `logs(name?)`: the last log lines.
 * Options: `env` (default process.env; PORT default 3000), `quiet` (print nothing),
 * `raw` (print the JSON lines as they are instead of `LEVEL msg`), `onLog(name, text, level, rawLine)`,
 * `keepLines` (lines kept per process for error messages).
 */
export function launchStack({ env = process.env, quiet = false, raw = false, onLog, timeoutMs = 60_000, keepLines = 40, cwd = ROOT } = {}) {
  const port = Number(env.PORT || 3000);
  const url = `http://127.0.0.1:${port}`;
  const childEnv = { ...env, PORT: String(port) };
  const tails = { gateway: [], judge: [] };
  const procs = {};
  const exits = {};
  let resolveExited;
  const exited = new Promise((r) => (resolveExited = r));
  let stopping = false;

  const onLine = (name, line) => {
    if (line === '') return;
    const { text, level } = compactLogLine(line);
    const tail = tails[name];
    tail.push(text);
    if (tail.length > keepLines) tail.shift();
    if (onLog) onLog(name, text, level, line);
    if (!quiet) process.stdout.write(`${`[${name}]`.padEnd(9)} ${raw ? line : text}\n`);
  };

  for (const name of ['gateway', 'judge']) {
    const child = spawn(process.execPath, [MAINS[name]], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: a Ctrl-C in the terminal reaches only us, and we forward it once.
      detached: process.platform !== 'win32',
    });
    procs[name] = child;
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) => onLine(name, l));
    child.on('error', (e) => onLine(name, `cannot start ${name}: ${e.message}`));
    child.on('exit', (code, signal) => {
      exits[name] = { name, code, signal };
      resolveExited({ name, code, signal, expected: stopping });
    });
  }

  const signalled = new Set();
  const alive = (name) => procs[name] && !exits[name] && procs[name].exitCode === null && procs[name].signalCode === null;
  const killSafely = (name, sig, group = false) => {
    const child = procs[name];
    if (!alive(name) || !child.pid) return;
    try {
      if (group && process.platform !== 'win32') process.kill(-child.pid, sig);
      else child.kill(sig);
      signalled.add(name);
    } catch {
      /* already gone */
    }
  };

  const waitExit = (name) =>
    new Promise((r) => {
      if (!alive(name)) return r(exits[name] ?? { name, code: procs[name]?.exitCode ?? null, signal: procs[name]?.signalCode ?? null });
      procs[name].once('exit', (code, signal) => r({ name, code, signal }));
    });

  // Never leave the children behind when this process ends (they have their own process group).
  const onParentExit = () => {
    for (const name of Object.keys(procs)) killSafely(name, 'SIGTERM');
  };
  process.on('exit', onParentExit);

  let stopPromise = null;
  function stop({ graceMs = 10_000 } = {}) {
    if (stopPromise) return stopPromise;
    stopping = true;
    stopPromise = (async () => {
      // A second signal would cut a graceful shutdown short (Nest re-raises it): send one only.
      for (const name of Object.keys(procs)) if (!signalled.has(name)) killSafely(name, 'SIGTERM');
      const all = Promise.all(Object.keys(procs).map(waitExit));
      const timer = setTimeout(() => {
        for (const name of Object.keys(procs)) killSafely(name, 'SIGKILL', true);
      }, graceMs);
      const result = await all;
      clearTimeout(timer);
      process.off('exit', onParentExit);
      return result;
    })();
    return stopPromise;
  }

  function signal(sig) {
    stopping = true;
    for (const name of Object.keys(procs)) killSafely(name, sig);
  }

  const logs = (name) => (name ? [...tails[name]] : Object.entries(tails).flatMap(([n, lines]) => lines.map((l) => `[${n}] ${l}`)));
  const lastLines = (n = 15) =>
    Object.entries(tails)
      .map(([name, lines]) => `--- last ${name} log lines ---\n${lines.slice(-n).map((l) => `  ${l}`).join('\n') || '  (none)'}`)
      .join('\n');

  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    // The CLI's client (built with the apps, which are built before any stack starts).
    const { ApiClient, ApiError } = loadClient();
    const client = new ApiClient(url, { requestTimeoutMs: 5000 });
    let lastProblem = 'no answer yet';
    let healthy = false;
    while (Date.now() < deadline) {
      const dead = Object.values(exits)[0];
      if (dead) {
        await stop();
        throw new Error(`the ${dead.name} exited (${dead.signal ?? `code ${dead.code}`}) before the stack was ready\n${lastLines()}`);
      }
      try {
        if (!healthy) {
          await client.health();
          healthy = true;
        }
        await client.languages();
        return { url };
      } catch (e) {
        if (e instanceof ApiError) lastProblem = healthy ? `judge registered: no judge answered (GET /api/v1/languages answered ${e.status})` : healthProblem(e.status, JSON.stringify(e.body ?? ''));
        // The client wraps fetch's error; its cause (or the cause's cause) holds the code, e.g. ECONNREFUSED.
        else lastProblem = `gateway HTTP: ${url} not answering (${e?.cause?.cause?.code ?? e?.cause?.code ?? e?.message ?? e})`;
      }
      await sleep(300);
    }
    await stop();
    throw new Error(`the stack was not ready within ${Math.round(timeoutMs / 1000)} s (START_WAIT_MS): ${lastProblem}\n${lastLines()}`);
  })();
  ready.catch(() => {}); // the caller awaits it; avoid an unhandled rejection if it does not

  return { url, port, processes: procs, ready, exited, stop, signal, logs, lastLines, alive };
}

/**
 * Starts the stack and waits until it is ready (see launchStack). Resolves with `{ url, stop(), ... }`;
 * rejects with a clear error (the last log lines included) when it does not get ready within 60 s.
 * Fails at once when the port is taken.
 */
export async function startStack(options = {}) {
  const env = options.env ?? process.env;
  const port = Number(env.PORT || 3000);
  if (!(await isPortFree(port))) throw new Error(`port ${port} is already in use (another stack running?): set PORT to a free port`);
  const stack = launchStack(options);
  await stack.ready;
  return stack;
}
