// `npm start` (scripts/start.mjs): its start-up wait is START_WAIT_MS (validated), and when the
// stack is not ready in time it stops both apps and says what was not ready.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const START = join(ROOT, 'scripts/start.mjs');

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

it.each(['abc', '500', '1.5', '-1000', '7200000'])('refuses START_WAIT_MS=%s before starting anything, naming the variable', (value) => {
  const r = spawnSync(process.execPath, [START], { env: { ...process.env, START_WAIT_MS: value }, encoding: 'utf8', timeout: 20000 });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`START_WAIT_MS must be a whole number of milliseconds from 1000 to 3600000, got "${value}"`);
  expect(r.stderr).not.toMatch(/\[gateway\]|\[judge\]/);
});

it('gives up after START_WAIT_MS, stops both apps and names what was not ready (the gateway HTTP)', async () => {
  const port = await freePort();
  // A database address that never answers (TEST-NET-1): the gateway cannot finish booting, so
  // its HTTP port never opens.
  const env = { ...process.env, PORT: String(port), START_WAIT_MS: '3000', DATABASE_URL: 'postgres://judge@192.0.2.1:5432/judge' };
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [START], { env, encoding: 'utf8', timeout: 30000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`not ready: the stack was not ready within 3 s (START_WAIT_MS): gateway HTTP: http://127.0.0.1:${port} not answering (ECONNREFUSED)`);
  expect(r.stderr).toContain('gave up: gateway and judge stopped');
  expect(r.stderr).not.toMatch(/exited unexpectedly/);
  // Both were stopped: nothing listens on the port afterwards.
  expect(await isFree(port)).toBe(true);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(3000);
});
