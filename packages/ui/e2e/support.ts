import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoBookCopy } from '../../../scripts/demo-book';
import { bin, launchChromium, root, serve as serveBook } from './browser.mjs';

/** A copy of the demo company, built once for the run (`scripts/demo-book.ts`). */
export { demoBookCopy as demoBook } from '../../../scripts/demo-book';

/**
 * The demo company at a quarter of its size (a tenth of the customers, a third of the orders),
 * built at `db` by `init --demo --scale 0.25`: for a test that needs a company with history but
 * not the full one, so it starts without waiting for the run's full demo build.
 */
export function quarterDemoBook(db: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'init', '--demo', '--scale', '0.25', '--db', db], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`init --demo --scale 0.25 failed (${code}):\n${stderr}`)),
    );
  });
}
export { bin, root, serve } from './browser.mjs';
/** Where browser tests leave their screenshots. */
export const artifacts = join(root, 'artifacts');

/** Debian's Chromium, headless. */
export const launch = (): Promise<Browser> => launchChromium();

/** Sign in on the app at `url` in this browser context: the page it lands on, the home page. */
export async function signIn(context: BrowserContext, url: string, name: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.waitForLoadState('networkidle');
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForURL(`${url}/`), page.click('form.card button[type="submit"]')]);
  return page;
}

/** A person signed in: their page, what went wrong in it, and how they leave. */
export interface Person {
  page: Page;
  errors: string[];
  close: () => Promise<void>;
}

/**
 * A copy of the demo company served for a test file, with its people: the owner `boss` and the
 * users given (name, then `user add` options), all with one password. `start` in `beforeAll`,
 * `stop` in `afterAll`; `person` signs one in at a desk (1280 × 900) or on a phone (390 × 844,
 * touch), collecting the page's errors; `cli` runs the CLI as the owner.
 */
export function demoCompany(name: string, users: readonly (readonly string[])[], password = 'daily-password-1') {
  let dir = '';
  let db = '';
  let server: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [bin, ...args, '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, TRADELOOP_SESSIONS: join(dir, 'sessions.json') },
    });
  return {
    cli,
    password,
    get url() {
      if (!server) throw new Error('the demo company is not served yet');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('no browser yet');
      return browser;
    },
    async start() {
      dir = mkdtempSync(join(tmpdir(), `tradeloop-${name}-`));
      db = join(dir, 'demo.db');
      await demoBookCopy(db);
      const pw = join(dir, 'pw.txt');
      writeFileSync(pw, `${password}\n`);
      cli('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
      cli('login', 'boss', '--password-file', pw);
      for (const [user, ...rest] of users) cli('user', 'add', user ?? '', ...rest, '--password-file', pw);
      server = await serveBook(db);
      browser = await launchChromium();
      mkdirSync(artifacts, { recursive: true });
    },
    async stop() {
      await browser?.close();
      server?.child.kill('SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    async person(user: string, on: 'desk' | 'phone' = 'desk'): Promise<Person> {
      if (!browser || !server) throw new Error('the demo company is not served yet');
      const context = await browser.newContext(
        on === 'phone'
          ? {
              locale: 'zh-CN',
              viewport: { width: 390, height: 844 },
              isMobile: true,
              hasTouch: true,
              deviceScaleFactor: 2,
            }
          : { locale: 'zh-CN', viewport: { width: 1280, height: 900 } },
      );
      const page = await signIn(context, server.url, user, password);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Svelte reports a page that failed to hydrate on the console only; a refusal's 4xx is expected.
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
      });
      return { page, errors, close: () => context.close() };
    },
  };
}

/** The status of the sales order a page shows, in its words. */
export const orderStatus = (page: Page) => page.getByTestId('order-status').textContent();

/** Nothing wider than the screen: a phone page scrolls down, never sideways. */
export const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
