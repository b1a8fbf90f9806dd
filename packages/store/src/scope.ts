import { customerScope, inScope } from '@tradeloop/core';
import type { Book } from './book.js';

/** The salesperson code of an id, or null. */
const salespersonCode = (book: Book, id: number | null): string | null =>
  id == null
    ? null
    : (book.exec.selectOne<{ code: string }>('select code from salespeople where id = ?', id)?.code ?? null);

/**
 * A salesperson acts on their own customers (a manager on the team's): anything else is refused
 * with `permission.scope`, nothing changed. Who sees the whole book passes without a lookup.
 *
 * @example
 * requireCustomerInScope(book, 'C-0042', 'add a follow-up to') // throws permission.scope for another's customer
 */
export function requireCustomerInScope(book: Book, customer: string, doing: string): void {
  const scope = customerScope(book.principal);
  if (scope.kind === 'all') return;
  const row = book.exec.selectOne<{ owner_id: number | null }>(
    'select owner_id from customers where code = ?',
    customer,
  );
  // An unknown customer is the command's own not-found to report.
  if (!row) return;
  if (inScope(scope, { customer, salesperson: salespersonCode(book, row.owner_id) })) return;
  throw book.refusal('permission.scope', `${book.actor} may not ${doing} ${customer}: not one of their customers`, {
    path: ['customer'],
    hint: 'the customer’s salesperson or their manager can, or claim the customer first',
  });
}

/**
 * A salesperson acts on orders they sell or of customers they own (a manager on the team's); a
 * customer on their own orders. Anything else is refused with `permission.scope`.
 */
export function requireOrderInScope(
  book: Book,
  order: { number: string; customer_id: number; salesperson_id: number | null },
  doing: string,
): void {
  const scope = customerScope(book.principal);
  if (scope.kind === 'all') return;
  const customer = book.exec.selectOne<{ code: string; owner_id: number | null }>(
    'select code, owner_id from customers where id = ?',
    order.customer_id,
  );
  const seller = salespersonCode(book, order.salesperson_id);
  const owner = salespersonCode(book, customer?.owner_id ?? null);
  if (
    inScope(scope, { customer: customer?.code ?? null, salesperson: seller }) ||
    inScope(scope, { customer: customer?.code ?? null, salesperson: owner })
  )
    return;
  throw book.refusal('permission.scope', `${book.actor} may not ${doing} ${order.number}: not one of their orders`, {
    path: ['order'],
    hint: 'the order’s salesperson, their manager or the owner can',
  });
}

/**
 * A salesperson acts as themselves (a manager for the team): claiming a customer or recording a
 * follow-up in another salesperson's name is refused.
 */
export function requireSalespersonInScope(book: Book, salesperson: string, doing: string): void {
  const scope = customerScope(book.principal);
  if (scope.kind === 'all' || inScope(scope, { salesperson })) return;
  throw book.refusal('permission.scope', `${book.actor} may not ${doing} for ${salesperson}`, {
    path: ['salesperson'],
    hint: 'act for yourself, or ask their manager',
  });
}
