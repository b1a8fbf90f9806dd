import {
  addDays,
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
  orderApprovalSteps,
  orderTotals,
  type PriceResolution,
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
import { sql } from 'kysely';
import {
  approveSteps,
  loadApprovalRules,
  rejectSteps,
  requestApproval,
  type Waiting,
  withdrawSteps,
} from './approvals.js';
import type { Book } from './book.js';
import { greatest } from './dialect.js';
import { writeEntry } from './journal.js';
import { bookMoney, idOf, loadPricingRules, notFound } from './master-data.js';
import { nextNumber } from './numbering.js';
import { allocatePayment } from './payment-allocations.js';
import { ensure, rejected } from './refusal.js';
import type { Row } from './schema.js';
import { requireCustomerInScope, requireOrderInScope } from './scope.js';
import { changeReserved, invoicedCost, issueStock, stockBalance } from './stock-ledger.js';
import { emit } from './webhooks.js';

type OrderRow = Row<'sales_orders'>;
type LineRow = Row<'sales_order_lines'>;

export function loadOrder(book: Book, number: string): { order: OrderRow; lines: LineRow[] } {
  const order = book.exec.get(book.db.selectFrom('sales_orders').selectAll().where('number', '=', number));
  if (!order) throw notFound('sales order', number);
  const lines = book.exec.all(
    book.db.selectFrom('sales_order_lines').selectAll().where('order_id', '=', order.id).orderBy('line_no'),
  );
  return { order, lines };
}

export const stateOf = (
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
  const row = book.exec.get(
    book.db
      .selectFrom('invoices as i')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('i.open_minor'), sql.lit(0)).as('open'))
      .where('i.customer_id', '=', customerId)
      .where('i.kind', 'in', ['sales', 'sales_credit'])
      // The partial index of invoices still owing: a customer's settled years are not read.
      .where('i.open_minor', '<>', sql.lit(0)),
  );
  return row?.open ?? 0;
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
export function openCreditOrders(book: Book, customerId: number): Minor {
  const lines = book.exec.all(
    book.db
      .selectFrom('sales_orders as o')
      .innerJoin('sales_order_lines as l', 'l.order_id', 'o.id')
      .selectAll('l')
      .where('o.customer_id', '=', customerId)
      .where('o.terms', '=', 'credit')
      .where('o.status', 'in', ['pending_review', 'awaiting_shipment', 'partially_shipped', 'shipped']),
  );
  // A line not invoiced at all owes its own gross (as `linePart` takes it): only a part is figured.
  return lines.reduce(
    (sum, l) => sum + (l.invoiced_qty === 0 ? l.gross_minor : orderLinePart(book, l, l.invoiced_qty, l.qty).gross),
    0,
  );
}

/** Who an order is priced for: the customer, the salesperson whose discount authority applies, the channel and date. */
export interface PricingParty {
  customer: Pick<Row<'customers'>, 'code' | 'tier' | 'channel'>;
  salesperson?: Pick<Row<'salespeople'>, 'code' | 'level' | 'max_discount_bp'> | undefined;
  channel?: string;
  date: IsoDate;
}

/** A line priced for an order: its product, what was asked, and the price core resolved. */
export type PricedLine = {
  product: {
    id: number;
    sku: string;
    category: string;
    floor_price_minor: number | null;
    price_minor: number;
    exclusive_channels: string | null;
    tax_rate_bp: number;
    listed: number;
  };
  line: { sku: string; qty: Milli; requestedPrice?: Minor };
  price: PriceResolution;
};

/**
 * Price order lines as placing does: core resolves each from the price lists, else the product's
 * own price, a requested price checked against the floor and the salesperson's authority. What
 * is wrong is added to `issues` at `[...at(i), …]`; such a line comes back null.
 */
