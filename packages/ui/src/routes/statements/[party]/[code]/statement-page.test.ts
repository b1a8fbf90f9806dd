import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
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
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load } = await import('./+page.server');
const { GET } = await import('./export/+server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const CHEN: Actor = { user: 'chen', roles: ['salesperson'], salesperson: 'chen' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-statement-page-'));
let gross = 0;

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  book.actAs(OWNER);
  upsertProducts(book, [
    {
      sku: 'TEA-001',
      name: '龙井',
      nameEn: null,
      category: '茶',
      uom: 'box',
      taxRate: 1300,
      listed: true,
      price: 8800,
      cost: 5000,
    },
  ]);
  upsertMasterData(book, {
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [{ code: 'C001', name: '林的客户', owner: 'lin', terms: 'credit', creditLimit: 5_000_000 }],
    suppliers: [{ code: 'S1', name: '茶厂' }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-01-02' }]);
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 2_000 }],
  });
  approveSalesOrder(book, number);
  shipSalesOrder(book, number, { date: '2026-03-03' });
  invoiceSalesOrder(book, number, { date: '2026-03-03', vatKind: 'normal' });
  gross = book.exec.value<number>('select gross_minor from invoices') ?? 0;
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (party: string, code: string, query: string, actor: Actor, tail = '') =>
  requestEvent({ url: `http://localhost/statements/${party}/${code}${tail}?${query}`, params: { party, code }, actor })
    .event as never;
const page = (party: string, code: string, query: string, actor: Actor = OWNER) =>
  load(event(party, code, query, actor)) as Promise<{
    statement: {
      opening: number;
      closing: number;
      lines: { kind: string; balance: number }[];
      from: string;
      to: string;
    };
  }>;

describe('the statement of account page', () => {
  it('shows the period’s documents with the balance before and after, this month by default', async () => {
    const march = await page('customer', 'C001', 'from=2026-03-01&to=2026-03-31', LIN);
    expect(march.statement).toMatchObject({ opening: 0, closing: gross, lines: [{ kind: 'invoice', balance: gross }] });
    const april = await page('customer', 'C001', 'from=2026-04-01&to=2026-04-30');
    expect(april.statement).toMatchObject({ opening: gross, lines: [], closing: gross });
    const month = (await page('customer', 'C001', '')).statement;
    expect(month.from).toMatch(/-01$/);
    expect(month.to > month.from).toBe(true);
    expect((await page('supplier', 'S1', 'from=2026-03-01')).statement).toMatchObject({ to: '2026-03-31', lines: [] });
  });

  it('refuses another salesperson’s customer and any supplier to a salesperson (403); unknown is 404', async () => {
    await expect(page('customer', 'C001', '', CHEN)).rejects.toMatchObject({ status: 403 });
    await expect(page('supplier', 'S1', '', LIN)).rejects.toMatchObject({ status: 403 });
    await expect(page('customer', 'NOPE', '')).rejects.toMatchObject({ status: 404 });
    await expect(page('vendor', 'S1', '')).rejects.toMatchObject({ status: 404 });
    await expect(page('customer', 'C001', 'from=2026-04-01&to=2026-03-01')).rejects.toMatchObject({ status: 400 });
  });

  it('downloads the same lines as CSV (with a BOM) and as Excel', async () => {
    const csv = await GET(event('customer', 'C001', 'format=csv&from=2026-03-01&to=2026-03-31', LIN, '/export'));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = text.slice(1).trim().split(/\r?\n/);
    expect(rows[0]).toBe('date,kind,document,reference,due_date,debit,credit,balance');
    expect(rows.slice(1).map((r) => r.split(',')[1])).toEqual(['opening', 'invoice', 'closing']);
    const xlsx = await GET(event('customer', 'C001', 'format=xlsx', OWNER, '/export'));
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    await expect(GET(event('customer', 'C001', 'format=csv', CHEN, '/export'))).rejects.toMatchObject({ status: 403 });
  });
});
