import type { Book } from './book.js';

/**
 * Set part of a payment against an invoice: the allocation, and what the invoice still owes and
 * what the payment has left lowered by it, in the command's transaction (`check` proves them).
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
  book.exec.run(
    book.db
      .updateTable('payments')
      .set((eb) => ({ unallocated_minor: eb('unallocated_minor', '-', a.amount) }))
      .where('id', '=', a.payment),
  );
}
