// The same stack on PostgreSQL (the production database) instead of the SQLite default: schema
// migrated from scratch in a private schema, submissions judged and kept across a restart.
process.env.DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = `oj_test_${process.pid}`;

import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AppConfig } from '@app/config';
import { SubmissionStatus, Verdict } from '@app/contracts';
import { dataSourceOptions, SubmissionEntity, SubmissionsRepository } from '@app/persistence';
import { api, judgeFile, solutions, startGateway, submit, useStack, watch } from '../../../test/support/stack';
import { requirePostgres } from '../../../test/support/postgres';

jest.setTimeout(120000);

const stack = useStack({
  before: requirePostgres,
});

it('migrates, imports the examples, judges AC and WA, and keeps them across a gateway restart', async () => {
  const problems = await api(stack.gw.url, 'GET', '/api/v1/problems');
  expect(problems.body.map((p: any) => p.id)).toEqual(expect.arrayContaining(['aplusb']));
  const ac = await judgeFile(stack.gw, solutions('aplusb', 'AC').find((f) => f.endsWith('.c'))!, 'aplusb');
  const wa = await judgeFile(stack.gw, solutions('aplusb', 'WA').find((f) => f.endsWith('.c'))!, 'aplusb');
  expect([ac.verdict, wa.verdict]).toEqual([Verdict.AC, Verdict.WA]);

  await stack.gw.close();
  stack.gw = await startGateway();
  const again = await api(stack.gw.url, 'GET', `/api/v1/submissions/${ac.id}`);
  expect(again.body).toMatchObject({ id: ac.id, status: 'finished', verdict: 'AC', score: 100 });
  expect(again.body.tests).toHaveLength(ac.testCount);
});

it('keeps a submission of several files, NUL-bearing base64 included, and judges it', async () => {
  const nul = Buffer.from('#include <stdio.h>\nint ma\0in(void){return 0;}\n');
  const files = [
    { path: 'main.c', content: '#include <stdio.h>\n#include "add.h"\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",add(a,b));}\n' },
    { path: 'add.h', content: 'long add(long, long);\n' },
    { path: 'add.c', content: '#include "add.h"\nlong add(long a, long b){return a+b;}\n' },
  ];
  const ok = await submit(stack.gw.url, { language: 'c', problemId: 'aplusb', files, entryPoint: 'main.c' });
  const ce = await submit(stack.gw.url, { language: 'c', stdin: '', files: [{ path: 'main.c', content: nul.toString('base64'), encoding: 'base64' }] });
  expect((await watch(stack.gw.wsUrl, ok)).final).toMatchObject({ verdict: Verdict.AC, entryPoint: 'main.c', files: [{ path: 'main.c' }, { path: 'add.h' }, { path: 'add.c' }] });
  expect((await watch(stack.gw.wsUrl, ce)).final.verdict).toBe(Verdict.CE);
  const source = await api(stack.gw.url, 'GET', `/api/v1/submissions/${ce}/source`);
  expect(Buffer.from(source.body.files[0].content, 'base64')).toEqual(nul);
});

it('saves a batch of submissions in one multi-row INSERT, each row as given', async () => {
  // The gateway's intake saves the POSTs of one event-loop turn so; written here as it writes them.
  const db = await new DataSource(await dataSourceOptions(AppConfig.fromEnvironment())).initialize();
  try {
    const now = Date.now();
    const rows = [0, 1, 2].map((i) => ({
      id: randomUUID(), problemId: null, language: 'python3' as const, sourceCode: `print(${i})`, files: null, entryPoint: null, stdin: '', expectedOutput: String(i),
      limits: {}, runOptions: i === 1 ? { numberOfRuns: 2 } : null, callback: null, status: SubmissionStatus.Queued, verdict: null, score: null, timeMs: null,
      memoryKb: null, compileOutput: null, testCount: 0, tests: [], revision: 0, judgeId: null, ownerId: null, createdAt: new Date(now + i),
    }));
    await new SubmissionsRepository(db).insertMany(rows);
    const saved = await db.getRepository(SubmissionEntity).findBy({ id: In(rows.map((r) => r.id)) });
    expect(saved.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())).toEqual(rows.map((r) => ({ ...r, updatedAt: r.createdAt })));
  } finally {
    await db.destroy();
  }
});
