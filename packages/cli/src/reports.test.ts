import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  Analytics,
  arAging,
  explore,
  marginBy,
  marginBy as marginByInvoices,
  profitByPeriod,
  queryArAging,
  queryCashFlow,
  queryExplore,
  queryReceiptsVsInvoices,
  queryRfm,
  querySupplierRanking,
  queryTargets,
  queryTopN,
  queryTurnover,
  readOnlySql,
  salesTrend,
  stockAgeReport,
  stockValue,
  topN,
  trialBalanceReport,
  withAnalytics,
} from '@tradeloop/analytics';
import {
  agePayables,
  ageReceivables,
  lineAmount,
  parsePeriod,
  profit,
  splitPeriod,
  trialBalance,
} from '@tradeloop/core';
import {
  approveSalesOrder,
  autoMatchStatement,
  Book,
  importStatementLines,
  invoiceSalesOrder,
  listJournal,
  listRows,
  openSalesInvoices,
  payablesForAging,
  paySupplier,
  placeSalesOrder,
  receivablesForAging,
  receiveStock,
  returnToSupplier,
  shipSalesOrder,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProductFile } from './commands/import-products.js';
import { DEMO_CATALOG } from './commands/init.js';
import { buildDemoCompany } from './demo/demo-company.js';
import { useTempDir } from './test-support.js';

const tempDir = useTempDir();

// Both tests read the same demo company (the second then reposts its own copy): built once.
let built: string | undefined;
beforeAll(async () => {
  built = join(mkdtempSync(join(tmpdir(), 'tradeloop-reports-')), 'demo.db');
  const book = await Book.create(built);
  await importProductFile(book, DEMO_CATALOG);
  await buildDemoCompany(book, { scale: 0.25 });
  book.close();
}, 120_000);
afterAll(() => {
  if (built) rmSync(dirname(built), { recursive: true, force: true });
});

/** A copy of the demo company of its own, open. */
async function demoBook(): Promise<Book> {
  if (!built) throw new Error('the demo company was not built');
  const path = join(tempDir(), 'demo.db');
  copyFileSync(built, path);
  return Book.open(path);
}

