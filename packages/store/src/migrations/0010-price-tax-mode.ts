import { type Kysely, sql } from 'kysely';

/**
 * Prices with or without VAT. A price list says whether its prices include VAT (含税, the norm for
 * Chinese retail lists); every existing list was net, so 0. An order line keeps the mode it was
 * priced in, so its unit price can be read back (a 含税 line's gross is qty × price).
 *
 * A supplier invoice line keeps the value of the received goods it clears from goods received not
 * invoiced, so the check compares exact amounts. Lines written before were cleared at quantity ×
 * order price rounded half-up, which is what the backfill puts back.
 */
const STATEMENTS = [
  'alter table price_lists add column tax_inclusive integer not null default 0 check (tax_inclusive in (0, 1))',
  'alter table sales_order_lines add column tax_inclusive integer not null default 0 check (tax_inclusive in (0, 1))',
  'alter table invoice_lines add column received_value_minor integer',
  `update invoice_lines set received_value_minor =
     (qty * (select l.price_minor from purchase_order_lines l where l.id = invoice_lines.po_line_id) + 500) / 1000
   where po_line_id is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
