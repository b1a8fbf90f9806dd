import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { expect, inject } from 'vitest';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const bin = join(root, 'packages/cli/bin/tradeloop.js');
/** Where browser tests leave their screenshots. */
export const artifacts = join(root, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Start `tradeloop serve` on a free port and wait for it to say where it listens. */
export async function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
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
export async function launch(): Promise<Browser> {
  expect(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium)`).toBe(true);
  return chromium.launch({
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
}
