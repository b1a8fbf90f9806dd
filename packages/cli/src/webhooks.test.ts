import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyWebhook } from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import { smallDemoBook, tradeloop, tradeloopAsync, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('tradeloop webhook', () => {
  it('adds, lists and sends signed orders to a local receiver; a bad URL is refused by name', async () => {
    const db = join(tempDir(), 'co.db');
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
      const log = JSON.parse(t('deliveries', '-f', 'json').stdout) as { rows: { status: string }[] };
      expect(log.rows.every((r) => r.status === 'delivered')).toBe(true);
      expect(t('webhook', 'remove', '1').code).toBe(0);
      expect(t('webhook', 'remove', '1').code).toBe(3);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
