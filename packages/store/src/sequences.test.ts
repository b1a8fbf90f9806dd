import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { check } from './check.js';
import { autoMatchStatement, importStatementLines, openSalesInvoices } from './finance.js';
import { upsertMasterData } from './master-data.js';
import { enterStockCount, postStockCount, startStockCount, transferStock } from './operations.js';
import { createPurchaseOrders, paySupplier, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import {
  approveSalesOrder,
  cancelSalesOrder,
  invoiceSalesOrder,
  placeSalesOrder,
  recordSalesOrderPayment,
  shipSalesOrder,
} from './sales.js';
import { postOpeningStock } from './stock.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

type Step =
  | { op: 'place'; customer: 0 | 1; sku: 0 | 1; qty: number }
  | { op: 'approve' | 'ship' | 'invoice' | 'cancel' | 'pay'; pick: number }
  | { op: 'purchase' | 'receive' | 'supplierInvoice' | 'paySupplier' | 'bank'; pick: number }
  // Stock found back-dated (later moves are reposted), moved between warehouses, or counted.
  | { op: 'backdate' | 'transfer' | 'count'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('place' as const),
      customer: fc.constantFrom(0 as const, 1 as const),
      sku: fc.constantFrom(0 as const, 1 as const),
      qty: fc.integer({ min: 1, max: 9 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom('approve' as const, 'ship' as const, 'invoice' as const, 'cancel' as const, 'pay' as const),
      pick: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'purchase' as const,
        'receive' as const,
        'supplierInvoice' as const,
        'paySupplier' as const,
        'bank' as const,
      ),
      pick: fc.nat(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constantFrom('backdate' as const, 'transfer' as const, 'count' as const),
      pick: fc.nat(),
    }),
  },
);

const numbers = (book: Book, sql: string) => book.exec.select<{ number: string }>(sql).map((r) => r.number);
const pick = <T>(xs: T[], n: number): T | undefined => xs[n % Math.max(xs.length, 1)];

