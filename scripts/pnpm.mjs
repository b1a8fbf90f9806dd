// Run the workspace's pinned pnpm: the installed one when there is one, else the exact version
// named in package.json's "packageManager", fetched once by npx. Needs only Node and npm.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function pnpmCommand() {
  const local = join(ROOT, 'node_modules', '.bin', 'pnpm');
  if (existsSync(local)) return [local];
  const { packageManager } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return ['npx', '--yes', packageManager];
}

/** Run a command in the repository root with inherited output; returns the exit code. */
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (r.error) {
    process.stderr.write(`error: cannot run ${command}: ${r.error.message}\n`);
    return 1;
  }
  return r.status ?? 1;
}

export function pnpm(args, options) {
  const [command, ...pre] = pnpmCommand();
  return run(command, [...pre, ...args], options);
}

/**
 * Run pnpm in the background with its output kept, not shown: resolves to the exit code and the
 * output, to print once the foreground work is done.
 */
export function pnpmInBackground(args) {
  const [command, ...pre] = pnpmCommand();
  return new Promise((resolve) => {
    const child = spawn(command, [...pre, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', (error) => resolve({ code: 1, output: `cannot run ${command}: ${error.message}\n` }));
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Run pnpm in the foreground, its output shown, without blocking the event loop. */
export function pnpmAsync(args) {
  const [command, ...pre] = pnpmCommand();
  return new Promise((resolve) => {
    const child = spawn(command, [...pre, ...args], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', () => resolve(1));
    child.once('close', (code) => resolve(code ?? 1));
  });
}
