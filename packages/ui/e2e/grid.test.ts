import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMoney } from '@tradeloop/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/tradeloop.js');
const artifacts = join(root, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Start `tradeloop serve` and wait for it to say where it listens. */
function serve(db: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
}

const cell = (page: Page, sku: string, field: string) => page.locator(`td[data-row="${sku}"][data-field="${field}"]`);

describe('products grid in a real browser', () => {
  let dir: string;
  let db: string;
  let server: { child: ChildProcess; url: string };
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'tradeloop-e2e-'));
    db = join(dir, 'demo.db');
    execFileSync(process.execPath, [bin, 'init', '--demo', '--db', db], { stdio: 'pipe' });
    server = await serve(db, await freePort());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('edits a cell with the keyboard, keeps it after reload, and refuses an invalid value in the cell', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/grid/products`);
    await expect.poll(() => page.locator('td[role="gridcell"]').count()).toBeGreaterThan(50);
    // The chart is drawn by vega in the browser.
    await page.locator('[data-testid="category-chart"] svg').waitFor({ timeout: 20_000 });

    // Click the first price cell, move with the keyboard to TEA-001's row and edit its price.
    const price = cell(page, 'TEA-001', 'price');
    await expect.poll(() => price.textContent()).toBe('188.00');
    await cell(page, 'TEA-001', 'name').click();
    await page.keyboard.press('ArrowRight'); // name_en
    await page.keyboard.press('ArrowRight'); // category
    await page.keyboard.press('ArrowRight'); // uom
    await page.keyboard.press('ArrowRight'); // price
    await expect.poll(() => price.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('199.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => price.textContent()).toBe('199.50');
    // After saving, Enter moved the cursor down a row, as in a spreadsheet.
    await expect.poll(() => price.getAttribute('aria-selected')).toBe('false');

    await page.reload();
    await expect.poll(() => cell(page, 'TEA-001', 'price').textContent()).toBe('199.50');

    // A negative price is refused by the book's rules: the cell keeps what was typed, marked with
    // the reason, while the cursor has moved on; back on it, the reason shows in the cell.
    await cell(page, 'TEA-002', 'price').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('-5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'TEA-002', 'price').getAttribute('aria-invalid')).toBe('true');
    expect(await cell(page, 'TEA-002', 'price').textContent()).toBe('-5');
    await page.keyboard.press('ArrowUp');
    const alert = cell(page, 'TEA-002', 'price').locator('[role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('must not be negative');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'products-grid.png'), fullPage: true });

    // Esc on the refused cell goes back to what the book holds, after a reload too.
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(page, 'TEA-002', 'price').textContent()).toBe('128.00');
    await page.reload();
    await expect.poll(() => cell(page, 'TEA-002', 'price').textContent()).toBe('128.00');
    expect(errors).toEqual([]);
  });

  it('saves every value typed down a column without pausing, on a fast line and on a slow one', async () => {
    const skus = (
      await (async () => {
        const page = await browser.newPage();
        await page.goto(`${server.url}/grid/products`);
        const all = await page.locator('td[data-field="sku"]').allTextContents();
        await page.close();
        return all;
      })()
    ).slice(10, 60);
    const typed = (i: number) => `${800 + i}.50`;
    for (const [batch, latency] of [
      [skus.slice(0, 25), 0],
      [skus.slice(25), 150],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      if (latency > 0)
        await page.route('**/api/products/**', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, latency));
          await route.continue();
        });
      await page.goto(`${server.url}/grid/products`);
      await page.waitForLoadState('networkidle');
      await cell(page, batch[0] ?? '', 'price').click();
      // Each value, then Enter to the row below: as fast as the keyboard sends them.
      for (const sku of batch) {
        await page.keyboard.type(typed(skus.indexOf(sku)));
        await page.keyboard.press('Enter');
      }
      await expect.poll(() => page.locator('td[aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
      expect(await page.locator('td[aria-invalid="true"]').count()).toBe(0);
      await page.screenshot({ path: join(artifacts, `typed-${latency}ms.png`) });
      await page.close();
    }
    const book = JSON.parse(
      execFileSync(process.execPath, [bin, 'export', 'products', '-f', 'json', '--db', db], { encoding: 'utf8' }),
    ) as { rows: Record<string, string>[] };
    const price = new Map(book.rows.map((r) => [r.sku, r.price]));
    expect(skus.map((sku) => price.get(sku))).toEqual(skus.map((_, i) => typed(i)));
  });

  it('shows the dashboard: key figures as the CLI reports them, and the analytics charts drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/dashboard?asOf=2026-11-20`);
    for (const chart of ['aging', 'profit', 'trend', 'top'])
      await page.locator(`[data-testid="chart-${chart}"] svg`).waitFor({ timeout: 20_000 });
    const aging = JSON.parse(
      execFileSync(
        process.execPath,
        [bin, 'report', 'aging', '--as-of', '2026-11-20', '--format', 'json', '--db', db],
        {
          encoding: 'utf8',
        },
      ),
    ).rows as { outstanding: string; not_due: string }[];
    const minor = (s: string) => Number(s.replace('.', ''));
    const outstanding = aging.reduce((t, r) => t + minor(r.outstanding), 0);
    const overdue = outstanding - aging.reduce((t, r) => t + minor(r.not_due), 0);
    const shown = async (key: string) =>
      (await page.locator(`[data-testid="figure-${key}"] .value`).textContent()) ?? '';
    expect(await shown('receivables')).toBe(formatMoney(outstanding, { grouping: true }));
    expect(await shown('overdue')).toBe(formatMoney(overdue, { grouping: true }));
    expect(outstanding).toBeGreaterThan(overdue);
    const bad = await page.goto(`${server.url}/dashboard?asOf=2026-02-30`);
    expect(bad?.status()).toBe(400);
    await page.goto(`${server.url}/dashboard?asOf=2026-11-20`);
    await page.locator('[data-testid="chart-top"] svg').waitFor({ timeout: 20_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  // Last, as it gives the book users: from then on the same server asks everyone to sign in.
  it('signs in, edits as the signed-in user, signs out; a salesperson sees no cost', async () => {
    const pw = join(dir, 'pw.txt');
    writeFileSync(pw, 'owner-password-1\n');
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [bin, ...args, '--db', db], {
        stdio: 'pipe',
        env: { ...process.env, TRADELOOP_SESSIONS: join(dir, 'sessions.json') },
      });
    cli('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
    cli('login', 'boss', '--password-file', pw);
    cli('user', 'passwd', 'lin', '--password-file', pw); // the demo's salesperson lin

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const signIn = async (name: string, password: string) => {
      // A page still hydrating can swap the form under the click: wait until it has settled.
      await page.waitForLoadState('networkidle');
      await page.fill('input[name="name"]', name);
      await page.fill('input[name="password"]', password);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')),
        page.click('button[type="submit"]'),
      ]);
      return answer.status();
    };
    await page.goto(server.url);
    await page.waitForURL(/\/login$/);
    expect(await signIn('boss', 'not the password')).toBeLessThan(500);
    await page.locator('[data-testid="login-error"]').waitFor();
    expect(await page.locator('[data-testid="login-error"]').textContent()).toContain('Wrong user name or password');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'login.png') });

    await signIn('boss', 'owner-password-1');
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('[data-testid="signed-in"]').textContent()).toContain('boss · owner');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'tl_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    await page.goto(`${server.url}/grid/products`);
    await cell(page, 'TEA-001', 'price').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('201');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'TEA-001', 'price').textContent()).toBe('201.00');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/dashboard`);
    await page.waitForURL(/\/login\?next=%2Fdashboard$/);

    await signIn('lin', 'owner-password-1');
    await page.waitForURL(`${server.url}/dashboard`);
    expect(await page.locator('h1').textContent()).toContain('403');
    // The salesperson sees the owner's edit, without the cost column and without editing.
    await page.goto(`${server.url}/grid/products`);
    await expect.poll(() => cell(page, 'TEA-001', 'price').textContent()).toBe('201.00');
    expect(await page.locator('td[data-field="cost"]').count()).toBe(0);
    expect(await cell(page, 'TEA-001', 'price').getAttribute('aria-readonly')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('keeps what is typed into the sign-in form before the page has loaded its scripts, on a slow line', async () => {
    // After the test above: boss signs in with owner-password-1.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    // Scripts arrive 1.5 s late and every answer 300 ms late: a person types before the page hydrates.
    await page.route('**/*', async (route) => {
      const late = route.request().url().includes('/_app/') ? 1_500 : 300;
      await new Promise((resolve) => setTimeout(resolve, late));
      await route.continue();
    });
    await page.goto(`${server.url}/login`, { waitUntil: 'domcontentloaded' });
    // Once the caret is in the name field (the page puts it there), type at full speed, Tab to
    // the password, type, and only then wait for the scripts.
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'name');
    await page.keyboard.type('boss');
    await page.keyboard.press('Tab');
    await page.keyboard.type('owner-password-1');
    await page.waitForLoadState('networkidle');
    expect(await page.inputValue('input[name="name"]')).toBe('boss');
    expect(await page.inputValue('input[name="password"]')).toBe('owner-password-1');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('[data-testid="signed-in"]').textContent()).toContain('boss · owner');
    await page.screenshot({ path: join(artifacts, 'signed-in-phone.png') });
    // Every page has its icon: nothing the browser asks for is missing.
    expect(missing).toEqual([]);
    const icon = await page.request.get(`${server.url}/favicon.svg`);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    await context.close();
  });
});
