import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import {
  eventMessage,
  type Locale,
  localeSchema,
  type MessageTarget,
  mailRecipients,
  robotBody,
  signedContent,
  WEBHOOK_HEADERS,
  type WebhookEvent,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { jsonElements } from './dialect.js';

/** How long one attempt may take before it counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Where e-mail goes out: an SMTP server (`smtps://user:pass@smtp.example.com:465`) and the sender. */
export interface MailOptions {
  smtp: string;
  from: string;
}

/** A delivery as it is sent: the event, its JSON body, and where it goes. */
export interface Outgoing {
  id: number;
  event: string;
  payload: string;
  url: string;
  secret: string;
  target: MessageTarget;
  locale: string | null;
}

export interface SendOptions {
  fetch: typeof fetch;
  /** Unix seconds of this attempt. */
  timestamp: number;
  mail?: MailOptions | undefined;
}

/** What an attempt came to: the HTTP status (or SMTP's 250), and why it failed, if it did. */
export interface Attempt {
  status: number | null;
  error: string | null;
}

const causeOf = (e: unknown) =>
  e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);

/** The signature of a tradeloop webhook's body: `sha256=` and the HMAC-SHA256 hex of `timestamp.body`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(signedContent(timestamp, body)).digest('hex')}`;
}

/**
 * DingTalk's signature of a robot call: the HMAC-SHA256, keyed with the robot's secret, of the
 * time in milliseconds, a newline and the secret, in base64 (its documented `加签`).
 */
export const dingtalkSign = (secret: string, timestampMs: string): string =>
  createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');

/**
 * Feishu's signature of a bot call: the HMAC-SHA256, keyed with the time in seconds, a newline
 * and the secret, of nothing, in base64 (its documented `签名校验`).
 */
export const feishuSign = (secret: string, timestampSeconds: string): string =>
  createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');

/** The robots answer 200 with their own error code: only 0 is a message posted. */
async function robotAnswer(response: Response): Promise<Attempt> {
  const status = response.status;
  if (status < 200 || status > 299) {
    await response.body?.cancel();
    return { status, error: `HTTP ${status}` };
  }
  let body: { errcode?: unknown; errmsg?: unknown; code?: unknown; msg?: unknown; StatusCode?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { status, error: 'the robot answered no JSON' };
  }
  const code = body.errcode ?? body.code ?? body.StatusCode;
  if (code === 0) return { status, error: null };
  return { status, error: `robot error ${String(code)}: ${String(body.errmsg ?? body.msg ?? '')}`.trim() };
}

const post = (send: typeof fetch, url: string, body: string, headers: Record<string, string> = {}) =>
  send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'tradeloop-webhooks', ...headers },
    body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    redirect: 'manual',
  });

/** The addresses of who may decide the approval an event waits for: users of those roles with an e-mail. */
function approverAddresses(book: Book, data: Record<string, unknown>): string[] {
  const roles = Array.isArray(data.waiting) ? (data.waiting as string[]) : [];
  return book.exec
    .select<{ email: string }>(
      `select distinct u.email from users u where u.disabled = 0 and u.email is not null
         and exists (select 1 from ${jsonElements(book)} r where (',' || u.roles || ',') like '%,' || r.value || ',%')
       order by u.email`,
      JSON.stringify(roles),
    )
    .map((u) => u.email);
}

async function sendMail(book: Book, d: Outgoing, options: SendOptions, locale: Locale): Promise<Attempt> {
  if (!options.mail)
    return {
      status: null,
      error: 'no SMTP server to send e-mail through: set TRADELOOP_SMTP_URL and TRADELOOP_MAIL_FROM',
    };
  const { data } = JSON.parse(d.payload) as { data: Record<string, unknown> };
  const recipients = mailRecipients(d.url);
  if (!recipients.ok) return { status: null, error: recipients.issues[0]?.message ?? 'no recipients' };
  const to = recipients.value === 'approvers' ? approverAddresses(book, data) : recipients.value;
  if (to.length === 0)
    return { status: null, error: `no user who may decide this (${String(data.waiting ?? '')}) has an e-mail address` };
  const message = eventMessage(d.event as WebhookEvent, data, locale);
  const files = d.event === 'report_pack.ready' && Array.isArray(data.files) ? (data.files as string[]) : [];
  // Loaded for a message to send: a command that only queues one does not pay for the mailer.
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    url: options.mail.smtp,
    connectionTimeout: WEBHOOK_TIMEOUT_MS,
    greetingTimeout: WEBHOOK_TIMEOUT_MS,
    socketTimeout: WEBHOOK_TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: options.mail.from,
      to,
      subject: message.title,
      text: [message.title, '', ...message.lines].join('\n'),
      headers: { [WEBHOOK_HEADERS.event]: d.event, [WEBHOOK_HEADERS.delivery]: String(d.id) },
      attachments: files.filter((f) => existsSync(f)).map((f) => ({ filename: basename(f), path: f })),
    });
    const refused = info.rejected.map(String);
    return refused.length > 0
      ? { status: 250, error: `the server refused ${refused.join(', ')}` }
      : { status: 250, error: null };
  } catch (e) {
    return { status: null, error: causeOf(e) };
  } finally {
    transport.close();
  }
}

/**
 * Send one delivery to its target: a tradeloop webhook signed in its headers; a WeCom, DingTalk
 * or Feishu robot in its own message format (signed the robot's way when it has a secret), a
 * 200 with a non-zero error code counting as failed; e-mail through the SMTP server, to the
 * target's addresses or, for `mailto:approvers`, to the users who may decide what waits.
 */
export async function sendDelivery(book: Book, d: Outgoing, options: SendOptions): Promise<Attempt> {
  const locale = localeSchema.safeParse(d.locale).data ?? 'zh-CN';
  try {
    switch (d.target) {
      case 'webhook': {
        const response = await post(options.fetch, d.url, d.payload, {
          [WEBHOOK_HEADERS.event]: d.event,
          [WEBHOOK_HEADERS.delivery]: String(d.id),
          [WEBHOOK_HEADERS.timestamp]: String(options.timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(d.secret, options.timestamp, d.payload),
        });
        await response.body?.cancel();
        const ok = response.status >= 200 && response.status <= 299;
        return { status: response.status, error: ok ? null : `HTTP ${response.status}` };
      }
      case 'wecom':
      case 'dingtalk':
      case 'feishu': {
        const { data } = JSON.parse(d.payload) as { data: Record<string, unknown> };
        const message = eventMessage(d.event as WebhookEvent, data, locale);
        let url = d.url;
        let signed: { timestamp: string; sign: string } | undefined;
        if (d.target === 'dingtalk' && d.secret) {
          const ms = String(options.timestamp * 1000);
          const u = new URL(url);
          u.searchParams.set('timestamp', ms);
          u.searchParams.set('sign', dingtalkSign(d.secret, ms));
          url = u.toString();
        }
        if (d.target === 'feishu' && d.secret) {
          const seconds = String(options.timestamp);
          signed = { timestamp: seconds, sign: feishuSign(d.secret, seconds) };
        }
        return await robotAnswer(await post(options.fetch, url, JSON.stringify(robotBody(d.target, message, signed))));
      }
      case 'email':
        return await sendMail(book, d, options, locale);
    }
  } catch (e) {
    return { status: null, error: causeOf(e) };
  }
}
