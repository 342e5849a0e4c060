#!/usr/bin/env node
// `npm run demo`: one command that shows the judge working end to end.
//
// Prepares what is missing (npm ci, npm run build, Redis, bubblewrap), starts a private stack
// (fresh SQLite database in a temporary folder, its own Redis namespace, a free port), submits
// every solution under examples/solutions/<problem>/<EXPECTED>/<file> (4 at a time), follows each
// over the WebSocket and checks the verdict against EXPECTED. Prints a summary, stops the stack
// and cleans up (unless --serve). Exit code 0 only when every submission got what it should.
//
//   npm run demo                          everything
//   npm run demo -- aplusb kattis-oddecho only these problems
//   npm run demo -- --serve               keep the stack running afterwards (Ctrl-C to stop)
//   npm run demo -- --quiet               only the final line of each submission
//   npm run demo -- --time-scale 15 aplusb   a slow (emulated) machine: time limits × 15
//   npm run demo -- --languages c,python3    only solutions in these languages
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ROOT, buildNeeded, freePort, isPortFree, launchStack, loadClient, npmCommand, runBuild, startWaitMs } from './lib/stack.mjs';

// The CLI's client (dist/apps/cli/client.js) and ioredis, loaded once the build is there.
let lib = null;
let Redis = null;

const EXPECTATIONS = ['AC', 'WA', 'TLE', 'RE', 'CE', 'PARTIAL'];

const USAGE = `usage: npm run demo [-- [options] [problem ...]]

Starts a private stack, judges every solution under examples/solutions/<problem>/<EXPECTED>/
and checks each verdict (EXPECTED: ${EXPECTATIONS.join(', ')}). Exit code 0 when all match.

  problem ...          only these problems (folder names under examples/solutions)
  --serve              keep the stack running at the end (Ctrl-C stops it)
  --concurrency <n>    submissions in flight at once (default 4)
  --timeout <s>        per-submission limit to finish (default 300)
  --languages <ids>    only solutions in these languages (comma-separated ids, e.g. c,cpp,python3)
  --time-scale <k>     a slow machine (an emulated guest): every submission's time limit is its
                       problem's × k (at most the API's 15000 ms) and the judge's compile limit
                       15000 ms × k; verdicts are then checked as usual (default 1)
  --quiet              no progress lines, only one final line per submission
  --solutions <dir>    solutions folder (default examples/solutions)
  --verbose            also print the gateway's and the judge's logs
  -h, --help

Environment: PORT (default: a free port), REDIS_URL (default redis://127.0.0.1:6379),
START_WAIT_MS (how long the stack may take to start, default 60000).
`;

/* ------------------------------------------------------------------------------------------ */
/* Arguments                                                                                  */
/* ------------------------------------------------------------------------------------------ */

const opts = { solutions: null, serve: false, concurrency: 4, timeoutS: 300, timeScale: 1, quiet: false, verbose: false, problems: [], languages: [] };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline;
    if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (a === '--serve') opts.serve = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--concurrency' || a === '-j') opts.concurrency = Number(value());
    else if (a === '--timeout') opts.timeoutS = Number(value());
    else if (a === '--time-scale') opts.timeScale = Number(value());
    else if (a === '--languages') opts.languages.push(...value().split(',').map((l) => l.trim()).filter(Boolean));
    else if (a === '--solutions') opts.solutions = resolve(value());
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else opts.problems.push(a);
  }
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) usage('--concurrency must be a positive integer');
  if (!(opts.timeoutS > 0)) usage('--timeout must be a positive number of seconds');
  if (!(opts.timeScale >= 1 && opts.timeScale <= 100)) usage('--time-scale must be a number from 1 to 100');
}

