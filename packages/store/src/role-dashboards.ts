import {
  type Actor,
  addDays,
  ageBalances,
  COLUMN_CLASSES,
  type CommissionPlan,
  type CommissionScheme,
  can,
  customerScope,
  daysBetween,
  type IsoDate,
  type Minor,
  runCommission,
  type SalesOrderStatus,
  seesColumns,
} from '@tradeloop/core';
import { runningOut } from './board.js';
import type { Book } from './book.js';
import type { Stage } from './crm.js';
import { jsonValues } from './dialect.js';
import { payablesForAging, receivablesForAging } from './finance.js';
import type { ReorderSuggestion } from './planning.js';

/** The dashboards of the app, one per kind of work: the boss's is the whole book's (analytics). */
export const DASHBOARD_VIEWS = ['boss', 'sales-manager', 'salesperson', 'purchasing', 'finance'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

/** Which dashboard each role opens first. */
const ROLE_VIEW: Readonly<Partial<Record<Actor['roles'][number], DashboardView>>> = {
  owner: 'boss',
  auditor: 'boss',
  accountant: 'finance',
  sales_manager: 'sales-manager',
  salesperson: 'salesperson',
  purchasing: 'purchasing',
};

/** Whether the actor reads the whole book: every customer and every class of figure. */
const wholeBook = (actor: Actor): boolean =>
  can(actor, 'book.read') &&
  customerScope(actor).kind === 'all' &&
  COLUMN_CLASSES.every((kind) => seesColumns(actor, kind));

function allowed(actor: Actor, view: DashboardView): boolean {
  const has = (...roles: Actor['roles'][number][]) => actor.roles.some((r) => roles.includes(r));
  switch (view) {
    case 'boss':
      return wholeBook(actor);
    case 'sales-manager':
      return has('owner', 'sales_manager');
    case 'salesperson':
      return has('salesperson', 'sales_manager') && actor.salesperson !== undefined;
    case 'purchasing':
      // What is about to run out is the reorder run's preview: who may run it and sees every product.
      return has('owner', 'purchasing') && can(actor, 'jobs.run');
    case 'finance':
      return has('owner', 'accountant', 'auditor');
  }
}

/**
 * The dashboards an actor may open, the one of their first role first (the one `/dashboard`
 * shows them); empty for a role with none (the warehouse, a customer).
 *
 * @example
 * dashboardViews({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' }) // ['salesperson']
 * dashboardViews({ user: 'boss', roles: ['owner'] }) // ['boss', 'sales-manager', 'purchasing', 'finance']
 */
export function dashboardViews(actor: Actor): DashboardView[] {
  const first = actor.roles.map((r) => ROLE_VIEW[r]).filter((v): v is DashboardView => v !== undefined);
  return [...new Set([...first, ...DASHBOARD_VIEWS])].filter((v) => allowed(actor, v));
}

/** The acting user may open this dashboard, or a logged `permission.denied`. */
export function requireDashboardView(book: Book, view: DashboardView): void {
  book.requirePermission('book.read');
  const actor = book.principal;
  if (allowed(actor, view)) return;
  const may = dashboardViews(actor);
  const who = `${actor.user} (${actor.roles.join(', ') || 'no role'})`;
  if (may.length === 0)
    throw book.refusal('permission.denied', `${who} has no dashboard`, {
      path: ['view'],
      hint: actor.roles.includes('salesperson')
        ? 'a salesperson’s dashboard needs the user linked to their salesperson (user --salesperson)'
        : 'dashboards are made for the owner, sales, purchasing and finance',
    });
  throw book.refusal('permission.denied', `${who} may not open the ${view} dashboard`, {
    path: ['view'],
    hint: `open ${may.join(' or ')}`,
  });
}

/** The calendar month of a date: its key (2026-03), first day and the first day after it. */
export function monthOf(date: IsoDate): { month: string; start: IsoDate; end: IsoDate } {
  const month = date.slice(0, 7);
  const start = `${month}-01`;
  return { month, start, end: `${addDays(start, 40).slice(0, 7)}-01` };
}

/** The key of the month `n` months before this one (2026-03, 2 → 2026-01). */
export function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many months the salesperson's trend shows, this one included. */
const TREND_MONTHS = 6;

/** Salespeople codes a SQL filter reads; null: every salesperson. */
type Sellers = readonly string[] | null;
const sellersOf = (actor: Actor): Sellers => {
  const scope = customerScope(actor);
  return scope.kind === 'all' ? null : scope.kind === 'salespeople' ? scope.salespeople : [];
};
/** `(? is null or <col> in sellers)`, with its two parameters. */
const sellerFilter = (book: Book, column: string, sellers: Sellers): [string, unknown, unknown] => {
  const json = sellers === null ? null : JSON.stringify(sellers);
  return [`(cast(? as text) is null or ${column} in (${jsonValues(book)}))`, json, json];
};

/**
 * Sales invoices past due with something left to pay, of the customers the sellers own: each
 * invoice's open amount is its gross less what payments were allocated to it (as on the customer's page).
 */
const OVERDUE = (filter: string) => `
  with overdue as (
    select i.number, c.code as customer, c.name as customer_name, s.code as owner, i.due_date,
      i.open_minor as open
    from invoices i join customers c on c.id = i.customer_id left join salespeople s on s.id = c.owner_id
    where i.kind = 'sales' and i.due_date < ? and ${filter})`;

/** Orders still to be fulfilled. */
const OPEN_ORDER_STATUSES: readonly SalesOrderStatus[] = [
  'pending_review',
  'awaiting_payment',
  'awaiting_shipment',
  'partially_shipped',
];
const STAGES: readonly Stage[] = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
/** How many rows a list on a dashboard shows; its count says how many there are. */
const SHOWN = 8;

export interface OverdueInvoice {
  invoice: string;
  customer: string;
  customerName: string;
  dueDate: IsoDate;
  open: Minor;
  daysOverdue: number;
}

export interface SalespersonDashboard {
  view: 'salesperson';
  asOf: IsoDate;
  month: string;
  salesperson: string;
  /** Invoiced net sales of the month, credit notes off, of invoices the salesperson sells. */
  sales: Minor;
  /** The month's target; null when none is set. */
  target: Minor | null;
  /** The last six months, this one last: invoiced net sales and target (null: none set). */
  months: { month: string; sales: Minor; target: Minor | null }[];
  /** The commission the month earns so far by the plan of their level (override included); null without a plan. */
  commission: Minor | null;
  /** Their customers' overdue invoices: how many, how much, the largest. */
  overdue: { invoices: number; amount: Minor; largest: OverdueInvoice[] };
  /** Open orders they sell or of customers they own, by status, and the oldest. */
  orders: {
    byStatus: { status: SalesOrderStatus; orders: number; gross: Minor }[];
    oldest: { number: string; customer: string; date: IsoDate; status: SalesOrderStatus; gross: Minor }[];
  };
  /** Their customers whose latest follow-up set a next date that has come. */
  followUps: { due: number; earliest: { customer: string; customerName: string; nextDate: IsoDate }[] };
  /**
   * Where the month's invoiced sales place them among the salespeople (tied sales share a place;
   * null with no sales yet), and who leads, by name only: others' figures stay theirs.
   */
  ranking: { rank: number | null; of: number; leaders: { salesperson: string; name: string }[] };
  /** The customers they own: what each owes on sales invoices, how much of it is overdue, the next follow-up. */
  customers: { code: string; name: string; open: Minor; overdue: Minor; nextFollowUp: IsoDate | null }[];
}

/** The place of `me` by the period's invoiced net sales, tied sales sharing a place (1, 2, 2, 4). */
function salesRanking(
  book: Book,
  me: string,
  period: { start: IsoDate; end: IsoDate },
): SalespersonDashboard['ranking'] {
  const rows = book.exec.select<{ code: string; name: string; sales: number }>(
    `select s.code, s.name, sum(i.net_minor) as sales from invoices i join salespeople s on s.id = i.salesperson_id
      where i.kind in ('sales', 'sales_credit') and i.date >= ? and i.date < ? group by s.id having sum(i.net_minor) > 0
      order by sales desc, s.code`,
    period.start,
    period.end,
  );
  const of = book.exec.value<number>('select count(*) from salespeople') ?? 0;
  const mine = rows.find((r) => r.code === me);
  const rank = mine ? rows.filter((r) => r.sales > mine.sales).length + 1 : null;
  return { rank, of, leaders: rows.slice(0, 3).map((r) => ({ salesperson: r.code, name: r.name })) };
}

/** Month sums of each salesperson's base figures, one commission line each (the run sums them). */
function commissionSoFar(book: Book, salesperson: string, period: { start: IsoDate; end: IsoDate }): Minor | null {
  const people = book.exec.select<{ code: string; level: string; manager: string | null }>(
    `select s.code, s.level, m.code as manager from salespeople s left join salespeople m on m.id = s.manager_id
      where s.code = ? or m.code = ?`,
    salesperson,
    salesperson,
  );
  const me = people.find((p) => p.code === salesperson);
  const plan = me
    ? book.exec.selectOne<{
        code: string;
        base: CommissionPlan['base'];
        scheme_json: string;
        manager_override_bp: number | null;
      }>('select code, base, scheme_json, manager_override_bp from commission_plans where level = ?', me.level)
    : undefined;
  if (!me || !plan) return null;
  const sums = book.exec.select<{ salesperson: string; net: number; cost: number; collected: number }>(
    `select s.code as salesperson,
        coalesce((select sum(i.net_minor) from invoices i where i.salesperson_id = s.id and i.kind in ('sales', 'sales_credit')
          and i.date >= ? and i.date < ?), 0) as net,
        coalesce((select sum(i.cost_minor) from invoices i where i.salesperson_id = s.id and i.kind in ('sales', 'sales_credit')
          and i.date >= ? and i.date < ?), 0) as cost,
        coalesce((select sum(a.amount_minor) from payment_allocations a join payments p on p.id = a.payment_id
          join invoices i on i.id = a.invoice_id
          where i.salesperson_id = s.id and p.kind = 'customer' and a.date >= ? and a.date < ?), 0) as collected
      from salespeople s where s.code in (${jsonValues(book)})`,
    period.start,
    period.end,
    period.start,
    period.end,
    period.start,
    period.end,
    JSON.stringify(people.map((p) => p.code)),
  );
  const statements = runCommission({
    period,
    salespeople: people.map((p) => ({ code: p.code, level: p.level, ...(p.manager ? { manager: p.manager } : {}) })),
    plans: {
      [me.level]: {
        code: plan.code,
        base: plan.base,
        scheme: JSON.parse(plan.scheme_json) as CommissionScheme,
        ...(plan.manager_override_bp === null ? {} : { managerOverride: plan.manager_override_bp }),
      },
    },
    lines: sums.map((s) => ({
      salesperson: s.salesperson,
      date: period.start,
      document: 'month',
      kind: 'invoice' as const,
      netSales: s.net,
      cost: s.cost,
      collected: s.collected,
    })),
    rounding: book.settings().rounding,
  });
  return statements.find((s) => s.salesperson === salesperson)?.total ?? null;
}

/**
 * The salesperson's dashboard: their month against target, their commission so far, their
 * customers' overdue invoices, their open orders and the follow-ups due. Only their own figures.
 *
 * @example
 * salespersonDashboard(book, { asOf: '2026-03-31' }).sales // 1_880_00
 */
export function salespersonDashboard(book: Book, options: { asOf?: IsoDate } = {}): SalespersonDashboard {
  requireDashboardView(book, 'salesperson');
  const me = book.principal.salesperson as string;
  const asOf = options.asOf ?? book.today();
  const { month, start, end } = monthOf(asOf);
  const q = <T>(sql: string, ...params: unknown[]) => book.exec.select<T>(sql, ...params);
  const one = <T>(sql: string, ...params: unknown[]) => book.exec.selectOne<T>(sql, ...params) as T;
  const sales = one<{ sales: number }>(
    `select coalesce(sum(i.net_minor), 0) as sales from invoices i join salespeople s on s.id = i.salesperson_id
      where s.code = ? and i.kind in ('sales', 'sales_credit') and i.date >= ? and i.date < ?`,
    me,
    start,
    end,
  ).sales;
  const target =
    book.exec.selectOne<{ amount: number }>(
      `select t.amount_minor as amount from sales_targets t join salespeople s on s.id = t.salesperson_id
        where s.code = ? and t.month = ?`,
      me,
      month,
    )?.amount ?? null;
  const first = monthsBefore(month, TREND_MONTHS - 1);
  const trend = q<{ month: string; sales: number }>(
    `select substr(i.date, 1, 7) as month, sum(i.net_minor) as sales from invoices i join salespeople s on s.id = i.salesperson_id
      where s.code = ? and i.kind in ('sales', 'sales_credit') and i.date >= ? and i.date < ? group by 1`,
    me,
    `${first}-01`,
    end,
  );
  const targets = q<{ month: string; amount: number }>(
    `select t.month, t.amount_minor as amount from sales_targets t join salespeople s on s.id = t.salesperson_id
      where s.code = ? and t.month >= ? and t.month <= ?`,
    me,
    first,
    month,
  );
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => monthsBefore(month, TREND_MONTHS - 1 - i)).map((m) => ({
    month: m,
    sales: trend.find((t) => t.month === m)?.sales ?? 0,
    target: targets.find((t) => t.month === m)?.amount ?? null,
  }));
  const mine = 's.code = ?';
  const overdue = one<{ invoices: number; amount: number }>(
    `${OVERDUE(mine)} select count(*) as invoices, coalesce(sum(open), 0) as amount from overdue where open > 0`,
    asOf,
    me,
  );
  const largest = q<Omit<OverdueInvoice, 'daysOverdue'>>(
    `${OVERDUE(mine)} select number as invoice, customer, customer_name as customerName, due_date as dueDate, open
      from overdue where open > 0 order by open desc, number limit ?`,
    asOf,
    me,
    SHOWN,
  ).map((i) => ({ ...i, daysOverdue: daysBetween(i.dueDate, asOf) }));
  // An order is theirs when they sell it or own its customer, as the order's page decides.
  const ordersOf = `from sales_orders o join customers c on c.id = o.customer_id
      left join salespeople seller on seller.id = o.salesperson_id left join salespeople owner on owner.id = c.owner_id
      where o.status in (${jsonValues(book)}) and (seller.code = ? or owner.code = ?)`;
  const statuses = JSON.stringify(OPEN_ORDER_STATUSES);
  const byStatus = q<{ status: SalesOrderStatus; orders: number; gross: number }>(
    `select o.status, count(*) as orders, sum(o.gross_minor) as gross ${ordersOf} group by o.status`,
    statuses,
    me,
    me,
  );
  const oldest = q<SalespersonDashboard['orders']['oldest'][number]>(
    `select o.number, c.code as customer, o.order_date as date, o.status, o.gross_minor as gross ${ordersOf}
      order by o.order_date, o.number limit ?`,
    statuses,
    me,
    me,
    SHOWN,
  );
  const dueFollowUps = `from customers c join salespeople s on s.id = c.owner_id
      join follow_ups f on f.id = (select f2.id from follow_ups f2 where f2.customer_id = c.id order by f2.date desc, f2.id desc limit 1)
      where s.code = ? and f.next_date is not null and f.next_date <= ?`;
  const due = one<{ due: number }>(`select count(*) as due ${dueFollowUps}`, me, asOf).due;
  const earliest = q<SalespersonDashboard['followUps']['earliest'][number]>(
    `select c.code as customer, c.name as customerName, f.next_date as nextDate ${dueFollowUps}
      order by f.next_date, c.code limit ?`,
    me,
    asOf,
    SHOWN,
  );
  return {
    view: 'salesperson',
    asOf,
    month,
    salesperson: me,
    sales,
    target,
    months,
    commission: commissionSoFar(book, me, { start, end }),
    overdue: { ...overdue, largest },
    orders: {
      byStatus: OPEN_ORDER_STATUSES.map(
        (status) => byStatus.find((r) => r.status === status) ?? { status, orders: 0, gross: 0 },
      ),
      oldest,
    },
    followUps: { due, earliest },
    ranking: salesRanking(book, me, { start, end }),
    customers: q<SalespersonDashboard['customers'][number]>(
      `select c.code, c.name,
         coalesce(sum(i.open), 0) as open, coalesce(sum(case when i.due_date < ? then i.open else 0 end), 0) as overdue,
         (select f.next_date from follow_ups f where f.customer_id = c.id order by f.date desc, f.id desc limit 1) as nextFollowUp
       from customers c join salespeople s on s.id = c.owner_id
       left join (select i.customer_id, i.due_date,
           i.open_minor as open
         from invoices i where i.kind = 'sales') i on i.customer_id = c.id
       where s.code = ? group by c.id order by open desc, c.code`,
      asOf,
      me,
    ),
  };
}

