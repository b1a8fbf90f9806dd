import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arAging, profitByPeriod, salesTrend, stockValue, topN } from '@tradeloop/analytics';
import { type Actor, parsePeriod } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actingAs } from '$lib/server/access';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
  reportRead: <T>(read: () => Promise<T>) => read(),
}));

const index = (await import('./+page.server')).load;
const aging = (await import('./aging/+page.server')).load;
const agingFile = (await import('./aging/export/+server')).GET;
const report = (await import('./[report]/+page.server')).load;
const reportFile = (await import('./[report]/export/+server')).GET;

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-report-pages-'));
let b: Book;

/** A small book: two customers of two salespeople, invoiced in March and May, one paid in part. */
beforeAll(async () => {
  b = await Book.create(join(dir, 'co.db'));
  b.actAs(OWNER);
  const product = (sku: string, category: string) => ({
    sku,
    name: sku,
    nameEn: null,
    category,
    uom: 'box',
    taxRate: 1300,
    listed: true,
    price: 8800,
    cost: 5000,
  });
  upsertProducts(b, [product('TEA-001', '茶叶'), product('NUT-001', 'Snacks')]);
  upsertMasterData(b, {
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [
      { code: 'C001', name: '林的客户', owner: 'lin', terms: 'credit', creditLimit: 50_000_000 },
      { code: 'C002', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 50_000_000 },
    ],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  postOpeningStock(b, [
    { sku: 'TEA-001', warehouse: 'WH1', qty: 100_000, value: 500_000, date: '2026-01-02' },
    { sku: 'NUT-001', warehouse: 'WH1', qty: 100_000, value: 500_000, date: '2026-01-02' },
  ]);
  const sell = (customer: string, date: string, sku: string, qty: number) => {
    const { number } = placeSalesOrder(b, { customer, warehouse: 'WH1', date, lines: [{ sku, qty }] });
    approveSalesOrder(b, number);
    shipSalesOrder(b, number, { date });
    invoiceSalesOrder(b, number, { date, vatKind: 'normal' });
  };
  sell('C001', '2026-03-02', 'TEA-001', 2_000);
  sell('C001', '2026-05-10', 'NUT-001', 5_000);
  sell('C002', '2026-03-20', 'TEA-001', 3_000);
  b.actAs({ user: 'ui', roles: [] });
  served.book = b;
}, 30_000);
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (path: string, actor: Actor, params: Record<string, string> = {}) =>
  requestEvent({ url: `http://localhost${path}`, actor, params }).event as never;
type View = { columns: { key: string }[]; rows: Record<string, string | number>[]; footer?: Record<string, number> };
type Aging = {
  view: View;
  columns: string[];
  open: string | null;
  documents: { outstanding: number; bucket: number }[];
};
const agingPage = (query: string, actor: Actor = OWNER) =>
  aging(event(`/reports/aging?${query}`, actor)) as Promise<Aging>;
const reportPage = (name: string, query: string, actor: Actor = OWNER) =>
  report(event(`/reports/${name}?${query}`, actor, { report: name })) as Promise<{ view: View; chart: unknown }>;
const reportDownload = (name: string, query: string, actor: Actor = OWNER) =>
  reportFile(event(`/reports/${name}/export?${query}`, actor, { report: name }));
const period = (text: string) => {
  const p = parsePeriod(text, { today: '2026-06-30' });
  if (!p.ok) throw new Error(text);
  return p.value;
};
const bucketKeys = (v: View) => v.columns.map((c) => c.key).filter((k) => k === 'not_due' || k.startsWith('days_'));

describe('the reports index', () => {
  it('opens for whoever reads the book', async () => {
    expect(await index(event('/reports', OWNER))).toEqual({});
    await expect(index(event('/reports', { user: 'x', roles: [] }))).rejects.toMatchObject({ status: 403 });
  });
});

describe('/reports/aging', () => {
  it('shows the figures analytics ages, each row’s buckets summing to its outstanding, and the documents behind a row', async () => {
    const page = await agingPage('asOf=2026-06-30');
    const expected = await actingAs(b, OWNER, () => arAging(b, { asOf: '2026-06-30' }));
    const keys = bucketKeys(page.view);
    expect(page.view.rows.map((r) => [r.customer, keys.map((k) => r[k]), r.outstanding, r.advances])).toEqual(
      expected.rows.map((r) => [r.key, r.buckets, r.outstanding, r.advances]),
    );
    expect(page.view.footer?.outstanding).toBe(expected.total.outstanding);
    for (const r of page.view.rows) expect(keys.reduce((s, k) => s + Number(r[k]), 0)).toBe(r.outstanding);
    expect(page.view.rows.map((r) => r.customer)).toEqual(['C001', 'C002']);
    expect(page.open).toBeNull();

    const opened = await agingPage('asOf=2026-06-30&open=C001');
    const c001 = opened.view.rows.find((r) => r.customer === 'C001');
    expect(opened.open).toBe('C001');
    expect(opened.documents).toHaveLength(2);
    expect(opened.documents.reduce((s, d) => s + d.outstanding, 0)).toBe(c001?.outstanding);
    for (const [i, k] of keys.entries())
      expect(opened.documents.filter((d) => d.bucket === i).reduce((s, d) => s + d.outstanding, 0)).toBe(c001?.[k]);
  }, 30_000);

  it('rolls up by salesperson and ages payables as analytics does; a date before any invoice is empty', async () => {
    const bySeller = await agingPage('asOf=2026-06-30&by=salesperson&open=lin');
    const expected = await actingAs(b, OWNER, () => arAging(b, { asOf: '2026-06-30', by: 'salesperson' }));
    expect(bySeller.view.rows.map((r) => [r.salesperson, r.outstanding])).toEqual(
      expected.rows.map((r) => [r.key, r.outstanding]),
    );
    const lin = bySeller.view.rows.find((r) => r.salesperson === 'lin');
    expect(bySeller.documents.reduce((s, d) => s + d.outstanding, 0)).toBe(lin?.outstanding);
    const ap = await agingPage('side=ap&asOf=2026-06-30');
    const payables = await actingAs(b, OWNER, () => arAging(b, { asOf: '2026-06-30', payables: true }));
    expect(ap.view.rows).toHaveLength(payables.rows.length);
    expect(ap.view.footer?.outstanding).toBe(payables.total.outstanding);
    expect((await agingPage('asOf=2026-01-01')).view.rows).toEqual([]);
  }, 30_000);

  it('limits a salesperson to their customers, refuses them payables (403), and a bad date is 400', async () => {
    const mine = await agingPage('asOf=2026-06-30&open=C002', LIN);
    expect(mine.view.rows.map((r) => r.customer)).toEqual(['C001']);
    expect(mine.open).toBeNull();
    await expect(agingPage('side=ap', LIN)).rejects.toMatchObject({
      status: 403,
      body: { code: 'permission.scope' },
    });
    await expect(agingPage('asOf=2026-02-30')).rejects.toMatchObject({
      status: 400,
      body: { path: ['query', 'asOf'] },
    });
    await expect(agingPage('side=both')).rejects.toMatchObject({ status: 400 });
  }, 30_000);

  it('downloads the table as CSV with a BOM and as XLSX', async () => {
    const csv = await agingFile(event('/reports/aging/export?asOf=2026-06-30&format=csv', OWNER));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'customer,not_due,days_1_30,days_31_60,days_61_90,days_91_120,days_over_120,outstanding,advances,net',
    );
    expect(lines.map((l) => l.split(',')[0])).toEqual(['customer', 'C001', 'C002', 'total']);
    const xlsx = await agingFile(event('/reports/aging/export?format=xlsx', OWNER));
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect((await agingFile(event('/reports/aging/export?side=ap', LIN))).status).toBe(403);
    expect((await agingFile(event('/reports/aging/export?asOf=soon', OWNER))).status).toBe(400);
  }, 30_000);
});

describe('/reports/profit, sales, top and stock', () => {
  it('show the figures analytics reports for the same period', async () => {
    const profit = await reportPage('profit', 'p=quarterly from 2026Q1 to 2026Q3');
    const p = await actingAs(b, OWNER, () => profitByPeriod(b, period('quarterly from 2026Q1 to 2026Q3')));
    expect(profit.view.rows.map((r) => [r.period, r.revenue, r.gross, r.net])).toEqual(
      p.map((r) => [r.period, r.revenue, r.gross, r.net]),
    );
    expect(p.length).toBeGreaterThan(1);
    expect(profit.view.footer?.revenue).toBe(p.reduce((s, r) => s + r.revenue, 0));
    expect(profit.view.footer?.revenue).toBeGreaterThan(0);

    const sales = await reportPage('sales', 'p=2026&interval=quarterly');
    const trend = await actingAs(b, OWNER, () => salesTrend(b, period('2026'), 'quarterly'));
    expect(sales.view.rows.map((r) => [r.period, r.invoices, r.net])).toEqual(
      trend.map((r) => [r.period, r.invoices, r.net]),
    );

    const top = await reportPage('top', 'p=2026&by=sku&n=5');
    const ranked = await actingAs(b, OWNER, () => topN(b, period('2026'), 'sku', 5));
    expect(top.view.rows.map((r) => [r.sku, r.net, r.qty])).toEqual(ranked.map((r) => [r.key, r.net, r.qty]));

    const stock = await reportPage('stock', 'by=category');
    const value = await actingAs(b, OWNER, () => stockValue(b, 'category'));
    expect(stock.view.rows.map((r) => [r.category, r.on_hand, r.value])).toEqual(
      value.map((r) => [r.key, r.onHand, r.value]),
    );
    expect(stock.chart).toMatchObject({ data: { values: expect.any(Array) } });
  }, 30_000);

  it('answers a bad period with 400 naming it, an unknown report with 404, a salesperson with 403', async () => {
    await expect(reportPage('profit', 'p=2026Q5')).rejects.toMatchObject({
      status: 400,
      body: { code: 'input.invalid', path: ['query', 'p'] },
    });
    await expect(reportPage('profit', 'color=red')).rejects.toMatchObject({ status: 400 });
    await expect(reportPage('budget', '')).rejects.toMatchObject({ status: 404 });
    await expect(reportPage('profit', 'p=2026', LIN)).rejects.toMatchObject({
      status: 403,
      body: { code: 'permission.scope' },
    });
    await expect(reportPage('stock', '', LIN)).rejects.toMatchObject({ status: 403 });
  }, 30_000);

  it('download what the page shows as CSV with a BOM and XLSX; a bad period is 400, a salesperson 403', async () => {
    const csv = await reportDownload('profit', 'p=2026Q1&format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split(/\r?\n/)[0]).toBe('period,revenue,cogs,gross,expenses,commission,other_income,net');
    expect(text).toContain('2026Q1,');
    const xlsx = await reportDownload('top', 'p=2026&format=xlsx');
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]);
    const bad = await reportDownload('profit', 'p=someday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ path: ['query', 'p'] });
    expect((await reportDownload('profit', 'p=2026', LIN)).status).toBe(403);
    expect((await reportDownload('budget', '')).status).toBe(404);
  }, 30_000);
});
