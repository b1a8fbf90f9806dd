import { join } from 'node:path';
import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { printResult } from '../result.js';

export const JOBS = ['reorder', 'alerts', 'commission', 'repost', 'match', 'backup', 'lapse'] as const;

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

/** Today's date for a job: --today, else the machine's calendar date. */
function todayOf(o: { today?: string }): string {
  return o.today ? dateArg('--today', o.today) : new Date().toISOString().slice(0, 10);
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
  const today = todayOf(o);
  await withBook(cmd, async (book) => {
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
        summary = { job, period: `${period.start}..${period.end}`, run: r.run, total: r.total };
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
