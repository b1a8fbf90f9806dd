import { addDays, type IsoDate, type Minor } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { withAnalytics } from './analytics.js';
import { agingChartSpec, profitChartSpec, salesTrendChartSpec, topChartSpec } from './charts.js';
import { queryProfit } from './profit.js';
import { queryArAging } from './receivables.js';
import { querySalesTrend, queryTopN } from './sales.js';

export interface Dashboard {
  asOf: IsoDate;
  figures: {
    /** Receivables outstanding as of the date, and the part past due. */
    receivables: Minor;
    overdue: Minor;
    /** This year to the date, from the journal: revenue, gross profit (revenue less COGS). */
    revenue: Minor;
    grossProfit: Minor;
  };
  charts: {
    aging: Record<string, unknown>;
    profit: Record<string, unknown>;
    trend: Record<string, unknown>;
    topCustomers: Record<string, unknown>;
  };
}

/**
 * The manager's dashboard as data: key figures and the same chart specs the CLI renders to
 * SVG/PNG, from one sync of the analytics store.
 *
 * @example
 * const d = await dashboard(book, { asOf: '2026-11-20' }); d.figures.receivables // 19586207
 */
export async function dashboard(book: Book, options: { asOf: IsoDate; precision?: number }): Promise<Dashboard> {
  const precision = options.precision ?? 2;
  const { asOf } = options;
  const end = addDays(asOf, 1);
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const twelveMonths = `${addDays(`${asOf.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
  return withAnalytics(book, async (a) => {
    const aging = await queryArAging(a, { asOf });
    const profit = await queryProfit(a, { start: yearStart, end, label: asOf.slice(0, 4), interval: 'monthly' });
    const trend = await querySalesTrend(a, { start: twelveMonths, end, label: '' }, 'monthly');
    const top = await queryTopN(a, { start: yearStart, end }, 'customer', 10);
    return {
      asOf,
      figures: {
        receivables: aging.total.outstanding,
        overdue: aging.total.outstanding - (aging.total.buckets[0] ?? 0),
        revenue: profit.reduce((s, p) => s + p.revenue, 0),
        grossProfit: profit.reduce((s, p) => s + p.gross, 0),
      },
      charts: {
        aging: agingChartSpec(aging, precision),
        profit: profitChartSpec(profit, precision),
        trend: salesTrendChartSpec(trend, precision),
        topCustomers: topChartSpec('Top customers 客户排行', top, precision),
      },
    };
  });
}
