// The Judge0-compatible API's additions to the submission record on PostgreSQL (the production
// database): the run-options migration from scratch in a private schema, and a Judge0
// submission's run options and callback stored and read back (no judge: it stays In Queue).
process.env.DATABASE_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env.DATABASE_SCHEMA = `oj_test_judge0_${process.pid}`;
process.env.CALLBACK_ALLOWED_HOSTS = '127.0.0.1';

import { Client } from 'pg';
import { api, useStack } from '../../../test/support/stack';
import { requirePostgres } from '../../../test/support/postgres';

jest.setTimeout(60000);

const stack = useStack({
  judge: false,
  before: requirePostgres,
});

it('stores a Judge0 submission\'s run options and callback, and shows them back in Judge0 units', async () => {
  const created = await api(stack.gw.url, 'POST', '/judge0/submissions', {
    source_code: 'print(1)', language_id: 71, compiler_options: '-O0', command_line_arguments: "a 'b c'", redirect_stderr_to_stdout: true,
    number_of_runs: 4, stack_limit: 32000, cpu_time_limit: 1.25, memory_limit: 65536, max_file_size: 16, callback_url: 'http://127.0.0.1:9/cb',
  });
  expect(created.status).toBe(201);
  const r = await api(stack.gw.url, 'GET', `/judge0/submissions/${created.body.token}?fields=*`);
  expect(r.body).toMatchObject({
    status: { id: 1, description: 'In Queue' }, compiler_options: '-O0', command_line_arguments: 'a b c', redirect_stderr_to_stdout: true,
    number_of_runs: 4, stack_limit: 32000, cpu_time_limit: 1.25, memory_limit: 65536, max_file_size: 16, callback_url: 'http://127.0.0.1:9/cb',
  });
  const pg = new Client({ connectionString: process.env.DATABASE_URL });
  await pg.connect();
  try {
    const row = await pg.query(`SELECT "runOptions", "callback", "limits" FROM "${process.env.DATABASE_SCHEMA}".submission WHERE id = $1`, [created.body.token]);
    expect(JSON.parse(row.rows[0].runOptions)).toEqual({
      comparison: 'lines', compilerOptions: ['-O0'], commandLineArguments: ['a', 'b c'], redirectStderrToStdout: true, numberOfRuns: 4, stackLimitKb: 32000,
    });
    expect(JSON.parse(row.rows[0].callback)).toEqual({ url: 'http://127.0.0.1:9/cb', format: 'judge0', base64: false });
    expect(JSON.parse(row.rows[0].limits)).toEqual({ timeLimitMs: 1250, wallTimeLimitMs: 10000, memoryLimitKb: 65536, outputLimitKb: 16, processLimit: 60 });
  } finally {
    await pg.end();
  }
});
