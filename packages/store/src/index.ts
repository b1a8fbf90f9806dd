/**
 * @tradeloop/store: the company book on SQLite. The only package that holds SQL for the book.
 * Every command is one transaction with its audit row: all of it lands, or none.
 *
 * @example
 * import { Book, placeSalesOrder, approveSalesOrder, check } from '@tradeloop/store';
 * const book = await Book.open('tradeloop.db');
 * const { number } = placeSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 12000 }] });
 * approveSalesOrder(book, number); // as the acting user
 * console.log(check(book)); // []
 * book.close();
 */

export { type RowAccess, readAccess } from './access.js';
export {
  type StatementEntry,
  type StatementEntryKind,
  type StatementOfAccount,
  statementOfAccount,
  statementTable,
} from './account-statement.js';
export { type AlertInbox, alertInbox, type InboxAlert } from './alert-inbox.js';
export { type AmendedOrder, amendSalesOrder, type OrderChanges } from './amend-order.js';
export {
  type ApiAnswer,
  IDEMPOTENCY_TTL_MS,
  type IdempotentRequest,
  idempotent,
} from './api-requests.js';
export {
  type ApprovalEntry,
  approvalHistory,
  listApprovals,
  loadApprovalRules,
  setApprovalRule,
  type Waiting,
} from './approvals.js';
export {
  AUDIT_GENESIS,
  type AuditBreak,
  AuditChain,
  type AuditEntry,
  type AuditFilter,
  type AuditRow,
  auditChain,
  auditHash,
  listAudit,
  logRefusal,
  type Refusal,
  verifyAuditChain,
} from './audit.js';
export { backupBook, restoreBook, verifyBackup } from './backup.js';
export {
  type BoardLine,
  type BoardView,
  boardView,
  type CommissionStatementLine,
  commissionStatements,
  coordinationBoard,
  type ExpiringLot,
  expiringStock,
  type FunnelStage,
  runningOut,
  type StockItem,
  salesFunnel,
  stockActivity,
} from './board.js';
export {
  asBookError,
  Book,
  type BookOptions,
  type BookSettings,
  type CommandOutcome,
  currencyPrecision,
  isPostgres,
  redacted,
} from './book.js';
export { type CheckOptions, type CheckProblem, check } from './check.js';
export { type ConfigEntry, listConfig, setConfig } from './config.js';
export {
  addFollowUp,
  claimCustomer,
  createCustomer,
  type DuplicateCandidate,
  findDuplicateCustomers,
  lapseCustomers,
  releaseCustomer,
  type Stage,
  saveOpportunity,
} from './crm.js';
export {
  type BadByte,
  type CsvReadOptions,
  type CsvRecord,
  detectEncoding,
  type Encoding,
  type EncodingVerdict,
  readCsv,
  sniffEncoding,
  sourceName,
  type TableSource,
} from './csv-source.js';
export { type CustomerView, customerView } from './customer-view.js';
export { refreshStatistics } from './dialect.js';
export {
  type Applied,
  type DocumentRead,
  type OpeningStockImportOptions,
  type OrderImportSummary,
  readCommissionPlanFile,
  readExpenseFile,
  readOpeningStockFile,
  readOrderFile,
  readPriceListFile,
  readPromotionFile,
  readStatementImport,
  type StatementImportOptions,
} from './document-imports.js';
export { type ExpenseInput, recordExpenses } from './expenses.js';
export {
  allocatedSince,
  auditStamp,
  changeMarker,
  documentRows,
  FEEDS,
  type FeedName,
  feedRows,
  openOrderNumbers,
  orderLineRows,
  rewriteCount,
} from './feeds.js';
export { type FileLockOptions, withFileLock } from './file-lock.js';
export {
  autoMatchStatement,
  type ClaimTarget,
  type CommissionPosting,
  claimStatementLine,
  type ImportStatementOptions,
  importStatementLines,
  openSalesInvoices,
  ordersAwaitingPayment,
  payablesForAging,
  postCommission,
  receivablesForAging,
  type StatementLineInput,
} from './finance.js';
export {
  type AppliedGridEdit,
  addGridRows,
  applyGridEdits,
  cellText,
  type DeletedGridRow,
  deleteGridRows,
  EDITABLE_GRID_KINDS,
  type GridColumn,
  type GridPage,
  type GridRow,
  gridColumnsOf,
  gridCommandOf,
  gridPage,
} from './grid.js';
export { gridTable, importColumnsOfGrid, type Table, type TableFormat, tableFile } from './grid-export.js';
export { type HistoryLine, type HistoryOptions, type HistorySummary, importSalesHistory } from './history.js';
export {
  type HistoryDiff,
  type HistoryFileOptions,
  importSalesHistoryFile,
  salesHistoryDiff,
} from './history-file.js';
export { IMPORT_COLUMNS } from './import-columns.js';
export {
  applyMapping,
  type ImportOptions,
  presentFields,
  type ReadChecks,
  type ReadResult,
  type RecordStream,
  readRecords,
  settleRejections,
  streamRecords,
  writeRejects,
} from './importer.js';
export {
  FILE_IMPORT_KINDS,
  type FileImportKind,
  type FileImportOptions,
  IMPORT_COMMANDS,
  type ImportChanges,
  type ImportDiff,
  type ImportRowStatus,
  importDiff,
  productChanges,
  type ReadImport,
  readImportFile,
  readProductFile,
  UPLOAD_COMMANDS,
  UPLOAD_KINDS,
  type UploadKind,
} from './imports.js';
export { assertNotInUse, type BookHold, type BookHolder, bookHolder, holdBook, inUsePathFor } from './in-use.js';
export { listJournal } from './journal.js';
export { LIST_ACCESS, LIST_KEYS, LISTS, type ListName, listPage, listRows, type PagedList } from './lists.js';
export {
  type ContactInput,
  type CustomerInput,
  type EntityChanges,
  knownCodes,
  knownNames,
  loadPricingRules,
  type ProductSettingsInput,
  type SalespersonInput,
  type SupplierInput,
  type TargetInput,
  upsertMasterData,
  type WarehouseInput,
} from './master-data.js';
export { LATEST_MIGRATION, MIGRATIONS } from './migrations/index.js';
export { bookFingerprint, type MoveSummary, moveBook, type TableFingerprint } from './move.js';
export { enterStockCount, postStockCount, returnSalesOrder, startStockCount, transferStock } from './operations.js';
export { findProducts, type OrderQuote, type ProductChoice, quoteSalesOrder } from './order-entry.js';
export { type OrderView, orderView } from './order-view.js';
export {
  bookPaymentVoucher,
  checkVoucherPhoto,
  listPaymentVouchers,
  MAX_VOUCHER_BYTES,
  PAYMENT_METHODS,
  type PaymentMethod,
  type PaymentVoucher,
  rejectPaymentVoucher,
  submitPaymentVoucher,
  type VoucherInput,
  type VoucherPhoto,
  voucherPhoto,
} from './payment-vouchers.js';
export { PgDriver } from './pg-driver.js';
export { type PickLine, type PickListView, pickListFor } from './pick-list.js';
export {
  type Alert,
  awardRfq,
  createRfq,
  type ReorderSuggestion,
  recordQuote,
  runAlerts,
  runReorder,
} from './planning.js';
export { type CatalogItem, type PortalOrder, placePortalOrder, portalCatalog, portalOrders } from './portal.js';
export {
  editProduct,
  type FieldChange,
  getProduct,
  listProducts,
  skusByCase,
  type UpsertSummary,
  upsertProducts,
} from './products.js';
export { type PurchaseOrderView, purchaseOrderView } from './purchase-order-view.js';
export {
  approvePurchaseOrder,
  approveSupplierPayment,
  createPurchaseOrders,
  type ImportedOrder,
  importedOrder,
  paySupplier,
  placePurchaseOrder,
  receivePurchaseOrder,
  recordSupplierInvoice,
  recordSupplierPayment,
  rejectPurchaseOrder,
  rejectSupplierPayment,
  type SupplierPaymentInput,
} from './purchasing.js';
export {
  type DeskGroup,
  type DeskRequisition,
  type DeskRfq,
  type PurchasingDesk,
  purchasingDesk,
  type RankedQuote,
  type RfqView,
  rfqView,
} from './purchasing-desk.js';
export { InputRejected, issueToRejection, type Rejection } from './rejection.js';
export {
  type AgingTotals,
  DASHBOARD_VIEWS,
  type DashboardView,
  dashboardViews,
  type FinanceDashboard,
  financeDashboard,
  monthOf,
  monthsBefore,
  type OverdueInvoice,
  type PurchaseOrderDue,
  type PurchasingDashboard,
  purchasingDashboard,
  type RoleDashboard,
  requireDashboardView,
  roleDashboard,
  type SalesManagerDashboard,
  type SalespersonDashboard,
  salesManagerDashboard,
  salespersonDashboard,
} from './role-dashboards.js';
export {
  approveSalesOrder,
  cancelSalesOrder,
  invoiceSalesOrder,
  loadOrder,
  openReceivables,
  type PlacedOrder,
  type PlaceOrderInput,
  placeSalesOrder,
  recordSalesOrderPayment,
  rejectSalesOrder,
  shipSalesOrder,
} from './sales.js';
export type { BookSchema } from './schema.js';
export { searchInitials, typedInitials } from './search-initials.js';
export { type ReviewLine, type StatementMatch, statementReview } from './statement-review.js';
export { readStatementFile, type StatementRead, type StatementReadOptions } from './statement-source.js';
export {
  type OpeningStockLine,
  type OpeningStockOptions,
  type OpeningStockSummary,
  openingStockChecker,
  postOpeningStock,
} from './stock.js';
export {
  type Balance,
  issueStock,
  type MoveInput,
  receiveStock,
  repostProductWarehouse,
  stockBalance,
} from './stock-ledger.js';
export {
  type CountSheet,
  type CountSheetLine,
  type FreeStock,
  freeStock,
  type StockCountSummary,
  stockCountSheet,
  stockCounts,
  type WarehouseChoice,
  warehouseChoices,
} from './stock-views.js';
export { returnToSupplier, type SupplierReturn } from './supplier-returns.js';
export { readTable } from './table-source.js';
export {
  actorFromToken,
  actorOf,
  addUser,
  changeOwnPassword,
  createApiToken,
  disableUser,
  getUser,
  hashPassword,
  LOGIN_MAX_FAILURES,
  LOGIN_WINDOW_MS,
  listUsers,
  loginRequired,
  type PasswordChange,
  preparePasswordChange,
  revokeToken,
  SESSION_TTL_MS,
  type SignIn,
  setPassword,
  setUser,
  setUserLocale,
  signIn,
  type TokenGrant,
  tokenGrant,
  type UserInput,
  type UserRow,
  userLocale,
} from './users.js';
export {
  addWebhook,
  DELIVERY_LOG_DAYS,
  type DeliveryRun,
  deliverWebhooks,
  emit,
  listWebhooks,
  removeWebhook,
  reportPackReady,
  retryDelivery,
  signWebhook,
  verifyWebhook,
  WEBHOOK_TIMEOUT_MS,
  type Webhook,
  type WebhookDelivery,
  webhookDeliveries,
} from './webhooks.js';
