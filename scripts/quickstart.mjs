// `npm run quickstart`: install, build, create the demo book and show a report.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pnpm, ROOT, run } from './pnpm.mjs';

const step = (name, code) => {
  if (code !== 0) {
    process.stderr.write(`quickstart: ${name} failed (exit ${code})\n`);
    process.exit(code);
  }
};

step('install', pnpm(['install', '--frozen-lockfile']));
step('build', pnpm(['run', 'build']));
const book = join(ROOT, 'demo.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(book + suffix, { force: true });
rmSync(join(ROOT, 'demo.analytics.duckdb'), { force: true });
const tradeloop = join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
step('init', run(process.execPath, [tradeloop, 'init', '--demo', '--db', book]));
step('report', run(process.execPath, [tradeloop, 'report', 'products', '--db', book]));
step(
  'profit',
  run(process.execPath, [tradeloop, 'report', 'profit', '-p', 'quarterly from 2025 to 2026-10', '--db', book]),
);
step(
  'aging',
  run(process.execPath, [tradeloop, 'report', 'aging', '--as-of', '2026-11-20', '--by', 'salesperson', '--db', book]),
);
process.stderr.write(`
The demo book is demo.db. Next:
  npx tradeloop report aging --db demo.db --as-of 2026-11-20
  npx tradeloop export list invoices --db demo.db --format xlsx -o invoices.xlsx
  npx tradeloop serve --db demo.db        then open http://127.0.0.1:5173
  npm test                                  run every test
`);
