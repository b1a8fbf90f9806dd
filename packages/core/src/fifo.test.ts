import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.js';
import {
  EMPTY_FIFO,
  type FifoState,
  fifoBalance,
  fifoIssue,
  fifoIssuer,
  fifoReceive,
  fifoTransfer,
  returnCost,
} from './fifo.js';
import { repostColumns, repostMoves, type StockMove } from './repost.js';

const receive = (s: FifoState, qty: number, value: number, date: string, source: string, extra = {}, opts = {}) =>
  fifoReceive(s, { qty, value, date, source, ...extra }, opts).state;
function issue(s: FifoState, qty: number, extra = {}, opts = {}) {
  const r = fifoIssue(s, { qty, ...extra }, opts);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
}

describe('FIFO layers', () => {
  it('issues oldest first, in proportion, and empties layers exactly', () => {
    let s = receive(EMPTY_FIFO, 10_000, 6_000, '2026-03-01', 'R1'); // 10 @ 6.00
    s = receive(s, 5_000, 3_250, '2026-03-02', 'R2'); // 5 @ 6.50
    const i1 = issue(s, 12_000); // 10 from R1 = 60.00, 2 from R2 = 13.00
    expect(i1.cost).toBe(7_300);
    expect(i1.consumed.map((c) => [c.source, c.qty, c.value])).toEqual([
      ['R1', 10_000, 6_000],
      ['R2', 2_000, 1_300],
    ]);
    s = receive(i1.state, 4_000, 2_800, '2026-03-04', 'R3'); // 4 @ 7.00
    const i2 = issue(s, 5_000); // 3 left of R2 = 19.50, 2 of R3 = 14.00
    expect(i2.cost).toBe(3_350);
    expect(i2.state.layers).toEqual([{ qty: 2_000, value: 1_400, date: '2026-03-04', source: 'R3' }]);
    // COGS 106.50 + closing 14.00 = receipts 120.50
    expect(i1.cost + i2.cost + fifoBalance(i2.state).value).toBe(6_000 + 3_250 + 2_800);
  });

  it('rounds a partial issue once and leaves no value on zero quantity', () => {
    const s = receive(EMPTY_FIFO, 3_000, 1_000, '2026-03-01', 'R1'); // 3 for 10.00
    const a = issue(s, 1_000);
    expect(a.cost).toBe(333);
    const b = issue(a.state, 1_000);
    expect(b.cost).toBe(334); // 666.67 left for 2: half of 667 = 333.5 → 334
    const c = issue(b.state, 1_000);
    expect(c.cost).toBe(333); // the last unit takes all that is left
    expect(c.state.layers).toEqual([]);
    expect(a.cost + b.cost + c.cost).toBe(1_000);
  });

  it('refuses to go negative, naming product, warehouse, available and requested', () => {
    const s = receive(EMPTY_FIFO, 2_000, 1_400, '2026-03-01', 'R1');
    const r = fifoIssue(s, { qty: 5_000 }, { context: { product: 'TEA-001', warehouse: 'WH1' } });
    expect(r).toEqual({
      ok: false,
      issues: [
        { code: 'stock.negative', path: ['qty'], message: 'TEA-001 in WH1: 2 available, 5 requested', value: 5_000 },
      ],
    });
  });

  it('where allowed, costs a shortfall at the last rate and lets the next receipt settle it', () => {
    const s = receive(EMPTY_FIFO, 2_000, 1_400, '2026-03-01', 'R1'); // 2 @ 7.00
    const out = issue(s, 5_000, {}, { allowNegative: true }); // 2 × 7.00 + 3 short × 7.00
    expect(out.cost).toBe(3_500);
    expect(fifoBalance(out.state)).toEqual({ qty: -3_000, value: -2_100 });
    const back = fifoReceive(out.state, { qty: 4_000, value: 3_200, date: '2026-03-05', source: 'R2' }); // 4 @ 8.00
    expect(back.adjustment).toBe(300); // the 3 short cost 24.00, booked at 21.00
    expect(back.state.deficit).toBeNull();
    expect(back.state.layers).toEqual([{ qty: 1_000, value: 800, date: '2026-03-05', source: 'R2' }]);
  });

  it('issues a named batch, and returns to a supplier at the original receipt rate first', () => {
    let s = receive(EMPTY_FIFO, 5_000, 5_000, '2026-03-01', 'R1', { batch: 'B1', expiry: '2026-09-01' });
    s = receive(s, 5_000, 6_000, '2026-03-02', 'R2', { batch: 'B2', expiry: '2026-12-01' });
    expect(issue(s, 2_000, { batch: 'B2' }).consumed).toEqual([
      { source: 'R2', date: '2026-03-02', batch: 'B2', qty: 2_000, value: 2_400 },
    ]);
    expect(fifoIssue(s, { qty: 6_000, batch: 'B1' }).ok).toBe(false);
    const ret = issue(s, 6_000, { source: 'R2' }); // all of R2, then FIFO from R1
    expect(ret.consumed.map((c) => [c.source, c.qty, c.value])).toEqual([
      ['R2', 5_000, 6_000],
      ['R1', 1_000, 1_000],
    ]);
  });

  it('transfers layers at cost with their dates, older goods first at the destination', () => {
    const main = receive(EMPTY_FIFO, 10_000, 5_000, '2026-01-10', 'R1');
    const branch = receive(EMPTY_FIFO, 1_000, 900, '2026-02-01', 'R9');
    const t = fifoTransfer(main, branch, { qty: 4_000 });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(fifoBalance(t.value.from)).toEqual({ qty: 6_000, value: 3_000 });
    expect(t.value.to.layers.map((l) => [l.source, l.date, l.qty, l.value])).toEqual([
      ['R1', '2026-01-10', 4_000, 2_000],
      ['R9', '2026-02-01', 1_000, 900],
    ]);
  });

  it('merges same-rate receipts on request, takes zero-rate receipts, and prices sales returns at issue cost', () => {
    let s = receive(EMPTY_FIFO, 1_000, 700, '2026-03-01', 'R1', {}, { mergeSameRate: true });
    s = receive(s, 2_000, 1_400, '2026-03-01', 'R2', {}, { mergeSameRate: true });
    expect(s.layers).toEqual([{ qty: 3_000, value: 2_100, date: '2026-03-01', source: 'R1' }]);
    s = receive(s, 1_000, 0, '2026-03-02', 'FREE');
    expect(fifoBalance(s)).toEqual({ qty: 4_000, value: 2_100 });
    expect(returnCost({ qty: 8_000, cost: 48_000 }, 2_000)).toBe(12_000);
    expect(returnCost({ qty: 3_000, cost: 1_000 }, 1_000)).toBe(333);
  });
});

