import { join } from 'node:path';
import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { printResult } from '../result.js';

export const JOBS = ['reorder', 'alerts', 'commission', 'repost', 'match', 'backup', 'lapse', 'report-pack'] as const;

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

/** Today's date for a job: --today, else today in the book's time zone. */
function todayOf(o: { today?: string }, book: import('@tradeloop/store').Book): string {
  return o.today ? dateArg('--today', o.today) : book.today();
}

/**
 * `tradeloop run <job>`: batch work for cron. Plain log lines on stderr, a summary on stdout
 * (`--format json` for scripts), stable exit codes.
 */
export async function runJob(
  job: string,
  o: { today?: string; format?: string; period?: string; to?: string },
  cmd: Command,
) {
  await withBook(cmd, async (book) => {
    const today = todayOf(o, book);
    const store = await import('@tradeloop/store');
    const core = await import('@tradeloop/core');
    log(`job ${job} started on ${book.path} for ${today}`);
    let summary: Record<string, unknown>;
    switch (job) {
      case 'reorder': {
        const rows = store.runReorder(book, { today });
        summary = {
          job,
          today,
          requisitions: rows
            .filter((r) => r.requisition)
            .map((r) => ({ sku: r.sku, warehouse: r.warehouse, qty: r.qty / 1000, requisition: r.requisition })),
        };
        break;
      }
      case 'alerts': {
        const alerts = store.runAlerts(book, { today });
        summary = { job, today, alerts };
        break;
      }
      case 'commission': {
        // Default: last calendar month before today.
        const text = o.period ?? today.slice(0, 7);
        const p = core.parsePeriod(o.period ?? text);
        if (!p.ok) throw new core.TradeloopError('usage.period', `--period ${text}: ${p.issues[0]?.message}`);
        const period = o.period
          ? p.value
          : (() => {
              const start = core.addDays(p.value.start, -1).slice(0, 7);
              const q = core.parsePeriod(start);
              return q.ok ? q.value : p.value;
            })();
        const r = store.postCommission(book, { start: period.start, end: period.end });
        if (r.run === null) log(`nothing posted: ${r.skipped.message} [${r.skipped.code}]`);
        summary = {
          job,
          period: `${period.start}..${period.end}`,
          run: r.run,
          total: r.total,
          ...(r.skipped ? { skipped: r.skipped.code } : {}),
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
        summary = { job, reposted: pairs.length, problems: store.check(book).length };
        break;
      }
      case 'match': {
        const r = store.autoMatchStatement(book);
        summary = { job, matched: r.matched.length, unmatched: r.unmatched.length };
        break;
      }
      case 'lapse': {
        summary = { job, today, ...store.lapseCustomers(book, today) };
        break;
      }
      case 'backup': {
        const folder = o.to ?? '.';
        const base = book.path.replace(/^.*[\\/]/, '').replace(/\.db$/, '');
        const r = await store.backupBook(book, join(folder, `${base}-${today}.db`));
        summary = { job, backup: r.path, pages: r.pages };
        break;
      }
      case 'report-pack': {
        summary = { job, today, files: await reportPack(book, today, o.to ?? '.', o.period) };
        break;
      }
      default:
        throw new core.TradeloopError('usage.job', `unknown job ${job}`, { hint: `jobs: ${JOBS.join(', ')}` });
    }
    log(`job ${job} done`);
    printResult(o.format, summary, () =>
      Object.entries(summary)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join('\n'),
    );
  });
}

/**
 * The report pack: the reports a manager reads each morning, as CSV and JSON data and PNG charts
 * in a dated folder: aging, profit (this year by month), sales (last twelve months), top customers
 * and products, stock by warehouse and category, stock age, open alerts.
 */
async function reportPack(
  book: import('@tradeloop/store').Book,
  today: string,
  to: string,
  period?: string,
): Promise<string[]> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { stringify } = await import('csv-stringify/sync');
  const a = await import('@tradeloop/analytics');
  const core = await import('@tradeloop/core');
  const store = await import('@tradeloop/store');
  const dir = join(to, `reports-${today}`);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const { precision } = book.settings();
  const money = (n: number) => core.formatMoney(n, { precision });
  const csv = (name: string, rows: Record<string, unknown>[]) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      stringify(
        rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, core.csvSafeCell(String(v ?? ''))]))),
        { header: true, bom: true },
      ),
    );
    files.push(file);
  };
  const chart = async (name: string, spec: Record<string, unknown>) => {
    const file = join(dir, name);
    await a.renderChart(spec, file);
    files.push(file);
  };
  const aging = await a.arAging(book, { asOf: today });
  csv(
    'aging.csv',
    aging.rows.map((r) => ({
      customer: r.key,
      ...Object.fromEntries(aging.columns.map((c, i) => [c, money(r.buckets[i] ?? 0)])),
      outstanding: money(r.outstanding),
      advances: money(r.advances),
    })),
  );
  await chart('aging.png', a.agingChartSpec(aging, precision));
  const year = core.parsePeriod(period ?? `monthly from ${today.slice(0, 4)}-01`, { today });
  if (!year.ok) throw new core.TradeloopError('usage.period', `--period ${period}: ${year.issues[0]?.message}`);
  const profit = await a.profitByPeriod(book, year.value);
  csv(
    'profit.csv',
    profit.map((r) => ({
      period: r.period,
      revenue: money(r.revenue),
      cogs: money(r.cogs),
      gross: money(r.gross),
      expenses: money(r.expenses),
      commission: money(r.commission),
      net: money(r.net),
    })),
  );
  await chart('profit.png', a.profitChartSpec(profit, precision));
  const last12 = core.parsePeriod(`monthly from ${core.addDays(today, -365).slice(0, 7)}`, { today });
  if (last12.ok) {
    const trend = await a.salesTrend(book, last12.value, 'monthly');
    csv(
      'sales-trend.csv',
      trend.map((r) => ({ period: r.period, invoices: r.invoices, net: money(r.net), gross: money(r.gross) })),
    );
    await chart('sales-trend.png', a.salesTrendChartSpec(trend, precision));
    for (const by of ['customer', 'sku'] as const) {
      const top = await a.topN(book, last12.value, by, 10);
      csv(
        `top-${by}.csv`,
        top.map((r) => ({ [by]: r.key, net: money(r.net), share: core.formatPercent(r.share) })),
      );
      await chart(
        `top-${by}.png`,
        a.topChartSpec(`Top 10 ${by === 'sku' ? 'products' : 'customers'}, last 12 months`, top, precision),
      );
    }
  }
  for (const by of ['warehouse', 'category'] as const) {
    const stock = await a.stockValue(book, by);
    csv(
      `stock-by-${by}.csv`,
      stock.map((r) => ({
        [by]: r.key,
        on_hand: core.formatQuantity(r.onHand),
        reserved: core.formatQuantity(r.reserved),
        value: money(r.value),
      })),
    );
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
  csv(
    'stock-age.csv',
    age.flatMap((w) =>
      w.buckets.map((b) => ({
        warehouse: w.warehouse,
        days: b.label,
        qty: core.formatQuantity(b.qty),
        value: money(b.value),
      })),
    ),
  );
  await chart('stock-age.png', a.stockAgeChartSpec(age, today, precision));
  const alerts = store.listRows(book, 'alerts').filter((r) => r.resolved === null);
  const alertsFile = join(dir, 'alerts.json');
  writeFileSync(alertsFile, `${JSON.stringify(alerts, null, 2)}\n`);
  files.push(alertsFile);
  return files;
}
