import { describe, expect, it } from 'vitest';
import { upsertMasterData } from './master-data.js';
import { awardRfq, createRfq, recordQuote, runReorder } from './planning.js';
import { createPurchaseOrders } from './purchasing.js';
import { purchasingDesk, rfqView } from './purchasing-desk.js';
import { approveSalesOrder, placeSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

describe('purchasingDesk', () => {
  it('groups open requisitions by the supplier they would go to, those without one last, with the order they came from', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      products: [
        { sku: 'TEA-002', preferredSupplier: null },
        { sku: 'TEA-001', reorderPoint: 8_000, reorderQty: 6_000 },
      ],
    } as never);
    const { number: order } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [
        { sku: 'TEA-001', qty: 7_000 },
        { sku: 'TEA-002', qty: 3_000 },
      ],
    });
    const { requisitions } = approveSalesOrder(book, order);
    expect(requisitions).toHaveLength(2);
    runReorder(book, { today: '2026-03-02' });
    const desk = purchasingDesk(book);
    expect(desk.groups.map((g) => [g.supplier?.code ?? null, g.requisitions.map((r) => r.sku)])).toEqual([
      ['S1', ['TEA-001', 'TEA-001']],
      [null, ['TEA-002']],
    ]);
    expect(desk.groups[0]?.requisitions[0]).toMatchObject({
      number: requisitions[0],
      warehouse: 'WH1',
      qty: 2_000,
      salesOrder: order,
      raised: book.today(),
    });
    expect(desk.groups[0]?.requisitions[1]).toMatchObject({ salesOrder: null });
    expect(desk.groups[1]?.requisitions[0]).toMatchObject({ qty: 3_000, salesOrder: order });
    // Ordered, they leave the desk; the one without a supplier stays.
    expect(createPurchaseOrders(book, { date: '2026-03-03' }).unassigned).toHaveLength(1);
    expect(purchasingDesk(book).groups.map((g) => g.supplier)).toEqual([null]);
  });

  it('lists open RFQs with their quotes, and awarded ones with the purchase order they became', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { suppliers: [{ code: 'S2', name: '安溪茶厂', grade: 'C' }] });
    const { rfq: first } = createRfq(book, { sku: 'TEA-002', warehouse: 'WH1', qty: 20_000, date: '2026-03-02' });
    const { rfq: second } = createRfq(book, { sku: 'TEA-001', warehouse: 'WH1', qty: 6_000, date: '2026-03-02' });
    recordQuote(book, first, { supplier: 'S1', price: 7_800, leadTimeDays: 5 });
    recordQuote(book, first, { supplier: 'S2', price: 7_200, leadTimeDays: 20 });
    expect(purchasingDesk(book).openRfqs).toEqual([
      expect.objectContaining({ number: first, quotes: 2, bestPrice: 7_200, leader: 'S1', po: null }),
      expect.objectContaining({ number: second, sku: 'TEA-001', quotes: 0, bestPrice: null, leader: null }),
    ]);
    const { po } = awardRfq(book, first, { date: '2026-03-03' });
    const desk = purchasingDesk(book);
    expect(desk.openRfqs.map((r) => r.number)).toEqual([second]);
    expect(desk.awardedRfqs).toEqual([expect.objectContaining({ number: first, po, supplier: 'S1' })]);
  });

  it('is refused to a salesperson', async () => {
    const book = await smallCompany(tempDir());
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => purchasingDesk(book)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
  });
});

describe('rfqView', () => {
  it('ranks the quotes exactly as award does, says why the winner wins, and shows the order it became', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { suppliers: [{ code: 'S2', name: '安溪茶厂', grade: 'C' }] });
    const { rfq } = createRfq(book, { sku: 'TEA-002', warehouse: 'WH1', qty: 20_000, date: '2026-03-02' });
    expect(rfqView(book, rfq)).toMatchObject({ status: 'open', quotes: [], po: null, sku: 'TEA-002', qty: 20_000 });
    recordQuote(book, rfq, { supplier: 'S2', price: 7_200, leadTimeDays: 20 });
    recordQuote(book, rfq, { supplier: 'S1', price: 7_800, leadTimeDays: 5 });
    const view = rfqView(book, rfq);
    expect(view.weights).toEqual({ price: 0.6, lead: 0.25, grade: 0.15 });
    expect(view.suppliers.map((s) => s.code)).toEqual(['S1', 'S2']);
    expect(view.quotes).toEqual([
      expect.objectContaining({
        rank: 1,
        supplier: 'S1',
        score: 0.954,
        price: 7_800,
        lineValue: 156_000,
        wins: true,
        best: { price: false, lead: true, grade: true },
      }),
      expect.objectContaining({
        rank: 2,
        supplier: 'S2',
        score: 0.753,
        price: 7_200,
        lineValue: 144_000,
        wins: false,
        best: { price: true, lead: false, grade: false },
      }),
    ]);
    const award = awardRfq(book, rfq, { date: '2026-03-03' });
    expect(award.ranking.map((r) => r.supplier)).toEqual(view.quotes.map((q) => q.supplier));
    expect(rfqView(book, rfq)).toMatchObject({
      status: 'awarded',
      po: { number: award.po, supplier: 'S1' },
      quotes: [
        { supplier: 'S1', wins: true },
        { supplier: 'S2', wins: false },
      ],
    });
  });

  it('names an RFQ that is not there, hides quoted prices from who does not see them, and refuses a salesperson', async () => {
    const book = await smallCompany(tempDir());
    expect(() => rfqView(book, 'RFQ-X')).toThrow(expect.objectContaining({ code: 'rfq.not_found' }));
    const { rfq } = createRfq(book, { sku: 'TEA-002', warehouse: 'WH1', qty: 1_000, date: '2026-03-02' });
    recordQuote(book, rfq, { supplier: 'S1', price: 7_800, leadTimeDays: 5 });
    await addUser(book, { name: 'store', roles: ['warehouse'] }, 'store-secret-123');
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    book.actAs(actorOf(book, 'store'));
    expect(rfqView(book, rfq).quotes).toEqual([expect.objectContaining({ price: null, lineValue: null })]);
    expect(purchasingDesk(book).openRfqs[0]).toMatchObject({ bestPrice: null, quotes: 1 });
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => rfqView(book, rfq)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
  });
});