export function priceOrderLines(
  book: Book,
  party: PricingParty,
  lines: readonly { sku: string; qty: Milli; requestedPrice?: Minor }[],
  issues: Issue[],
  at: (i: number) => (string | number)[] = (i) => ['lines', i],
): (PricedLine | null)[] {
  const { customer, salesperson: sp, channel } = party;
  const rules = loadPricingRules(
    book,
    lines.map((l) => l.sku),
  );
  const { rounding, precision, pricesIncludeTax } = book.settings();
  const productTaxMode = taxModeOf(pricesIncludeTax);
  return lines.map((line, i): PricedLine | null => {
    const p = book.exec.get(
      book.db
        .selectFrom('products as p')
        .innerJoin('categories as c', 'c.id', 'p.category_id')
        .select([
          'p.id',
          'p.sku',
          'c.path as category',
          'p.floor_price_minor',
          'p.price_minor',
          'p.exclusive_channels',
          'p.tax_rate_bp',
          'p.listed',
        ])
        .where('p.sku', '=', line.sku),
    );
    if (!p) {
      issues.push({
        code: 'product.not_found',
        path: [...at(i), 'sku'],
        message: `no product ${line.sku}`,
        value: line.sku,
      });
      return null;
    }
    if (!p.listed)
      issues.push({
        code: 'product.unlisted',
        path: [...at(i), 'sku'],
        message: `${line.sku} is not listed for sale`,
        value: line.sku,
      });
    if (!(line.qty > 0))
      issues.push({ code: 'order.qty', path: [...at(i), 'qty'], message: 'must be positive', value: line.qty });
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
        date: party.date,
        ...(channel ? { channel } : {}),
        ...(sp ? { salesperson: { code: sp.code, level: sp.level, maxDiscount: sp.max_discount_bp } } : {}),
        ...(line.requestedPrice === undefined ? {} : { requestedPrice: line.requestedPrice }),
      },
      rules,
      { rounding, precision },
    );
    if (!r.ok) {
      issues.push(...r.issues.map((x) => ({ ...x, path: [...at(i), ...x.path] })));
      return null;
    }
    return { product: p, line, price: r.value };
  });
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
    const customer = book.exec.get(
      book.db
        .selectFrom('customers')
        .select(['id', 'code', 'tier', 'channel', 'terms', 'credit_limit_minor', 'owner_id'])
        .where('code', '=', input.customer),
    );
    if (!customer) throw notFound('customer', input.customer);
    const salespeople = book.db.selectFrom('salespeople').select(['id', 'code', 'level', 'max_discount_bp']);
    const sp = book.exec.get(
      input.salesperson
        ? salespeople.where('code', '=', input.salesperson)
        : salespeople.where('id', '=', customer.owner_id),
    );
    if (input.salesperson && !sp) throw notFound('salesperson', input.salesperson);
    // A salesperson sells to their own customers (a manager to the team's), as they see them.
    requireCustomerInScope(book, customer.code, 'sell to');
    const warehouseId = idOf(book, 'warehouses', input.warehouse);
    const { rounding, precision } = book.settings();
    const issues: Issue[] = [];
    const channel = input.channel ?? customer.channel ?? undefined;
    const priced = priceOrderLines(
      book,
      { customer, salesperson: sp, date: input.date, ...(channel ? { channel } : {}) },
      input.lines,
      issues,
    );
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
    const steps = ensure(
      orderApprovalSteps(
        { amount: totals.total.gross, priceFlags: ok.flatMap((p) => p.price.approvalReasons), credit },
        loadApprovalRules(book),
        { precision },
      ),
    );
    const needs = steps.map(({ code, role, message }) => ({ code, role, message }));
    const number = nextNumber(book, 'SO', input.date);
    const orderId = Number(
      book.exec.run(
        book.db.insertInto('sales_orders').values({
          number,
          customer_id: customer.id,
          salesperson_id: sp?.id ?? null,
          channel: input.channel ?? customer.channel ?? null,
          order_date: input.date,
          promise_date: input.promiseDate ?? addDays(input.date, 7),
          terms: customer.terms,
          status: 'pending_review',
          warehouse_id: warehouseId,
          // Lines priced in both modes make a mixed order; each line keeps its own.
          tax_mode: modes.length === 1 ? (modes[0] as TaxMode) : 'mixed',
          net_minor: totals.total.net,
          tax_minor: totals.total.tax,
          gross_minor: totals.total.gross,
        }),
      ).lastInsertRowid,
    );
    if (input.reference)
      book.exec.run(book.db.updateTable('sales_orders').set({ source_ref: input.reference }).where('id', '=', orderId));
    ok.forEach((p, i) => {
      const t = totals.lines[i];
      book.exec.run(
        book.db.insertInto('sales_order_lines').values({
          order_id: orderId,
          line_no: i + 1,
          product_id: p.product.id,
          qty: p.line.qty,
          unit_price_minor: p.price.unitPrice,
          list_price_minor: p.price.listPrice,
          tax_rate_bp: p.product.tax_rate_bp,
          tax_inclusive: p.price.taxMode === 'inclusive' ? 1 : 0,
          net_minor: t?.net ?? 0,
          tax_minor: t?.tax ?? 0,
          gross_minor: t?.gross ?? 0,
          price_trace_json: JSON.stringify(p.price.trace),
        }),
      );
    });
    book.exec.run(
      book.db
        .updateTable('customers')
        .set((eb) => ({
          last_activity: eb.fn<string>(greatest(book), [
            eb.fn.coalesce('last_activity', eb.val(input.date)),
            eb.val(input.date),
          ]),
        }))
        .where('id', '=', customer.id),
    );
    emit(book, 'order.placed', {
      order: number,
      customer: customer.code,
      date: input.date,
      gross: totals.total.gross,
      lines: ok.map((p, i) => ({ lineNo: i + 1, sku: p.product.sku, qty: p.line.qty, unitPrice: p.price.unitPrice })),
    });
    requestApproval(book, 'sales_order', orderId, steps);
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