function usage(msg) {
  process.stderr.write(`demo: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

const startedAt = Date.now();
let outputClosed = false;
const say = (msg = '') => !outputClosed && process.stdout.write(`${msg}\n`);
const warn = (msg) => !outputClosed && process.stderr.write(`demo: ${msg}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/* ------------------------------------------------------------------------------------------ */
/* Cleanup (runs once: normal end, error, Ctrl-C)                                             */
/* ------------------------------------------------------------------------------------------ */

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const NAMESPACE = `demo-${process.pid}`;
// The stack's admin bearer token, fresh for each demo: every request below carries it.
const ADMIN_TOKEN = randomBytes(24).toString('hex');
let stack = null;
let tmp = null;
let cleaning = null;

function cleanup() {
  cleaning ??= (async () => {
    if (stack) await stack.stop().catch(() => {});
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (!stack) return; // nothing was written to Redis
    try {
      const n = await redisDeletePattern(new lib.RedisKeys(NAMESPACE).everything);
      if (opts.verbose) say(`deleted ${n} Redis keys ${NAMESPACE}:*`);
    } catch (e) {
      warn(`could not delete the Redis keys ${NAMESPACE}:* (${e.message})`);
    }
  })();
  return cleaning;
}

let interrupted = false;
let serving = null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (serving) return serving(sig);
    if (interrupted) {
      warn('interrupted again: exiting without waiting');
      process.exit(130);
    }
    interrupted = true;
    warn(`${sig}: stopping the stack and cleaning up...`);
    cleanup().finally(() => process.exit(130));
  });
}

// Output piped into e.g. `head` that exits: stop quietly, but still clean up.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' || outputClosed) return;
    outputClosed = true;
    interrupted = true;
    cleanup().finally(() => process.exit(1));
  });
}

async function die(msg, code = 1) {
  warn(msg);
  await cleanup();
  process.exit(code);
}

/* ------------------------------------------------------------------------------------------ */
/* Prerequisites                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Full path of `cmd` on PATH, or null. */
function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** A connection to REDIS_URL that fails fast instead of retrying. */
function redisClient() {
  return new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
}

