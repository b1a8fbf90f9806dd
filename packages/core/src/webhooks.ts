import { z } from 'zod';

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  'order.placed',
  'order.approved',
  'order.shipped',
  'payment.matched',
  'approval.waiting',
  'alert.raised',
  'report_pack.ready',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS, {
  error: `must be one of ${WEBHOOK_EVENTS.join(', ')}`,
});

/**
 * The headers of a delivery, after the Stripe and GitHub convention: the event, the delivery's
 * id (the same on every retry, so a receiver can drop a duplicate), the Unix time in seconds of
 * this attempt, and `sha256=<hex>`, the HMAC-SHA256 with the subscription's secret over
 * `signedContent(timestamp, body)`.
 */
export const WEBHOOK_HEADERS = {
  event: 'x-tradeloop-event',
  delivery: 'x-tradeloop-delivery',
  timestamp: 'x-tradeloop-timestamp',
  signature: 'x-tradeloop-signature',
} as const;

/** What the signature covers: the timestamp and the body, so an old body cannot be re-dated. */
export const signedContent = (timestamp: number, body: string): string => `${timestamp}.${body}`;

/** A receiver refuses a delivery signed longer ago than this (a replay), or this far ahead. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/**
 * How long to wait after each failed attempt before the next: 1 min, 5 min, 30 min, 2 h, 12 h.
 * After the last the delivery is given up (six attempts in all, over about 15 hours).
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600] as const;

/**
 * When to try again after `attempts` failed attempts (ISO time), or null when the delivery is
 * given up.
 *
 * @example
 * nextAttemptAt(1, '2026-03-01T08:00:00.000Z') // '2026-03-01T08:01:00.000Z'
 * nextAttemptAt(6, '2026-03-01T08:00:00.000Z') // null
 */
export function nextAttemptAt(attempts: number, failedAt: string): string | null {
  const delay = WEBHOOK_RETRY_DELAYS_SECONDS[attempts - 1];
  if (delay === undefined) return null;
  return new Date(Date.parse(failedAt) + delay * 1000).toISOString();
}

/** A timestamp header within the tolerance of `nowSeconds`: not a replay, not from the future. */
export function freshTimestamp(header: string | undefined, nowSeconds: number): boolean {
  if (!header || !/^\d+$/.test(header)) return false;
  return Math.abs(nowSeconds - Number(header)) <= WEBHOOK_TOLERANCE_SECONDS;
}