export type ApprovedOrder = { status: SalesOrderStatus; requisitions: string[]; waiting?: Waiting[] };

/**
 * Approve a sales order as the acting user: they decide the approval steps their roles can (see
 * `approveSteps`); once none waits, stock is reserved for each line, earliest promise date first,
 * and what cannot be reserved becomes purchase requisitions linked to the order lines. While a
 * step still waits, the order stays pending review and `waiting` names it.
 *
 * @example
 * approveSalesOrder(book, 'SO-2026-000001') // { status: 'awaiting_shipment', requisitions: ['PR-2026-000001'] }
 */
export function approveSalesOrder(book: Book, number: string, user?: string): ApprovedOrder {
  return book.command<ApprovedOrder>('approveSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    // Only an order pending review is approved: core words the refusal.
    if (order.status !== 'pending_review')
      ensure(approveOrder(stateOf(order, lines), [], { user: book.actor, roles: [] }));
    const doc = { kind: 'sales_order' as const, id: order.id, number, salespersonId: order.salesperson_id };
    const { approver, waiting } = approveSteps(book, doc, 'sales.write', user);
    if (waiting.length > 0)
      return {
        value: { status: order.status, requisitions: [], waiting },
        document: number,
        after: { approvedBy: approver, waiting: waiting.map((w) => w.role) },
      };
    const approved = ensure(approveOrder(stateOf(order, lines), [], { user: approver, roles: [] }));
    // An order amended after part of it shipped, approved again, goes on partially shipped.
    const next =
      approved.status === 'awaiting_shipment' && lines.some((l) => l.shipped_qty > 0)
        ? { ...approved, status: 'partially_shipped' as const }
        : approved;
    book.exec.run(book.db.updateTable('sales_orders').set({ status: next.status }).where('id', '=', order.id));
    const requisitions = reserveForLines(book, order, lines);
    emit(book, 'order.approved', { order: number, status: next.status, approvedBy: approver });
    return {
      value: { status: next.status, requisitions },
      document: number,
      before: { status: order.status },
      after: { status: next.status, approvedBy: approver, requisitions },
    };
  });
}

/**
 * Reject a sales order waiting for approval, with the reason (required): the steps the acting
 * user decides are rejected, the others withdrawn, and the order is cancelled (nothing was
 * reserved for it yet). A new order is placed if the sale is to go ahead on other terms.
 *
 * @example
 * rejectSalesOrder(book, 'SO-2026-000002', '折扣太大') // { status: 'cancelled' }
 */
export function rejectSalesOrder(
  book: Book,
  number: string,
  reason: string,
  user?: string,
): { status: SalesOrderStatus } {
  return book.command('rejectSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    if (order.status !== 'pending_review')
      throw rejected([
        {
          code: 'order.reject',
          path: ['status'],
          message: `cannot reject an order that is ${order.status.replace('_', ' ')}: only orders pending review are`,
          value: order.status,
        },
      ]);
    const { approver } = rejectSteps(
      book,
      { kind: 'sales_order', id: order.id, number, salespersonId: order.salesperson_id },
      reason,
      user,
    );
    const next = ensure(cancelOrder(stateOf(order, lines)));
    book.exec.run(book.db.updateTable('sales_orders').set({ status: next.status }).where('id', '=', order.id));
    return {
      value: { status: next.status },
      document: number,
      before: { status: order.status },
      after: { status: next.status, rejectedBy: approver, reason: reason.trim() },
    };
  });
}

