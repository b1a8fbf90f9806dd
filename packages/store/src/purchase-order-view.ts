import {
  type IsoDate,
  type Issue,
  type Milli,
  type Minor,
  type PoAction,
  type PurchaseOrderStatus,
  poActions,
  seesColumns,
  TradeloopError,
  threeWayMatch,
} from '@tradeloop/core';
import { readAccess } from './access.js';
import { type ApprovalEntry, approvalHistory } from './approvals.js';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';
import { LIST_ACCESS } from './lists.js';
import { loadPo } from './purchasing.js';

/** A purchase order as its page shows it: lines with the three-way match, receipts, invoices, what is next. */
export interface PurchaseOrderView {
  number: string;
  status: PurchaseOrderStatus;
  supplier: { code: string; name: string };
  warehouse: string;
  date: IsoDate;
  expectedDate: IsoDate;
  /** Null for a role that does not see supplier prices. */
  net: Minor | null;
  tax: Minor | null;
  gross: Minor | null;
  /** The sales orders whose shortfall it buys for. */
  forOrders: string[];
  lines: {
    lineNo: number;
    sku: string;
    name: string;
    qty: Milli;
    price: Minor | null;
    taxRate: number;
    received: Milli;
    invoiced: Milli;
    /** What the supplier invoiced for the line, per unit (net): the invoice side of the match. */
    invoicePrice: Minor | null;
    /** The three-way match of the line as posted (order, receipts, invoices): its problems, none when it agrees. */
    match: Issue[];
  }[];
  receipts: {
    number: string;
    date: IsoDate;
    lines: { lineNo: number; qty: Milli; batch: string | null; expiry: string | null }[];
  }[];
  invoices: { number: string; date: IsoDate; vatKind: string; gross: Minor; open: Minor }[];
  /** Open on this order's invoices, net of its debit notes: what paying it would settle. */
  owed: Minor;
  approvals: ApprovalEntry[];
  actions: PoAction[];
}

/**
 * Read one purchase order for its page, as the acting user may see it: purchasing is the whole
 * company's (refused to who sees only their own customers), and prices only for roles that see
 * supplier prices.
 *
 * @example
 * purchaseOrderView(book, 'PO-2026-000001').actions // ['receive']
 */