function apply(book: Book, s: Step, day: string): void {
  switch (s.op) {
    case 'place':
      placeSalesOrder(book, {
        customer: ['C001', 'C002'][s.customer] as string,
        warehouse: 'WH1',
        date: day,
        lines: [{ sku: ['TEA-001', 'TEA-002'][s.sku] as string, qty: s.qty * 1000 }],
      });
      return;
    case 'approve': {
      const n = pick(numbers(book, "select number from sales_orders where status = 'pending_review'"), s.pick);
      if (n) approveSalesOrder(book, n, 'wang');
      return;
    }
    case 'pay': {
      const o = pick(
        book.exec.select<{ number: string; due: number }>(
          "select number, gross_minor - paid_minor as due from sales_orders where status = 'awaiting_payment'",
        ),
        s.pick,
      );
      if (o) recordSalesOrderPayment(book, o.number, { date: day, amount: o.due });
      return;
    }
    case 'ship': {
      const n = pick(
        numbers(
          book,
          "select distinct o.number from sales_orders o join sales_order_lines l on l.order_id = o.id where l.reserved_qty > 0 and o.status in ('awaiting_shipment', 'partially_shipped')",
        ),
        s.pick,
      );
      if (n) shipSalesOrder(book, n, { date: day });
      return;
    }
    case 'invoice': {
      const n = pick(
        numbers(
          book,
          'select distinct o.number from sales_orders o join sales_order_lines l on l.order_id = o.id where l.shipped_qty > l.invoiced_qty',
        ),
        s.pick,
      );
      if (n) invoiceSalesOrder(book, n, { date: day });
      return;
    }
    case 'cancel': {
      const n = pick(
        numbers(
          book,
          "select number from sales_orders where status in ('pending_review', 'awaiting_payment', 'awaiting_shipment')",
        ),
        s.pick,
      );
      if (n) cancelSalesOrder(book, n);
      return;
    }
    case 'purchase':
      createPurchaseOrders(book, { date: day });
      return;
    case 'receive': {
      const n = pick(
        numbers(book, "select number from purchase_orders where status in ('ordered', 'partially_received')"),
        s.pick,
      );
      if (n) receivePurchaseOrder(book, n, { date: day });
      return;
    }
    case 'supplierInvoice': {
      const n = pick(
        numbers(
          book,
          'select distinct p.number from purchase_orders p join purchase_order_lines l on l.po_id = p.id where l.received_qty > l.invoiced_qty',
        ),
        s.pick,
      );
      if (n) recordSupplierInvoice(book, { po: n, date: day });
      return;
    }
    case 'paySupplier': {
      const owed = book.exec.value<number>(
        "select coalesce(sum(gross_minor), 0) - coalesce((select sum(a.amount_minor) from payment_allocations a join invoices i on i.id = a.invoice_id where i.kind = 'supplier'), 0) from invoices where kind = 'supplier'",
      );
      if (owed && owed > 0)
        paySupplier(book, { supplier: 'S1', date: day, amount: Math.max(1, Math.floor(owed / (1 + (s.pick % 3)))) });
      return;
    }
    case 'bank': {
      const inv = pick(openSalesInvoices(book), s.pick);
      if (!inv) return;
      const amount = s.pick % 4 === 0 ? inv.outstanding + 1_000 : inv.outstanding;
      importStatementLines(book, 'bank', [
        { date: day, amount, payer: inv.partyName, memo: s.pick % 2 ? inv.id : 'payment' },
      ]);
      autoMatchStatement(book);
      return;
    }
    case 'backdate': {
      const sku = ['TEA-001', 'TEA-002'][s.pick % 2] as string;
      const qty = (1 + (s.pick % 5)) * 1000;
      // A back-dated receipt on top of stock that has moved: what this step is for.
      postOpeningStock(
        book,
        [
          {
            sku,
            warehouse: s.pick % 3 === 0 ? 'WH2' : 'WH1',
            qty,
            value: (qty / 1000) * (5_000 + (s.pick % 7) * 1_000),
            date: `2026-02-${String(10 + (s.pick % 18)).padStart(2, '0')}`,
          },
        ],
        { existing: 'add' },
      );
      return;
    }
    case 'transfer': {
      const [from, to] = s.pick % 2 === 0 ? ['WH1', 'WH2'] : ['WH2', 'WH1'];
      const sku = ['TEA-001', 'TEA-002'][(s.pick >> 1) % 2] as string;
      transferStock(book, { from, to, date: day, lines: [{ sku, qty: (1 + (s.pick % 3)) * 1000 }] });
      return;
    }
    case 'count': {
      const { count } = startStockCount(book, { warehouse: s.pick % 2 === 0 ? 'WH1' : 'WH2', date: day });
      const lines = book.exec.select<{ sku: string; book_qty: number }>(
        'select p.sku, l.book_qty from stock_count_lines l join products p on p.id = l.product_id join stock_counts c on c.id = l.count_id where c.number = ?',
        count,
      );
      const shift = ((s.pick % 5) - 2) * 1000;
      enterStockCount(
        book,
        count,
        lines.map((l) => ({ sku: l.sku, qty: Math.max(0, l.book_qty + shift) })),
      );
      postStockCount(book, count, { date: day });
      return;
    }
  }
}

const done = new Map<string, number>();

describe('random command sequences', () => {
  it('keep the book consistent: check stays clean after every command, refused or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const book = await smallCompany(tempDir());
        upsertMasterData(book, { warehouses: [{ code: 'WH2', name: '分仓 Branch', type: 'branch' }] });
        try {
          steps.forEach((s, i) => {
            const day = `2026-03-${String(2 + Math.floor(i / 2)).padStart(2, '0')}`;
            try {
              apply(book, s, day);
              done.set(s.op, (done.get(s.op) ?? 0) + 1);
            } catch (error) {
              // A business refusal is fine; anything else is a bug.
              expect((error as { code?: string }).code, String(error)).toBe('command.rejected');
            }
            expect(check(book), `after ${s.op} on ${day}`).toEqual([]);
          });
        } finally {
          book.close();
        }
      }),
      { numRuns: 60 },
    );
    // The sequences reach every kind of command, not just refusals.
    for (const op of [
      'place',
      'approve',
      'ship',
      'invoice',
      'purchase',
      'receive',
      'bank',
      'backdate',
      'transfer',
      'count',
    ])
      expect(done.get(op) ?? 0, op).toBeGreaterThan(0);
  }, 60_000);
});
