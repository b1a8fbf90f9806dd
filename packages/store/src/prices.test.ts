import { type RoundingMode, type TaxMode, taxModeOf } from '@tradeloop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { check } from './check.js';
import { loadPricingRules, upsertMasterData } from './master-data.js';
import { returnSalesOrder } from './operations.js';
import { upsertProducts } from './products.js';
import { approvePurchaseOrder, receivePurchaseOrder, recordSupplierInvoice, writePurchaseOrder } from './purchasing.js';
import { approveSalesOrder, invoiceSalesOrder, loadOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { postOpeningStock } from './stock.js';
import { createTestBook } from './test-support/demo-company.js';
import { fixedClock, sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

/** A book set up from a products file only: one product, a warehouse, a customer; no price list. */
async function bareBook(
  settings: { rounding?: RoundingMode; pricesIncludeTax?: boolean } = {},
  product: { price?: number; taxRate?: number } = {},
): Promise<Book> {
  const book = await createTestBook(tempDir(), { clock: fixedClock, actor: 'test', settings });
  upsertProducts(book, [
    sampleProduct({ sku: 'CUP-01', price: product.price ?? 8800, taxRate: product.taxRate ?? 1300 }),
  ]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '主仓' }],
    suppliers: [{ code: 'S1', name: '景德镇瓷器' }],
    customers: [{ code: 'C1', name: '茶馆', terms: 'credit', creditLimit: 1_000_000_000 }],
    users: [{ name: 'boss', roles: ['owner'] }],
  });
  return book;
}

const order = (book: Book, qty: number, date = '2026-03-02') =>
  placeSalesOrder(book, { customer: 'C1', warehouse: 'WH1', date, lines: [{ sku: 'CUP-01', qty }] }).number;

describe('the product price is its base price', () => {
  it('prices an order no price list covers at the product price, and the next one at a new price', async () => {
    const book = await bareBook();
    const first = loadOrder(book, order(book, 2000));
    expect(first.lines[0]).toMatchObject({ unit_price_minor: 8800, net_minor: 17_600, tax_minor: 2288 });
    expect(JSON.parse(first.lines[0]?.price_trace_json ?? '[]')).toEqual([
      {
        rule: 'base price',
        outcome: 'won',
        reason: "88.00: the product's base price; no price list has a price for it",
      },
    ]);
    upsertProducts(book, [sampleProduct({ sku: 'CUP-01', price: 9900 })]);
    expect(loadOrder(book, order(book, 1000)).lines[0]).toMatchObject({ unit_price_minor: 9900, net_minor: 9900 });
    book.close();
  });

  it('gives way to a price list that has a price, which names the base price it beat', async () => {
    const book = await bareBook();
    upsertMasterData(book, {
      priceLists: [{ code: 'BASE', scope: { kind: 'base' }, prices: [{ sku: 'CUP-01', minQty: 0, price: 8000 }] }],
    });
    const line = loadOrder(book, order(book, 1000)).lines[0];
    expect(line?.unit_price_minor).toBe(8000);
    expect(JSON.parse(line?.price_trace_json ?? '[]').at(-1)).toEqual({
      rule: 'base price',
      outcome: 'lost',
      reason: '88.00: BASE is more specific',
    });
    book.close();
  });

  it('takes the product price as 含税 in a book whose prices include tax', async () => {
    const book = await bareBook({ pricesIncludeTax: true }, { price: 11_300 });
    const { order: o, lines } = loadOrder(book, order(book, 3000));
    expect(lines[0]).toMatchObject({ tax_inclusive: 1, gross_minor: 33_900, net_minor: 30_000, tax_minor: 3900 });
    expect(o).toMatchObject({ tax_mode: 'inclusive', gross_minor: 33_900 });
    book.close();
  });
});

describe('tax-inclusive price lists', () => {
  it('charge a line qty × price gross exactly, with net + VAT = gross, in either rounding', async () => {
    for (const rounding of ['half-up', 'half-even'] as const) {
      const book = await bareBook({ rounding }, { taxRate: 900 });
      upsertMasterData(book, {
        priceLists: [
          {
            code: 'RETAIL',
            scope: { kind: 'base' },
            taxMode: 'inclusive',
            prices: [{ sku: 'CUP-01', minQty: 0, price: 1999 }],
          },
        ],
      });
      const { lines } = loadOrder(book, order(book, 7000));
      expect(lines[0]?.gross_minor).toBe(7 * 1999);
      expect((lines[0]?.net_minor ?? 0) + (lines[0]?.tax_minor ?? 0)).toBe(7 * 1999);
      book.close();
    }
  });

  it('keep their mode when an update does not say; a new list takes the book default', async () => {
    const book = await bareBook({ pricesIncludeTax: true });
    const prices = [{ sku: 'CUP-01', minQty: 0, price: 8000 }];
    upsertMasterData(book, {
      priceLists: [
        { code: 'NEW', scope: { kind: 'base' }, prices },
        { code: 'NET', scope: { kind: 'tier', tier: 'VIP' }, taxMode: 'exclusive', prices },
      ],
    });
    upsertMasterData(book, { priceLists: [{ code: 'NET', scope: { kind: 'tier', tier: 'VIP' }, prices }] });
    const modes = Object.fromEntries(loadPricingRules(book).priceLists.map((l) => [l.code, l.taxMode]));
    expect(modes).toEqual({ NEW: 'inclusive', NET: 'exclusive' });
    book.close();
  });
});