export interface SalesManagerDashboard {
  view: 'sales-manager';
  asOf: IsoDate;
  month: string;
  /** Each salesperson of the team: the month's invoiced net sales and target (null: none set). */
  team: { salesperson: string; name: string; sales: Minor; target: Minor | null }[];
  totals: { sales: Minor; target: Minor };
  /** The team's opportunities by stage, every stage in pipeline order. */
  pipeline: { stage: Stage; opportunities: number; amount: Minor }[];
  /** Open opportunities (not won or lost): their amount. */
  openPipeline: Minor;
  /** Overdue invoices of the team's customers, per the salesperson who owns the customer. */
  overdue: { salesperson: string; invoices: number; amount: Minor }[];
  overdueTotal: Minor;
}

/**
 * The sales manager's dashboard: the team's month against target per salesperson, the pipeline
 * by stage, overdue receivables per salesperson. Only the team's (the whole sales force for who
 * leads it all).
 */
export function salesManagerDashboard(book: Book, options: { asOf?: IsoDate } = {}): SalesManagerDashboard {
  requireDashboardView(book, 'sales-manager');
  const asOf = options.asOf ?? book.today();
  const { month, start, end } = monthOf(asOf);
  const sellers = sellersOf(book.principal);
  const [filter, ...team] = sellerFilter(book, 's.code', sellers);
  const rows = book.exec.select<{ salesperson: string; name: string; sales: number; target: number | null }>(
    `select s.code as salesperson, s.name, coalesce(x.sales, 0) as sales, t.amount_minor as target
      from salespeople s
      left join (select salesperson_id, sum(net_minor) as sales from invoices
                 where kind in ('sales', 'sales_credit') and date >= ? and date < ? group by salesperson_id) x on x.salesperson_id = s.id
      left join sales_targets t on t.salesperson_id = s.id and t.month = ?
      where ${filter} order by s.code`,
    start,
    end,
    month,
    ...team,
  );
  // An opportunity is the team's when one of them pursues it, or, with no one named, owns its customer.
  const stages = book.exec.select<{ stage: Stage; opportunities: number; amount: number }>(
    `select o.stage, count(*) as opportunities, sum(o.amount_minor) as amount
      from opportunities o join customers c on c.id = o.customer_id
      left join salespeople s on s.id = coalesce(o.salesperson_id, c.owner_id) where ${filter} group by o.stage`,
    ...team,
  );
  const pipeline = STAGES.map(
    (stage) => stages.find((s) => s.stage === stage) ?? { stage, opportunities: 0, amount: 0 },
  );
  const overdue = book.exec.select<{ salesperson: string; invoices: number; amount: number }>(
    `${OVERDUE(filter)} select coalesce(owner, '') as salesperson, count(*) as invoices, sum(open) as amount
      from overdue where open > 0 group by owner order by amount desc, owner`,
    asOf,
    ...team,
  );
  return {
    view: 'sales-manager',
    asOf,
    month,
    team: rows,
    totals: {
      sales: rows.reduce((s, r) => s + r.sales, 0),
      target: rows.reduce((s, r) => s + (r.target ?? 0), 0),
    },
    pipeline,
    openPipeline: pipeline.filter((p) => p.stage !== 'won' && p.stage !== 'lost').reduce((s, p) => s + p.amount, 0),
    overdue,
    overdueTotal: overdue.reduce((s, r) => s + r.amount, 0),
  };
}

