// Faults of judges, with every process real and separate: two gateways and several judges (built
// apps, `npm run build` first) sharing one Redis and one PostgreSQL schema. Judges are killed with
// SIGKILL during a stream of submissions, one submission kills every judge that takes it, and
// judges are stopped with SIGTERM. A trigger keeps every write to the submission table, so the
// spec sees what the database held, not only where it ended.
const SCHEMA = `oj_test_faults_${process.pid}`;
process.env.DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = SCHEMA;
// Recovery in seconds: a dead judge's lock expires after 2 s, the others look every second.
process.env.JUDGE_LOCK_MS = '2000';
process.env.JUDGE_STALLED_INTERVAL_MS = '1000';
process.env.RECOVERY_STALE_MS = '5000';
process.env.RECOVERY_INTERVAL_MS = '1000';

import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import WebSocket from 'ws';
import { RedisKeys } from '@app/config';
import { SUBMISSION_QUEUE, SubmissionStatus, Verdict } from '@app/contracts';
import { recordSubmissionHistory, submissionHistory } from '../../../test/support/faults';
import { api, authHeaders, cleanUp, RemoteJudge, spawnGateway, SpawnedGateway, spawnJudge, submit } from '../../../test/support/stack';
import { scaled } from '../../../test/support/time-scale';

jest.setTimeout(scaled(300000));

let pg: Client;
const gateways: SpawnedGateway[] = [];
let judges: RemoteJudge[] = [];

beforeAll(async () => {
  pg = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${process.env.DATABASE_URL} (${(e as Error).message}): start it (scripts/setup.sh does) or point E2E_POSTGRES_URL at one`);
  }
  // One after the other: the first one migrates the schema.
  gateways.push(await spawnGateway());
  gateways.push(await spawnGateway());
  await recordSubmissionHistory(pg, SCHEMA);
});

afterAll(async () => {
  await Promise.all(judges.map((j) => j.close()));
  await Promise.all(gateways.map((g) => g.close()));
  await pg?.end();
  await cleanUp();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An ad-hoc python3 run that sleeps `sleepS` seconds, then ends AC, WA or RE. */
function program(kind: 'AC' | 'WA' | 'RE', sleepS: number) {
  const end = kind === 'AC' ? 'print(int(input()) * 2)' : kind === 'WA' ? 'print(int(input()) * 3)' : 'import sys\nsys.exit(3)';
  return { language: 'python3', sourceCode: `import time\ntime.sleep(${sleepS})\n${end}`, stdin: '21', expectedOutput: '42', limits: { wallTimeLimitMs: 20000 } };
}

/** Frames of every subscription made on one WebSocket, by submission id, with when each came. */
class Subscriber {
  readonly frames = new Map<string, Array<{ revision: number; status: string; verdict: string | null; at: number }>>();
  private readonly ws: WebSocket;
  readonly open: Promise<void>;

  constructor(wsUrl: string) {
    this.ws = new WebSocket(wsUrl, { headers: authHeaders() });
    this.open = new Promise((resolve, reject) => { this.ws.once('open', () => resolve()); this.ws.once('error', reject); });
    this.ws.on('message', (m) => {
      const f = JSON.parse(String(m));
      if (f.event !== 'submission') throw new Error(`unexpected frame ${String(m)}`);
      this.frames.set(f.data.id, [...(this.frames.get(f.data.id) ?? []), { revision: f.data.revision, status: f.data.status, verdict: f.data.verdict, at: Date.now() }]);
    });
  }

  subscribe(id: string): void {
    this.ws.send(JSON.stringify({ event: 'subscribe', data: { submissionId: id } }));
  }

  close(): void {
    this.ws.close();
  }
}

/** Unfinished submissions being judged now, with their judge (as the database says). */
async function inProgress(): Promise<Array<{ id: string; judgeId: string }>> {
  const { rows } = await pg.query(`SELECT id, "judgeId" FROM "${SCHEMA}".submission WHERE status IN ('compiling', 'running') AND "judgeId" IS NOT NULL`);
  return rows;
}

async function waitFinished(ids: string[], timeoutMs: number, watched: RemoteJudge[] = []): Promise<Map<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pg.query(`SELECT id, status, verdict, "compileOutput", "judgeId" FROM "${SCHEMA}".submission WHERE id = ANY($1)`, [ids]);
    if (rows.length === ids.length && rows.every((r) => r.status === SubmissionStatus.Finished)) return new Map(rows.map((r) => [r.id, r]));
    if (Date.now() > deadline) throw new Error(`not finished after ${timeoutMs} ms: ${JSON.stringify(rows.filter((r) => r.status !== 'finished'))}${printed(watched)}`);
    await sleep(200);
  }
}

/** Waits until `judge` has `id` compiling or running (as the database says). */
async function waitRunning(id: string, judge: RemoteJudge): Promise<void> {
  for (let t = Date.now(); Date.now() - t < scaled(60000); await sleep(50)) {
    if ((await inProgress()).some((r) => r.id === id && r.judgeId === judge.judgeId)) return;
  }
  throw new Error(`${id} never ran on ${judge.judgeId}${printed([judge])}`);
}

/** The last lines each judge printed, for an error message. */
function printed(of: RemoteJudge[]): string {
  return of.map((j) => `\n--- ${j.judgeId} printed:\n${j.output().slice(-3000)}`).join('');
}

/**
 * `p`, or an error naming `what` (with what the `watched` judges printed last) after `ms`: a step
 * that stalls says which one it was, where the test's own timeout would not.
 */
async function within<T>(p: Promise<T>, ms: number, what: string, watched: RemoteJudge[] = []): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms${printed(watched)}`)), ms); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database never held two finals, a write after the final, or a revision that did not go up by one. */
async function expectCleanHistory(ids: string[]): Promise<void> {
  const history = await submissionHistory(pg, SCHEMA);
  for (const id of ids) {
    const rows = history.get(id) ?? [];
    expect(rows.map((r) => r.revision)).toEqual(rows.map((_, i) => i));
    expect(rows.filter((r) => r.status === SubmissionStatus.Finished)).toHaveLength(1);
    expect(rows[rows.length - 1].status).toBe(SubmissionStatus.Finished);
  }
}

