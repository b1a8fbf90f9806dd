import { TradeloopError } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, withAnalytics } from './analytics.js';
import { num, sqlText as quote, type ReportColumn, type ReportTable, share, type ValueKind } from './report-table.js';

interface Measure {
  /** What it sums; for a ratio, what orders by it (the ratio itself is exact, see `ratio`). */
  sql: string;
  kind: ValueKind;
  title: string;
  /** A percent of two sums, in basis points: worked out from the exact sums with the book's rounding. */
  ratio?: { part: string; whole: string };
}

interface Cube {
  description: string;
  from: string;
  where: string;
  date: string;
  dimensions: Record<string, { sql: string; title: string }>;
  measures: Record<string, Measure>;
}

const time = (date: string) => ({
  day: { sql: `${date}`, title: 'Day 日' },
  week: { sql: `strftime(cast(${date} as date), '%G-W%V')`, title: 'Week 周' },
  month: { sql: `substr(${date}, 1, 7)`, title: 'Month 月' },
  quarter: { sql: `substr(${date}, 1, 4) || 'Q' || quarter(cast(${date} as date))`, title: 'Quarter 季度' },
  year: { sql: `substr(${date}, 1, 4)`, title: 'Year 年' },
});

const customer = {
  customer: { sql: "coalesce(f.customer, '')", title: 'Customer 客户' },
  customer_name: { sql: "coalesce(c.name, '')", title: 'Customer name 客户名称' },
  // Where the order went and how it was sold, when the order says; else the customer's.
  region: { sql: "coalesce(f.ship_region, c.region, '')", title: 'Region 地区' },
  channel: { sql: "coalesce(f.channel, c.channel, '')", title: 'Channel 渠道' },
  tier: { sql: "coalesce(c.tier, '')", title: 'Tier 等级' },
  salesperson: { sql: "coalesce(f.salesperson, '')", title: 'Salesperson 业务员' },
};

/** A percent of two sums, exact: the SQL only orders by it. */
const percentOf = (part: string, whole: string): Pick<Measure, 'sql' | 'ratio'> => ({
  sql: `${part} * 1.0 / nullif(${whole}, 0)`,
  ratio: { part, whole },
});

/**
 * The self-service model: facts, the dimensions they can be split by and the measures they sum.
 * Names are the whole public vocabulary of `tradeloop query` (docs/analytics.md lists them).
 */
