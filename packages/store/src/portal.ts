import { type IsoDate, type Milli, type Minor, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';
import { findProducts } from './order-entry.js';
import { rejected } from './refusal.js';
import { type PlacedOrder, placeSalesOrder, priceOrderLines } from './sales.js';

/** One product of a customer's catalog: their price for one unit, and what can be had now. */
export interface CatalogItem {
  sku: string;
  name: string;
  nameEn: string | null;
  uom: string;
  /** The customer's price of one unit (their price list, tier, promotion), in the price's tax mode. */
  price: Minor;
  taxMode: 'inclusive' | 'exclusive';
  taxRate: number;
  /** Free in the warehouse portal orders ship from: on hand less what is reserved for other orders. */
  available: Milli;
}

/** The warehouse portal orders are placed on: the company's first. */
function portalWarehouse(book: Book): { id: number; code: string } | undefined {
  return book.exec.selectOne<{ id: number; code: string }>('select id, code from warehouses order by id limit 1');
}

/** The customer a portal user buys for, or a refusal: the portal is a customer's. */
function portalCustomer(book: Book): string {
  const customer = book.principal.customer;
  if (!customer || !book.principal.roles.includes('customer'))
    throw book.refusal('permission.denied', `${book.actor} buys for no customer: the portal is a customer's`, {
      path: ['customer'],
    });
  return customer;
}

/**
 * A customer's catalog: the listed products (found by code, name, barcode or pinyin initials when
 * `q` is given), each at the price placing an order would give them for one unit today, and what
 * is free to have in the warehouse their orders ship from. No cost, no floor price, no other
 * customer's price.
 *
 * @example
 * portalCatalog(book, { q: 'ljc' }) // [{ sku: 'TEA-001', name: '西湖龙井茶', price: 17_800, available: 42_000, … }]
 */
export function portalCatalog(
  book: Book,
  options: { q?: string; limit?: number; offset?: number; date?: IsoDate } = {},
): { items: CatalogItem[]; more: boolean } {
  book.requirePermission('book.read');
  const code = portalCustomer(book);
  const customer = book.exec.get(
    book.db.selectFrom('customers').select(['code', 'tier', 'channel']).where('code', '=', code),
  );
  if (!customer) throw new TradeloopError('customer.not_found', `no customer ${code}`, { path: ['customer'] });
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const q = options.q?.trim() ?? '';
  const skus = q
    ? findProducts(book, q, offset + limit + 1)
        .map((p) => p.sku)
        .slice(offset)
    : book.exec
        .select<{ sku: string }>(
          'select sku from products where listed = 1 order by sku limit ? offset ?',
          limit + 1,
          offset,
        )
        .map((p) => p.sku);
  const page = skus.slice(0, limit);
  const ignored: never[] = [];
  const priced = priceOrderLines(
    book,
    { customer, date: options.date ?? book.today(), ...(customer.channel ? { channel: customer.channel } : {}) },
    page.map((sku) => ({ sku, qty: 1000 })),
    ignored,
  );
  const facts = new Map(
    book.exec
      .select<{ sku: string; name: string; name_en: string | null; uom: string; tax_rate_bp: number; free: number }>(
        `select p.sku, p.name, p.name_en, p.uom, p.tax_rate_bp,
           coalesce((select sum(b.on_hand - b.reserved) from stock_balances b where b.product_id = p.id and b.warehouse_id = ?), 0) as free
         from products p where p.sku in (${jsonValues(book)})`,
        portalWarehouse(book)?.id ?? 0,
        JSON.stringify(page),
      )
      .map((r) => [r.sku, r]),
  );
  const items: CatalogItem[] = [];
  page.forEach((sku, i) => {
    const f = facts.get(sku);
    const p = priced[i];
    if (!f || !p) return;
    items.push({
      sku,
      name: f.name,
      nameEn: f.name_en,
      uom: f.uom,
      price: p.price.unitPrice,
      taxMode: p.price.taxMode,
      taxRate: f.tax_rate_bp,
      available: Math.max(0, f.free),
    });
  });
  return { items, more: skus.length > limit };
}

/**
 * A customer's order from the portal: placed for the customer the user buys for, at the prices
 * the book gives them (no price may be asked), from the first warehouse, by the salesperson who
 * owns the customer. It waits in `pending_review` until staff approve it, as every order does;
 * the salesperson hears of it by `order.placed`.
 *
 * @example
 * placePortalOrder(book, { date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 12_000 }], reference: 'PO-778' })
 * // { number: 'SO-2026-000031', … }
 */
export function placePortalOrder(
  book: Book,
  input: { date: IsoDate; promiseDate?: IsoDate; reference?: string; lines: { sku: string; qty: Milli }[] },
): PlacedOrder {
  return book.command('placePortalOrder', () => {
    const customer = portalCustomer(book);
    const warehouse = portalWarehouse(book);
    if (!warehouse)
      throw rejected([
        { code: 'portal.no_warehouse', path: ['warehouse'], message: 'the company keeps no warehouse yet' },
      ]);
    const placed = placeSalesOrder(book, {
      customer,
      warehouse: warehouse.code,
      date: input.date,
      channel: 'portal',
      ...(input.promiseDate ? { promiseDate: input.promiseDate } : {}),
      ...(input.reference ? { reference: input.reference } : {}),
      lines: input.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    });
    return { value: placed, document: placed.number, after: { customer, lines: input.lines.length, via: 'portal' } };
  });
}

/** One of a customer's orders as the portal lists it: where it stands and how it travels. */
export interface PortalOrder {
  number: string;
  date: IsoDate;
  status: string;
  gross: Minor;
  paid: Minor;
  reference: string | null;
  /** The latest shipment's carrier and tracking number, once shipped. */
  carrier: string | null;
  tracking: string | null;
}

/** The orders of the customer the user buys for, newest first. */
export function portalOrders(book: Book, options: { limit?: number } = {}): PortalOrder[] {
  book.requirePermission('book.read');
  const customer = portalCustomer(book);
  return book.exec.select<PortalOrder>(
    `select o.number, o.order_date as date, o.status, o.gross_minor as gross, o.paid_minor as paid, o.source_ref as reference,
       s.carrier, s.tracking_number as tracking
     from sales_orders o join customers c on c.id = o.customer_id
     left join shipments s on s.id = (select max(x.id) from shipments x where x.order_id = o.id)
     where c.code = ? order by o.order_date desc, o.id desc limit ?`,
    customer,
    options.limit ?? 100,
  );
}
