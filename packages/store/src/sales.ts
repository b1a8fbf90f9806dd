import {
  addDays,
  approvalsNeeded,
  approveOrder,
  cancelOrder,
  checkCredit,
  completeOrder,
  formatQuantity,
  type IsoDate,
  type Issue,
  type LineFigures,
  linePart,
  type Milli,
  type Minor,
  orderTotals,
  type PriceTraceEntry,
  planReservations,
  postAdvanceApplied,
  postCustomerPayment,
  postSalesInvoice,
  postShipmentCost,
  recordOrderPayment,
  resolvePrice,
  type SalesOrderState,
  type SalesOrderStatus,
  shipOrder,
  type Taxed,
  type TaxMode,
  taxModeOf,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { bookMoney, idOf, loadPricingRules, notFound, numberSetting } from './master-data.js';
import { nextNumber } from './numbering.js';
import { ensure, rejected } from './refusal.js';
import { changeReserved, invoicedCost, issueStock, stockBalance } from './stock-ledger.js';

interface OrderRow {
  id: number;
  number: string;
  customer_id: number;
  salesperson_id: number | null;
  channel: string | null;
  order_date: string;
  promise_date: string;
  terms: 'prepaid' | 'credit';
  status: SalesOrderStatus;
  warehouse_id: number;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
  paid_minor: number;
}

interface LineRow {
  id: number;
  line_no: number;
  product_id: number;
  qty: number;
  unit_price_minor: number;
  tax_rate_bp: number;
  tax_inclusive: number;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
  reserved_qty: number;
  shipped_qty: number;
  invoiced_qty: number;
  price_trace_json: string;
}

export function loadOrder(book: Book, number: string): { order: OrderRow; lines: LineRow[] } {
  const order = book.exec.selectOne<OrderRow>('select * from sales_orders where number = ?', number);
  if (!order) throw notFound('sales order', number);
  const lines = book.exec.select<LineRow>(
    'select * from sales_order_lines where order_id = ? order by line_no',
    order.id,
  );
  return { order, lines };
}

const stateOf = (
  order: OrderRow,
  lines: LineRow[],
  approvedBy: SalesOrderState['approvedBy'] = [],
): SalesOrderState => ({
  status: order.status,
  terms: order.terms,
  amount: order.gross_minor,
  paid: order.paid_minor,
  lines: lines.map((l) => ({ id: String(l.line_no), qty: l.qty, shipped: l.shipped_qty })),
  approvedBy,
});

/** What a customer owes on open sales invoices, as of now. */
export function openReceivables(book: Book, customerId: number): Minor {
  return (
    book.exec.value<number>(
      `select coalesce(sum(i.gross_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0)), 0)
       from invoices i where i.customer_id = ? and i.kind in ('sales', 'sales_credit')`,
      customerId,
    ) ?? 0
  );
}

/**
 * An order line's figures as core's partial documents read them.
 *
 * @example
 * figuresOf(line) // { qty: 3000, net: 1000, tax: 130, gross: 1130, taxRate: 1300, taxMode: 'exclusive' }
 */
const figuresOf = (l: {
  qty: number;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
  tax_rate_bp: number;
  tax_inclusive: number;
}): LineFigures => ({
  qty: l.qty,
  net: l.net_minor,
  tax: l.tax_minor,
  gross: l.gross_minor,
  taxRate: l.tax_rate_bp,
  taxMode: taxModeOf(l.tax_inclusive === 1),
});

/** The part of an order line from one quantity to another, as invoices and credit notes take it. */
export function orderLinePart(book: Book, line: Parameters<typeof figuresOf>[0], from: Milli, to: Milli): Taxed {
  return ensure(linePart(figuresOf(line), { from, to }, { rounding: book.settings().rounding }));
}

/** What is not yet invoiced on a customer's open credit orders, gross: the rest of each line. */
function openCreditOrders(book: Book, customerId: number): Minor {
  const lines = book.exec.select<LineRow>(
    `select l.* from sales_orders o join sales_order_lines l on l.order_id = o.id
     where o.customer_id = ? and o.terms = 'credit'
       and o.status in ('pending_review', 'awaiting_shipment', 'partially_shipped', 'shipped')`,
    customerId,
  );
  return lines.reduce((sum, l) => sum + orderLinePart(book, l, l.invoiced_qty, l.qty).gross, 0);
}

export interface PlaceOrderInput {
  customer: string;
  salesperson?: string;
  warehouse: string;
  date: IsoDate;
  promiseDate?: IsoDate;
  channel?: string;
  /** The order's number in the file it was imported from: found again by the next import. */
  reference?: string;
  lines: { sku: string; qty: Milli; requestedPrice?: Minor }[];
}

export interface PlacedOrder {
  number: string;
  needs: { code: string; role: string; message: string }[];
  /** Each line's price and how it was found: the list (or base price) that won, and why. */
  lines: { lineNo: number; sku: string; unitPrice: Minor; taxMode: TaxMode; trace: PriceTraceEntry[] }[];
}

/**
 * Place a sales order: prices resolved by core from the price lists, else the product's own
 * price (the trace kept on each line), each line charged in its price's tax mode, totals with
 * VAT in the book's rounding, the credit check for credit terms, and every approval the order
 * needs recorded. The order waits in `pending_review`.
 *
 * @example
 * placeSalesOrder(book, { customer: 'C001', salesperson: 'lin', warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 12000 }] })
 * // { number: 'SO-2026-000001', needs: [], lines: [{ lineNo: 1, sku: 'TEA-001', unitPrice: 18800, … }] }
 */
export function placeSalesOrder(book: Book, input: PlaceOrderInput): PlacedOrder {
  return book.command('placeSalesOrder', () => {
    if (input.lines.length === 0)
      throw rejected([{ code: 'order.empty', path: ['lines'], message: 'an order needs at least one line' }]);
    const customer = book.exec.selectOne<{
      id: number;
      code: string;
      tier: string | null;
      channel: string | null;
      terms: 'prepaid' | 'credit';
      credit_limit_minor: number | null;
      owner_id: number | null;
    }>(
      'select id, code, tier, channel, terms, credit_limit_minor, owner_id from customers where code = ?',
      input.customer,
    );
    if (!customer) throw notFound('customer', input.customer);
    const sp = input.salesperson
      ? book.exec.selectOne<{ id: number; code: string; level: string; max_discount_bp: number }>(
          'select id, code, level, max_discount_bp from salespeople where code = ?',
          input.salesperson,
        )
      : book.exec.selectOne<{ id: number; code: string; level: string; max_discount_bp: number }>(
          'select id, code, level, max_discount_bp from salespeople where id = ?',
          customer.owner_id,
        );
    if (input.salesperson && !sp) throw notFound('salesperson', input.salesperson);
    const warehouseId = idOf(book, 'warehouses', input.warehouse);
    const rules = loadPricingRules(book);
    const { rounding, precision, pricesIncludeTax } = book.settings();
    const productTaxMode = taxModeOf(pricesIncludeTax);
    const issues: Issue[] = [];
    const priced = input.lines.map((line, i) => {
      const p = book.exec.selectOne<{
        id: number;
        sku: string;
        category: string;
        floor_price_minor: number | null;
        price_minor: number;
        exclusive_channels: string | null;
        tax_rate_bp: number;
        listed: number;
      }>(
        `select p.id, p.sku, c.path as category, p.floor_price_minor, p.price_minor, p.exclusive_channels, p.tax_rate_bp, p.listed
         from products p join categories c on c.id = p.category_id where p.sku = ?`,
        line.sku,
      );
      if (!p) {
        issues.push({
          code: 'product.not_found',
          path: ['lines', i, 'sku'],
          message: `no product ${line.sku}`,
          value: line.sku,
        });
        return null;
      }
      if (!p.listed)
        issues.push({
          code: 'product.unlisted',
          path: ['lines', i, 'sku'],
          message: `${line.sku} is not listed for sale`,
          value: line.sku,
        });
      if (!(line.qty > 0))
        issues.push({ code: 'order.qty', path: ['lines', i, 'qty'], message: 'must be positive', value: line.qty });
      const channel = input.channel ?? customer.channel ?? undefined;
      const exclusive = p.exclusive_channels ? (JSON.parse(p.exclusive_channels) as string[]) : undefined;
      const r = resolvePrice(
        {
          product: {
            sku: p.sku,
            category: p.category,
            // The product's own price is its base price, in the book's tax mode for product prices.
            basePrice: p.price_minor,
            taxMode: productTaxMode,
            taxRate: p.tax_rate_bp,
            ...(p.floor_price_minor === null ? {} : { floorPrice: p.floor_price_minor }),
            ...(exclusive ? { exclusiveChannels: exclusive } : {}),
          },
          customer: {
            code: customer.code,
            ...(customer.tier ? { tier: customer.tier } : {}),
            ...(customer.channel ? { channel: customer.channel } : {}),
          },
          qty: line.qty,
          date: input.date,
          ...(channel ? { channel } : {}),
          ...(sp ? { salesperson: { code: sp.code, level: sp.level, maxDiscount: sp.max_discount_bp } } : {}),
          ...(line.requestedPrice === undefined ? {} : { requestedPrice: line.requestedPrice }),
        },
        rules,
        { rounding, precision },
      );
      if (!r.ok) {
        issues.push(...r.issues.map((x) => ({ ...x, path: ['lines', i, ...x.path] })));
        return null;
      }
      return { product: p, line, price: r.value };
    });
    if (issues.length > 0) throw rejected(issues);
    const ok = priced.filter((p): p is NonNullable<typeof p> => p !== null);
    // Each line is charged in the mode its price came in: a 含税 list's line grosses qty × price.
    const modes = [...new Set(ok.map((p) => p.price.taxMode))];
    const totals = ensure(
      orderTotals({
        taxMode: modes.length === 1 ? (modes[0] as TaxMode) : 'exclusive',
        rounding,
        lines: ok.map((p) => ({
          qty: p.line.qty,
          unitPrice: p.price.unitPrice,
          taxRate: p.product.tax_rate_bp,
          taxMode: p.price.taxMode,
        })),
      }),
    );
    const credit =
      customer.terms === 'credit'
        ? checkCredit({
            limit: customer.credit_limit_minor,
            openReceivables: openReceivables(book, customer.id),
            openCreditOrders: openCreditOrders(book, customer.id),
            orderAmount: totals.total.gross,
          })
        : null;
    const needs = ensure(
      approvalsNeeded(
        { amount: totals.total.gross, priceFlags: ok.flatMap((p) => p.price.approvalReasons), credit },
        { amountThreshold: numberSetting(book, 'approval.order_amount', 5_000_000) },
        { precision },
      ),
    );
    const number = nextNumber(book, 'SO', input.date);
    const orderId = Number(
      book.exec.execute(
        `insert into sales_orders (number, customer_id, salesperson_id, channel, order_date, promise_date, terms, status,
           warehouse_id, tax_mode, net_minor, tax_minor, gross_minor) values (?, ?, ?, ?, ?, ?, ?, 'pending_review', ?, ?, ?, ?, ?)`,
        number,
        customer.id,
        sp?.id ?? null,
        input.channel ?? customer.channel ?? null,
        input.date,
        input.promiseDate ?? addDays(input.date, 7),
        customer.terms,
        warehouseId,
        // Lines priced in both modes make a mixed order; each line keeps its own.
        modes.length === 1 ? modes[0] : 'mixed',
        totals.total.net,
        totals.total.tax,
        totals.total.gross,
      ).lastInsertRowid,
    );
    if (input.reference)
      book.exec.execute('update sales_orders set source_ref = ? where id = ?', input.reference, orderId);
    ok.forEach((p, i) => {
      const t = totals.lines[i];
      book.exec.execute(
        `insert into sales_order_lines (order_id, line_no, product_id, qty, unit_price_minor, list_price_minor, tax_rate_bp,
           tax_inclusive, net_minor, tax_minor, gross_minor, price_trace_json) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        orderId,
        i + 1,
        p.product.id,
        p.line.qty,
        p.price.unitPrice,
        p.price.listPrice,
        p.product.tax_rate_bp,
        p.price.taxMode === 'inclusive' ? 1 : 0,
        t?.net ?? 0,
        t?.tax ?? 0,
        t?.gross ?? 0,
        JSON.stringify(p.price.trace),
      );
    });
    book.exec.execute(
      'update customers set last_activity = max(coalesce(last_activity, ?), ?) where id = ?',
      input.date,
      input.date,
      customer.id,
    );
    for (const n of needs) {
      book.exec.execute(
        'insert into approvals (document_kind, document_id, code, role, message) values (?, ?, ?, ?, ?)',
        'sales_order',
        orderId,
        n.code,
        n.role,
        n.message,
      );
    }
    const lines = ok.map((p, i) => ({
      lineNo: i + 1,
      sku: p.product.sku,
      unitPrice: p.price.unitPrice,
      taxMode: p.price.taxMode,
      trace: p.price.trace,
    }));
    return {
      value: { number, needs, lines },
      document: number,
      after: { gross: totals.total.gross, needs: needs.map((n) => n.code) },
    };
  });
}

/**
 * Approve a sales order as a user with roles: core checks the roles against the recorded needs;
 * then stock is reserved for each line, earliest promise date first, and what cannot be reserved
 * becomes purchase requisitions linked to the order lines.
 *
 * @example
 * approveSalesOrder(book, 'SO-2026-000001', 'wang') // { status: 'awaiting_shipment', requisitions: ['PR-2026-000001'] }
 */
export function approveSalesOrder(
  book: Book,
  number: string,
  user: string,
): { status: SalesOrderStatus; requisitions: string[] } {
  return book.command('approveSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    const roles = (book.exec.value<string>('select roles from users where name = ?', user) ?? '')
      .split(',')
      .filter(Boolean);
    const needs = book.exec.select<{ code: string; role: string; message: string }>(
      "select code, role, message from approvals where document_kind = 'sales_order' and document_id = ? and status = 'pending'",
      order.id,
    );
    const next = ensure(approveOrder(stateOf(order, lines), needs, { user, roles }));
    book.exec.execute(
      "update approvals set status = 'approved', approver = ?, decided_at = ? where document_kind = 'sales_order' and document_id = ? and status = 'pending'",
      user,
      book.now(),
      order.id,
    );
    book.exec.execute('update sales_orders set status = ? where id = ?', next.status, order.id);
    const requisitions = reserveForLines(book, order, lines);
    return {
      value: { status: next.status, requisitions },
      document: number,
      before: { status: order.status },
      after: { status: next.status, requisitions },
    };
  });
}

function reserveForLines(book: Book, order: OrderRow, lines: LineRow[]): string[] {
  const availableBySku: Record<string, Milli> = {};
  for (const l of lines) {
    const b = stockBalance(book, l.product_id, order.warehouse_id);
    availableBySku[String(l.product_id)] = b.onHand - b.reserved;
  }
  const plan = planReservations(
    lines
      .map((l) => ({
        line: String(l.id),
        sku: String(l.product_id),
        qty: l.qty - l.reserved_qty - l.shipped_qty,
        promiseDate: order.promise_date,
      }))
      .filter((l) => l.qty > 0),
    availableBySku,
  );
  for (const r of plan.reservations) {
    book.exec.execute(
      'update sales_order_lines set reserved_qty = reserved_qty + ? where id = ?',
      r.qty,
      Number(r.line),
    );
    changeReserved(book, Number(r.sku), order.warehouse_id, r.qty);
  }
  return plan.shortfalls.map((s) => {
    const pr = nextNumber(book, 'PR', order.order_date);
    book.exec.execute(
      'insert into requisitions (number, product_id, warehouse_id, qty, need_by, sales_order_line_id, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      pr,
      Number(s.sku),
      order.warehouse_id,
      s.qty,
      s.promiseDate,
      Number(s.line),
      book.now(),
    );
    return pr;
  });
}

/**
 * Record a customer's payment against an order (prepaid terms): the money is the customer's
 * advance until the order is invoiced; paid in full, the order is ready to ship.
 */
export function recordSalesOrderPayment(
  book: Book,
  number: string,
  input: {
    date: IsoDate;
    amount: Minor;
    account?: string;
    /** What the bank or wallet kept of it, from a statement line: a bank charge. */
    fee?: Minor;
    /** The statement line this money came on, when booked from one. */
    statementLine?: number;
  },
): { status: SalesOrderStatus; payment: string } {
  return book.command('recordSalesOrderPayment', () => {
    const { order, lines } = loadOrder(book, number);
    if (order.terms === 'prepaid' && order.paid_minor >= order.gross_minor) {
      // The money is in already: booking it again would count one receipt twice.
      const by = book.exec.selectOne<{ number: string; date: string; statement_line_id: number | null }>(
        `select p.number, p.date, p.statement_line_id from payments p
         where p.kind = 'customer' and p.order_id = ? order by p.date desc, p.id desc limit 1`,
        order.id,
      );
      const from = by
        ? ` by ${by.number} on ${by.date}${by.statement_line_id ? ` from statement line ${by.statement_line_id}` : ''}`
        : '';
      throw rejected([
        {
          code: 'order.already_paid',
          path: ['amount'],
          message: `${number} is paid in full (${bookMoney(book, order.paid_minor)}${from}); nothing is owed on it`,
          value: input.amount,
        },
      ]);
    }
    const next = ensure(recordOrderPayment(stateOf(order, lines), input.amount));
    const customer = book.exec.value<string>('select code from customers where id = ?', order.customer_id) ?? '';
    const payment = nextNumber(book, 'RC', input.date);
    book.exec.execute(
      "insert into payments (number, kind, customer_id, date, amount_minor, account, fee_minor, statement_line_id, order_id) values (?, 'customer', ?, ?, ?, ?, ?, ?, ?)",
      payment,
      order.customer_id,
      input.date,
      input.amount,
      input.account ?? '1002',
      input.fee ?? 0,
      input.statementLine ?? null,
      order.id,
    );
    writeEntry(
      book,
      postCustomerPayment({
        document: payment,
        date: input.date,
        customer,
        amount: input.amount,
        allocated: 0,
        advance: input.amount,
        writeOff: 0,
        cashAccount: input.account ?? '1002',
        fee: input.fee ?? 0,
      }),
    );
    book.exec.execute(
      'update sales_orders set paid_minor = ?, status = ? where id = ?',
      next.paid,
      next.status,
      order.id,
    );
    return { value: { status: next.status, payment }, document: number, after: { paid: next.paid } };
  });
}

/**
 * Ship reserved stock of an order (all of it, or the given quantities): FIFO cost per line,
 * stock moves, the cost-of-goods entry, carrier and tracking number kept on the shipment.
 *
 * @example
 * shipSalesOrder(book, 'SO-2026-000001', { date: '2026-03-10', carrier: '顺丰', trackingNumber: 'SF1234567890' })
 */
export function shipSalesOrder(
  book: Book,
  number: string,
  input: { date: IsoDate; carrier?: string; trackingNumber?: string; lines?: { lineNo: number; qty: Milli }[] },
): { shipment: string; status: SalesOrderStatus; cost: Minor } {
  return book.command('shipSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    const wanted =
      input.lines ?? lines.filter((l) => l.reserved_qty > 0).map((l) => ({ lineNo: l.line_no, qty: l.reserved_qty }));
    if (wanted.length === 0) {
      throw rejected([
        { code: 'order.nothing_reserved', path: ['lines'], message: `nothing is reserved on ${number} to ship yet` },
      ]);
    }
    const issues: Issue[] = [];
    for (const w of wanted) {
      const l = lines.find((x) => x.line_no === w.lineNo);
      if (l && w.qty > l.reserved_qty) {
        issues.push({
          code: 'order.ship_unreserved',
          path: ['lines', w.lineNo],
          message: `${formatQuantity(l.reserved_qty)} reserved on line ${w.lineNo}, ${formatQuantity(w.qty)} to ship`,
          value: w.qty,
        });
      }
    }
    if (issues.length > 0) throw rejected(issues);
    const next = ensure(
      shipOrder(
        stateOf(order, lines),
        wanted.map((w) => ({ line: String(w.lineNo), qty: w.qty })),
      ),
    );
    const shipment = nextNumber(book, 'SH', input.date);
    const shipmentId = Number(
      book.exec.execute(
        'insert into shipments (number, order_id, warehouse_id, date, carrier, tracking_number) values (?, ?, ?, ?, ?, ?)',
        shipment,
        order.id,
        order.warehouse_id,
        input.date,
        input.carrier ?? null,
        input.trackingNumber ?? null,
      ).lastInsertRowid,
    );
    let total = 0;
    for (const w of wanted) {
      const l = lines.find((x) => x.line_no === w.lineNo) as LineRow;
      const { cost } = issueStock(book, {
        date: input.date,
        productId: l.product_id,
        warehouseId: order.warehouse_id,
        qty: w.qty,
        kind: 'issue',
        document: shipment,
      });
      total += cost;
      book.exec.execute(
        'insert into shipment_lines (shipment_id, order_line_id, product_id, qty, cost_minor) values (?, ?, ?, ?, ?)',
        shipmentId,
        l.id,
        l.product_id,
        w.qty,
        cost,
      );
      book.exec.execute(
        'update sales_order_lines set shipped_qty = shipped_qty + ?, reserved_qty = reserved_qty - ? where id = ?',
        w.qty,
        w.qty,
        l.id,
      );
      changeReserved(book, l.product_id, order.warehouse_id, -w.qty);
    }
    writeEntry(book, postShipmentCost({ document: shipment, date: input.date, cost: total }));
    book.exec.execute('update sales_orders set status = ? where id = ?', next.status, order.id);
    return {
      value: { shipment, status: next.status, cost: total },
      document: number,
      after: { shipment, status: next.status },
    };
  });
}

/**
 * Invoice what has shipped and is not yet invoiced: VAT per line, the receivable entry, a due
 * date from the customer's payment days; a prepaid order's advance is applied to it. An order
 * fully shipped and invoiced is completed.
 *
 * @example
 * invoiceSalesOrder(book, 'SO-2026-000001', { date: '2026-03-10', vatKind: 'special' }) // { invoice: 'INV-2026-000001', gross: 238632 }
 */
export function invoiceSalesOrder(
  book: Book,
  number: string,
  input: { date: IsoDate; vatKind?: 'normal' | 'special' },
): { invoice: string; gross: Minor; status: SalesOrderStatus } {
  return book.command('invoiceSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    const open = lines.filter((l) => l.shipped_qty > l.invoiced_qty);
    if (open.length === 0)
      throw rejected([
        {
          code: 'order.nothing_to_invoice',
          path: ['lines'],
          message: `nothing shipped on ${number} is left to invoice`,
        },
      ]);
    const customer = book.exec.selectOne<{ code: string; payment_days: number }>(
      'select code, payment_days from customers where id = ?',
      order.customer_id,
    );
    const invoice = nextNumber(book, 'INV', input.date);
    let net = 0;
    let tax = 0;
    let cost = 0;
    const { rounding } = book.settings();
    const parts = open.map((l) => {
      const qty = l.shipped_qty - l.invoiced_qty;
      // What is shipped since the last invoice: partial invoices of a line add up to the line.
      const t = orderLinePart(book, l, l.invoiced_qty, l.shipped_qty);
      const shippedCost =
        book.exec.value<number>(
          'select coalesce(sum(cost_minor), 0) from shipment_lines where order_line_id = ?',
          l.id,
        ) ?? 0;
      const lineCost = invoicedCost(shippedCost, qty, l.shipped_qty, rounding);
      net += t.net;
      tax += t.tax;
      cost += lineCost;
      return { l, qty, t };
    });
    const invoiceId = Number(
      book.exec.execute(
        `insert into invoices (number, kind, vat_kind, customer_id, order_id, salesperson_id, date, due_date, net_minor, tax_minor, gross_minor, cost_minor)
         values (?, 'sales', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        invoice,
        input.vatKind ?? 'normal',
        order.customer_id,
        order.id,
        order.salesperson_id,
        input.date,
        addDays(input.date, customer?.payment_days ?? 30),
        net,
        tax,
        net + tax,
        cost,
      ).lastInsertRowid,
    );
    for (const { l, qty, t } of parts) {
      book.exec.execute(
        'insert into invoice_lines (invoice_id, product_id, order_line_id, qty, unit_price_minor, tax_rate_bp, net_minor, tax_minor) values (?, ?, ?, ?, ?, ?, ?, ?)',
        invoiceId,
        l.product_id,
        l.id,
        qty,
        l.unit_price_minor,
        l.tax_rate_bp,
        t.net,
        t.tax,
      );
      book.exec.execute('update sales_order_lines set invoiced_qty = invoiced_qty + ? where id = ?', qty, l.id);
    }
    writeEntry(
      book,
      postSalesInvoice({ document: invoice, date: input.date, customer: customer?.code ?? '', net, tax }),
    );
    applyAdvances(book, order.customer_id, customer?.code ?? '', invoiceId, invoice, net + tax, input.date);
    const after = loadOrder(book, number);
    let status = after.order.status;
    if (status === 'shipped' && after.lines.every((l) => l.invoiced_qty === l.qty)) {
      const done = completeOrder(stateOf(after.order, after.lines));
      if (done.ok) status = done.value.status;
      book.exec.execute('update sales_orders set status = ? where id = ?', status, order.id);
    }
    return { value: { invoice, gross: net + tax, status }, document: invoice, after: { order: number, net, tax } };
  });
}

/** Set a customer's unallocated payments (advances) against a new invoice, oldest first. */
function applyAdvances(
  book: Book,
  customerId: number,
  customer: string,
  invoiceId: number,
  invoice: string,
  gross: Minor,
  date: IsoDate,
): void {
  let left = gross;
  const payments = book.exec.select<{ id: number; free: number }>(
    `select p.id, p.amount_minor + p.write_off_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.payment_id = p.id), 0) as free
     from payments p where p.kind = 'customer' and p.customer_id = ? order by p.date, p.id`,
    customerId,
  );
  for (const p of payments) {
    if (left <= 0) break;
    if (p.free <= 0) continue;
    const take = Math.min(left, p.free);
    book.exec.execute(
      'insert into payment_allocations (payment_id, invoice_id, amount_minor, date) values (?, ?, ?, ?)',
      p.id,
      invoiceId,
      take,
      date,
    );
    writeEntry(book, postAdvanceApplied({ document: invoice, date, customer, amount: take }));
    left -= take;
  }
}

/** Cancel an order before shipment: reservations released, open requisitions for it cancelled. */
export function cancelSalesOrder(book: Book, number: string): { status: SalesOrderStatus } {
  return book.command('cancelSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    const next = ensure(cancelOrder(stateOf(order, lines)));
    for (const l of lines) {
      if (l.reserved_qty > 0) changeReserved(book, l.product_id, order.warehouse_id, -l.reserved_qty);
      book.exec.execute('update sales_order_lines set reserved_qty = 0 where id = ?', l.id);
      book.exec.execute(
        "update requisitions set status = 'cancelled' where sales_order_line_id = ? and status = 'open'",
        l.id,
      );
    }
    book.exec.execute('update sales_orders set status = ? where id = ?', next.status, order.id);
    return {
      value: { status: next.status },
      document: number,
      before: { status: order.status },
      after: { status: next.status },
    };
  });
}
