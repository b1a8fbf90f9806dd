import { addDays, type IsoDate, type PeriodSpec } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { withAnalytics } from './analytics.js';
import { queryCashFlow, queryJournal, queryReceiptsVsInvoices } from './finance-reports.js';
import { queryProductsByCategory } from './products-by-category.js';
import { queryProfit } from './profit.js';
import { queryArAging } from './receivables.js';
import { queryMargin, querySalesTrend, queryTopN } from './sales.js';
import { queryRfm, querySalespeople, queryTargets } from './sales-reports.js';
import { queryStockAge, queryStockValue } from './stock.js';
import { querySupplierRanking, queryTurnover } from './supply-reports.js';
import { queryTrialBalance } from './trial-balance.js';

/**
 * Every report of the book as of a day, by name, over the year before it (month by month where a
 * report runs by period): what two copies of one book must agree on, figure for figure, whatever
 * engine each is on (`tradeloop move` proves a moved book with it).
 *
 * @example
 * const [a, b] = [await reportFigures(sqliteBook, today), await reportFigures(pgBook, today)]
 * // JSON.stringify(a) === JSON.stringify(b)
 */
export async function reportFigures(book: Book, asOf: IsoDate): Promise<Record<string, unknown>> {
  const end = addDays(asOf, 1);
  const year: PeriodSpec = { start: addDays(asOf, -365), end, label: 'year', interval: 'monthly' };
  return withAnalytics(book, async (a) => ({
    aging: await queryArAging(a, { asOf }),
    agingByInvoiceDate: await queryArAging(a, { asOf, basis: 'invoice' }),
    profit: await queryProfit(a, year),
    salesTrend: await querySalesTrend(a, year, 'monthly'),
    topCustomers: await queryTopN(a, year, 'customer', 50),
    topProducts: await queryTopN(a, year, 'sku', 50),
    marginByCustomer: await queryMargin(a, year, 'customer'),
    marginBySalesperson: await queryMargin(a, year, 'salesperson'),
    stockByWarehouse: await queryStockValue(a, 'warehouse'),
    stockByCategory: await queryStockValue(a, 'category'),
    stockAge: await queryStockAge(a, asOf),
    productsByCategory: await queryProductsByCategory(a),
    trialBalance: await queryTrialBalance(a),
    journal: await queryJournal(a, year, { limit: 100_000 }),
    cashFlow: await queryCashFlow(a, year),
    receiptsVsInvoices: await queryReceiptsVsInvoices(a, year),
    salespeople: await querySalespeople(a, year),
    targets: await queryTargets(a, year),
    rfm: await queryRfm(a, asOf),
    turnoverByCategory: await queryTurnover(a, year, 'category'),
    turnoverBySku: await queryTurnover(a, year, 'sku'),
    supplierRanking: await querySupplierRanking(a, year),
  }));
}
