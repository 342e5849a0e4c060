// The web app end to end: real headless Chromium (Debian's `chromium`, driven by playwright-core)
// against a real gateway serving the built app and a real judge. Controls are found by role and
// accessible name (DESIGN.md "Web app"), as a screen reader would.
process.env.REGISTRATION = 'open';

import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { api, EXAMPLES, useStack } from '../../../test/support/stack';

const ROOT = join(__dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of the main screens: WEB_SCREENSHOTS, else a folder under the system temp dir (kept). */
const SHOTS = process.env.WEB_SCREENSHOTS ?? join(tmpdir(), 'oj-web-screenshots');
const source = (rel: string) => readFileSync(join(EXAMPLES, 'solutions/aplusb', rel), 'utf8');

/** Polls `check` until it holds (playwright-core has no `expect`); fails with `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const visible = (l: Locator, ms = 60_000) => l.first().waitFor({ state: 'visible', timeout: ms });
const hasCount = (l: Locator, n: number) => until(`${l} has ${n}`, async () => (await l.count()) === n);
const hasText = (l: Locator, t: string | RegExp, ms = 60_000) =>
  until(`${l} shows ${t}`, async () => { const x = (await l.first().textContent()) ?? ''; return typeof t === 'string' ? x.includes(t) : t.test(x); }, ms);

jest.setTimeout(240_000);

describe('web app in a real browser', () => {
  const stack = useStack();
  let context: BrowserContext;
  let page: Page;
  const user = `ada${Date.now() % 100000}`;

  beforeAll(async () => {
    // Built by `npm test` (npm run build); rebuilt here when missing or older than its sources.
    const index = join(ROOT, 'dist/apps/web/index.html');
    const newest = (dir: string): number => Math.max(...readdirSync(dir, { withFileTypes: true })
      .map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
    if (!existsSync(index) || statSync(index).mtimeMs < newest(join(ROOT, 'apps/web/src'))) {
      execSync('npm run build:web', { cwd: ROOT, stdio: 'inherit' });
    }
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
      baseURL: stack.gw.url,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
  });
  afterAll(async () => {
    await context?.close();
  });

  const shot = (name: string, fullPage = false) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

  async function axeViolations(exclude: string[] = []): Promise<Array<{ id: string; impact: string; help: string; nodes: string[] }>> {
    // Evaluated over the DevTools protocol, not as a <script>: the gateway's Content-Security-Policy
    // (helmet, script-src 'self') stays in force for the app itself.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    return page.evaluate(async (exclude) => {
      const r = await (window as any).axe.run(exclude.length ? { exclude: exclude.map((e) => [e]) } : document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => `${n.target} ${n.any?.[0]?.message ?? ''}`) }));
    }, exclude);
  }

  /** Types a whole program into the editor (a CodeMirror content-editable named "Source code"). */
  async function setCode(code: string): Promise<void> {
    const editor = page.getByRole('textbox', { name: 'Source code' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await editor.fill(code);
  }

  /** Records every text the status region and the Tests table show, to see the results arrive live. */
  async function recordProgress(): Promise<void> {
    await page.evaluate(() => {
      const w = window as any;
      w.progress = [];
      w.observer?.disconnect();
      w.observer = new MutationObserver(() => {
        const status = document.querySelector('.result [role=status]')?.textContent ?? '';
        const rows = document.querySelectorAll('.result table.tests tbody tr').length;
        const last = w.progress[w.progress.length - 1];
        if (!last || last.status !== status || last.rows !== rows) w.progress.push({ status, rows });
      });
      w.observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }
  const progress = (): Promise<Array<{ status: string; rows: number }>> => page.evaluate(() => (window as any).progress);

  it('serves the app at / and client routes, never over the API', async () => {
    const index = await fetch(`${stack.gw.url}/problems/aplusb`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const apiMiss = await api(stack.gw.url, 'GET', '/api/v1/nope');
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.body).toMatchObject({ statusCode: 404 });
  });

  it('creates an account, signs out and signs in again', async () => {
    await page.goto('/signup');
    await page.getByRole('textbox', { name: 'Username' }).fill(user);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await visible(page.getByRole('button', { name: 'Sign out' }));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByRole('textbox', { name: 'Username' }).fill(user);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await hasText(page.getByRole('alert'), 'Wrong username or password');
    await shot('sign-in');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('button', { name: 'Sign out' }));
    await visible(page.getByText(user));
  });

  it('lists problems with limits and a search box, and opens one by its title', async () => {
    await page.goto('/');
    await visible(page.getByRole('link', { name: 'A Plus B' }));
    await page.getByRole('searchbox', { name: 'Search problems' }).fill('circle');
    await hasCount(page.getByRole('link', { name: 'A Plus B' }), 0);
    await page.getByRole('searchbox', { name: 'Search problems' }).fill('');
    await shot('problems');
    expect(await axeViolations()).toEqual([]);
    await page.getByRole('link', { name: 'A Plus B' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'A Plus B' }));
    await visible(page.getByText('Memory limit'));
    await visible(page.getByRole('heading', { name: 'Samples' }));
  });

  it('submits an accepted solution and shows the status and each test row live, then the beats chart', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('cpp');
    await setCode(source('AC/int64.cpp'));
    await recordProgress();
    await page.getByRole('button', { name: 'Submit' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Accepted' }), 90_000);
    const problem = (await api(stack.gw.url, 'GET', '/api/v1/problems/aplusb')).body;
    const rows = page.getByRole('table', { name: 'Tests' }).locator('tbody tr');
    await hasCount(rows, problem.testCount);
    await hasCount(rows.filter({ hasText: 'Accepted' }), problem.testCount);
    // Seen while it ran: a status before the verdict, and rows appearing one after another.
    const seen = await progress();
    expect(seen.some((p) => /Queued|Compiling|Running test \d+ of \d+/.test(p.status))).toBe(true);
    expect(new Set(seen.map((p) => p.rows)).size).toBeGreaterThan(2);
    await visible(page.getByRole('img', { name: /Runtime: .* beats [\d.]+% of accepted submissions/ }));
    await visible(page.getByRole('img', { name: /Memory: .* beats [\d.]+% of accepted submissions/ }));
    await shot('accepted', true);
    expect(await axeViolations()).toEqual([]);
  });

  it('shows Wrong Answer, with the failing test named', async () => {
    await setCode(source('WA/int32_overflow.cpp'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Wrong Answer' }), 90_000);
    await until('rows', async () => (await page.getByRole('table', { name: 'Tests' }).locator('tbody tr').filter({ hasText: 'Wrong Answer' }).count()) > 0);
    await shot('wrong-answer');
  });

  it('keeps watching when the WebSocket drops mid-run (reconnects and re-subscribes)', async () => {
    await setCode(source('AC/int64.cpp'));
    const before = await page.evaluate(() => (window as any).ojLiveSocket.connections);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.evaluate(() => (window as any).ojLiveSocket.drop());
    await visible(page.getByRole('status').filter({ hasText: 'Accepted' }), 90_000);
    expect(await page.evaluate(() => (window as any).ojLiveSocket.connections)).toBeGreaterThan(before);
  });

  it('shows a Compilation Error with the compiler\'s line numbers', async () => {
    await setCode(source('CE/syntax_error.cpp'));
    await page.keyboard.press('Control+Enter');
    await visible(page.getByRole('status').filter({ hasText: 'Compilation Error' }), 90_000);
    const compiler = page.getByRole('region', { name: 'Compiler output' });
    await hasText(compiler, /line 6/);
    await shot('compilation-error');
  });

  it('runs on the samples and on custom input, showing the output', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('python3');
    await setCode('a, b = map(int, input().split())\nprint(a * b)\n');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const diff = page.getByRole('region', { name: 'Sample 1: expected vs got' });
    await visible(diff, 90_000);
    await visible(diff.getByText('Expected'));
    await visible(diff.getByText('Got'));
    await page.getByRole('checkbox', { name: 'Run on custom input' }).check();
    await page.getByRole('textbox', { name: 'Custom input' }).fill('6 7\n');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await until('output is 42', async () => (await page.getByLabel('Output', { exact: true }).textContent()) === '42\n', 90_000);
    await shot('run-custom-input');
  });

  it('keeps the code per problem and language, and the language, across a reload', async () => {
    await page.reload();
    await until('value', async () => (await page.getByRole('combobox', { name: 'Language' }).inputValue()) === 'python3');
    await hasText(page.getByRole('textbox', { name: 'Source code' }), 'print(a * b)');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('cpp');
    await hasText(page.getByRole('textbox', { name: 'Source code' }), 'std::cin >> a >> b) {');
  });

  it('lists my submissions to the problem, each openable with its code and results', async () => {
    const history = page.getByRole('table', { name: 'Your submissions' });
    await hasCount(history.locator('tbody tr'), 4);
    // The code comes from the API, not from what this browser kept when submitting.
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oj:submission:')).forEach((k) => localStorage.removeItem(k)));
    await history.getByRole('link').first().click();
    await visible(page.getByRole('heading', { level: 1, name: 'Submission' }));
    await hasText(page.getByRole('status'), 'Compilation Error');
    await hasText(page.getByLabel('Submitted code'), '#include <iostream>');
    // The problem list marks the problem solved.
    await page.goto('/');
    await visible(page.getByRole('row', { name: /A Plus B/ }).getByRole('img', { name: 'Solved' }));
  });

  it('shows a submission of several files file by file, the entry point marked and a binary file by its size', async () => {
    const login = await api(stack.gw.url, 'POST', '/api/v1/auth/login', { username: user, password: 'correct horse battery' }, { token: null });
    const files = [
      { path: 'main.c', content: '#include <stdio.h>\n#include "lib/add.h"\nint main(void){long a,b;scanf("%ld %ld",&a,&b);printf("%ld\\n",add(a,b));}\n' },
      { path: 'lib/add.h', content: 'long add(long, long);\n' },
      { path: 'lib/add.c', content: '#include "add.h"\nlong add(long a, long b){return a+b;}\n' },
      { path: 'data.bin', content: Buffer.from([0, 1, 2, 3, 4]).toString('base64'), encoding: 'base64' },
    ];
    const r = await api(stack.gw.url, 'POST', '/api/v1/submissions', { language: 'c', problemId: 'aplusb', files, entryPoint: 'main.c' }, { token: login.body.token });
    expect(r.status).toBe(202);
    await page.goto(`/submissions/${r.body.id}`);
    await hasText(page.getByRole('status'), 'Accepted');
    await hasText(page.getByLabel('Submitted code: lib/add.h'), 'long add(long, long);');
    await hasText(page.getByLabel('Submitted code: lib/add.c'), 'return a+b;');
    await hasText(page.getByRole('region', { name: 'main.c' }), 'entry point');
    await hasText(page.getByRole('region', { name: 'data.bin' }), '5 bytes (binary, not shown)');
    await shot('submission-files', true);
  });

  it('shows an interactive problem\'s sample as its interaction, and Run feeds the program what the judge sends', async () => {
    await page.goto('/problems/guess');
    await hasText(page.getByRole('figure', { name: 'Sample 1 interaction' }), '> 10\n< ? 5\n> <');
    await hasCount(page.getByRole('figure', { name: /Sample 1 input/ }), 0);
    await hasCount(page.getByRole('checkbox', { name: 'Run on custom input' }), 0);
    expect(await page.getByRole('textbox', { name: 'Custom input' }).inputValue()).toBe('10\n<\n>\n=\n');
    await shot('interactive-problem', true);
  });

  it('has a dark theme and a phone layout without sideways scrolling, both accessible', async () => {
    await page.goto('/problems/aplusb');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await until('dark theme', async () => (await page.locator('html').getAttribute('data-theme')) === 'dark');
    await visible(page.getByRole('textbox', { name: 'Source code' }));
    await shot('problem-dark');
    expect(await axeViolations()).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await visible(page.getByRole('button', { name: 'Submit' }));
    await visible(page.getByRole('textbox', { name: 'Source code' }));
    // The settled layout (the editor styles itself once mounted): no sideways scrolling.
    await until('the page fits 390 px without sideways scrolling', () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 10_000);
    await shot('phone');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('starts a function problem from its template in the chosen language and judges a LeetCode-style solution', async () => {
    await page.goto('/problems/reverse-list');
    await visible(page.getByRole('heading', { level: 1, name: 'Reverse Linked List' }));
    await visible(page.getByRole('textbox', { name: 'Source code' }));
    await page.getByRole('combobox', { name: 'Language' }).selectOption('java');
    // No code kept yet for this problem in Java: the editor starts from the problem's template.
    await hasText(page.getByRole('textbox', { name: 'Source code' }), 'class Solution');
    await hasText(page.getByRole('textbox', { name: 'Source code' }), 'reverseList(ListNode head)');
    await setCode(readFileSync(join(EXAMPLES, 'solutions/reverse-list/AC/Solution.java'), 'utf8'));
    await page.getByRole('button', { name: 'Submit' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Accepted' }), 90_000);
  });

  it('lets an admin import a problem package with progress, delete a problem, and manage API keys', async () => {
    const admin = await api(stack.gw.url, 'POST', '/api/v1/users', { username: 'root-admin', password: 'admin password 1', role: 'admin' });
    expect(admin.status).toBe(201);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/signin');
    await page.getByRole('textbox', { name: 'Username' }).fill('root-admin');
    await page.getByLabel('Password').fill('admin password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Manage problems' }).click();
    // A copy under a new folder name: the examples are imported at start, and the id is the folder's.
    const tmp = process.env.E2E_TMP!;
    const zip = join(tmp, 'words-again.zip');
    execSync(`cp -r ${JSON.stringify(join(EXAMPLES, 'problems/reverse-words'))} ${JSON.stringify(join(tmp, 'words-again'))} && cd ${JSON.stringify(tmp)} && zip -qr words-again.zip words-again`);
    await page.getByLabel('Problem package (zip)').setInputFiles(zip);
    await page.getByRole('button', { name: 'Import' }).click();
    await hasText(page.getByRole('status'), /Imported .* \(words-again\)/);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Circle Area' }).click();
    await hasCount(page.getByRole('link', { name: 'Circle Area' }), 0);
    expect((await api(stack.gw.url, 'GET', '/api/v1/problems/circle-area')).status).toBe(404);
    await shot('admin-problems');
    expect(await axeViolations()).toEqual([]);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('ci-runner');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByLabel('New key').textContent())!.trim();
    expect((await fetch(`${stack.gw.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await shot('api-keys');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete key ci-runner' }).click();
    await hasCount(page.getByRole('button', { name: 'Delete key ci-runner' }), 0);
    expect((await fetch(`${stack.gw.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });
});
