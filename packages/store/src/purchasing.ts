import {
  addDays,
  allocateReceipt,
  amountApprovalSteps,
  cancelPurchaseOrder,
  groupRequisitions,
  type IsoDate,
  type Milli,
  type Minor,
  orderTotals,
  type PurchaseOrderState,
  type PurchaseOrderStatus,
  postPurchaseReceipt,
  postSupplierInvoice,
  postSupplierPayment,
  pricedPart,
  receivePurchaseOrder as receivePo,
  releasePurchaseOrder,
  submitPurchaseOrder,
  type Taxed,
  type TaxMode,
  threeWayMatch,
} from '@tradeloop/core';
import { sql } from 'kysely';
import { approveSteps, loadApprovalRules, rejectSteps, requestApproval, type Waiting } from './approvals.js';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { bookMoney, idOf, notFound, numberSetting } from './master-data.js';
import { nextNumber } from './numbering.js';
import { allocatePayment } from './payment-allocations.js';
import { ensure, rejected } from './refusal.js';
import type { Row } from './schema.js';
import { changeReserved, receiveStock } from './stock-ledger.js';

type PoRow = Row<'purchase_orders'>;
type PoLineRow = Row<'purchase_order_lines'>;

/**
 * Purchase prices are net of VAT: a line is priced at the product's standard cost, and stock is
 * valued net because the input VAT of a special invoice is deducted, not part of the cost.
 */
const PURCHASE_TAX_MODE: TaxMode = 'exclusive';

/**
 * A stretch of a purchase order line's quantity at a price: what a receipt values or an invoice
 * charges, figured so that receipts (or invoices) of a line, however split, add up to the whole.
 */
export function poLinePart(book: Book, price: Minor, rate: number, from: Milli, to: Milli): Taxed {
  return ensure(
    pricedPart(
      { unitPrice: price, taxRate: rate, taxMode: PURCHASE_TAX_MODE },
      { from, to },
      { rounding: book.settings().rounding },
    ),
  );
}

export function loadPo(book: Book, number: string): { po: PoRow; lines: PoLineRow[] } {
  const po = book.exec.get(book.db.selectFrom('purchase_orders').selectAll().where('number', '=', number));
  if (!po) throw notFound('purchase order', number);
  return {
    po,
    lines: book.exec.all(
      book.db.selectFrom('purchase_order_lines').selectAll().where('po_id', '=', po.id).orderBy('line_no'),
    ),
  };
}

const poState = (po: PoRow, lines: PoLineRow[]): PurchaseOrderState => ({
  status: po.status,
  amount: po.gross_minor,
  lines: lines.map((l) => ({ id: String(l.line_no), qty: l.qty, received: l.received_qty })),
});

export interface NewPurchaseOrder {
  supplierId: number;
  warehouseId: number;
  date: IsoDate;
  expectedDate: IsoDate;
  lines: { productId: number; qty: Milli; price: Minor; rate: number }[];
}

/**
 * Write a new purchase order: totals with VAT, submitted by core's rules (over the threshold it
 * waits for approval), numbered, with its lines. Every way of creating a PO goes through here.
 */
export function writePurchaseOrder(
  book: Book,
  po: NewPurchaseOrder,
): { number: string; status: PurchaseOrderStatus; lineIds: number[] } {
  const totals = ensure(
    orderTotals({
      taxMode: PURCHASE_TAX_MODE,
      rounding: book.settings().rounding,
      lines: po.lines.map((l) => ({ qty: l.qty, unitPrice: l.price, taxRate: l.rate })),
    }),
  );
  const rules = loadApprovalRules(book);
  const state = ensure(
    submitPurchaseOrder(
      {
        status: 'draft',
        amount: totals.total.gross,
        lines: po.lines.map((l, i) => ({ id: String(i + 1), qty: l.qty, received: 0 })),
      },
      rules.po_amount.over,
    ),
  );
  const number = nextNumber(book, 'PO', po.date);
  const poId = Number(
    book.exec.run(
      book.db.insertInto('purchase_orders').values({
        number,
        supplier_id: po.supplierId,
        warehouse_id: po.warehouseId,
        status: state.status,
        order_date: po.date,
        expected_date: po.expectedDate,
        net_minor: totals.total.net,
        tax_minor: totals.total.tax,
        gross_minor: totals.total.gross,
      }),
    ).lastInsertRowid,
  );
  const lineIds = po.lines.map((l, i) =>
    Number(
      book.exec.run(
        book.db.insertInto('purchase_order_lines').values({
          po_id: poId,
          line_no: i + 1,
          product_id: l.productId,
          qty: l.qty,
          price_minor: l.price,
          tax_rate_bp: l.rate,
        }),
      ).lastInsertRowid,
    ),
  );
  if (state.status === 'pending_approval')
    requestApproval(
      book,
      'purchase_order',
      poId,
      amountApprovalSteps('po_amount', totals.total.gross, rules, { precision: book.settings().precision }),
    );
  return { number, status: state.status, lineIds };
}

