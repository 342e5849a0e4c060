#!/usr/bin/env node
// `npm start`: builds when dist is missing, then runs one gateway and one judge with this
// environment, their log lines prefixed with [gateway] / [judge]. Ctrl-C (SIGINT) or SIGTERM is
// forwarded to both; if one of them dies, the other is stopped and this exits non-zero.
//
//   npm start                 compact logs: `LEVEL context: message`
//   npm start -- --raw        the processes' JSON log lines as they are
//   PORT=3100 REDIS_NAMESPACE=dev npm start
//   START_WAIT_MS=180000 npm start   a slow machine: wait up to 3 min for the stack (default 60 s)
import { buildNeeded, isPortFree, launchStack, runBuild, startWaitMs } from './lib/stack.mjs';

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  process.stdout.write(`usage: npm start [-- --raw]

Starts one gateway and one judge (dist/apps/*/main.js, built first when missing) with the
current environment (PORT, REDIS_URL, REDIS_NAMESPACE, DATABASE_URL, PROBLEMS_DIRS, ...).
Gives up, stopping both, when the stack is not ready within START_WAIT_MS (default 60000 ms),
naming what was not: gateway HTTP, database, Redis or judge registered.
  --raw   print the JSON log lines unchanged (default: compact "LEVEL context: message")
`);
  process.exit(0);
}
const unknown = args.filter((a) => a !== '--raw');
if (unknown.length) {
  process.stderr.write(`start: unknown argument ${unknown[0]} (try --help)\n`);
  process.exit(2);
}
const raw = args.includes('--raw');
const say = (msg) => process.stderr.write(`[start]   ${msg}\n`);

// START_WAIT_MS: how long the stack may take to become ready (whole ms, 1 s to 1 h).
let timeoutMs;
try {
  timeoutMs = startWaitMs();
} catch (e) {
  say(e.message);
  process.exit(2);
}

try {
  const why = buildNeeded();
  if (why) runBuild({ reason: why });
} catch (e) {
  say(e.message);
  process.exit(1);
}

const port = Number(process.env.PORT || 3000);
if (!(await isPortFree(port))) {
  say(`port ${port} is already in use (another stack running?): set PORT to a free port`);
  process.exit(1);
}

const stack = launchStack({ env: process.env, raw, timeoutMs });
let requested = null;

function onSignal(sig) {
  if (requested) {
    say(`${sig} again: killing both`);
    stack.signal('SIGKILL');
    return;
  }
  requested = sig;
  say(`${sig}: stopping gateway and judge (again to kill)`);
  stack.signal(sig);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => onSignal(sig === 'SIGHUP' ? 'SIGTERM' : sig));

let notReady = null;
const readySettled = stack.ready.then(
  ({ url }) => say(`ready: ${url}/api/v1 (WebSocket ${url.replace(/^http/, 'ws')}/ws, docs ${url}/api/docs); Ctrl-C to stop`),
  (e) => {
    notReady = e;
    if (!requested) say(`not ready: ${e.message}`);
  },
);

const first = await stack.exited;
// Giving up stops both apps too: wait for the reason (the wait settles within a poll) so that it
// is what gets reported, not the stop it caused.
await readySettled;
const clean = (x) => x.code === 0 || (requested && x.signal !== null && x.signal !== 'SIGKILL');
if (!requested && !notReady) say(`${first.name} exited unexpectedly (${first.signal ?? `code ${first.code}`}): stopping the other one`);
const results = await stack.stop();
if (notReady && !requested) {
  say('gave up: gateway and judge stopped');
  process.exit(1);
}
for (const r of results) if (!clean(r) || !requested) say(`${r.name} exited (${r.signal ?? `code ${r.code}`})`);
if (requested && results.every(clean)) say('stopped');
process.exit(requested && results.every(clean) ? 0 : 1);
