import type { Command } from 'commander';
import { z } from 'zod';
import { opt, withOptions } from '../options.js';
import type { Report } from '../report-table.js';
import { printResult } from '../result.js';

/** `tradeloop webhook add URL --event E …`: the secret is printed this once. */
export async function webhookAdd(url: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () =>
      z.object({
        event: z.array(opt.text()),
        secret: opt.text().optional(),
        target: opt.text().optional(),
        locale: opt.text().optional(),
        format: opt.resultFormat(),
      }),
    raw,
    async (o, book) => {
      const { addWebhook } = await import('@tradeloop/store');
      const r = addWebhook(book, {
        url,
        events: o.event,
        ...(o.secret ? { secret: o.secret } : {}),
        ...(o.target ? { target: o.target } : {}),
        ...(o.locale ? { locale: o.locale } : {}),
      });
      printResult(o.format, { id: r.id, url, target: r.target, events: o.event, secret: r.secret }, () =>
        [
          `${r.target} ${r.id}: ${url} gets ${o.event.join(', ')}`,
          ...(r.target === 'webhook'
            ? [`secret (shown once; the receiver checks X-Tradeloop-Signature with it): ${r.secret}`]
            : r.target === 'email'
              ? ['sent through TRADELOOP_SMTP_URL as TRADELOOP_MAIL_FROM by `tradeloop run deliveries`']
              : [
                  r.secret
                    ? 'signed with the robot’s secret'
                    : 'not signed: give --secret when the robot has 加签 / 签名校验 on',
                ]),
        ].join('\n'),
      );
    },
  );
}

/** `tradeloop webhook list`. */
export async function webhookList(raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.reportFormat(), output: opt.text().optional() }),
    raw,
    async (o, book) => {
      const [{ listWebhooks }, { writeReport }] = await Promise.all([
        import('@tradeloop/store'),
        import('../report-table.js'),
      ]);
      const report: Report = {
        columns: [
          { key: 'id', title: 'ID', kind: 'text' },
          { key: 'target', title: 'Target 类型', kind: 'text' },
          { key: 'url', title: 'URL 地址', kind: 'text' },
          { key: 'events', title: 'Events 事件', kind: 'text' },
          { key: 'created', title: 'Created 创建', kind: 'text' },
        ],
        rows: listWebhooks(book).map((w) => ({
          id: String(w.id),
          target: w.target,
          url: w.url,
          events: w.events.join(','),
          created: w.created,
        })),
      };
      await writeReport(report, o, book.settings().precision, 'webhooks');
    },
  );
}

/** `tradeloop webhook remove ID`. */
export async function webhookRemove(id: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.resultFormat() }),
    raw,
    async (o, book) => {
      const [{ removeWebhook }, { TradeloopError }] = await Promise.all([
        import('@tradeloop/store'),
        import('@tradeloop/core'),
      ]);
      if (!/^\d+$/.test(id))
        throw new TradeloopError('input.invalid', `webhook id "${id}" is not a number`, {
          path: ['id'],
          hint: 'see `tradeloop webhook list`',
        });
      removeWebhook(book, Number(id));
      printResult(o.format, { id: Number(id), removed: true }, () => `webhook ${id} removed`);
    },
  );
}

/** `tradeloop webhook retry ID`: the delivery goes out at the next `run deliveries`. */
export async function webhookRetry(id: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.resultFormat() }),
    raw,
    async (o, book) => {
      const [{ retryDelivery }, { TradeloopError }] = await Promise.all([
        import('@tradeloop/store'),
        import('@tradeloop/core'),
      ]);
      if (!/^\d+$/.test(id))
        throw new TradeloopError('input.invalid', `delivery id "${id}" is not a number`, {
          path: ['id'],
          hint: 'see `tradeloop deliveries`',
        });
      retryDelivery(book, Number(id));
      printResult(
        o.format,
        { delivery: Number(id), retry: true },
        () => `delivery ${id} goes out at the next run deliveries`,
      );
    },
  );
}

/** `tradeloop deliveries`: the delivery log. */
export async function deliveryLog(raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.reportFormat(), output: opt.text().optional(), limit: opt.count().optional() }),
    raw,
    async (o, book) => {
      const [{ webhookDeliveries }, { writeReport }] = await Promise.all([
        import('@tradeloop/store'),
        import('../report-table.js'),
      ]);
      const report: Report = {
        columns: [
          { key: 'id', title: 'Delivery 投递', kind: 'text' },
          { key: 'webhook', title: 'Webhook', kind: 'text' },
          { key: 'event', title: 'Event 事件', kind: 'text' },
          { key: 'status', title: 'Status 状态', kind: 'text' },
          { key: 'attempts', title: 'Attempts 次数', kind: 'count' },
          { key: 'last', title: 'Last 最近', kind: 'text', blank: '—' },
          { key: 'next', title: 'Next attempt 下次', kind: 'text', blank: '—' },
          { key: 'created', title: 'Created 创建', kind: 'text' },
        ],
        rows: webhookDeliveries(book, o.limit === undefined ? {} : { limit: o.limit }).map((d) => ({
          id: String(d.id),
          webhook: `${d.webhook} ${d.url}`,
          event: d.event,
          status: d.status,
          attempts: d.attempts,
          last: d.lastError ?? (d.lastStatus === null ? null : `HTTP ${d.lastStatus}`),
          next: d.nextAttemptAt,
          created: d.created,
        })),
      };
      await writeReport(report, o, book.settings().precision, 'deliveries');
    },
  );
}