export function purchaseOrderView(book: Book, number: string): PurchaseOrderView {
  readAccess(book, LIST_ACCESS['purchase-orders'], 'purchase-orders');
  if (book.exec.value<number>('select id from purchase_orders where number = ?', number) === undefined)
    throw new TradeloopError('po.not_found', `no purchase order ${number}`, { path: ['number'] });
  const { po, lines } = loadPo(book, number);
  const prices = seesColumns(book.principal, 'supplier_price');
  const one = <T>(sql: string, ...params: unknown[]) => book.exec.selectOne<T>(sql, ...params);
  const q = <T>(sql: string, ...params: unknown[]) => book.exec.select<T>(sql, ...params);
  const supplier = one<{ code: string; name: string }>('select code, name from suppliers where id = ?', po.supplier_id);
  const products = new Map(
    q<{ id: number; sku: string; name: string }>(
      `select id, sku, name from products where id in (${jsonValues(book, 'bigint')})`,
      JSON.stringify(lines.map((l) => l.product_id)),
    ).map((p) => [p.id, p]),
  );
  // The invoice side of the match: per line, the invoiced unit price farthest from the order's.
  const invoicePrices = new Map<number, Minor>();
  for (const r of q<{ line: number; price: number }>(
    `select l.po_line_id as line, l.unit_price_minor as price from invoice_lines l
      join invoices i on i.id = l.invoice_id where i.po_id = ? and l.po_line_id is not null and l.qty > 0`,
    po.id,
  )) {
    const order = lines.find((l) => l.id === r.line)?.price_minor ?? r.price;
    const kept = invoicePrices.get(r.line);
    if (kept === undefined || Math.abs(r.price - order) > Math.abs(kept - order)) invoicePrices.set(r.line, r.price);
  }
  const invoices = q<PurchaseOrderView['invoices'][number]>(
    `select i.number, i.date, i.vat_kind as vatKind, i.gross_minor as gross,
        i.open_minor as open
      from invoices i where i.po_id = ? and i.kind = 'supplier' order by i.id`,
    po.id,
  );
  const receiptRows = q<{
    number: string;
    date: IsoDate;
    lineNo: number;
    qty: number;
    batch: string | null;
    expiry: string | null;
  }>(
    `select r.number, r.date, pl.line_no as lineNo, rl.qty, rl.batch, rl.expiry from receipts r
       join receipt_lines rl on rl.receipt_id = r.id join purchase_order_lines pl on pl.id = rl.po_line_id
      where r.po_id = ? order by r.id, pl.line_no`,
    po.id,
  );
  const receipts = new Map<string, PurchaseOrderView['receipts'][number]>();
  for (const r of receiptRows) {
    const kept = receipts.get(r.number) ?? { number: r.number, date: r.date, lines: [] };
    kept.lines.push({ lineNo: r.lineNo, qty: r.qty, batch: r.batch, expiry: r.expiry });
    receipts.set(r.number, kept);
  }
  const { precision, rounding } = book.settings();
  const viewLines = lines.map((l) => {
    const invoicePrice = invoicePrices.get(l.id) ?? null;
    const match =
      invoicePrice === null
        ? []
        : (() => {
            const r = threeWayMatch(
              [
                {
                  line: String(l.line_no),
                  orderedQty: l.qty,
                  orderPrice: l.price_minor,
                  receivedQty: l.received_qty,
                  invoicedQty: l.invoiced_qty,
                  invoicePrice,
                },
              ],
              {},
              { precision, rounding },
            );
            return r.ok ? [] : [...r.issues];
          })();
    return {
      lineNo: l.line_no,
      sku: products.get(l.product_id)?.sku ?? '',
      name: products.get(l.product_id)?.name ?? '',
      qty: l.qty,
      price: prices ? l.price_minor : null,
      taxRate: l.tax_rate_bp,
      received: l.received_qty,
      invoiced: l.invoiced_qty,
      invoicePrice: prices ? invoicePrice : null,
      match: prices ? match : [],
    };
  });
  const owed = Math.max(
    0,
    invoices.reduce((s, i) => s + i.open, 0),
  );
  return {
    number: po.number,
    status: po.status,
    supplier: { code: supplier?.code ?? '', name: supplier?.name ?? '' },
    warehouse: one<{ code: string }>('select code from warehouses where id = ?', po.warehouse_id)?.code ?? '',
    date: po.order_date,
    expectedDate: po.expected_date,
    net: prices ? po.net_minor : null,
    tax: prices ? po.tax_minor : null,
    gross: prices ? po.gross_minor : null,
    forOrders: q<{ number: string }>(
      `select distinct o.number from requisitions r join purchase_order_lines pl on pl.id = r.po_line_id
         join sales_order_lines sl on sl.id = r.sales_order_line_id join sales_orders o on o.id = sl.order_id
        where pl.po_id = ? order by o.number`,
      po.id,
    ).map((r) => r.number),
    lines: viewLines,
    receipts: [...receipts.values()],
    invoices: prices ? invoices : [],
    owed: prices ? owed : 0,
    approvals: approvalHistory(book, number),
    actions: poActions(
      {
        status: po.status,
        amount: po.gross_minor,
        lines: lines.map((l) => ({ id: String(l.line_no), qty: l.qty, received: l.received_qty })),
      },
      {
        toInvoice: lines.reduce((s, l) => s + Math.max(0, l.received_qty - l.invoiced_qty), 0),
        owed,
        returnable: lines.reduce((s, l) => s + l.received_qty, 0),
      },
    ),
  };
}
