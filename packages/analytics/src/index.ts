/**
 * @tradeloop/analytics: reports and dashboards over the book, on a DuckDB file kept beside it.
 *
 * @example
 * import { productsByCategory } from '@tradeloop/analytics';
 * const rows = await productsByCategory(book); // syncs, queries, closes
 */
export {
  Analytics,
  analyticsLockPathFor,
  analyticsPathFor,
  CUSTOMER_SALES,
  DUCKDB_OPTIONS,
  REFRESH_WAIT_MS,
  type ReportReads,
  readOnlySql,
  requireReportReader,
  requireWholeBookReader,
  type SyncSummary,
  withAnalytics,
  withProductsOnly,
} from './analytics.js';
export {
  agingChartSpec,
  type Lang,
  productsByCategorySpec,
  profitChartSpec,
  reportChartSpec,
  salesTrendChartSpec,
  stockAgeChartSpec,
  topChartSpec,
} from './charts.js';
export { type Dashboard, dashboard } from './dashboard.js';
export { CUBES, type ExploreRequest, explore, exploreSql, queryExplore } from './explore.js';
export { queryCashFlow, queryJournal, queryReceiptsVsInvoices } from './finance-reports.js';
export {
  type CategoryRow,
  type ProductsByCategoryOptions,
  productsByCategory,
  queryProductsByCategory,
} from './products-by-category.js';
export { type ProfitRow, profitByPeriod, queryProfit } from './profit.js';
export { type AgingOptions, type AgingResult, type AgingRow, arAging, queryArAging } from './receivables.js';
export { renderChart } from './render.js';
export { reportFigures } from './report-figures.js';
export { type ReportColumn, type ReportTable, totalsRow, type ValueKind } from './report-table.js';
export {
  type MarginRow,
  marginBy,
  queryMargin,
  querySalesTrend,
  queryTopN,
  salesTrend,
  type TopDimension,
  type TopRow,
  type TrendRow,
  topN,
} from './sales.js';
export { queryRfm, querySalespeople, queryTargets, RFM_SEGMENTS } from './sales-reports.js';
export {
  queryStockAge,
  queryStockValue,
  type StockAgeRow,
  type StockValueRow,
  stockAgeReport,
  stockValue,
} from './stock.js';
export { querySupplierRanking, queryTurnover } from './supply-reports.js';
export { queryTrialBalance, type TrialBalanceLine, trialBalanceReport } from './trial-balance.js';
