import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, root } from './browser.mjs';

/** A copy of the demo company, built once for the run (`scripts/demo-book.ts`). */
export { demoBookCopy as demoBook } from '../../../scripts/demo-book';
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
