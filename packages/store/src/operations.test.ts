import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { addFollowUp, claimCustomer, createCustomer, lapseCustomers, releaseCustomer, saveOpportunity } from './crm.js';
import { listJournal } from './journal.js';
import { upsertMasterData } from './master-data.js';
import { enterStockCount, postStockCount, returnSalesOrder, startStockCount, transferStock } from './operations.js';
import { awardRfq, createRfq, recordQuote, runAlerts, runReorder } from './planning.js';
import { rfqView } from './purchasing-desk.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { postOpeningStock } from './stock.js';
import { stockBalance } from './stock-ledger.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('stock operations', () => {
  it('transfers stock at cost between warehouses, never what is reserved', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { warehouses: [{ code: 'WH2', name: '分仓 Branch', type: 'branch' }] });
    expect(
      transferStock(book, { from: 'WH1', to: 'WH2', date: '2026-03-05', lines: [{ sku: 'TEA-001', qty: 2_000 }] }),
    ).toEqual({
      transfer: 'TR-2026-000001',
      value: 22_400,
    });
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 3_000, value: 33_600 });
    expect(stockBalance(book, 1, 2)).toMatchObject({ onHand: 2_000, value: 22_400 });
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-06',
      lines: [{ sku: 'TEA-001', qty: 3_000 }],
    });
    approveSalesOrder(book, number, 'lin');
    expect(() =>
      transferStock(book, { from: 'WH1', to: 'WH2', date: '2026-03-07', lines: [{ sku: 'TEA-001', qty: 1_000 }] }),
    ).toThrow(/0 of TEA-001 is free in WH1/);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('re-values a count loss and a transfer when stock is entered back-dated, and the journal follows', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { warehouses: [{ code: 'WH2', name: '分仓 Branch', type: 'branch' }] });
    // TEA-001: 5 boxes at 112.00 in WH1 since 2026-03-01. Two move to WH2, one is lost at the count.
    transferStock(book, { from: 'WH1', to: 'WH2', date: '2026-03-05', lines: [{ sku: 'TEA-001', qty: 2_000 }] });
    const { count } = startStockCount(book, { warehouse: 'WH1', date: '2026-03-31' });
    enterStockCount(book, count, [{ sku: 'TEA-001', qty: 2_000 }]);
    postStockCount(book, count, { date: '2026-03-31' });
    const writtenOff = () =>
      listJournal(book)
        .filter((e) => e.source.document === count)
        .flatMap((e) => e.lines)
        .filter((l) => l.account === '6602.09')
        .reduce((t, l) => t + l.debit - l.credit, 0);
    expect(writtenOff()).toBe(11_200);
    // Ten boxes at 100.00 found to have been there since January: FIFO issues those first.
    postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 100_000, date: '2026-01-01' }], {
      existing: 'add',
    });
    expect(check(book)).toEqual([]);
    expect(writtenOff()).toBe(10_000);
    expect(stockBalance(book, 1, 2)).toMatchObject({ onHand: 2_000, value: 20_000 });
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 12_000, value: 100_000 - 30_000 + 56_000 });
    book.close();
  });

  it('counts stock against frozen quantities and books gains and losses at cost', async () => {
    const book = await smallCompany(tempDir());
    postOpeningStock(book, [{ sku: 'TEA-002', warehouse: 'WH1', qty: 10_000, value: 76_500, date: '2026-03-01' }]);
    const { count } = startStockCount(book, { warehouse: 'WH1', date: '2026-03-31' });
    expect(count).toBe('CNT-2026-000001');
    // 4 boxes of TEA-001 found (1 lost at 112.00), 11 of TEA-002 (1 gained at 7.65 a box)
    enterStockCount(book, count, [
      { sku: 'TEA-001', qty: 4_000 },
      { sku: 'TEA-002', qty: 11_000 },
    ]);
    const posted = postStockCount(book, count, { date: '2026-03-31' });
    expect(posted).toMatchObject({ gains: 7_650, losses: 11_200 });
    expect(posted.lines.map((l) => [l.sku, l.difference, l.value])).toEqual([
      ['TEA-001', -1_000, -11_200],
      ['TEA-002', 1_000, 7_650],
    ]);
    const entry = listJournal(book).find((e) => e.source.document === count);
    expect(entry?.lines.map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['1405', -3_550],
      ['6602.09', 3_550],
    ]);
    expect(() => postStockCount(book, count, { date: '2026-03-31' })).toThrow(/already posted/);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('takes a return back at the original cost with a credit note', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 3_000 }],
    });
    approveSalesOrder(book, number, 'lin');
    shipSalesOrder(book, number, { date: '2026-03-03' });
    expect(() => returnSalesOrder(book, number, { date: '2026-03-04', lines: [{ lineNo: 1, qty: 1_000 }] })).toThrow(
      /invoice a shipment before/,
    );
    invoiceSalesOrder(book, number, { date: '2026-03-03' });
    // 1 box back: cost 112.00, credit 188.00 + 24.44 VAT
    expect(returnSalesOrder(book, number, { date: '2026-03-10', lines: [{ lineNo: 1, qty: 1_000 }] })).toEqual({
      return: 'RT-2026-000001',
      creditNote: 'CN-2026-000001',
      cost: 11_200,
      credit: 21_244,
    });
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 3_000, value: 33_600 });
    expect(book.exec.value("select gross_minor from invoices where number = 'CN-2026-000001'")).toBe(-21_244);
    expect(check(book)).toEqual([]);
    book.close();
  });
});

