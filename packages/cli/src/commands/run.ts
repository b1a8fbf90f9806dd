import { join } from 'node:path';
import type { PeriodSpec } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, resolvePeriod, withOptions } from '../options.js';

export const JOBS = [
  'reorder',
  'alerts',
  'commission',
  'repost',
  'match',
  'backup',
  'lapse',
  'report-pack',
  'deliveries',
] as const;

/**
 * The SMTP server e-mail targets are sent through, from the environment (a cron job's):
 * `TRADELOOP_SMTP_URL` (`smtps://user:password@smtp.example.com:465`) and `TRADELOOP_MAIL_FROM`.
 */
export function mailFromEnv(env: NodeJS.ProcessEnv = process.env): { smtp: string; from: string } | undefined {
  const smtp = env.TRADELOOP_SMTP_URL?.trim();
  if (!smtp) return undefined;
  return { smtp, from: env.TRADELOOP_MAIL_FROM?.trim() || 'tradeloop@localhost' };
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

/** `--today` (else the book's), and `--period` read against it. */
const runOptions = (c: OptionContext) =>
  z
    .object({
      today: opt.date().default(() => c.today),
      period: opt.text().optional(),
      to: opt.text(),
      send: z.boolean().default(false),
      format: opt.resultFormat(),
    })
    .transform((o) => ({ ...o, asOf: o.today }))
    .transform(resolvePeriod(c, undefined));

/** What a job did: the same facts for a person (`text`) and for a script (`json`). */
interface Outcome {
  summary: Record<string, unknown>;
  text: string;
}

/**
 * `tradeloop run <job>`: batch work for cron. Plain log lines on stderr, a summary on stdout:
 * a few lines for a person, or with `--format json` one JSON line (snake_case keys, amounts as
 * plain decimal strings) that a log of JSON Lines can append, and stable exit codes.
 */
export async function runJob(job: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, runOptions, raw, async (o, book) => {
    const today = o.today;
    const store = await import('@tradeloop/store');
    const core = await import('@tradeloop/core');
    const { precision } = book.settings();
    const money = (n: number) => core.formatMoney(n, { precision });
    log(`job ${job} started on ${book.path} for ${today}`);
    let outcome: Outcome;
    switch (job) {
      case 'reorder': {
        const made = store.runReorder(book, { today }).filter((r) => r.requisition);
        outcome = {
          summary: {
            job,
            today,
            requisitions: made.map((r) => ({
              sku: r.sku,
              warehouse: r.warehouse,
              qty: core.formatQuantity(r.qty),
              requisition: r.requisition,
            })),
          },
          text: [
            `reorder for ${today}: ${made.length === 0 ? 'nothing to requisition' : plural(made.length, 'requisition')}`,
            ...made.map((r) => `  ${r.requisition}  ${r.sku} in ${r.warehouse}: ${core.formatQuantity(r.qty)}`),
          ].join('\n'),
        };
        break;
      }
      case 'alerts': {
        const alerts = store.runAlerts(book, { today });
        outcome = { summary: { job, today, alerts }, text: alertsText(today, alerts) };
        break;
      }
      case 'commission': {
        // Default: the calendar month before today's.
        const period = o.period ?? lastMonth(core, today);
        const r = store.postCommission(book, { start: period.start, end: period.end });
        if (r.run === null) log(`nothing posted: ${r.skipped.message} [${r.skipped.code}]`);
        const span = `${period.start}..${period.end}`;
        outcome = {
          summary: {
            job,
            period: span,
            run: r.run,
            total: money(r.total),
            ...(r.skipped ? { skipped: r.skipped.code } : {}),
          },
          text:
            r.run === null
              ? `commission for ${span}: nothing posted (${r.skipped.message})`
              : `commission for ${span}: ${r.run} posted, ${core.formatMoney(r.total, { precision, grouping: true })} in all`,
        };
        break;
      }
      case 'repost': {
        const pairs = book.exec.select<{ product_id: number; warehouse_id: number }>(
          'select product_id, warehouse_id from stock_balances',
        );
        for (const pw of pairs) {
          book.command('repost', () => ({
            value: store.repostProductWarehouse(book, pw.product_id, pw.warehouse_id, '0000-01-01'),
          }));
        }
        const problems = store.check(book).length;
        outcome = {
          summary: { job, reposted: pairs.length, problems },
          text: `repost: ${plural(pairs.length, 'product and warehouse', 'products and warehouses')} reposted at FIFO; check finds ${plural(problems, 'problem')}`,
        };
        break;
      }
      case 'match': {
        const r = store.autoMatchStatement(book);
        outcome = {
          summary: { job, matched: r.matched.length, unmatched: r.unmatched.length },
          text: `match: ${plural(r.matched.length, 'statement line')} matched, ${r.unmatched.length} left to claim`,
        };
        break;
      }
      case 'lapse': {
        const r = store.lapseCustomers(book, today);
        outcome = {
          summary: { job, today, ...r },
          text: `lapse for ${today}: ${r.lapsed.length === 0 ? 'no customer' : `${plural(r.lapsed.length, 'customer')} (${listed(r.lapsed)})`} back in the public pool`,
        };
        break;
      }
      case 'backup': {
        const folder = o.to;
        const base = book.path.replace(/^.*[\\/]/, '').replace(/\.db$/, '');
        const r = await store.backupBook(book, join(folder, `${base}-${today}.db`));
        outcome = {
          summary: { job, backup: r.path, pages: r.pages },
          text: `backup: ${r.path} written and verified (${plural(r.pages, 'page')})`,
        };
        break;
      }
      case 'report-pack': {
        const files = await reportPack(book, today, o.to, o.period);
        store.reportPackReady(book, { date: today, files });
        const text = [`report pack for ${today}: ${plural(files.length, 'file')}`, ...files.map((f) => `  ${f}`)];
        let sent: Awaited<ReturnType<typeof store.deliverWebhooks>> | undefined;
        if (o.send) {
          sent = await store.deliverWebhooks(book, { mail: mailFromEnv(), event: 'report_pack.ready' });
          text.push(
            sent.sent === 0
              ? 'sent to no one: no target gets report_pack.ready (tradeloop webhook add mailto:… --event report_pack.ready)'
              : `sent: ${sent.delivered} of ${sent.sent} delivered${sent.retrying > 0 ? `, ${sent.retrying} to retry with run deliveries (see tradeloop deliveries)` : ''}`,
          );
          if (sent.sent === 0) log('report pack: no target gets report_pack.ready; nothing was sent');
        }
        outcome = { summary: { job, today, files, ...(sent ? { sent } : {}) }, text: text.join('\n') };
        break;
      }
      case 'deliveries': {
        const r = await store.deliverWebhooks(book, { mail: mailFromEnv() });
        outcome = {
          summary: { job, ...r },
          text:
            r.sent === 0
              ? 'deliveries: nothing due'
              : `deliveries: ${plural(r.sent, 'delivery', 'deliveries')} sent, ${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} given up`,
        };
        break;
      }
      default:
        throw new core.TradeloopError('usage.job', `unknown job ${job}`, { hint: `jobs: ${JOBS.join(', ')}` });
    }
    log(`job ${job} done`);
    process.stdout.write(o.format === 'json' ? `${JSON.stringify(outcome.summary)}\n` : `${outcome.text}\n`);
  });
}

