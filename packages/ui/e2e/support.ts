import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bin, launchChromium, root } from './browser.mjs';

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
