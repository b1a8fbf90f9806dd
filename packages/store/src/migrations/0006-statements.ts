import { type Kysely, sql } from 'kysely';

/**
 * Statement lines in one model for every source: which way the money went (in / out / none), the
 * gross the payer sent, the fee the bank or wallet kept, the net change of the account, the status
 * and reason as the source wrote them, and the account the line belongs to. A fee on a receipt is
 * kept on its payment, so the customer is credited the gross; a prepaid order's receipt names
 * its order, so the same money is never booked twice.
 */
const STATEMENTS = [
  `alter table statement_lines add column direction text not null default 'in' check (direction in ('in', 'out', 'none'))`,
  `alter table statement_lines add column kind text not null default 'trade' check (kind in ('trade', 'refund', 'fee', 'transfer'))`,
  'alter table statement_lines add column fee_minor integer not null default 0 check (fee_minor >= 0)',
  'alter table statement_lines add column net_minor integer not null default 0',
  `alter table statement_lines add column line_status text not null default ''`,
  'alter table statement_lines add column reason text',
  `alter table statement_lines add column counterparty_account text not null default ''`,
  `alter table statement_lines add column refs text not null default ''`,
  `alter table statement_lines add column layout text not null default ''`,
  `alter table statement_lines add column account text not null default '1002'`,
  'alter table statement_lines add column source_row integer',
  'update statement_lines set net_minor = amount_minor',
  'alter table payments add column fee_minor integer not null default 0 check (fee_minor >= 0)',
  'alter table payments add column order_id integer references sales_orders(id)',
  'create index payments_statement_line on payments(statement_line_id) where statement_line_id is not null',
  'create index statement_lines_status on statement_lines(status, direction)',
  `insert or ignore into accounts (code, name, name_zh, type, role) values ('6603.01', 'Bank and wallet charges', '财务费用-手续费', 'expense', 'expense')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
