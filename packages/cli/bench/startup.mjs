// Start-up benchmark: `tradeloop --version` and `--help`, as installed (bin/tradeloop.js), against
// `node -e 0` measured in the same run, interleaved so that machine noise falls on both alike.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const bin = fileURLToPath(new URL('../bin/tradeloop.js', import.meta.url));
const unbundled = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
// A command that opens a book and works on it: the bundle carries the book's code, so it does not
// load kysely, zod and the workspace packages file by file.
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-'));
const db = join(dir, 'small.db');
execFileSync(process.execPath, [bin, 'init', '--demo', '--scale', '0', '--db', db], { stdio: 'ignore' });
const cases = [
  ['baseline: node -e 0', ['-e', '0']],
  ['tradeloop --version', [bin, '--version']],
  ['  the same, not bundled', [unbundled, '--version']],
  ['tradeloop --help', [bin, '--help']],
  ['tradeloop report --help', [bin, 'report', '--help']],
  ['tradeloop check (small book)', [bin, 'check', '--db', db]],
  ['  the same, not bundled', [unbundled, 'check', '--db', db]],
  ['tradeloop export list customers', [bin, 'export', 'list', 'customers', '--db', db]],
  ['  the same, not bundled', [unbundled, 'export', 'list', 'customers', '--db', db]],
];
const times = cases.map(() => []);
for (let i = 0; i < RUNS; i++) {
  cases.forEach(([, args], k) => {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times[k].push(Number(process.hrtime.bigint() - t) / 1e6);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times[0]);
console.log(`Start-up, median of ${RUNS} runs, Node ${process.version}`);
console.log(`${'case'.padEnd(30)}  ${'ms'.padStart(7)}  ${'× baseline'.padStart(10)}`);
cases.forEach(([name], k) => {
  const ms = median(times[k]);
  console.log(`${name.padEnd(30)}  ${ms.toFixed(1).padStart(7)}  ${(ms / base).toFixed(2).padStart(10)}`);
});
rmSync(dir, { recursive: true, force: true });
