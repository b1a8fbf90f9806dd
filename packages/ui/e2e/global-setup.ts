import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo book, built once for every browser test file: each copies it. */
    demoBook: string;
  }
}

/** Build the demo company once for the browser tests: `init --demo` is most of a file's set-up. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-e2e-demo-'));
  const db = join(dir, 'demo.db');
  const bin = fileURLToPath(new URL('../../cli/bin/tradeloop.js', import.meta.url));
  execFileSync(process.execPath, [bin, 'init', '--demo', '--db', db], { stdio: 'pipe' });
  project.provide('demoBook', db);
  return () => rmSync(dir, { recursive: true, force: true });
}
