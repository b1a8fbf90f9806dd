import { describe, expect, it } from 'vitest';
import type { Layer } from './fifo.js';
import {
  countDifferences,
  fromBaseQty,
  nearExpiry,
  pickList,
  type StockLot,
  slowMovers,
  stockAge,
  toBaseQty,
} from './stock.js';

describe('units of measure', () => {
  const boxes = [{ uom: 'box', factor: 12_000 }];
  it('converts to and from the base unit, rounding once', () => {
    expect(toBaseQty(2_500, 'box', 'pcs', boxes)).toEqual({ ok: true, value: 30_000 });
    expect(fromBaseQty(30_000, 'box', 'pcs', boxes)).toEqual({ ok: true, value: 2_500 });
    expect(fromBaseQty(1_000, 'box', 'pcs', boxes)).toEqual({ ok: true, value: 83 }); // 1/12 box = 0.0833
    expect(toBaseQty(1_000, 'pcs', 'pcs', boxes)).toEqual({ ok: true, value: 1_000 });
    expect(toBaseQty(1_000, 'crate', 'pcs', boxes)).toMatchObject({ ok: false, issues: [{ code: 'uom.unknown' }] });
  });
});

describe('pickList', () => {
  const lots: StockLot[] = [
    { bin: 'A-01', batch: 'L0301', expiry: '2026-06-30', received: '2026-01-05', qty: 4_000 },
    { bin: 'B-02', batch: 'L0212', expiry: '2026-04-30', received: '2026-02-10', qty: 3_000 },
    { bin: 'C-03', batch: 'L0101', expiry: '2026-02-28', received: '2025-12-01', qty: 5_000 }, // expired by 03-01
  ];
  it('picks first-expiring batches first, skipping expired ones (FEFO)', () => {
    expect(pickList(lots, 5_000, { strategy: 'fefo', today: '2026-03-01' })).toEqual({
      ok: true,
      value: [
        { bin: 'B-02', batch: 'L0212', expiry: '2026-04-30', qty: 3_000 },
        { bin: 'A-01', batch: 'L0301', expiry: '2026-06-30', qty: 2_000 },
      ],
    });
  });

  it('keeps a minimum shelf life when asked', () => {
    const r = pickList(lots, 5_000, { strategy: 'fefo', today: '2026-03-01', minShelfDays: 90 });
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'stock.short', message: '4 can be picked, 5 requested' }] });
  });

  it('picks by receipt date for products without expiry (FIFO)', () => {
    const plain = lots.map(({ batch: _b, expiry: _e, ...l }) => l);
    expect(pickList(plain, 6_000, { strategy: 'fifo', today: '2026-03-01' })).toEqual({
      ok: true,
      value: [
        { bin: 'C-03', qty: 5_000 },
        { bin: 'A-01', qty: 1_000 },
      ],
    });
  });

  it('lists lots near expiry and expired ones, soonest first', () => {
    expect(nearExpiry(lots, '2026-03-01', 60).map((l) => [l.batch, l.daysLeft, l.expired])).toEqual([
      ['L0101', -1, true],
      ['L0212', 60, false],
    ]);
  });
});

describe('countDifferences', () => {
  const frozen = [
    { product: 'A', warehouse: 'W1', bin: 'A-01', qty: 10_000 },
    { product: 'B', warehouse: 'W1', bin: 'A-02', qty: 4_000 },
  ];
  it('compares counted with frozen book quantities, leaving uncounted places alone', () => {
    const lines = countDifferences(frozen, [
      { product: 'A', warehouse: 'W1', bin: 'A-01', qty: 9_000 },
      { product: 'C', warehouse: 'W1', bin: 'A-09', qty: 2_000 },
    ]);
    expect(lines).toEqual([
      { product: 'A', warehouse: 'W1', bin: 'A-01', book: 10_000, counted: 9_000, difference: -1_000 },
      { product: 'B', warehouse: 'W1', bin: 'A-02', book: 4_000, counted: null, difference: 0 },
      { product: 'C', warehouse: 'W1', bin: 'A-09', book: 0, counted: 2_000, difference: 2_000 },
    ]);
  });

  it('treats uncounted places as empty in a full count, and adds up repeated count lines', () => {
    const lines = countDifferences(
      frozen,
      [
        { product: 'A', warehouse: 'W1', bin: 'A-01', qty: 6_000 },
        { product: 'A', warehouse: 'W1', bin: 'A-01', qty: 4_500 },
      ],
      { uncountedAsZero: true },
    );
    expect(lines.map((l) => [l.product, l.counted, l.difference])).toEqual([
      ['A', 10_500, 500],
      ['B', 0, -4_000],
    ]);
  });
});

describe('stock age and slow movers', () => {
  it('puts each layer’s remaining stock in the bucket of its age', () => {
    const layers: Layer[] = [
      { qty: 2_000, value: 1_200, date: '2026-01-01', source: 'R1' }, // 180 days
      { qty: 3_000, value: 2_100, date: '2026-05-01', source: 'R2' }, // 60 days
      { qty: 5_000, value: 4_000, date: '2026-06-20', source: 'R3' }, // 10 days
    ];
    expect(stockAge(layers, '2026-06-30', [30, 90])).toEqual({
      buckets: [
        { label: '0-30', qty: 5_000, value: 4_000 },
        { label: '31-90', qty: 3_000, value: 2_100 },
        { label: '90+', qty: 2_000, value: 1_200 },
      ],
      averageDays: 59, // (180×2 + 60×3 + 10×5) / 10 = 59
    });
  });

  it('lists stock idle for the given days, never-moved first', () => {
    const items = [
      { sku: 'A', onHand: 5_000, lastIssue: '2025-10-01' },
      { sku: 'B', onHand: 5_000, lastIssue: '2026-02-20' },
      { sku: 'C', onHand: 0, lastIssue: '2025-01-01' },
      { sku: 'D', onHand: 1_000 },
    ];
    expect(slowMovers(items, '2026-03-01', 90).map((i) => [i.sku, i.idleDays])).toEqual([
      ['D', null],
      ['A', 151],
    ]);
  });
});