it('judges killed with SIGKILL again and again during a stream: every submission ends once, with the right verdict', async () => {
  // 4 kills: one submission could be running at 3 of them, which JUDGE_MAX_STALLED=2 (the
  // default) rightly takes for a poison submission (next test). Here every one must survive.
  const env = { JUDGE_MAX_STALLED: '10' };
  judges = [await spawnJudge(env), await spawnJudge(env)];
  const subscribers = gateways.map((g) => new Subscriber(g.wsUrl));
  await Promise.all(subscribers.map((s) => s.open));
  const kinds = ['AC', 'WA', 'RE'] as const;
  const expected = new Map<string, Verdict>();
  const killed: Array<{ judgeId: string; at: number }> = [];

  // The stream: 30 submissions, one every 300 ms, through either gateway, each watched on the other.
  const posting = (async () => {
    for (let i = 0; i < 30; i++) {
      const kind = kinds[i % 3];
      const id = await submit(gateways[i % 2].url, program(kind, 2));
      expected.set(id, Verdict[kind]);
      subscribers[(i + 1) % 2].subscribe(id);
      await sleep(300);
    }
  })();
  // The faults: 4 times, the judge of a submission being judged is killed, and a new judge started.
  for (let k = 0; k < 4; k++) {
    await sleep(1000);
    let victim: RemoteJudge | undefined;
    for (let t = Date.now(); !victim && Date.now() - t < scaled(30000); await sleep(50)) {
      const busy = new Set((await inProgress()).map((r) => r.judgeId));
      victim = judges.find((j) => busy.has(j.judgeId));
    }
    if (!victim) throw new Error(`no judge was busy to kill: ${JSON.stringify((await pg.query(`SELECT status, "judgeId" FROM "${SCHEMA}".submission`)).rows)} ${judges.map((j) => j.judgeId + ': ' + j.output().slice(-1500)).join('\n')}`);
    victim.kill('SIGKILL');
    killed.push({ judgeId: victim.judgeId, at: Date.now() });
    await victim.exited;
    judges = judges.filter((j) => j !== victim);
    judges.push(await spawnJudge(env));
  }
  await posting;
  const ids = [...expected.keys()];
  const finals = await waitFinished(ids, scaled(120000));
  await sleep(1000); // any frame after the final would come now

  for (const id of ids) expect({ id, verdict: finals.get(id).verdict }).toEqual({ id, verdict: expected.get(id) });
  await expectCleanHistory(ids);
  for (const id of ids) {
    const frames = subscribers.flatMap((s) => s.frames.get(id) ?? []);
    expect(frames.map((f) => f.revision)).toEqual([...frames.map((f) => f.revision)].sort((a, b) => a - b));
    expect(new Set(frames.map((f) => f.revision)).size).toBe(frames.length);
    expect(frames.filter((f) => f.status === SubmissionStatus.Finished)).toHaveLength(1);
    expect(frames[frames.length - 1]).toMatchObject({ status: 'finished', verdict: expected.get(id) });
  }

  // Recovery: from a kill to the first write by another judge to a submission the dead one held.
  const { rows } = await pg.query(`SELECT id, "judgeId", status, extract(epoch from at) * 1000 AS at FROM "${SCHEMA}".submission_history ORDER BY n`);
  const recoveries: number[] = [];
  for (const kill of killed) {
    const held = new Set<string>();
    const last = new Map<string, any>();
    for (const r of rows) if (Number(r.at) <= kill.at) last.set(r.id, r);
    for (const [id, r] of last) if (r.judgeId === kill.judgeId && r.status !== 'finished') held.add(id);
    for (const id of held) {
      const next = rows.find((r) => r.id === id && Number(r.at) > kill.at && r.judgeId !== kill.judgeId);
      if (next) recoveries.push(Number(next.at) - kill.at);
    }
  }
  expect(recoveries.length).toBeGreaterThan(0);
  console.log(`faults: ${killed.length} judges killed with SIGKILL during ${ids.length} submissions; recovery (kill → another judge writes the submission) ms: `
    + `${recoveries.map((r) => Math.round(r)).join(', ')}; max ${Math.round(Math.max(...recoveries))} (JUDGE_LOCK_MS=2000, JUDGE_STALLED_INTERVAL_MS=1000)`);
  // Seconds, not minutes: the lock (2 s) plus two stalled checks (1 s each), with room for a loaded machine.
  expect(Math.max(...recoveries)).toBeLessThan(scaled(15000));
  subscribers.forEach((s) => s.close());
});

