import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, root } from './browser.mjs';

/** A copy of the demo company, built once for the run (`scripts/demo-book.ts`). */
export { demoBookCopy as demoBook } from '../../../scripts/demo-book';
export { bin, root, serve } from './browser.mjs';
/** Where browser tests leave their screenshots. */
export const artifacts = join(root, 'artifacts');

/** Debian's Chromium, headless. */
export const launch = (): Promise<Browser> => launchChromium();
