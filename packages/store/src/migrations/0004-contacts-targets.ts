import { type Kysely, sql } from 'kysely';

/** Contacts keyed by customer and name, customers' regions, monthly sales targets. */
const STATEMENTS = [
  'alter table contacts add column title text',
  'alter table contacts add column wechat text',
  'create unique index contacts_customer_name on contacts(customer_id, name)',
  'alter table customers add column region text',
  `create table sales_targets (salesperson_id integer not null references salespeople(id),
     month text not null check (month glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
     amount_minor integer not null check (amount_minor >= 0), primary key (salesperson_id, month))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
