#!/usr/bin/env node
// `npm run submit -- <file> --problem <id> [--language <id>] [--stdin <file>] [--url <url>] [--json]`
// Submits a source file, follows it over the WebSocket and prints the verdict and a per-test table.
// Exit code: 0 when accepted, 1 for any other verdict, 2 for usage or connection errors.
import { readFileSync, statSync } from 'node:fs';
import {
  ApiError, ConnectionError, LANGUAGE_BY_EXTENSION, VERDICT_NAMES, WatchTimeoutError, createClient, defaultUrl,
  describeProgress, formatTable, languageOf, progressBar, progressOf, testTableRows,
} from './lib/client.mjs';

const USAGE = `usage: npm run submit -- <file> --problem <id> [options]

  <file>              source file; the language comes from its extension
                      (${Object.entries(LANGUAGE_BY_EXTENSION).map(([e, l]) => `${e} ${l}`).join(', ')})
  --problem, -p <id>  problem id (see GET /api/v1/problems); without it, an ad-hoc run on --stdin
  --language, -l <id> c, cpp, python3, javascript, java or rust (overrides the extension)
  --stdin <file>      input of an ad-hoc run (no --problem)
  --expected <file>   expected output of an ad-hoc run (checked like the default validator)
  --url <url>         gateway (default: env JUDGE_URL or http://127.0.0.1:3000; now ${defaultUrl()})
                      env JUDGE_TOKEN: the token to send (session token, API key or ADMIN_TOKEN)
  --timeout <s>       give up waiting after this many seconds (default 300)
  --json              print the final submission as JSON on stdout (progress on stderr if a terminal)
  -h, --help

Exit code: 0 accepted, 1 any other verdict, 2 usage or connection error.
`;

const EXIT_USAGE = 2;

function fail(message, code = EXIT_USAGE) {
  process.stderr.write(`submit: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { url: defaultUrl(), json: false, timeoutS: 300 };
  const positional = [];
  const takes = { '--problem': 'problem', '-p': 'problem', '--language': 'language', '-l': 'language', '--stdin': 'stdin', '--expected': 'expected', '--url': 'url', '--timeout': 'timeout' };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline;
    if (a.startsWith('--') && a.includes('=')) [a, inline] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (a === '--json') opts.json = true;
    else if (takes[a]) {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') fail(`${a} needs a value\n\n${USAGE}`);
      opts[takes[a]] = v;
    } else if (a.startsWith('-') && a !== '-') fail(`unknown option ${a}\n\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 1) fail(`${positional.length ? 'give exactly one source file' : 'no source file given'}\n\n${USAGE}`);
  opts.file = positional[0];
  if (opts.timeout !== undefined) {
    opts.timeoutS = Number(opts.timeout);
    if (!(opts.timeoutS > 0)) fail('--timeout must be a positive number of seconds');
  }
  if (!opts.problem && opts.stdin === undefined) fail(`--problem is required (or --stdin for an ad-hoc run)\n\n${USAGE}`);
  return opts;
}