describe('reports on the demo company agree with core', () => {
  it('ages receivables and reports profit exactly as core computes them from the book', async () => {
    const book = await demoBook();
    const ar = receivablesForAging(book);
    for (const asOf of ['2025-03-31', '2025-12-31', '2026-06-30', '2026-11-21']) {
      for (const basis of ['due', 'invoice'] as const) {
        const fromCore = ageReceivables(ar.documents, ar.payments, [], { asOf, basis });
        const fromDuck = await arAging(book, { asOf, basis });
        expect(fromDuck.columns).toEqual(fromCore.columns);
        expect(fromDuck.total).toEqual({ ...fromCore.total, key: 'total' });
        expect(fromDuck.rows.map((r) => [r.key, r.buckets, r.outstanding, r.advances])).toEqual(
          fromCore.parties.map((p) => [p.key, p.buckets, p.outstanding, p.advances]),
        );
        const bySalesperson = await arAging(book, { asOf, basis, by: 'salesperson' });
        expect(bySalesperson.rows.map((r) => [r.key, r.outstanding])).toEqual(
          fromCore.salespeople.map((s) => [s.key, s.outstanding]),
        );
      }
    }
    const spec = parsePeriod('monthly from 2024-12 to 2026-12');
    if (!spec.ok) throw new Error('period');
    const journal = listJournal(book);
    const rows = await profitByPeriod(book, spec.value);
    expect(rows.map(({ period: _p, start: _s, end: _e, ...figures }) => figures)).toEqual(
      splitPeriod(spec.value).map((p) => profit(journal, p)),
    );
    expect(rows.reduce((s, r) => s + r.revenue, 0)).toBeGreaterThan(0);

    // Payables mirror receivables; the trial balance equals core's over the journal.
    const ap = payablesForAging(book);
    for (const asOf of ['2025-06-30', '2026-11-21']) {
      const core = agePayables(ap.documents, ap.payments, [], { asOf, basis: 'due' });
      const duck = await arAging(book, { asOf, payables: true });
      expect(duck.total).toEqual({ ...core.total, key: 'total' });
      expect(duck.rows.map((r) => [r.key, r.buckets, r.outstanding, r.advances])).toEqual(
        core.parties.map((p) => [p.key, p.buckets, p.outstanding, p.advances]),
      );
    }
    const tb = await trialBalanceReport(book, { start: '2026-01-01', end: '2027-01-01' });
    expect(tb.map((r) => [r.account, r.debit, r.credit, r.balance])).toEqual(
      trialBalance(journal, { start: '2026-01-01', end: '2027-01-01' }).rows.map((r) => [
        r.account,
        r.debit,
        r.credit,
        r.balance,
      ]),
    );

    // Sales trend and top customers against the book's own invoice list.
    const invoices = listRows(book, 'invoices') as {
      kind: string;
      party: string;
      date: string;
      net_minor: number;
      gross_minor: number;
    }[];
    const sales = invoices.filter((i) => i.kind === 'sales' || i.kind === 'sales_credit');
    const trend = await salesTrend(book, spec.value, 'monthly');
    expect(trend.map((t) => [t.period, t.net, t.gross])).toEqual(
      splitPeriod(spec.value).map((p) => {
        const inP = sales.filter((i) => i.date >= p.start && i.date < p.end);
        return [p.label, inP.reduce((s, i) => s + i.net_minor, 0), inP.reduce((s, i) => s + i.gross_minor, 0)];
      }),
    );
    const year = { start: '2026-01-01', end: '2027-01-01' };
    const byCustomer = new Map<string, number>();
    for (const i of sales.filter((x) => x.date >= year.start && x.date < year.end))
      byCustomer.set(i.party, (byCustomer.get(i.party) ?? 0) + i.net_minor);
    const expectedTop = [...byCustomer.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    expect((await topN(book, year, 'customer', 5)).map((r) => [r.key, r.net])).toEqual(expectedTop);

    // Margin by salesperson against the same invoices.
    const withCost = listRows(book, 'invoices') as {
      kind: string;
      salesperson: string | null;
      date: string;
      net_minor: number;
      cost_minor: number;
    }[];
    const bySp = new Map<string, { net: number; cost: number }>();
    for (const i of withCost.filter(
      (x) => (x.kind === 'sales' || x.kind === 'sales_credit') && x.date >= year.start && x.date < year.end,
    )) {
      const e = bySp.get(i.salesperson ?? '') ?? { net: 0, cost: 0 };
      e.net += i.net_minor;
      e.cost += i.cost_minor;
      bySp.set(i.salesperson ?? '', e);
    }
    const margins = await marginBy(book, year, 'salesperson');
    expect(margins.map((r) => [r.key, r.net, r.cost]).sort()).toEqual(
      [...bySp.entries()].map(([k, v]) => [k, v.net, v.cost]).sort(),
    );

    // Stock value and age against the book's stock list.
    const stock = listRows(book, 'stock') as { warehouse: string; value_minor: number; on_hand_qty: number }[];
    const values = await stockValue(book, 'warehouse');
    for (const v of values) {
      expect(v.value).toBe(stock.filter((s) => s.warehouse === v.key).reduce((t, s) => t + s.value_minor, 0));
      expect(v.onHand).toBe(stock.filter((s) => s.warehouse === v.key).reduce((t, s) => t + s.on_hand_qty, 0));
    }
    const ages = await stockAgeReport(book, '2026-11-21');
    expect(ages.reduce((t, w) => t + w.buckets.reduce((u, b) => u + b.value, 0), 0)).toBe(
      stock.reduce((t, s) => t + s.value_minor, 0),
    );

    // After more trading, the incrementally synced store answers as a full rebuild does.
    const { number } = placeSalesOrder(book, {
      customer: 'C003',
      warehouse: 'WH1',
      date: '2026-11-21',
      lines: [{ sku: 'TEA-002', qty: 2_000 }],
    });
    approveSalesOrder(book, number, 'wang');
    // Synced while the order is open, then shipped and invoiced: the next sync must refresh its lines.
    const whileOpen = await topN(book, year, 'sku', 10);
    shipSalesOrder(book, number, { date: '2026-11-21' });
    invoiceSalesOrder(book, number, { date: '2026-11-21' });
    const incremental = await arAging(book, { asOf: '2026-11-21' });
    const incrementalTop = await topN(book, year, 'sku', 10);
    const fresh = await Analytics.open(':memory:');
    await fresh.sync(book);
    await fresh.syncLedgers(book);
    expect(incremental).toEqual(await queryArAging(fresh, { asOf: '2026-11-21' }));
    expect(incrementalTop).toEqual(await queryTopN(fresh, year, 'sku', 10));
    expect(incrementalTop).not.toEqual(whileOpen);
    expect(incremental.total.outstanding).toBeGreaterThan(0);
    fresh.close();
    book.close();
  }, 120_000);

  it('ages what invoices and payments keep as open after money moved since the copy was made', async () => {
    const book = await demoBook();
    await arAging(book, { asOf: '2026-11-30' });
    // A customer pays half of an open invoice by bank, matched by its number; a supplier is paid.
    const invoice = openSalesInvoices(book).at(-1);
    if (!invoice) throw new Error('the demo has no open invoice');
    importStatementLines(book, 'bank', [
      { date: '2026-11-25', amount: Math.floor(invoice.outstanding / 2), payer: invoice.partyName, memo: invoice.id },
    ]);
    expect(autoMatchStatement(book).matched).toHaveLength(1);
    const owed = (listRows(book, 'invoices') as { kind: string; party: string; open_minor: number }[]).find(
      (i) => i.kind === 'supplier' && i.open_minor > 10_000,
    );
    if (!owed) throw new Error('the demo owes no supplier');
    expect(paySupplier(book, { supplier: owed.party, date: '2026-11-26', amount: 10_000 })).toHaveProperty('payment');
    // Goods sent back to a supplier: the debit note lowers what is owed, on both sides of that day.
    const invoiced = book.exec.selectOne<{ number: string; line_no: number }>(
      `select o.number, l.line_no from purchase_order_lines l join purchase_orders o on o.id = l.po_id
       join stock_balances b on b.product_id = l.product_id and b.warehouse_id = o.warehouse_id
       where l.invoiced_qty >= 1000 and b.on_hand - b.reserved >= 1000 order by o.id desc limit 1`,
    );
    if (!invoiced) throw new Error('the demo has nothing invoiced to send back');
    const { debitNote } = returnToSupplier(book, invoiced.number, {
      date: '2026-11-24',
      lines: [{ lineNo: invoiced.line_no, qty: 1000 }],
    });
    expect(debitNote).toMatch(/^DN-/);
    // As of a day after the new money (what the documents keep) and before it (the allocations summed).
    const ar = receivablesForAging(book);
    const ap = payablesForAging(book);
    for (const asOf of ['2026-11-24', '2026-11-30']) {
      const core = ageReceivables(ar.documents, ar.payments, [], { asOf, basis: 'due' });
      const duck = await arAging(book, { asOf });
      expect(duck.rows.map((r) => [r.key, r.buckets, r.outstanding, r.advances])).toEqual(
        core.parties.map((p) => [p.key, p.buckets, p.outstanding, p.advances]),
      );
      const payables = agePayables(ap.documents, ap.payments, [], { asOf, basis: 'due' });
      const duckPayables = await arAging(book, { asOf, payables: true });
      expect(duckPayables.total).toEqual({ ...payables.total, key: 'total' });
      expect(duckPayables.rows.map((r) => [r.key, r.buckets, r.outstanding])).toEqual(
        payables.parties.map((p) => [p.key, p.buckets, p.outstanding]),
      );
    }
    book.close();
  });

  it('splits, cash, targets, turnover, suppliers and RFM agree with the book, and a repost resyncs in full', async () => {
    const book = await demoBook();
    const year = { start: '2026-01-01', end: '2027-01-01' };
    const spec = { ...year, label: '2026', interval: 'monthly' as const };
    const sum = (rows: readonly Record<string, unknown>[], key: string) =>
      rows.reduce((t, r) => t + Number(r[key] ?? 0), 0);

    // Order lines: shipped net (pro rata, rounded per line) and FIFO cost, by region and in total.
    const lines = book.exec.select<{ net: number; qty: number; shipped: number; cost: number; region: string | null }>(
      `select l.net_minor as net, l.qty, l.shipped_qty as shipped, c.region,
         (select coalesce(sum(cost_minor), 0) from shipment_lines s where s.order_line_id = l.id) as cost
       from sales_order_lines l join sales_orders o on o.id = l.order_id join customers c on c.id = o.customer_id
       where o.status <> 'cancelled' and o.order_date >= ? and o.order_date < ?`,
      year.start,
      year.end,
    );
    const shippedNet = (l: { net: number; qty: number; shipped: number }) => Math.round((l.net * l.shipped) / l.qty);
    const byRegion = await explore(book, {
      cube: 'sales',
      measures: ['shipped', 'cost', 'margin'],
      by: ['region'],
      period: year,
    });
    expect(byRegion.rows.length).toBeGreaterThan(1);
    for (const r of byRegion.rows) {
      const mine = lines.filter((l) => (l.region ?? '') === r.region);
      expect([r.shipped, r.cost]).toEqual([
        mine.reduce((t, l) => t + shippedNet(l), 0),
        mine.reduce((t, l) => t + l.cost, 0),
      ]);
      expect(r.margin).toBe(Number(r.shipped) - Number(r.cost));
    }

    await withAnalytics(book, async (a) => {
      // Receipts against invoices, per month, from the book's lists.
      const invoices = listRows(book, 'invoices') as { kind: string; date: string; gross_minor: number }[];
      const payments = listRows(book, 'payments') as { kind: string; date: string; amount_minor: number }[];
      const rvi = await queryReceiptsVsInvoices(a, spec);
      expect(rvi.rows.map((r) => [r.period, r.invoiced, r.received])).toEqual(
        splitPeriod(spec).map((p) => [
          p.label,
          sum(
            invoices.filter((i) => ['sales', 'sales_credit'].includes(i.kind) && i.date >= p.start && i.date < p.end),
            'gross_minor',
          ),
          sum(
            payments.filter((m) => m.kind === 'customer' && m.date >= p.start && m.date < p.end),
            'amount_minor',
          ),
        ]),
      );

      // Cash flow: each month closes at the bank balance the journal gives, and opens at the last close.
      const journal = listJournal(book);
      const cash = await queryCashFlow(a, spec);
      for (const p of splitPeriod(spec)) {
        const close = cash.rows.find((r) => r.period === p.label && String(r.flow).startsWith('Closing'));
        const tb = trialBalance(journal, { start: '1900-01-01', end: p.end }).rows.filter((r) =>
          ['1001', '1002', '1012'].includes(r.account),
        );
        expect(close?.net).toBe(tb.reduce((t, r) => t + r.balance, 0));
      }

      // Targets: the months' targets and invoiced net per salesperson.
      const targets = await queryTargets(a, year);
      expect(targets.footer?.target).toBe(
        book.exec.value<number>(
          "select sum(amount_minor) from sales_targets where month between '2026-01' and '2026-12'",
        ),
      );
      const margins = await marginByInvoices(book, year, 'salesperson');
      for (const t of targets.rows) expect(t.actual).toBe(margins.find((m) => m.key === t.salesperson)?.net ?? 0);

      // Turnover: closing value is the stock value now; cost of sales is what left at FIFO cost.
      const turnover = await queryTurnover(a, { start: '2026-01-01', end: '2030-01-01' }, 'sku');
      expect(turnover.footer?.closing).toBe(sum(listRows(book, 'stock'), 'value_minor'));
      expect(turnover.footer?.cogs).toBe(
        -(
          book.exec.value<number>(
            "select sum(value_minor) from stock_moves where kind in ('issue', 'return_in') and date >= '2026-01-01'",
          ) ?? 0
        ),
      );

      // Suppliers: spend is the purchase lines' amounts; every rate is a share.
      const po = book.exec.select<{ qty: number; price: number }>(
        `select l.qty, l.price_minor as price from purchase_order_lines l join purchase_orders o on o.id = l.po_id
         where o.status not in ('cancelled', 'draft') and o.order_date >= ? and o.order_date < ?`,
        year.start,
        year.end,
      );
      const ranking = await querySupplierRanking(a, year);
      expect(ranking.footer?.spend).toBe(po.reduce((t, l) => t + lineAmount(l.qty, l.price), 0));
      for (const r of ranking.rows) expect(Number(r.on_time)).toBeLessThanOrEqual(10_000);

      // RFM: every customer invoiced in the year before, once, in one segment.
      const rfm = await queryRfm(a, '2026-11-20');
      const active = book.exec.select<{ code: string }>(
        `select distinct c.code from invoices i join customers c on c.id = i.customer_id
         where i.kind = 'sales' and i.date >= '2025-11-20' and i.date <= '2026-11-20' order by 1`,
      );
      expect(rfm.rows.map((r) => r.customer).sort()).toEqual(active.map((c) => c.code));
      expect(rfm.rows.every((r) => /^[1-5]{3}$/.test(String(r.rfm)) && r.segment !== '')).toBe(true);
    });

    // Raw SQL reads but never writes.
    expect(await readOnlySql(book, 'select count(*) as n from invoices')).toEqual([
      { n: BigInt(book.exec.value<number>('select count(*) from invoices') ?? 0) },
    ]);
    await expect(readOnlySql(book, 'delete from invoices')).rejects.toMatchObject({ code: 'query.sql_refused' });

    // A back-dated receipt re-values shipments and invoice costs in place: the next sync re-reads
    // everything, so the copy answers as a fresh one does.
    const before = await marginByInvoices(book, year, 'customer');
    const move = book.exec.selectOne<{ product_id: number; warehouse_id: number }>(
      "select product_id, warehouse_id from stock_moves where kind = 'issue' and date >= '2026-01-01' order by id limit 1",
    );
    book.command('test.backdatedReceipt', () => {
      receiveStock(book, {
        date: '2025-12-31',
        productId: move?.product_id ?? 0,
        warehouseId: move?.warehouse_id ?? 0,
        qty: 50_000,
        value: 1_000,
        kind: 'receipt',
        document: 'GR-LATE',
      });
      return { value: null };
    });
    const after = await marginByInvoices(book, year, 'customer');
    expect(after).not.toEqual(before);
    const fresh = await Analytics.open(':memory:');
    await fresh.sync(book);
    await fresh.syncLedgers(book);
    const { queryMargin } = await import('@tradeloop/analytics');
    expect(after).toEqual(await queryMargin(fresh, year, 'customer'));
    expect(await explore(book, { cube: 'sales', measures: ['cost'], period: year })).toEqual(
      await queryExplore(fresh, { cube: 'sales', measures: ['cost'], period: year }),
    );
    fresh.close();
    book.close();
  }, 120_000);
});
