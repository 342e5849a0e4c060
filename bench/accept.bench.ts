// Accept rate: POST /api/v1/submissions answered 202 a second, by a real gateway (its own
// process, SQLite, Redis queue; no judge, so nothing competes for the CPU) against a bare Node
// http server (its own process) that reads and parses the same JSON body and answers 202 with an
// id. The same load generator drives both: C requests in flight over keep-alive connections for
// S seconds. Auth is on: the gateway is called with the ADMIN_TOKEN (admin: not rate limited,
// no MAX_QUEUED_PER_USER cap); the bare server ignores the header. Also measured, as the
// framework's ceiling: a bare Nest application on Fastify (bench/support/bare-nest.ts: the same
// route and body, nothing behind it), which bounds what any gateway on Nest and Fastify can reach;
// and the gateway with its writes taken away (bench/support/no-writes.ts: the intake's count,
// INSERT and queueing answer at once), the floor its request path alone sets.
// Usage: npm run bench:accept [-- seconds [in-flight]]
import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { cpuMs, load, sleep, startStack } from './support/bench-stack';

const SECONDS = Number(process.argv[2] ?? 5);
const IN_FLIGHT = Number(process.argv[3] ?? 32);
const BODY = JSON.stringify({ language: 'c', sourceCode: '#include <stdio.h>\nint main(void){puts("hello, world");return 0;}\n', stdin: '', expectedOutput: 'hello, world' });

const BARE = `
const http = require('node:http');
const { randomUUID } = require('node:crypto');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof body.language !== 'string' || typeof body.sourceCode !== 'string') { res.writeHead(400); return res.end(); }
    const out = JSON.stringify({ id: randomUUID(), status: 'queued' });
    res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

/**
 * Requests answered 202 a second, `IN_FLIGHT` at once for `SECONDS`; with `serverPid`, the CPU the
 * server and this process (the load generator) spent per answered request over those seconds, µs.
 */
async function drive(url: string, headers: Record<string, string>, serverPid?: number): Promise<{ rate: number; errors: number; serverCpuUs: number; clientCpuUs: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const target = new URL('/api/v1/submissions', url);
  const post = () => new Promise<number>((resolve) => {
    const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(BODY);
  });
  // Warm-up (JIT, connections), not counted.
  const warmUntil = performance.now() + 1000;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { while (performance.now() < warmUntil) await post(); }));
  let ok = 0;
  let errors = 0;
  const server0 = cpuMs(serverPid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (performance.now() < until) (await post()) === 202 ? ok++ : errors++;
  }));
  const rate = ok / ((performance.now() - t0) / 1000);
  const client = process.cpuUsage(client0);
  const serverCpuUs = ((cpuMs(serverPid) - server0) * 1000) / ok;
  const clientCpuUs = (client.user + client.system) / ok;
  agent.destroy();
  return { rate, errors, serverCpuUs, clientCpuUs };
}

(async () => {
  console.log(`accept rate: ${IN_FLIGHT} POSTs in flight for ${SECONDS} s each; ${load()}`);
  // The bare server is measured before and after the gateway (the machine's load moves).
  const serverRun = async (args: string[]) => {
    const server: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve) => server.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    const r = await drive(`http://127.0.0.1:${port}`, {}, server.pid);
    server.kill();
    return r;
  };
  const bareRun = () => serverRun(['-e', BARE]);
  const before = await bareRun();
  const nest = await serverRun(['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/bare-nest.ts')]);
  const gatewayRun = async (preload: string[] = []) => {
    const stack = await startStack({ judge: false, gatewayPreload: preload });
    try {
      await sleep(500);
      return await drive(stack.url, { authorization: `Bearer ${stack.token}` }, stack.gateway.pid);
    } finally {
      await stack.close();
    }
  };
  const gw = await gatewayRun();
  const floor = await gatewayRun([join(__dirname, 'support/no-writes.ts')]);
  const after = await bareRun();
  const baseline = { rate: (before.rate + after.rate) / 2, errors: before.errors + after.errors };
  const cpu = (r: { serverCpuUs: number; clientCpuUs: number }) => `CPU per POST: server ${r.serverCpuUs.toFixed(0)} µs, load generator ${r.clientCpuUs.toFixed(0)} µs`;
  console.log(`  bare node http: ${baseline.rate.toFixed(0)}/s (${before.rate.toFixed(0)} before, ${after.rate.toFixed(0)} after; ${baseline.errors} errors)   ${cpu(after)}`);
  console.log(`  bare Nest app:  ${nest.rate.toFixed(0)}/s (${nest.errors} not 202)   ratio ×${(nest.rate / baseline.rate).toFixed(3)}: the framework's ceiling (Nest on Fastify, one route, nothing behind it)   ${cpu(nest)}`);
  console.log(`  gateway:        ${gw.rate.toFixed(0)}/s (${gw.errors} not 202)   ratio ×${(gw.rate / baseline.rate).toFixed(3)}   ${cpu(gw)}`);
  console.log(`  gateway, no writes: ${floor.rate.toFixed(0)}/s (${floor.errors} not 202)   ratio ×${(floor.rate / baseline.rate).toFixed(3)}: the request path alone, the database's and the queue's calls answering at once (bench/support/no-writes.ts)   ${cpu(floor)}   ${load()}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