/**
 * Turn open requisitions into purchase orders, one per preferred supplier and warehouse (those
 * being quoted on an open RFQ wait for its award): quantities
 * summed per product and rounded up to pack size and minimum order; priced at the product's cost;
 * submitted at once (over the approval threshold they wait for approval).
 *
 * @example
 * createPurchaseOrders(book, { date: '2026-03-03' }) // { orders: ['PO-2026-000001'], unassigned: [] }
 */
export function createPurchaseOrders(book: Book, input: { date: IsoDate }): { orders: string[]; unassigned: string[] } {
  return book.command('createPurchaseOrders', () => {
    const reqs = book.exec.all(
      book.db
        .selectFrom('requisitions as r')
        .innerJoin('products as p', 'p.id', 'r.product_id')
        .leftJoin('suppliers as s', 's.id', 'p.preferred_supplier_id')
        .select([
          'r.id',
          'r.number',
          'r.product_id',
          'r.warehouse_id',
          'r.qty',
          's.code as supplier',
          'p.pack_size',
          'p.moq',
          'p.cost_minor',
          'p.tax_rate_bp',
          'p.lead_time_days',
        ])
        .where('r.status', '=', 'open')
        // One being quoted waits for its RFQ's award, which orders it.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('rfqs as q')
                .select('q.id')
                .whereRef('q.requisition_id', '=', 'r.id')
                .where('q.status', '=', 'open'),
            ),
          ),
        )
        .orderBy('r.id'),
    );
    const orders: string[] = [];
    const unassigned: string[] = [];
    const warehouses = [...new Set(reqs.map((r) => r.warehouse_id))];
    for (const warehouseId of warehouses) {
      const here = reqs.filter((r) => r.warehouse_id === warehouseId);
      const products = Object.fromEntries(
        here.map((r) => [String(r.product_id), { supplier: r.supplier, packSize: r.pack_size, moq: r.moq }]),
      );
      const grouped = groupRequisitions(
        here.map((r) => ({ id: String(r.id), sku: String(r.product_id), qty: r.qty })),
        products,
      );
      unassigned.push(...grouped.unassigned.map((id) => here.find((r) => String(r.id) === id)?.number ?? id));
      for (const g of grouped) {
        const supplierId = idOf(book, 'suppliers', g.supplier, 'supplier');
        const info = (productId: string) => here.find((r) => String(r.product_id) === productId);
        const lead = Math.max(...g.lines.map((l) => info(l.sku)?.lead_time_days ?? 7));
        const { number, lineIds } = writePurchaseOrder(book, {
          supplierId,
          warehouseId,
          date: input.date,
          expectedDate: addDays(input.date, lead),
          lines: g.lines.map((l) => ({
            productId: Number(l.sku),
            qty: l.qty,
            price: info(l.sku)?.cost_minor ?? 0,
            rate: info(l.sku)?.tax_rate_bp ?? 0,
          })),
        });
        g.lines.forEach((l, i) => {
          const lineId = lineIds[i] ?? null;
          for (const req of l.requisitions) {
            book.exec.run(
              book.db
                .updateTable('requisitions')
                .set({ status: 'ordered', po_line_id: lineId })
                .where('id', '=', Number(req)),
            );
          }
        });
        orders.push(number);
      }
    }
    return { value: { orders, unassigned }, after: { orders, unassigned } };
  });
}

export type ApprovedPurchaseOrder = { status: PurchaseOrderStatus; waiting?: Waiting[] };

/**
 * Approve a purchase order waiting for approval, as the acting user: they decide the steps their
 * roles can (see `approveSteps`); once none waits, the order is placed with the supplier.
 *
 * @example
 * approvePurchaseOrder(book, 'PO-2026-000001') // { status: 'ordered' }
 */
