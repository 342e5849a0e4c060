// Caches: problem reads through the gateway (Redis, cache-aside), test data on the judge (by
// problem version), compiled programs (by language, toolchain, command and source).
import Redis from 'ioredis';
import { ZipFile } from 'yazl';
import { JudgeMessages, JudgeStatus, Verdict } from '@app/contracts';
import { EventBus } from '@app/pubsub';
import { importZip } from '../../../test/support/packages';
import { api, submit, useStack, watch } from '../../../test/support/stack';

jest.setTimeout(120000);

const stack = useStack();
let redis: Redis;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL!);
});

afterAll(async () => {
  await redis?.quit();
});

const status = () => stack.gw.app.get(EventBus).request<JudgeStatus>(JudgeMessages.Status, {}, 5000);
const problem = (title: string, answer: string) => ({
  id: 'double', title, timeLimitMs: 1000, memoryLimitKb: 65536,
  tests: [{ input: '2\n', output: answer, sample: true }, { input: '5\n', output: String(Number(answer) * 2.5) + '\n' }],
});
const DOUBLE = 'print(int(input()) * 2)';
const judged = async (sourceCode: string) => (await watch(stack.gw.wsUrl, await submit(stack.gw.url, { language: 'python3', sourceCode, problemId: 'double' }))).final;

it('a read after a write never returns the old problem', async () => {
  expect((await api(stack.gw.url, 'POST', '/api/v1/problems', problem('Double', '4\n'))).status).toBe(201);
  expect((await api(stack.gw.url, 'GET', '/api/v1/problems/double')).body.title).toBe('Double');
  const key = `${process.env.REDIS_NAMESPACE}:cache:problem:double`;
  expect(JSON.parse((await redis.get(key))!).title).toBe('Double');
  for (const title of ['Twice', 'Two times', 'Doubled']) {
    expect((await api(stack.gw.url, 'PUT', '/api/v1/problems/double', problem(title, '4\n'))).status).toBe(200);
    expect((await api(stack.gw.url, 'GET', '/api/v1/problems/double')).body.title).toBe(title);
    expect((await api(stack.gw.url, 'GET', '/api/v1/problems')).body.find((p: any) => p.id === 'double').title).toBe(title);
  }
  // The cached entry is what a read serves: a value planted there is returned until the next write.
  await redis.set(key, JSON.stringify({ ...JSON.parse((await redis.get(key))!), title: 'from the cache' }));
  expect((await api(stack.gw.url, 'GET', '/api/v1/problems/double')).body.title).toBe('from the cache');
  expect((await api(stack.gw.url, 'PUT', '/api/v1/problems/double', problem('Double', '4\n'))).status).toBe(200);
  expect((await api(stack.gw.url, 'GET', '/api/v1/problems/double')).body.title).toBe('Double');
});

it('a judge reads a problem\'s tests once, and again only after the problem changes', async () => {
  const before = (await status()).caches.testDataFetches;
  expect((await judged(DOUBLE)).verdict).toBe(Verdict.AC);
  expect((await judged(DOUBLE + '  # again')).verdict).toBe(Verdict.AC);
  expect((await status()).caches.testDataFetches).toBe(before + 1);
  // New answers: the judge must not judge with the old data.
  expect((await api(stack.gw.url, 'PUT', '/api/v1/problems/double', problem('Double', '5\n'))).status).toBe(200);
  expect((await judged(DOUBLE + '  # third')).verdict).toBe(Verdict.WA);
  expect((await status()).caches.testDataFetches).toBe(before + 2);
});

it('submitting the same source again does not compile again', async () => {
  const source = '#include <stdio.h>\nint main(){int n;scanf("%d",&n);printf("%d\\n",2*n);}\n';
  const run = async () => (await watch(stack.gw.wsUrl, await submit(stack.gw.url, { language: 'c', sourceCode: source, stdin: '21', expectedOutput: '42' }))).final;
  const before = (await status()).caches;
  expect((await run()).verdict).toBe(Verdict.AC);
  const middle = (await status()).caches;
  expect(middle.compileMisses).toBe(before.compileMisses + 1);
  expect((await run()).verdict).toBe(Verdict.AC);
  const after = (await status()).caches;
  expect(after.compileHits).toBe(middle.compileHits + 1);
  expect(after.compileMisses).toBe(middle.compileMisses);
});

it('a package with tens of MB of test data imports from a zip and judges', async () => {
  const big = 'x'.repeat(24 << 20) + '\n';
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from('name: Echo big\n'), 'echo-big/problem.yaml');
  zip.addBuffer(Buffer.from('hi\n'), 'echo-big/data/sample/1.in');
  zip.addBuffer(Buffer.from('hi\n'), 'echo-big/data/sample/1.ans');
  zip.addBuffer(Buffer.from(big), 'echo-big/data/secret/big.in');
  zip.addBuffer(Buffer.from(big), 'echo-big/data/secret/big.ans');
  zip.end();
  const chunks: Buffer[] = [];
  await new Promise((resolve) => zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', resolve));
  const imported = await importZip(stack.gw.url, Buffer.concat(chunks), 'echo-big.zip');
  expect(imported.status).toBe(201);
  expect(imported.body.testCount).toBe(2);
  const s = (await watch(stack.gw.wsUrl, await submit(stack.gw.url, { language: 'python3', problemId: 'echo-big', sourceCode: 'import sys\nsys.stdout.write(sys.stdin.read())' }))).final;
  expect(s.verdict).toBe(Verdict.AC);
});
