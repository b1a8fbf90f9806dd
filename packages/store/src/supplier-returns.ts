import {
  formatQuantity,
  type IsoDate,
  type Milli,
  type Minor,
  postPurchaseReceipt,
  postSupplierInvoice,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { nextNumber } from './numbering.js';
import { loadPo, poLinePart } from './purchasing.js';
import { rejected } from './refusal.js';
import { issueStock, stockBalance } from './stock-ledger.js';

export interface SupplierReturn {
  debitNote: string;
  /** What the goods were worth in stock (their receipt layers first). */
  cost: Minor;
  /** What the supplier is owed less: the returned part of what they had invoiced, with VAT. */
  credit: Minor;
}

/**
 * Send received goods back to the supplier. They leave stock at the cost they came in at (the
 * latest receipt's layer of the line first, then FIFO), the order line counts them as no longer
 * received, and a debit note (`DN-…`, a supplier invoice with negative amounts, as a credit note
 * is a negative sales invoice) takes back what the supplier had invoiced of them: what is owed to
 * them drops, and the input VAT with it. Goods not yet invoiced simply leave goods received not
 * invoiced. Refused beyond what is received and still free (not reserved for a sales order).
 *
 * @example
 * returnToSupplier(book, 'PO-2026-000001', { date: '2026-03-12', lines: [{ lineNo: 1, qty: 2000 }], reason: '破损' })
 * // { debitNote: 'DN-2026-000001', cost: 22400, credit: 25312 }
 */
export function returnToSupplier(
  book: Book,
  number: string,
  input: { date: IsoDate; lines: { lineNo: number; qty: Milli }[]; reason?: string },
): SupplierReturn {
  return book.command('returnToSupplier', () => {
    const { po, lines } = loadPo(book, number);
    if (input.lines.length === 0)
      throw rejected([
        { code: 'return.no_lines', path: ['lines'], message: 'name the lines and quantities to return' },
      ]);
    const supplier = book.exec.value<string>('select code from suppliers where id = ?', po.supplier_id) ?? '';
    // The debit note takes back VAT as the supplier's invoices of the order charged it.
    const vatKind =
      book.exec.value<'normal' | 'special'>(
        "select vat_kind from invoices where po_id = ? and kind = 'supplier' and gross_minor > 0 order by id desc limit 1",
        po.id,
      ) ?? 'special';
    const dn = nextNumber(book, 'DN', input.date);
    const parts: {
      lineId: number;
      productId: number;
      price: Minor;
      rate: number;
      credited: Milli;
      net: Minor;
      tax: Minor;
      clears: Minor;
    }[] = [];
    let cost = 0;
    let cleared = 0;
    const seen = new Map<number, Milli>();
    for (const r of input.lines) {
      const l = lines.find((x) => x.line_no === r.lineNo);
      const already = seen.get(r.lineNo) ?? 0;
      const received = (l?.received_qty ?? 0) - already;
      if (!l || r.qty <= 0 || r.qty > received) {
        throw rejected([
          {
            code: 'return.exceeds',
            path: ['lines', r.lineNo],
            message: l
              ? `${formatQuantity(received)} received on line ${r.lineNo} of ${number} can be returned, ${formatQuantity(r.qty)} given`
              : `${number} has no line ${r.lineNo}`,
            value: r.qty,
          },
        ]);
      }
      seen.set(r.lineNo, already + r.qty);
      const b = stockBalance(book, l.product_id, po.warehouse_id);
      if (r.qty > b.onHand - b.reserved) {
        const sku = book.exec.value<string>('select sku from products where id = ?', l.product_id) ?? '';
        throw rejected([
          {
            code: 'return.reserved',
            path: ['lines', r.lineNo],
            message: `${formatQuantity(b.onHand - b.reserved)} of ${sku} is free (the rest is reserved for orders), ${formatQuantity(r.qty)} to return`,
            value: r.qty,
          },
        ]);
      }
      const receipt = book.exec.value<string>(
        `select g.number from receipts g join receipt_lines rl on rl.receipt_id = g.id
         where rl.po_line_id = ? order by g.date desc, g.id desc limit 1`,
        l.id,
      );
      cost += issueStock(book, {
        date: input.date,
        productId: l.product_id,
        warehouseId: po.warehouse_id,
        qty: r.qty,
        kind: 'return_out',
        document: dn,
        ...(receipt ? { source: receipt } : {}),
      }).cost;
      // The last stretch of what was received goes back; of that, what was invoiced too is credited.
      const receivedNow = l.received_qty - already;
      const receivedAfter = receivedNow - r.qty;
      const invoicedNow = Math.min(l.invoiced_qty, receivedNow);
      const invoicedAfter = Math.min(invoicedNow, receivedAfter);
      const value = poLinePart(book, l.price_minor, 0, receivedAfter, receivedNow).net;
      const t = poLinePart(book, l.price_minor, l.tax_rate_bp, invoicedAfter, invoicedNow);
      const credited = invoicedNow - invoicedAfter;
      const clears = poLinePart(book, l.price_minor, 0, invoicedAfter, invoicedNow).net;
      cleared += value;
      parts.push({
        lineId: l.id,
        productId: l.product_id,
        price: l.price_minor,
        rate: l.tax_rate_bp,
        credited,
        net: t.net,
        tax: t.tax,
        // What the return takes out of goods received not invoiced, net of what the credit puts back.
        clears: value - clears,
      });
      book.exec.execute(
        'update purchase_order_lines set received_qty = received_qty - ?, invoiced_qty = invoiced_qty - ? where id = ?',
        r.qty,
        credited,
        l.id,
      );
    }
    const net = parts.reduce((s, p) => s + p.net, 0);
    const tax = parts.reduce((s, p) => s + p.tax, 0);
    const clears = parts.reduce((s, p) => s + p.clears, 0);
    const id = Number(
      book.exec.execute(
        `insert into invoices (number, kind, vat_kind, supplier_id, po_id, date, due_date, net_minor, tax_minor, gross_minor, open_minor)
         values (?, 'supplier', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        dn,
        vatKind,
        po.supplier_id,
        po.id,
        input.date,
        input.date,
        -net,
        -tax,
        -(net + tax),
        -(net + tax),
      ).lastInsertRowid,
    );
    for (const p of parts) {
      book.exec.execute(
        `insert into invoice_lines (invoice_id, product_id, po_line_id, qty, unit_price_minor, tax_rate_bp, net_minor, tax_minor, received_value_minor)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        p.productId,
        p.lineId,
        -p.credited,
        p.price,
        p.rate,
        -p.net,
        -p.tax,
        p.clears,
      );
    }
    // Goods out of stock at cost against goods received not invoiced; then the debit note: payable
    // and VAT back, goods received not invoiced to what the order still holds, and the difference
    // between stock cost and order price to purchase price variance.
    writeEntry(book, {
      ...postPurchaseReceipt({ document: dn, date: input.date, supplier, value: -cost }),
      memo: `Return to supplier ${dn}`,
    });
    writeEntry(
      book,
      postSupplierInvoice({
        document: dn,
        date: input.date,
        supplier,
        receivedValue: clears - cost,
        net: -net,
        tax: -tax,
        kind: vatKind,
      }),
    );
    const reason = input.reason?.trim();
    return {
      value: { debitNote: dn, cost, credit: net + tax },
      document: dn,
      after: { po: number, cost, credit: net + tax, returned: cleared, ...(reason ? { reason } : {}) },
    };
  });
}