export function approvePurchaseOrder(book: Book, number: string, user?: string): ApprovedPurchaseOrder {
  return book.command<ApprovedPurchaseOrder>('approvePurchaseOrder', () => {
    const { po, lines } = loadPo(book, number);
    const state = poState(po, lines);
    // Only an order waiting for approval is approved: core words the refusal.
    if (po.status !== 'pending_approval') ensure(releasePurchaseOrder(state));
    const { approver, waiting } = approveSteps(
      book,
      { kind: 'purchase_order', id: po.id, number },
      'purchasing.write',
      user,
    );
    if (waiting.length > 0)
      return {
        value: { status: po.status, waiting },
        document: number,
        after: { approvedBy: approver, waiting: waiting.map((w) => w.role) },
      };
    const next = ensure(releasePurchaseOrder(state));
    book.exec.run(book.db.updateTable('purchase_orders').set({ status: next.status }).where('id', '=', po.id));
    return {
      value: { status: next.status },
      document: number,
      before: { status: po.status },
      after: { status: next.status, approvedBy: approver },
    };
  });
}

/**
 * Reject a purchase order waiting for approval, with the reason (required): it is cancelled, and
 * the requisitions it was made from are open again, to be ordered otherwise.
 *
 * @example
 * rejectPurchaseOrder(book, 'PO-2026-000003', '价格高于上次') // { status: 'cancelled', requisitions: ['PR-2026-000004'] }
 */
export function rejectPurchaseOrder(
  book: Book,
  number: string,
  reason: string,
  user?: string,
): { status: PurchaseOrderStatus; requisitions: string[] } {
  return book.command('rejectPurchaseOrder', () => {
    const { po, lines } = loadPo(book, number);
    if (po.status !== 'pending_approval')
      throw rejected([
        {
          code: 'po.reject',
          path: ['status'],
          message: `cannot reject a purchase order that is ${po.status.replace('_', ' ')}: it is not waiting for approval`,
          value: po.status,
        },
      ]);
    const { approver } = rejectSteps(book, { kind: 'purchase_order', id: po.id, number }, reason, user);
    const next = ensure(cancelPurchaseOrder(poState(po, lines)));
    book.exec.run(book.db.updateTable('purchase_orders').set({ status: next.status }).where('id', '=', po.id));
    const lineIds = lines.map((l) => l.id);
    const requisitions =
      lineIds.length === 0
        ? []
        : book.exec.all(
            book.db
              .selectFrom('requisitions')
              .select(['id', 'number'])
              .where('po_line_id', 'in', lineIds)
              .where('status', '=', 'ordered')
              .orderBy('id'),
          );
    for (const r of requisitions)
      book.exec.run(
        book.db.updateTable('requisitions').set({ status: 'open', po_line_id: null }).where('id', '=', r.id),
      );
    const reopened = requisitions.map((r) => r.number);
    return {
      value: { status: next.status, requisitions: reopened },
      document: number,
      before: { status: po.status },
      after: { status: next.status, rejectedBy: approver, reason: reason.trim(), requisitions: reopened },
    };
  });
}

/**
 * Receive goods against a purchase order (everything still due, or the given quantities): FIFO
 * layers at the order price, stock moves, the goods-received-not-invoiced entry; then the goods
 * go first to the sales order lines waiting for them (those whose requisitions this order serves,
 * then any other waiting line), earliest promise date first, and are reserved for them.
 *
 * @example
 * receivePurchaseOrder(book, 'PO-2026-000001', { date: '2026-03-08' }) // { receipt: 'GR-2026-000001', allocated: [...] }
 */
