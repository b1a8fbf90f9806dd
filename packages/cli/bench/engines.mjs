// A command's latency on a PostgreSQL book against the same book on SQLite, as a user runs it (the
// installed command, one process per run): the demo book is built, moved into a throwaway
// PostgreSQL (loopback, fsync off: the engine and its round trips, not a disk), and a working day's
// commands run on both books, interleaved so that machine noise falls on both alike. The figure is
// the ratio of medians; the target is ≤ 2×. (`packages/store/bench/engines.mjs` times the same loop
// inside one process, where only the statements count.)
//
//   BENCH_RUNS   runs per command and engine (default 7)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../../scripts/postgres.mjs';

const bin = fileURLToPath(new URL('../bin/tradeloop.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'tradeloop-bench-engines-'));
const env = { ...process.env, TRADELOOP_REPORT_DIR: join(work, 'reports'), TZ: 'Asia/Shanghai' };

function tradeloop(db, args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`tradeloop ${args.join(' ')} on ${db} failed (${r.status}): ${r.stderr}`);
  return { ms, out: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const pg = await startPostgres();
try {
  const file = join(work, 'demo.db');
  const r = spawnSync(process.execPath, [bin, 'init', '--demo', '--db', file], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const url = pg.url.replace(/\/postgres$/, '/demo');
  const made = spawnSync('psql', [pg.url, '-qc', 'create database demo'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  tradeloop(file, ['move', '--to', url]);
  const books = { sqlite: file, postgres: url };

  // Each engine's own order goes through the loop: placed, approved, shipped, invoiced.
  const orders = { sqlite: [], postgres: [] };
  let statements = 0;
  const commands = {
    'place order': () => [
      'place',
      'order',
      ...'--customer C001 --warehouse WH1 --date 2026-11-25'.split(' '),
      '--line',
      'CLN-001:1',
    ],
    'approve order': (engine) => ['approve', 'order', orders[engine].at(-1)],
    'ship order': (engine) => ['ship', 'order', orders[engine].at(-1), '--date', '2026-11-25'],
    'invoice order': (engine) => ['invoice', 'order', orders[engine].at(-1), '--date', '2026-11-25'],
    'import statement': () => {
      statements++;
      const csv = join(work, `statement-${statements}.csv`);
      writeFileSync(
        csv,
        `交易日期,对方户名,收入金额,支出金额,摘要,交易流水号\n2026/11/25,华东贸易有限公司,"1,130.00",,货款 ${statements},E${statements}A\n2026/11/25,中国电信,,199.00,电话费,E${statements}B\n`,
      );
      return ['import', 'statement', csv];
    },
    'match statement': () => ['match', 'statement'],
    check: () => ['check'],
    'run alerts': () => ['run', 'alerts', '--today', '2026-11-26'],
    'report aging': () => ['report', 'aging', '--as-of', '2026-11-26'],
    'export list customers': () => ['export', 'list', 'customers'],
  };
  const times = Object.fromEntries(Object.keys(commands).map((c) => [c, { sqlite: [], postgres: [] }]));
  for (let run = 0; run < RUNS; run++)
    for (const [name, args] of Object.entries(commands))
      for (const engine of run % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite']) {
        const { ms, out } = tradeloop(books[engine], args(engine));
        if (name === 'place order') orders[engine].push(out.match(/SO-\d{4}-\d+/)?.[0]);
        times[name][engine].push(ms);
      }

  console.log(
    `A command on the demo book, SQLite and PostgreSQL (median of ${RUNS}; ${cpus().length} CPUs, Node ${process.version}, load ${loadavg()[0].toFixed(2)})`,
  );
  console.log('| command | SQLite | PostgreSQL | ratio | target ≤ 2× |');
  console.log('|---|---|---|---|---|');
  for (const [name, t] of Object.entries(times)) {
    const a = median(t.sqlite);
    const b = median(t.postgres);
    console.log(
      `| ${name} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / a).toFixed(2)}× | ${b / a <= 2 ? '✓' : '✗'} |`,
    );
  }
} finally {
  pg.stop();
  rmSync(work, { recursive: true, force: true });
}