type Op = { kind: 'in'; qty: number; value: number } | { kind: 'out'; qty: number };
const ops = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('in' as const),
      qty: fc.integer({ min: 1, max: 50_000 }),
      value: fc.integer({ min: 0, max: 1e7 }),
    }),
    fc.record({ kind: fc.constant('out' as const), qty: fc.integer({ min: 1, max: 50_000 }) }),
  ),
  { maxLength: 60 },
);

/** Post moves one by one, in order, skipping issues beyond stock unless negative stock is allowed. */
function sequential(moves: readonly Op[], allowNegative: boolean) {
  let s = EMPTY_FIFO;
  const values: number[] = [];
  let adjustments = 0;
  for (const m of moves) {
    if (m.kind === 'in') {
      const r = fifoReceive(s, { qty: m.qty, value: m.value, date: '2026-01-01', source: 'R' }, { allowNegative });
      s = r.state;
      adjustments += r.adjustment;
      values.push(m.value);
    } else {
      const r = fifoIssue(s, { qty: m.qty }, { allowNegative });
      if (!r.ok) {
        values.push(Number.NaN);
        continue;
      }
      s = r.value.state;
      values.push(r.value.cost);
    }
  }
  return { state: s, values, adjustments };
}

describe('a FIFO issuer', () => {
  it('issues what fifoIssue would, one request after another, and refuses what it would', () => {
    // Some receipts carry a batch and an expiry: an issue that splits their layer keeps both.
    const receipts = fc.array(
      fc.record(
        {
          qty: fc.integer({ min: 1, max: 50_000 }),
          value: fc.integer({ min: 0, max: 1e7 }),
          batch: fc.constantFrom('B1', 'B2'),
          expiry: fc.constantFrom('2027-01-01', '2027-06-30'),
        },
        { requiredKeys: ['qty', 'value'] },
      ),
      { maxLength: 20 },
    );
    const requests = fc.array(fc.integer({ min: 1, max: 60_000 }), { maxLength: 40 });
    fc.assert(
      fc.property(receipts, requests, fc.boolean(), (ins, outs, allowNegative) => {
        const start = ins.reduce(
          (s, r) => fifoReceive(s, { ...r, date: '2026-01-01', source: 'R' }).state,
          EMPTY_FIFO as FifoState,
        );
        const issuer = fifoIssuer(start, { allowNegative });
        let state = start;
        for (const qty of outs) {
          const one = fifoIssue(state, { qty }, { allowNegative });
          const many = issuer.issue({ qty });
          expect(many).toEqual(
            one.ok ? { ok: true, value: { cost: one.value.cost, consumed: one.value.consumed } } : one,
          );
          if (one.ok) state = one.value.state;
          expect(issuer.state).toEqual(state);
        }
      }),
    );
    expect(fifoIssuer(EMPTY_FIFO).issue({ qty: -1 })).toMatchObject({ ok: false, issues: [{ code: 'input.invalid' }] });
    expect(() => fifoIssuer({ layers: [], deficit: null, lastRate: null }, { rounding: 'sideways' as never })).toThrow(
      /fifoIssuer/,
    );
  });
});

