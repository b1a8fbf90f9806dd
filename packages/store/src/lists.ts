import type { Book } from './book.js';

/** Rows for exports and lists, by entity; money in minor units, quantities in thousandths. */
export const LISTS = {
  customers: `select c.code, c.name, c.tier, c.channel, s.code as owner, c.credit_limit_minor, c.terms, c.payment_days, c.tax_id, c.phone, c.address, c.bank_account
    from customers c left join salespeople s on s.id = c.owner_id order by c.code`,
  suppliers: 'select code, name, grade, payment_days, tax_id from suppliers order by code',
  orders: `select o.number, o.order_date, o.promise_date, c.code as customer, s.code as salesperson, w.code as warehouse, o.terms, o.status,
      o.net_minor, o.tax_minor, o.gross_minor, o.paid_minor
    from sales_orders o join customers c on c.id = o.customer_id join warehouses w on w.id = o.warehouse_id
    left join salespeople s on s.id = o.salesperson_id order by o.number`,
  invoices: `select i.number, i.kind, i.vat_kind, coalesce(c.code, su.code) as party, i.date, i.due_date, i.net_minor, i.tax_minor, i.gross_minor,
      i.gross_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0) as open_minor
    from invoices i left join customers c on c.id = i.customer_id left join suppliers su on su.id = i.supplier_id order by i.date, i.number`,
  'purchase-orders': `select o.number, s.code as supplier, w.code as warehouse, o.status, o.order_date, o.expected_date, o.net_minor, o.tax_minor, o.gross_minor
    from purchase_orders o join suppliers s on s.id = o.supplier_id join warehouses w on w.id = o.warehouse_id order by o.number`,
  stock: `select p.sku, p.name, w.code as warehouse, b.on_hand as on_hand_qty, b.reserved as reserved_qty, b.value_minor
    from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id order by p.sku, w.code`,
} as const;

export type ListName = keyof typeof LISTS;

/** One of the book's lists, as plain rows. */
export function listRows(book: Book, name: ListName): Record<string, unknown>[] {
  return book.exec.select<Record<string, unknown>>(LISTS[name]);
}