export function receivePurchaseOrder(
  book: Book,
  number: string,
  input: { date: IsoDate; lines?: { lineNo: number; qty: Milli; batch?: string; expiry?: IsoDate }[] },
): { receipt: string; status: PurchaseOrderStatus; allocated: { order: string; lineNo: number; qty: Milli }[] } {
  return book.command('receivePurchaseOrder', () => {
    const { po, lines } = loadPo(book, number);
    const wanted: { lineNo: number; qty: Milli; batch?: string; expiry?: IsoDate }[] =
      input.lines ??
      lines.filter((l) => l.qty > l.received_qty).map((l) => ({ lineNo: l.line_no, qty: l.qty - l.received_qty }));
    const next = ensure(
      receivePo(
        poState(po, lines),
        wanted.map((w) => ({ line: String(w.lineNo), qty: w.qty })),
      ),
    );
    const receipt = nextNumber(book, 'GR', input.date);
    const receiptId = Number(
      book.exec.run(
        book.db
          .insertInto('receipts')
          .values({ number: receipt, po_id: po.id, warehouse_id: po.warehouse_id, date: input.date }),
      ).lastInsertRowid,
    );
    const supplier =
      book.exec.get(book.db.selectFrom('suppliers').select('code').where('id', '=', po.supplier_id))?.code ?? '';
    let total = 0;
    const allocated: { order: string; lineNo: number; qty: Milli }[] = [];
    const received = new Map(lines.map((l) => [l.id, l.received_qty]));
    for (const w of wanted) {
      const l = lines.find((x) => x.line_no === w.lineNo) as PoLineRow;
      const before = received.get(l.id) ?? 0;
      received.set(l.id, before + w.qty);
      const value = poLinePart(book, l.price_minor, 0, before, before + w.qty).net;
      total += value;
      const rlId = Number(
        book.exec.run(
          book.db.insertInto('receipt_lines').values({
            receipt_id: receiptId,
            po_line_id: l.id,
            product_id: l.product_id,
            qty: w.qty,
            value_minor: value,
            batch: w.batch ?? null,
            expiry: w.expiry ?? null,
          }),
        ).lastInsertRowid,
      );
      book.exec.run(
        book.db
          .updateTable('purchase_order_lines')
          .set((eb) => ({ received_qty: eb('received_qty', '+', w.qty) }))
          .where('id', '=', l.id),
      );
      receiveStock(book, {
        date: input.date,
        productId: l.product_id,
        warehouseId: po.warehouse_id,
        qty: w.qty,
        value,
        kind: 'receipt',
        document: receipt,
        ...(w.batch ? { batch: w.batch } : {}),
        ...(w.expiry ? { expiry: w.expiry } : {}),
      });
      allocated.push(...allocateToWaiting(book, rlId, l, po.warehouse_id, w.qty));
    }
    writeEntry(book, postPurchaseReceipt({ document: receipt, date: input.date, supplier, value: total }));
    book.exec.run(book.db.updateTable('purchase_orders').set({ status: next.status }).where('id', '=', po.id));
    return {
      value: { receipt, status: next.status, allocated },
      document: number,
      after: { receipt, value: total, allocated },
    };
  });
}

function allocateToWaiting(book: Book, receiptLineId: number, poLine: PoLineRow, warehouseId: number, qty: Milli) {
  const waiting = book.exec.all(
    book.db
      .selectFrom('sales_order_lines as l')
      .innerJoin('sales_orders as o', 'o.id', 'l.order_id')
      .select((eb) => [
        'l.id',
        'o.number',
        'l.line_no',
        eb(eb('l.qty', '-', eb.ref('l.shipped_qty')), '-', eb.ref('l.reserved_qty')).as('open'),
        'o.promise_date',
        eb
          .exists(
            eb
              .selectFrom('requisitions as r')
              .select(sql.lit(1).as('one'))
              .whereRef('r.sales_order_line_id', '=', 'l.id')
              .where('r.po_line_id', '=', poLine.id),
          )
          .as('linked'),
      ])
      .where('l.product_id', '=', poLine.product_id)
      // The partial index of lines not yet shipped in full: a product's shipped history is not read.
      .whereRef('l.shipped_qty', '<', 'l.qty')
      .where('o.warehouse_id', '=', warehouseId)
      .where((eb) => eb(eb(eb('l.qty', '-', eb.ref('l.shipped_qty')), '-', eb.ref('l.reserved_qty')), '>', 0))
      .where('o.status', 'in', ['awaiting_payment', 'awaiting_shipment', 'partially_shipped']),
  );
  const out: { order: string; lineNo: number; qty: Milli }[] = [];
  let left = qty;
  // Linked lines first, then any other line waiting for this product.
  for (const group of [waiting.filter((w) => w.linked), waiting.filter((w) => !w.linked)]) {
    const r = allocateReceipt(
      left,
      group.map((w) => ({ line: String(w.id), qty: w.open, promiseDate: w.promise_date })),
    );
    for (const a of r.allocations) {
      const w = group.find((x) => String(x.id) === a.line);
      if (!w) continue;
      book.exec.run(
        book.db
          .insertInto('receipt_allocations')
          .values({ receipt_line_id: receiptLineId, sales_order_line_id: w.id, qty: a.qty }),
      );
      book.exec.run(
        book.db
          .updateTable('sales_order_lines')
          .set((eb) => ({ reserved_qty: eb('reserved_qty', '+', a.qty) }))
          .where('id', '=', w.id),
      );
      changeReserved(book, poLine.product_id, warehouseId, a.qty);
      out.push({ order: w.number, lineNo: w.line_no, qty: a.qty });
    }
    left = r.free;
  }
  return out;
}