function readText(file, what) {
  try {
    if (statSync(file).isDirectory()) fail(`${what} ${file} is a folder`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${what} ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
}

const opts = parseArgs(process.argv.slice(2));
const language = opts.language ?? languageOf(opts.file);
if (!language) fail(`cannot tell the language of ${opts.file} from its extension: give --language (${[...new Set(Object.values(LANGUAGE_BY_EXTENSION))].join(', ')})`);
const sourceCode = readText(opts.file, 'source file');
if (sourceCode.trim() === '') fail(`${opts.file} is empty`);
const body = { language, sourceCode };
if (opts.problem) body.problemId = opts.problem;
if (opts.stdin !== undefined) body.stdin = opts.stdin === '-' ? readFileSync(0, 'utf8') : readText(opts.stdin, 'stdin file');
if (opts.expected !== undefined) body.expectedOutput = readText(opts.expected, 'expected output file');

let client;
try {
  client = createClient(opts.url);
} catch (e) {
  fail(e.message);
}

// Progress display: stderr when --json (stdout is for the JSON), stdout otherwise.
const out = opts.json ? process.stderr : process.stdout;
const live = !!out.isTTY;
const showProgress = !opts.json || live;
let lastLine = '';
let drawn = false;

function render(view) {
  if (!showProgress) return;
  const { done, total } = progressOf(view);
  const line = view.status === 'finished' ? '' : `${progressBar(done, total)} ${describeProgress(view)}`;
  if (live) {
    if (line === '') {
      if (drawn) out.write('\r\x1b[2K');
      drawn = false;
    } else {
      const width = out.columns ? out.columns - 1 : 200;
      out.write(`\r\x1b[2K${line.slice(0, width)}`);
      drawn = true;
    }
  } else if (line !== '' && line !== lastLine) {
    out.write(`${line}\n`);
  }
  if (line !== '') lastLine = line;
}

function clearLine() {
  if (live && drawn) out.write('\r\x1b[2K');
  drawn = false;
}

for (const stream of [process.stdout, process.stderr]) stream.on('error', (e) => e.code === 'EPIPE' && process.exit(1));

process.on('SIGINT', () => {
  clearLine();
  process.stderr.write('submit: interrupted (the submission keeps being judged on the server)\n');
  process.exit(130);
});

let accepted;
try {
  accepted = await client.submit(body);
} catch (e) {
  if (e instanceof ConnectionError) fail(e.message);
  if (e instanceof ApiError) fail(`the gateway refused the submission: ${e.body?.message ?? e.message}`);
  fail(e.message ?? String(e));
}
if (showProgress && !live) out.write(`submitted ${accepted.id} (${opts.problem ?? 'ad-hoc run'}, ${language})\n`);

let final;
try {
  final = await client.watch(accepted.id, render, { timeoutMs: opts.timeoutS * 1000 });
} catch (e) {
  clearLine();
  if (e instanceof WatchTimeoutError) {
    process.stderr.write(`submit: ${e.message} (last state: ${e.last ? describeProgress(e.last) : 'unknown'}); see GET ${client.apiUrl}/submissions/${accepted.id}\n`);
    process.exit(1);
  }
  fail(`lost the submission ${accepted.id}: ${e.message}`);
}
clearLine();

if (opts.json) {
  process.stdout.write(`${JSON.stringify(final, null, 2)}\n`);
  process.exit(final.verdict === 'AC' ? 0 : 1);
}

const p = (s = '') => process.stdout.write(`${s}\n`);
const verdict = final.verdict ?? '?';
p(`submission ${final.id}  ${final.problemId ?? 'ad-hoc'}  ${final.language}`);
p(`verdict: ${verdict}${VERDICT_NAMES[verdict] ? ` (${VERDICT_NAMES[verdict]})` : ''}   score: ${final.score ?? '-'}   time: ${final.timeMs ?? '-'} ms   memory: ${final.memoryKb ?? '-'} KiB`);
if (final.compileOutput && (verdict === 'CE' || verdict === 'IE')) {
  p();
  p(verdict === 'CE' ? 'compiler output:' : 'message:');
  p(final.compileOutput.replace(/^/gm, '  '));
}
const rows = testTableRows(final);
const nothingRan = (final.tests ?? []).every((t) => !t || t.skipped || !t.verdict);
if (nothingRan && (verdict === 'CE' || verdict === 'IE')) {
  p();
  p(`tests: none run (${final.testCount ?? rows.length - 1} skipped)`);
} else if (rows.length > 1) {
  p();
  p(formatTable(rows, ['r', 'l', 'l', 'r', 'r', 'r', 'l']));
}
if (!final.problemId) {
  const t = final.tests?.[0];
  if (t?.stdout) {
    p();
    p('stdout:');
    p(t.stdout.replace(/\n$/, ''));
  }
  if (t?.stderr) {
    p();
    p('stderr:');
    p(t.stderr.replace(/\n$/, ''));
  }
}
process.exit(verdict === 'AC' ? 0 : 1);
