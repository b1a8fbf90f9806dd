import type { ColumnType, Selectable } from 'kysely';

/** A column's declared type, as `PRAGMA table_info` reports it. */
export type Affinity = 'INTEGER' | 'TEXT' | 'BLOB';

/**
 * One column as the migrations declare it: what SQLite is told (type, not null, default, key,
 * the values a check allows) at run time, and what kysely reads, inserts and updates as a type.
 * The type is carried by `kysely` and exists only for TypeScript.
 */
export class Column<S, I = S, U = S> {
  declare readonly kysely: ColumnType<S, I, U>;

  constructor(
    readonly type: Affinity,
    readonly notNull = true,
    /** SQLite fills it when an insert leaves it out: a default, or the rowid of `integer primary key`. */
    readonly generated = false,
    readonly primaryKey = false,
    /** The only values a `check (column in (…))` lets in. */
    readonly values?: readonly string[],
  ) {}

  /** May hold null (and an insert may leave it out). */
  nullable(): Column<S | null, I | null | undefined, U | null> {
    return new Column(this.type, false, this.generated, this.primaryKey, this.values);
  }

  /** Has a default, so an insert may leave it out. */
  withDefault(): Column<S, I | undefined, U> {
    return new Column(this.type, this.notNull, true, this.primaryKey, this.values);
  }

  /** Part of the table's primary key. */
  key(): Column<S, I, U> {
    return new Column(this.type, this.notNull, this.generated, true, this.values);
  }
}

const integer = () => new Column<number>('INTEGER');
const text = () => new Column<string>('TEXT');
const blob = () => new Column<Buffer>('BLOB');
/** Text limited by a check to these values. */
const oneOf = <const T extends readonly string[]>(...values: T) =>
  new Column<T[number]>('TEXT', true, false, false, values);
/** `integer primary key`: SQLite's rowid, given on insert. */
const id = () => new Column<number, number | undefined, number>('INTEGER', true, true, true);

/**
 * Every table of a migrated book, column by column. The one description of the schema besides the
 * migrations: `BookSchema` (kysely's types) is derived from it, and a test compares it with what a
 * freshly migrated book says of itself, so a new migration column without its entry here fails.
 * Money is integer minor units, quantities integer thousandths, rates basis points, dates
 * `YYYY-MM-DD` text, flags 0/1 integers.
 */