/**
 * Record a supplier's invoice for received goods: three-way match of order, receipts and invoice
 * (quantities, and price within a tolerance), then the payable entry, clearing goods received
 * not invoiced at the receipt value, input VAT for a special invoice.
 *
 * @example
 * recordSupplierInvoice(book, { po: 'PO-2026-000001', number: 'FJ-889', date: '2026-03-09', vatKind: 'special' })
 */
export function recordSupplierInvoice(
  book: Book,
  input: {
    po: string;
    number?: string;
    date: IsoDate;
    vatKind?: 'normal' | 'special';
    lines?: { lineNo: number; qty: Milli; price: Minor }[];
  },
): { invoice: string; gross: Minor } {
  return book.command('recordSupplierInvoice', () => {
    const { po, lines } = loadPo(book, input.po);
    const wanted =
      input.lines ??
      lines
        .filter((l) => l.received_qty > l.invoiced_qty)
        .map((l) => ({ lineNo: l.line_no, qty: l.received_qty - l.invoiced_qty, price: l.price_minor }));
    if (wanted.length === 0)
      throw rejected([
        {
          code: 'po.nothing_to_invoice',
          path: ['lines'],
          message: `nothing received on ${input.po} is left to invoice`,
        },
      ]);
    ensure(
      threeWayMatch(
        wanted.map((w) => {
          const l = lines.find((x) => x.line_no === w.lineNo) as PoLineRow;
          return {
            line: String(w.lineNo),
            orderedQty: l.qty,
            orderPrice: l.price_minor,
            receivedQty: l.received_qty,
            invoicedQty: l.invoiced_qty + w.qty,
            invoicePrice: w.price,
          };
        }),
        { price: numberSetting(book, 'match.price_tolerance_bp', 0) },
        { rounding: book.settings().rounding, precision: book.settings().precision },
      ),
    );
    const supplier = book.exec.get(
      book.db.selectFrom('suppliers').select(['code', 'payment_days']).where('id', '=', po.supplier_id),
    );
    const invoice = input.number ?? nextNumber(book, 'PINV', input.date);
    let net = 0;
    let tax = 0;
    let received = 0;
    const invoiced = new Map(lines.map((l) => [l.id, l.invoiced_qty]));
    const parts = wanted.map((w) => {
      const l = lines.find((x) => x.line_no === w.lineNo) as PoLineRow;
      const before = invoiced.get(l.id) ?? 0;
      invoiced.set(l.id, before + w.qty);
      const t = poLinePart(book, w.price, l.tax_rate_bp, before, before + w.qty);
      // Goods received not invoiced is cleared at the order price, the price the receipts used.
      const clears = poLinePart(book, l.price_minor, 0, before, before + w.qty).net;
      net += t.net;
      tax += t.tax;
      received += clears;
      return { w, l, t, clears };
    });
    const invoiceId = Number(
      book.exec.run(
        book.db.insertInto('invoices').values({
          number: invoice,
          kind: 'supplier',
          vat_kind: input.vatKind ?? 'special',
          supplier_id: po.supplier_id,
          po_id: po.id,
          date: input.date,
          due_date: addDays(input.date, supplier?.payment_days ?? 30),
          net_minor: net,
          tax_minor: tax,
          gross_minor: net + tax,
          open_minor: net + tax,
        }),
      ).lastInsertRowid,
    );
    for (const { w, l, t, clears } of parts) {
      book.exec.run(
        book.db.insertInto('invoice_lines').values({
          invoice_id: invoiceId,
          product_id: l.product_id,
          po_line_id: l.id,
          qty: w.qty,
          unit_price_minor: w.price,
          tax_rate_bp: l.tax_rate_bp,
          net_minor: t.net,
          tax_minor: t.tax,
          received_value_minor: clears,
        }),
      );
      book.exec.run(
        book.db
          .updateTable('purchase_order_lines')
          .set((eb) => ({ invoiced_qty: eb('invoiced_qty', '+', w.qty) }))
          .where('id', '=', l.id),
      );
    }
    writeEntry(
      book,
      postSupplierInvoice({
        document: invoice,
        date: input.date,
        supplier: supplier?.code ?? '',
        receivedValue: received,
        net,
        tax,
        kind: input.vatKind ?? 'special',
      }),
    );
    if (po.status === 'received') {
      const uninvoiced = book.exec.get(
        book.db
          .selectFrom('purchase_order_lines')
          .select((eb) => eb.fn.countAll<number>().as('lines'))
          .where('po_id', '=', po.id)
          .whereRef('invoiced_qty', '<', 'qty'),
      );
      if (uninvoiced?.lines === 0)
        book.exec.run(book.db.updateTable('purchase_orders').set({ status: 'closed' }).where('id', '=', po.id));
    }
    return { value: { invoice, gross: net + tax }, document: invoice, after: { po: input.po, net, tax } };
  });
}