it('a poison submission (its judge dies every time) ends IE with a message after JUDGE_MAX_STALLED + 1 runs, and never blocks the queue', async () => {
  await Promise.all(judges.map((j) => j.close()));
  const env = { JUDGE_MAX_STALLED: '2' };
  judges = [await spawnJudge(env), await spawnJudge(env)];
  const poison = await submit(gateways[0].url, program('AC', 15));
  // Whoever takes the poison dies: the killer watches the database and kills that judge at once,
  // and starts another judge (in the background: the killer keeps watching meanwhile).
  let kills = 0;
  let done = false;
  const starting: Array<Promise<void>> = [];
  const killer = (async () => {
    while (!done) {
      const { rows } = await pg.query(`SELECT status, "judgeId" FROM "${SCHEMA}".submission WHERE id = $1`, [poison]);
      const j = judges.find((x) => x.judgeId === rows[0]?.judgeId);
      if ((rows[0]?.status === 'compiling' || rows[0]?.status === 'running') && j) {
        j.kill('SIGKILL');
        kills++;
        judges = judges.filter((x) => x !== j);
        starting.push(spawnJudge(env).then((n) => void judges.push(n)));
      }
      await sleep(50);
    }
  })();
  await sleep(500);
  const others = [];
  for (let i = 0; i < 3; i++) others.push(await submit(gateways[1].url, program('AC', 0.2)));

  const othersDone = await waitFinished(others, scaled(120000));
  const othersAt = Date.now();
  const final = (await waitFinished([poison], scaled(120000))).get(poison);
  const poisonAt = Date.now();
  done = true;
  await killer;
  await Promise.all(starting);

  for (const id of others) expect(othersDone.get(id).verdict).toBe(Verdict.AC);
  expect(othersAt).toBeLessThan(poisonAt);
  expect(final.verdict).toBe(Verdict.IE);
  expect(final.compileOutput).toMatch(/judge died 3 times/);
  expect(kills).toBe(3);
  await expectCleanHistory([poison, ...others]);
  const view = (await api(gateways[0].url, 'GET', `/api/v1/submissions/${poison}`)).body;
  expect(view).toMatchObject({ status: 'finished', verdict: 'IE', compileOutput: expect.stringMatching(/judge died 3 times/) });
  console.log(`faults: poison submission ended IE after ${kills} judges died on it; its message: ${final.compileOutput}`);
});

