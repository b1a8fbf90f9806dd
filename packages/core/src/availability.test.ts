import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateReceipt,
  available,
  availableToPromise,
  planReservations,
  projected,
  release,
  reserve,
  type StockPosition,
  shipReserved,
} from './availability.js';
import { demandStats, groupRequisitions, reorderPoint, safetyStock, suggestReorder } from './reorder.js';

const pos: StockPosition = {
  onHand: 10_000,
  reserved: 4_000,
  incoming: [
    { date: '2026-03-10', qty: 5_000 },
    { date: '2026-03-20', qty: 2_000 },
  ],
};

describe('availability', () => {
  it('computes available, available to promise by date, and projected', () => {
    expect(available(pos)).toBe(6_000);
    expect(availableToPromise(pos, '2026-03-09')).toBe(6_000);
    expect(availableToPromise(pos, '2026-03-10')).toBe(11_000);
    expect(projected(pos)).toBe(13_000);
  });

  it('reserves, releases and ships, never beyond what is there', () => {
    const r = reserve(pos, 6_000);
    expect(r).toMatchObject({ ok: true, value: { reserved: 10_000 } });
    expect(reserve(pos, 6_001)).toMatchObject({
      ok: false,
      issues: [{ code: 'stock.reserve_exceeds', message: '6 available, 6.001 asked to reserve' }],
    });
    expect(release(pos, 4_000)).toMatchObject({ ok: true, value: { reserved: 0 } });
    expect(release(pos, 4_001).ok).toBe(false);
    expect(shipReserved(pos, 3_000)).toMatchObject({ ok: true, value: { onHand: 7_000, reserved: 1_000 } });
    expect(shipReserved(pos, 5_000).ok).toBe(false);
  });

  it('never lets reservations exceed on hand, whatever sequence of requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.tuple(fc.constantFrom('reserve', 'release', 'ship'), fc.integer({ min: 1, max: 30_000 }))),
        (onHand, steps) => {
          let p: StockPosition = { onHand, reserved: 0, incoming: [] };
          for (const [op, qty] of steps) {
            const r = op === 'reserve' ? reserve(p, qty) : op === 'release' ? release(p, qty) : shipReserved(p, qty);
            if (r.ok) p = r.value;
            expect(p.reserved).toBeLessThanOrEqual(p.onHand);
            expect(p.reserved).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('reserves for the earliest promise first and turns the rest into shortfalls', () => {
    const r = planReservations(
      [
        { line: 'SO-2/1', sku: 'A', qty: 4_000, promiseDate: '2026-03-12' },
        { line: 'SO-1/1', sku: 'A', qty: 5_000, promiseDate: '2026-03-10' },
        { line: 'SO-1/2', sku: 'B', qty: 1_000, promiseDate: '2026-03-10' },
      ],
      { A: 6_000 },
    );
    expect(r.reservations).toEqual([
      { line: 'SO-1/1', sku: 'A', qty: 5_000 },
      { line: 'SO-2/1', sku: 'A', qty: 1_000 },
    ]);
    expect(r.shortfalls).toEqual([
      { line: 'SO-1/2', sku: 'B', qty: 1_000, promiseDate: '2026-03-10' },
      { line: 'SO-2/1', sku: 'A', qty: 3_000, promiseDate: '2026-03-12' },
    ]);
  });

  it('allocates a receipt to waiting lines by promise date, the rest free', () => {
    expect(
      allocateReceipt(5_000, [
        { line: 'SO-2/1', qty: 2_000, promiseDate: '2026-03-12' },
        { line: 'SO-1/1', qty: 2_000, promiseDate: '2026-03-10' },
      ]),
    ).toEqual({
      allocations: [
        { line: 'SO-1/1', qty: 2_000 },
        { line: 'SO-2/1', qty: 2_000 },
      ],
      free: 1_000,
    });
    expect(allocateReceipt(1_500, [{ line: 'X', qty: 2_000, promiseDate: '2026-03-10' }])).toEqual({
      allocations: [{ line: 'X', qty: 1_500 }],
      free: 0,
    });
  });
});

describe('reorder', () => {
  it('works a reorder suggestion through from demand history', () => {
    const { mean, sd } = demandStats([2_000, 4_000, 3_000, 3_000]); // mean 3, sd 0.8165 a day
    expect(mean).toBe(3_000);
    expect(sd).toBeCloseTo(816.4966, 3);
    const safety = safetyStock({ method: 'service_level', serviceLevel: 0.95 }, sd, 9); // 1.6449 × 816.5 × 3
    expect(safety).toBe(4_030);
    const rop = reorderPoint(mean, 9, safety); // 27 + 4.03
    expect(rop).toBe(31_030);
    // projected 20 ≤ 31.03: max(30, 80 − 20 = 60) = 60, already 5 packs of 12
    expect(
      suggestReorder({
        projected: 20_000,
        reorderPoint: rop,
        reorderQty: 30_000,
        maxLevel: 80_000,
        packSize: 12_000,
        moq: 24_000,
      }),
    ).toBe(60_000);
    // 7 wanted → one pack of 12, but the minimum order is 2 packs
    expect(
      suggestReorder({ projected: 0, reorderPoint: 5_000, reorderQty: 7_000, packSize: 12_000, moq: 24_000 }),
    ).toBe(24_000);
    expect(suggestReorder({ projected: 40_000, reorderPoint: rop, reorderQty: 30_000 })).toBe(0);
    expect(safetyStock({ method: 'fixed', qty: 5_000 }, sd, 9)).toBe(5_000);
    expect(demandStats([])).toEqual({ mean: 0, sd: 0 });
  });

  it('never suggests less when demand grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (projectedQty, demand, more, lead, reorderQty, pack) => {
          const suggestion = (meanDaily: number) =>
            suggestReorder({
              projected: projectedQty,
              reorderPoint: reorderPoint(meanDaily, lead, 1_000),
              reorderQty,
              maxLevel: reorderPoint(meanDaily, lead, 1_000) + reorderQty,
              packSize: pack,
            });
          expect(suggestion(demand + more)).toBeGreaterThanOrEqual(suggestion(demand));
        },
      ),
    );
  });

  it('groups requisition lines into purchase orders by preferred supplier', () => {
    const pos = groupRequisitions(
      [
        { id: 'PR-1', sku: 'A', qty: 5_000 },
        { id: 'PR-2', sku: 'A', qty: 4_000 },
        { id: 'PR-3', sku: 'B', qty: 1_000 },
        { id: 'PR-4', sku: 'C', qty: 1_000 },
      ],
      { A: { supplier: 'S1', packSize: 12_000 }, B: { supplier: 'S1', moq: 5_000 }, C: { supplier: null } },
    );
    expect([...pos]).toEqual([
      {
        supplier: 'S1',
        lines: [
          { sku: 'A', qty: 12_000, requisitions: ['PR-1', 'PR-2'] },
          { sku: 'B', qty: 5_000, requisitions: ['PR-3'] },
        ],
      },
    ]);
    expect(pos.unassigned).toEqual(['PR-4']);
  });
});