export interface SupplierPaymentInput {
  supplier: string;
  date: IsoDate;
  amount: Minor;
  account?: string;
  /** What the bank kept on top of the payment, from a statement line. */
  fee?: Minor;
  /** The statement line this payment is, when booked from one. */
  statementLine?: number;
}

/** A payment made, or a request waiting for approval. */
export type SupplierPaymentOutcome = { payment: string } | { request: string; waiting: Waiting[] };

/** What the supplier is owed on open invoices less open debit notes, oldest due first; a payment beyond it is refused. */
function openPayables(book: Book, supplierId: number, input: SupplierPaymentInput) {
  const open = book.exec.all(
    book.db
      .selectFrom('invoices as i')
      .select(['i.id', 'i.open_minor as open'])
      .where('i.supplier_id', '=', supplierId)
      .orderBy('i.due_date')
      .orderBy('i.id'),
  );
  // A debit note (negative) lowers what is owed on the supplier's other invoices.
  const owed = Math.max(
    open.reduce((s, i) => s + i.open, 0),
    0,
  );
  if (input.amount > owed) {
    throw rejected([
      {
        code: 'payment.over_owed',
        path: ['amount'],
        message: `${input.supplier} is owed ${bookMoney(book, owed)}; a payment of ${bookMoney(book, input.amount)} would prepay`,
        value: input.amount,
      },
    ]);
  }
  return open;
}

/** The payment itself: numbered, settling open invoices oldest first, posted to the journal. */
function postPayment(book: Book, input: SupplierPaymentInput): string {
  const supplierId = idOf(book, 'suppliers', input.supplier, 'supplier');
  const open = openPayables(book, supplierId, input);
  const payment = nextNumber(book, 'PAY', input.date);
  const paymentId = Number(
    book.exec.run(
      book.db.insertInto('payments').values({
        number: payment,
        kind: 'supplier',
        supplier_id: supplierId,
        date: input.date,
        amount_minor: input.amount,
        unallocated_minor: input.amount,
        account: input.account ?? '1002',
        fee_minor: input.fee ?? 0,
        statement_line_id: input.statementLine ?? null,
      }),
    ).lastInsertRowid,
  );
  let left = input.amount;
  for (const i of open) {
    if (left === 0) break;
    const take = Math.min(left, i.open);
    if (take <= 0) continue;
    allocatePayment(book, { payment: paymentId, invoice: i.id, amount: take, date: input.date });
    left -= take;
  }
  writeEntry(
    book,
    postSupplierPayment({
      document: payment,
      date: input.date,
      supplier: input.supplier,
      amount: input.amount,
      cashAccount: input.account ?? '1002',
      fee: input.fee ?? 0,
    }),
  );
  return payment;
}

/**
 * A payment to a supplier that has happened (a bank statement line shows it): posted at once,
 * settling their open invoices oldest first. Approval is for money not yet paid out.
 */
export function recordSupplierPayment(book: Book, input: SupplierPaymentInput): { payment: string } {
  return book.command('paySupplier', () => {
    const payment = postPayment(book, input);
    return { value: { payment }, document: payment, after: { amount: input.amount } };
  });
}

/**
 * Pay a supplier: the amount settles their open invoices oldest first. Over the
 * `supplier_payment` rule's amount, the payment is a request (`PRQ-…`) that waits for approval
 * and is paid, with its date, amount and account, when approved (as a draft payment waits in Odoo
 * or ERPNext); a payment from a bank statement line has happened and posts at once.
 *
 * @example
 * paySupplier(book, { supplier: 'S1', date: '2026-03-25', amount: 151_872 }) // { payment: 'PAY-2026-000001' }
 * paySupplier(book, { supplier: 'S1', date: '2026-03-25', amount: 15_000_000 }) // { request: 'PRQ-2026-000001', waiting: [{ role: 'accountant', … }] }
 */
