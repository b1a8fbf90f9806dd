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
process.stderr.write(`
The demo book is demo.db. Next:
  npx tradeloop report products --db demo.db --format csv
  npx tradeloop serve --db demo.db        then open http://127.0.0.1:5173
  npm test                                  run every test
`);