/** What purchase orders bring for a line and has not arrived: its ordered requisitions less what receipts gave it. */
export function onOrderFor(book: Book, lineId: number): Milli {
  const ordered =
    book.exec.get(
      book.db
        .selectFrom('requisitions')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('qty'), sql.lit(0)).as('qty'))
        .where('sales_order_line_id', '=', lineId)
        .where('status', '=', 'ordered'),
    )?.qty ?? 0;
  const received =
    book.exec.get(
      book.db
        .selectFrom('receipt_allocations')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('qty'), sql.lit(0)).as('qty'))
        .where('sales_order_line_id', '=', lineId),
    )?.qty ?? 0;
  return Math.max(0, ordered - received);
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
    book.exec.run(
      book.db
        .updateTable('sales_order_lines')
        .set((eb) => ({ reserved_qty: eb('reserved_qty', '+', r.qty) }))
        .where('id', '=', Number(r.line)),
    );
    changeReserved(book, Number(r.sku), order.warehouse_id, r.qty);
  }
  // What a PO already brings for a line (an order approved again after an amendment) is not short.
  const shortfalls = plan.shortfalls
    .map((s) => ({ ...s, qty: s.qty - onOrderFor(book, Number(s.line)) }))
    .filter((s) => s.qty > 0);
  return shortfalls.map((s) => {
    const pr = nextNumber(book, 'PR', order.order_date);
    book.exec.run(
      book.db.insertInto('requisitions').values({
        number: pr,
        product_id: Number(s.sku),
        warehouse_id: order.warehouse_id,
        qty: s.qty,
        need_by: s.promiseDate,
        sales_order_line_id: Number(s.line),
        created_at: book.now(),
      }),
    );
    return pr;
  });
}

/** The accounts money is received into: cash on hand, bank, WeChat Pay / Alipay balances. */
export const CASH_ACCOUNTS: readonly string[] = ['1001', '1002', '1012'];

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
    if (input.account !== undefined && !CASH_ACCOUNTS.includes(input.account))
      throw rejected([
        {
          code: 'payment.account',
          path: ['account'],
          message: `${input.account} is no account money is received into: 1001 cash, 1002 bank or 1012 WeChat Pay / Alipay`,
        },
      ]);
    const { order, lines } = loadOrder(book, number);
    if (order.terms === 'prepaid' && order.paid_minor >= order.gross_minor) {
      // The money is in already: booking it again would count one receipt twice.
      const by = book.exec.get(
        book.db
          .selectFrom('payments as p')
          .select(['p.number', 'p.date', 'p.statement_line_id'])
          .where('p.kind', '=', 'customer')
          .where('p.order_id', '=', order.id)
          .orderBy('p.date', 'desc')
          .orderBy('p.id', 'desc')
          .limit(1),
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
    const customer =
      book.exec.get(book.db.selectFrom('customers').select('code').where('id', '=', order.customer_id))?.code ?? '';
    const payment = nextNumber(book, 'RC', input.date);
    book.exec.run(
      book.db.insertInto('payments').values({
        number: payment,
        kind: 'customer',
        customer_id: order.customer_id,
        date: input.date,
        amount_minor: input.amount,
        unallocated_minor: input.amount,
        account: input.account ?? '1002',
        fee_minor: input.fee ?? 0,
        statement_line_id: input.statementLine ?? null,
        order_id: order.id,
      }),
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
    book.exec.run(
      book.db
        .updateTable('sales_orders')
        .set({ paid_minor: next.paid, status: next.status })
        .where('id', '=', order.id),
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
      book.exec.run(
        book.db.insertInto('shipments').values({
          number: shipment,
          order_id: order.id,
          warehouse_id: order.warehouse_id,
          date: input.date,
          carrier: input.carrier ?? null,
          tracking_number: input.trackingNumber ?? null,
        }),
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
      book.exec.run(
        book.db.insertInto('shipment_lines').values({
          shipment_id: shipmentId,
          order_line_id: l.id,
          product_id: l.product_id,
          qty: w.qty,
          cost_minor: cost,
        }),
      );
      book.exec.run(
        book.db
          .updateTable('sales_order_lines')
          .set((eb) => ({ shipped_qty: eb('shipped_qty', '+', w.qty), reserved_qty: eb('reserved_qty', '-', w.qty) }))
          .where('id', '=', l.id),
      );
      changeReserved(book, l.product_id, order.warehouse_id, -w.qty);
    }
    writeEntry(book, postShipmentCost({ document: shipment, date: input.date, cost: total }));
    book.exec.run(book.db.updateTable('sales_orders').set({ status: next.status }).where('id', '=', order.id));
    emit(book, 'order.shipped', {
      order: number,
      shipment,
      date: input.date,
      status: next.status,
      carrier: input.carrier ?? null,
      trackingNumber: input.trackingNumber ?? null,
      lines: wanted,
    });
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
    requireOrderInScope(book, order, 'invoice');
    const open = lines.filter((l) => l.shipped_qty > l.invoiced_qty);
    if (open.length === 0)
      throw rejected([
        {
          code: 'order.nothing_to_invoice',
          path: ['lines'],
          message: `nothing shipped on ${number} is left to invoice`,
        },
      ]);
    const customer = book.exec.get(
      book.db.selectFrom('customers').select(['code', 'payment_days']).where('id', '=', order.customer_id),
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
        book.exec.get(
          book.db
            .selectFrom('shipment_lines')
            .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cost_minor'), sql.lit(0)).as('cost'))
            .where('order_line_id', '=', l.id),
        )?.cost ?? 0;
      const lineCost = invoicedCost(shippedCost, qty, l.shipped_qty, rounding);
      net += t.net;
      tax += t.tax;
      cost += lineCost;
      return { l, qty, t };
    });
    const invoiceId = Number(
      book.exec.run(
        book.db.insertInto('invoices').values({
          number: invoice,
          kind: 'sales',
          vat_kind: input.vatKind ?? 'normal',
          customer_id: order.customer_id,
          order_id: order.id,
          salesperson_id: order.salesperson_id,
          date: input.date,
          due_date: addDays(input.date, customer?.payment_days ?? 30),
          net_minor: net,
          tax_minor: tax,
          gross_minor: net + tax,
          open_minor: net + tax,
          cost_minor: cost,
        }),
      ).lastInsertRowid,
    );
    for (const { l, qty, t } of parts) {
      book.exec.run(
        book.db.insertInto('invoice_lines').values({
          invoice_id: invoiceId,
          product_id: l.product_id,
          order_line_id: l.id,
          qty,
          unit_price_minor: l.unit_price_minor,
          tax_rate_bp: l.tax_rate_bp,
          net_minor: t.net,
          tax_minor: t.tax,
        }),
      );
      book.exec.run(
        book.db
          .updateTable('sales_order_lines')
          .set((eb) => ({ invoiced_qty: eb('invoiced_qty', '+', qty) }))
          .where('id', '=', l.id),
      );
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
      book.exec.run(book.db.updateTable('sales_orders').set({ status }).where('id', '=', order.id));
    }
    return { value: { invoice, gross: net + tax, status }, document: invoice, after: { order: number, net, tax } };
  });
}

