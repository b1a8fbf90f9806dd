import {
  type AccountStatement,
  accountStatement,
  customerScope,
  formatMoney,
  type IsoDate,
  type Minor,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { customerRow, requireCustomerReadable } from './customer-view.js';
import type { Table } from './grid-export.js';

export type StatementEntryKind = 'invoice' | 'credit_note' | 'debit_note' | 'receipt' | 'payment' | 'write_off';

/** One document on a statement of account. */
export interface StatementEntry {
  date: IsoDate;
  kind: StatementEntryKind;
  document: string;
  /** The order (or purchase order) the document belongs to. */
  reference: string | null;
  dueDate: IsoDate | null;
  debit: Minor;
  credit: Minor;
}

export interface StatementOfAccount extends AccountStatement<StatementEntry> {
  party: 'customer' | 'supplier';
  code: string;
  name: string;
}

/** A signed amount as a debit or a credit: what adds to the balance owed, or takes off it. */
const side = (delta: Minor) => ({ debit: Math.max(0, delta), credit: Math.max(0, -delta) });

/** A day's documents in this order: charges first, then what settles them. */
const RANK = `case kind when 'invoice' then 0 when 'debit_note' then 1 when 'credit_note' then 1 when 'receipt' then 2
  when 'payment' then 2 else 3 end`;

type Row = {
  date: IsoDate;
  kind: StatementEntryKind;
  document: string;
  reference: string | null;
  dueDate: IsoDate | null;
  amount: Minor;
};

const toEntry = ({ amount, ...r }: Row): StatementEntry => ({ ...r, ...side(amount) });

/**
 * A customer's documents up to `to`, signed as what they add to what the customer owes: sales
 * invoices add; credit notes, receipts and write-offs take off.
 */
function customerEntries(book: Book, customerId: number, to: IsoDate): StatementEntry[] {
  return book.exec
    .select<Row>(
      `select date, kind, document, reference, dueDate, amount from (
        select i.date, case i.kind when 'sales' then 'invoice' else 'credit_note' end as kind, i.number as document,
            o.number as reference, i.due_date as dueDate, i.gross_minor as amount, i.id as seq
          from invoices i left join sales_orders o on o.id = i.order_id
          where i.customer_id = ? and i.kind in ('sales', 'sales_credit') and i.date <= ?
        union all
        select p.date, 'receipt', p.number, o.number, null, -p.amount_minor, p.id
          from payments p left join sales_orders o on o.id = p.order_id
          where p.customer_id = ? and p.kind = 'customer' and p.date <= ?
        union all
        select p.date, 'write_off', p.number, null, null, -p.write_off_minor, p.id
          from payments p where p.customer_id = ? and p.kind = 'customer' and p.write_off_minor <> 0 and p.date <= ?
      ) s order by date, ${RANK}, seq, document`,
      customerId,
      to,
      customerId,
      to,
      customerId,
      to,
    )
    .map(toEntry);
}

/**
 * A supplier's documents up to `to`, signed as what they add to what the book owes the supplier:
 * their invoices add, a debit note (a return to them) and our payments take off.
 */
function supplierEntries(book: Book, supplierId: number, to: IsoDate): StatementEntry[] {
  return book.exec
    .select<Row>(
      `select date, kind, document, reference, dueDate, amount from (
        select i.date, case when i.gross_minor < 0 then 'debit_note' else 'invoice' end as kind, i.number as document,
            po.number as reference, i.due_date as dueDate, i.gross_minor as amount, i.id as seq
          from invoices i left join purchase_orders po on po.id = i.po_id
          where i.supplier_id = ? and i.kind = 'supplier' and i.date <= ?
        union all
        select p.date, 'payment', p.number, null, null, -p.amount_minor, p.id
          from payments p where p.supplier_id = ? and p.kind = 'supplier' and p.date <= ?
        union all
        select p.date, 'write_off', p.number, null, null, -p.write_off_minor, p.id
          from payments p where p.supplier_id = ? and p.kind = 'supplier' and p.write_off_minor <> 0 and p.date <= ?
      ) s order by date, ${RANK}, seq, document`,
      supplierId,
      to,
      supplierId,
      to,
      supplierId,
      to,
    )
    .map(toEntry);
}

/**
 * The statement of account (对账单) of a customer or a supplier for a period: the balance owed
 * before `from`, every invoice, credit or debit note, receipt or payment and write-off from `from`
 * to `to` in date order with the running balance, and the closing balance. A customer's is what
 * the customer owes; a supplier's what the book owes them. A salesperson asks only for their own
 * customers (and those in the pool); suppliers are company-wide, refused to anyone limited to
 * some customers (`permission.scope`). An unknown party is `customer.not_found` / `supplier.not_found`.
 *
 * @example
 * statementOfAccount(book, { customer: 'C001', from: '2026-03-01', to: '2026-03-31' })
 * // { opening: 113000, lines: [{ kind: 'receipt', document: 'RC-…', credit: 113000, balance: 0 }, …], closing: … }
 */
export function statementOfAccount(
  book: Book,
  input: { customer?: string; supplier?: string; from: IsoDate; to: IsoDate },
): StatementOfAccount {
  book.requirePermission('book.read');
  const period = { from: input.from, to: input.to };
  if ((input.customer === undefined) === (input.supplier === undefined))
    throw new TradeloopError('input.invalid', 'a statement of account is for one customer or one supplier', {
      path: ['party'],
    });
  if (input.customer !== undefined) {
    const row = customerRow(book, input.customer);
    requireCustomerReadable(book, input.customer, row.owner_id !== null);
    const s = accountStatement(customerEntries(book, row.id, input.to), period);
    return { party: 'customer', code: input.customer, name: row.name, ...s };
  }
  const code = input.supplier ?? '';
  if (customerScope(book.principal).kind !== 'all')
    throw book.refusal('permission.scope', `${book.actor} sees only their own customers: not a supplier's account`, {
      path: ['supplier'],
      hint: 'purchasing, an accountant or the owner can',
    });
  const row = book.exec.selectOne<{ id: number; name: string }>('select id, name from suppliers where code = ?', code);
  if (!row) throw new TradeloopError('supplier.not_found', `no supplier ${code}`, { path: ['supplier'] });
  const s = accountStatement(supplierEntries(book, row.id, input.to), period);
  return { party: 'supplier', code, name: row.name, ...s };
}

/**
 * A statement as a table for a file (`tableFile`): the opening balance, each line, the closing
 * balance, amounts as a person types them.
 */
export function statementTable(book: Book, s: StatementOfAccount): Table {
  const money = (m: Minor) => formatMoney(m, book.moneyOptions());
  const blank = (m: Minor) => (m === 0 ? '' : money(m));
  return {
    headers: ['date', 'kind', 'document', 'reference', 'due_date', 'debit', 'credit', 'balance'],
    rows: [
      [s.from, 'opening', '', '', '', '', '', money(s.opening)],
      ...s.lines.map((l) => [
        l.date,
        l.kind,
        l.document,
        l.reference ?? '',
        l.dueDate ?? '',
        blank(l.debit),
        blank(l.credit),
        money(l.balance),
      ]),
      [s.to, 'closing', '', '', '', money(s.debits), money(s.credits), money(s.closing)],
    ],
  };
}