it('judge SIGTERM: stops taking jobs, finishes what it runs within JUDGE_SHUTDOWN_MS, else hands it back and exits', async () => {
  // Each wait is bounded well inside the test's timeout (a judge's own shutdown is bounded at
  // JUDGE_SHUTDOWN_MS + 15 s): one that stalls fails with its name and the judges' last lines.
  await within(Promise.all(judges.map((j) => j.close())), scaled(60000), 'the earlier judges exiting', judges);
  // One submission at a time: `late`, sent after the SIGTERM, must not be taken by this judge.
  const env = { JUDGE_SHUTDOWN_MS: '4000', JUDGE_CONCURRENCY: '1', JUDGE_IN_FLIGHT: '1' };

  // A short run: finished by the judge that was stopped.
  const first = await spawnJudge(env);
  const short = await within(submit(gateways[0].url, program('AC', 1)), scaled(20000), 'POST of the short run');
  await waitRunning(short, first);
  let t0 = Date.now();
  first.kill('SIGTERM');
  const late = await within(submit(gateways[0].url, program('AC', 0.1)), scaled(20000), 'POST of the late run');
  await within(first.exited, scaled(30000), 'the first judge exiting after SIGTERM', [first]);
  const shortStop = Date.now() - t0;
  const shortFinal = (await waitFinished([short], 1000)).get(short);
  expect(shortFinal).toMatchObject({ verdict: Verdict.AC, judgeId: first.judgeId });
  expect((await pg.query(`SELECT status FROM "${SCHEMA}".submission WHERE id = $1`, [late])).rows[0].status).toBe('queued');

  // A long run: handed back after 4 s, finished by the next judge from the start.
  const second = await spawnJudge(env);
  expect((await waitFinished([late], scaled(60000), [second])).get(late)).toMatchObject({ verdict: Verdict.AC, judgeId: second.judgeId });
  const long = await within(submit(gateways[1].url, program('AC', 10)), scaled(20000), 'POST of the long run');
  await waitRunning(long, second);
  t0 = Date.now();
  second.kill('SIGTERM');
  await within(second.exited, scaled(30000), 'the second judge exiting after SIGTERM', [second]);
  const longStop = Date.now() - t0;
  expect(longStop).toBeLessThan(scaled(4000 + 6000));
  expect((await pg.query(`SELECT status FROM "${SCHEMA}".submission WHERE id = $1`, [long])).rows[0].status).not.toBe('finished');
  const third = await spawnJudge(env);
  judges = [third];
  const t1 = Date.now();
  expect((await waitFinished([long], scaled(60000), [third])).get(long)).toMatchObject({ verdict: Verdict.AC, judgeId: third.judgeId });
  // Handed back, not stalled: the next judge took it at once (no lock to wait for).
  await expectCleanHistory([short, late, long]);
  console.log(`faults: judge SIGTERM with a 1 s run: exited after ${shortStop} ms, the run finished; with a 10 s run: exited after ${longStop} ms (JUDGE_SHUTDOWN_MS=4000), `
    + `the next judge finished it ${Date.now() - t1} ms after it started`);
});

it('judge SIGTERM: a submission it took but had not started (waiting for its CPU slot) goes back to the queue at once, for another judge', async () => {
  await Promise.all(judges.map((j) => j.close()));
  // One CPU slot, two submissions in flight; a shutdown long enough for the running one to end.
  const env = { JUDGE_SHUTDOWN_MS: '30000', JUDGE_CONCURRENCY: '1', JUDGE_IN_FLIGHT: '2' };
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const queue = new Queue(SUBMISSION_QUEUE, { connection: redis, prefix: new RedisKeys(process.env.REDIS_NAMESPACE!, false).queuePrefix });
  try {
    const first = await spawnJudge(env);
    const long = await submit(gateways[0].url, program('AC', 3));
    await waitRunning(long, first);
    const waiting = await submit(gateways[1].url, program('AC', 0));
    // The first judge took it (its job is active) but it waits for the slot: still `queued`.
    for (let t = Date.now(); (await queue.getJobState(waiting)) !== 'active'; await sleep(50)) {
      if (Date.now() - t > scaled(20000)) throw new Error(`${waiting} was not taken by the first judge`);
    }
    await sleep(300);
    expect((await pg.query(`SELECT status FROM "${SCHEMA}".submission WHERE id = $1`, [waiting])).rows[0].status).toBe('queued');
    const second = await spawnJudge(env);
    judges = [second];
    first.kill('SIGTERM');
    // Handed back at once: the second judge judges it while the first still finishes `long`.
    const waitingFinal = (await waitFinished([waiting], scaled(60000))).get(waiting);
    expect(waitingFinal).toMatchObject({ verdict: Verdict.AC, judgeId: second.judgeId });
    await first.exited;
    expect((await waitFinished([long], scaled(60000))).get(long)).toMatchObject({ verdict: Verdict.AC, judgeId: first.judgeId });
    await expectCleanHistory([long, waiting]);
    const history = await submissionHistory(pg, SCHEMA);
    // Nothing of it was written by the first judge.
    expect((history.get(waiting) ?? []).filter((r) => r.judgeId === first.judgeId)).toEqual([]);
  } finally {
    await queue.close();
    redis.disconnect();
  }
});
