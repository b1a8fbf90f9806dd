import { type RowAccess, readAccess, rowInScope } from './access.js';
import type { Book } from './book.js';

/** Rows for exports and lists, by entity; money in minor units, quantities in thousandths. */
export const LISTS = {
  customers: `select c.code, c.name, c.tier, c.channel, c.region, s.code as owner, c.credit_limit_minor, c.terms, c.payment_days, c.tax_id, c.phone, c.address, c.bank_account
    from customers c left join salespeople s on s.id = c.owner_id order by c.code`,
  contacts: `select c.code as customer, k.name, k.title, k.phone, k.email, k.wechat
    from contacts k join customers c on c.id = k.customer_id order by c.code, k.name`,
  targets: `select s.code as salesperson, t.month, t.amount_minor from sales_targets t join salespeople s on s.id = t.salesperson_id
    order by s.code, t.month`,
  suppliers: 'select code, name, grade, payment_days, tax_id from suppliers order by code',
  orders: `select o.number, o.order_date, o.promise_date, c.code as customer, s.code as salesperson, w.code as warehouse, o.terms, o.status,
      o.net_minor, o.tax_minor, o.gross_minor, o.paid_minor, o.channel, o.ship_region, o.ship_address
    from sales_orders o join customers c on c.id = o.customer_id join warehouses w on w.id = o.warehouse_id
    left join salespeople s on s.id = o.salesperson_id order by o.number`,
  invoices: `select i.number, i.kind, i.vat_kind, coalesce(c.code, su.code) as party, sp.code as salesperson, i.date, i.due_date, i.net_minor, i.tax_minor, i.gross_minor, i.cost_minor,
      i.open_minor as open_minor
    from invoices i left join customers c on c.id = i.customer_id left join suppliers su on su.id = i.supplier_id
    left join salespeople sp on sp.id = i.salesperson_id order by i.date, i.number`,
  'purchase-orders': `select o.number, s.code as supplier, w.code as warehouse, o.status, o.order_date, o.expected_date, o.net_minor, o.tax_minor, o.gross_minor
    from purchase_orders o join suppliers s on s.id = o.supplier_id join warehouses w on w.id = o.warehouse_id order by o.number`,
  salespeople: `select s.code, s.name, s.level, m.code as manager, printf('%g%%', s.max_discount_bp / 100.0) as max_discount from salespeople s left join salespeople m on m.id = s.manager_id order by s.code`,
  warehouses: `select w.code, w.name, w.type, (select string_agg(code, ';') from bins b where b.warehouse_id = w.id) as bins from warehouses w order by w.code`,
  'price-lists': `select l.code as list, l.scope_kind as scope, l.scope_value, p.sku, i.min_qty as min_qty_qty, i.max_qty as max_qty_qty, i.price_minor, l.valid_from, l.valid_to,
      case l.tax_inclusive when 1 then 'yes' else 'no' end as tax_inclusive
    from price_list_items i join price_lists l on l.id = i.price_list_id join products p on p.id = i.product_id order by l.code, p.sku, i.min_qty`,
  promotions: `select code, kind, case kind when 'percent' then printf('%g%%', value / 100.0) else value end as value_or_minor, valid_from, valid_to, applies_json,
    min_qty as min_qty_qty, max_qty as max_qty_qty, stackable from promotions order by code`,
  requisitions: `select r.number, p.sku, w.code as warehouse, r.qty as qty_qty, r.need_by, r.status, o.number as sales_order, po.number as purchase_order
    from requisitions r join products p on p.id = r.product_id join warehouses w on w.id = r.warehouse_id
    left join sales_order_lines sl on sl.id = r.sales_order_line_id left join sales_orders o on o.id = sl.order_id
    left join purchase_order_lines pl on pl.id = r.po_line_id left join purchase_orders po on po.id = pl.po_id order by r.number`,
  shipments: `select s.number, o.number as sales_order, w.code as warehouse, s.date, s.carrier, s.tracking_number,
      (select sum(cost_minor) from shipment_lines l where l.shipment_id = s.id) as cost_minor
    from shipments s join sales_orders o on o.id = s.order_id join warehouses w on w.id = s.warehouse_id order by s.number`,
  receipts: `select r.number, o.number as purchase_order, w.code as warehouse, r.date, (select sum(value_minor) from receipt_lines l where l.receipt_id = r.id) as value_minor
    from receipts r join purchase_orders o on o.id = r.po_id join warehouses w on w.id = r.warehouse_id order by r.number`,
  payments: `select p.number, p.kind, coalesce(c.code, s.code) as party, p.date, p.amount_minor, p.write_off_minor, p.account,
      (select coalesce(sum(a.amount_minor), 0) from payment_allocations a where a.payment_id = p.id) as allocated_minor
    from payments p left join customers c on c.id = p.customer_id left join suppliers s on s.id = p.supplier_id order by p.date, p.number`,
  statement: `select id as line, source, layout, account, date, direction, kind, amount_minor as gross_minor, fee_minor, net_minor, payer, memo, refs,
       line_status, reason, status, match_rule, match_confidence, match_reason from statement_lines order by date, id`,
  alerts: 'select kind, subject, message, created, resolved from alerts order by resolved is not null, kind, subject',
  stock: `select p.sku, p.name, w.code as warehouse, b.on_hand as on_hand_qty, b.reserved as reserved_qty, b.value_minor
    from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id order by p.sku, w.code`,
} as const;