export interface PurchaseOrderDue {
  number: string;
  supplier: string;
  expected: IsoDate;
  gross: Minor;
}

export interface PurchasingDashboard {
  view: 'purchasing';
  asOf: IsoDate;
  /** Requisitions no purchase order takes yet. */
  requisitions: number;
  /** Purchase orders waiting for approval: how many, their gross. */
  awaitingApproval: { orders: number; gross: Minor };
  /** Ordered purchase orders past their expected date with something not received: the oldest. */
  late: { orders: number; oldest: PurchaseOrderDue[] };
  /** Ordered purchase orders expected from today through the next six days. */
  dueThisWeek: { orders: number; first: PurchaseOrderDue[] };
  /** What is about to run out: projected stock under the reorder point. */
  runningOut: ReorderSuggestion[];
  /** Purchase orders not closed, by status. */
  byStatus: { status: string; orders: number; gross: Minor }[];
  /** Ordered purchase orders with something still to come, by when it is expected. */
  schedule: { when: 'late' | 'this_week' | 'next_week' | 'later'; orders: number; gross: Minor }[];
}

/**
 * The purchasing dashboard: requisitions to order, orders awaiting approval, orders late and
 * due this week, and what is about to run out (the board's reorder preview).
 */
export function purchasingDashboard(book: Book, options: { asOf?: IsoDate } = {}): PurchasingDashboard {
  requireDashboardView(book, 'purchasing');
  const asOf = options.asOf ?? book.today();
  const weekEnd = addDays(asOf, 7);
  const one = <T>(sql: string, ...params: unknown[]) => book.exec.selectOne<T>(sql, ...params) as T;
  const q = <T>(sql: string, ...params: unknown[]) => book.exec.select<T>(sql, ...params);
  const open = `from purchase_orders po join suppliers s on s.id = po.supplier_id
      where po.status in ('ordered', 'partially_received')
        and exists (select 1 from purchase_order_lines l where l.po_id = po.id and l.received_qty < l.qty)`;
  const listed = `select po.number, s.code as supplier, po.expected_date as expected, po.gross_minor as gross ${open}`;
  const count = (where: string, ...params: unknown[]) =>
    one<{ n: number }>(`select count(*) as n ${open} and ${where}`, ...params).n;
  const when = q<PurchasingDashboard['schedule'][number]>(
    `select case when po.expected_date < ? then 'late' when po.expected_date < ? then 'this_week'
        when po.expected_date < ? then 'next_week' else 'later' end as "when", count(*) as orders, sum(po.gross_minor) as gross
      ${open} group by 1`,
    asOf,
    weekEnd,
    addDays(asOf, 14),
  );
  const schedule = (['late', 'this_week', 'next_week', 'later'] as const).map(
    (w) => when.find((r) => r.when === w) ?? { when: w, orders: 0, gross: 0 },
  );
  return {
    view: 'purchasing',
    schedule,
    asOf,
    requisitions: one<{ n: number }>(
      "select count(*) as n from requisitions where status = 'open' and po_line_id is null",
    ).n,
    awaitingApproval: one<{ orders: number; gross: number }>(
      `select count(*) as orders, coalesce(sum(gross_minor), 0) as gross from purchase_orders where status = 'pending_approval'`,
    ),
    late: {
      orders: count('po.expected_date < ?', asOf),
      oldest: q<PurchaseOrderDue>(
        `${listed} and po.expected_date < ? order by po.expected_date, po.number limit ?`,
        asOf,
        SHOWN,
      ),
    },
    dueThisWeek: {
      orders: count('po.expected_date >= ? and po.expected_date < ?', asOf, weekEnd),
      first: q<PurchaseOrderDue>(
        `${listed} and po.expected_date >= ? and po.expected_date < ? order by po.expected_date, po.number limit ?`,
        asOf,
        weekEnd,
        SHOWN,
      ),
    },
    runningOut: runningOut(book, asOf),
    byStatus: q<{ status: string; orders: number; gross: number }>(
      `select status, count(*) as orders, sum(gross_minor) as gross from purchase_orders
        where status in ('draft', 'pending_approval', 'ordered', 'partially_received') group by status
        order by case status when 'draft' then 0 when 'pending_approval' then 1 when 'ordered' then 2 else 3 end`,
    ),
  };
}