export const CUBES: Readonly<Record<string, Cube>> = {
  sales: {
    description: 'sales order lines, not cancelled, by order date; margin on what was shipped, at FIFO cost',
    from: 'order_lines f left join customers c on c.code = f.customer left join products p on p.sku = f.sku',
    where: "f.status <> 'cancelled'",
    date: 'f.date',
    dimensions: {
      ...time('f.date'),
      ...customer,
      sku: { sql: 'f.sku', title: 'SKU 编码' },
      product: { sql: "coalesce(p.name, '')", title: 'Product 品名' },
      category: { sql: "split_part(f.category, '/', 1)", title: 'Category 类别' },
      subcategory: { sql: 'f.category', title: 'Category path 类别路径' },
      warehouse: { sql: 'f.warehouse', title: 'Warehouse 仓库' },
      status: { sql: 'f.status', title: 'Status 状态' },
    },
    measures: {
      net: { sql: 'sum(f.net_minor)', kind: 'money', title: 'Ordered net 订单金额' },
      qty: { sql: 'sum(f.qty_milli)', kind: 'qty', title: 'Qty 数量' },
      // The net of the invoiced and shipped parts of each line, as invoicing takes parts.
      invoiced: { sql: 'sum(f.invoiced_net_minor)', kind: 'money', title: 'Invoiced net 已开票' },
      shipped: { sql: 'sum(f.shipped_net_minor)', kind: 'money', title: 'Shipped net 已发货金额' },
      cost: { sql: 'sum(f.cost_minor)', kind: 'money', title: 'FIFO cost 成本' },
      margin: { sql: 'sum(f.shipped_net_minor - f.cost_minor)', kind: 'money', title: 'Margin 毛利' },
      margin_pct: {
        ...percentOf('sum(f.shipped_net_minor - f.cost_minor)', 'sum(f.shipped_net_minor)'),
        kind: 'percent',
        title: 'Margin % 毛利率',
      },
      orders: { sql: 'count(distinct f.order_number)', kind: 'count', title: 'Orders 订单数' },
      lines: { sql: 'count(*)', kind: 'count', title: 'Lines 行数' },
      customers: { sql: 'count(distinct f.customer)', kind: 'count', title: 'Customers 客户数' },
    },
  },
  invoices: {
    description: 'sales invoices and credit notes (negative), by invoice date',
    from: 'invoices f left join customers c on c.code = f.customer',
    where: "f.kind in ('sales', 'sales_credit')",
    date: 'f.date',
    dimensions: {
      ...time('f.date'),
      ...customer,
      kind: { sql: 'f.kind', title: 'Kind 类型' },
      vat_kind: { sql: 'f.vat_kind', title: 'VAT invoice 发票类型' },
    },
    measures: {
      net: { sql: 'sum(f.net_minor)', kind: 'money', title: 'Net 不含税' },
      tax: { sql: 'sum(f.tax_minor)', kind: 'money', title: 'VAT 税额' },
      gross: { sql: 'sum(f.gross_minor)', kind: 'money', title: 'Gross 价税合计' },
      cost: { sql: 'sum(f.cost_minor)', kind: 'money', title: 'FIFO cost 成本' },
      margin: { sql: 'sum(f.net_minor - f.cost_minor)', kind: 'money', title: 'Margin 毛利' },
      margin_pct: {
        ...percentOf('sum(f.net_minor - f.cost_minor)', 'sum(f.net_minor)'),
        kind: 'percent',
        title: 'Margin % 毛利率',
      },
      invoices: { sql: "count(*) filter (where f.kind = 'sales')", kind: 'count', title: 'Invoices 发票数' },
      customers: { sql: 'count(distinct f.customer)', kind: 'count', title: 'Customers 客户数' },
    },
  },
  purchases: {
    description: 'purchase order lines, not cancelled, by order date; variance against the standard cost',
    from: 'purchase_lines f',
    where: "f.status not in ('cancelled', 'draft')",
    date: 'f.order_date',
    dimensions: {
      ...time('f.order_date'),
      supplier: { sql: 'f.supplier', title: 'Supplier 供应商' },
      sku: { sql: 'f.sku', title: 'SKU 编码' },
      category: { sql: "split_part(f.category, '/', 1)", title: 'Category 类别' },
      status: { sql: 'f.status', title: 'Status 状态' },
    },
    measures: {
      spend: { sql: 'sum(f.amount_minor)', kind: 'money', title: 'Spend 采购额' },
      qty: { sql: 'sum(f.qty_milli)', kind: 'qty', title: 'Qty 数量' },
      received: { sql: 'sum(f.received_milli)', kind: 'qty', title: 'Received 已收' },
      variance: {
        sql: 'sum(f.amount_minor - f.standard_amount_minor)',
        kind: 'money',
        title: 'Price variance 价差',
      },
      orders: { sql: 'count(distinct f.po_number)', kind: 'count', title: 'POs 采购单数' },
      lines: { sql: 'count(*)', kind: 'count', title: 'Lines 行数' },
    },
  },
};

export interface ExploreRequest {
  cube: string;
  measures: readonly string[];
  by?: readonly string[];
  /** Filters: `region=华东 East`, `channel!=online`, `sku~TEA`, `tier=VIP|wholesale`. */
  where?: readonly string[];
  period?: { start: string; end: string };
  /** A measure to sort by (descending), else the dimensions in order. */
  sort?: string;
  limit?: number;
}

function refuse(message: string, hint: string): never {
  throw new TradeloopError('query.invalid', message, { hint });
}

/**
 * Build the SQL for a request, checking every name against the cube: only listed dimensions and
 * measures reach the query, values only as quoted literals.
 *
 * @example
 * exploreSql({ cube: 'sales', measures: ['net'], by: ['region'], where: ['channel=online'] })
 */
