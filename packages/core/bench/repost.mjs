// Repost benchmark: FIFO re-valuation of one product-warehouse's history, in memory.
// Prints a table with a baseline measured in the same run (a bare pass over the same typed
// arrays, the floor any re-valuation pays) and the ratio to it.
import { repostColumns, repostMoves } from '../dist/index.js';

const N = Number(process.env.BENCH_MOVES ?? 1_000_000);

/** A deterministic history: every third move a receipt, issues sized so stock never runs out. */
function history(n) {
  const kind = new Uint8Array(n);
  const qty = new Float64Array(n);
  const value = new Float64Array(n);
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) {
      kind[i] = 0;
      qty[i] = 3_000 + Math.floor(rand() * 7_000);
      value[i] = Math.floor(qty[i] * (5 + rand() * 3));
    } else {
      kind[i] = 1;
      qty[i] = 1_000 + Math.floor(rand() * 2_000);
    }
  }
  return { kind, qty, value };
}

function time(fn, runs = 5) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const base = history(N);
const fresh = () => ({ kind: base.kind, qty: base.qty, value: base.value.slice() });

const baseline = time(() => {
  // The floor: read every move once and write a value back, no FIFO logic.
  const c = fresh();
  let s = 0;
  for (let i = 0; i < N; i++) {
    s += c.kind[i] === 0 ? c.value[i] : -c.qty[i];
    c.value[i] = s;
  }
});
const columns = time(() => repostColumns(fresh()));

const dates = Array.from(
  { length: N },
  (_, i) => `2026-${String(1 + Math.floor(i / (N / 12 + 1))).padStart(2, '0')}-01`,
);
const moves = Array.from({ length: N }, (_, i) => ({
  date: dates[i],
  seq: i,
  kind: base.kind[i] === 0 ? 'in' : 'out',
  qty: base.qty[i],
  value: base.value[i],
}));
// One back-dated receipt inserted near the start, as a late-entered purchase.
moves.push({ date: '2026-01-01', seq: -1, kind: 'in', qty: 5_000, value: 30_000 });
const backdated = time(() => repostMoves(moves), 3);

const rows = [
  ['baseline: one pass over the moves', baseline],
  [`repostColumns, ${N.toLocaleString('en')} moves`, columns],
  ['repostMoves + back-dated move (sort, repost, map back)', backdated],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`FIFO repost, ${N.toLocaleString('en')} moves, Node ${process.version}, median of runs`);
console.log(`${'case'.padEnd(width)}  ${'ms'.padStart(8)}  ${'× baseline'.padStart(10)}`);
for (const [name, ms] of rows) {
  console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)}  ${(ms / baseline).toFixed(1).padStart(10)}`);
}