/** A period core reads for certain (one the job makes up itself). */
function periodOf(core: typeof import('@tradeloop/core'), text: string, today: string): PeriodSpec {
  const p = core.parsePeriod(text, { today });
  if (!p.ok) throw new Error(`period ${text}: ${p.issues[0]?.message}`);
  return p.value;
}

/** The calendar month before today's. */
const lastMonth = (core: typeof import('@tradeloop/core'), today: string) =>
  periodOf(core, core.addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7), today);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Some names, the first ten. */
const listed = (names: readonly string[]) =>
  names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;

/** The alerts for a person: how many of each kind, with one of each as an example. */
function alertsText(today: string, alerts: readonly { kind: string; message: string }[]): string {
  if (alerts.length === 0) return `alerts for ${today}: none open`;
  const kinds = new Map<string, { count: number; example: string }>();
  for (const a of alerts) {
    const k = kinds.get(a.kind);
    if (k) k.count++;
    else kinds.set(a.kind, { count: 1, example: a.message });
  }
  const width = Math.max(...[...kinds.keys()].map((k) => k.length));
  const count = Math.max(...[...kinds.values()].map((k) => String(k.count).length));
  return [
    `alerts for ${today}: ${alerts.length} open`,
    ...[...kinds].map(([kind, k]) => `  ${kind.padEnd(width)}  ${String(k.count).padStart(count)}  e.g. ${k.example}`),
    'all of them: tradeloop export list alerts --format table (or run alerts --format json)',
  ].join('\n');
}

