import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyWebhook } from '@tradeloop/store';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { bookAt, smallDemoBook, tradeloop, tradeloopAsync, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('tradeloop webhook', () => {
  it('adds, lists and sends signed orders to a local receiver; a bad URL is refused by name', async () => {
    const db = bookAt(tempDir(), 'co.db');
    smallDemoBook(db);
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);
    const received: { event: string; verified: boolean }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const verified = verifyWebhook('s3cret', req.headers, body, new Date()).ok;
        received.push({ event: String(req.headers['x-tradeloop-event']), verified });
        res.statusCode = verified ? 204 : 401;
        res.end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
      const bad = t('webhook', 'add', 'file:///etc/passwd', '--event', 'alert.raised');
      expect(bad.code).toBe(3);
      expect(bad.stderr).toContain('webhook URL "file:///etc/passwd" must be http or https');
      expect(t('webhook', 'add', url, '--event', 'alert.nope').code).toBe(3);

      const added = t('webhook', 'add', url, '--event', 'order.placed', '--secret', 's3cret', '-f', 'json');
      expect(added.code, added.stderr).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({ id: 1, url, events: ['order.placed'] });
      const listed = JSON.parse(t('webhook', 'list', '-f', 'json').stdout) as { rows: { url: string }[] };
      expect(listed.rows).toMatchObject([{ url, events: 'order.placed' }]);
      expect(t('webhook', 'list', '-f', 'csv').stdout).not.toContain('s3cret');

      for (const qty of ['1', '2']) {
        const placed = t('place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--line', `TEA-001:${qty}`);
        expect(placed.code, placed.stderr).toBe(0);
      }
      const run = await tradeloopAsync(['run', 'deliveries', '--db', db, '-f', 'json']);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ job: 'deliveries', sent: 2, delivered: 2, retrying: 0 });
      expect(received).toEqual([
        { event: 'order.placed', verified: true },
        { event: 'order.placed', verified: true },
      ]);

      expect(t('run', 'deliveries')).toMatchObject({ code: 0, stdout: 'deliveries: nothing due\n' });
      const again = t('webhook', 'retry', '1');
      expect(again.code).toBe(3);
      expect(again.stderr).toContain('delivery 1 was delivered at');
      const log = JSON.parse(t('deliveries', '-f', 'json').stdout) as { rows: { status: string }[] };
      expect(log.rows.every((r) => r.status === 'delivered')).toBe(true);
      expect(t('webhook', 'remove', '1').code).toBe(0);
      expect(t('webhook', 'remove', '1').code).toBe(3);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('sends the report pack by e-mail with its files when run with --send, as cron would', async () => {
    const dir = tempDir();
    const db = bookAt(dir, 'co.db');
    smallDemoBook(db);
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);
    const mails: { to: string[]; raw: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => {
          raw += c.toString('utf8');
        });
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    try {
      const port = (server.server.address() as AddressInfo).port;
      const added = t('webhook', 'add', 'mailto:boss@example.com', '--event', 'report_pack.ready', '--locale', 'en');
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toContain('email 1: mailto:boss@example.com gets report_pack.ready');
      const run = await tradeloopAsync(
        ['run', 'report-pack', '--today', '2026-03-31', '--to', join(dir, 'packs'), '--send', '--db', db],
        { env: { TRADELOOP_SMTP_URL: `smtp://127.0.0.1:${port}`, TRADELOOP_MAIL_FROM: 'erp@example.com' } },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('sent: 1 of 1 delivered');
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual(['boss@example.com']);
      expect(mails[0]?.raw).toContain('Subject: Report pack 2026-03-31');
      expect(mails[0]?.raw).toMatch(/filename="?aging/);
      // Sent once: the cron run of deliveries finds nothing more.
      expect(t('run', 'deliveries').stdout).toBe('deliveries: nothing due\n');
    } finally {
      await new Promise((done) => server.close(() => done(undefined)));
    }
  });
});