export type ListName = keyof typeof LISTS;

/** Who may read what of each list (`RowAccess`). */
export const LIST_ACCESS: Readonly<Record<ListName, RowAccess>> = {
  customers: { customer: 'code', salesperson: 'owner', columns: { credit_limit_minor: 'credit' } },
  contacts: { customer: 'customer' },
  targets: { salesperson: 'salesperson' },
  suppliers: { company: true },
  orders: { customer: 'customer', salesperson: 'salesperson' },
  invoices: { customer: 'party', salesperson: 'salesperson', columns: { cost_minor: 'cost' } },
  'purchase-orders': {
    company: true,
    columns: { net_minor: 'supplier_price', tax_minor: 'supplier_price', gross_minor: 'supplier_price' },
  },
  salespeople: {},
  warehouses: {},
  'price-lists': {},
  promotions: {},
  requisitions: { company: true },
  shipments: { company: true, columns: { cost_minor: 'cost' } },
  receipts: { company: true, columns: { value_minor: 'cost' } },
  payments: { customer: 'party' },
  statement: { company: true },
  alerts: { company: true },
  stock: { columns: { value_minor: 'cost' } },
};

/**
 * One of the book's lists, as plain rows, as the acting user may see it: their rows only, and
 * without the figures their roles do not see. A company-wide list asked for by someone limited to
 * their own customers is refused (`permission.scope`), never handed out filtered to nothing.
 */
export function listRows(book: Book, name: ListName): Record<string, unknown>[] {
  const access = LIST_ACCESS[name];
  const { rows: scoped, hidden } = readAccess(book, access, name);
  let rows = book.exec.select<Record<string, unknown>>(LISTS[name]);
  if (scoped) rows = rows.filter((r) => rowInScope(scoped, access, r));
  if (hidden.length === 0) return rows;
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !hidden.includes(k))));
}

/**
 * The lists that page by a key of their own, the key unique and indexed: their rows come a page at
 * a time in its order, read from the book a page at a time, so the next page costs what the
 * first did however long the list.
 */
export const LIST_KEYS = {
  customers: 'code',
  orders: 'number',
  invoices: 'number',
  payments: 'number',
} as const satisfies Partial<Record<ListName, string>>;
export type PagedList = keyof typeof LIST_KEYS;

/**
 * One page of a list (`listRows`) in its key's order: the rows after `after`, at most `limit`,
 * those whose columns equal `where` (`null` matches nothing; the list's own column names), as the
 * acting user may see them. `next` is the last key when more may follow.
 *
 * @example
 * listPage(book, 'orders', { limit: 100, where: { customer: 'C001' } }) // { rows: [{ number: 'SO-2026-000001', … }], next: null }
 */
export function listPage(
  book: Book,
  name: PagedList,
  options: {
    after?: string | undefined;
    limit: number;
    where?: Readonly<Record<string, string | number>>;
    open?: boolean;
  },
): { rows: Record<string, unknown>[]; next: string | null } {
  const access = LIST_ACCESS[name];
  const { rows: scoped, hidden } = readAccess(book, access, name);
  const key = LIST_KEYS[name];
  const base = LISTS[name].replace(/\sorder by[\s\S]*$/i, '');
  const filters = Object.entries(options.where ?? {});
  for (const [column] of filters) if (!/^[a-z_]+$/.test(column)) throw new Error(`listPage: no column ${column}`);
  const sql = `select * from (${base}) l where l.${key} > ?${filters.map(([c]) => ` and l.${c} = ?`).join('')}${
    options.open === undefined ? '' : options.open ? ' and l.open_minor != 0' : ' and l.open_minor = 0'
  } order by l.${key} limit ?`;
  const rows: Record<string, unknown>[] = [];
  let after = options.after ?? '';
  // Someone who sees only some rows gets a full page all the same: read on until it is filled.
  for (;;) {
    const chunk = book.exec.select<Record<string, unknown>>(
      sql,
      after,
      ...filters.map(([, v]) => v),
      options.limit + 1,
    );
    const more = chunk.length > options.limit;
    const read = more ? chunk.slice(0, options.limit) : chunk;
    for (const r of read) {
      if (!rowInScope(scoped, access, r)) continue;
      rows.push(r);
      if (rows.length === options.limit) break;
    }
    const last = read.at(-1);
    if (rows.length === options.limit) {
      const at = String(rows.at(-1)?.[key]);
      // More may follow when this chunk went on past the row that filled the page.
      const rest = more || read.findIndex((r) => String(r[key]) === at) < read.length - 1;
      return { rows: strip(rows, hidden), next: rest ? at : null };
    }
    if (!more || last === undefined) return { rows: strip(rows, hidden), next: null };
    after = String(last[key]);
  }
}

const strip = (rows: Record<string, unknown>[], hidden: readonly string[]) =>
  hidden.length === 0
    ? rows
    : rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !hidden.includes(k))));
