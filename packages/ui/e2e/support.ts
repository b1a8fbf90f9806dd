import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium, root } from './browser.mjs';

export { bin, root, serve } from './browser.mjs';
/** Where browser tests leave their screenshots. */
export const artifacts = join(root, 'artifacts');

/** A copy of the demo company (built once for all browser tests, see global-setup.ts) at `db`. */
export async function demoBook(db: string): Promise<void> {
  const demo = inject('demoBook');
  for (let waited = 0; !existsSync(`${demo}.ready`); waited += 250) {
    if (existsSync(`${demo}.failed`)) throw new Error(`init --demo failed:\n${readFileSync(`${demo}.failed`, 'utf8')}`);
    if (waited > 240_000) throw new Error('init --demo did not finish in 4 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  copyFileSync(demo, db);
}

/** Debian's Chromium, headless. */
export const launch = (): Promise<Browser> => launchChromium();
