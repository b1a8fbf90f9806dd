import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo book being built once for every browser test file: each waits for it and copies it. */
    demoBook: string;
  }
}

/**
 * Start building the demo company once for the browser tests (`init --demo` is most of a file's
 * set-up), without waiting for it: the other tests run meanwhile. `<book>.ready` or
 * `<book>.failed` (with the error) says when it is done.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-e2e-demo-'));
  const db = join(dir, 'demo.db');
  const bin = fileURLToPath(new URL('../../cli/bin/tradeloop.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'init', '--demo', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.once('exit', (code) => writeFileSync(code === 0 ? `${db}.ready` : `${db}.failed`, log));
  project.provide('demoBook', db);
  return () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
}