describe('FIFO invariants', () => {
  it('conserves quantity and value: layers = balance, COGS + closing = receipts', () => {
    fc.assert(
      fc.property(ops, (moves) => {
        const { state, values } = sequential(moves, false);
        const receipts = moves.filter((m) => m.kind === 'in').reduce((s, m) => s + (m as { value: number }).value, 0);
        const cogs = moves.reduce(
          (s, m, i) => (m.kind === 'out' && !Number.isNaN(values[i]) ? s + (values[i] ?? 0) : s),
          0,
        );
        const balance = fifoBalance(state);
        expect(cogs + balance.value).toBe(receipts);
        for (const l of state.layers) {
          expect(l.qty).toBeGreaterThan(0);
          expect(l.value).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('conserves value with negative stock allowed: COGS + closing = receipts + adjustments', () => {
    fc.assert(
      fc.property(ops, (moves) => {
        const { state, values, adjustments } = sequential(moves, true);
        const receipts = moves.filter((m) => m.kind === 'in').reduce((s, m) => s + (m as { value: number }).value, 0);
        const cogs = moves.reduce((s, m, i) => (m.kind === 'out' ? s + (values[i] ?? 0) : s), 0);
        expect(cogs + fifoBalance(state).value + adjustments).toBe(receipts);
        const r = repostMoves(
          moves.map((m, i) => ({ date: '2026-01-01', seq: i, ...m })),
          { allowNegative: true },
        );
        expect(r.values).toEqual(values);
        expect(r.closingValue).toBe(fifoBalance(state).value);
      }),
    );
  });

  it('reposts a shuffled history to the same costs as posting in date order', () => {
    fc.assert(
      fc.property(
        ops,
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 60, maxLength: 60 }),
        fc.nat(),
        (raw, dayOffsets, seed) => {
          // Give the moves dates and keep only issues that stock covers in date order.
          const dated = raw.map((m, i) => ({ ...m, date: addDays('2026-01-01', dayOffsets[i] ?? 0), seq: i }));
          const inOrder = [...dated].sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
          const posted = sequential(inOrder, false);
          const valid = inOrder.filter((_, i) => !Number.isNaN(posted.values[i]));
          const expected = sequential(valid, false).values;
          const shuffled = [...valid].sort((a, b) => ((a.seq * 7919 + seed) % 97) - ((b.seq * 7919 + seed) % 97));
          const r = repostMoves(shuffled.map((m): StockMove => ({ ...m })));
          expect(r.shortage).toBeNull();
          const bySeq = new Map(shuffled.map((m, i) => [m.seq, r.values[i]]));
          expect(valid.map((m) => bySeq.get(m.seq))).toEqual(expected);
        },
      ),
    );
  });

  it('stops at the first issue stock cannot cover, naming it', () => {
    const cols = {
      kind: Uint8Array.of(0, 1, 1),
      qty: Float64Array.of(3_000, 2_000, 2_000),
      value: Float64Array.of(900, 0, 0),
    };
    expect(repostColumns(cols).shortage).toEqual({ index: 2, available: 1_000, requested: 2_000 });
  });
});

describe('FIFO across warehouses', () => {
  type Step =
    | { op: 'receive'; wh: 0 | 1; qty: number; value: number }
    | { op: 'issue'; wh: 0 | 1; qty: number }
    | { op: 'transfer'; wh: 0 | 1; qty: number }
    | { op: 'salesReturn'; wh: 0 | 1; pick: number; share: number }
    | { op: 'purchaseReturn'; wh: 0 | 1; pick: number; qty: number };
  const wh = fc.constantFrom(0 as const, 1 as const);
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      op: fc.constant('receive' as const),
      wh,
      qty: fc.integer({ min: 1, max: 20_000 }),
      value: fc.integer({ min: 0, max: 1e7 }),
    }),
    fc.record({ op: fc.constant('issue' as const), wh, qty: fc.integer({ min: 1, max: 20_000 }) }),
    fc.record({ op: fc.constant('transfer' as const), wh, qty: fc.integer({ min: 1, max: 20_000 }) }),
    fc.record({ op: fc.constant('salesReturn' as const), wh, pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
    fc.record({
      op: fc.constant('purchaseReturn' as const),
      wh,
      pick: fc.nat(),
      qty: fc.integer({ min: 1, max: 20_000 }),
    }),
  );

  it('conserves quantity and value over receipts, issues, transfers and returns', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const state: [FifoState, FifoState] = [EMPTY_FIFO, EMPTY_FIFO];
        let valueIn = 0; // receipts and sales returns
        let valueOut = 0; // cost of issues and purchase returns
        let qtyIn = 0;
        let qtyOut = 0;
        const issues: { qty: number; cost: number; returned: number }[] = [];
        steps.forEach((s, i) => {
          const here = state[s.wh];
          if (s.op === 'receive') {
            state[s.wh] = fifoReceive(here, { qty: s.qty, value: s.value, date: '2026-01-01', source: `R${i}` }).state;
            valueIn += s.value;
            qtyIn += s.qty;
          } else if (s.op === 'issue') {
            const r = fifoIssue(here, { qty: s.qty });
            if (!r.ok) return;
            state[s.wh] = r.value.state;
            valueOut += r.value.cost;
            qtyOut += s.qty;
            issues.push({ qty: s.qty, cost: r.value.cost, returned: 0 });
          } else if (s.op === 'transfer') {
            const other = s.wh === 0 ? 1 : 0;
            const r = fifoTransfer(here, state[other], { qty: s.qty });
            if (!r.ok) return;
            state[s.wh] = r.value.from;
            state[other] = r.value.to;
          } else if (s.op === 'salesReturn') {
            const original = issues[s.pick % Math.max(issues.length, 1)];
            if (!original) return;
            const qty = Math.max(1, Math.floor(((original.qty - original.returned) * s.share) / 100));
            if (original.returned + qty > original.qty) return;
            const value = returnCost({ qty: original.qty - original.returned, cost: original.cost }, qty);
            original.returned += qty;
            original.cost -= value;
            state[s.wh] = fifoReceive(here, { qty, value, date: '2026-01-02', source: `RET${i}` }).state;
            valueIn += value;
            qtyIn += qty;
          } else {
            const sources = here.layers.map((l) => l.source);
            const r = fifoIssue(here, { qty: s.qty, source: sources[s.pick % Math.max(sources.length, 1)] ?? 'none' });
            if (!r.ok) return;
            state[s.wh] = r.value.state;
            valueOut += r.value.cost;
            qtyOut += s.qty;
          }
        });
        const a = fifoBalance(state[0]);
        const b = fifoBalance(state[1]);
        expect(a.qty + b.qty).toBe(qtyIn - qtyOut);
        expect(a.value + b.value).toBe(valueIn - valueOut);
        for (const s of state) for (const l of s.layers) expect(l.qty > 0 && l.value >= 0).toBe(true);
      }),
    );
  });
});

describe('repost leaves the layers', () => {
  it('names the receipt move behind each remaining layer, in the caller’s order', () => {
    const r = repostMoves([
      { date: '2026-03-05', seq: 3, kind: 'out', qty: 4_000 },
      { date: '2026-03-01', seq: 1, kind: 'in', qty: 3_000, value: 900 },
      { date: '2026-03-02', seq: 2, kind: 'in', qty: 3_000, value: 1_200 },
    ]);
    expect(r.values).toEqual([1_300, 900, 1_200]); // 3 × 3.00 + 1 × 4.00
    expect([...r.remaining.move]).toEqual([2]);
    expect([...r.remaining.qty]).toEqual([2_000]);
    expect([...r.remaining.value]).toEqual([800]);
  });
});