export function paySupplier(book: Book, input: SupplierPaymentInput): SupplierPaymentOutcome {
  return book.command<SupplierPaymentOutcome>('paySupplier', () => {
    const steps =
      input.statementLine === undefined
        ? amountApprovalSteps('supplier_payment', input.amount, loadApprovalRules(book), {
            precision: book.settings().precision,
          })
        : [];
    if (steps.length === 0) {
      const payment = postPayment(book, input);
      return { value: { payment }, document: payment, after: { amount: input.amount } };
    }
    const supplierId = idOf(book, 'suppliers', input.supplier, 'supplier');
    openPayables(book, supplierId, input);
    const request = nextNumber(book, 'PRQ', input.date);
    const id = Number(
      book.exec.run(
        book.db.insertInto('payment_requests').values({
          number: request,
          supplier_id: supplierId,
          date: input.date,
          amount_minor: input.amount,
          account: input.account ?? '1002',
          fee_minor: input.fee ?? 0,
          requested_by: book.actor,
          requested_at: book.now(),
        }),
      ).lastInsertRowid,
    );
    requestApproval(book, 'supplier_payment', id, steps);
    const waiting = steps.map((s) => ({ step: s.step, role: s.role, message: s.message }));
    return {
      value: { request, waiting },
      document: request,
      after: { amount: input.amount, waiting: waiting.map((w) => w.role) },
    };
  });
}

export type ApprovedPayment = { status: 'pending' | 'paid'; payment?: string; waiting?: Waiting[] };

function loadRequest(book: Book, number: string) {
  const r = book.exec.get(
    book.db
      .selectFrom('payment_requests as r')
      .innerJoin('suppliers as s', 's.id', 'r.supplier_id')
      .selectAll('r')
      .select('s.code as supplier')
      .where('r.number', '=', number),
  );
  if (!r) throw notFound('payment request', number);
  if (r.status !== 'pending')
    throw rejected([
      {
        code: 'payment.request_decided',
        path: ['status'],
        message: `${number} is ${r.status === 'paid' ? 'paid already' : 'rejected'}`,
        value: r.status,
      },
    ]);
  return r;
}

/**
 * Approve a supplier payment request as the acting user: once no step waits, the payment is
 * made as requested (its date, amount, account) and the request points to it.
 *
 * @example
 * approveSupplierPayment(book, 'PRQ-2026-000001') // { status: 'paid', payment: 'PAY-2026-000003' }
 */
export function approveSupplierPayment(book: Book, number: string, user?: string): ApprovedPayment {
  return book.command<ApprovedPayment>('approveSupplierPayment', () => {
    const r = loadRequest(book, number);
    const { approver, waiting } = approveSteps(
      book,
      { kind: 'supplier_payment', id: r.id, number },
      'finance.write',
      user,
    );
    if (waiting.length > 0)
      return {
        value: { status: 'pending' as const, waiting },
        document: number,
        after: { approvedBy: approver, waiting: waiting.map((w) => w.role) },
      };
    const payment = postPayment(book, {
      supplier: r.supplier,
      date: r.date,
      amount: r.amount_minor,
      account: r.account,
      fee: r.fee_minor,
    });
    const paymentId = book.exec.value<number>('select id from payments where number = ?', payment) ?? null;
    book.exec.run(
      book.db.updateTable('payment_requests').set({ status: 'paid', payment_id: paymentId }).where('id', '=', r.id),
    );
    return {
      value: { status: 'paid' as const, payment },
      document: number,
      before: { status: 'pending' },
      after: { status: 'paid', approvedBy: approver, payment },
    };
  });
}

/** Reject a supplier payment request, with the reason (required): nothing is paid. */
export function rejectSupplierPayment(
  book: Book,
  number: string,
  reason: string,
  user?: string,
): { status: 'rejected' } {
  return book.command('rejectSupplierPayment', () => {
    const r = loadRequest(book, number);
    const { approver } = rejectSteps(book, { kind: 'supplier_payment', id: r.id, number }, reason, user);
    book.exec.run(book.db.updateTable('payment_requests').set({ status: 'rejected' }).where('id', '=', r.id));
    return {
      value: { status: 'rejected' as const },
      document: number,
      before: { status: 'pending' },
      after: { status: 'rejected', rejectedBy: approver, reason: reason.trim() },
    };
  });
}

