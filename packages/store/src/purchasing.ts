import {
  addDays,
  allocateReceipt,
  approvePurchaseOrder as approvePo,
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
  submitPurchaseOrder,
  type Taxed,
  type TaxMode,
  threeWayMatch,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { bookMoney, idOf, notFound, numberSetting } from './master-data.js';
import { nextNumber } from './numbering.js';
import { ensure, rejected } from './refusal.js';
import { changeReserved, receiveStock } from './stock-ledger.js';

interface PoRow {
  id: number;
  number: string;
  supplier_id: number;
  warehouse_id: number;
  status: PurchaseOrderStatus;
  order_date: string;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
}
interface PoLineRow {
  id: number;
  line_no: number;
  product_id: number;
  qty: number;
  price_minor: number;
  tax_rate_bp: number;
  received_qty: number;
  invoiced_qty: number;
}

/**
 * Purchase prices are net of VAT: a line is priced at the product's standard cost, and stock is
 * valued net because the input VAT of a special invoice is deducted, not part of the cost.
 */
const PURCHASE_TAX_MODE: TaxMode = 'exclusive';

/**
 * A stretch of a purchase order line's quantity at a price: what a receipt values or an invoice
 * charges, figured so that receipts (or invoices) of a line, however split, add up to the whole.
 */
function poLinePart(book: Book, price: Minor, rate: number, from: Milli, to: Milli): Taxed {
  return ensure(
    pricedPart(
      { unitPrice: price, taxRate: rate, taxMode: PURCHASE_TAX_MODE },
      { from, to },
      { rounding: book.settings().rounding },
    ),
  );
}

function loadPo(book: Book, number: string): { po: PoRow; lines: PoLineRow[] } {
  const po = book.exec.selectOne<PoRow>('select * from purchase_orders where number = ?', number);
  if (!po) throw notFound('purchase order', number);
  return {
    po,
    lines: book.exec.select<PoLineRow>('select * from purchase_order_lines where po_id = ? order by line_no', po.id),
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
  const state = ensure(
    submitPurchaseOrder(
      {
        status: 'draft',
        amount: totals.total.gross,
        lines: po.lines.map((l, i) => ({ id: String(i + 1), qty: l.qty, received: 0 })),
      },
      numberSetting(book, 'approval.po_amount', 10_000_000),
    ),
  );
  const number = nextNumber(book, 'PO', po.date);
  const poId = Number(
    book.exec.execute(
      `insert into purchase_orders (number, supplier_id, warehouse_id, status, order_date, expected_date, net_minor, tax_minor, gross_minor)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      number,
      po.supplierId,
      po.warehouseId,
      state.status,
      po.date,
      po.expectedDate,
      totals.total.net,
      totals.total.tax,
      totals.total.gross,
    ).lastInsertRowid,
  );
  const lineIds = po.lines.map((l, i) =>
    Number(
      book.exec.execute(
        'insert into purchase_order_lines (po_id, line_no, product_id, qty, price_minor, tax_rate_bp) values (?, ?, ?, ?, ?, ?)',
        poId,
        i + 1,
        l.productId,
        l.qty,
        l.price,
        l.rate,
      ).lastInsertRowid,
    ),
  );
  return { number, status: state.status, lineIds };
}

/**
 * Turn open requisitions into purchase orders, one per preferred supplier and warehouse: quantities
 * summed per product and rounded up to pack size and minimum order; priced at the product's cost;
 * submitted at once (over the approval threshold they wait for approval).
 *
 * @example
 * createPurchaseOrders(book, { date: '2026-03-03' }) // { orders: ['PO-2026-000001'], unassigned: [] }
 */
export function createPurchaseOrders(book: Book, input: { date: IsoDate }): { orders: string[]; unassigned: string[] } {
  return book.command('createPurchaseOrders', () => {
    const reqs = book.exec.select<{
      id: number;
      number: string;
      product_id: number;
      warehouse_id: number;
      qty: number;
      supplier: string | null;
      pack_size: number;
      moq: number;
      cost_minor: number;
      tax_rate_bp: number;
      lead_time_days: number;
    }>(
      `select r.id, r.number, r.product_id, r.warehouse_id, r.qty, s.code as supplier, p.pack_size, p.moq, p.cost_minor, p.tax_rate_bp, p.lead_time_days
       from requisitions r join products p on p.id = r.product_id left join suppliers s on s.id = p.preferred_supplier_id
       where r.status = 'open' order by r.id`,
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
          const lineId = lineIds[i];
          for (const req of l.requisitions) {
            book.exec.execute(
              "update requisitions set status = 'ordered', po_line_id = ? where id = ?",
              lineId,
              Number(req),
            );
          }
        });
        orders.push(number);
      }
    }
    return { value: { orders, unassigned }, after: { orders, unassigned } };
  });
}

/** Approve a purchase order waiting for approval, as a user with the purchasing manager role. */
export function approvePurchaseOrder(book: Book, number: string, user: string): { status: PurchaseOrderStatus } {
  return book.command('approvePurchaseOrder', () => {
    const { po, lines } = loadPo(book, number);
    const roles = (book.exec.value<string>('select roles from users where name = ?', user) ?? '')
      .split(',')
      .filter(Boolean);
    const next = ensure(approvePo(poState(po, lines), { user, roles }));
    book.exec.execute('update purchase_orders set status = ? where id = ?', next.status, po.id);
    return {
      value: { status: next.status },
      document: number,
      before: { status: po.status },
      after: { status: next.status },
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
      book.exec.execute(
        'insert into receipts (number, po_id, warehouse_id, date) values (?, ?, ?, ?)',
        receipt,
        po.id,
        po.warehouse_id,
        input.date,
      ).lastInsertRowid,
    );
    const supplier = book.exec.value<string>('select code from suppliers where id = ?', po.supplier_id) ?? '';
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
        book.exec.execute(
          'insert into receipt_lines (receipt_id, po_line_id, product_id, qty, value_minor, batch, expiry) values (?, ?, ?, ?, ?, ?, ?)',
          receiptId,
          l.id,
          l.product_id,
          w.qty,
          value,
          w.batch ?? null,
          w.expiry ?? null,
        ).lastInsertRowid,
      );
      book.exec.execute('update purchase_order_lines set received_qty = received_qty + ? where id = ?', w.qty, l.id);
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
    book.exec.execute('update purchase_orders set status = ? where id = ?', next.status, po.id);
    return {
      value: { receipt, status: next.status, allocated },
      document: number,
      after: { receipt, value: total, allocated },
    };
  });
}

function allocateToWaiting(book: Book, receiptLineId: number, poLine: PoLineRow, warehouseId: number, qty: Milli) {
  const waiting = book.exec.select<{
    id: number;
    number: string;
    line_no: number;
    open: number;
    promise_date: string;
    linked: number;
  }>(
    `select l.id, o.number, l.line_no, l.qty - l.shipped_qty - l.reserved_qty as open, o.promise_date,
       exists (select 1 from requisitions r where r.sales_order_line_id = l.id and r.po_line_id = ?) as linked
     from sales_order_lines l join sales_orders o on o.id = l.order_id
     where l.product_id = ? and o.warehouse_id = ? and l.qty - l.shipped_qty - l.reserved_qty > 0
       and o.status in ('awaiting_payment', 'awaiting_shipment', 'partially_shipped')`,
    poLine.id,
    poLine.product_id,
    warehouseId,
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
      book.exec.execute(
        'insert into receipt_allocations (receipt_line_id, sales_order_line_id, qty) values (?, ?, ?)',
        receiptLineId,
        w.id,
        a.qty,
      );
      book.exec.execute('update sales_order_lines set reserved_qty = reserved_qty + ? where id = ?', a.qty, w.id);
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
    const supplier = book.exec.selectOne<{ code: string; payment_days: number }>(
      'select code, payment_days from suppliers where id = ?',
      po.supplier_id,
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
      book.exec.execute(
        `insert into invoices (number, kind, vat_kind, supplier_id, po_id, date, due_date, net_minor, tax_minor, gross_minor)
         values (?, 'supplier', ?, ?, ?, ?, ?, ?, ?, ?)`,
        invoice,
        input.vatKind ?? 'special',
        po.supplier_id,
        po.id,
        input.date,
        addDays(input.date, supplier?.payment_days ?? 30),
        net,
        tax,
        net + tax,
      ).lastInsertRowid,
    );
    for (const { w, l, t, clears } of parts) {
      book.exec.execute(
        'insert into invoice_lines (invoice_id, product_id, po_line_id, qty, unit_price_minor, tax_rate_bp, net_minor, tax_minor, received_value_minor) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        invoiceId,
        l.product_id,
        l.id,
        w.qty,
        w.price,
        l.tax_rate_bp,
        t.net,
        t.tax,
        clears,
      );
      book.exec.execute('update purchase_order_lines set invoiced_qty = invoiced_qty + ? where id = ?', w.qty, l.id);
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
    if (
      po.status === 'received' &&
      book.exec.value<number>(
        'select count(*) from purchase_order_lines where po_id = ? and invoiced_qty < qty',
        po.id,
      ) === 0
    ) {
      book.exec.execute("update purchase_orders set status = 'closed' where id = ?", po.id);
    }
    return { value: { invoice, gross: net + tax }, document: invoice, after: { po: input.po, net, tax } };
  });
}

/** Pay a supplier: the amount settles their open invoices oldest first. */
export function paySupplier(
  book: Book,
  input: {
    supplier: string;
    date: IsoDate;
    amount: Minor;
    account?: string;
    /** What the bank kept on top of the payment, from a statement line. */
    fee?: Minor;
    /** The statement line this payment is, when booked from one. */
    statementLine?: number;
  },
): { payment: string } {
  return book.command('paySupplier', () => {
    const supplierId = idOf(book, 'suppliers', input.supplier, 'supplier');
    const open = book.exec.select<{ id: number; open: number }>(
      `select i.id, i.gross_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0) as open
       from invoices i where i.supplier_id = ? order by i.due_date, i.id`,
      supplierId,
    );
    const owed = open.reduce((s, i) => s + Math.max(i.open, 0), 0);
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
    const payment = nextNumber(book, 'PAY', input.date);
    const paymentId = Number(
      book.exec.execute(
        "insert into payments (number, kind, supplier_id, date, amount_minor, account, fee_minor, statement_line_id) values (?, 'supplier', ?, ?, ?, ?, ?, ?)",
        payment,
        supplierId,
        input.date,
        input.amount,
        input.account ?? '1002',
        input.fee ?? 0,
        input.statementLine ?? null,
      ).lastInsertRowid,
    );
    let left = input.amount;
    for (const i of open) {
      if (left === 0) break;
      const take = Math.min(left, i.open);
      if (take <= 0) continue;
      book.exec.execute(
        'insert into payment_allocations (payment_id, invoice_id, amount_minor, date) values (?, ?, ?, ?)',
        paymentId,
        i.id,
        take,
        input.date,
      );
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
    return { value: { payment }, document: payment, after: { amount: input.amount } };
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
      const p = book.exec.selectOne<{ id: number; cost_minor: number; tax_rate_bp: number; lead_time_days: number }>(
        'select id, cost_minor, tax_rate_bp, lead_time_days from products where sku = ?',
        l.sku,
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
      book.exec.execute('update purchase_orders set source_ref = ? where number = ?', input.reference, number);
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
  const head = book.exec.selectOne<{ id: number; number: string; party: string; warehouse: string; date: string }>(
    kind === 'sales'
      ? `select o.id, o.number, c.code as party, w.code as warehouse, o.order_date as date from sales_orders o
           join customers c on c.id = o.customer_id join warehouses w on w.id = o.warehouse_id where o.source_ref = ?`
      : `select o.id, o.number, s.code as party, w.code as warehouse, o.order_date as date from purchase_orders o
           join suppliers s on s.id = o.supplier_id join warehouses w on w.id = o.warehouse_id where o.source_ref = ?`,
    reference,
  );
  if (!head) return undefined;
  const lines = book.exec.select<{ sku: string; qty: number }>(
    kind === 'sales'
      ? 'select p.sku, l.qty from sales_order_lines l join products p on p.id = l.product_id where l.order_id = ? order by l.line_no'
      : 'select p.sku, l.qty from purchase_order_lines l join products p on p.id = l.product_id where l.po_id = ? order by l.line_no',
    head.id,
  );
  return { number: head.number, party: head.party, warehouse: head.warehouse, date: head.date, lines };
}
