import { type Expression, sql } from 'kysely';
import type { Book } from './book.js';

/**
 * What payments have settled of an invoice, `invoiceId` being a reference to its id in the
 * enclosing query: the sum of its allocations, 0 when it has none.
 *
 * @example
 * book.db.selectFrom('invoices as i').select((eb) => eb('i.gross_minor', '-', settledOn(book, eb.ref('i.id'))).as('open'))
 */
export function settledOn(book: Book, invoiceId: Expression<number>): Expression<number> {
  return book.db.fn.coalesce(
    book.db
      .selectFrom('payment_allocations as a')
      .select((eb) => eb.fn.sum<number>('a.amount_minor').as('amount'))
      .where('a.invoice_id', '=', invoiceId)
      .$asScalar(),
    sql.lit(0),
  );
}

/**
 * What allocations have taken of a payment, `paymentId` being a reference to its id in the
 * enclosing query: the sum of its allocations, 0 when it has none.
 */
export function takenFrom(book: Book, paymentId: Expression<number>): Expression<number> {
  return book.db.fn.coalesce(
    book.db
      .selectFrom('payment_allocations as a')
      .select((eb) => eb.fn.sum<number>('a.amount_minor').as('amount'))
      .where('a.payment_id', '=', paymentId)
      .$asScalar(),
    sql.lit(0),
  );
}
