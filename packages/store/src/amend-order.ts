import {
  checkCredit,
  formatQuantity,
  type IsoDate,
  type Issue,
  type Milli,
  type Minor,
  orderApprovalSteps,
  orderTotals,
  type SalesOrderStatus,
  type TaxMode,
} from '@tradeloop/core';
import { sql } from 'kysely';
import { loadApprovalRules, requestApproval } from './approvals.js';
import type { Book } from './book.js';
import { nextNumber } from './numbering.js';
import { ensure, rejected } from './refusal.js';
import {
  cancelOpenRequisitions,
  loadOrder,
  onOrderFor,
  openCreditOrders,
  openReceivables,
  orderLinePart,
  type PricedLine,
  priceOrderLines,
} from './sales.js';
import type { Row } from './schema.js';
import { requireOrderInScope } from './scope.js';
import { changeReserved, stockBalance } from './stock-ledger.js';

type LineRow = Row<'sales_order_lines'>;

/** The price columns of an order line, as pricing gave them. */
const pricedFields = (p: PricedLine) => ({
  unit_price_minor: p.price.unitPrice,
  list_price_minor: p.price.listPrice,
  tax_rate_bp: p.product.tax_rate_bp,
  tax_inclusive: p.price.taxMode === 'inclusive' ? 1 : 0,
  price_trace_json: JSON.stringify(p.price.trace),
});

/**
 * What to change on an order: lines by number (quantity, price), lines to add or remove, dates.
 * The warehouse is not amended: reservations, requisitions and shipments are tied to it; cancel
 * and place again to ship from elsewhere.
 */
export interface OrderChanges {
  set?: { lineNo: number; qty?: Milli; unitPrice?: Minor }[];
  add?: { sku: string; qty: Milli; requestedPrice?: Minor }[];
  remove?: number[];
  promiseDate?: IsoDate;
  orderDate?: IsoDate;
}

export interface AmendedOrder {
  number: string;
  status: SalesOrderStatus;
  gross: Minor;
  needs: { code: string; role: string; message: string }[];
  /** Requisitions raised for what is now short. */
  requisitions: string[];
  lines: { lineNo: number; sku: string; qty: Milli; unitPrice: Minor; taxMode: TaxMode }[];
}

/** A line as the audit row keeps it: enough to read what changed. */
const shown = (l: { line_no: number; sku: string; qty: Milli; unit_price_minor: Minor }) => ({
  line: l.line_no,
  sku: l.sku,
  qty: l.qty,
  unitPrice: l.unit_price_minor,
});

/**
 * Amend a sales order before it ships. Like Odoo's confirmed orders and ERPNext's "Update Items",
 * what has not shipped stays editable on an approved or partly shipped order: a line is never set
 * below what shipped, and a line that shipped keeps its price and cannot be removed (its
 * shipments and invoices were priced from it). A shipped, completed or cancelled order is refused.
 *
 * Lines are priced as placing prices them: a line whose quantity changes is priced again from
 * the lists when it carried the list price (a quantity ladder applies), else it keeps its special
 * price; a price given is requested, checked against the floor and the salesperson's authority.
 * Totals and VAT are recomputed in the book's rounding. When the order now needs an approval it
 * had not been given (same rule, step and figures), it goes back to pending review with the new
 * steps (the old pending ones withdrawn), and its reservations are released until it is
 * approved again; otherwise an approved order stays as it is, its reservations and requisitions
 * follow the new quantities. A prepaid order amended above what is paid waits for the difference
 * (awaiting payment); paid in full after an amendment down, it is ready to ship.
 *
 * @example
 * amendSalesOrder(book, 'SO-2026-000001', { set: [{ lineNo: 1, qty: 20000 }], add: [{ sku: 'TEA-002', qty: 5000 }] })
 * // { number: 'SO-2026-000001', status: 'awaiting_shipment', gross: …, requisitions: ['PR-2026-000003'], … }
 */