/** True when Redis answers PING. */
async function redisPing() {
  const r = redisClient();
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** Deletes the keys matching `pattern` (SCAN + DEL); resolves with how many. */
async function redisDeletePattern(pattern) {
  const r = redisClient();
  r.on('error', () => {});
  try {
    await r.connect();
    let deleted = 0;
    for await (const keys of r.scanStream({ match: pattern, count: 1000 })) if (keys.length) deleted += await r.del(...keys);
    return deleted;
  } finally {
    r.disconnect();
  }
}

function run(cmd, args, what) {
  say(`$ ${[cmd, ...args].map((a) => (a === '' || /[\s"'$]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (r.error) throw new Error(`${what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal})`);
}

async function ensureRedis() {
  if (await redisPing()) return;
  const u = new URL(REDIS_URL);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(u.hostname);
  const server = which('redis-server');
  if (!local || !server) {
    throw new Error(
      `Redis does not answer at ${REDIS_URL}${local ? ' and redis-server is not installed (apt-get install redis-server, or docker run -d -p 6379:6379 redis:7)' : ': start it or set REDIS_URL'}`,
    );
  }
  const port = u.port || '6379';
  say(`Redis does not answer at ${REDIS_URL}: starting redis-server on port ${port}`);
  run(server, ['--port', port, '--save', '', '--appendonly', 'no', '--daemonize', 'yes'], 'redis-server');
  for (let i = 0; i < 50; i++) {
    if (await redisPing()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`started redis-server, but ${REDIS_URL} still does not answer`);
}

function ensureBwrap() {
  if (which('bwrap')) return;
  if (process.getuid?.() !== 0) throw new Error('bubblewrap (bwrap) is not installed and this is not root: sudo apt-get install bubblewrap');
  if (!which('apt-get')) throw new Error('bubblewrap (bwrap) is not installed and apt-get is not available: install bubblewrap');
  say('bubblewrap (bwrap) is missing: installing it');
  run('apt-get', ['update'], 'apt-get update');
  run('apt-get', ['install', '-y', 'bubblewrap'], 'apt-get install bubblewrap');
  if (!which('bwrap')) throw new Error('installed bubblewrap, but bwrap is still not on PATH');
}

/* ------------------------------------------------------------------------------------------ */
/* Solutions                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * `{ problemDir, problemId, expected, file, path, language, rel, note }` for every solution file. The
 * problem id is the folder name: solutions are filed under their problem's id (example packages
 * and ../shared/problems are named by slugs, which the gateway imports them as).
 */
function findSolutions() {
  const base = opts.solutions ?? join(ROOT, 'examples', 'solutions');
  if (!existsSync(base)) throw new Error(`${relative(process.cwd(), base) || base} does not exist`);
  const isDir = (p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  const out = [];
  for (const problemDir of readdirSync(base).sort()) {
    if (!isDir(join(base, problemDir))) continue;
    if (opts.problems.length && !opts.problems.includes(problemDir)) continue;
    for (const expected of readdirSync(join(base, problemDir)).sort()) {
      const dir = join(base, problemDir, expected);
      if (!isDir(dir)) continue;
      if (!EXPECTATIONS.includes(expected)) {
        warn(`skipping ${relative(ROOT, dir)}: unknown expectation (not one of ${EXPECTATIONS.join(', ')})`);
        continue;
      }
      let note = null;
      if (expected === 'PARTIAL' && existsSync(join(dir, 'EXPECTED.md'))) {
        const m = /expected score:\s*([\d.]+)\s*(?:of|\/)\s*([\d.]+)/i.exec(readFileSync(join(dir, 'EXPECTED.md'), 'utf8'));
        if (m) note = { score: Number(m[1]), max: Number(m[2]) };
      }
      for (const file of readdirSync(dir).sort()) {
        const path = join(dir, file);
        const language = lib.languageForFile(file);
        if (!language || !statSync(path).isFile()) continue; // EXPECTED.md, inputs, ...
        if (opts.languages.length && !opts.languages.includes(language)) continue;
        out.push({ problemDir, problemId: problemDir, expected, file, path, language, rel: `${expected}/${file}`, note });
      }
    }
  }
  return out;
}

/** Whether the final submission `s` is what `job.expected` asks for; `{ ok, why }`. */
function judgeOutcome(job, s, maxScore) {
  const v = s.verdict;
  if (s.status !== 'finished') return { ok: false, why: `not finished (${s.status})` };
  if (job.expected === 'PARTIAL') {
    const ok = v !== 'AC' && s.score > 0 && s.score < maxScore;
    return { ok, why: ok ? '' : `expected a partial score (0 < score < ${maxScore}, not AC)` };
  }
  if (v !== job.expected) return { ok: false, why: `expected ${job.expected}` };
  if (v === 'AC' && s.score !== maxScore) return { ok: false, why: `AC but score ${s.score}, expected ${maxScore}` };
  return { ok: true, why: '' };
}

/** What to show of a surprising result: the compiler output (CE, or an IE before the tests), else the first failing test's message. */
function detail(s) {
  if (s.compileOutput && (s.verdict === 'CE' || s.verdict === 'IE')) return oneLine(s.compileOutput, 120);
  if (s.verdict === 'CE') return '';
  const t = (s.tests ?? []).find((x) => x && x.verdict && x.verdict !== 'AC');
  if (!t) return '';
  const exit = t.signal ?? (t.exitCode ? `exit ${t.exitCode}` : '');
  return `test ${t.index}${t.group ? ` (${t.group})` : ''}: ${t.verdict}${exit ? ` ${exit}` : ''}${t.message ? `: ${oneLine(t.message, 100)}` : ''}`;
}

/* ------------------------------------------------------------------------------------------ */
/* Main                                                                                       */
/* ------------------------------------------------------------------------------------------ */

let waitMs;
try {
  waitMs = startWaitMs();
  if (!existsSync(join(ROOT, 'node_modules'))) run(npmCommand(), ['ci'], 'npm ci');
  const why = buildNeeded({ checkStale: true });
  if (why) runBuild({ reason: why });
  lib = loadClient();
  Redis = (await import('ioredis')).default;
  await ensureRedis();
  ensureBwrap();
} catch (e) {
  await die(e.message);
}

const unknownLanguages = opts.languages.filter((l) => !lib.LANGUAGE_IDS.includes(l));
if (unknownLanguages.length) await die(`--languages: unknown language ${unknownLanguages.join(', ')} (known: ${lib.LANGUAGE_IDS.join(', ')})`, 2);

let solutions = [];
try {
  solutions = findSolutions();
} catch (e) {
  await die(e.message);
}
if (opts.problems.length) {
  const known = new Set(solutions.map((s) => s.problemDir));
  const missing = opts.problems.filter((p) => !known.has(p));
  if (missing.length) await die(`no solutions for ${missing.join(', ')} under ${opts.solutions ?? 'examples/solutions'}${opts.languages.length ? ` in ${opts.languages.join(', ')}` : ''}`, 2);
}

tmp = mkdtempSync(join(tmpdir(), 'oj-demo-'));
const problemsDirs = [join(ROOT, 'examples', 'problems')];
const shared = resolve(ROOT, '..', 'shared', 'problems');
if (existsSync(shared)) problemsDirs.push(shared);
let port = process.env.PORT ? Number(process.env.PORT) : await freePort();
if (process.env.PORT && !(await isPortFree(port))) await die(`PORT=${port} is already in use: pick another one or unset PORT`);
const env = {
  ...process.env,
  PORT: String(port),
  REDIS_URL,
  REDIS_NAMESPACE: NAMESPACE,
  DATABASE_URL: `sqlite:${join(tmp, 'demo.sqlite')}`,
  DATA_DIR: tmp,
  // Work folders and the judge's caches go with the rest of the demo's temporary folder.
  JUDGE_WORK_DIR: join(tmp, 'judge'),
  PROBLEMS_DIRS: problemsDirs.join(':'),
  ADMIN_TOKEN,
};
// Compilations get the same factor as run times (the judge's default compile limit is 15000 ms).
if (opts.timeScale > 1) env.JUDGE_COMPILE_TIME_LIMIT_MS ??= String(Math.round(15000 * opts.timeScale));

say(`starting a gateway and a judge on port ${port} (database ${join(tmp, 'demo.sqlite')}, Redis namespace ${NAMESPACE})`);
const warnings = [];
const t0 = Date.now();
stack = launchStack({
  env,
  timeoutMs: waitMs,
  quiet: !opts.verbose,
  onLog: (name, text, level) => {
    if (level >= 40 && !/LegacyRouteConverter/.test(text)) warnings.push(`[${name}] ${text}`);
  },
});
try {
  await stack.ready;
} catch (e) {
  await die(`the stack did not start: ${e.message}`);
}
say(`stack ready at ${stack.url} in ${seconds(Date.now() - t0)}`);

const client = new lib.ApiClient(stack.url, { token: ADMIN_TOKEN });
const { describeProgress, formatTable, maxScoreOf, oneLine, round6 } = lib;
let problems;
try {
  problems = await client.problems();
} catch (e) {
  await die(`GET /api/v1/problems: ${e.message}`);
}
const problemById = new Map(problems.map((p) => [p.id, p]));
const jobs = [];
const skipped = new Map();
for (const s of solutions) {
  if (problemById.has(s.problemId)) jobs.push(s);
  else skipped.set(s.problemDir, (skipped.get(s.problemDir) ?? 0) + 1);
}
// Their packages live in ../shared/problems (beside this checkout), imported only when it exists.
const notImported = existsSync(shared) ? 'problem not imported' : `problem not imported: its package is in ${relative(process.cwd(), shared) || shared}, which this machine does not have`;
for (const [dir, n] of skipped) say(`skipping ${dir}: ${notImported} (${n} solution${n === 1 ? '' : 's'})`);
say(`problems: ${[...new Set(jobs.map((j) => j.problemId))].join(', ')}`);
say(`judging ${jobs.length} solutions, ${opts.concurrency} at a time${opts.timeScale > 1 ? `, time limits × ${opts.timeScale} (at most ${lib.MAX_TIME_LIMIT_MS} ms)` : ''}`);
say();

const wProblem = Math.max(7, ...jobs.map((j) => j.problemId.length));
const wLang = Math.max(4, ...jobs.map((j) => j.language.length));
const wRel = Math.max(8, ...jobs.map((j) => j.rel.length));
const head = (j) => `${j.problemId.padEnd(wProblem)}  ${j.language.padEnd(wLang)}  ${j.rel.padEnd(wRel)}`;

const results = [];
const judgeT0 = Date.now();

async function judgeOne(job) {
  const maxScore = maxScoreOf(problemById.get(job.problemId));
  const source = readFileSync(job.path, 'utf8');
  const submittedAt = Date.now();
  let last = '';
  let final;
  try {
    // --time-scale: the problem's time limit × k, sent as the submission's own (which overrides it).
    const limits = opts.timeScale > 1 ? { timeLimitMs: Math.min(Math.round(problemById.get(job.problemId).timeLimitMs * opts.timeScale), lib.MAX_TIME_LIMIT_MS) } : undefined;
    const { id } = await client.submit({ language: job.language, sourceCode: source, problemId: job.problemId, ...(limits && { limits }) });
    final = await client.watch(
      id,
      (view) => {
        if (opts.quiet || view.status === 'finished') return;
        const line = describeProgress(view);
        if (line !== last) say(`${head(job)}  ${line}`);
        last = line;
      },
      { timeoutMs: opts.timeoutS * 1000 },
    );
  } catch (e) {
    if (interrupted) return; // the stack is going away: not the submission's fault
    const r = { job, ok: false, verdict: 'ERROR', score: null, why: e.message, ms: Date.now() - submittedAt };
    say(`FAIL  ${job.problemId.padEnd(wProblem)}  ${job.rel.padEnd(wRel)}  → error: ${e.message}`);
    results.push(r);
    return;
  }
  if (interrupted) return;
  const { ok, why } = judgeOutcome(job, final, maxScore);
  const notes = [];
  if (!ok) notes.push(why);
  if (!ok && detail(final)) notes.push(detail(final));
  if (job.note && (job.note.score !== final.score || job.note.max !== maxScore)) {
    notes.push(`EXPECTED.md says ${job.note.score} of ${job.note.max}, got ${final.score} of ${maxScore}`);
  }
  const score = final.score === null || final.score === undefined ? '-' : round6(final.score);
  say(
    `${ok ? 'ok  ' : 'FAIL'}  ${job.problemId.padEnd(wProblem)}  ${job.rel.padEnd(wRel)}  → ${String(final.verdict).padEnd(3)} score ${String(score).padStart(3)}  ${String(final.timeMs ?? '-').padStart(5)} ms ${String(final.memoryKb ?? '-').padStart(7)} KiB${notes.length ? `  (${notes.join('; ')})` : ''}`,
  );
  results.push({ job, ok, verdict: final.verdict, score: final.score, maxScore, why, notes, id: final.id, ms: Date.now() - submittedAt });
}

// A small pool: `concurrency` workers take jobs in order.
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(opts.concurrency, jobs.length) }, async () => {
    while (next < jobs.length && !interrupted) await judgeOne(jobs[next++]);
  }),
);
if (interrupted) await new Promise(() => {}); // the signal handler exits

/* ------------------------------------------------------------------------------------------ */
/* Summary                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const judgeMs = Date.now() - judgeT0;
const languages = [...new Set(results.map((r) => r.job.language))].sort();
const present = EXPECTATIONS.filter((e) => results.some((r) => r.job.expected === e));
const cell = (rs) => (rs.length ? `${rs.filter((r) => r.ok).length}/${rs.length}` : '-');
const rows = [['language', ...present, 'total']];
for (const lang of languages) {
  const rs = results.filter((r) => r.job.language === lang);
  rows.push([lang, ...present.map((e) => cell(rs.filter((r) => r.job.expected === e))), cell(rs)]);
}
rows.push(['total', ...present.map((e) => cell(results.filter((r) => r.job.expected === e))), cell(results)]);

const okCount = results.filter((r) => r.ok).length;
const failed = results.filter((r) => !r.ok);
say();
say('summary (matched/total, by language and expected verdict):');
say(formatTable(rows, ['l', ...present.map(() => 'r'), 'r']).replace(/^/gm, '  '));
say();
if (failed.length) {
  say(`${failed.length} submission${failed.length === 1 ? '' : 's'} did not get the expected verdict:`);
  for (const r of failed) say(`  ${r.job.problemId}  ${r.job.rel}: got ${r.verdict}${r.score !== null ? ` score ${r.score}` : ''}; ${[r.why, ...(r.notes ?? []).filter((n) => n !== r.why)].join('; ')}${r.id ? `  (id ${r.id})` : ''}`);
  if (warnings.length) {
    say();
    say('last warnings and errors from the stack:');
    for (const w of warnings.slice(-15)) say(`  ${oneLine(w, 200)}`);
  }
  say();
}
const notes = results.filter((r) => r.ok && r.notes?.length);
for (const r of notes) say(`note: ${r.job.problemId} ${r.job.rel}: ${r.notes.join('; ')}`);
if (notes.length) say();
const slowest = [...results].sort((a, b) => b.ms - a.ms)[0];
say(
  `${okCount}/${results.length} as expected${skipped.size ? ` (${[...skipped.values()].reduce((a, b) => a + b, 0)} skipped: problem not imported)` : ''}; judging took ${seconds(judgeMs)}, ${seconds(Date.now() - startedAt)} in all${slowest ? `; slowest: ${slowest.job.problemId} ${slowest.job.rel} ${seconds(slowest.ms)}` : ''}`,
);
const exitCode = failed.length === 0 && results.length > 0 ? 0 : 1;

if (!opts.serve) {
  await cleanup();
  say('stack stopped');
  process.exit(exitCode);
}

/* ------------------------------------------------------------------------------------------ */
/* --serve                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const url = stack.url;
const anyId = results.find((r) => r.id)?.id ?? '<id>';
say();
say(`the stack keeps running at ${url} (REST ${url}/api/v1, OpenAPI ${url}/api/docs); Ctrl-C to stop it`);
say(`database ${join(tmp, 'demo.sqlite')}, Redis namespace ${NAMESPACE} (both removed on exit)`);
say(`admin token (ADMIN_TOKEN): ${ADMIN_TOKEN}`);
say();
say('try:');
say(`  export JUDGE_TOKEN=${ADMIN_TOKEN}`);
say(`  curl -s ${url}/api/v1/problems | head -c 400`);
say(`  curl -s ${url}/api/v1/languages`);
say(`  curl -s -X POST ${url}/api/v1/submissions -H "authorization: Bearer $JUDGE_TOKEN" -H 'content-type: application/json' \\`);
say(`       -d '{"language":"python3","problemId":"aplusb","sourceCode":"a, b = map(int, input().split())\\nprint(a + b)\\n"}'`);
say(`  curl -s -H "authorization: Bearer $JUDGE_TOKEN" '${url}/api/v1/submissions/${anyId}?waitMs=10000&after=running'`);
say(`  npm run submit -- examples/solutions/aplusb/AC/int64.cpp --problem aplusb --url ${url}`);
say(`  node -e "const W=require('ws');const w=new W('${url.replace(/^http/, 'ws')}/ws',{headers:{authorization:'Bearer '+process.env.JUDGE_TOKEN}});w.on('open',()=>w.send(JSON.stringify({event:'subscribe',data:{submissionId:'${anyId}'}})));w.on('message',m=>{console.log(String(m));w.close()})"`);
await new Promise((res) => {
  serving = (sig) => {
    warn(`${sig}: stopping the stack and cleaning up...`);
    res();
  };
  stack.exited.then((x) => {
    if (!x.expected) {
      warn(`the ${x.name} exited (${x.signal ?? `code ${x.code}`}): stopping`);
      res();
    }
  });
});
await cleanup();
process.exit(exitCode);
