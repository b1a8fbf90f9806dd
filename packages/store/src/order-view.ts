import {
  type IsoDate,
  type Milli,
  type Minor,
  type OrderAction,
  orderActions,
  type PriceTraceEntry,
  type SalesOrderStatus,
  seesColumns,
  TradeloopError,
} from '@tradeloop/core';
import { type ApprovalEntry, approvalHistory } from './approvals.js';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';
import { loadOrder, openCreditOrders, openReceivables, stateOf } from './sales.js';
import { requireOrderInScope } from './scope.js';

/** A sales order as its page shows it: header, lines with their price trace, what followed, what can be done next. */
export interface OrderView {
  number: string;
  date: IsoDate;
  promiseDate: IsoDate;
  status: SalesOrderStatus;
  terms: 'prepaid' | 'credit';
  channel: string | null;
  shipRegion: string | null;
  shipAddress: string | null;
  warehouse: string;
  salesperson: string | null;
  customer: {
    code: string;
    name: string;
    /** Null for a role that does not see credit. */
    creditLimit: Minor | null;
    /** Open sales invoices and credit orders not invoiced yet: what the credit check counts. */
    exposure: Minor | null;
  };
  net: Minor;
  tax: Minor;
  gross: Minor;
  paid: Minor;
  lines: {
    lineNo: number;
    sku: string;
    name: string;
    qty: Milli;
    unitPrice: Minor;
    listPrice: Minor;
    taxRate: number;
    net: Minor;
    tax: Minor;
    gross: Minor;
    reserved: Milli;
    shipped: Milli;
    invoiced: Milli;
    returned: Milli;
    /** How the price was found: base → tier → customer → quantity break → promotion. */
    trace: PriceTraceEntry[];
  }[];
  shipments: { number: string; date: IsoDate; carrier: string | null; tracking: string | null }[];
  invoices: { number: string; date: IsoDate; dueDate: IsoDate; vatKind: string; gross: Minor; open: Minor }[];
  payments: { number: string; date: IsoDate; amount: Minor }[];
  /**
   * What is being bought for the order's lines it could not reserve: each requisition, and the
   * purchase order it went on with its expected date once ordered.
   */
  purchasing: {
    requisition: string;
    lineNo: number;
    sku: string;
    qty: Milli;
    status: 'open' | 'ordered' | 'cancelled';
    purchaseOrder: string | null;
    purchaseStatus: string | null;
    expected: IsoDate | null;
  }[];
  approvals: ApprovalEntry[];
  /** The actions that fit the order's state (`orderActions`); whether the user may is the command's to say. */
  actions: OrderAction[];
}

/**
 * Read one sales order for its page, as the acting user may see it: an order of someone else's
 * customer reads as refused (`permission.scope`), and credit figures only for roles that see credit.
 *
 * @example
 * orderView(book, 'SO-2026-000001').actions // ['ship', 'cancel']
 */
