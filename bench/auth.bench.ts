// The cost of auth on the accept rate: POST /api/v1/submissions requests per second through a
// real gateway with an API key (guard: key lookup, Redis rate limit; service: queue-cap count and
// fair-queueing priority), against the same app built by a Nest testing module with the guard
// overridden by a pass-through (no identity: no lookups, no limits), in the same command, on the
// same Redis and database. Rounds alternate between the two to even out machine noise.
// No judge runs: jobs wait in this run's own Redis namespace, removed at the end.
// Usage: npm run bench:auth [-- seconds-per-round [concurrency [rounds]]]
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUND_S = Number(process.argv[2] ?? 4);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const ROUNDS = Number(process.argv[4] ?? 5);
const tmp = mkdtempSync(join(tmpdir(), 'oj-auth-bench-'));
Object.assign(process.env, {
  REDIS_NAMESPACE: `oj-bench-${process.pid}`, DATABASE_URL: `sqlite:${join(tmp, 'db.sqlite')}`, JUDGE_WORK_DIR: join(tmp, 'work'),
  PROBLEMS_DIRS: join(tmp, 'none'), LOG_LEVEL: 'error', E2E_TMP: tmp,
  ADMIN_TOKEN: `bench-admin-${process.pid}-0123456789`,
  // The limits stay on (every request is counted and checked) but never refuse.
  RATE_LIMIT_PER_MINUTE: '100000000', MAX_QUEUED_PER_USER: '100000000',
});

const BODY = JSON.stringify({ language: 'python3', sourceCode: 'print(1)\n', stdin: '' });

/** POSTs for `seconds` from `CONCURRENCY` loops; returns accepted requests per second. */
async function rate(url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let ok = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < end) {
      const res = await fetch(`${url}/api/v1/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: BODY });
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`POST answered ${res.status}`);
      ok++;
    }
  }));
  return ok / (Number(process.hrtime.bigint() - t0) / 1e9);
}

(async () => {
  const { Test } = require('@nestjs/testing');
  const { AppModule } = require('../apps/gateway/src/app.module');
  const { AuthGuard } = require('../apps/gateway/src/auth/auth.guard');
  const { configureGateway, createGateway, gatewayAdapter } = require('../apps/gateway/src/gateway.bootstrap');
  const { cleanUp } = require('../test/support/stack');

  const withAuth = await createGateway();
  await withAuth.listen(0, '127.0.0.1');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AuthGuard).useValue({ canActivate: () => true })
    .compile();
  const without = await configureGateway(moduleRef.createNestApplication(gatewayAdapter(), { bufferLogs: true, bodyParser: false }));
  await without.listen(0, '127.0.0.1');
  const urlOf = (app: any) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const created = await fetch(`${urlOf(withAuth)}/api/v1/keys`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.ADMIN_TOKEN}` }, body: JSON.stringify({ name: 'bench', role: 'user' }),
    });
    const { key } = await created.json();
    // Warm both (JIT, connections, prepared statements).
    await rate(urlOf(withAuth), { authorization: `Bearer ${key}` }, 1);
    await rate(urlOf(without), {}, 1);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      a.push(await rate(urlOf(withAuth), { authorization: `Bearer ${key}` }, ROUND_S));
      b.push(await rate(urlOf(without), {}, ROUND_S));
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    // Each round's pair ran back to back, so its ratio is less exposed to the machine's load swings.
    const ratios = a.map((x, i) => x / b[i]);
    console.log(`POST /api/v1/submissions accepted per second, ${CONCURRENCY} concurrent clients, ${ROUNDS} alternating rounds of ${ROUND_S} s:`);
    console.log(`  with an API key (auth guard, rate limit, queue cap) ${mean(a).toFixed(0)} req/s   rounds ${a.map((x) => x.toFixed(0)).join(' ')}`);
    console.log(`  guard overridden by a pass-through                   ${mean(b).toFixed(0)} req/s   rounds ${b.map((x) => x.toFixed(0)).join(' ')}`);
    console.log(`  ratio with / without: ${(mean(a) / mean(b)).toFixed(2)} of the means; per round ${ratios.map((r) => r.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)}`);
  } finally {
    await without.close();
    await withAuth.close();
    await cleanUp();
    rmSync(tmp, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