/**
 * Place a purchase order directly (not from requisitions): lines at the given prices, submitted
 * at once; over the approval threshold it waits for a purchasing manager.
 *
 * @example
 * placePurchaseOrder(book, { supplier: 'S01', warehouse: 'WH1', date: '2026-11-23', lines: [{ sku: 'TEA-001', qty: 24000, price: 11200 }] })
 * // { number: 'PO-2026-000001', status: 'ordered' }
 */
export function placePurchaseOrder(
  book: Book,
  input: {
    supplier: string;
    warehouse: string;
    date: IsoDate;
    expectedDate?: IsoDate;
    /** The order's number in the file it was imported from: found again by the next import. */
    reference?: string;
    lines: { sku: string; qty: Milli; price?: Minor }[];
  },
): { number: string; status: PurchaseOrderStatus } {
  return book.command('placePurchaseOrder', () => {
    const supplierId = idOf(book, 'suppliers', input.supplier, 'supplier');
    const warehouseId = idOf(book, 'warehouses', input.warehouse, 'warehouse');
    const lines = input.lines.map((l) => {
      const p = book.exec.get(
        book.db
          .selectFrom('products')
          .select(['id', 'cost_minor', 'tax_rate_bp', 'lead_time_days'])
          .where('sku', '=', l.sku),
      );
      if (!p) throw notFound('product', l.sku);
      return { ...l, productId: p.id, price: l.price ?? p.cost_minor, rate: p.tax_rate_bp, lead: p.lead_time_days };
    });
    const { number, status } = writePurchaseOrder(book, {
      supplierId,
      warehouseId,
      date: input.date,
      expectedDate: input.expectedDate ?? addDays(input.date, Math.max(0, ...lines.map((l) => l.lead))),
      lines: lines.map((l) => ({ productId: l.productId, qty: l.qty, price: l.price, rate: l.rate })),
    });
    if (input.reference)
      book.exec.run(
        book.db.updateTable('purchase_orders').set({ source_ref: input.reference }).where('number', '=', number),
      );
    return { value: { number, status }, document: number, after: { status } };
  });
}

/** An order placed by an import, found by its number in the source file. */
export interface ImportedOrder {
  number: string;
  /** Customer or supplier code. */
  party: string;
  warehouse: string;
  date: IsoDate;
  lines: { sku: string; qty: Milli }[];
}

/**
 * The sales or purchase order an earlier import placed for `reference`, if any: a second import of
 * the same file compares with it instead of placing the order again.
 */
export function importedOrder(book: Book, kind: 'sales' | 'purchase', reference: string): ImportedOrder | undefined {
  const head = book.exec.get(
    kind === 'sales'
      ? book.db
          .selectFrom('sales_orders as o')
          .innerJoin('customers as c', 'c.id', 'o.customer_id')
          .innerJoin('warehouses as w', 'w.id', 'o.warehouse_id')
          .select(['o.id', 'o.number', 'c.code as party', 'w.code as warehouse', 'o.order_date as date'])
          .where('o.source_ref', '=', reference)
      : book.db
          .selectFrom('purchase_orders as o')
          .innerJoin('suppliers as s', 's.id', 'o.supplier_id')
          .innerJoin('warehouses as w', 'w.id', 'o.warehouse_id')
          .select(['o.id', 'o.number', 's.code as party', 'w.code as warehouse', 'o.order_date as date'])
          .where('o.source_ref', '=', reference),
  );
  if (!head) return undefined;
  const lines = book.exec.all(
    kind === 'sales'
      ? book.db
          .selectFrom('sales_order_lines as l')
          .innerJoin('products as p', 'p.id', 'l.product_id')
          .select(['p.sku', 'l.qty'])
          .where('l.order_id', '=', head.id)
          .orderBy('l.line_no')
      : book.db
          .selectFrom('purchase_order_lines as l')
          .innerJoin('products as p', 'p.id', 'l.product_id')
          .select(['p.sku', 'l.qty'])
          .where('l.po_id', '=', head.id)
          .orderBy('l.line_no'),
  );
  return { number: head.number, party: head.party, warehouse: head.warehouse, date: head.date, lines };
}
