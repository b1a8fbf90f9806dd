import {
  addDays,
  compareQuotes,
  daysBetween,
  demandStats,
  type IsoDate,
  lineAmount,
  type Milli,
  type Minor,
  reorderPoint,
  type SupplierGrade,
  safetyStock,
  suggestReorder,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { greatest } from './dialect.js';
import { bookMoney, idOf, notFound, numberSetting } from './master-data.js';
import { nextNumber } from './numbering.js';
import { writePurchaseOrder } from './purchasing.js';
import { emit } from './webhooks.js';

export interface ReorderSuggestion {
  sku: string;
  warehouse: string;
  projected: Milli;
  reorderPoint: Milli;
  qty: Milli;
  requisition: string | null;
}

/**
 * The reorder run: for every product and warehouse, demand from the last `days` of issues (setting
 * `reorder.history_days`, default 90), safety stock (the product's fixed one, else a 95% service
 * level), the reorder point, and projected stock (on hand − reserved + on order + open
 * requisitions). Where projected is at or below the point, a requisition for the suggested
 * quantity.
 *
 * @example
 * runReorder(book, { today: '2026-03-31' }) // [{ sku: 'TEA-001', warehouse: 'WH1', qty: 12000, requisition: 'PR-2026-000004', … }]
 */
export function runReorder(book: Book, input: { today: IsoDate }): ReorderSuggestion[] {
  return book.command('runReorder', () => {
    const days = numberSetting(book, 'reorder.history_days', 90);
    const since = addDays(input.today, -days);
    const rows = book.exec.select<{
      product_id: number;
      warehouse_id: number;
      sku: string;
      wh: string;
      on_hand: number;
      reserved: number;
      reorder_qty: number;
      max_level: number | null;
      pack_size: number;
      moq: number;
      lead_time_days: number;
      safety_stock: number;
      reorder_point: number | null;
    }>(
      `select b.product_id, b.warehouse_id, p.sku, w.code as wh, b.on_hand, b.reserved, p.reorder_qty, p.max_level, p.pack_size, p.moq,
         p.lead_time_days, p.safety_stock, p.reorder_point
       from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id
       where p.reorder_qty > 0 or p.max_level is not null order by p.sku, w.code`,
    );
    const out: ReorderSuggestion[] = [];
    for (const r of rows) {
      const issues = book.exec.select<{ date: string; qty: number }>(
        "select date, -sum(qty) as qty from stock_moves where product_id = ? and warehouse_id = ? and kind = 'issue' and date >= ? and date < ? group by date",
        r.product_id,
        r.warehouse_id,
        since,
        input.today,
      );
      const daily = Array.from({ length: days }, () => 0);
      for (const i of issues) {
        const at = daysBetween(since, i.date);
        if (at >= 0 && at < days) daily[at] = i.qty;
      }
      const { mean, sd } = demandStats(daily);
      const safety =
        r.safety_stock > 0
          ? r.safety_stock
          : safetyStock({ method: 'service_level', serviceLevel: 0.95 }, sd, r.lead_time_days);
      // A reorder point set by hand wins over the one demand would give.
      const point = r.reorder_point ?? reorderPoint(mean, r.lead_time_days, safety);
      const onOrder =
        book.exec.value<number>(
          `select coalesce(sum(l.qty - l.received_qty), 0) from purchase_order_lines l join purchase_orders o on o.id = l.po_id
           where l.product_id = ? and o.warehouse_id = ? and o.status in ('draft', 'pending_approval', 'ordered', 'partially_received')`,
          r.product_id,
          r.warehouse_id,
        ) ?? 0;
      const requested =
        book.exec.value<number>(
          "select coalesce(sum(qty), 0) from requisitions where product_id = ? and warehouse_id = ? and status = 'open'",
          r.product_id,
          r.warehouse_id,
        ) ?? 0;
      const projected = r.on_hand - r.reserved + onOrder + requested;
      const qty = suggestReorder({
        projected,
        reorderPoint: point,
        reorderQty: r.reorder_qty,
        ...(r.max_level === null ? {} : { maxLevel: r.max_level }),
        packSize: r.pack_size,
        moq: r.moq,
      });
      let requisition: string | null = null;
      if (qty > 0) {
        requisition = nextNumber(book, 'PR', input.today);
        book.exec.execute(
          'insert into requisitions (number, product_id, warehouse_id, qty, need_by, created_at) values (?, ?, ?, ?, ?, ?)',
          requisition,
          r.product_id,
          r.warehouse_id,
          qty,
          addDays(input.today, r.lead_time_days),
          book.now(),
        );
      }
      out.push({ sku: r.sku, warehouse: r.wh, projected, reorderPoint: point, qty, requisition });
    }
    const made = out.filter((o) => o.requisition);
    return { value: out, unchanged: made.length === 0, after: { requisitions: made.map((o) => o.requisition) } };
  });
}

export interface Alert {
  kind: string;
  subject: string;
  message: string;
}

/**
 * The alerts run: what needs attention today. New alerts are stored, alerts that no longer hold
 * are resolved, and the current list is returned.
 * Kinds: below_reorder_point, near_expiry (30 days), overdue_receivable, po_late (expected after
 * the promise date of an order waiting on it), slow_mover (no issue in 90 days), follow_up_due,
 * customer_lapsing (within 7 days of going back to the pool).
 */
export function runAlerts(book: Book, input: { today: IsoDate }): Alert[] {
  return book.command('runAlerts', () => {
    const t = input.today;
    const alerts: Alert[] = [];
    // A reorder point set by hand is the line; without one, the safety stock of a product that is reordered.
    for (const r of book.exec.select<{ sku: string; wh: string; free: number; safety: number; point: number | null }>(
      `select p.sku, w.code as wh, b.on_hand - b.reserved as free, p.safety_stock as safety, p.reorder_point as point
       from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id
       where (p.reorder_point is not null and b.on_hand - b.reserved <= p.reorder_point)
          or (p.reorder_point is null and p.reorder_qty > 0 and b.on_hand - b.reserved <= p.safety_stock)`,
    )) {
      alerts.push({
        kind: 'below_reorder_point',
        subject: `${r.sku}@${r.wh}`,
        message:
          r.point === null
            ? `${r.sku} in ${r.wh}: ${r.free / 1000} free, safety stock ${r.safety / 1000}`
            : `${r.sku} in ${r.wh}: ${r.free / 1000} free, reorder point ${r.point / 1000}`,
      });
    }
    for (const r of book.exec.select<{ sku: string; wh: string; expiry: string; qty: number }>(
      `select p.sku, w.code as wh, l.expiry, sum(l.qty) as qty from fifo_layers l join products p on p.id = l.product_id
       join warehouses w on w.id = l.warehouse_id where l.expiry is not null and l.expiry <= ? group by 1, 2, 3`,
      addDays(t, 30),
    )) {
      alerts.push({
        kind: 'near_expiry',
        subject: `${r.sku}@${r.wh}@${r.expiry}`,
        message: `${r.qty / 1000} of ${r.sku} in ${r.wh} ${r.expiry < t ? 'expired' : 'expires'} on ${r.expiry}`,
      });
    }
    for (const r of book.exec.select<{ number: string; customer: string; due_date: string; open: number }>(
      `select i.number, c.code as customer, i.due_date,
         i.open_minor as open
       from invoices i join customers c on c.id = i.customer_id where i.kind = 'sales' and i.open_minor > 0 and i.due_date < ?`,
      t,
    )) {
      if (r.open > 0) {
        alerts.push({
          kind: 'overdue_receivable',
          subject: r.number,
          message: `${r.number} of ${r.customer}: ${bookMoney(book, r.open)} overdue since ${r.due_date}`,
        });
      }
    }
    for (const r of book.exec.select<{ po: string; expected_date: string; so: string; promise_date: string }>(
      `select distinct o.number as po, o.expected_date, s.number as so, s.promise_date
       from requisitions r join purchase_order_lines l on l.id = r.po_line_id join purchase_orders o on o.id = l.po_id
       join sales_order_lines sl on sl.id = r.sales_order_line_id join sales_orders s on s.id = sl.order_id
       where o.status in ('ordered', 'partially_received', 'pending_approval') and o.expected_date > s.promise_date
         and s.status in ('awaiting_payment', 'awaiting_shipment', 'partially_shipped')`,
    )) {
      alerts.push({
        kind: 'po_late',
        subject: `${r.po}/${r.so}`,
        message: `${r.po} is expected ${r.expected_date}, after ${r.so}'s promise date ${r.promise_date}`,
      });
    }
    for (const r of book.exec.select<{ sku: string; wh: string; last: string | null }>(
      `select p.sku, w.code as wh, (select max(date) from stock_moves m where m.product_id = b.product_id and m.warehouse_id = b.warehouse_id
         and m.kind = 'issue') as last
       from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id where b.on_hand > 0`,
    )) {
      if (r.last === null || daysBetween(r.last, t) >= 90) {
        alerts.push({
          kind: 'slow_mover',
          subject: `${r.sku}@${r.wh}`,
          message: `${r.sku} in ${r.wh} has not gone out ${r.last ? `since ${r.last}` : 'yet'}`,
        });
      }
    }
    for (const r of book.exec.select<{ code: string; next_date: string }>(
      `select c.code, max(f.next_date) as next_date from follow_ups f join customers c on c.id = f.customer_id
       group by c.code having max(f.next_date) <= ?`,
      t,
    )) {
      alerts.push({ kind: 'follow_up_due', subject: r.code, message: `follow up with ${r.code}, due ${r.next_date}` });
    }
    const lapse = numberSetting(book, 'crm.lapse_days', 90);
    for (const r of book.exec.select<{ code: string; last: string }>(
      `select c.code, ${greatest(book)}(coalesce(c.last_activity, ''), coalesce(c.claimed_at, ''),
         coalesce((select max(order_date) from sales_orders o where o.customer_id = c.id), '')) as last
       from customers c where c.owner_id is not null`,
    )) {
      const left = lapse - daysBetween(r.last || t, t);
      if (left >= 0 && left <= 7)
        alerts.push({
          kind: 'customer_lapsing',
          subject: r.code,
          message: `${r.code} goes back to the pool in ${left} days without a follow-up or order`,
        });
    }
    const now = book.now();
    const open = book.exec.select<{ id: number; kind: string; subject: string }>(
      'select id, kind, subject from alerts where resolved is null',
    );
    const current = new Set(alerts.map((a) => `${a.kind}|${a.subject}`));
    const already = new Set(open.map((o) => `${o.kind}|${o.subject}`));
    for (const a of alerts)
      if (!already.has(`${a.kind}|${a.subject}`))
        emit(book, 'alert.raised', { kind: a.kind, subject: a.subject, message: a.message });
    for (const o of open)
      if (!current.has(`${o.kind}|${o.subject}`))
        book.exec.execute('update alerts set resolved = ? where id = ?', now, o.id);
    for (const a of alerts) {
      book.exec.execute(
        `insert into alerts (kind, subject, message, created) values (?, ?, ?, ?)
         on conflict (kind, subject) where resolved is null do update set message = excluded.message`,
        a.kind,
        a.subject,
        a.message,
        now,
      );
    }
    return { value: alerts, after: { alerts: alerts.length } };
  });
}

/** What an RFQ asks for: a product, warehouse and quantity, or an open requisition's. */
export type RfqInput =
  | { sku: string; warehouse: string; qty: Milli; date: IsoDate; requisition?: undefined }
  | { requisition: string; date: IsoDate };

/**
 * Ask suppliers for a price: an RFQ for one product and quantity, or for an open requisition.
 * A requisition being quoted waits for its RFQ (creating purchase orders leaves it alone) and is
 * ordered when the RFQ is awarded; one RFQ at a time per requisition.
 *
 * @example
 * createRfq(book, { requisition: 'PR-2026-000004', date: '2026-03-02' }) // { rfq: 'RFQ-2026-000001' }
 */
export function createRfq(book: Book, input: RfqInput): { rfq: string } {
  return book.command('createRfq', () => {
    let asked: { productId: number; warehouseId: number; qty: Milli; requisitionId: number | null };
    if (input.requisition !== undefined) {
      const r = book.exec.selectOne<{
        id: number;
        product_id: number;
        warehouse_id: number;
        qty: number;
        status: string;
      }>('select id, product_id, warehouse_id, qty, status from requisitions where number = ?', input.requisition);
      if (!r) throw notFound('requisition', input.requisition);
      if (r.status !== 'open')
        throw new TradeloopError(
          'command.rejected',
          `${input.requisition} is ${r.status}, not open: nothing to quote`,
          {
            path: ['requisition'],
          },
        );
      const open = book.exec.value<string>(
        "select number from rfqs where requisition_id = ? and status = 'open'",
        r.id,
      );
      if (open !== undefined)
        throw new TradeloopError('command.rejected', `${input.requisition} is already being quoted on ${open}`, {
          path: ['requisition'],
          hint: `record the quotes on ${open}, or award it`,
        });
      asked = { productId: r.product_id, warehouseId: r.warehouse_id, qty: r.qty, requisitionId: r.id };
    } else {
      asked = {
        productId: idOf(book, 'products', input.sku, 'product'),
        warehouseId: idOf(book, 'warehouses', input.warehouse, 'warehouse'),
        qty: input.qty,
        requisitionId: null,
      };
    }
    const number = nextNumber(book, 'RFQ', input.date);
    book.exec.execute(
      'insert into rfqs (number, product_id, warehouse_id, qty, date, requisition_id) values (?, ?, ?, ?, ?, ?)',
      number,
      asked.productId,
      asked.warehouseId,
      asked.qty,
      input.date,
      asked.requisitionId,
    );
    return {
      value: { rfq: number },
      document: number,
      ...(input.requisition === undefined ? {} : { after: { requisition: input.requisition } }),
    };
  });
}

/** A supplier's answer to an RFQ (a later answer replaces the earlier one). */
export function recordQuote(
  book: Book,
  rfq: string,
  input: { supplier: string; price: Minor; leadTimeDays: number },
): void {
  book.command('recordQuote', () => {
    const r = book.exec.selectOne<{ id: number; status: string }>('select id, status from rfqs where number = ?', rfq);
    if (!r) throw notFound('RFQ', rfq);
    if (r.status !== 'open') throw new TradeloopError('command.rejected', `${rfq} is ${r.status}`, { path: ['rfq'] });
    book.exec.execute(
      `insert into rfq_quotes (rfq_id, supplier_id, price_minor, lead_time_days) values (?, ?, ?, ?)
       on conflict (rfq_id, supplier_id) do update set price_minor = excluded.price_minor, lead_time_days = excluded.lead_time_days`,
      r.id,
      idOf(book, 'suppliers', input.supplier, 'supplier'),
      input.price,
      input.leadTimeDays,
    );
    return { value: undefined, document: rfq };
  });
}

/**
 * Award an RFQ to the best quote by core's comparison (price, lead time, grade) and turn it into a
 * purchase order at the quoted price, submitted for approval where it is over the threshold.
 */
export function awardRfq(book: Book, rfq: string, input: { date: IsoDate; maxLeadTimeDays?: number }) {
  return book.command('awardRfq', () => {
    const r = book.exec.selectOne<{
      id: number;
      status: string;
      product_id: number;
      warehouse_id: number;
      qty: number;
      tax_rate_bp: number;
      requisition_id: number | null;
    }>(
      'select r.id, r.status, r.product_id, r.warehouse_id, r.qty, p.tax_rate_bp, r.requisition_id from rfqs r join products p on p.id = r.product_id where r.number = ?',
      rfq,
    );
    if (!r) throw notFound('RFQ', rfq);
    if (r.status !== 'open') throw new TradeloopError('command.rejected', `${rfq} is ${r.status}`, { path: ['rfq'] });
    const quotes = book.exec.select<{
      supplier_id: number;
      code: string;
      grade: SupplierGrade;
      price_minor: number;
      lead_time_days: number;
    }>(
      'select q.supplier_id, s.code, s.grade, q.price_minor, q.lead_time_days from rfq_quotes q join suppliers s on s.id = q.supplier_id where q.rfq_id = ?',
      r.id,
    );
    if (quotes.length === 0)
      throw new TradeloopError('command.rejected', `${rfq} has no quotes yet`, { path: ['rfq'] });
    const ranked = compareQuotes(
      quotes.map((q) => ({ supplier: q.code, price: q.price_minor, leadTimeDays: q.lead_time_days, grade: q.grade })),
      input.maxLeadTimeDays === undefined ? {} : { maxLeadTimeDays: input.maxLeadTimeDays },
    );
    const best = ranked[0] as (typeof ranked)[number];
    const { number: po } = writePurchaseOrder(book, {
      supplierId: idOf(book, 'suppliers', best.supplier, 'supplier'),
      warehouseId: r.warehouse_id,
      date: input.date,
      expectedDate: addDays(input.date, best.leadTimeDays),
      lines: [{ productId: r.product_id, qty: r.qty, price: best.price, rate: r.tax_rate_bp }],
    });
    const poId = book.exec.value<number>('select id from purchase_orders where number = ?', po);
    book.exec.execute("update rfqs set status = 'awarded', po_id = ? where id = ?", poId, r.id);
    // The requisition it was asked for is ordered now: on the PO's line, reopened if the PO is rejected.
    if (r.requisition_id !== null)
      book.exec.execute(
        `update requisitions set status = 'ordered', po_line_id = (select id from purchase_order_lines where po_id = ?)
          where id = ? and status = 'open'`,
        poId,
        r.requisition_id,
      );
    return {
      value: {
        po,
        supplier: best.supplier,
        ranking: ranked.map((q) => ({
          supplier: q.supplier,
          score: q.score,
          price: q.price,
          leadTimeDays: q.leadTimeDays,
        })),
        value: lineAmount(r.qty, best.price, book.settings().rounding),
      },
      document: rfq,
      after: { po, supplier: best.supplier },
    };
  });
}
