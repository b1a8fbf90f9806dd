import { can, customerScope, type IsoDate, mulDiv } from '@tradeloop/core';
import { readAccess, rowInScope } from './access.js';
import type { Book } from './book.js';
import { type ReorderSuggestion, runReorder } from './planning.js';

export interface BoardLine {
  order: string;
  customer: string;
  sku: string;
  promiseDate: IsoDate;
  open: number;
  reserved: number;
  waiting: number;
  requisition: string | null;
  purchaseOrder: string | null;
  expected: IsoDate | null;
  status: 'ready' | 'awaiting_purchase' | 'on_order' | 'at_risk' | 'late';
}

/**
 * The coordination board: every open sales order line with what it waits for. `ready`: fully
 * reserved. `awaiting_purchase`: short, requisitioned, no purchase order yet. `on_order`: a
 * purchase order is coming before the promise date. `at_risk`: it comes after the promise date.
 * `late`: the promise date has passed. Sorted by promise date.
 *
 * @example
 * coordinationBoard(book, '2026-11-23').filter((l) => l.status === 'at_risk')
 */
export function coordinationBoard(book: Book, today: IsoDate): BoardLine[] {
  const rows = book.exec.select<{
    order: string;
    customer: string;
    sku: string;
    promise_date: string;
    open: number;
    reserved: number;
    requisition: string | null;
    po: string | null;
    expected: string | null;
  }>(
    `select o.number as "order", c.code as customer, p.sku, o.promise_date, l.qty - l.shipped_qty as open, l.reserved_qty as reserved,
       r.number as requisition, po.number as po, po.expected_date as expected
     from sales_order_lines l join sales_orders o on o.id = l.order_id join customers c on c.id = o.customer_id
     join products p on p.id = l.product_id
     left join requisitions r on r.sales_order_line_id = l.id and r.status <> 'cancelled'
     left join purchase_order_lines pl on pl.id = r.po_line_id
     left join purchase_orders po on po.id = pl.po_id and po.status in ('draft', 'pending_approval', 'ordered', 'partially_received')
     where o.status in ('pending_review', 'awaiting_payment', 'awaiting_shipment', 'partially_shipped') and l.qty > l.shipped_qty
     order by o.promise_date, o.number, l.line_no`,
  );
  return rows.map((r) => {
    const waiting = r.open - r.reserved;
    const status: BoardLine['status'] =
      waiting <= 0
        ? r.promise_date < today
          ? 'late'
          : 'ready'
        : r.promise_date < today
          ? 'late'
          : !r.po
            ? 'awaiting_purchase'
            : (r.expected ?? '') > r.promise_date
              ? 'at_risk'
              : 'on_order';
    return {
      order: r.order,
      customer: r.customer,
      sku: r.sku,
      promiseDate: r.promise_date,
      open: r.open,
      reserved: r.reserved,
      waiting: Math.max(0, waiting),
      requisition: r.requisition,
      purchaseOrder: r.po,
      expected: r.expected,
      status,
    };
  });
}

export interface CommissionStatementLine {
  run: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  salesperson: string;
  plan: string;
  base: number;
  amount: number;
  override: number;
  total: number;
}

/** Posted commission statements, newest run first. */
export function commissionStatements(book: Book): CommissionStatementLine[] {
  return book.exec.select<CommissionStatementLine>(
    `select r.number as run, r.period_start as periodStart, r.period_end as periodEnd, s.code as salesperson, l.plan,
       l.base_minor as base, l.amount_minor as amount, l.override_minor as override, l.total_minor as total
     from commission_lines l join commission_runs r on r.id = l.run_id join salespeople s on s.id = l.salesperson_id
     order by r.period_start desc, s.code`,
  );
}

export interface FunnelStage {
  stage: string;
  opportunities: number;
  amount: number;
  /** Each opportunity's amount × probability, rounded once with the book's rounding, summed. */
  weighted: number;
}

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];

/** The sales funnel: opportunities by stage, their amount and the amount weighted by probability. */
export function salesFunnel(book: Book, salesperson?: string): FunnelStage[] {
  const { rounding } = book.settings();
  const rows = book.exec.select<{ stage: string; amount: number; probability: number }>(
    `select o.stage, o.amount_minor as amount, o.probability_bp as probability
     from opportunities o left join salespeople s on s.id = o.salesperson_id
     where ? is null or s.code = ?`,
    salesperson ?? null,
    salesperson ?? null,
  );
  return STAGES.map((stage) => {
    const here = rows.filter((r) => r.stage === stage);
    return {
      stage,
      opportunities: here.length,
      amount: here.reduce((s, r) => s + r.amount, 0),
      // Each opportunity's amount × probability is rounded once, with the book's rounding.
      weighted: here.reduce((s, r) => s + mulDiv(r.amount, r.probability, 10_000, rounding), 0),
    };
  });
}

