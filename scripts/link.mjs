// `npm run link`: put `tradeloop` on PATH, so it runs from any folder, not only inside the clone.
// A symbolic link to the built command in a folder of programs (default ~/.local/bin, or --bin-dir).
// Node follows the link to the clone, where the command finds its modules; nothing is copied.
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './pnpm.mjs';

const { values } = parseArgs({ options: { 'bin-dir': { type: 'string' } } });
const binDir = resolve(values['bin-dir'] ?? join(homedir(), '.local', 'bin'));
const target = join(ROOT, 'packages', 'cli', 'bin', 'tradeloop.js');
const link = join(binDir, 'tradeloop');

if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'bundle', 'front.cjs'))) {
  process.stderr.write('error: tradeloop is not built yet\nhint: run `npm run quickstart` first\n');
  process.exit(1);
}
mkdirSync(binDir, { recursive: true });
let existing;
try {
  existing = lstatSync(link);
} catch {
  existing = undefined;
}
if (existing && !existing.isSymbolicLink()) {
  process.stderr.write(`error: ${link} exists and is not a link; remove it or choose --bin-dir\n`);
  process.exit(1);
}
if (existing) rmSync(link);
symlinkSync(target, link);
process.stdout.write(`linked ${link} → ${target}\n`);
const onPath = (process.env.PATH ?? '')
  .split(delimiter)
  .map((p) => resolve(p))
  .includes(binDir);
if (!onPath) process.stdout.write(`${binDir} is not on PATH; add it, e.g.: export PATH="${binDir}:$PATH"\n`);
