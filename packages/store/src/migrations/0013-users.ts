import { type Kysely, sql } from 'kysely';

/**
 * People. A user signs in with a password (an argon2id hash, never the password), holds roles,
 * and may be linked to the salesperson they sell as or the customer they buy for (the portal).
 * A disabled user keeps their history and cannot sign in. Tokens are what a signed-in browser,
 * a `tradeloop login` or a cron job presents: only their SHA-256 is kept. Sign-in attempts are
 * kept to slow down guessing.
 */
const STATEMENTS = [
  'alter table users add column display_name text',
  'alter table users add column salesperson_id integer references salespeople(id)',
  'alter table users add column customer_id integer references customers(id)',
  'alter table users add column password_hash text',
  'alter table users add column disabled integer not null default 0 check (disabled in (0, 1))',
  'alter table users add column created_at text',
  `create table auth_tokens (id integer primary key, token_hash text not null unique,
     user_id integer not null references users(id),
     kind text not null check (kind in ('session', 'cli', 'api')), label text,
     created_at text not null, expires_at text not null, revoked_at text, last_used_at text)`,
  'create index auth_tokens_user on auth_tokens(user_id)',
  `create table login_attempts (id integer primary key, user_name text not null, at text not null,
     ok integer not null check (ok in (0, 1)), source text)`,
  'create index login_attempts_user on login_attempts(user_name, at)',
  // Roles were free text; they are now the known set.
  "update users set roles = replace(replace(replace(roles, 'purchasing_manager', 'purchasing'), 'finance', 'accountant'), 'sales,', 'salesperson,') where roles like '%purchasing_manager%' or roles like '%finance%' or roles like '%sales,%'",
  "update users set roles = 'salesperson' where roles = 'sales'",
  "update users set roles = substr(roles, 1, length(roles) - 6) || ',salesperson' where roles like '%,sales'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
