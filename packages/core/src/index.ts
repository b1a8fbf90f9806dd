/**
 * @tradeloop/core: the pure domain library of tradeloop. No I/O, no clock, no randomness:
 * everything it needs (today, settings, ids) is a parameter.
 *
 * @example
 * import { parseMoney, formatMoney, parseProductCells } from '@tradeloop/core';
 * const price = parseMoney('1,299.5'); // { ok: true, value: 129950 }
 * if (price.ok) console.log(formatMoney(price.value, { grouping: true })); // '1,299.50'
 */
export {
  type Account,
  DEFAULT_ACCOUNTS,
  DEFAULT_POSTING_ACCOUNTS,
  type PostingAccounts,
  type ProfitRole,
} from './accounts.js';
export {
  type AgedDocument,
  type AgingApplication,
  type AgingDocument,
  type AgingOptions,
  type AgingPayment,
  type AgingReport,
  type AgingRollup,
  ageBalances,
  agePayables,
  ageReceivables,
  agingColumns,
  type CreditCheck,
  checkCredit,
  DEFAULT_AGING_BUCKETS,
} from './aging.js';
export { allocate } from './allocate.js';
export {
  allocateReceipt,
  available,
  availableToPromise,
  type DemandLine,
  planReservations,
  projected,
  release,
  reserve,
  type StockPosition,
  shipReserved,
} from './availability.js';
export { parseBoolean } from './boolean.js';
export {
  addDays,
  daysBetween,
  type Interval,
  type IsoDate,
  inPeriod,
  isoDateSchema,
  type Period,
  type PeriodSpec,
  parseDate,
  parsePeriod,
  splitPeriod,
} from './calendar.js';
export {
  type ColumnSpec,
  type HeaderMatch,
  matchHeaders,
  matchUpdateHeaders,
  normalizeHeader,
  parseRecord,
  unmatchedHeaders,
  validateRecord,
} from './columns.js';
export {
  type BandAmount,
  baseOf,
  type CommissionBase,
  type CommissionLine,
  type CommissionPlan,
  type CommissionSalesperson,
  type CommissionScheme,
  type CommissionStatement,
  commissionOn,
  runCommission,
} from './commission.js';
export { csvSafeCell } from './csv-safe.js';
export {
  type Consumed,
  EMPTY_FIFO,
  type FifoOptions,
  type FifoState,
  fifoBalance,
  fifoIssue,
  fifoReceive,
  fifoTransfer,
  type IssueRequest,
  type Layer,
  returnCost,
} from './fifo.js';
export {
  type HistoryLineFigures,
  type HistoryLineMoney,
  historyLineAmounts,
} from './history-line.js';
export {
  type ContactRow,
  type CustomerRow,
  contactColumns,
  contactRowSchema,
  customerColumns,
  customerRowSchema,
  type ExpenseRow,
  expenseColumns,
  expenseRowSchema,
  type OpeningStockRow,
  type OrderLineRow,
  openingStockColumns,
  openingStockRowSchema,
  orderLineColumns,
  orderLineRowSchema,
  type PriceRow,
  type PromotionRow,
  priceRowColumns,
  priceRowSchema,
  promotionColumns,
  promotionFromRow,
  promotionRowSchema,
  type SalesHistoryRow,
  type SalespersonRow,
  type StatementRow,
  type StatementSource,
  type SupplierRow,
  salesHistoryColumns,
  salesHistoryRowSchema,
  salespersonColumns,
  salespersonRowSchema,
  statementColumns,
  statementRowSchema,
  supplierColumns,
  supplierRowSchema,
  type TargetRow,
  targetColumns,
  targetRowSchema,
  type WarehouseRow,
  warehouseColumns,
  warehouseRowSchema,
} from './import-specs.js';
export { fail, type Issue, ok, type Result, TradeloopError } from './issue.js';
export {
  type MatchOptions,
  type MatchProposal,
  type MatchResult,
  type MatchRule,
  matchStatement,
  normalizeName,
  type OpenInvoice,
  type StatementLine,
} from './matching.js';
export {
  DEFAULT_CURRENCY_PRECISION,
  type FormatMoneyOptions,
  formatMoney,
  isMinor,
  type Minor,
  type MoneyOptions,
  parseMoney,
} from './money.js';
export {
  type OrderInput,
  type OrderLineInput,
  type OrderLineTotals,
  type OrderTotals,
  orderTotals,
} from './order-totals.js';
export {
  assertBalanced,
  entry,
  type JournalEntry,
  type JournalLine,
  type ProfitStatement,
  postAdvanceApplied,
  postCommissionRun,
  postCustomerPayment,
  postExpense,
  postPurchaseReceipt,
  postSalesInvoice,
  postShipmentCost,
  postStockAdjustment,
  postSupplierInvoice,
  postSupplierPayment,
  profit,
  type TrialBalanceRow,
  trialBalance,
} from './posting.js';
export {
  formatPriceTrace,
  type PriceList,
  type PriceListScope,
  type PriceRequest,
  type PriceResolution,
  type PriceTraceEntry,
  type PricingCustomer,
  type PricingProduct,
  type PricingSalesperson,
  type Promotion,
  resolvePrice,
} from './pricing.js';
export {
  categoryPathSchema,
  editProductField,
  matchProductHeaders,
  PRODUCT_COLUMNS,
  type Product,
  type ProductField,
  parseProductCells,
  productColumns,
  productSchema,
  productToCells,
  SKU_PATTERN,
} from './product.js';
export {
  approvePurchaseOrder,
  cancelPurchaseOrder,
  closePurchaseOrder,
  compareQuotes,
  type MatchTolerance,
  type PurchaseOrderState,
  type PurchaseOrderStatus,
  receivePurchaseOrder,
  type SupplierGrade,
  type SupplierQuote,
  submitPurchaseOrder,
  threeWayMatch,
} from './purchase.js';
export { formatQuantity, type Milli, parseQuantity, QUANTITY_SCALE } from './quantity.js';
export { type BasisPoints, formatPercent, parsePercent } from './rate.js';
export {
  demandStats,
  groupRequisitions,
  type ReorderInput,
  reorderPoint,
  type SafetyStock,
  safetyStock,
  suggestReorder,
} from './reorder.js';
export { type MoveColumns, type RepostResult, repostColumns, repostMoves, type StockMove } from './repost.js';
export { DEFAULT_ROUNDING, divideRounded, mulDiv, type RoundingMode, roundScaled, unscale } from './rounding.js';
export {
  type ApprovalNeed,
  type ApprovalPolicy,
  approvalsNeeded,
  approveOrder,
  cancelOrder,
  completeOrder,
  type PaymentTerms,
  recordOrderPayment,
  type SalesOrderLineState,
  type SalesOrderState,
  type SalesOrderStatus,
  shipOrder,
} from './sales-order.js';
export {
  type AgeBucket,
  type CountKey,
  type CountLine,
  countDifferences,
  fromBaseQty,
  nearExpiry,
  type Pick,
  pickList,
  type StockLot,
  slowMovers,
  stockAge,
  toBaseQty,
  type UomConversion,
} from './stock.js';
export {
  checkInvoiceBuyer,
  type InvoiceBuyer,
  type InvoiceKind,
  inputVatDeductible,
  isValidTaxId,
  lineAmount,
  resolveTaxRate,
  type Taxed,
  type TaxMode,
  taxOf,
} from './tax.js';
