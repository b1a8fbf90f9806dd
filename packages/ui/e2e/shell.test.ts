import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, bin, demoBook, launch, serve, signIn as signInAs } from './support';

const PASSWORD = 'owner-password-1';

/** How far the page reaches past the window sideways (0: nothing scrolls sideways). */
const overflow = (page: Page) => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

describe('the app shell in a real browser', () => {
  let dir: string;
  let server: { child: ChildProcess; url: string };
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tradeloop-shell-'));
    const db = join(dir, 'demo.db');
    await demoBook(db);
    const pw = join(dir, 'pw.txt');
    writeFileSync(pw, `${PASSWORD}\n`);
    execFileSync(process.execPath, [bin, 'user', 'add', 'boss', '--role', 'owner', '--password-file', pw, '--db', db], {
      stdio: 'pipe',
    });
    server = await serve(db);
    browser = await launch();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A browser of someone whose system speaks this language, at this size. */
  const person = (locale: string, width = 1280, height = 900) =>
    browser.newContext({ locale, viewport: { width, height } });

  const signIn = (context: BrowserContext, name = 'boss'): Promise<Page> =>
    signInAs(context, server.url, name, PASSWORD);

  const navText = async (page: Page) => (await page.locator('[data-testid="nav"]').textContent()) ?? '';

  it('speaks the browser’s language until the user chooses one, then theirs in every browser', async () => {
    const first = await person('zh-CN');
    const login = await first.newPage();
    await login.goto(server.url);
    await login.waitForURL(/\/login$/);
    expect(await login.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await login.locator('h1').textContent()).toBe('登录');
    expect(await login.locator('[data-testid="nav"]').count()).toBe(0);
    await login.close();

    const page = await signIn(first);
    expect(await page.locator('h1').textContent()).toBe('欢迎，boss');
    for (const area of ['销售', '客户关系', '采购', '库存', '财务', '报表', '设置'])
      expect(await navText(page)).toContain(area);
    await page.locator('[data-testid="home-figures"]').waitFor();
    expect(await page.locator('[data-testid="home-figures"] h2').textContent()).toMatch(
      /截至 \d{4}年\d{1,2}月\d{1,2}日/,
    );
    await page.screenshot({ path: join(artifacts, 'shell-home-zh.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${server.url}/`), page.click('[data-testid="locale-en"]')]);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Welcome, boss');
    expect(await navText(page)).toContain('Purchasing');
    await page.screenshot({ path: join(artifacts, 'shell-home-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await first.close();

    // Another browser, still set to Chinese, never told of the choice: signed in, boss reads English.
    const other = await person('zh-CN');
    const again = await signIn(other);
    expect(await again.locator('html').getAttribute('lang')).toBe('en');
    expect(await again.locator('h1').textContent()).toBe('Welcome, boss');
    await other.close();
  });

  it('fits a phone from 360 px: nothing scrolls sideways, the navigation folds into a menu', async () => {
    for (const [width, height] of [
      [360, 740],
      [390, 844],
    ] as const) {
      const phone = await person('zh-CN', width, height);
      const page = await signIn(phone);
      await page.locator('[data-testid="home-figures"]').waitFor();
      expect(await overflow(page), `home at ${width}px`).toBeLessThanOrEqual(0);
      expect(await page.locator('[data-testid="nav"]').isVisible()).toBe(false);
      await page.screenshot({ path: join(artifacts, `shell-home-${width}.png`), fullPage: true });
      await page.click('[data-testid="menu-button"]');
      expect(await page.locator('[data-testid="nav"]').isVisible()).toBe(true);
      expect(await overflow(page), `menu at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(artifacts, `shell-menu-${width}.png`) });

      await page.goto(`${server.url}/dashboard`);
      for (const chart of ['aging', 'profit', 'trend', 'top'])
        await page.locator(`[data-testid="chart-${chart}"] svg`).waitFor({ timeout: 20_000 });
      expect(await overflow(page), `dashboard at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(artifacts, `shell-dashboard-${width}.png`), fullPage: true });
      await phone.close();
    }
  });
});
