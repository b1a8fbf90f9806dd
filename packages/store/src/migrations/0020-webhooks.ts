import { type Kysely, sql } from 'kysely';

/**
 * Webhooks: subscriptions (a URL, the events it wants as a JSON list, the secret its POSTs are
 * signed with) and their outbox. A command that raises an event writes one delivery row per
 * active subscription in its own transaction, so a rolled-back command sends nothing; a runner
 * sends the due rows later, retrying on a schedule, and the rows are the delivery log.
 */
const STATEMENTS = [
  `create table webhooks (id integer primary key, url text not null, events text not null,
     secret text not null, active integer not null default 1 check (active in (0, 1)), created text not null)`,
  `create table webhook_deliveries (id integer primary key, webhook_id integer not null references webhooks(id),
     event text not null, payload text not null, created text not null,
     attempts integer not null default 0, next_attempt_at text, last_status integer, last_error text,
     delivered_at text, claimed_until text)`,
  'create index webhook_deliveries_due on webhook_deliveries(next_attempt_at) where next_attempt_at is not null',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
