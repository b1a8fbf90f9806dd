import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo book being built once for the test run: each file that needs it waits and copies it. */
    demoBook: string;
  }
}

/** What `init --demo` printed, and how it ended. */
export interface DemoInit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Set in the test run's own process once the build has started, so projects share one build. */
const STARTED = 'TRADELOOP_TEST_DEMO_BOOK';

/**
 * Global set-up of the projects that use the full demo company (`init --demo` takes half a
 * minute): start building it once for the whole run, without waiting for it, so the other tests
 * run meanwhile. `<book>.json` holds what the command printed; `<book>.ready` says it is done.
 */
export default function setup(project: TestProject) {
  const started = process.env[STARTED];
  if (started) {
    project.provide('demoBook', started);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-test-demo-'));
  const db = join(dir, 'demo.db');
  process.env[STARTED] = db;
  const bin = fileURLToPath(new URL('../packages/cli/bin/tradeloop.js', import.meta.url));
  // As the CLI's tests run it: the same user, a bare environment.
  const child = spawn(process.execPath, [bin, 'init', '--demo', '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', USER: 'tester' },
  });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  let stopped = false;
  child.once('close', (code) => {
    // Stopped by the teardown of a run that never needed it: its folder is gone already.
    if (stopped) return;
    writeFileSync(`${db}.json`, JSON.stringify({ code, ...out }));
    writeFileSync(`${db}.ready`, '');
  });
  project.provide('demoBook', db);
  return () => {
    stopped = true;
    child.kill('SIGKILL');
    delete process.env[STARTED];
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * A copy of the demo company at `db`, once the run's build of it is done, with what `init --demo`
 * printed. Throws when the build failed.
 */
export async function demoBookCopy(db: string): Promise<DemoInit> {
  const demo = inject('demoBook');
  for (let waited = 0; !existsSync(`${demo}.ready`); waited += 250) {
    if (waited > 240_000) throw new Error('init --demo did not finish in 4 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const init = JSON.parse(readFileSync(`${demo}.json`, 'utf8')) as DemoInit;
  if (init.code !== 0) throw new Error(`init --demo failed:\n${init.stderr}`);
  copyFileSync(demo, db);
  return init;
}
