import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/bin/tradeloop.js');
export const FIXTURES = join(ROOT, 'fixtures');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built `tradeloop` binary as a user would: a separate process, no terminal. */
export function tradeloop(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, USER: 'tester', ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `tradeloop` as a process running beside others: resolves when it has exited. */
export function tradeloopAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, USER: 'tester', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh folder per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'tradeloop-cli-'));
    dirs.push(d);
    return d;
  };
}

let smallDemo: string | undefined;
afterAll(() => {
  if (smallDemo) rmSync(dirname(smallDemo), { recursive: true, force: true });
  smallDemo = undefined;
});

/**
 * A copy of the demo company without its history (`init --demo --scale 0`) at `db`: built once
 * per test file and copied, as tests that each need a fresh small book spend their time in `init`
 * otherwise. The book is closed after `init`, so its one file is the whole book.
 */
export function smallDemoBook(db: string): void {
  if (!smallDemo || !existsSync(smallDemo)) {
    const dir = mkdtempSync(join(tmpdir(), 'tradeloop-demo-'));
    smallDemo = join(dir, 'demo.db');
    const r = tradeloop(['init', '--demo', '--scale', '0', '--db', smallDemo]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(`${smallDemo}-wal`) ? readFileSync(`${smallDemo}-wal`).length : 0).toBe(0);
  }
  copyFileSync(smallDemo, db);
}

/**
 * Compare what users see with a golden file in fixtures/golden. Run with UPDATE_GOLDEN=1 to
 * rewrite the files after a deliberate change, then review the diff.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) throw new Error(`golden file ${name} is missing`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
