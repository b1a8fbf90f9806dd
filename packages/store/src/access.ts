import { type Actor, type ColumnClass, customerScope, type RowScope, seesColumns } from '@tradeloop/core';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';

/**
 * Who may read what of a set of rows. `customer` and `salesperson` name the columns that say whose
 * a row is: an actor limited to some salespeople (or one customer) sees only their rows. Rows
 * without them are the whole company's (suppliers, purchases, the bank) when `company` is set:
 * only who sees every customer reads them. `columns` are classes of figures some roles never see
 * (cost, credit).
 */
export interface RowAccess {
  customer?: string;
  salesperson?: string;
  company?: true;
  columns?: Readonly<Record<string, ColumnClass>>;
}

/** The rows an actor limited in scope sees: those of these salespeople or of these customers. */
export interface ScopedRows {
  team: readonly string[];
  customers: readonly string[];
}

/** The customers an actor limited to some salespeople sees: those the salespeople own. */
function customersOf(book: Book, scope: RowScope): string[] {
  if (scope.kind === 'customer') return [scope.customer];
  if (scope.kind !== 'salespeople') return [];
  return book.exec
    .select<{ code: string }>(
      `select c.code from customers c join salespeople s on s.id = c.owner_id
         where s.code in (${jsonValues(book)})`,
      JSON.stringify(scope.salespeople),
    )
    .map((r) => r.code);
}

/** The columns of this access the actor's roles do not see. */
export const hiddenColumns = (actor: Actor, access: RowAccess): string[] =>
  Object.entries(access.columns ?? {})
    .filter(([, kind]) => !seesColumns(actor, kind))
    .map(([column]) => column);

/**
 * How the acting user may read rows under this access: `rows` is undefined when they see every row,
 * else the salespeople and customers whose rows they see; `hidden` the columns dropped for them.
 * Company-wide rows asked for by someone limited to their own customers are refused
 * (`permission.scope`), never handed out filtered to nothing.
 */
export function readAccess(
  book: Book,
  access: RowAccess,
  what: string,
): { rows: ScopedRows | undefined; hidden: string[] } {
  book.requirePermission('book.read');
  const actor = book.principal;
  const scope = customerScope(actor);
  if (scope.kind !== 'all' && access.company)
    throw book.refusal('permission.scope', `${actor.user} sees only their own customers: not the ${what} list`, {
      path: [what],
      hint: 'a role that sees the whole company (owner, accountant, auditor, purchasing, warehouse) can',
    });
  const scoped = scope.kind !== 'all' && (access.customer !== undefined || access.salesperson !== undefined);
  return {
    rows: scoped
      ? { team: scope.kind === 'salespeople' ? scope.salespeople : [], customers: customersOf(book, scope) }
      : undefined,
    hidden: hiddenColumns(actor, access),
  };
}

/** Whether a row (by its owner and customer columns) is among the rows an actor sees. */
export const rowInScope = (rows: ScopedRows | undefined, access: RowAccess, row: Record<string, unknown>): boolean =>
  rows === undefined ||
  (access.salesperson !== undefined && rows.team.includes(String(row[access.salesperson]))) ||
  (access.customer !== undefined && rows.customers.includes(String(row[access.customer])));