export function orderView(book: Book, number: string): OrderView {
  book.requirePermission('book.read');
  // Not there is its own answer (a page's 404), not a refused command.
  if (book.exec.value<number>('select id from sales_orders where number = ?', number) === undefined)
    throw new TradeloopError('order.not_found', `no sales order ${number}`, { path: ['number'] });
  const { order, lines } = loadOrder(book, number);
  requireOrderInScope(book, order, 'see');
  const q = <T>(sql: string, ...params: unknown[]) => book.exec.select<T>(sql, ...params);
  const one = <T>(sql: string, ...params: unknown[]) => book.exec.selectOne<T>(sql, ...params);
  const customer = one<{ code: string; name: string; credit_limit_minor: number | null }>(
    'select code, name, credit_limit_minor from customers where id = ?',
    order.customer_id,
  );
  const products = new Map(
    q<{ id: number; sku: string; name: string }>(
      `select id, sku, name from products where id in (${jsonValues(book, 'bigint')})`,
      JSON.stringify(lines.map((l) => l.product_id)),
    ).map((p) => [p.id, p]),
  );
  const seesCredit = seesColumns(book.principal, 'credit');
  const reserved = lines.reduce((s, l) => s + l.reserved_qty, 0);
  const toInvoice = lines.reduce((s, l) => s + Math.max(0, l.shipped_qty - l.invoiced_qty), 0);
  const returnable = lines.reduce((s, l) => s + Math.max(0, l.shipped_qty - l.returned_qty), 0);
  // Money on the order: advances paid against it, and receipts allocated to its invoices.
  const payments = q<OrderView['payments'][number]>(
    `select p.number, p.date, p.amount_minor as amount from payments p where p.order_id = ?
      union all
      select p.number, a.date, a.amount_minor from payment_allocations a join payments p on p.id = a.payment_id
        join invoices i on i.id = a.invoice_id where i.order_id = ? and p.order_id is distinct from ?
      order by 2, 1`,
    order.id,
    order.id,
    order.id,
  );
  return {
    number: order.number,
    date: order.order_date,
    promiseDate: order.promise_date,
    status: order.status,
    terms: order.terms,
    channel: order.channel,
    shipRegion: order.ship_region,
    shipAddress: order.ship_address,
    warehouse: one<{ code: string }>('select code from warehouses where id = ?', order.warehouse_id)?.code ?? '',
    salesperson:
      order.salesperson_id === null
        ? null
        : (one<{ code: string }>('select code from salespeople where id = ?', order.salesperson_id)?.code ?? null),
    customer: {
      code: customer?.code ?? '',
      name: customer?.name ?? '',
      creditLimit: seesCredit ? (customer?.credit_limit_minor ?? null) : null,
      exposure: seesCredit
        ? openReceivables(book, order.customer_id) + openCreditOrders(book, order.customer_id)
        : null,
    },
    net: order.net_minor,
    tax: order.tax_minor,
    gross: order.gross_minor,
    // What the customer has paid on the order, advance or receipts against its invoices alike.
    paid: payments.reduce((sum, p) => sum + p.amount, 0),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: products.get(l.product_id)?.sku ?? '',
      name: products.get(l.product_id)?.name ?? '',
      qty: l.qty,
      unitPrice: l.unit_price_minor,
      listPrice: l.list_price_minor,
      taxRate: l.tax_rate_bp,
      net: l.net_minor,
      tax: l.tax_minor,
      gross: l.gross_minor,
      reserved: l.reserved_qty,
      shipped: l.shipped_qty,
      invoiced: l.invoiced_qty,
      returned: l.returned_qty,
      trace: JSON.parse(l.price_trace_json) as PriceTraceEntry[],
    })),
    shipments: q<{ number: string; date: IsoDate; carrier: string | null; tracking: string | null }>(
      'select number, date, carrier, tracking_number as tracking from shipments where order_id = ? order by id',
      order.id,
    ),
    invoices: q<OrderView['invoices'][number]>(
      `select i.number, i.date, i.due_date as dueDate, i.vat_kind as vatKind, i.gross_minor as gross,
          i.open_minor as open
        from invoices i where i.order_id = ? and i.kind = 'sales' order by i.id`,
      order.id,
    ),
    payments,
    purchasing: q<OrderView['purchasing'][number]>(
      `select r.number as requisition, l.line_no as lineNo, p.sku, r.qty, r.status,
          po.number as purchaseOrder, po.status as purchaseStatus, po.expected_date as expected
        from requisitions r join sales_order_lines l on l.id = r.sales_order_line_id
          join products p on p.id = r.product_id
          left join purchase_order_lines pl on pl.id = r.po_line_id
          left join purchase_orders po on po.id = pl.po_id
        where l.order_id = ? order by r.id`,
      order.id,
    ),
    approvals: approvalHistory(book, number),
    actions: orderActions(stateOf(order, lines), { reserved, toInvoice, returnable }),
  };
}
