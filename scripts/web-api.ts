// Regenerates the web app's typed API client types (apps/web/src/api/schema.d.ts) from the
// gateway's OpenAPI description: boots a gateway on a free local port with a throwaway SQLite
// file and Redis namespace, reads /api/docs-json, closes it, and runs openapi-typescript.
// Run `npm run web:api` after changing a controller or a DTO; the output is committed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oj-openapi-'));
  process.env.DATABASE_URL = `sqlite:${join(dir, 'judge.sqlite')}`;
  process.env.DATA_DIR = dir;
  process.env.REDIS_NAMESPACE = `oj-openapi-${process.pid}`;
  process.env.PROBLEMS_DIRS = join(dir, 'none');
  process.env.LOG_LEVEL = 'warn';
  const { createGateway } = require('../apps/gateway/src/gateway.bootstrap');
  const app = await createGateway();
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address();
    const doc = await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json();
    const json = join(dir, 'openapi.json');
    writeFileSync(json, JSON.stringify(doc, null, 2));
    const out = join(__dirname, '../apps/web/src/api/schema.d.ts');
    execFileSync(join(__dirname, '../node_modules/.bin/openapi-typescript'), [json, '-o', out, '--default-non-nullable', 'false'], { stdio: 'inherit' });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
