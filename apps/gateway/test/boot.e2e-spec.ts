// The built apps (what `npm start` and the Docker images run) stop at once on a bad environment,
// with one clear message naming each bad variable: no stack trace, exit code 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

it.each([
  ['gateway', { PORT: 'abc', LOG_LEVEL: 'loud' }, [/PORT="abc"/, /LOG_LEVEL="loud"/]],
  ['judge', { JUDGE_CONCURRENCY: '0' }, [/JUDGE_CONCURRENCY="0": JUDGE_CONCURRENCY must not be less than 1/]],
  ['gateway', { DATABASE_URL: 'mysql://db' }, [/DATABASE_URL must be postgres/]],
])('the built %s refuses %j, naming the variables', (app, env, messages) => {
  const main = join(ROOT, `dist/apps/${app}/main.js`);
  expect(existsSync(main) ? main : 'dist is missing: run npm run build (npm test does)').toBe(main);
  const r = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20000 });
  expect(r.status).toBe(1);
  for (const m of messages) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
