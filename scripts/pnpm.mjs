// Run the workspace's pinned pnpm: the installed one when there is one, else the exact version
// named in package.json's "packageManager", fetched once by npx. Needs only Node and npm.
import { spawnSync } from 'node:child_process';
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
