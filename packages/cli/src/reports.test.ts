import { join } from 'node:path';
import {
  Analytics,
  arAging,
  marginBy,
  profitByPeriod,
  queryArAging,
  queryTopN,
  salesTrend,
  stockAgeReport,
  stockValue,
  topN,
  trialBalanceReport,
} from '@tradeloop/analytics';
import { agePayables, ageReceivables, parsePeriod, profit, splitPeriod, trialBalance } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  listJournal,
  listRows,
  payablesForAging,
  placeSalesOrder,
  receivablesForAging,
  shipSalesOrder,
} from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import { importProductFile } from './commands/import-products.js';
import { DEMO_CATALOG } from './commands/init.js';
import { buildDemoCompany } from './demo/demo-company.js';
import { useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('reports on the demo company agree with core', () => {
  it('ages receivables and reports profit exactly as core computes them from the book', async () => {
    const book = await Book.create(join(tempDir(), 'demo.db'));
    await importProductFile(book, DEMO_CATALOG);
    await buildDemoCompany(book, { scale: 0.5 });
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
    shipSalesOrder(book, number, { date: '2026-11-21' });
    invoiceSalesOrder(book, number, { date: '2026-11-21' });
    const incremental = await arAging(book, { asOf: '2026-11-21' });
    const incrementalTop = await topN(book, year, 'sku', 10);
    const fresh = await Analytics.open(':memory:');
    await fresh.sync(book);
    await fresh.syncLedgers(book);
    expect(incremental).toEqual(await queryArAging(fresh, { asOf: '2026-11-21' }));
    expect(incrementalTop).toEqual(await queryTopN(fresh, year, 'sku', 10));
    expect(incremental.total.outstanding).toBeGreaterThan(0);
    fresh.close();
    book.close();
  }, 120_000);
});
