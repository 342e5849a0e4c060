// Runs before each e2e test file's modules load (jest `setupFiles`): every file gets its own
// Redis namespace (keys and channels), SQLite file and work folder, so files never see each
// other's data and the services are left as they were found.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(process.env.E2E_RUN_DIR ?? tmpdir(), 'oj-e2e-'));
process.env.REDIS_NAMESPACE = `oj-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.DATABASE_URL = process.env.E2E_DATABASE_URL ?? `sqlite:${join(dir, 'judge.sqlite')}`;
process.env.DATA_DIR = dir;
process.env.JUDGE_WORK_DIR = join(dir, 'work');
process.env.PROBLEMS_DIRS = join(__dirname, '../../examples/problems');
process.env.JUDGE_CONCURRENCY ??= '2';
process.env.LOG_LEVEL ??= 'warn';
process.env.E2E_TMP = dir;
// Auth is on: the helpers in stack.ts send this admin token unless told otherwise.
process.env.ADMIN_TOKEN ??= 'e2e-admin-token-0123456789';

// Under E2E_TIME_SCALE (an emulated guest) compilations get the same factor (see time-scale.ts).
if (Number(process.env.E2E_TIME_SCALE) > 1) process.env.JUDGE_COMPILE_TIME_LIMIT_MS ??= String(Math.round(15000 * Number(process.env.E2E_TIME_SCALE)));