export function exploreSql(r: ExploreRequest): { sql: string; columns: ReportColumn[] } {
  const cube = CUBES[r.cube] ?? refuse(`no fact called ${r.cube}`, `facts: ${Object.keys(CUBES).join(', ')}`);
  const dims = Object.keys(cube.dimensions);
  const dim = (name: string) =>
    cube.dimensions[name] ?? refuse(`${r.cube} has no dimension ${name}`, `dimensions: ${dims.join(', ')}`);
  const measure = (name: string) =>
    cube.measures[name] ??
    refuse(`${r.cube} has no measure ${name}`, `measures: ${Object.keys(cube.measures).join(', ')}`);
  if (r.measures.length === 0)
    refuse('name at least one measure', `measures: ${Object.keys(cube.measures).join(', ')}`);
  const by = r.by ?? [];
  const filters = (r.where ?? []).map((w) => {
    const m = /^\s*([a-z_]+)\s*(!=|=|~)\s*(.*)$/.exec(w);
    if (!m) refuse(`cannot read the filter "${w}"`, 'write dimension=value, dimension!=value or dimension~text');
    const [, name = '', op, value = ''] = m;
    const sql = dim(name).sql;
    if (op === '~') return `${sql} ilike ${quote(`%${value.trim()}%`)}`;
    const list = value
      .split('|')
      .map((v) => quote(v.trim()))
      .join(', ');
    return `${sql} ${op === '=' ? 'in' : 'not in'} (${list})`;
  });
  if (r.period) filters.push(`${cube.date} >= ${quote(r.period.start)} and ${cube.date} < ${quote(r.period.end)}`);
  const selects = [
    ...by.map((d, i) => `${dim(d).sql} as d${i}`),
    ...r.measures.flatMap((m, i) => {
      const { sql, ratio } = measure(m);
      return ratio ? [`${sql} as m${i}`, `${ratio.part} as p${i}`, `${ratio.whole} as w${i}`] : [`${sql} as m${i}`];
    }),
  ];
  let order = by.map((_, i) => `d${i}`).join(', ');
  if (r.sort) {
    const at = r.measures.indexOf(r.sort);
    if (at < 0) refuse(`--sort ${r.sort} is not among the measures asked for`, `measures: ${r.measures.join(', ')}`);
    order = [`m${at} desc nulls last`, order].filter(Boolean).join(', ');
  }
  const sql = [
    `select ${selects.join(', ')} from ${cube.from}`,
    `where ${[cube.where, ...filters].join(' and ')}`,
    by.length > 0 ? `group by ${by.map((_, i) => `d${i}`).join(', ')}` : '',
    order ? `order by ${order}` : '',
    r.limit ? `limit ${Math.max(1, Math.trunc(r.limit))}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const columns: ReportColumn[] = [
    ...by.map((d) => ({ key: d, title: dim(d).title, kind: 'text' as const })),
    ...r.measures.map((m) => ({ key: m, title: measure(m).title, kind: measure(m).kind })),
  ];
  return { sql, columns };
}

export async function queryExplore(a: Analytics, r: ExploreRequest): Promise<ReportTable> {
  const { sql, columns } = exploreSql(r);
  const raw = await a.query(sql);
  const by = r.by ?? [];
  const cube = CUBES[r.cube] as Cube;
  // Every measure is a sum or a count of integers, so exact; a ratio is rounded once, here.
  const value = (row: Record<string, unknown>, m: string, i: number) => {
    if (cube.measures[m]?.ratio) {
      const whole = row[`w${i}`];
      return whole === null || whole === undefined ? null : share(num(row[`p${i}`]), num(whole), 10_000, a.rounding);
    }
    const v = row[`m${i}`];
    return v === null || v === undefined ? null : num(v);
  };
  const rows = raw.map((row) =>
    Object.fromEntries([
      ...by.map((d, i) => [d, String(row[`d${i}`] ?? '')]),
      ...r.measures.map((m, i) => [m, value(row, m, i)]),
    ]),
  );
  return { columns, rows };
}

/**
 * Any measures of a fact, split by any of its dimensions, filtered: the engine behind
 * `tradeloop query` and several reports.
 *
 * @example
 * await explore(book, { cube: 'sales', measures: ['net', 'margin'], by: ['region', 'month'], period })
 */
export async function explore(book: Book, r: ExploreRequest): Promise<ReportTable> {
  return withAnalytics(book, (a) => queryExplore(a, r));
}