/**
 * The report pack: the reports a manager reads each morning, as CSV data and PNG charts in a
 * dated folder: aging, profit (this year by month), sales (last twelve months), top customers
 * and products, stock by warehouse and category, stock age, open alerts (JSON). The CSV files
 * are the reports' own CSV, with a byte-order mark so that Excel reads them as UTF-8.
 */
async function reportPack(
  book: import('@tradeloop/store').Book,
  today: string,
  to: string,
  period: PeriodSpec | undefined,
): Promise<string[]> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const a = await import('@tradeloop/analytics');
  const core = await import('@tradeloop/core');
  const store = await import('@tradeloop/store');
  const { renderReport } = await import('../report-table.js');
  const { agingTable, profitTable } = await import('./report-finance.js');
  const { salesTable, stockTable, topTable } = await import('./report-more.js');
  const { listTable } = await import('./export-list.js');
  const dir = join(to, `reports-${today}`);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const { precision } = book.settings();
  const csv = (name: string, report: import('../report-table.js').Report) => {
    const file = join(dir, name);
    writeFileSync(file, `\ufeff${renderReport(report, 'csv', precision)}`);
    files.push(file);
  };
  const chart = async (name: string, spec: Record<string, unknown>) => {
    const file = join(dir, name);
    await a.renderChart(spec, file);
    files.push(file);
  };
  const aging = await a.arAging(book, { asOf: today });
  csv('aging.csv', agingTable(aging, { by: 'customer', payables: false }));
  await chart('aging.png', a.agingChartSpec(aging, precision));
  // This year by month so far, unless --period says otherwise.
  const year = period ?? periodOf(core, `monthly from ${today.slice(0, 4)}-01`, today);
  const profit = await a.profitByPeriod(book, year);
  csv('profit.csv', profitTable(profit));
  await chart('profit.png', a.profitChartSpec(profit, precision));
  const last12 = core.parsePeriod(`monthly from ${core.addDays(today, -365).slice(0, 7)}`, { today });
  if (last12.ok) {
    const trend = await a.salesTrend(book, last12.value, 'monthly');
    csv('sales-trend.csv', salesTable(trend));
    await chart('sales-trend.png', a.salesTrendChartSpec(trend, precision));
    for (const by of ['customer', 'sku'] as const) {
      const top = await a.topN(book, last12.value, by, 10);
      csv(`top-${by}.csv`, topTable(top, by));
      await chart(
        `top-${by}.png`,
        a.topChartSpec(`Top 10 ${by === 'sku' ? 'products' : 'customers'}, last 12 months`, top, precision),
      );
    }
  }
  for (const by of ['warehouse', 'category'] as const) {
    const stock = await a.stockValue(book, by);
    csv(`stock-by-${by}.csv`, stockTable(stock, by));
    await chart(
      `stock-by-${by}.png`,
      a.topChartSpec(
        `Stock value by ${by}`,
        stock.map((r) => ({ key: r.key, net: r.value })),
        precision,
        'Value 金额',
      ),
    );
  }
  const age = await a.stockAgeReport(book, today);
  // A row per warehouse and age, so that the quantities are there beside the value.
  csv('stock-age.csv', {
    columns: [
      { key: 'warehouse', title: 'Warehouse 仓库', kind: 'text' },
      { key: 'days', title: 'Days 库龄', kind: 'text' },
      { key: 'qty', title: 'Qty 数量', kind: 'qty' },
      { key: 'value', title: 'Value 金额', kind: 'money' },
    ],
    rows: age.flatMap((w) =>
      w.buckets.map((b) => ({ warehouse: w.warehouse, days: b.label, qty: b.qty, value: b.value })),
    ),
  });
  await chart('stock-age.png', a.stockAgeChartSpec(age, today, precision));
  const alerts = store.listRows(book, 'alerts').filter((r) => r.resolved === null);
  const alertsFile = join(dir, 'alerts.json');
  writeFileSync(alertsFile, renderReport(listTable(alerts), 'json', precision));
  files.push(alertsFile);
  return files;
}
