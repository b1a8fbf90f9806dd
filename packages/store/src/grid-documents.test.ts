import { GRID_KINDS, type GridKind, READ_ONLY_GRID_KINDS, TradeloopError } from '@tradeloop/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { addGridRows, applyGridEdits, deleteGridRows, EDITABLE_GRID_KINDS, gridPage } from './grid.js';
import { gridTable } from './grid-export.js';
import { upsertMasterData } from './master-data.js';
import { createPurchaseOrders, paySupplier, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/**
 * The small company after a few days of trade: lin's customer C001 orders twice (one order
 * shipped and invoiced), chen's customer C003 once, beyond the stock on hand, so a requisition
 * becomes a purchase order, received, invoiced by the supplier and paid.
 */
async function tradedCompany() {
  const book = await smallCompany(tempDir());
  upsertMasterData(book, {
    salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
    customers: [
      { code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
    ],
  } as never);
  await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
  const order = (customer: string, date: string, qty: number) => {
    const { number } = placeSalesOrder(book, {
      customer,
      warehouse: 'WH1',
      date,
      lines: [{ sku: 'TEA-001', qty }],
    });
    approveSalesOrder(book, number);
    return number;
  };
  const first = order('C001', '2026-03-02', 2_000);
  shipSalesOrder(book, first, { date: '2026-03-03', carrier: '顺丰', trackingNumber: 'SF1' });
  invoiceSalesOrder(book, first, { date: '2026-03-04' });
  order('C003', '2026-03-05', 6_000);
  order('C001', '2026-03-06', 1_000);
  const [po] = createPurchaseOrders(book, { date: '2026-03-06' }).orders;
  receivePurchaseOrder(book, po as string, { date: '2026-03-08' });
  recordSupplierInvoice(book, { po: po as string, date: '2026-03-09' });
  paySupplier(book, { supplier: 'S1', date: '2026-03-20', amount: 10_000 });
  return book;
}

let book: Book;
beforeAll(async () => {
  book = await tradedCompany();
});

const keys = (kind: GridKind, query: Parameters<typeof gridPage>[2] = {}) =>
  gridPage(book, kind, query).rows.map((r) => r.key);

/** What a call refused with: its code. */
function refusedWith(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(TradeloopError);
    return (e as TradeloopError).code;
  }
  throw new Error('expected a refusal');
}

describe('document lists in the grid', () => {
  it('lists orders newest first with their customer, open amount and a link to each', () => {
    const page = gridPage(book, 'orders');
    expect(page.rows.map((r) => r.values.order_date)).toEqual(['2026-03-06', '2026-03-05', '2026-03-02']);
    const shipped = page.rows.at(-1);
    expect(shipped?.values).toMatchObject({ customer: 'C001', customer_name: '华东贸易有限公司', salesperson: 'lin' });
    expect(shipped?.values.open_minor).toBe(Number(shipped?.values.gross_minor) - Number(shipped?.values.paid_minor));
    expect(shipped?.version).toBe(0);
    const number = page.columns.find((c) => c.name === 'number');
    expect(number).toMatchObject({ key: true, editable: false, href: '/orders/{value}' });
    expect(page.columns.find((c) => c.name === 'customer')?.href).toBe('/customers/{value}');
    expect(page.columns.every((c) => !c.editable && !c.insertable)).toBe(true);
  });

  it('pages, sorts and filters documents in SQL', () => {
    const all = keys('orders', { sort: [{ column: 'number', dir: 'asc' }] });
    expect(all).toHaveLength(3);
    expect(keys('orders', { sort: [{ column: 'number', dir: 'asc' }], offset: 1, limit: 1 })).toEqual([all[1]]);
    expect(keys('orders', { filters: [{ column: 'customer', op: 'eq', value: 'C003' }] })).toHaveLength(1);
    expect(gridPage(book, 'orders', { search: '华东' }).total).toBe(2);
    expect(gridPage(book, 'orders', { filters: [{ column: 'status', op: 'eq', value: 'completed' }] }).total).toBe(1);
    // Money filters read as typed, as on every grid.
    const large = gridPage(book, 'orders', { filters: [{ column: 'net_minor', op: 'gt', value: '500.00' }] });
    expect(large.rows.map((r) => r.values.customer)).toEqual(['C003']);
  });

  it('lists invoices of both sides with what stays open, purchase orders, requisitions and their links', () => {
    const invoices = gridPage(book, 'invoices');
    expect(invoices.rows.map((r) => [r.values.kind, r.values.party])).toEqual([
      ['supplier', 'S1'],
      ['sales', 'C001'],
    ]);
    expect(invoices.rows[1]?.values.open_minor).toBe(invoices.rows[1]?.values.gross_minor);
    expect(invoices.columns.find((c) => c.name === 'number')?.href).toBe('/invoices/{value}');
    const pos = gridPage(book, 'purchase-orders');
    expect(pos.rows[0]?.values).toMatchObject({ supplier: 'S1', warehouse: 'WH1', status: 'closed' });
    expect(pos.columns.find((c) => c.name === 'number')?.href).toBe('/purchase-orders/{value}');
    const reqs = gridPage(book, 'requisitions');
    expect(reqs.rows[0]?.values).toMatchObject({ sku: 'TEA-001', status: 'ordered', purchase_order: pos.rows[0]?.key });
    expect(reqs.rows[0]?.text.qty).toMatch(/^\d+(\.\d+)?$/);
    expect(gridPage(book, 'shipments').rows[0]?.values).toMatchObject({ carrier: '顺丰', tracking_number: 'SF1' });
    expect(gridPage(book, 'receipts').rows[0]?.values.purchase_order).toBe(pos.rows[0]?.key);
    expect(gridPage(book, 'payments').rows[0]?.values).toMatchObject({
      kind: 'supplier',
      party: 'S1',
      amount_minor: 10_000,
    });
  });

  it('lists stock levels with what is available, and the moves ledger newest first', () => {
    const stock = gridPage(book, 'stock').rows[0];
    expect(stock?.key).toBe('TEA-001|WH1');
    expect(stock?.values.available).toBe(Number(stock?.values.on_hand) - Number(stock?.values.reserved));
    const moves = gridPage(book, 'stock-moves');
    const dates = moves.rows.map((r) => String(r.values.date));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(moves.rows.at(-1)?.values).toMatchObject({ kind: 'opening', qty: 5_000 });
    expect(moves.rows.at(-1)?.text.qty).toBe('5');
    expect(gridPage(book, 'stock-moves', { filters: [{ column: 'kind', op: 'eq', value: 'issue' }] }).total).toBe(1);
    // Everything the grid lists downloads as a file, as listed.
    expect(gridTable(book, 'stock-moves').rows).toHaveLength(moves.total);
  });

  it("shows a salesperson only their customers' documents, without cost, and refuses company-wide lists", () => {
    const owner = book.principal;
    book.actAs(actorOf(book, 'lin-u'));
    try {
      expect(gridPage(book, 'orders').rows.map((r) => r.values.customer)).toEqual(['C001', 'C001']);
      expect(gridPage(book, 'invoices').rows.map((r) => r.values.party)).toEqual(['C001']);
      expect(gridPage(book, 'payments').total).toBe(0);
      const stock = gridPage(book, 'stock');
      expect(stock.columns.map((c) => c.name)).not.toContain('value_minor');
      expect(stock.rows[0]?.values).not.toHaveProperty('value_minor');
      expect(gridPage(book, 'stock-moves').columns.map((c) => c.name)).not.toContain('value_minor');
      expect(refusedWith(() => gridPage(book, 'stock', { sort: [{ column: 'value_minor', dir: 'asc' }] }))).toBe(
        'input.invalid',
      );
      for (const kind of ['purchase-orders', 'requisitions', 'shipments', 'receipts'] as const)
        expect(
          refusedWith(() => gridPage(book, kind)),
          kind,
        ).toBe('permission.scope');
    } finally {
      book.actAs(owner);
    }
  });

  it('refuses to change, add or delete rows of a kind it only lists, and changes nothing', () => {
    const before = book.exec.value<number>('select count(*) from audit_log');
    const [number] = keys('orders');
    for (const kind of READ_ONLY_GRID_KINDS) {
      expect(
        refusedWith(() =>
          applyGridEdits(book, kind, [{ key: number as string, column: 'status', value: 'x', version: 0 }]),
        ),
        kind,
      ).toBe('grid.kind.readonly');
      expect(
        refusedWith(() => addGridRows(book, kind, [{ values: { number: 'X' } }])),
        kind,
      ).toBe('grid.kind.readonly');
      expect(
        refusedWith(() => deleteGridRows(book, kind, [{ key: number as string, version: 0 }])),
        kind,
      ).toBe('grid.kind.readonly');
    }
    expect(book.exec.value<number>('select count(*) from audit_log')).toBe(before);
    expect([...EDITABLE_GRID_KINDS, ...READ_ONLY_GRID_KINDS].sort()).toEqual([...GRID_KINDS].sort());
  });
});
