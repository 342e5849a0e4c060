import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import WebSocket from 'ws';
import { languageForFile, type SubmissionView } from '@app/contracts';

/** The repository's `examples/` and the shared real packages next to the checkout (when present). */
export const EXAMPLES = join(__dirname, '../../examples');
export const SHARED_PROBLEMS = join(__dirname, '../../../shared/problems');

export interface Gateway {
  url: string;
  wsUrl: string;
  app: INestApplication;
  close(): Promise<void>;
}

/** A gateway in a process of its own (`spawnGateway`): no in-process app. */
export type RemoteGateway = Omit<Gateway, 'app'>;

/** What `spawnGateway` gives: also its `pid` (to signal it or read its memory) and its exit code. */
export type SpawnedGateway = RemoteGateway & { pid: number; exited: Promise<number | null> };

/** Starts a real gateway (HTTP, WebSocket, Redis listener) on a free port. */
export async function startGateway(): Promise<Gateway> {
  // Required lazily: the apps read the environment e2e-env.ts sets once, when first asked.
  const { createGateway } = require('../../apps/gateway/src/gateway.bootstrap');
  const app: INestApplication = await createGateway();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws`, close: () => app.close() };
}

/**
 * Starts the BUILT gateway (dist/apps/gateway/main.js, `npm run build` first; npm test does) as a
 * process of its own, with this file's environment (same Redis namespace, database and
 * ADMIN_TOKEN), and waits until it answers. For what must hold across gateway processes.
 */
export async function spawnGateway(env: Record<string, string> = {}): Promise<SpawnedGateway> {
  const main = join(__dirname, '../../dist/apps/gateway/main.js');
  if (!existsSync(main)) throw new Error('dist/apps/gateway/main.js is missing: run npm run build (npm test does)');
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let t = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`the gateway process exited (${child.exitCode}): ${stderr}`);
    if (await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() - t > 60000) {
      child.kill('SIGKILL');
      throw new Error(`the gateway process did not answer within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url, wsUrl: `ws://127.0.0.1:${port}/ws`, pid: child.pid!, exited,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A judge in a process of its own (`spawnJudge`). */
export interface RemoteJudge {
  pid: number;
  /** Its `judgeId` as submissions record it (`judge-<pid>-<random>`). */
  judgeId: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** The last 8000 characters it wrote (pino JSON lines on stdout, anything on stderr). */
  output(): string;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then waits for the exit. */
  close(): Promise<void>;
}

/**
 * Starts the BUILT judge (dist/apps/judge/main.js, `npm run build` first) as a process of its own
 * with this file's environment plus `env`, and waits until it consumes the queue (its log line
 * "… consuming submissions", so it logs at `info`). For what must hold when judges die: SIGKILL
 * it like a crashed machine.
 */
export async function spawnJudge(env: Record<string, string> = {}): Promise<RemoteJudge> {
  const main = join(__dirname, '../../dist/apps/judge/main.js');
  if (!existsSync(main)) throw new Error('dist/apps/judge/main.js is missing: run npm run build (npm test does)');
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const judgeId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the judge process did not start within 60 s: ${out}`)); }, 60000);
    const onData = (d: Buffer) => {
      out = (out + d).slice(-8000);
      const m = /(judge-\d+-[a-z0-9]+) consuming submissions/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`the judge process exited (${code}) before consuming: ${out}`)); });
  });
  return {
    pid: child.pid!, judgeId, exited, output: () => out,
    kill: (signal) => { if (child.exitCode === null && child.signalCode === null) child.kill(signal); },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts a real judge (queue consumer + Redis-transport microservice, real sandbox). */
export async function startJudge(): Promise<{ app: INestMicroservice; close(): Promise<void> }> {
  const { bootstrapJudge } = require('../../apps/judge/src/judge.bootstrap');
  const app: INestMicroservice = await bootstrapJudge();
  return { app, close: () => app.close() };
}

/** Deletes this file's Redis keys, PostgreSQL schema and temporary folder. */
export async function cleanUp(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL!);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.REDIS_NAMESPACE}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  if (process.env.DATABASE_URL?.startsWith('postgres') && process.env.DATABASE_SCHEMA) {
    const pg = new Client({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${process.env.DATABASE_SCHEMA}" CASCADE`);
    await pg.end();
  }
  if (process.env.E2E_TMP) rmSync(process.env.E2E_TMP, { recursive: true, force: true });
}

/**
 * Who a helper request is made as: `token` is sent as `Authorization: Bearer` (default: the
 * `ADMIN_TOKEN` e2e-env.ts sets; `null` sends none, as an anonymous caller); `headers` are added.
 */
export interface AuthOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

/** The headers for `opts`: `authorization` unless `token: null`, plus `opts.headers`. */
export function authHeaders(opts: AuthOptions = {}): Record<string, string> {
  const token = opts.token === undefined ? process.env.ADMIN_TOKEN : opts.token;
  return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers };
}

export async function api<T = any>(base: string, method: string, path: string, body?: unknown, opts: AuthOptions = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...authHeaders(opts) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** POSTs a submission and returns its id (asserting the 202). */
export async function submit(base: string, body: Record<string, unknown>, opts: AuthOptions = {}): Promise<string> {
  const r = await api(base, 'POST', '/api/v1/submissions', body, opts);
  if (r.status !== 202) throw new Error(`POST /submissions: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** Subscribes over a real WebSocket and resolves with every frame up to the finished one. */
export function watch(wsUrl: string, submissionId: string, timeoutMs = 60000, opts: AuthOptions = {}): Promise<{ frames: any[]; final: SubmissionView }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { headers: authHeaders(opts) });
    const frames: any[] = [];
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(`no final frame for ${submissionId} after ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.data?.status))}`)); }, timeoutMs);
    ws.on('open', () => ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId } })));
    ws.on('message', (m) => {
      const frame = JSON.parse(m.toString());
      frames.push(frame);
      if (frame.event === 'error') { clearTimeout(timer); ws.close(); reject(new Error(frame.data.message)); }
      if (frame.data?.status === 'finished') { clearTimeout(timer); ws.close(); resolve({ frames, final: frame.data }); }
    });
    ws.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

/** Submits a file and waits for its verdict over the WebSocket. */
export async function judgeFile(gw: Gateway, file: string, problemId: string, language?: string): Promise<SubmissionView> {
  const id = await submit(gw.url, { language: language ?? languageOf(file), sourceCode: readFileSync(file, 'utf8'), problemId });
  return (await watch(gw.wsUrl, id)).final;
}

export function languageOf(file: string): string {
  return languageForFile(file) as string;
}

/** `examples/solutions/<problem>/<verdict>/*` source files. */
export function solutions(problem: string, verdict: string): string[] {
  const dir = join(EXAMPLES, 'solutions', problem, verdict);
  return existsSync(dir) ? readdirSync(dir).filter((f) => languageOf(f)).sort().map((f) => join(dir, f)) : [];
}

/** A running stack for one spec file; fields are set once `beforeAll` has run. */
export interface Stack {
  gw: Gateway;
  judge?: { close(): Promise<void> };
}

/**
 * Registers `beforeAll` (a gateway, then a judge unless `judge: false`) and `afterAll` (close
 * both, then `cleanUp`) for the calling spec file; `before` runs first (e.g. a service check).
 */
export function useStack(opts: { judge?: boolean; before?: () => Promise<void> } = {}): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    await opts.before?.();
    stack.gw = await startGateway();
    if (opts.judge !== false) stack.judge = await startJudge();
  });
  afterAll(async () => {
    await stack.judge?.close();
    await stack.gw?.close();
    await cleanUp();
  });
  return stack;
}