/** A customer's receipts, oldest first, with what of each is not yet allocated to an invoice. */
export function customerReceipts(book: Book, customerId: number) {
  return (
    book.db
      .selectFrom('payments as p')
      .select(['p.id', 'p.unallocated_minor as free'])
      .where('p.kind', '=', 'customer')
      .where('p.customer_id', '=', customerId)
      // The partial index of payments with money left: a customer's years of settled receipts are not read.
      .where('p.unallocated_minor', '>', sql.lit(0))
      .orderBy('p.date')
      .orderBy('p.id')
  );
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
  const payments = book.exec.all(customerReceipts(book, customerId));
  for (const p of payments) {
    if (left <= 0) break;
    if (p.free <= 0) continue;
    const take = Math.min(left, p.free);
    allocatePayment(book, { payment: p.id, invoice: invoiceId, amount: take, date });
    writeEntry(book, postAdvanceApplied({ document: invoice, date, customer, amount: take }));
    left -= take;
  }
}

/** Cancel the requisitions of an order line that no PO has taken yet. */
export function cancelOpenRequisitions(book: Book, lineId: number): void {
  book.exec.run(
    book.db
      .updateTable('requisitions')
      .set({ status: 'cancelled' })
      .where('sales_order_line_id', '=', lineId)
      .where('status', '=', 'open'),
  );
}

/** Cancel an order before shipment: reservations released, open requisitions for it cancelled. */
export function cancelSalesOrder(book: Book, number: string): { status: SalesOrderStatus } {
  return book.command('cancelSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    requireOrderInScope(book, order, 'cancel');
    const next = ensure(cancelOrder(stateOf(order, lines)));
    for (const l of lines) {
      if (l.reserved_qty > 0) changeReserved(book, l.product_id, order.warehouse_id, -l.reserved_qty);
      book.exec.run(book.db.updateTable('sales_order_lines').set({ reserved_qty: 0 }).where('id', '=', l.id));
      cancelOpenRequisitions(book, l.id);
    }
    book.exec.run(book.db.updateTable('sales_orders').set({ status: next.status }).where('id', '=', order.id));
    withdrawSteps(book, 'sales_order', order.id, `${number} was cancelled`);
    return {
      value: { status: next.status },
      document: number,
      before: { status: order.status },
      after: { status: next.status },
    };
  });
}