export interface StockItem {
  sku: string;
  name: string;
  warehouse: string;
  onHand: number;
  /** At cost; null for a role that does not see cost. */
  value: number | null;
  lastIssue: IsoDate | null;
  firstReceipt: IsoDate | null;
}

/**
 * The whole company's stock, as the acting user may read it: refused to a role that sees only its
 * own customers, and whether its values at cost are theirs to see.
 */
function companyStock(book: Book, what: string): { cost: boolean } {
  const { hidden } = readAccess(book, { company: true, columns: { value: 'cost' } }, what);
  return { cost: !hidden.includes('value') };
}

/** On-hand stock per product and warehouse with its last issue and first receipt dates. */
export function stockActivity(book: Book): StockItem[] {
  const { cost } = companyStock(book, 'slow movers');
  const rows = book.exec.select<StockItem>(
    `select p.sku, p.name, w.code as warehouse, b.on_hand as onHand, b.value_minor as value,
       (select max(date) from stock_moves m where m.product_id = b.product_id and m.warehouse_id = b.warehouse_id and m.kind = 'issue') as lastIssue,
       (select min(date) from stock_moves m where m.product_id = b.product_id and m.warehouse_id = b.warehouse_id and m.qty > 0) as firstReceipt
     from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id
     where b.on_hand > 0 order by p.sku, w.code`,
  );
  return cost ? rows : rows.map((r) => ({ ...r, value: null }));
}

export interface ExpiringLot {
  sku: string;
  warehouse: string;
  batch: string | null;
  expiry: IsoDate;
  qty: number;
  /** At cost; null for a role that does not see cost. */
  value: number | null;
}

/** Stock with an expiry date, from the FIFO layers (what is left of each receipt). */
export function expiringStock(book: Book): ExpiringLot[] {
  const { cost } = companyStock(book, 'expiry');
  const rows = book.exec.select<ExpiringLot>(
    `select p.sku, w.code as warehouse, l.batch, l.expiry, sum(l.qty) as qty, sum(l.value_minor) as value
     from fifo_layers l join products p on p.id = l.product_id join warehouses w on w.id = l.warehouse_id
     where l.expiry is not null group by 1, 2, 3, 4 order by l.expiry, p.sku`,
  );
  return cost ? rows : rows.map((r) => ({ ...r, value: null }));
}

/**
 * Products whose projected stock is under the reorder point: the reorder run as a preview, so
 * nothing is requisitioned by looking. Needs who may run the reorder (`jobs.run`).
 */
export function runningOut(book: Book, today: IsoDate): ReorderSuggestion[] {
  return book.preview(() => runReorder(book, { today })).filter((s) => s.projected < s.reorderPoint);
}

/** The coordination board as a page shows it: the lines one may see, and what is about to run out. */
export interface BoardView {
  lines: BoardLine[];
  /** Products whose projected stock is under the reorder point (what the reorder run would order); null for who may not plan purchasing. */
  runningOut: ReorderSuggestion[] | null;
  /** Requisitions no purchase order takes yet: what "create purchase orders" would order. */
  openRequisitions: number;
}

/**
 * The coordination board for the acting user: a salesperson sees the lines of their own
 * customers; who may plan purchasing also sees what is about to run out (the reorder run as a
 * preview: nothing is requisitioned by looking) and the requisitions waiting for a purchase order.
 *
 * @example
 * boardView(book, '2026-11-23').lines.filter((l) => l.status === 'late')
 */
export function boardView(book: Book, today: IsoDate): BoardView {
  const access = { customer: 'customer' } as const;
  const { rows } = readAccess(book, access, 'board');
  const lines = coordinationBoard(book, today).filter((l) => rowInScope(rows, access, l as never));
  const plans = can(book.principal, 'purchasing.write') && customerScope(book.principal).kind === 'all';
  return {
    lines,
    runningOut: plans ? runningOut(book, today) : null,
    openRequisitions: plans
      ? (book.exec.value<number>("select count(*) from requisitions where status = 'open' and po_line_id is null") ?? 0)
      : 0,
  };
}
