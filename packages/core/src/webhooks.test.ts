import { describe, expect, it } from 'vitest';
import { freshTimestamp, nextAttemptAt, signedContent, webhookEventSchema } from './webhooks.js';

describe('webhook retries', () => {
  it('waits 1 min, 5 min, 30 min, 2 h and 12 h, then gives up', () => {
    const at = '2026-03-01T08:00:00.000Z';
    expect([1, 2, 3, 4, 5, 6].map((n) => nextAttemptAt(n, at))).toEqual([
      '2026-03-01T08:01:00.000Z',
      '2026-03-01T08:05:00.000Z',
      '2026-03-01T08:30:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T20:00:00.000Z',
      null,
    ]);
  });
});

describe('webhook signatures', () => {
  it('sign the timestamp with the body', () => {
    expect(signedContent(1700000000, '{"a":1}')).toBe('1700000000.{"a":1}');
  });

  it('refuse a timestamp older than five minutes, from the future, or not a number', () => {
    expect(freshTimestamp('1000', 1000 + 300)).toBe(true);
    expect(freshTimestamp('1000', 1000 + 301)).toBe(false);
    expect(freshTimestamp('1400', 1000)).toBe(false);
    expect(freshTimestamp('abc', 1000)).toBe(false);
    expect(freshTimestamp(undefined, 1000)).toBe(false);
  });
});

describe('webhook events', () => {
  it('are the known names only, and a wrong one is named', () => {
    expect(webhookEventSchema.safeParse('order.placed').success).toBe(true);
    expect(webhookEventSchema.safeParse('order.deleted').error?.issues[0]?.message).toContain('order.placed');
  });
});