export function amendSalesOrder(book: Book, number: string, changes: OrderChanges): AmendedOrder {
  return book.command<AmendedOrder>('amendSalesOrder', () => {
    const { order, lines } = loadOrder(book, number);
    requireOrderInScope(book, order, 'amend');
    if (!['pending_review', 'awaiting_payment', 'awaiting_shipment', 'partially_shipped'].includes(order.status))
      throw rejected([
        {
          code: 'order.amend',
          path: ['status'],
          message: `cannot amend ${number}: it is ${order.status.replace('_', ' ')}${order.status === 'cancelled' ? '' : '; return goods instead'}`,
          value: order.status,
        },
      ]);
    const set = changes.set ?? [];
    const add = changes.add ?? [];
    const remove = changes.remove ?? [];
    const issues: Issue[] = [];
    if (set.length + add.length + remove.length === 0 && !changes.promiseDate && !changes.orderDate)
      throw rejected([{ code: 'order.amend_nothing', path: [], message: `nothing to change on ${number}` }]);
    const skuOf = new Map(
      book.exec
        .all(
          book.db
            .selectFrom('products')
            .select(['id', 'sku'])
            .where(
              'id',
              'in',
              lines.map((l) => l.product_id),
            ),
        )
        .map((p) => [p.id, p.sku]),
    );
    const byNo = new Map(lines.map((l) => [l.line_no, l]));
    const touched = new Set<number>();
    set.forEach((s, i) => {
      const l = byNo.get(s.lineNo);
      if (!l) {
        issues.push(unknownLine(number, ['set', i, 'line'], s.lineNo));
        return;
      }
      if (touched.has(s.lineNo) || remove.includes(s.lineNo))
        issues.push({
          code: 'order.line_twice',
          path: ['set', i, 'line'],
          message: `line ${s.lineNo} is changed twice`,
          value: s.lineNo,
        });
      touched.add(s.lineNo);
      if (s.qty !== undefined && !(s.qty > 0))
        issues.push({
          code: 'order.qty',
          path: ['set', i, 'qty'],
          message: `must be positive; remove line ${s.lineNo} instead`,
          value: s.qty,
        });
      else if (s.qty !== undefined && s.qty < l.shipped_qty)
        issues.push({
          code: 'order.below_shipped',
          path: ['set', i, 'qty'],
          message: `${formatQuantity(l.shipped_qty)} of line ${s.lineNo} shipped already; it cannot be set to ${formatQuantity(s.qty)}`,
          value: s.qty,
        });
      if (s.unitPrice !== undefined && s.unitPrice !== l.unit_price_minor && l.shipped_qty > 0)
        issues.push({
          code: 'order.shipped_price',
          path: ['set', i, 'price'],
          message: `line ${s.lineNo} has shipped at its price; its price cannot change`,
          value: s.unitPrice,
        });
    });
    remove.forEach((n, i) => {
      const l = byNo.get(n);
      if (!l) issues.push(unknownLine(number, ['remove', i], n));
      else if (l.shipped_qty > 0)
        issues.push({
          code: 'order.remove_shipped',
          path: ['remove', i],
          message: `line ${n} has shipped ${formatQuantity(l.shipped_qty)}; it cannot be removed`,
          value: n,
        });
      else if (hasReceiptAllocations(book, l.id))
        issues.push({
          code: 'order.remove_received',
          path: ['remove', i],
          message: `line ${n} holds stock received for it; set its quantity down instead`,
          value: n,
        });
    });
    if (remove.length > 0 && remove.length >= lines.length && add.length === 0)
      issues.push({ code: 'order.empty', path: ['remove'], message: 'an order needs at least one line' });
    if (issues.length > 0) throw rejected(issues);

    // The lines after the amendment, in order: kept (perhaps changed), then added.
    const kept = lines
      .filter((l) => !remove.includes(l.line_no))
      .map((l) => {
        const s = set.find((x) => x.lineNo === l.line_no);
        const qty = s?.qty ?? l.qty;
        const changed =
          s !== undefined && (qty !== l.qty || (s.unitPrice ?? l.unit_price_minor) !== l.unit_price_minor);
        // A special price stays with its line; a list price is looked up again for the new quantity.
        const requestedPrice =
          s?.unitPrice ??
          (changed && l.unit_price_minor === l.list_price_minor && l.shipped_qty === 0
            ? undefined
            : l.unit_price_minor);
        const sku = skuOf.get(l.product_id) ?? '';
        return {
          row: l as LineRow | undefined,
          changed,
          line: { sku, qty, ...(requestedPrice === undefined ? {} : { requestedPrice }) },
        };
      });
    const all = [...kept, ...add.map((a) => ({ row: undefined as LineRow | undefined, changed: true, line: a }))];
    const customer = book.exec.get(
      book.db
        .selectFrom('customers')
        .select(['id', 'code', 'tier', 'channel', 'terms', 'credit_limit_minor'])
        .where('id', '=', order.customer_id),
    );
    const sp =
      order.salesperson_id === null
        ? undefined
        : book.exec.get(
            book.db
              .selectFrom('salespeople')
              .select(['code', 'level', 'max_discount_bp'])
              .where('id', '=', order.salesperson_id),
          );
    if (!customer) throw new Error(`${number} has no customer`);
    const orderDate = changes.orderDate ?? order.order_date;
    const promiseDate = changes.promiseDate ?? order.promise_date;
    if (promiseDate < orderDate)
      issues.push({
        code: 'order.promise_date',
        path: ['promiseDate'],
        message: `the promise date ${promiseDate} is before the order date ${orderDate}`,
        value: promiseDate,
      });
    const party = { customer, salesperson: sp, date: orderDate, ...(order.channel ? { channel: order.channel } : {}) };
    const changedAt = all.flatMap((a, i) => (a.changed ? [i] : []));
    const changedPrices = priceOrderLines(
      book,
      party,
      changedAt.map((i) => (all[i] as (typeof all)[number]).line),
      issues,
      (j) => {
        const i = changedAt[j] ?? 0;
        return i < kept.length ? ['set', kept[i]?.row?.line_no ?? i] : ['add', i - kept.length];
      },
    );
    if (issues.length > 0) throw rejected(issues);
    // A line left as it is keeps its price; it is priced only for the checks (floor, authority)
    // an approval reads, and what placing would refuse now (a product unlisted since) does not hold it.
    const unchangedAt = all.flatMap((a, i) => (a.changed ? [] : [i]));
    const unchangedPrices = priceOrderLines(
      book,
      party,
      unchangedAt.map((i) => (all[i] as (typeof all)[number]).line),
      [],
    );
    const ok: (PricedLine | null)[] = all.map(() => null);
    changedAt.forEach((i, j) => {
      ok[i] = changedPrices[j] ?? null;
    });
    unchangedAt.forEach((i, j) => {
      ok[i] = unchangedPrices[j] ?? null;
    });
    // Each line's figures' basis: a changed line's new price, a kept line its own price and mode.
    const basis = all.map((a, i) => {
      const p = ok[i];
      return a.row && !a.changed
        ? {
            qty: a.row.qty,
            unitPrice: a.row.unit_price_minor,
            taxRate: a.row.tax_rate_bp,
            taxMode: (a.row.tax_inclusive ? 'inclusive' : 'exclusive') as TaxMode,
          }
        : {
            qty: a.line.qty,
            unitPrice: p?.price.unitPrice ?? 0,
            taxRate: p?.product.tax_rate_bp ?? 0,
            taxMode: p?.price.taxMode ?? 'exclusive',
          };
    });
    const { rounding, precision } = book.settings();
    const modes = [...new Set(basis.map((b) => b.taxMode))];
    const totals = ensure(
      orderTotals({
        taxMode: modes.length === 1 ? (modes[0] as TaxMode) : 'exclusive',
        rounding,
        lines: basis,
      }),
    );
    const gross = totals.total.gross;
    // The credit exposure counts this order once: what of it is not yet invoiced, as amended.
    const invoiced = lines.reduce((sum, l) => sum + orderLinePart(book, l, 0, l.invoiced_qty).gross, 0);
    const ownOpen = ['pending_review', 'awaiting_shipment', 'partially_shipped'].includes(order.status)
      ? lines.reduce((sum, l) => sum + orderLinePart(book, l, l.invoiced_qty, l.qty).gross, 0)
      : 0;
    const credit =
      order.terms === 'credit'
        ? checkCredit({
            limit: customer.credit_limit_minor,
            openReceivables: openReceivables(book, customer.id),
            openCreditOrders: openCreditOrders(book, customer.id) - ownOpen,
            orderAmount: gross - invoiced,
          })
        : null;
    const steps = ensure(
      orderApprovalSteps(
        { amount: gross, priceFlags: ok.flatMap((p) => p?.price.approvalReasons ?? []), credit },
        loadApprovalRules(book),
        { precision },
      ),
    );
    // A step given already for the same rule, step and figures (its message names them) holds.
    const recorded = book.exec.all(
      book.db
        .selectFrom('approvals')
        .select(['id', 'rule', 'step', 'code', 'message', 'status'])
        .where('document_kind', '=', 'sales_order')
        .where('document_id', '=', order.id)
        .where('status', 'in', ['approved', 'pending']),
    );
    const same = (g: (typeof recorded)[number], s: (typeof steps)[number]) =>
      g.rule === s.rule && g.step === s.step && g.code === s.code && g.message === s.message;
    const fresh = steps.filter((s) => !recorded.some((g) => g.status === 'approved' && same(g, s)));
    const review = order.status === 'pending_review' || fresh.length > 0;

    // Write the lines.
    const before: ReturnType<typeof shown>[] = [];
    const after: ReturnType<typeof shown>[] = [];
    let nextNo = Math.max(0, ...lines.map((l) => l.line_no));
    for (const n of remove) {
      const l = byNo.get(n) as LineRow;
      before.push(shown({ ...l, sku: skuOf.get(l.product_id) ?? '' }));
      if (l.reserved_qty > 0) changeReserved(book, l.product_id, order.warehouse_id, -l.reserved_qty);
      cancelOpenRequisitions(book, l.id);
      // What was ordered for the line arrives as stock of its own.
      book.exec.run(
        book.db.updateTable('requisitions').set({ sales_order_line_id: null }).where('sales_order_line_id', '=', l.id),
      );
      book.exec.run(book.db.deleteFrom('sales_order_lines').where('id', '=', l.id));
    }
    const lineIds: number[] = [];
    all.forEach((a, i) => {
      const t = totals.lines[i];
      const figures = { net_minor: t?.net ?? 0, tax_minor: t?.tax ?? 0, gross_minor: t?.gross ?? 0 };
      if (a.row && !a.changed) {
        lineIds.push(a.row.id);
        book.exec.run(book.db.updateTable('sales_order_lines').set(figures).where('id', '=', a.row.id));
        return;
      }
      // A changed or added line was priced, or the amendment was refused above.
      const p = ok[i] as PricedLine;
      if (a.row) {
        lineIds.push(a.row.id);
        book.exec.run(
          book.db
            .updateTable('sales_order_lines')
            .set({
              qty: p.line.qty,
              ...pricedFields(p),
              ...figures,
            })
            .where('id', '=', a.row.id),
        );
        before.push(shown({ ...a.row, sku: p.product.sku }));
        after.push(
          shown({ line_no: a.row.line_no, sku: p.product.sku, qty: p.line.qty, unit_price_minor: p.price.unitPrice }),
        );
        return;
      }
      nextNo += 1;
      lineIds.push(
        Number(
          book.exec.run(
            book.db.insertInto('sales_order_lines').values({
              order_id: order.id,
              line_no: nextNo,
              product_id: p.product.id,
              qty: p.line.qty,
              ...pricedFields(p),
              ...figures,
            }),
          ).lastInsertRowid,
        ),
      );
      after.push(shown({ line_no: nextNo, sku: p.product.sku, qty: p.line.qty, unit_price_minor: p.price.unitPrice }));
    });

    let status = order.status;
    let requisitions: string[] = [];
    const current = loadOrder(book, number).lines;
    if (review) {
      // Back to review: nothing is held for an order until it is approved again.
      // A step still waiting for the same figures keeps its place; one no longer needed is withdrawn.
      const pending = recorded.filter((g) => g.status === 'pending');
      const stale = pending.filter((g) => !fresh.some((s) => same(g, s))).map((g) => g.id);
      if (stale.length > 0)
        book.exec.run(
          book.db
            .updateTable('approvals')
            .set({ status: 'withdrawn', decided_at: book.now(), reason: `${number} was amended` })
            .where('id', 'in', stale),
        );
      requestApproval(
        book,
        'sales_order',
        order.id,
        fresh.filter((s) => !pending.some((g) => same(g, s))),
      );
      for (const l of current) {
        if (l.reserved_qty > 0) changeReserved(book, l.product_id, order.warehouse_id, -l.reserved_qty);
        book.exec.run(book.db.updateTable('sales_order_lines').set({ reserved_qty: 0 }).where('id', '=', l.id));
        cancelOpenRequisitions(book, l.id);
      }
      status = 'pending_review';
    } else {
      requisitions = rebalance(book, order.warehouse_id, orderDate, promiseDate, current);
      if (order.terms === 'prepaid') {
        const paidUp = order.paid_minor >= gross;
        if (!paidUp && (status === 'awaiting_shipment' || status === 'partially_shipped')) status = 'awaiting_payment';
        else if (paidUp && status === 'awaiting_payment')
          status = current.some((l) => l.shipped_qty > 0) ? 'partially_shipped' : 'awaiting_shipment';
      }
    }
    if (changes.promiseDate)
      book.exec.run(
        book.db
          .updateTable('requisitions')
          .set({ need_by: promiseDate })
          .where('status', '=', 'open')
          .where('sales_order_line_id', 'in', lineIds.length ? lineIds : [0]),
      );
    book.exec.run(
      book.db
        .updateTable('sales_orders')
        .set({
          status,
          order_date: orderDate,
          promise_date: promiseDate,
          tax_mode: modes.length === 1 ? (modes[0] as TaxMode) : 'mixed',
          net_minor: totals.total.net,
          tax_minor: totals.total.tax,
          gross_minor: gross,
        })
        .where('id', '=', order.id),
    );
    const needs = fresh.map(({ code, role, message }) => ({ code, role, message }));
    const dates = (d: { order_date: string; promise_date: string }) => ({
      ...(changes.orderDate ? { orderDate: d.order_date } : {}),
      ...(changes.promiseDate ? { promiseDate: d.promise_date } : {}),
    });
    return {
      value: {
        number,
        status,
        gross,
        needs,
        requisitions,
        lines: current.map((l) => ({
          lineNo: l.line_no,
          sku: skuOf.get(l.product_id) ?? ok.find((p) => p?.product.id === l.product_id)?.product.sku ?? '',
          qty: l.qty,
          unitPrice: l.unit_price_minor,
          taxMode: (l.tax_inclusive ? 'inclusive' : 'exclusive') as TaxMode,
        })),
      },
      document: number,
      before: { status: order.status, gross: order.gross_minor, lines: before, ...dates(order) },
      after: {
        status,
        gross,
        lines: after,
        ...dates({ order_date: orderDate, promise_date: promiseDate }),
        ...(needs.length ? { needs: needs.map((n) => n.code) } : {}),
        ...(requisitions.length ? { requisitions } : {}),
      },
    };
  });
}