export interface AgingTotals {
  columns: string[];
  buckets: Minor[];
  outstanding: Minor;
}

export interface FinanceDashboard {
  view: 'finance';
  asOf: IsoDate;
  month: string;
  /** Receivables and payables aged by due date, as the aging report ages them. */
  receivables: AgingTotals;
  payables: AgingTotals;
  /** Bank statement lines not matched yet. */
  unmatchedLines: number;
  /** Supplier payments waiting for approval: how many, how much. */
  paymentsAwaiting: { payments: number; amount: Minor };
  /** Customer receipts dated in the month. */
  cashReceived: Minor;
}

/**
 * The finance dashboard: AR and AP by aging bucket, statement lines to match, supplier payments
 * awaiting approval, cash received this month.
 */
export function financeDashboard(book: Book, options: { asOf?: IsoDate } = {}): FinanceDashboard {
  requireDashboardView(book, 'finance');
  const asOf = options.asOf ?? book.today();
  const { month, start, end } = monthOf(asOf);
  const one = <T>(sql: string, ...params: unknown[]) => book.exec.selectOne<T>(sql, ...params) as T;
  // Aged as the aging report ages them (payments applied to the oldest first), so the totals agree.
  const aged = (input: ReturnType<typeof receivablesForAging>): AgingTotals => {
    const r = ageBalances(input.documents, input.payments, [], { asOf, basis: 'due' });
    return { columns: r.columns, buckets: r.total.buckets, outstanding: r.total.outstanding };
  };
  return {
    view: 'finance',
    asOf,
    month,
    receivables: aged(receivablesForAging(book)),
    payables: aged(payablesForAging(book)),
    unmatchedLines: one<{ n: number }>("select count(*) as n from statement_lines where status = 'unmatched'").n,
    paymentsAwaiting: one<{ payments: number; amount: number }>(
      `select count(*) as payments, coalesce(sum(amount_minor), 0) as amount from payment_requests where status = 'pending'`,
    ),
    cashReceived: one<{ cash: number }>(
      `select coalesce(sum(amount_minor), 0) as cash from payments where kind = 'customer' and date >= ? and date < ?`,
      start,
      end,
    ).cash,
  };
}

export type RoleDashboard = SalespersonDashboard | SalesManagerDashboard | PurchasingDashboard | FinanceDashboard;

/** One role's dashboard (the boss's is the whole-book report of analytics). */
export function roleDashboard(
  book: Book,
  view: Exclude<DashboardView, 'boss'>,
  options: { asOf?: IsoDate } = {},
): RoleDashboard {
  switch (view) {
    case 'salesperson':
      return salespersonDashboard(book, options);
    case 'sales-manager':
      return salesManagerDashboard(book, options);
    case 'purchasing':
      return purchasingDashboard(book, options);
    case 'finance':
      return financeDashboard(book, options);
  }
}
