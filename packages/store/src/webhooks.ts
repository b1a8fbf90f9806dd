import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  fail,
  freshTimestamp,
  type Locale,
  localeSchema,
  type MessageTarget,
  mailRecipients,
  messageTargetSchema,
  nextAttemptAt,
  ok,
  type Result,
  TradeloopError,
  targetOfUrl,
  WEBHOOK_HEADERS,
  type WebhookEvent,
  webhookEventSchema,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { jsonElements } from './dialect.js';
import { type MailOptions, type Outgoing, sendDelivery, signWebhook, WEBHOOK_TIMEOUT_MS } from './message-targets.js';

export { signWebhook, WEBHOOK_TIMEOUT_MS };

/** A subscription as listed: never its secret, which is shown once, when it is added. */
export interface Webhook {
  id: number;
  url: string;
  target: MessageTarget;
  locale: Locale | null;
  events: WebhookEvent[];
  active: boolean;
  created: string;
}
/** How long a runner holds a claimed delivery: longer than an attempt, so another waits it out. */
const CLAIM_SECONDS = 60;

/** A target's address: `mailto:` for e-mail (each address checked), else http or https. */
function webhookUrl(url: string, target: MessageTarget): string {
  if (target === 'email') {
    const to = mailRecipients(url);
    if (!to.ok)
      throw new TradeloopError('input.invalid', `e-mail target "${url}": ${to.issues[0]?.message}`, {
        path: ['url'],
        hint: 'give mailto:someone@example.com (several with commas), or mailto:approvers',
      });
    return url.trim();
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TradeloopError('input.invalid', `webhook URL "${url}" is not a URL`, {
      path: ['url'],
      hint: 'give the full address, such as https://example.com/hooks/tradeloop',
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new TradeloopError('input.invalid', `webhook URL "${url}" must be http or https`, { path: ['url'] });
  return parsed.toString();
}

/**
 * Subscribe a target to events: a webhook URL, a WeCom / DingTalk / Feishu group robot's URL (its
 * target read from its host unless given), or `mailto:` addresses. A webhook without a secret
 * gets one (32 random bytes, hex), returned this once for the receiver to check signatures with;
 * a DingTalk or Feishu robot's secret is the one its group shows (`SEC…`), when signing is on.
 *
 * @example
 * addWebhook(book, { url: 'https://erp.example.com/hooks', events: ['order.placed'] }) // { id: 1, secret: 'whsec_…' }
 * addWebhook(book, { url: 'https://oapi.dingtalk.com/robot/send?access_token=…', secret: 'SEC…', events: ['alert.raised'] })
 */
export function addWebhook(
  book: Book,
  input: { url: string; events: readonly string[]; secret?: string; target?: string; locale?: string },
): { id: number; secret: string; target: MessageTarget } {
  return book.command('addWebhook', () => {
    const chosen = input.target === undefined ? undefined : messageTargetSchema.safeParse(input.target);
    if (chosen && !chosen.success)
      throw new TradeloopError('input.invalid', `target "${input.target}" ${chosen.error.issues[0]?.message}`, {
        path: ['target'],
      });
    const target = chosen?.data ?? targetOfUrl(input.url);
    const locale = input.locale === undefined ? null : localeSchema.safeParse(input.locale);
    if (locale && !locale.success)
      throw new TradeloopError('input.invalid', `language "${input.locale}" ${locale.error.issues[0]?.message}`, {
        path: ['locale'],
      });
    const url = webhookUrl(input.url, target);
    if (input.events.length === 0)
      throw new TradeloopError('input.invalid', 'a webhook needs at least one event', { path: ['events'] });
    const events = input.events.map((e, i) => {
      const parsed = webhookEventSchema.safeParse(e);
      if (!parsed.success)
        throw new TradeloopError('input.invalid', `event "${e}" ${parsed.error.issues[0]?.message}`, {
          path: ['events', i],
        });
      return parsed.data;
    });
    const secret = input.secret ?? (target === 'webhook' ? `whsec_${randomBytes(32).toString('hex')}` : '');
    const id = Number(
      book.exec.run(
        book.db.insertInto('webhooks').values({
          url,
          events: JSON.stringify([...new Set(events)]),
          secret,
          created: book.now(),
          target,
          locale: locale?.data ?? null,
        }),
      ).lastInsertRowid,
    );
    return { value: { id, secret, target }, document: String(id), after: { url, target, events } };
  });
}

/** Stop a subscription: it gets nothing more; what it was sent stays in the log. */
export function removeWebhook(book: Book, id: number): void {
  book.command('removeWebhook', () => {
    const found = book.exec.get(book.db.selectFrom('webhooks').select(['url', 'active']).where('id', '=', id));
    if (!found?.active)
      throw new TradeloopError('command.rejected', `no webhook ${id}`, {
        path: ['id'],
        hint: 'see `tradeloop webhook list`',
      });
    book.exec.run(book.db.updateTable('webhooks').set({ active: 0 }).where('id', '=', id));
    book.exec.run(
      book.db
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: null, last_error: 'webhook removed' })
        .where('webhook_id', '=', id)
        .where('delivered_at', 'is', null),
    );
    return { value: undefined, document: String(id), before: { url: found.url } };
  });
}

/** The active subscriptions. */
export function listWebhooks(book: Book): Webhook[] {
  book.requirePermission('book.admin');
  return book.exec
    .all(
      book.db
        .selectFrom('webhooks')
        .select(['id', 'url', 'target', 'locale', 'events', 'active', 'created'])
        .where('active', '=', 1),
    )
    .map((w) => ({
      ...w,
      locale: localeSchema.safeParse(w.locale).data ?? null,
      events: JSON.parse(w.events) as WebhookEvent[],
      active: w.active === 1,
    }));
}

/**
 * Put an event in the outbox: one delivery per active subscription to it, written in the
 * running command's transaction, so it is sent only if the command commits. Payloads carry the
 * document's number and key fields, never cost or margin.
 */
export function emit(book: Book, event: WebhookEvent, data: Record<string, unknown>): void {
  if (!book.inTransaction) throw new Error(`emit(${event}) outside a command`);
  const subscribed = book.exec.select<{ id: number }>(
    `select w.id from webhooks w where w.active = 1 and exists (select 1 from ${jsonElements(book, 'w.events')} e where e.value = ?)`,
    event,
  );
  if (subscribed.length === 0) return;
  const now = book.now();
  const payload = JSON.stringify({ event, created: now, data });
  for (const w of subscribed)
    book.exec.run(
      book.db
        .insertInto('webhook_deliveries')
        .values({ webhook_id: w.id, event, payload, created: now, next_attempt_at: now }),
    );
}

/**
 * Tell subscribers a report pack is written: the day it is for and its files. A command of its
 * own, as the pack is written outside the book; with no subscriber it writes nothing.
 */
export function reportPackReady(book: Book, input: { date: string; files: readonly string[] }): void {
  book.command('reportPackReady', () => {
    const before = book.exec.value<number>('select count(*) from webhook_deliveries') ?? 0;
    emit(book, 'report_pack.ready', { date: input.date, files: input.files });
    const after = book.exec.value<number>('select count(*) from webhook_deliveries') ?? 0;
    return { value: undefined, unchanged: after === before, document: input.date };
  });
}

/**
 * What a receiver checks: the signature is the secret's over this timestamp and body, and the
 * timestamp is within five minutes of `now` (older is a replay). Headers as node's
 * `IncomingMessage.headers` or fetch's `Headers`.
 *
 * @example
 * verifyWebhook(secret, req.headers, body, new Date()) // { ok: true, value: true }
 */
export function verifyWebhook(
  secret: string,
  headers: Headers | Record<string, string | string[] | undefined>,
  body: string,
  now: Date,
): Result<true> {
  const header = (name: string) => {
    const v = headers instanceof Headers ? headers.get(name) : headers[name];
    return (Array.isArray(v) ? v[0] : v) ?? undefined;
  };
  const timestamp = header(WEBHOOK_HEADERS.timestamp);
  if (!freshTimestamp(timestamp, Math.floor(now.getTime() / 1000)))
    return fail({
      code: 'webhook.replay',
      path: [WEBHOOK_HEADERS.timestamp],
      message: `timestamp ${timestamp ?? '(none)'} is not within five minutes of now: refused as a replay`,
    });
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(header(WEBHOOK_HEADERS.signature) ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return fail({
      code: 'webhook.signature',
      path: [WEBHOOK_HEADERS.signature],
      message: 'signature does not match the body and timestamp',
    });
  return ok(true);
}

/** One row of the delivery log. */
export interface WebhookDelivery {
  id: number;
  webhook: number;
  url: string;
  target: MessageTarget;
  event: string;
  created: string;
  attempts: number;
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** The delivery log, newest first. */
export function webhookDeliveries(book: Book, options: { limit?: number } = {}): WebhookDelivery[] {
  book.requirePermission('book.admin');
  return book.exec
    .select<{
      id: number;
      webhook_id: number;
      url: string;
      target: MessageTarget;
      event: string;
      created: string;
      attempts: number;
      next_attempt_at: string | null;
      last_status: number | null;
      last_error: string | null;
      delivered_at: string | null;
    }>(
      `select d.id, d.webhook_id, w.url, w.target, d.event, d.created, d.attempts, d.next_attempt_at, d.last_status,
         d.last_error, d.delivered_at
       from webhook_deliveries d join webhooks w on w.id = d.webhook_id order by d.id desc limit ?`,
      options.limit ?? 100,
    )
    .map((d) => ({
      id: d.id,
      webhook: d.webhook_id,
      url: d.url,
      target: d.target,
      event: d.event,
      created: d.created,
      attempts: d.attempts,
      status: d.delivered_at ? 'delivered' : d.next_attempt_at ? 'pending' : 'failed',
      nextAttemptAt: d.next_attempt_at,
      lastStatus: d.last_status,
      lastError: d.last_error,
      deliveredAt: d.delivered_at,
    }));
}

/** How long a delivered delivery stays in the log: a month. Failed ones stay until retried. */
export const DELIVERY_LOG_DAYS = 30;

/**
 * Send a delivery again at the next run: one given up (after its sixth failure) or still waiting
 * for its next attempt. A delivered one, or one of a removed webhook, is refused.
 *
 * @example
 * retryDelivery(book, 17) // tradeloop run deliveries sends it
 */
export function retryDelivery(book: Book, id: number): void {
  book.command('retryDelivery', () => {
    const d = book.exec.selectOne<{ delivered_at: string | null; active: number; next_attempt_at: string | null }>(
      `select d.delivered_at, w.active, d.next_attempt_at from webhook_deliveries d join webhooks w on w.id = d.webhook_id
       where d.id = ?`,
      id,
    );
    if (!d)
      throw new TradeloopError('command.rejected', `no delivery ${id}`, {
        path: ['id'],
        hint: 'see `tradeloop deliveries`',
      });
    if (d.delivered_at)
      throw new TradeloopError('command.rejected', `delivery ${id} was delivered at ${d.delivered_at}`, {
        path: ['id'],
      });
    if (d.active !== 1)
      throw new TradeloopError('command.rejected', `delivery ${id} is for a webhook that was removed`, {
        path: ['id'],
      });
    book.exec.execute(
      'update webhook_deliveries set next_attempt_at = ?, claimed_until = null where id = ?',
      book.now(),
      id,
    );
    return { value: undefined, document: String(id), before: { next: d.next_attempt_at }, after: { next: 'now' } };
  });
}

/** What a run of the sender did. */
export interface DeliveryRun {
  sent: number;
  delivered: number;
  retrying: number;
  failed: number;
}

interface Claimed extends Outgoing {
  attempts: number;
}

/**
 * Send what is due: each delivery whose next attempt has come is claimed in a short transaction
 * (so a second runner leaves it alone), POSTed signed with a 10 s timeout, and recorded: a 2xx
 * marks it delivered, anything else schedules the next attempt by `nextAttemptAt` or gives it up.
 * At least once: a receiver drops a delivery id it has already seen.
 */
export async function deliverWebhooks(
  book: Book,
  options: { now?: Date; fetch?: typeof fetch; mail?: MailOptions | undefined; event?: WebhookEvent } = {},
): Promise<DeliveryRun> {
  const now = options.now ?? book.clock();
  const at = now.toISOString();
  const send = options.fetch ?? fetch;
  const claimed = book.command<Claimed[]>('deliverWebhooks', () => {
    const due = book.exec.select<Claimed>(
      `select d.id, d.event, d.payload, d.attempts, w.url, w.secret, w.target, w.locale from webhook_deliveries d
       join webhooks w on w.id = d.webhook_id
       where d.next_attempt_at <= ? and d.delivered_at is null and (d.claimed_until is null or d.claimed_until <= ?)
         and (? is null or d.event = ?)
       order by d.next_attempt_at, d.id limit 100`,
      at,
      at,
      options.event ?? null,
      options.event ?? null,
    );
    // The log keeps a month of what was delivered; what failed stays to be seen and retried.
    const kept = new Date(now.getTime() - DELIVERY_LOG_DAYS * 86_400_000).toISOString();
    book.exec.execute('delete from webhook_deliveries where delivered_at is not null and delivered_at < ?', kept);
    if (due.length === 0) return { value: [], unchanged: true };
    // Held for as long as sending them all one after another may take, so a runner started by the
    // next minute's cron while this one still sends does not send them again.
    const until = new Date(now.getTime() + CLAIM_SECONDS * 1000 + due.length * WEBHOOK_TIMEOUT_MS).toISOString();
    for (const d of due) book.exec.execute('update webhook_deliveries set claimed_until = ? where id = ?', until, d.id);
    return { value: due, after: { claimed: due.map((d) => d.id) } };
  });
  const run: DeliveryRun = { sent: 0, delivered: 0, retrying: 0, failed: 0 };
  for (const d of claimed) {
    // Signed when sent, not when the run began: a receiver refuses a timestamp five minutes old.
    const timestamp = Math.floor((options.now ?? book.clock()).getTime() / 1000);
    const { status, error } = await sendDelivery(book, d, { fetch: send, timestamp, mail: options.mail });
    run.sent++;
    const attempts = d.attempts + 1;
    const next = error === null ? null : nextAttemptAt(attempts, at);
    if (error === null) run.delivered++;
    else if (next) run.retrying++;
    else run.failed++;
    book.command('deliverWebhooks.result', () => {
      book.exec.run(
        book.db
          .updateTable('webhook_deliveries')
          .set({
            attempts,
            last_status: status,
            last_error: error,
            next_attempt_at: next,
            delivered_at: error === null ? at : null,
            claimed_until: null,
          })
          .where('id', '=', d.id),
      );
      return { value: undefined, document: String(d.id), after: { status, error, next } };
    });
  }
  return run;
}