/** Cut a quantity into parts at the given points (sorted, inside, distinct). */
const cutsOf = (qty: number, raw: number[]) =>
  [...new Set(raw.map((c) => 1 + (c % (qty - 1))))].sort((a, b) => a - b).filter((c) => c < qty);

describe('partial documents of one order line', () => {
  it('add up to the line: shipments invoiced one by one, then returned in parts, in both modes and roundings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 40_000 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom<TaxMode>('exclusive', 'inclusive'),
        fc.constantFrom<RoundingMode>('half-up', 'half-even'),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (qty, price, mode, rounding, shipCuts, returnCuts) => {
          const book = await bareBook({ rounding, pricesIncludeTax: mode === 'inclusive' }, { price });
          postOpeningStock(book, [{ sku: 'CUP-01', warehouse: 'WH1', qty, value: qty, date: '2026-03-01' }]);
          const number = order(book, qty);
          approveSalesOrder(book, number, 'boss');
          const points = [...cutsOf(qty, shipCuts), qty];
          let shipped = 0;
          for (const to of points) {
            shipSalesOrder(book, number, { date: '2026-03-03', lines: [{ lineNo: 1, qty: to - shipped }] });
            invoiceSalesOrder(book, number, { date: '2026-03-03' });
            shipped = to;
          }
          let returned = 0;
          for (const to of [...cutsOf(qty, returnCuts), qty]) {
            returnSalesOrder(book, number, { date: '2026-03-04', lines: [{ lineNo: 1, qty: to - returned }] });
            returned = to;
          }
          const line = loadOrder(book, number).lines[0];
          const sum = (kind: string) =>
            book.exec.selectOne<{ net: number; tax: number; gross: number; n: number }>(
              `select sum(net_minor) as net, sum(tax_minor) as tax, sum(gross_minor) as gross, count(*) as n
               from invoices where kind = ?`,
              kind,
            );
          const whole = { net: line?.net_minor, tax: line?.tax_minor, gross: line?.gross_minor };
          expect(line?.tax_inclusive).toBe(mode === 'inclusive' ? 1 : 0);
          expect(sum('sales')).toEqual({ ...whole, n: points.length });
          const credits = sum('sales_credit');
          // Credit notes are negative; `+ 0` keeps -0 from differing from 0.
          const back = (v: number | undefined) => -(v ?? 0) + 0;
          expect({ net: back(credits?.net), tax: back(credits?.tax), gross: back(credits?.gross) }).toEqual(whole);
          expect(check(book)).toEqual([]);
          book.close();
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('clears goods received not invoiced exactly, however a purchase line is received and invoiced', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 40_000 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom<RoundingMode>('half-up', 'half-even'),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (qty, price, rounding, receiveCuts, invoiceCuts) => {
          const book = await bareBook({ rounding });
          const po = book.command('po', () => ({
            value: writePurchaseOrder(book, {
              supplierId: 1,
              warehouseId: 1,
              date: '2026-03-02',
              expectedDate: '2026-03-05',
              lines: [{ productId: 1, qty, price, rate: 1300 }],
            }),
          }));
          if (po.status === 'pending_approval') approvePurchaseOrder(book, po.number, 'boss');
          let received = 0;
          for (const to of [...cutsOf(qty, receiveCuts), qty]) {
            receivePurchaseOrder(book, po.number, { date: '2026-03-05', lines: [{ lineNo: 1, qty: to - received }] });
            received = to;
          }
          let invoiced = 0;
          for (const to of [...cutsOf(qty, invoiceCuts), qty]) {
            recordSupplierInvoice(book, {
              po: po.number,
              date: '2026-03-06',
              lines: [{ lineNo: 1, qty: to - invoiced, price }],
            });
            invoiced = to;
          }
          const totals = book.exec.selectOne<{ net: number; tax: number }>(
            "select sum(net_minor) as net, sum(tax_minor) as tax from invoices where kind = 'supplier'",
          );
          const ordered = book.exec.selectOne<{ net: number; tax: number }>(
            'select net_minor as net, tax_minor as tax from purchase_orders',
          );
          expect(totals).toEqual(ordered);
          expect(check(book)).toEqual([]);
          book.close();
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('the book’s tax mode setting', () => {
  it('is read with the other settings', async () => {
    const book = await bareBook({ pricesIncludeTax: true, rounding: 'half-even' });
    expect(book.settings()).toMatchObject({ pricesIncludeTax: true, rounding: 'half-even' });
    expect(taxModeOf(book.settings().pricesIncludeTax)).toBe('inclusive');
    book.close();
  });
});