describe('customers and opportunities', () => {
  it('refuses a likely duplicate customer, naming the existing one, unless forced', async () => {
    const book = await smallCompany(tempDir());
    expect(() => createCustomer(book, { code: 'C010', name: '华东贸易' })).toThrow(
      /looks like C001 华东贸易有限公司 \(same name\)/,
    );
    expect(createCustomer(book, { code: 'C010', name: '华东贸易', phone: '0571-8888' }, { force: true })).toEqual({
      code: 'C010',
    });
    expect(() => createCustomer(book, { code: 'C011', name: 'Other Co', phone: '0571 8888' })).toThrow(
      /looks like C010 华东贸易 \(same phone\)/,
    );
    expect(createCustomer(book, { code: 'C012', name: 'Third Ltd', phone: '888' })).toEqual({ code: 'C012' }); // too short to compare
    expect(() => createCustomer(book, { code: 'C001', name: 'x' })).toThrow(/already exists/);
    book.close();
  });

  it('claims from the pool, releases, and lapses idle customers back', async () => {
    const book = await smallCompany(tempDir());
    createCustomer(book, { code: 'C020', name: '西部商贸' });
    expect(() => claimCustomer(book, 'C001', 'wang', '2026-01-01')).toThrow(/owned by lin/);
    claimCustomer(book, 'C020', 'wang', '2026-01-01');
    addFollowUp(book, {
      customer: 'C020',
      salesperson: 'wang',
      date: '2026-01-20',
      note: '报价',
      nextDate: '2026-02-01',
    });
    expect(runAlerts(book, { today: '2026-02-02' }).filter((a) => a.kind === 'follow_up_due')).toEqual([
      { kind: 'follow_up_due', subject: 'C020', message: 'follow up with C020, due 2026-02-01' },
    ]);
    expect(lapseCustomers(book, '2026-04-10')).toEqual({ lapsed: [] }); // 80 days since the follow-up
    expect(lapseCustomers(book, '2026-04-25').lapsed).toContain('C020'); // 95 days
    expect(book.exec.value("select owner_id from customers where code = 'C020'")).toBeNull();
    releaseCustomer(book, 'C001');
    expect(book.exec.value("select owner_id from customers where code = 'C001'")).toBeNull();
    const { number } = saveOpportunity(book, {
      customer: 'C001',
      name: '年货礼盒',
      stage: 'proposal',
      amount: 5_000_000,
      probability: 4000,
      date: '2026-03-01',
    });
    saveOpportunity(book, {
      number,
      customer: 'C001',
      name: '年货礼盒',
      stage: 'won',
      amount: 5_200_000,
      probability: 4000,
      date: '2026-03-10',
    });
    expect(book.exec.selectOne('select stage, amount_minor, probability_bp from opportunities')).toEqual({
      stage: 'won',
      amount_minor: 5_200_000,
      probability_bp: 10_000,
    });
    book.close();
  });
});

