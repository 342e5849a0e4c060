// The database unreachable for a while, with a gateway and a judge in processes of their own
// (built apps, `npm run build` first) reaching PostgreSQL through a TCP proxy this file stops and
// starts again: new submissions get 503 with Retry-After (never 500), /health says the database
// is down, the judge retries its writes with backoff, and every submission accepted before ends.
const SCHEMA = `oj_test_dbdown_${process.pid}`;
process.env.DATABASE_SCHEMA = SCHEMA;

import { Client } from 'pg';
import { freePort, POSTGRES_URL, TcpProxy } from '../../../test/support/faults';
import { api, cleanUp, RemoteJudge, spawnGateway, spawnJudge, SpawnedGateway, submit } from '../../../test/support/stack';
import { scaled } from '../../../test/support/time-scale';

jest.setTimeout(scaled(180000));

let proxy: TcpProxy;
let gw: SpawnedGateway;
let judge: RemoteJudge;

beforeAll(async () => {
  const target = new URL(POSTGRES_URL);
  proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  target.host = `127.0.0.1:${proxy.port}`;
  process.env.DATABASE_URL = target.toString();
  const probe = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 });
  await probe.connect().catch((e) => { throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL} (${e.message})`); });
  await probe.end();
  gw = await spawnGateway();
  judge = await spawnJudge();
});

afterAll(async () => {
  await proxy?.start().catch(() => undefined);
  await judge?.close();
  await gw?.close();
  // cleanUp drops the schema through DATABASE_URL: the proxy is up again.
  await cleanUp();
  await proxy?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const program = (sleepS: number) => ({ language: 'python3', sourceCode: `import time\ntime.sleep(${sleepS})\nprint(int(input()) * 2)`, stdin: '21', expectedOutput: '42', limits: { wallTimeLimitMs: 20000 } });

it('database down: 503 with Retry-After for new submissions, /health names it; the judge retries; everything accepted finishes once it is back', async () => {
  const running = await submit(gw.url, program(3));
  for (let status = 'queued'; status !== 'running';) status = (await api(gw.url, 'GET', `/api/v1/submissions/${running}?waitMs=10000&after=${status}`)).body.status;
  const queued = await submit(gw.url, program(0));

  await proxy.stop();
  const downAt = Date.now();
  const answers = [];
  for (let i = 0; i < 5; i++) {
    answers.push(await api(gw.url, 'POST', '/api/v1/submissions', program(0)));
    await sleep(200);
  }
  for (const a of answers) {
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('5');
    expect(a.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringContaining('database is unreachable') });
  }
  const reading = await api(gw.url, 'GET', `/api/v1/submissions/${running}`);
  expect(reading.status).toBe(503);
  const health = await api(gw.url, 'GET', '/api/v1/health');
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } }, info: { queue: { status: 'up' } } });

  // Down for a while: longer than the running submission takes, so the judge's writes fail and wait.
  await sleep(6000);
  await proxy.start();
  const upAt = Date.now();

  const finals = [];
  for (const id of [running, queued]) {
    let view;
    for (let status = 'queued'; status !== 'finished';) {
      const r = await api(gw.url, 'GET', `/api/v1/submissions/${id}?waitMs=10000&after=${status}`);
      if (r.status === 503) { await sleep(500); continue; } // the gateway's pool reconnects
      view = r.body;
      status = view.status;
      if (Date.now() - upAt > scaled(60000)) throw new Error(`${id} not finished a minute after the database came back: ${JSON.stringify(view)}`);
    }
    finals.push(view);
  }
  expect(finals.map((v) => v.verdict)).toEqual(['AC', 'AC']);
  const doneMs = Date.now() - upAt;
  expect((await api(gw.url, 'GET', '/api/v1/health')).status).toBe(200);
  const after = await submit(gw.url, program(0));
  expect(after).toMatch(/^[0-9a-f-]{36}$/);

  const log = judge.output();
  expect(log).toMatch(/database unreachable .*trying again in \d+ ms/);
  expect(log).toMatch(/the database answered again/);
  expect(log).not.toMatch(/Unhandled/);
  console.log(`db: down ${upAt - downAt} ms; POSTs answered 503 with Retry-After: 5; both submissions accepted before were AC ${doneMs} ms after it came back`);
});
