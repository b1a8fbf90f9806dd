import { type Kysely, sql } from 'kysely';

/**
 * Messages for people: a subscription says what it is (a signed webhook, a WeCom, DingTalk or
 * Feishu group robot, or e-mail) and in which language it speaks; a user may have an e-mail
 * address, for the approvals waiting for them.
 */
const STATEMENTS = [
  `alter table webhooks add column target text not null default 'webhook'
     check (target in ('webhook', 'wecom', 'dingtalk', 'feishu', 'email'))`,
  'alter table webhooks add column locale text',
  'alter table users add column email text',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
