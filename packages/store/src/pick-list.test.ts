import { describe, expect, it } from 'vitest';
import { upsertMasterData } from './master-data.js';
import { pickListFor } from './pick-list.js';
import { approveSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { postOpeningStock } from './stock.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/** Three batches of 铁观音 in WH1: the oldest already expired, the newest expiring first. */
async function teaInBatches(qty = 3_000) {
  const book = await smallCompany(tempDir());
  postOpeningStock(book, [
    {
      sku: 'TEA-002',
      warehouse: 'WH1',
      qty: 1_000,
      value: 7_650,
      date: '2026-01-05',
      batch: 'B0',
      expiry: '2026-02-20',
    },
    {
      sku: 'TEA-002',
      warehouse: 'WH1',
      qty: 2_000,
      value: 15_300,
      date: '2026-01-10',
      batch: 'B1',
      expiry: '2026-09-30',
    },
    {
      sku: 'TEA-002',
      warehouse: 'WH1',
      qty: 2_000,
      value: 15_300,
      date: '2026-02-10',
      batch: 'B2',
      expiry: '2026-04-30',
    },
  ]);
  const order = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-01',
    lines: [
      { sku: 'TEA-002', qty },
      { sku: 'TEA-001', qty: 1_000 },
    ],
  }).number;
  return { book, order };
}

describe('pickListFor', () => {
  it('lists nothing to pick before the order reserves stock, then the reserved lines oldest receipt first', async () => {
    const { book, order } = await teaInBatches();
    expect(pickListFor(book, order)).toMatchObject({
      warehouse: { code: 'WH1' },
      customer: { code: 'C001' },
      lines: [],
    });
    approveSalesOrder(book, order);
    const list = pickListFor(book, order);
    expect(list.lines).toEqual([
      {
        lineNo: 1,
        sku: 'TEA-002',
        name: '铁观音',
        uom: expect.any(String),
        qty: 3_000,
        strategy: 'fifo',
        picks: [
          { bin: 'WH1', batch: 'B0', expiry: '2026-02-20', qty: 1_000 },
          { bin: 'WH1', batch: 'B1', expiry: '2026-09-30', qty: 2_000 },
        ],
        issue: null,
      },
      expect.objectContaining({ lineNo: 2, sku: 'TEA-001', strategy: 'fifo', picks: [{ bin: 'WH1', qty: 1_000 }] }),
    ]);
    // What is shipped is picked: the list is gone.
    shipSalesOrder(book, order, { date: '2026-03-01' });
    expect(pickListFor(book, order).lines).toEqual([]);
  });

  it('picks an expiry-tracked product first expiry first, leaving expired stock, and says when it falls short', async () => {
    const { book, order } = await teaInBatches();
    upsertMasterData(book, { products: [{ sku: 'TEA-002', expiryTracked: true }] } as never);
    approveSalesOrder(book, order);
    expect(pickListFor(book, order).lines[0]).toMatchObject({
      strategy: 'fefo',
      picks: [
        { bin: 'WH1', batch: 'B2', expiry: '2026-04-30', qty: 2_000 },
        { bin: 'WH1', batch: 'B1', expiry: '2026-09-30', qty: 1_000 },
      ],
      issue: null,
    });
    // All five reserved, but one has expired: FEFO finds four, and says so.
    const short = await teaInBatches(5_000);
    upsertMasterData(short.book, { products: [{ sku: 'TEA-002', expiryTracked: true }] } as never);
    approveSalesOrder(short.book, short.order);
    expect(pickListFor(short.book, short.order).lines[0]).toMatchObject({
      qty: 5_000,
      picks: [],
      issue: { code: 'stock.short', message: '4 can be picked, 5 requested' },
    });
  });

  it('shows a salesperson only the orders of their own customers, and refuses an order that is not there', async () => {
    const { book, order } = await teaInBatches();
    upsertMasterData(book, {
      salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
    } as never);
    await addUser(book, { name: 'chen-u', roles: ['salesperson'], salesperson: 'chen' }, 'chen-secret-123');
    expect(() => pickListFor(book, 'SO-2026-999999')).toThrow(expect.objectContaining({ code: 'order.not_found' }));
    book.actAs(actorOf(book, 'chen-u'));
    expect(() => pickListFor(book, order)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
  });
});
