// helmet's Content-Security-Policy leaves the Swagger UI at /api/docs working: a real browser
// (Chromium through playwright-core) loads it, renders the operations, and reports no CSP
// violation. scripts/setup.sh installs Chromium when it is missing (CHROMIUM_PATH overrides).
import { execFileSync } from 'node:child_process';
import { chromium, Browser } from 'playwright-core';
import { Stack, useStack } from '../../../test/support/stack';

jest.setTimeout(120000);

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      /* next */
    }
  }
  throw new Error('no Chromium found: run scripts/setup.sh (installs the chromium package) or set CHROMIUM_PATH');
}

const stack: Stack = useStack({ judge: false });
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
});

it('Swagger UI loads under helmet: title, operations, no Content-Security-Policy violation', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.exposeFunction('reportViolation', (v: string) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const res = await page.goto(`${stack.gw.url}/api/docs`);
  expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
  await page.getByRole('heading', { name: /Online judge API/ }).waitFor({ timeout: 30000 });
  await page.getByText('/api/v1/submissions/{id}').first().waitFor();
  expect(await page.locator('.opblock').count()).toBeGreaterThan(5);
  expect(problems).toEqual([]);
});