describe('planning', () => {
  it('suggests reorders from demand and turns them into requisitions', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      products: [
        {
          sku: 'TEA-001',
          preferredSupplier: 'S1',
          packSize: 6_000,
          reorderQty: 12_000,
          safetyStock: 2_000,
          leadTimeDays: 5,
        },
      ],
    });
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 4_000 }],
    });
    approveSalesOrder(book, number, 'lin');
    shipSalesOrder(book, number, { date: '2026-03-02' });
    // 4 issued in the last 90 days: ~0.044 a day × 5 days + 2 safety → point 2.223; projected 1 → order 12
    const run = runReorder(book, { today: '2026-03-31' });
    expect(run).toEqual([
      {
        sku: 'TEA-001',
        warehouse: 'WH1',
        projected: 1_000,
        reorderPoint: 2_223,
        qty: 12_000,
        requisition: 'PR-2026-000001',
      },
    ]);
    // The requisition counts as on order: a second run suggests nothing.
    expect(runReorder(book, { today: '2026-03-31' })[0]?.qty).toBe(0);
    const alerts = runAlerts(book, { today: '2026-03-31' });
    expect(alerts.map((a) => a.kind)).toContain('below_reorder_point');
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('alerts below a reorder point set by hand, and below safety stock where none is set', async () => {
    const book = await smallCompany(tempDir());
    // TEA-001 has 5 free in WH1.
    upsertMasterData(book, { products: [{ sku: 'TEA-001', reorderPoint: 6_000 }] } as never);
    expect(runAlerts(book, { today: '2026-03-02' }).filter((a) => a.kind === 'below_reorder_point')).toEqual([
      { kind: 'below_reorder_point', subject: 'TEA-001@WH1', message: 'TEA-001 in WH1: 5 free, reorder point 6' },
    ]);
    upsertMasterData(book, { products: [{ sku: 'TEA-001', reorderPoint: 4_000 }] } as never);
    expect(runAlerts(book, { today: '2026-03-03' }).filter((a) => a.kind === 'below_reorder_point')).toEqual([]);
    book.close();
  });

  it('awards an RFQ to the best quote and orders from it', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { suppliers: [{ code: 'S2', name: '安溪茶厂', grade: 'C' }] });
    const { rfq } = createRfq(book, { sku: 'TEA-002', warehouse: 'WH1', qty: 20_000, date: '2026-03-02' });
    recordQuote(book, rfq, { supplier: 'S1', price: 7_800, leadTimeDays: 5 });
    recordQuote(book, rfq, { supplier: 'S2', price: 7_200, leadTimeDays: 20 });
    const award = awardRfq(book, rfq, { date: '2026-03-03' });
    // S1: 0.6 × 7200/7800 + 0.25 + 0.15 = 0.954; S2: 0.6 + 0.25 × 5/20 + 0.15 × 0.6 = 0.753
    expect(award).toMatchObject({ po: 'PO-2026-000001', supplier: 'S1', value: 156_000 });
    expect(award.ranking.map((r) => [r.supplier, r.score])).toEqual([
      ['S1', 0.954],
      ['S2', 0.753],
    ]);
    expect(() => recordQuote(book, rfq, { supplier: 'S2', price: 1, leadTimeDays: 1 })).toThrow(/is awarded/);
    book.close();
  });

  it('quotes a requisition: it waits for the award instead of being ordered twice, and the award orders it', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { suppliers: [{ code: 'S2', name: '安溪茶厂', grade: 'C' }] });
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 8_000 }],
    });
    const [requisition] = approveSalesOrder(book, number).requisitions as [string];
    const { rfq } = createRfq(book, { requisition, date: '2026-03-02' });
    expect(rfqView(book, rfq)).toMatchObject({
      sku: 'TEA-001',
      qty: 3_000,
      requisition: { number: requisition, salesOrder: number },
    });
    expect(() => createRfq(book, { requisition, date: '2026-03-02' })).toThrow(`already being quoted on ${rfq}`);
    const { createPurchaseOrders, rejectPurchaseOrder } = await import('./purchasing.js');
    // TEA-001's preferred supplier would get it, but it is being quoted.
    expect(createPurchaseOrders(book, { date: '2026-03-02' })).toEqual({ orders: [], unassigned: [] });
    recordQuote(book, rfq, { supplier: 'S2', price: 9_000, leadTimeDays: 3 });
    const { po } = awardRfq(book, rfq, { date: '2026-03-03' });
    const ordered = () =>
      book.exec.selectOne(
        `select r.status, po.number as po from requisitions r
          left join purchase_order_lines l on l.id = r.po_line_id left join purchase_orders po on po.id = l.po_id
          where r.number = ?`,
        requisition,
      );
    expect(ordered()).toEqual({ status: 'ordered', po });
    expect(createPurchaseOrders(book, { date: '2026-03-03' })).toEqual({ orders: [], unassigned: [] });
    expect(() => createRfq(book, { requisition, date: '2026-03-03' })).toThrow(/is ordered, not open/);
    expect(check(book)).toEqual([]);

    // Awarded at a price over the approval threshold and rejected: the requisition is open again.
    const more = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-04',
      lines: [{ sku: 'TEA-001', qty: 2_000 }],
    }).number;
    const [short] = approveSalesOrder(book, more).requisitions as [string];
    const second = createRfq(book, { requisition: short, date: '2026-03-04' }).rfq;
    recordQuote(book, second, { supplier: 'S2', price: 9_000_000, leadTimeDays: 3 });
    const dear = awardRfq(book, second, { date: '2026-03-04' }).po;
    expect(book.exec.value('select status from purchase_orders where number = ?', dear)).toBe('pending_approval');
    expect(rejectPurchaseOrder(book, dear, '价格高').requisitions).toEqual([short]);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('raises and resolves alerts: overdue invoices, late POs, slow movers', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      promiseDate: '2026-03-05',
      lines: [{ sku: 'TEA-001', qty: 7_000 }],
    });
    approveSalesOrder(book, number, 'lin');
    const { createPurchaseOrders } = await import('./purchasing.js');
    createPurchaseOrders(book, { date: '2026-03-03' }); // expected 03-08, after the 03-05 promise
    const kinds = runAlerts(book, { today: '2026-06-30' }).map((a) => a.kind);
    expect(kinds).toContain('po_late');
    expect(kinds).toContain('slow_mover');
    expect(book.exec.value('select count(*) from alerts where resolved is null')).toBe(kinds.length);
    expect(check(book)).toEqual([]);
    book.close();
  });
});
