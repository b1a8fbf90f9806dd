import { type Kysely, sql } from 'kysely';

/**
 * The HTTP API: the scopes a program's token was made with (a JSON list; null for a token made
 * before, or for the command line only, which the API refuses), and the answers given to POSTs
 * sent with an idempotency key, so a request sent again is answered again and not done twice.
 */
const STATEMENTS = [
  'alter table auth_tokens add column scopes text',
  `create table api_requests (id integer primary key, actor text not null, idempotency_key text not null,
     method text not null, path text not null, fingerprint text not null,
     status integer not null, response text not null, created_at text not null,
     unique (actor, idempotency_key))`,
  'create index api_requests_created on api_requests(created_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
