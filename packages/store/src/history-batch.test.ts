import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyBatcher, readHistoryBatch } from './history-batch.js';
import type { PlannedOrder } from './history-plan.js';

const id = fc.integer({ min: 1, max: 2 ** 40 });
const amount = fc.integer({ min: -(2 ** 52), max: 2 ** 52 });
const date = fc.constantFrom('2021-01-04', '2024-02-29', '2026-12-31');
const text = fc.option(fc.string({ maxLength: 12 }), { nil: null });

const plannedOrder: fc.Arbitrary<PlannedOrder> = fc.record({
  row: fc.integer({ min: 2, max: 2_000_000 }),
  id,
  number: fc.string({ minLength: 1, maxLength: 20 }),
  customerId: id,
  salespersonId: fc.option(id, { nil: null }),
  channel: text,
  region: text,
  address: text,
  date,
  due: date,
  paidDate: fc.option(date, { nil: null }),
  warehouseId: id,
  net: amount,
  tax: amount,
  cost: amount,
  shipmentId: id,
  invoiceId: id,
  paymentId: fc.option(id, { nil: null }),
  lines: fc.array(
    fc.record({
      id,
      productId: id,
      qty: amount,
      price: amount,
      listPrice: amount,
      rate: fc.integer({ min: 0, max: 10_000 }),
      net: amount,
      tax: amount,
      cost: amount,
    }),
    { maxLength: 6 },
  ),
});

describe('history batches', () => {
  it('give back each planned order as it was added, exact to the last unit, nulls as nulls', () => {
    fc.assert(
      fc.property(fc.array(plannedOrder, { maxLength: 20 }), (orders) => {
        const batcher = historyBatcher();
        for (const o of orders) batcher.add(o);
        expect(batcher.orders).toBe(orders.length);
        const batch = structuredClone(batcher.take());
        const back: PlannedOrder[] = [];
        readHistoryBatch(batch, (o) => back.push(o));
        expect(back).toEqual(orders);
        expect(batcher.take()).toEqual({ numbers: new Float64Array(0), text: [], orders: 0 });
      }),
    );
  });
});
