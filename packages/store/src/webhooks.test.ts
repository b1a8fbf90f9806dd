import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS } from '@tradeloop/core';
import { afterEach, describe, expect, it } from 'vitest';
import { claimStatementLine, importStatementLines } from './finance.js';
import { runAlerts } from './planning.js';
import { approveSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import {
  addWebhook,
  deliverWebhooks,
  listWebhooks,
  removeWebhook,
  reportPackReady,
  retryDelivery,
  verifyWebhook,
  webhookDeliveries,
} from './webhooks.js';

const tempDir = useTempDir();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/** A receiver on 127.0.0.1 that checks signatures as of `clock.now` and answers from `statuses`. */
async function receiver(secret: () => string, clock: { now: Date }, statuses: number[]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const verified = verifyWebhook(secret(), req.headers, body, clock.now).ok;
      received.push({ headers: req.headers, body, verified });
      res.statusCode = verified ? (statuses.shift() ?? 200) : 401;
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
});

const order = { customer: 'C001', warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 1_000 }] };

describe('webhooks', () => {
  it('deliver an order placed, signed, retrying after a failure and never twice', async () => {
    const book = await smallCompany(tempDir());
    const clock = { now: new Date('2026-03-02T08:00:00.000Z') };
    let secret = '';
    const hook = await receiver(() => secret, clock, [500, 200]);
    secret = addWebhook(book, { url: hook.url, events: ['order.placed', 'order.shipped'] }).secret;
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(listWebhooks(book)).toMatchObject([{ url: hook.url, events: ['order.placed', 'order.shipped'] }]);
    const { number } = placeSalesOrder(book, order);

    expect(await deliverWebhooks(book, { now: clock.now })).toEqual({ sent: 1, delivered: 0, retrying: 1, failed: 0 });
    const [first] = hook.received;
    expect(first?.verified).toBe(true);
    expect(first?.headers[WEBHOOK_HEADERS.event]).toBe('order.placed');
    expect(JSON.parse(first?.body ?? '')).toMatchObject({
      event: 'order.placed',
      data: { order: number, customer: 'C001' },
    });
    expect(first?.body).not.toMatch(/cost|margin/);
    expect(webhookDeliveries(book)).toMatchObject([
      {
        event: 'order.placed',
        status: 'pending',
        attempts: 1,
        lastStatus: 500,
        nextAttemptAt: '2026-03-02T08:01:00.000Z',
      },
    ]);

    // Before the retry is due nothing goes out.
    clock.now = new Date('2026-03-02T08:00:30.000Z');
    expect(await deliverWebhooks(book, { now: clock.now })).toMatchObject({ sent: 0 });
    expect(hook.received).toHaveLength(1);

    clock.now = new Date('2026-03-02T08:01:00.000Z');
    expect(await deliverWebhooks(book, { now: clock.now })).toMatchObject({ sent: 1, delivered: 1 });
    expect(hook.received[1]?.headers[WEBHOOK_HEADERS.delivery]).toBe(first?.headers[WEBHOOK_HEADERS.delivery]);
    expect(webhookDeliveries(book)).toMatchObject([{ status: 'delivered', attempts: 2, lastStatus: 200 }]);

    clock.now = new Date('2026-03-03T08:00:00.000Z');
    expect(await deliverWebhooks(book, { now: clock.now })).toMatchObject({ sent: 0 });
    expect(hook.received).toHaveLength(2);

    // Approving is not subscribed to; shipping is.
    approveSalesOrder(book, number);
    shipSalesOrder(book, number, { date: '2026-03-03' });
    expect(webhookDeliveries(book).map((d) => d.event)).toEqual(['order.shipped', 'order.placed']);
  });

  it('hold a claimed delivery back from a second runner', async () => {
    const book = await smallCompany(tempDir());
    const now = new Date('2026-03-02T08:00:00.000Z');
    let sent = 0;
    addWebhook(book, { url: 'http://127.0.0.1:9/none', events: ['order.placed'], secret: 's' });
    placeSalesOrder(book, order);
    let second: Promise<unknown> | undefined;
    const slow: typeof fetch = async () => {
      sent++;
      second ??= deliverWebhooks(book, { now, fetch: slow });
      return new Response(null, { status: 204 });
    };
    await deliverWebhooks(book, { now, fetch: slow });
    expect(await second).toMatchObject({ sent: 0 });
    expect(sent).toBe(1);
  });

  it('hold a batch back from the next minute’s runner while the first still sends it', async () => {
    const book = await smallCompany(tempDir());
    const now = new Date('2026-03-02T08:00:00.000Z');
    const later = new Date('2026-03-02T08:01:30.000Z');
    let sent = 0;
    addWebhook(book, { url: 'http://127.0.0.1:9/none', events: ['order.placed'], secret: 's' });
    for (let i = 0; i < 10; i++) placeSalesOrder(book, order);
    let second: Promise<unknown> | undefined;
    const slow: typeof fetch = async () => {
      sent++;
      // Ninety seconds into a batch of ten slow receivers, cron starts the next run.
      second ??= deliverWebhooks(book, { now: later, fetch: slow });
      return new Response(null, { status: 204 });
    };
    await deliverWebhooks(book, { now, fetch: slow });
    expect(await second).toMatchObject({ sent: 0 });
    expect(sent).toBe(10);
  });

  it('tell an order approved when it leaves review, with no cost in it', async () => {
    const book = await smallCompany(tempDir());
    addWebhook(book, { url: 'https://example.com/hooks', events: ['order.approved'], secret: 's' });
    const { number } = placeSalesOrder(book, order);
    approveSalesOrder(book, number);
    const [approved] = book.exec.select<{ event: string; payload: string }>(
      'select event, payload from webhook_deliveries',
    );
    expect(approved?.event).toBe('order.approved');
    expect(JSON.parse(approved?.payload ?? '')).toMatchObject({ data: { order: number, status: expect.any(String) } });
    expect(approved?.payload).not.toMatch(/cost|margin/);
  });

  it('write nothing to the outbox for a refused order', async () => {
    const book = await smallCompany(tempDir());
    addWebhook(book, { url: 'https://example.com/hooks', events: ['order.placed'], secret: 's' });
    expect(() => placeSalesOrder(book, { ...order, customer: 'NOPE' })).toThrow(/NOPE/);
    expect(webhookDeliveries(book)).toEqual([]);
  });

  it('raise alerts once, and give up after the last retry', async () => {
    const book = await smallCompany(tempDir());
    addWebhook(book, { url: 'https://example.com/hooks', events: ['alert.raised'], secret: 's' });
    runAlerts(book, { today: '2026-09-01' });
    const raised = webhookDeliveries(book).length;
    expect(raised).toBeGreaterThan(0);
    runAlerts(book, { today: '2026-09-01' });
    expect(webhookDeliveries(book)).toHaveLength(raised);
    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    };
    let now = new Date('2026-09-01T00:00:00.000Z');
    for (let i = 0; i < 6; i++) {
      await deliverWebhooks(book, { now, fetch: down });
      now = new Date(now.getTime() + 13 * 3600 * 1000);
    }
    expect(webhookDeliveries(book)[0]).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastError: 'fetch failed: connect ECONNREFUSED',
    });
    // Retried by hand once the receiver is back: sent at the next run, then kept a month in the log.
    const [given] = webhookDeliveries(book);
    retryDelivery(book, given?.id ?? 0);
    const up: typeof fetch = async () => new Response(null, { status: 204 });
    expect(await deliverWebhooks(book, { now, fetch: up })).toMatchObject({ sent: 1, delivered: 1 });
    expect(() => retryDelivery(book, given?.id ?? 0)).toThrow(/was delivered at/);
    expect(() => retryDelivery(book, 999)).toThrow(/no delivery 999/);
    expect(webhookDeliveries(book).map((d) => d.id)).toContain(given?.id);
    await deliverWebhooks(book, { now: new Date(now.getTime() + 31 * 86_400_000), fetch: up });
    const log = webhookDeliveries(book);
    expect(log.map((d) => d.id)).not.toContain(given?.id);
    expect(log).toHaveLength(raised - 1);
  });

  it('put a payment claimed from the statement and a report pack in the outbox', async () => {
    const book = await smallCompany(tempDir());
    addWebhook(book, {
      url: 'https://example.com/hooks',
      events: ['payment.matched', 'report_pack.ready'],
      secret: 's',
    });
    importStatementLines(book, 'bank', [
      { date: '2026-03-05', amount: 50_000, payer: '华东贸易有限公司', memo: '预付款' },
    ]);
    const line = book.exec.value<number>('select max(id) from statement_lines') ?? 0;
    const { payment } = claimStatementLine(book, line, { customer: 'C001' });
    reportPackReady(book, { date: '2026-03-05', files: ['reports-2026-03-05/aging.csv'] });
    const payloads = book.exec
      .select<{ payload: string }>('select payload from webhook_deliveries order by id')
      .map((r) => JSON.parse(r.payload));
    expect(payloads).toMatchObject([
      { event: 'payment.matched', data: { payment, kind: 'customer', amount: 50_000, statementLine: line } },
      { event: 'report_pack.ready', data: { date: '2026-03-05', files: ['reports-2026-03-05/aging.csv'] } },
    ]);
  });

  it('refuse a replayed delivery and a forged signature', async () => {
    const book = await smallCompany(tempDir());
    const clock = { now: new Date('2026-03-02T08:00:00.000Z') };
    const hook = await receiver(() => 'the-secret', clock, []);
    addWebhook(book, { url: hook.url, events: ['order.placed'], secret: 'the-secret' });
    placeSalesOrder(book, order);
    await deliverWebhooks(book, { now: clock.now });
    const [sent] = hook.received;
    if (!sent) throw new Error('nothing received');
    const later = new Date(clock.now.getTime() + 6 * 60 * 1000);
    expect(verifyWebhook('the-secret', sent.headers, sent.body, later)).toMatchObject({
      ok: false,
      issues: [{ code: 'webhook.replay' }],
    });
    expect(verifyWebhook('the-secret', sent.headers, `${sent.body} `, clock.now)).toMatchObject({
      ok: false,
      issues: [{ code: 'webhook.signature' }],
    });
    expect(verifyWebhook('other', sent.headers, sent.body, clock.now).ok).toBe(false);
  });

  it('refuse a URL that is not http or https, naming it, and an unknown event', async () => {
    const book = await smallCompany(tempDir());
    expect(() => addWebhook(book, { url: 'ftp://example.com/x', events: ['order.placed'] })).toThrow(
      'webhook URL "ftp://example.com/x" must be http or https',
    );
    expect(() => addWebhook(book, { url: 'not a url', events: ['order.placed'] })).toThrow('"not a url"');
    expect(() => addWebhook(book, { url: 'https://example.com', events: ['order.deleted'] })).toThrow(/order\.deleted/);
    const { id } = addWebhook(book, { url: 'https://example.com', events: ['order.placed'] });
    removeWebhook(book, id);
    expect(listWebhooks(book)).toEqual([]);
    expect(() => removeWebhook(book, id)).toThrow(`no webhook ${id}`);
  });
});
