// Scale benchmark: the same commands on the small demo book and on demo books carrying 200k (and,
// with BENCH_SCALE=1000000, 1M) lines of sales history, each as a user runs it (the installed
// command, one process per run), interleaved so that machine noise falls on every book alike.
// Each figure is a ratio against a baseline measured in the same run, printed against its target.
//
//   BENCH_SCALE   history lines of the big books, comma-separated (default 200000)
//   BENCH_RUNS    runs per measure (default 7)
//   BENCH_KEEP    a folder to keep the built books in between runs (built again when missing)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/tradeloop.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SCALES = (process.env.BENCH_SCALE ?? '200000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'tradeloop-scale-'));
const keep = process.env.BENCH_KEEP ?? work;
mkdirSync(keep, { recursive: true });
const env = { ...process.env, TRADELOOP_REPORT_DIR: join(work, 'reports'), TZ: 'Asia/Shanghai' };

/** Run the command; its wall time in ms and its peak resident memory in MB (GNU time, when there). */
function timed(args, { rss = false } = {}) {
  const t = process.hrtime.bigint();
  const r = rss
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { env, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const mb = rss ? Number(r.stderr.trim().split('\n').at(-1)) / 1024 : undefined;
  return { ms, mb, out: r.stdout };
}
const tl = (db, ...args) => [bin, '--db', db, ...args];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The books: built once (kept in BENCH_KEEP), copied for this run so that its writes start alike.
const builds = [];
function book(lines) {
  const kept = join(keep, lines === 0 ? 'demo.db' : `demo-${lines}.db`);
  if (!existsSync(kept)) {
    const args = lines === 0 ? ['init', '--demo'] : ['init', '--demo', '--history', String(lines)];
    const r = timed([bin, ...args, '--db', kept], { rss: existsSync('/usr/bin/time') });
    builds.push({ lines, s: r.ms / 1000, mb: r.mb });
  }
  const copy = join(work, `${lines}.db`);
  copyFileSync(kept, copy);
  return copy;
}

const books = [0, ...SCALES].map((lines) => ({ lines, db: book(lines) }));
const label = (lines) => (lines === 0 ? 'demo' : lines >= 1e6 ? `${lines / 1e6}M` : `${lines / 1e3}k`);

let order = 0;
let statement = 0;
const placeOrder = (db) =>
  tl(
    db,
    ...'place order --customer C001 --warehouse WH1 --date 2026-11-25 --line'.split(' '),
    `CLN-001:${1 + (order++ % 3)}`,
  );
/** A bank statement of three fresh lines (one pays an open invoice's amount), imported untimed. */
function newStatement(db) {
  statement++;
  const file = join(work, `statement-${statement}.csv`);
  writeFileSync(
    file,
    `交易日期,对方户名,收入金额,支出金额,摘要,交易流水号\n` +
      `2026/11/25,华东贸易有限公司,"1,130.00",,货款 ${statement},BENCH${statement}A\n` +
      `2026/11/25,中国电信,,199.00,电话费,BENCH${statement}B\n` +
      `2026/11/26,Blue Sky Imports Ltd.,"${statement}.00",,PAYMENT,BENCH${statement}C\n`,
  );
  timed(tl(db, 'import', 'statement', file));
}

const measures = {
  baseline: { run: () => ['-e', '0'] },
  version: { run: () => [bin, '--version'] },
  place: { run: placeOrder },
  // The first check on a book proves every row and keeps what it proved; the runs after it (as a
  // nightly job's would) prove what changed since. `--full` proves every row again.
  check: { run: (db) => tl(db, 'check') },
  'check --full': { run: (db) => tl(db, 'check', '--full') },
  match: { before: newStatement, run: (db) => tl(db, 'match', 'statement') },
  alerts: { run: (db) => tl(db, 'run', 'alerts', '--today', '2026-11-26') },
  // A report after one write: the report copy is brought up to date with what changed.
  'report after a write': {
    before: (db) => timed(placeOrder(db)),
    run: (db) => tl(db, 'report', 'aging', '--as-of', '2026-11-26'),
  },
  // `report products` (products by category) after a write: it reads the product list alone, not the copy.
  'products after a write': {
    before: (db) => timed(placeOrder(db)),
    run: (db) => tl(db, 'report', 'products'),
  },
};
const times = new Map();
const at = (name, lines) => `${name}@${lines}`;
// Each book's report copy made once before timing: the first report pays the whole sync.
const firstReport = new Map(
  books.map((b) => [b.lines, timed(tl(b.db, 'report', 'aging', '--as-of', '2026-11-26')).ms]),
);
for (let i = 0; i < RUNS; i++) {
  for (const [name, m] of Object.entries(measures)) {
    const targets = name === 'baseline' || name === 'version' ? [books[0]] : books;
    for (const b of targets) {
      m.before?.(b.db);
      const key = at(name, b.lines);
      times.set(key, [...(times.get(key) ?? []), timed(m.run(b.db)).ms]);
    }
  }
}
const ms = (name, lines = 0) => median(times.get(at(name, lines)));

const rows = [];
const row = (work, figure, ratio, target) =>
  rows.push([work, figure, `${ratio.toFixed(2)}×`, `≤ ${target}×`, ratio <= target ? 'met' : 'NOT MET']);
const base = ms('baseline');
row('`--version` vs `node -e 0`', `${ms('version').toFixed(0)} / ${base.toFixed(0)} ms`, ms('version') / base, 1.5);
row(
  '`place order` (demo) vs `node -e 0`',
  `${ms('place').toFixed(0)} / ${base.toFixed(0)} ms`,
  ms('place') / base,
  2.5,
);
for (const lines of SCALES) {
  const l = label(lines);
  row(`\`place order\` (${l}) vs \`node -e 0\``, `${ms('place', lines).toFixed(0)} ms`, ms('place', lines) / base, 2.5);
  for (const [name, target] of [
    ['check', 1.5],
    ['match', 1.5],
    ['alerts', 1.5],
    ['report after a write', 1.2],
    ['products after a write', 1.2],
  ])
    row(
      `${name} at ${l} vs demo`,
      `${ms(name, lines).toFixed(0)} / ${ms(name).toFixed(0)} ms`,
      ms(name, lines) / ms(name),
      target,
    );
}

const [load1] = loadavg();
console.log(`Scale, median of ${RUNS} runs, Node ${process.version}, load ${load1.toFixed(2)} at the end`);
console.log('| work | figure | ratio | target | |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log('\n`check --full` (every row proven again; no target):');
for (const b of books) console.log(`  ${label(b.lines)}: ${ms('check --full', b.lines).toFixed(0)} ms`);
console.log('\nFirst report on each book (the whole sync into the report copy):');
for (const b of books) console.log(`  ${label(b.lines)}: ${(firstReport.get(b.lines) / 1000).toFixed(2)} s`);
if (builds.length > 0) {
  console.log('\nBuilding the books (`init --demo --history N`; target at 1M: ≤ 90 s, ≤ 400 MB):');
  for (const b of builds)
    console.log(`  ${label(b.lines)}: ${b.s.toFixed(1)} s${b.mb ? `, peak RSS ${b.mb.toFixed(0)} MB` : ''}`);
}
rmSync(work, { recursive: true, force: true });
