import { type Issue, type Milli, type Minor, seesColumns, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import { likeCaseBlind } from './dialect.js';
import { type OrderView, orderView } from './order-view.js';
import { openCreditOrders, openReceivables, type PlacedOrder, type PlaceOrderInput, placeSalesOrder } from './sales.js';
import { requireCustomerInScope } from './scope.js';
import { typedInitials } from './search-initials.js';

/** A product as order entry offers it when searched. */
export interface ProductChoice {
  sku: string;
  name: string;
  uom: string;
  price: Minor;
  barcode: string | null;
}

/**
 * Listed products for an order line, by what a clerk types: the start of the code, a part of the
 * name (Chinese or English), the name's pinyin initials (`ljc` or `xhljc` for 西湖龙井茶, see
 * `searchInitials`) or the barcode scanned. Codes that start with the text come first, then names
 * whose initials start with it, then the rest, each by code.
 *
 * @example
 * findProducts(book, '龙井') // [{ sku: 'TEA-001', name: '龙井 250g', … }]
 * findProducts(book, 'lj') // the same, by its initials
 */
export function findProducts(book: Book, text: string, limit = 20): ProductChoice[] {
  book.requirePermission('book.read');
  const t = text.trim();
  if (t === '') return [];
  const escaped = t.replace(/[\\%_]/g, (c) => `\\${c}`);
  const part = `%${escaped}%`;
  // Only letters and digits: nothing in it for LIKE to read as a wildcard. Null matches nothing.
  const initials = typedInitials(t);
  const like = likeCaseBlind(book);
  return book.exec.select<ProductChoice>(
    `select sku, name, uom, price_minor as price, barcode from products
      where listed = 1 and (sku ${like} ? escape '\\' or name ${like} ? escape '\\' or name_en ${like} ? escape '\\'
        or barcode = ? or initials like ?)
      order by case when sku ${like} ? escape '\\' then 0 when initials like ? then 1 else 2 end, sku limit ?`,
    part,
    part,
    part,
    t,
    initials === undefined ? null : `%${initials}%`,
    `${escaped}%`,
    initials === undefined ? null : `${initials}%`,
    limit,
  );
}

/** What an order would be if placed now: priced lines, approvals it needs, stock, or why it is refused. */
export interface OrderQuote {
  customer: { code: string; name: string; terms: string; creditLimit: Minor | null; exposure: Minor | null } | null;
  /** The order as placing it would make it (its number only a preview); null when refused. */
  order: OrderView | null;
  /** Who must approve what (discount, floor price, credit, amount), as placing records it. */
  needs: PlacedOrder['needs'];
  /** Per line, in order: what the warehouse has free now (on hand less reserved). */
  available: Milli[];
  /** Why placing it would be refused, at `lines.i.field` paths. */
  issues: Issue[];
}

/**
 * Quote a sales order: `placeSalesOrder` run as a preview (rolled back, nothing kept, no number
 * used), so the price of each line, its trace, the approvals and every refusal are the ones
 * placing it would give; with what each line's warehouse has free.
 *
 * @example
 * quoteSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date, lines: [{ sku: 'TEA-001', qty: 2000 }] })
 * // { order: { lines: [{ unitPrice: 18800, trace: […] }] }, needs: [], available: [5000], issues: [] }
 */
export function quoteSalesOrder(book: Book, input: PlaceOrderInput): OrderQuote {
  book.requirePermission('book.read');
  const c = book.exec.selectOne<{ id: number; code: string; name: string; terms: string; credit_limit_minor: number }>(
    'select id, code, name, terms, credit_limit_minor from customers where code = ?',
    input.customer,
  );
  if (c) requireCustomerInScope(book, c.code, 'sell to');
  const seesCredit = seesColumns(book.principal, 'credit');
  const customer = c
    ? {
        code: c.code,
        name: c.name,
        terms: c.terms,
        creditLimit: seesCredit ? c.credit_limit_minor : null,
        exposure: seesCredit ? openReceivables(book, c.id) + openCreditOrders(book, c.id) : null,
      }
    : null;
  const available = input.lines.map(
    (l) =>
      book.exec.value<number>(
        `select coalesce(sum(b.on_hand - b.reserved), 0) from stock_balances b
          join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id
          where p.sku = ? and w.code = ?`,
        l.sku,
        input.warehouse,
      ) ?? 0,
  );
  if (input.lines.length === 0) return { customer, order: null, needs: [], available, issues: [] };
  try {
    const { placed, order } = book.preview(() => {
      const placed = placeSalesOrder(book, input);
      return { placed, order: orderView(book, placed.number) };
    });
    return { customer, order, needs: placed.needs, available, issues: [] };
  } catch (e) {
    if (!(e instanceof TradeloopError) || e.code.startsWith('permission.')) throw e;
    const issues = e.issues.length > 0 ? [...e.issues] : [{ code: e.code, path: [...e.path], message: e.message }];
    return { customer, order: null, needs: [], available, issues };
  }
}