export const BOOK_TABLES = {
  settings: { key: text().key(), value: text() },
  categories: {
    id: id(),
    /** Full path, `/`-separated: the natural key. */
    path: text(),
    name: text(),
    parent_id: integer().nullable(),
  },
  products: {
    id: id(),
    sku: text(),
    name: text(),
    name_en: text().nullable(),
    category_id: integer(),
    uom: text(),
    price_minor: integer(),
    cost_minor: integer(),
    tax_rate_bp: integer(),
    listed: integer(),
    created_at: text(),
    updated_at: text(),
    floor_price_minor: integer().nullable(),
    batch_tracked: integer().withDefault(),
    expiry_tracked: integer().withDefault(),
    reorder_qty: integer().withDefault(),
    max_level: integer().nullable(),
    pack_size: integer().withDefault(),
    moq: integer().withDefault(),
    lead_time_days: integer().withDefault(),
    safety_stock: integer().withDefault(),
    preferred_supplier_id: integer().nullable(),
    /** JSON array of channel names. */
    exclusive_channels: text().nullable(),
    /** Set by hand (thousandths); null: planning computes it from demand (migration 0015). */
    reorder_point: integer().nullable(),
    shelf_life_days: integer().nullable(),
    barcode: text().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
    /** The name's pinyin initials, what a picker matches (migration 0018, `searchInitials`). */
    initials: text().withDefault(),
  },
  /** Append-only and hash-chained (migration 0012); rows are written by `AuditChain` alone. */
  audit_log: {
    id: id(),
    at: text(),
    actor: text(),
    command: text(),
    /** The table of the record acted on (`products`), when the command acts on one. */
    record_table: text().nullable(),
    document: text().nullable(),
    before_json: text().nullable(),
    after_json: text().nullable(),
    /** The refusal's code when the action was refused and changed nothing. */
    refused: text().nullable(),
    /** SHA-256 over this row's fields and `prev_hash`, the hash of the row before it. */
    prev_hash: text(),
    hash: text(),
  },

  // Master data
  warehouses: {
    id: id(),
    code: text(),
    name: text(),
    type: oneOf('main', 'branch', 'transit', 'returns').withDefault(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  bins: {
    id: id(),
    warehouse_id: integer(),
    code: text(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  uom_conversions: { product_id: integer().key(), uom: text().key(), factor: integer() },
  salespeople: {
    id: id(),
    code: text(),
    name: text(),
    level: text(),
    manager_id: integer().nullable(),
    max_discount_bp: integer().withDefault(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  customers: {
    id: id(),
    code: text(),
    name: text(),
    normalized_name: text(),
    tier: text().nullable(),
    channel: text().nullable(),
    owner_id: integer().nullable(),
    claimed_at: text().nullable(),
    last_activity: text().nullable(),
    credit_limit_minor: integer().nullable(),
    terms: oneOf('prepaid', 'credit').withDefault(),
    payment_days: integer().withDefault(),
    tax_id: text().nullable(),
    phone: text().nullable(),
    address: text().nullable(),
    bank_account: text().nullable(),
    region: text().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
    /** The name's pinyin initials, what a picker matches (migration 0018, `searchInitials`). */
    initials: text().withDefault(),
  },
  contacts: {
    id: id(),
    customer_id: integer(),
    name: text(),
    phone: text().nullable(),
    email: text().nullable(),
    title: text().nullable(),
    wechat: text().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  suppliers: {
    id: id(),
    code: text(),
    name: text(),
    grade: oneOf('A', 'B', 'C', 'D').withDefault(),
    payment_days: integer().withDefault(),
    tax_id: text().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  users: {
    id: id(),
    name: text(),
    /** Comma-separated roles (core's ROLES). */
    roles: text().withDefault(),
    display_name: text().nullable(),
    salesperson_id: integer().nullable(),
    customer_id: integer().nullable(),
    /** argon2id, PHC string; null for a user who has not set one (cannot sign in). */
    password_hash: text().nullable(),
    disabled: integer().withDefault(),
    created_at: text().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
    /** The language the user chose (core's LOCALES); null: the browser's decides (migration 0017). */
    locale: text().nullable(),
    /** Where messages for the user go: approvals waiting for them (migration 0022). */
    email: text().nullable(),
  },
  auth_tokens: {
    id: id(),
    /** SHA-256 of the token, hex: the token itself is shown once and never kept. */
    token_hash: text(),
    user_id: integer(),
    kind: oneOf('session', 'cli', 'api'),
    label: text().nullable(),
    created_at: text(),
    expires_at: text(),
    revoked_at: text().nullable(),
    last_used_at: text().nullable(),
    /** JSON list of core's API_SCOPES the token may use over the HTTP API (migration 0021); null: none. */
    scopes: text().nullable(),
  },
  login_attempts: {
    id: id(),
    user_name: text(),
    at: text(),
    ok: integer(),
    source: text().nullable(),
  },
  commission_plans: {
    level: text().key(),
    code: text(),
    base: oneOf('net_sales', 'gross_margin', 'collected'),
    scheme_json: text(),
    manager_override_bp: integer().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  price_lists: {
    id: id(),
    code: text(),
    scope_kind: oneOf('base', 'tier', 'channel', 'customer'),
    scope_value: text().nullable(),
    valid_from: text().nullable(),
    valid_to: text().nullable(),
    /** 1 when its prices include VAT (含税). */
    tax_inclusive: integer().withDefault(),
  },
  price_list_items: {
    price_list_id: integer().key(),
    product_id: integer().key(),
    min_qty: integer().key().withDefault(),
    price_minor: integer(),
    max_qty: integer().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  promotions: {
    id: id(),
    code: text(),
    kind: oneOf('percent', 'fixed_price', 'amount_off'),
    value: integer(),
    valid_from: text(),
    valid_to: text(),
    applies_json: text().withDefault(),
    min_qty: integer().nullable(),
    stackable: integer().withDefault(),
    max_qty: integer().nullable(),
    /** Bumped on every update (migration 0016): the row version the grid compares. */
    version: integer().withDefault(),
  },
  sales_targets: { salesperson_id: integer().key(), month: text().key(), amount_minor: integer() },

  // Numbering
  doc_series: { prefix: text().key(), year: integer().key(), next: integer() },

  // Sales
  sales_orders: {
    id: id(),
    number: text(),
    customer_id: integer(),
    salesperson_id: integer().nullable(),
    channel: text().nullable(),
    order_date: text(),
    promise_date: text(),
    terms: oneOf('prepaid', 'credit'),
    status: oneOf(
      'pending_review',
      'awaiting_payment',
      'awaiting_shipment',
      'partially_shipped',
      'shipped',
      'completed',
      'cancelled',
    ),
    warehouse_id: integer(),
    tax_mode: text().withDefault(),
    net_minor: integer(),
    tax_minor: integer(),
    gross_minor: integer(),
    paid_minor: integer().withDefault(),
    ship_region: text().nullable(),
    ship_address: text().nullable(),
    /** The order's number in the file it was imported from. */
    source_ref: text().nullable(),
  },
  sales_order_lines: {
    id: id(),
    order_id: integer(),
    line_no: integer(),
    product_id: integer(),
    qty: integer(),
    unit_price_minor: integer(),
    list_price_minor: integer(),
    tax_rate_bp: integer(),
    net_minor: integer(),
    tax_minor: integer(),
    gross_minor: integer(),
    reserved_qty: integer().withDefault(),
    shipped_qty: integer().withDefault(),
    invoiced_qty: integer().withDefault(),
    returned_qty: integer().withDefault(),
    price_trace_json: text(),
    /** 1 when the line was priced with VAT included (its gross is qty × price). */
    tax_inclusive: integer().withDefault(),
  },
  /** Approval steps of sales orders, purchase orders and supplier payments: history, never deleted. */
  approvals: {
    id: id(),
    document_kind: oneOf('sales_order', 'purchase_order', 'supplier_payment'),
    document_id: integer(),
    rule: oneOf('order_amount', 'discount', 'credit', 'po_amount', 'supplier_payment'),
    /** 1, then 2 above the rule's second amount, decided only after 1. */
    step: integer().withDefault(),
    code: text(),
    role: text(),
    message: text(),
    status: oneOf('pending', 'approved', 'rejected', 'withdrawn').withDefault(),
    approver: text().nullable(),
    decided_at: text().nullable(),
    /** Why it was rejected (required), or withdrawn. */
    reason: text().nullable(),
    /** Who placed the document: they do not approve it. */
    requested_by: text().nullable(),
    requested_at: text().nullable(),
  },

  // Purchasing
  requisitions: {
    id: id(),
    number: text(),
    product_id: integer(),
    warehouse_id: integer(),
    qty: integer(),
    need_by: text(),
    sales_order_line_id: integer().nullable(),
    status: oneOf('open', 'ordered', 'cancelled').withDefault(),
    po_line_id: integer().nullable(),
    created_at: text(),
  },
  purchase_orders: {
    id: id(),
    number: text(),
    supplier_id: integer(),
    warehouse_id: integer(),
    status: oneOf('draft', 'pending_approval', 'ordered', 'partially_received', 'received', 'closed', 'cancelled'),
    order_date: text(),
    expected_date: text(),
    net_minor: integer(),
    tax_minor: integer(),
    gross_minor: integer(),
    source_ref: text().nullable(),
  },
  purchase_order_lines: {
    id: id(),
    po_id: integer(),
    line_no: integer(),
    product_id: integer(),
    qty: integer(),
    price_minor: integer(),
    tax_rate_bp: integer(),
    received_qty: integer().withDefault(),
    invoiced_qty: integer().withDefault(),
  },
  receipts: { id: id(), number: text(), po_id: integer(), warehouse_id: integer(), date: text() },
  receipt_lines: {
    id: id(),
    receipt_id: integer(),
    po_line_id: integer(),
    product_id: integer(),
    qty: integer(),
    value_minor: integer(),
    batch: text().nullable(),
    expiry: text().nullable(),
  },
  receipt_allocations: { receipt_line_id: integer(), sales_order_line_id: integer(), qty: integer() },
  rfqs: {
    id: id(),
    number: text(),
    product_id: integer(),
    warehouse_id: integer(),
    qty: integer(),
    date: text(),
    status: oneOf('open', 'awarded', 'cancelled').withDefault(),
    po_id: integer().nullable(),
    requisition_id: integer().nullable(),
  },
  rfq_quotes: {
    rfq_id: integer().key(),
    supplier_id: integer().key(),
    price_minor: integer(),
    lead_time_days: integer(),
  },

  // Shipping, returns and invoicing
  shipments: {
    id: id(),
    number: text(),
    order_id: integer(),
    warehouse_id: integer(),
    date: text(),
    carrier: text().nullable(),
    tracking_number: text().nullable(),
  },
  shipment_lines: {
    id: id(),
    shipment_id: integer(),
    order_line_id: integer(),
    product_id: integer(),
    qty: integer(),
    cost_minor: integer(),
  },
  sales_returns: {
    id: id(),
    number: text(),
    order_id: integer(),
    date: text(),
    credit_note_id: integer().nullable(),
  },
  sales_return_lines: { return_id: integer(), order_line_id: integer(), qty: integer(), cost_minor: integer() },
  invoices: {
    id: id(),
    number: text(),
    kind: oneOf('sales', 'sales_credit', 'supplier'),
    vat_kind: oneOf('normal', 'special').withDefault(),
    customer_id: integer().nullable(),
    supplier_id: integer().nullable(),
    order_id: integer().nullable(),
    po_id: integer().nullable(),
    salesperson_id: integer().nullable(),
    date: text(),
    due_date: text(),
    net_minor: integer(),
    tax_minor: integer(),
    gross_minor: integer(),
    cost_minor: integer().withDefault(),
    /** What is still owed: gross less the payments allocated to it; kept by the commands that allocate. */
    open_minor: integer().withDefault(),
  },
  invoice_lines: {
    id: id(),
    invoice_id: integer(),
    product_id: integer().nullable(),
    order_line_id: integer().nullable(),
    po_line_id: integer().nullable(),
    qty: integer(),
    unit_price_minor: integer(),
    tax_rate_bp: integer(),
    net_minor: integer(),
    tax_minor: integer(),
    /** What a supplier invoice line clears from goods received not invoiced. */
    received_value_minor: integer().nullable(),
  },

  // Money
  payments: {
    id: id(),
    number: text(),
    kind: oneOf('customer', 'supplier'),
    customer_id: integer().nullable(),
    supplier_id: integer().nullable(),
    date: text(),
    amount_minor: integer(),
    account: text(),
    write_off_minor: integer().withDefault(),
    statement_line_id: integer().nullable(),
    fee_minor: integer().withDefault(),
    /** The prepaid order a receipt pays. */
    order_id: integer().nullable(),
    /** What of amount and write-off no invoice has taken yet (an advance); kept by the commands that allocate. */
    unallocated_minor: integer().withDefault(),
  },
  /** A supplier payment over the approval threshold, waiting: it becomes a payment when approved. */
  payment_requests: {
    id: id(),
    number: text(),
    supplier_id: integer(),
    date: text(),
    amount_minor: integer(),
    account: text(),
    fee_minor: integer().withDefault(),
    status: oneOf('pending', 'paid', 'rejected').withDefault(),
    payment_id: integer().nullable(),
    requested_by: text(),
    requested_at: text(),
  },
  payment_allocations: { payment_id: integer(), invoice_id: integer(), amount_minor: integer(), date: text() },
  statement_lines: {
    id: id(),
    source: text(),
    fingerprint: text(),
    date: text(),
    amount_minor: integer(),
    payer: text(),
    memo: text(),
    status: oneOf('unmatched', 'matched', 'ignored').withDefault(),
    match_rule: text().nullable(),
    match_confidence: integer().nullable(),
    match_reason: text().nullable(),
    direction: oneOf('in', 'out', 'none').withDefault(),
    kind: oneOf('trade', 'refund', 'fee', 'transfer').withDefault(),
    fee_minor: integer().withDefault(),
    net_minor: integer().withDefault(),
    line_status: text().withDefault(),
    reason: text().nullable(),
    counterparty_account: text().withDefault(),
    refs: text().withDefault(),
    layout: text().withDefault(),
    account: text().withDefault(),
    source_row: integer().nullable(),
  },

  // Commission
  commission_runs: {
    id: id(),
    number: text(),
    period_start: text(),
    period_end: text(),
    posted_at: text(),
    total_minor: integer(),
  },
  commission_lines: {
    run_id: integer().key(),
    salesperson_id: integer().key(),
    plan: text(),
    base_minor: integer(),
    amount_minor: integer(),
    override_minor: integer(),
    total_minor: integer(),
    detail_json: text(),
  },

  // Stock
  stock_moves: {
    id: id(),
    date: text(),
    product_id: integer(),
    warehouse_id: integer(),
    qty: integer(),
    value_minor: integer(),
    kind: oneOf(
      'receipt',
      'issue',
      'transfer_in',
      'transfer_out',
      'count_gain',
      'count_loss',
      'return_in',
      'return_out',
      'opening',
    ),
    document: text(),
    batch: text().nullable(),
    expiry: text().nullable(),
  },
  fifo_layers: {
    id: id(),
    product_id: integer(),
    warehouse_id: integer(),
    date: text(),
    source: text(),
    batch: text().nullable(),
    expiry: text().nullable(),
    qty: integer(),
    value_minor: integer(),
  },
  stock_balances: {
    product_id: integer().key(),
    warehouse_id: integer().key(),
    on_hand: integer().withDefault(),
    reserved: integer().withDefault(),
    value_minor: integer().withDefault(),
  },
  transfers: {
    id: id(),
    number: text(),
    date: text(),
    from_warehouse_id: integer(),
    to_warehouse_id: integer(),
  },
  transfer_lines: { transfer_id: integer(), product_id: integer(), qty: integer(), value_minor: integer() },
  stock_counts: {
    id: id(),
    number: text(),
    warehouse_id: integer(),
    started: text(),
    posted: text().nullable(),
    status: oneOf('counting', 'posted').withDefault(),
  },
  stock_count_lines: {
    count_id: integer().key(),
    product_id: integer().key(),
    book_qty: integer(),
    counted_qty: integer().nullable(),
    value_minor: integer().nullable(),
  },

  // Ledger
  accounts: { code: text().key(), name: text(), name_zh: text(), type: text(), role: text().nullable() },
  journal_entries: { id: id(), date: text(), memo: text(), source_kind: text(), source_document: text() },
  journal_lines: {
    id: id(),
    entry_id: integer(),
    account: text(),
    debit_minor: integer(),
    credit_minor: integer(),
    party: text().nullable(),
  },

  // CRM and alerts
  follow_ups: {
    id: id(),
    customer_id: integer(),
    salesperson_id: integer().nullable(),
    date: text(),
    note: text(),
    next_date: text().nullable(),
  },
  opportunities: {
    id: id(),
    number: text(),
    customer_id: integer(),
    salesperson_id: integer().nullable(),
    name: text(),
    stage: oneOf('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'),
    amount_minor: integer(),
    probability_bp: integer(),
    expected_close: text().nullable(),
    updated: text(),
  },
  alerts: {
    id: id(),
    kind: text(),
    subject: text(),
    message: text(),
    created: text(),
    resolved: text().nullable(),
  },
  /** A subscription: where to POST which events (a JSON list), signed with `secret`. */
  webhooks: {
    id: id(),
    url: text(),
    /** JSON list of event names. */
    events: text(),
    secret: text(),
    active: integer().withDefault(),
    created: text(),
    /** What it is (core's MESSAGE_TARGETS): a signed webhook, a group robot, or e-mail (migration 0022). */
    target: oneOf('webhook', 'wecom', 'dingtalk', 'feishu', 'email').withDefault(),
    /** The language its messages speak (core's LOCALES); null: Chinese. */
    locale: text().nullable(),
  },
  /**
   * The outbox and delivery log: one row per event and subscription. `next_attempt_at` is null
   * once delivered or given up; `claimed_until` keeps a second runner off a row being sent.
   */
  webhook_deliveries: {
    id: id(),
    webhook_id: integer(),
    event: text(),
    /** The JSON body sent. */
    payload: text(),
    created: text(),
    attempts: integer().withDefault(),
    next_attempt_at: text().nullable(),
    last_status: integer().nullable(),
    last_error: text().nullable(),
    delivered_at: text().nullable(),
    claimed_until: text().nullable(),
  },
  /** Files kept in the book: a payment voucher's photo (migration 0023). */
  attachments: {
    id: id(),
    content_type: text(),
    size: integer(),
    sha256: text(),
    bytes: blob(),
    file_name: text().nullable(),
    created_by: text(),
    created_at: text(),
  },
  /** A payment a salesperson saw made, with the voucher's photo, until finance books or rejects it. */
  payment_vouchers: {
    id: id(),
    number: text(),
    customer_id: integer(),
    order_id: integer().nullable(),
    date: text(),
    amount_minor: integer(),
    method: oneOf('bank', 'wechat', 'alipay', 'cash'),
    note: text().nullable(),
    attachment_id: integer(),
    status: oneOf('submitted', 'booked', 'rejected').withDefault(),
    submitted_by: text(),
    submitted_at: text(),
    decided_by: text().nullable(),
    decided_at: text().nullable(),
    reason: text().nullable(),
    payment_id: integer().nullable(),
  },
  /** Answers to POSTs sent with an `Idempotency-Key`, kept a day: the same key is answered again. */
  /** What `check` last proved (one row): the last ledger rows it covered, and the book's rewrite count then. */
  check_marks: {
    id: id(),
    moves_through: integer(),
    invoices_through: integer(),
    payments_through: integer(),
    allocations_through: integer(),
    rewrites: integer(),
    proven_at: text(),
  },
  /** Each product's stock in each warehouse as the moves up to `check_marks.moves_through` add up. */
  check_stock: {
    product_id: integer().key(),
    warehouse_id: integer().key(),
    qty: integer(),
    value_minor: integer(),
  },
  api_requests: {
    id: id(),
    /** The user name the request acted as: keys are each user's own. */
    actor: text(),
    idempotency_key: text(),
    method: text(),
    path: text(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    fingerprint: text(),
    status: integer(),
    /** The JSON body answered. */
    response: text(),
    created_at: text(),
  },
} as const satisfies Record<string, Record<string, Column<unknown, unknown, unknown>>>;

type TableOf<T> = { [C in keyof T]: T[C] extends { readonly kysely: infer K } ? K : never };
type Tables = { [T in keyof typeof BOOK_TABLES]: TableOf<(typeof BOOK_TABLES)[T]> };

/** Tables of the book as kysely sees them. Column names are the SQL names. */
export interface BookSchema extends Tables {}

/** A row of a table as `select *` reads it. */
export type Row<T extends keyof BookSchema> = Selectable<BookSchema[T]>;
