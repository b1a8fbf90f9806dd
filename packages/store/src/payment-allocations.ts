import { type Expression, sql } from 'kysely';
import type { Book } from './book.js';

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

/**
 * Set part of a payment against an invoice: the allocation, and what the invoice still owes
 * lowered by it, in the command's transaction (`check` proves the two agree).
 */
export function allocatePayment(
  book: Book,
  a: { payment: number; invoice: number; amount: number; date: string },
): void {
  book.exec.run(
    book.db
      .insertInto('payment_allocations')
      .values({ payment_id: a.payment, invoice_id: a.invoice, amount_minor: a.amount, date: a.date }),
  );
  book.exec.run(
    book.db
      .updateTable('invoices')
      .set((eb) => ({ open_minor: eb('open_minor', '-', a.amount) }))
      .where('id', '=', a.invoice),
  );
}
