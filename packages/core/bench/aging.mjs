// Aging benchmark: receivables aging over many open documents and payments, checked at its entry
// (zod over every document, payment and allocation once), and what a refusal costs: the check
// reads everything, then parses the bad input again to word its issues.
import { ageBalances, attempt } from '../dist/index.js';

const N = Number(process.env.BENCH_DOCUMENTS ?? 30_000);

function book(n) {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const day = (i) => `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const documents = Array.from({ length: n }, (_, i) => ({
    id: `INV-${i}`,
    party: `C${String(i % 500).padStart(4, '0')}`,
    kind: i % 20 === 0 ? 'credit_note' : 'invoice',
    date: day(i),
    dueDate: day(i + 1),
    amount: 1_000 + Math.floor(rand() * 1_000_000),
    salesperson: `S${i % 12}`,
  }));
  const payments = Array.from({ length: Math.floor(n / 2) }, (_, i) => ({
    id: `PAY-${i}`,
    party: documents[i * 2].party,
    date: day(i + 2),
    amount: documents[i * 2].amount,
    allocations: [{ document: documents[i * 2].id, amount: documents[i * 2].amount }],
  }));
  return { documents, payments };
}

function time(fn, runs = 7) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const { documents, payments } = book(N);
const options = { asOf: '2026-03-31', basis: 'due' };
const aging = time(() => ageBalances(documents, payments, [], options));
// A refusal: the last document lacks its due date, so the check reads everything, finds that one,
// and throws before any aging is done.
const { dueDate: _, ...last } = documents.at(-1);
const broken = [...documents.slice(0, -1), last];
const check = time(() => {
  const r = attempt(() => ageBalances(broken, payments, [], options));
  if (r.ok) throw new Error('the broken document was not found');
});
const rows = [
  [`ageBalances, ${N.toLocaleString('en')} documents, checked at its entry`, aging],
  ['refused: the last document has no due date', check],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`Receivables aging, Node ${process.version}, median of runs`);
console.log(`${'case'.padEnd(width)}  ${'ms'.padStart(8)}`);
for (const [name, ms] of rows) console.log(`${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)}`);