const unknownLine = (number: string, path: (string | number)[], lineNo: number): Issue => ({
  code: 'order.line_unknown',
  path,
  message: `${number} has no line ${lineNo}`,
  value: lineNo,
});

const hasReceiptAllocations = (book: Book, lineId: number): boolean =>
  book.exec.get(
    book.db.selectFrom('receipt_allocations').select(sql.lit(1).as('one')).where('sales_order_line_id', '=', lineId),
  ) !== undefined;

/**
 * Make an approved order's reservations and requisitions match its lines: stock held above what
 * is left to ship is released, what is missing reserved from what is free, and what is still short
 * (less what purchase orders already bring for the line) requisitioned again.
 */
function rebalance(book: Book, warehouseId: number, orderDate: IsoDate, needBy: IsoDate, lines: LineRow[]): string[] {
  const free = new Map<number, Milli>();
  const out: string[] = [];
  for (const l of lines) {
    const open = l.qty - l.shipped_qty;
    let reserved = l.reserved_qty;
    if (reserved > open) {
      changeReserved(book, l.product_id, warehouseId, open - reserved);
      free.delete(l.product_id);
      reserved = open;
    } else if (reserved < open) {
      if (!free.has(l.product_id)) {
        const b = stockBalance(book, l.product_id, warehouseId);
        free.set(l.product_id, Math.max(0, b.onHand - b.reserved));
      }
      const take = Math.min(open - reserved, free.get(l.product_id) ?? 0);
      if (take > 0) {
        changeReserved(book, l.product_id, warehouseId, take);
        free.set(l.product_id, (free.get(l.product_id) ?? 0) - take);
        reserved += take;
      }
    }
    if (reserved !== l.reserved_qty)
      book.exec.run(book.db.updateTable('sales_order_lines').set({ reserved_qty: reserved }).where('id', '=', l.id));
    const short = Math.max(0, open - reserved - onOrderFor(book, l.id));
    const requested =
      book.exec.get(
        book.db
          .selectFrom('requisitions')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('qty'), sql.lit(0)).as('qty'))
          .where('sales_order_line_id', '=', l.id)
          .where('status', '=', 'open'),
      )?.qty ?? 0;
    if (requested === short) continue;
    cancelOpenRequisitions(book, l.id);
    if (short === 0) continue;
    const pr = nextNumber(book, 'PR', orderDate);
    book.exec.run(
      book.db.insertInto('requisitions').values({
        number: pr,
        product_id: l.product_id,
        warehouse_id: warehouseId,
        qty: short,
        need_by: needBy,
        sales_order_line_id: l.id,
        created_at: book.now(),
      }),
    );
    out.push(pr);
  }
  return out;
}
