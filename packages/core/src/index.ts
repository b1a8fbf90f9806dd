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
  type AccountEntry,
  type AccountStatement,
  type AccountStatementLine,
  accountStatement,
  checkAccountStatement,
} from './account-statement.js';
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
export {
  ALERT_KINDS,
  ALERT_ROLES,
  type AlertKind,
  type AlertSubject,
  alertAddressedTo,
  alertRoles,
  alertSubject,
} from './alerts.js';
export { allocate } from './allocate.js';
export { API_SCOPES, type ApiScope, apiScopeSchema, hasScope, readScopes } from './api-scopes.js';
export {
  APPROVAL_DOCUMENTS,
  APPROVAL_RULES,
  APPROVER_ROLES,
  type ApprovalDocument,
  type ApprovalRule,
  type ApprovalRuleName,
  type ApprovalRules,
  type ApprovalStep,
  amountApprovalSteps,
  approvalRules,
  approvalRulesSchema,
  DEFAULT_APPROVAL_RULES,
  isOpen,
  mayDecideOwn,
  openSteps,
  orderApprovalSteps,
  RULE_DOCUMENT,
  type StepState,
  stepsToDecide,
} from './approval-flow.js';
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
export {
  APPROVAL_SETTINGS,
  BOOK_SETTINGS,
  type ConfigContext,
  type ConfigSetting,
  configSetting,
  DEFAULT_NUMBERING,
  DOCUMENT_SERIES,
  parseNumbering,
  renderNumber,
} from './book-config.js';
export { parseBoolean } from './boolean.js';
export {
  addDays,
  DEFAULT_TIME_ZONE,
  daysBetween,
  type Interval,
  type IsoDate,
  inPeriod,
  isoDateSchema,
  isTimeZone,
  type Period,
  type PeriodSpec,
  parseDate,
  parsePeriod,
  splitPeriod,
  timeZoneSchema,
  todayIn,
} from './calendar.js';
export {
  type ColumnSpec,
  columnNames,
  type HeaderMatch,
  isBlankCell,
  matchHeaders,
  matchUpdateHeaders,
  normalizeHeader,
  parseRecord,
  unmatchedHeaders,
  validated,
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
export {
  type CommissionPlanRow,
  commissionPlanRowCheck,
  commissionPlanSchema,
  commissionPlansFromRows,
  commissionRateIssue,
  type LevelPlan,
  ladderStepIssue,
  parseCommissionPlan,
  validateCommissionPlan,
} from './commission-plan.js';
export { csvSafeCell } from './csv-safe.js';
export {
  type Consumed,
  EMPTY_FIFO,
  type FifoIssuer,
  type FifoOptions,
  type FifoState,
  fifoBalance,
  fifoIssue,
  fifoIssuer,
  fifoReceive,
  fifoTransfer,
  type IssueRequest,
  type Layer,
  returnCost,
} from './fifo.js';
export {
  type EditableGridKind,
  GRID_KINDS,
  GRID_WRITE_PERMISSION,
  type GridCellKind,
  type GridEdit,
  type GridFilter,
  type GridKind,
  type GridNewRow,
  type GridQuery,
  type GridRowRef,
  type GridSort,
  gridEditSchema,
  gridEditsSchema,
  gridFilterSchema,
  gridKindEditable,
  gridKindSchema,
  gridNewRowSchema,
  gridNewRowsSchema,
  gridQueryFromParams,
  gridQuerySchema,
  gridRowRefSchema,
  gridRowRefsSchema,
  gridWritePermission,
  READ_ONLY_GRID_KINDS,
  type ReadOnlyGridKind,
} from './grid.js';
export {
  type HistoryLineFigures,
  type HistoryLineMoney,
  historyLineAmounts,
} from './history-line.js';
export { type ColumnNames, columnKit, type Need, optional, required } from './import-specs/column-kit.js';
export { commissionPlanColumns, commissionPlanRowSchema } from './import-specs/commission-plans.js';
export { type ContactRow, contactColumns, contactRowSchema } from './import-specs/contacts.js';
export { type CustomerRow, customerColumns, customerRowSchema } from './import-specs/customers.js';
export { type ExpenseRow, expenseColumns, expenseRowSchema } from './import-specs/expenses.js';
export { type OpeningStockRow, openingStockColumns, openingStockRowSchema } from './import-specs/opening-stock.js';
export { type OrderLineRow, orderLineColumns, orderLineRowSchema } from './import-specs/order-lines.js';
export { type PriceRow, priceRowColumns, priceRowSchema } from './import-specs/price-rows.js';
export {
  type ProductRuleField,
  type ProductRuleRow,
  productRuleColumns,
  productRuleRowSchema,
} from './import-specs/product-rules.js';
export {
  type PromotionRow,
  promotionColumns,
  promotionFromRow,
  promotionRowSchema,
} from './import-specs/promotions.js';
export { type SalesHistoryRow, salesHistoryColumns, salesHistoryRowSchema } from './import-specs/sales-history.js';
export { type SalespersonRow, salespersonColumns, salespersonRowSchema } from './import-specs/salespeople.js';
export { type SupplierRow, supplierColumns, supplierRowSchema } from './import-specs/suppliers.js';
export { type TargetRow, targetColumns, targetRowSchema } from './import-specs/targets.js';
export { type WarehouseRow, warehouseColumns, warehouseRowSchema } from './import-specs/warehouses.js';
export { type AmountOptions, attempt, guardRange, INPUT_INVALID, parseInput } from './input.js';
export { fail, type Issue, ok, type Result, TradeloopError } from './issue.js';
export { type LineFigures, linePart, type PricedLine, pricedPart, type QtyRange } from './line-part.js';
export { LOCALES, type Locale, localeSchema } from './locale.js';
export {
  MATCH_DATE_WINDOW_DAYS,
  type MatchOptions,
  type MatchProposal,
  type MatchResult,
  type MatchRule,
  type MatchTargets,
  matchStatement,
  normalizeName,
  type OpenInvoice,
  type OpenOrder,
  type RecordedPayment,
  type StatementLine,
} from './matching.js';
export {
  type EventMessage,
  emailAddressSchema,
  eventMessage,
  MESSAGE_TARGETS,
  type MessageTarget,
  mailRecipients,
  messageTargetSchema,
  robotBody,
  targetOfUrl,
  truncateBytes,
} from './messages.js';
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
  type Actor,
  actorSchema,
  COLUMN_CLASSES,
  COMMAND_PERMISSIONS,
  type ColumnClass,
  can,
  commandPermission,
  customerScope,
  inScope,
  PERMISSIONS,
  type Permission,
  ROLE_COLUMNS,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  type RowScope,
  requirePermission,
  roleSchema,
  seesColumns,
  soleOwner,
} from './permissions.js';
export {
  assertBalanced,
  entry,
  type JournalEntry,
  type JournalLine,
  type ProfitStatement,
  postAdvanceApplied,
  postBankCharge,
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
  formatQtyRange,
  formatTraceEntries,
  type PriceList,
  type PriceListScope,
  type PriceRequest,
  type PriceResolution,
  type PriceTraceEntry,
  type PricingCustomer,
  type PricingOptions,
  type PricingProduct,
  type PricingRules,
  type PricingSalesperson,
  type Promotion,
  qtyRangeIssue,
  resolvePrice,
  validatePricingRules,
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
  PO_ACTIONS,
  type PoAction,
  type PurchaseOrderState,
  type PurchaseOrderStatus,
  poActions,
  QUOTE_WEIGHTS,
  receivePurchaseOrder,
  releasePurchaseOrder,
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
export {
  DEFAULT_ROUNDING,
  divideRounded,
  mulDiv,
  type RoundingMode,
  roundingSchema,
  roundScaled,
  unscale,
} from './rounding.js';
export {
  type ApprovalNeed,
  type ApprovalPolicy,
  approvalsNeeded,
  approveOrder,
  cancelOrder,
  completeOrder,
  ORDER_ACTIONS,
  type OrderAction,
  orderActions,
  type PaymentTerms,
  recordOrderPayment,
  type SalesOrderLineState,
  type SalesOrderState,
  type SalesOrderStatus,
  shipOrder,
} from './sales-order.js';
export {
  type NoMoneyReason,
  pairFullRefunds,
  readStatementRow,
  type StatementDirection,
  type StatementEntry,
  type StatementKind,
  type StatementReadOptions,
  statementCell,
  statementClass,
} from './statement.js';
export {
  detectStatementLayout,
  type LayoutMatch,
  layoutsFor,
  STATEMENT_LAYOUTS,
  type StatementColumns,
  type StatementField,
  type StatementLayout,
  type StatementSource,
} from './statement-layouts.js';
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
  priceInMode,
  resolveTaxRate,
  type Taxed,
  type TaxMode,
  taxModeOf,
  taxModeSchema,
  taxOf,
} from './tax.js';
export {
  freshTimestamp,
  nextAttemptAt,
  signedContent,
  WEBHOOK_EVENTS,
  WEBHOOK_HEADERS,
  WEBHOOK_RETRY_DELAYS_SECONDS,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookEvent,
  webhookEventSchema,
} from './webhooks.js';
