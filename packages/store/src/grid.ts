import {
  customerScope,
  type EditableGridKind,
  type GridEdit,
  type GridFilter,
  type GridKind,
  type GridNewRow,
  type GridQuery,
  type GridRowRef,
  type GridSort,
  gridEditsSchema,
  gridKindEditable,
  gridNewRowsSchema,
  gridQuerySchema,
  gridRowRefsSchema,
  type Issue,
  inScope,
  type MoneyOptions,
  type Permission,
  parseBoolean,
  parseMoney,
  parsePercent,
  parseQuantity,
  type Result,
  TradeloopError,
} from '@tradeloop/core';
import { type RowAccess, readAccess } from './access.js';
import type { Book } from './book.js';
import { listConfig } from './config.js';
import { customerEditor, productEditor } from './grid-editors/catalog.js';
import { type Column, cellText, col, type Editor, edit, type GridColumn, key, onInsert } from './grid-editors/kit.js';
import { contactEditor, salespersonEditor, supplierEditor, warehouseEditor } from './grid-editors/master.js';
import { settingEditor, settingVersion, userEditor } from './grid-editors/people.js';
import { commissionPlanEditor, priceListItemEditor, promotionEditor } from './grid-editors/pricing.js';
import { LIST_ACCESS } from './lists.js';
import { rejected } from './refusal.js';
import { typedInitials } from './search-initials.js';

export { cellText, type GridColumn } from './grid-editors/kit.js';

import { jsonValues } from './dialect.js';

/** One row of a page: its key, its version (what a save compares) and its cells by column. */
export interface GridRow {
  key: string;
  version: number;
  values: Record<string, unknown>;
  /** Each cell as text a person types (`88.00`, `13%`, `yes`): what a grid shows, copies and edits. */
  text: Record<string, string>;
}

export interface GridPage {
  /** Rows matching the filters and search, over all pages. */
  total: number;
  rows: GridRow[];
  columns: GridColumn[];
  /** The book's version when the page was read (its last audit row): a later page from a higher one saw more. */
  version: number;
}

/**
 * One kind of record as the grid reads it: `select` gives every column by its name plus `_key`
 * and `_version`, with no order; the page's filters, search and order wrap it, so they name
 * columns by the same names (SQLite flattens the wrapping, and indexes still serve).
 */
interface KindDefinition {
  /** The rows' query; a function of the book where the engines' SQL differs. */
  select: string | ((book: Book) => string);
  columns: readonly Column[];
  /** Columns quick search looks in. */
  search: readonly string[];
  /**
   * The select gives `_initials`, the name's pinyin initials (`searchInitials`): quick search
   * finds the row by them too, and, on a page that names no order, puts the rows whose key and
   * then whose initials start with the text first, as a picker does.
   */
  initials?: boolean;
  access: RowAccess;
  /** A permission reading the kind takes beyond `book.read`. */
  permission?: Permission;
  /** Rows given by the program rather than a table, read through the same SQL as JSON. */
  rows?: (book: Book) => Record<string, unknown>[];
  /** The order of a page that names none (documents: the newest first); the key's order otherwise. */
  order?: readonly GridSort[];
}

const PRODUCT_ACCESS: RowAccess = { columns: { cost_minor: 'cost' } };
/** The moves ledger reads as the stock levels do: every seller sees quantities, not their value. */
const STOCK_MOVE_ACCESS: RowAccess = { columns: { value_minor: 'cost' } };
const SALES_ORDER_STATUSES = [
  'pending_review',
  'awaiting_payment',
  'awaiting_shipment',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
] as const;
const PURCHASE_ORDER_STATUSES = [
  'draft',
  'pending_approval',
  'ordered',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;
const STOCK_MOVE_KINDS = [
  'receipt',
  'issue',
  'transfer_in',
  'transfer_out',
  'count_gain',
  'count_loss',
  'return_in',
  'return_out',
  'opening',
] as const;

const KINDS: Readonly<Record<GridKind, KindDefinition>> = {
  products: {
    select: `select p.sku as _key, p.version as _version, p.initials as _initials, p.sku, p.name, p.name_en,
        c.path as category, p.uom, p.price_minor, p.cost_minor, p.tax_rate_bp, p.listed
      from products p join categories c on c.id = p.category_id`,
    columns: [
      col('sku', 'SKU', '编码', 'text', key('sku')),
      col('name', 'Name', '名称', 'text', edit('name', true)),
      col('name_en', 'English name', '英文名称', 'text', edit('nameEn')),
      col('category', 'Category', '类别', 'text', edit('category', true)),
      col('uom', 'Unit', '单位', 'text', edit('uom')),
      col('price_minor', 'Price', '售价', 'money', edit('price', true)),
      col('cost_minor', 'Cost', '成本', 'money', { ...edit('cost'), class: 'cost' }),
      col('tax_rate_bp', 'Tax %', '税率%', 'percent', edit('taxRate')),
      col('listed', 'Listed', '上架', 'bool', edit('listed')),
    ],
    search: ['sku', 'name'],
    initials: true,
    access: PRODUCT_ACCESS,
  },
  customers: {
    select: `select c.code as _key, c.version as _version, c.initials as _initials, c.code, c.name, c.tier, c.channel,
        c.region, s.code as owner,
        c.credit_limit_minor, c.terms, c.payment_days, c.tax_id, c.phone, c.address, c.bank_account
      from customers c left join salespeople s on s.id = c.owner_id`,
    columns: [
      col('code', 'Code', '编码', 'text', { ...key('code'), href: '/customers/{value}' }),
      col('name', 'Name', '名称', 'text', edit('name', true)),
      col('tier', 'Tier', '等级', 'text', edit('tier')),
      col('channel', 'Channel', '渠道', 'text', edit('channel')),
      col('region', 'Region', '地区', 'text', edit('region')),
      col('owner', 'Owner', '业务员', 'text', edit('owner')),
      col('credit_limit_minor', 'Credit limit', '信用额度', 'money', { ...edit('creditLimit'), class: 'credit' }),
      col('terms', 'Terms', '结算方式', 'choice', { ...edit('terms'), choices: ['prepaid', 'credit'] }),
      col('payment_days', 'Payment days', '账期', 'integer', edit('paymentDays')),
      col('tax_id', 'Tax id', '税号', 'text', edit('taxId')),
      col('phone', 'Phone', '电话', 'text', edit('phone')),
      col('address', 'Address', '地址', 'text', edit('address')),
      col('bank_account', 'Bank account', '开户行及账号', 'text', edit('bankAccount')),
    ],
    search: ['code', 'name'],
    initials: true,
    access: LIST_ACCESS.customers,
  },
  contacts: {
    select: `select cast(k.id as text) as _key, k.version as _version, c.code as customer, k.name, k.title, k.phone, k.email, k.wechat
      from contacts k join customers c on c.id = k.customer_id`,
    columns: [
      col('customer', 'Customer', '客户', 'text', onInsert('customer', true)),
      col('name', 'Name', '姓名', 'text', edit('name', true)),
      col('title', 'Title', '职务', 'text', edit('title')),
      col('phone', 'Phone', '电话', 'text', edit('phone')),
      col('email', 'Email', '邮箱', 'text', edit('email')),
      col('wechat', 'WeChat', '微信', 'text', edit('wechat')),
    ],
    search: ['customer', 'name'],
    access: LIST_ACCESS.contacts,
  },
  suppliers: {
    select: 'select code as _key, version as _version, code, name, grade, payment_days, tax_id from suppliers',
    columns: [
      col('code', 'Code', '编码', 'text', key('code')),
      col('name', 'Name', '名称', 'text', edit('name', true)),
      col('grade', 'Grade', '等级', 'choice', { ...edit('grade'), choices: ['A', 'B', 'C', 'D'] }),
      col('payment_days', 'Payment days', '账期', 'integer', edit('paymentDays')),
      col('tax_id', 'Tax id', '税号', 'text', edit('taxId')),
    ],
    search: ['code', 'name'],
    access: LIST_ACCESS.suppliers,
  },
  salespeople: {
    select: `select s.code as _key, s.version as _version, s.code, s.name, s.level, m.code as manager, s.max_discount_bp
      from salespeople s left join salespeople m on m.id = s.manager_id`,
    columns: [
      col('code', 'Code', '编码', 'text', key('code')),
      col('name', 'Name', '姓名', 'text', edit('name', true)),
      col('level', 'Level', '级别', 'text', edit('level', true)),
      col('manager', 'Manager', '上级', 'text', edit('manager')),
      col('max_discount_bp', 'Max discount', '最大折扣', 'percent', edit('maxDiscount')),
    ],
    search: ['code', 'name'],
    access: LIST_ACCESS.salespeople,
  },
  warehouses: {
    select: `select w.code as _key, w.version as _version, w.code, w.name, w.type,
        (select string_agg(code, ';') from (select b.code from bins b where b.warehouse_id = w.id order by b.code) as codes) as bins
      from warehouses w`,
    columns: [
      col('code', 'Code', '编码', 'text', key('code')),
      col('name', 'Name', '名称', 'text', edit('name', true)),
      col('type', 'Type', '类型', 'choice', { ...edit('type'), choices: ['main', 'branch', 'transit', 'returns'] }),
      // Bins separated by `;`: a bin may be added any time, removed while the warehouse holds no stock.
      col('bins', 'Bins', '库位', 'text', edit('bins')),
    ],
    search: ['code', 'name'],
    access: LIST_ACCESS.warehouses,
  },
  'price-list-items': {
    select: `select l.code || '|' || p.sku || '|' || i.min_qty as _key, i.version as _version, l.code as list,
        l.scope_kind as scope, l.scope_value, p.sku, i.min_qty, i.max_qty, i.price_minor, l.valid_from, l.valid_to, l.tax_inclusive
      from price_list_items i join price_lists l on l.id = i.price_list_id join products p on p.id = i.product_id`,
    columns: [
      col('list', 'List', '价目表', 'text', key('list')),
      // Scope, validity and tax mode are the list's: changed on one row, they change for the list.
      col('scope', 'Scope', '适用', 'choice', { ...edit('scope'), choices: ['base', 'tier', 'channel', 'customer'] }),
      col('scope_value', 'Scope value', '适用对象', 'text', edit('scopeValue')),
      col('sku', 'SKU', '编码', 'text', key('sku')),
      col('min_qty', 'From qty', '起订量', 'qty', { ...key('minQty'), required: false }),
      col('max_qty', 'To qty', '截止量', 'qty', edit('maxQty')),
      col('price_minor', 'Price', '价格', 'money', edit('price', true)),
      col('valid_from', 'Valid from', '生效日', 'date', edit('validFrom')),
      col('valid_to', 'Valid to', '失效日', 'date', edit('validTo')),
      col('tax_inclusive', 'Tax inclusive', '含税', 'bool', edit('taxInclusive')),
    ],
    search: ['list', 'sku'],
    access: LIST_ACCESS['price-lists'],
  },
  promotions: {
    select: `select code as _key, version as _version, code, kind, value, valid_from, valid_to, applies_json, min_qty, max_qty, stackable
      from promotions`,
    columns: [
      col('code', 'Code', '编码', 'text', key('code')),
      col('kind', 'Kind', '类型', 'choice', {
        ...edit('kind', true),
        choices: ['percent', 'fixed_price', 'amount_off'],
      }),
      // Basis points for a percent promotion, minor units for the others: the kind says which.
      // Typed as that whole number, or as `10%` / `12.50`.
      col('value', 'Value', '数值', 'integer', edit('value', true)),
      col('valid_from', 'Valid from', '开始', 'date', edit('validFrom', true)),
      col('valid_to', 'Valid to', '结束', 'date', edit('validTo', true)),
      col('applies_json', 'Applies to', '适用范围', 'text', edit('applies')),
      col('min_qty', 'Min qty', '最少数量', 'qty', edit('minQty')),
      col('max_qty', 'Max qty', '最多数量', 'qty', edit('maxQty')),
      col('stackable', 'Stackable', '可叠加', 'bool', edit('stackable')),
    ],
    search: ['code'],
    access: LIST_ACCESS.promotions,
  },
  'commission-plans': {
    select: `select level as _key, version as _version, level, code, base, scheme_json, manager_override_bp
      from commission_plans`,
    columns: [
      col('level', 'Level', '级别', 'text', key('level')),
      col('code', 'Code', '编码', 'text', edit('code', true)),
      col('base', 'Base', '计提基础', 'choice', {
        ...edit('base'),
        choices: ['net_sales', 'gross_margin', 'collected'],
      }),
      col('scheme_json', 'Scheme', '方案', 'text', edit('scheme', true)),
      col('manager_override_bp', 'Manager override', '管理提成', 'percent', edit('managerOverride')),
    ],
    search: ['level', 'code'],
    access: {},
  },
  users: {
    select: `select u.name as _key, u.version as _version, u.name, u.display_name, u.roles, s.code as salesperson,
        c.code as customer, u.disabled, u.created_at
      from users u left join salespeople s on s.id = u.salesperson_id left join customers c on c.id = u.customer_id`,
    columns: [
      col('name', 'Name', '用户名', 'text', key('name')),
      col('display_name', 'Display name', '显示名', 'text', edit('displayName')),
      // Role names separated by `,`, as `tradeloop user set --roles` takes them.
      col('roles', 'Roles', '角色', 'text', edit('roles', true)),
      col('salesperson', 'Salesperson', '业务员', 'text', edit('salesperson')),
      col('customer', 'Customer', '客户', 'text', edit('customer')),
      col('disabled', 'Disabled', '停用', 'bool', edit('disabled')),
      col('created_at', 'Created', '创建时间', 'date'),
    ],
    search: ['name', 'display_name'],
    access: {},
    permission: 'users.manage',
  },
  settings: {
    // The settings come as one JSON array parameter (`rows`).
    select: (book) =>
      book.driver.engine === 'postgres'
        ? `select j->>'key' as _key, (j->>'version')::bigint as _version, j->>'key' as key, j->>'value' as value,
             j->>'default' as "default", case when (j->>'set')::boolean then 1 else 0 end as "set",
             j->>'description' as description
           from json_array_elements(?::json) j`
        : `select json_extract(j.value, '$.key') as _key, json_extract(j.value, '$.version') as _version,
             json_extract(j.value, '$.key') as key, json_extract(j.value, '$.value') as value,
             json_extract(j.value, '$.default') as "default", json_extract(j.value, '$.set') as "set",
             json_extract(j.value, '$.description') as description
           from json_each(?) j`,
    columns: [
      col('key', 'Key', '设置项', 'text', { key: true, required: true }),
      // As `tradeloop config set` takes it.
      col('value', 'Value', '值', 'text', { editable: true, field: 'value' }),
      col('default', 'Default', '默认值', 'text'),
      col('set', 'Set', '已设置', 'bool'),
      col('description', 'Description', '说明', 'text'),
    ],
    search: ['key', 'description'],
    access: {},
    rows: (book) => listConfig(book).map((e) => ({ ...e, set: e.set ? 1 : 0, version: settingVersion(e.stored) })),
  },

  // The documents and stock, listed only: they change through their own commands, never by cell.
  // Their tables keep no row version: 0, as nothing here is saved against it.
  orders: {
    select: `select o.number as _key, 0 as _version, o.number, o.order_date, o.promise_date, c.code as customer,
        c.name as customer_name, s.code as salesperson, w.code as warehouse, o.status, o.net_minor, o.tax_minor,
        o.gross_minor, o.paid_minor, o.gross_minor - o.paid_minor as open_minor, o.channel
      from sales_orders o join customers c on c.id = o.customer_id join warehouses w on w.id = o.warehouse_id
      left join salespeople s on s.id = o.salesperson_id`,
    columns: [
      col('number', 'Number', '单号', 'text', { key: true, href: '/orders/{value}' }),
      col('order_date', 'Date', '日期', 'date'),
      col('promise_date', 'Promised', '承诺交期', 'date'),
      col('customer', 'Customer', '客户', 'text', { href: '/customers/{value}' }),
      col('customer_name', 'Customer name', '客户名称', 'text'),
      col('salesperson', 'Salesperson', '业务员', 'text'),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('status', 'Status', '状态', 'choice', { choices: SALES_ORDER_STATUSES }),
      col('net_minor', 'Net', '不含税金额', 'money'),
      col('tax_minor', 'VAT', '税额', 'money'),
      col('gross_minor', 'Gross', '价税合计', 'money'),
      col('paid_minor', 'Paid', '已收款', 'money'),
      col('open_minor', 'Open', '未收款', 'money'),
      col('channel', 'Channel', '渠道', 'text'),
    ],
    search: ['number', 'customer', 'customer_name'],
    access: LIST_ACCESS.orders,
    order: [{ column: 'order_date', dir: 'desc' }],
  },
  invoices: {
    select: `select i.number as _key, 0 as _version, i.number, i.kind, i.vat_kind, coalesce(c.code, su.code) as party,
        coalesce(c.name, su.name) as party_name, sp.code as salesperson, i.date, i.due_date, i.net_minor, i.tax_minor,
        i.gross_minor,
        i.open_minor as open_minor
      from invoices i left join customers c on c.id = i.customer_id left join suppliers su on su.id = i.supplier_id
      left join salespeople sp on sp.id = i.salesperson_id`,
    columns: [
      col('number', 'Number', '发票号', 'text', { key: true, href: '/invoices/{value}' }),
      col('kind', 'Kind', '类型', 'choice', { choices: ['sales', 'sales_credit', 'supplier'] }),
      col('vat_kind', 'VAT kind', '发票种类', 'choice', { choices: ['normal', 'special'] }),
      col('party', 'Party', '往来单位', 'text'),
      col('party_name', 'Party name', '单位名称', 'text'),
      col('salesperson', 'Salesperson', '业务员', 'text'),
      col('date', 'Date', '日期', 'date'),
      col('due_date', 'Due', '到期日', 'date'),
      col('net_minor', 'Net', '不含税金额', 'money'),
      col('tax_minor', 'VAT', '税额', 'money'),
      col('gross_minor', 'Gross', '价税合计', 'money'),
      col('open_minor', 'Open', '未结金额', 'money'),
    ],
    search: ['number', 'party', 'party_name'],
    access: LIST_ACCESS.invoices,
    order: [{ column: 'date', dir: 'desc' }],
  },
  'purchase-orders': {
    select: `select o.number as _key, 0 as _version, o.number, s.code as supplier, s.name as supplier_name,
        w.code as warehouse, o.status, o.order_date, o.expected_date, o.net_minor, o.tax_minor, o.gross_minor
      from purchase_orders o join suppliers s on s.id = o.supplier_id join warehouses w on w.id = o.warehouse_id`,
    columns: [
      col('number', 'Number', '单号', 'text', { key: true, href: '/purchase-orders/{value}' }),
      col('supplier', 'Supplier', '供应商', 'text'),
      col('supplier_name', 'Supplier name', '供应商名称', 'text'),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('status', 'Status', '状态', 'choice', { choices: PURCHASE_ORDER_STATUSES }),
      col('order_date', 'Date', '日期', 'date'),
      col('expected_date', 'Expected', '预计到货', 'date'),
      col('net_minor', 'Net', '不含税金额', 'money', { class: 'supplier_price' }),
      col('tax_minor', 'VAT', '税额', 'money', { class: 'supplier_price' }),
      col('gross_minor', 'Gross', '价税合计', 'money', { class: 'supplier_price' }),
    ],
    search: ['number', 'supplier', 'supplier_name'],
    access: LIST_ACCESS['purchase-orders'],
    order: [{ column: 'order_date', dir: 'desc' }],
  },
  requisitions: {
    select: `select r.number as _key, 0 as _version, r.number, p.sku, w.code as warehouse, r.qty, r.need_by, r.status,
        o.number as sales_order, po.number as purchase_order
      from requisitions r join products p on p.id = r.product_id join warehouses w on w.id = r.warehouse_id
      left join sales_order_lines sl on sl.id = r.sales_order_line_id left join sales_orders o on o.id = sl.order_id
      left join purchase_order_lines pl on pl.id = r.po_line_id left join purchase_orders po on po.id = pl.po_id`,
    columns: [
      col('number', 'Number', '单号', 'text', { key: true }),
      col('sku', 'SKU', '编码', 'text'),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('qty', 'Qty', '数量', 'qty'),
      col('need_by', 'Need by', '需求日期', 'date'),
      col('status', 'Status', '状态', 'choice', { choices: ['open', 'ordered', 'cancelled'] }),
      col('sales_order', 'Sales order', '销售订单', 'text', { href: '/orders/{value}' }),
      col('purchase_order', 'Purchase order', '采购订单', 'text', { href: '/purchase-orders/{value}' }),
    ],
    search: ['number', 'sku', 'sales_order', 'purchase_order'],
    access: LIST_ACCESS.requisitions,
    order: [{ column: 'number', dir: 'desc' }],
  },
  shipments: {
    select: `select s.number as _key, 0 as _version, s.number, o.number as sales_order, w.code as warehouse, s.date,
        s.carrier, s.tracking_number, (select sum(cost_minor) from shipment_lines l where l.shipment_id = s.id) as cost_minor
      from shipments s join sales_orders o on o.id = s.order_id join warehouses w on w.id = s.warehouse_id`,
    columns: [
      col('number', 'Number', '单号', 'text', { key: true }),
      col('sales_order', 'Sales order', '销售订单', 'text', { href: '/orders/{value}' }),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('date', 'Date', '日期', 'date'),
      col('carrier', 'Carrier', '承运商', 'text'),
      col('tracking_number', 'Tracking number', '运单号', 'text'),
      col('cost_minor', 'Cost', '成本', 'money', { class: 'cost' }),
    ],
    search: ['number', 'sales_order', 'tracking_number'],
    access: LIST_ACCESS.shipments,
    order: [{ column: 'date', dir: 'desc' }],
  },
  receipts: {
    select: `select r.number as _key, 0 as _version, r.number, o.number as purchase_order, w.code as warehouse, r.date,
        (select sum(value_minor) from receipt_lines l where l.receipt_id = r.id) as value_minor
      from receipts r join purchase_orders o on o.id = r.po_id join warehouses w on w.id = r.warehouse_id`,
    columns: [
      col('number', 'Number', '单号', 'text', { key: true }),
      col('purchase_order', 'Purchase order', '采购订单', 'text', { href: '/purchase-orders/{value}' }),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('date', 'Date', '日期', 'date'),
      col('value_minor', 'Value', '金额', 'money', { class: 'cost' }),
    ],
    search: ['number', 'purchase_order'],
    access: LIST_ACCESS.receipts,
    order: [{ column: 'date', dir: 'desc' }],
  },
  payments: {
    select: `select p.number as _key, 0 as _version, p.number, p.kind, coalesce(c.code, s.code) as party,
        coalesce(c.name, s.name) as party_name, p.date, p.amount_minor, p.write_off_minor, p.account,
        (select coalesce(sum(a.amount_minor), 0) from payment_allocations a where a.payment_id = p.id) as allocated_minor
      from payments p left join customers c on c.id = p.customer_id left join suppliers s on s.id = p.supplier_id`,
    columns: [
      col('number', 'Number', '单号', 'text', { key: true }),
      col('kind', 'Kind', '类型', 'choice', { choices: ['customer', 'supplier'] }),
      col('party', 'Party', '往来单位', 'text'),
      col('party_name', 'Party name', '单位名称', 'text'),
      col('date', 'Date', '日期', 'date'),
      col('amount_minor', 'Amount', '金额', 'money'),
      col('write_off_minor', 'Written off', '核销差额', 'money'),
      col('account', 'Account', '账户', 'text'),
      col('allocated_minor', 'Allocated', '已核销', 'money'),
    ],
    search: ['number', 'party', 'party_name'],
    access: LIST_ACCESS.payments,
    order: [{ column: 'date', dir: 'desc' }],
  },
  stock: {
    select: `select p.sku || '|' || w.code as _key, 0 as _version, p.sku, p.name, w.code as warehouse,
        b.on_hand, b.reserved, b.on_hand - b.reserved as available, b.value_minor
      from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id`,
    columns: [
      col('sku', 'SKU', '编码', 'text', { key: true }),
      col('name', 'Name', '名称', 'text'),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('on_hand', 'On hand', '在库', 'qty'),
      col('reserved', 'Reserved', '已预留', 'qty'),
      col('available', 'Available', '可用', 'qty'),
      col('value_minor', 'Value', '库存金额', 'money', { class: 'cost' }),
    ],
    search: ['sku', 'name', 'warehouse'],
    access: LIST_ACCESS.stock,
  },
  'stock-moves': {
    select: `select cast(m.id as text) as _key, 0 as _version, m.id, m.date, p.sku, w.code as warehouse, m.kind,
        m.document, m.qty, m.value_minor, m.batch, m.expiry
      from stock_moves m join products p on p.id = m.product_id join warehouses w on w.id = m.warehouse_id`,
    columns: [
      col('id', 'Move', '流水号', 'integer', { key: true }),
      col('date', 'Date', '日期', 'date'),
      col('sku', 'SKU', '编码', 'text'),
      col('warehouse', 'Warehouse', '仓库', 'text'),
      col('kind', 'Kind', '类型', 'choice', { choices: STOCK_MOVE_KINDS }),
      col('document', 'Document', '单据', 'text'),
      col('qty', 'Qty', '数量', 'qty'),
      col('value_minor', 'Value', '金额', 'money', { class: 'cost' }),
      col('batch', 'Batch', '批次', 'text'),
      col('expiry', 'Expiry', '有效期', 'date'),
    ],
    search: ['sku', 'document', 'batch'],
    access: STOCK_MOVE_ACCESS,
    // The key is the move's id as text: the id itself orders moves of one day as they were posted.
    order: [
      { column: 'date', dir: 'desc' },
      { column: 'id', dir: 'desc' },
    ],
  },
};

/** The columns of a kind as the grid shows them (before hiding what an actor may not see). */
export const gridColumnsOf = (kind: GridKind): readonly GridColumn[] => KINDS[kind]?.columns ?? [];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const badQuery = (issues: Issue[]) =>
  new TradeloopError('input.invalid', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues });

/** A filter's value in the column's data units: text a person typed is read by the column's parser. */
function filterValue(column: Column, value: unknown, money: MoneyOptions, path: (string | number)[]): unknown {
  if (typeof value !== 'string') return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  const read = (r: Result<unknown>) => {
    if (!r.ok) throw badQuery(r.issues.map((i) => ({ ...i, path, value })));
    return r.value;
  };
  switch (column.kind) {
    case 'money':
      return read(parseMoney(value, money));
    case 'qty':
      return read(parseQuantity(value));
    case 'percent':
      return read(parsePercent(value, Number.POSITIVE_INFINITY));
    case 'bool':
      return read(parseBoolean(value)) ? 1 : 0;
    case 'integer': {
      const n = Number(value.trim());
      if (!Number.isInteger(n))
        throw badQuery([{ code: 'integer.format', path, message: 'must be a whole number', value }]);
      return n;
    }
    default:
      return value;
  }
}

/** The SQL condition and parameters of one filter; the column is one of the kind's, by name. */
function filterSql(f: GridFilter, column: Column, money: MoneyOptions, at: number): { sql: string; params: unknown[] } {
  const c = quote(column.name);
  const path = ['filters', at, 'value'];
  switch (f.op) {
    case 'blank':
      return { sql: `(${c} is null or cast(${c} as text) = '')`, params: [] };
    case 'contains':
      return { sql: `instr(lower(cast(${c} as text)), lower(?)) > 0`, params: [String(f.value ?? '')] };
    case 'between':
      return {
        sql: `${c} between ? and ?`,
        params: [
          filterValue(column, f.value[0], money, [...path, 0]),
          filterValue(column, f.value[1], money, [...path, 1]),
        ],
      };
    default:
      return {
        sql: `${c} ${f.op === 'eq' ? '=' : f.op === 'lt' ? '<' : '>'} ?`,
        params: [filterValue(column, f.value, money, path)],
      };
  }
}

/** A column of the kind the actor may see, or the query's refusal naming it. */
function visibleColumn(
  def: KindDefinition,
  hidden: readonly string[],
  name: string,
  path: (string | number)[],
): Column {
  const column = def.columns.find((c) => c.name === name);
  if (!column || hidden.includes(name))
    throw badQuery([{ code: 'grid.column.unknown', path, message: `"${name}" is not a column here`, value: name }]);
  return column;
}

/** The kind's definition, after the acting user's permission to read it. */
function readable(book: Book, kind: GridKind): KindDefinition {
  const def = KINDS[kind];
  if (!def) throw badQuery([{ code: 'grid.kind.unknown', path: ['kind'], message: `no grid of ${kind}`, value: kind }]);
  if (def.permission) book.requirePermission(def.permission);
  return def;
}

/** A row of the kind's select as the grid answers it: its cells as data and as text. */
function toGridRow(r: Record<string, unknown>, visible: readonly Column[], money: MoneyOptions): GridRow {
  const values = Object.fromEntries(
    visible.map((c) => [c.name, c.kind === 'bool' && r[c.name] !== null ? r[c.name] === 1 : r[c.name]]),
  );
  return {
    key: String(r._key),
    version: Number(r._version),
    values,
    text: Object.fromEntries(visible.map((c) => [c.name, cellText(c.kind, values[c.name], money)])),
  };
}

/**
 * One page of one kind of record as the acting user may see it: their rows only, without the
 * columns their roles do not see, sorted, filtered and searched in SQL. Rows past the sort's
 * columns are in key order, so pages never overlap or skip. Sorting or filtering by a column
 * the user does not see is refused as an unknown column.
 *
 * @example
 * gridPage(book, 'products', { offset: 0, limit: 50, sort: [{ column: 'price_minor', dir: 'desc' }] })
 * // { total: 1200, rows: [{ key: 'TEA-009', version: 3, values: { sku: 'TEA-009', price_minor: 128000, … } }, …], … }
 */
export function gridPage(book: Book, kind: GridKind, query: GridQuery = {}): GridPage {
  const def = readable(book, kind);
  const parsed = gridQuerySchema.safeParse(query);
  if (!parsed.success)
    throw badQuery(
      parsed.error.issues.map((i) => ({
        code: 'input.invalid',
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  const q = parsed.data;
  const { rows: scoped, hidden } = readAccess(book, def.access, kind);
  const money = book.moneyOptions();
  const where: string[] = [];
  const params: unknown[] = def.rows ? [JSON.stringify(def.rows(book))] : [];
  if (scoped) {
    const owners: string[] = [];
    if (def.access.salesperson) {
      owners.push(`${quote(def.access.salesperson)} in (${jsonValues(book)})`);
      params.push(JSON.stringify(scoped.team));
    }
    if (def.access.customer) {
      owners.push(`${quote(def.access.customer)} in (${jsonValues(book)})`);
      params.push(JSON.stringify(scoped.customers));
    }
    where.push(`(${owners.join(' or ')})`);
  }
  q.filters.forEach((f, i) => {
    const column = visibleColumn(def, hidden, f.column, ['filters', i, 'column']);
    const part = filterSql(f, column, money, i);
    where.push(part.sql);
    params.push(...part.params);
  });
  const search = q.search?.trim();
  // Typed Chinese is matched by the name; typed letters also by the initials (null: by nothing).
  const initials = search && def.initials ? (typedInitials(search) ?? null) : undefined;
  if (search) {
    const matches = def.search.map((c) => `instr(lower(cast(${quote(c)} as text)), lower(?)) > 0`);
    params.push(...def.search.map(() => search));
    if (initials !== undefined) {
      matches.push('instr(_initials, ?) > 0');
      params.push(initials);
    }
    where.push(`(${matches.join(' or ')})`);
  }
  const sort = q.sort.length > 0 ? q.sort : (def.order ?? []);
  const order = sort.map((s, i) => {
    const column = visibleColumn(def, hidden, s.column, ['sort', i, 'column']);
    // Blanks first going up, last going down, on both engines (PostgreSQL's default is the reverse).
    return `${quote(column.name)} ${s.dir === 'desc' ? 'desc nulls last' : 'asc nulls first'}`;
  });
  const rankParams: unknown[] = [];
  if (initials !== undefined && q.sort.length === 0) {
    order.unshift('case when instr(lower(_key), lower(?)) = 1 then 0 when instr(_initials, ?) = 1 then 1 else 2 end');
    rankParams.push(search, initials);
  }
  // The key last, in the direction of the sort before it, so an index on (column, key) serves.
  order.push(`_key ${sort.at(-1)?.dir === 'desc' ? 'desc' : 'asc'}`);
  const body = `from (${selectOf(def, book)}) g ${where.length > 0 ? `where ${where.join(' and ')}` : ''}`;
  // Statements of their own, not the book's prepared-once cache: each page's SQL may differ.
  const total = book.driver.prepare(`select count(*) as n ${body}`).get<{ n: number }>(...params)?.n ?? 0;
  const visible = def.columns.filter((c) => !hidden.includes(c.name));
  const raw = book.driver
    .prepare(`select * ${body} order by ${order.join(', ')} limit ? offset ?`)
    .all<Record<string, unknown>>(...params, ...rankParams, q.limit, q.offset);
  const rows = raw.map((r) => toGridRow(r, visible, money));
  return {
    total,
    rows,
    columns: visible.map(({ field: _field, ...c }) => c),
    version: book.exec.value<number>('select coalesce(max(id), 0) from audit_log') ?? 0,
  };
}

/** What one applied cell was and is now: enough to build the inverse edit (undo). */
export interface AppliedGridEdit {
  key: string;
  column: string;
  /** The cell before, as text a person would type (the inverse edit's value). */
  before: string;
  after: string;
  /** The row's version after the batch (the inverse edit's version). */
  version: number;
}

const EDITORS: Readonly<Record<EditableGridKind, (book: Book) => Editor<never>>> = {
  products: productEditor,
  customers: customerEditor,
  contacts: contactEditor,
  suppliers: supplierEditor,
  salespeople: salespersonEditor,
  warehouses: warehouseEditor,
  'price-list-items': priceListItemEditor,
  promotions: promotionEditor,
  'commission-plans': commissionPlanEditor,
  users: userEditor,
  settings: settingEditor,
} as unknown as Record<EditableGridKind, (book: Book) => Editor<never>>;

/** The kinds whose cells the grid may change: the others it only lists. */
export const EDITABLE_GRID_KINDS = Object.keys(EDITORS) as EditableGridKind[];

/** The editor of a kind the grid changes; a kind it only lists is refused (`grid.kind.readonly`). */
function editorOf(kind: GridKind): (book: Book) => Editor<never> {
  if (!gridKindEditable(kind))
    throw new TradeloopError('grid.kind.readonly', `${kind} are only listed here: their own commands change them`, {
      path: [kind],
    });
  return EDITORS[kind];
}

/** The grid's command names by kind: users and settings take the permissions of their own commands. */
const COMMANDS: Partial<Record<GridKind, { edit: string; add: string; delete: string }>> = {
  users: { edit: 'gridEditUsers', add: 'gridAddUsers', delete: 'gridDeleteUsers' },
  settings: { edit: 'gridEditSettings', add: 'gridEditSettings', delete: 'gridEditSettings' },
};
/** The store command a grid change of this kind runs as: its permission is the one the change takes. */
export const gridCommandOf = (kind: GridKind, what: 'edit' | 'add' | 'delete'): string =>
  COMMANDS[kind]?.[what] ?? { edit: 'gridEdit', add: 'gridAddRows', delete: 'gridDeleteRows' }[what];

const cellIssue = (edit: GridEdit, code: string, message: string): Issue => ({
  code,
  path: [edit.key, edit.column],
  message,
  value: edit.value,
});

const inputIssues = (error: { issues: { path: PropertyKey[]; message: string }[] }): Issue[] =>
  error.issues.map((i) => ({
    code: 'input.invalid',
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[],
    message: i.message,
  }));

/** Whose rows the acting user may change, and the columns they do not see (nor change). */
function writeAccess(book: Book, kind: GridKind, def: KindDefinition) {
  // The same refusal as reading: someone limited to their own customers changes no company-wide kind.
  const { hidden } = readAccess(book, def.access, kind);
  return { scope: customerScope(book.principal), hidden };
}

/** A store refusal met while writing, as issues at the row (and the column its path names). */
function refusalIssues(e: unknown, at: (field: string | undefined) => (string | number)[]): Issue[] {
  if (!(e instanceof TradeloopError)) throw e;
  if (e.issues.length > 0)
    return e.issues.map((i) => ({ ...i, path: at(i.path[0] === undefined ? undefined : String(i.path[0])) }));
  return [{ code: e.code, path: at(e.path[0] === undefined ? undefined : String(e.path[0])), message: e.message }];
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Apply a batch of typed cells to one kind as ONE command (`gridEdit`; `gridEditUsers` and
 * `gridEditSettings` for users and settings, with those commands' permissions): every cell is read
 * by the same column rules an import uses and every row's version must be the one the person saw.
 * Any bad cell or stale row and nothing changes: the refusal (`command.rejected`) lists every bad
 * cell, its path `[key, column]`; a stale row's code is `grid.row.stale`. The audit row holds each
 * changed cell before and after. Each applied cell comes back with its old text and the row's new
 * version: the inverse batch (undo) is another call with those.
 *
 * @example
 * applyGridEdits(book, 'products', [{ key: 'TEA-001', column: 'price_minor', value: '98', version: 1 }])
 * // [{ key: 'TEA-001', column: 'price_minor', before: '88.00', after: '98.00', version: 2 }]
 */
export function applyGridEdits(book: Book, kind: GridKind, edits: readonly GridEdit[]): AppliedGridEdit[] {
  const def = readable(book, kind);
  const checked = gridEditsSchema.safeParse(edits);
  if (!checked.success) throw badQuery(inputIssues(checked.error));
  const makeEditor = editorOf(kind);
  return book.command(gridCommandOf(kind, 'edit'), () => {
    const { scope, hidden } = writeAccess(book, kind, def);
    const money = book.moneyOptions();
    const editor = makeEditor(book);
    const issues: Issue[] = [];
    type Row = { record: never; original: never; version: number; edits: GridEdit[] };
    const rows = new Map<string, Row>();
    for (const e of checked.data) {
      const column = def.columns.find((c) => c.name === e.column && !hidden.includes(c.name));
      if (!column) {
        issues.push(cellIssue(e, 'grid.column.unknown', `"${e.column}" is not a column here`));
        continue;
      }
      if (!column.editable || !column.field) {
        issues.push(cellIssue(e, 'grid.column.readonly', `${column.label.en} cannot be changed here`));
        continue;
      }
      let row = rows.get(e.key);
      if (!row) {
        const loaded = editor.load(book, e.key);
        if (!loaded || (loaded.owner && !inScope(scope, loaded.owner))) {
          issues.push(cellIssue(e, 'grid.row.unknown', `no ${kind} row ${e.key}`));
          continue;
        }
        row = { record: loaded.record, original: loaded.record, version: loaded.version, edits: [] };
        rows.set(e.key, row);
      }
      if (String(e.version) !== String(row.version)) {
        issues.push(
          cellIssue(
            e,
            'grid.row.stale',
            `the row changed since it was read (version ${e.version}, now ${row.version})`,
          ),
        );
        continue;
      }
      const parsed = editor.parse(column.field, e.value);
      if (!parsed.ok) {
        for (const i of parsed.issues) issues.push(cellIssue(e, i.code, i.message));
        continue;
      }
      // The whole row checked with each cell, so a refusal lands on the cell that brought it.
      const valid = editor.validate({ ...(row.record as object), [column.field]: parsed.value } as never, {
        [column.field]: e.value,
      });
      if (!valid.ok) {
        for (const i of valid.issues) issues.push(cellIssue(e, i.code, i.message));
        continue;
      }
      row.record = valid.value as never;
      row.edits.push(e);
    }
    const columnAt = (row: Row, field: string | undefined) =>
      def.columns.find((c) => c.field === field)?.name ?? row.edits[0]?.column ?? String(field);
    for (const [key, row] of rows) {
      if (row.edits.length === 0) continue;
      for (const i of editor.check(book, row.record, key))
        issues.push({ ...i, path: [key, columnAt(row, String(i.path[0]))] });
    }
    if (issues.length > 0) throw rejected(issues);
    const before: Record<string, Record<string, unknown>> = {};
    const after: Record<string, Record<string, unknown>> = {};
    const changed: { key: string; column: Column; was: unknown; now: unknown }[] = [];
    for (const [key, row] of rows) {
      const columns = [...new Set(row.edits.map((e) => e.column))].map(
        (name) => def.columns.find((c) => c.name === name) as Column,
      );
      const field = (r: never, c: Column) => (r as Record<string, unknown>)[c.field as string];
      const diff = columns.filter((c) => !same(field(row.original, c), field(row.record, c)));
      if (diff.length === 0) continue;
      try {
        editor.write(book, key, row.record, row.original);
      } catch (e) {
        issues.push(...refusalIssues(e, (f) => [key, columnAt(row, f)]));
        continue;
      }
      before[key] = {};
      after[key] = {};
      for (const c of diff) {
        const was = field(row.original, c);
        const now = field(row.record, c);
        (before[key] as Record<string, unknown>)[c.name] = was;
        (after[key] as Record<string, unknown>)[c.name] = now;
        changed.push({ key, column: c, was, now });
      }
    }
    if (issues.length > 0) throw rejected(issues);
    const versions = new Map<string, number>();
    const versionOf = (key: string) => {
      let v = versions.get(key);
      if (v === undefined) {
        v = editor.load(book, key)?.version ?? 0;
        versions.set(key, v);
      }
      return v;
    };
    const value = changed.map((c) => ({
      key: c.key,
      column: c.column.name,
      before: cellText(c.column.kind, c.was, money),
      after: cellText(c.column.kind, c.now, money),
      version: versionOf(c.key),
    }));
    return { value, unchanged: changed.length === 0, document: kind, before, after };
  });
}

const selectOf = (def: KindDefinition, book: Book): string =>
  typeof def.select === 'function' ? def.select(book) : def.select;

/** A row as the grid's page shows it, read by key. */
function rowByKey(book: Book, def: KindDefinition, hidden: readonly string[], key: string): GridRow | undefined {
  const params: unknown[] = def.rows ? [JSON.stringify(def.rows(book))] : [];
  const r = book.exec.selectOne<Record<string, unknown>>(
    `select * from (${selectOf(def, book)}) g where _key = ?`,
    ...params,
    key,
  );
  if (!r) return undefined;
  return toGridRow(
    r,
    def.columns.filter((c) => !hidden.includes(c.name)),
    book.moneyOptions(),
  );
}

const fixed = (kind: GridKind) =>
  new TradeloopError('grid.kind.fixed', `the rows of ${kind} are fixed: change their values instead`, { path: [kind] });

/**
 * Add rows to one kind as ONE command (`gridAddRows`; `gridAddUsers` for users): each row's cells
 * are read by the kind's import rules, the key's columns included; a key the book holds (SKUs and
 * codes compared without case, as everywhere in the book) is a bad cell. Any bad cell and nothing
 * is added: `command.rejected`, each issue's path `[row index in the request, column]`. Settings
 * have fixed rows (`grid.kind.fixed`).
 *
 * @example
 * addGridRows(book, 'suppliers', [{ values: { code: 'S9', name: '云南茶厂', grade: 'A' } }])
 * // [{ key: 'S9', version: 0, values: { code: 'S9', name: '云南茶厂', grade: 'A', payment_days: 30, tax_id: null } }]
 */
export function addGridRows(book: Book, kind: GridKind, rows: readonly GridNewRow[]): GridRow[] {
  const def = readable(book, kind);
  const checked = gridNewRowsSchema.safeParse(rows);
  if (!checked.success) throw badQuery(inputIssues(checked.error));
  const editor = editorOf(kind)(book);
  if (!editor.blank || !editor.insert) throw fixed(kind);
  const { blank, insert } = editor as Required<Editor<never>>;
  return book.command(gridCommandOf(kind, 'add'), () => {
    const { scope, hidden } = writeAccess(book, kind, def);
    const issues: Issue[] = [];
    const records: never[] = [];
    const keys = new Map<string, number>();
    const columnOf = (field: string | undefined) => def.columns.find((c) => c.field === field);
    checked.data.forEach((row, index) => {
      const at = (column: string) => [index, column];
      let record = blank(book);
      const shown: Record<string, string> = {};
      const bad = issues.length;
      for (const name of Object.keys(row.values)) {
        const c = def.columns.find((x) => x.name === name && !hidden.includes(x.name));
        if (!c) issues.push({ code: 'grid.column.unknown', path: at(name), message: `"${name}" is not a column here` });
        else if (!c.insertable)
          issues.push({
            code: 'grid.column.readonly',
            path: at(name),
            message: `${c.label.en} is not typed on a new row`,
          });
      }
      // The key's cells first: what the new row takes from the book (a list's scope) hangs on them.
      const insertable = def.columns.filter((c) => c.insertable && c.field && !hidden.includes(c.name));
      const ordered = [...insertable.filter((c) => c.key), ...insertable.filter((c) => !c.key)];
      for (const c of ordered) {
        const field = c.field as string;
        const text = row.values[c.name] ?? '';
        if (c === ordered.find((x) => !x.key) && editor.seed) record = editor.seed(book, record);
        if (text.trim() === '' && !c.required) continue;
        const parsed = editor.parse(field, text);
        if (!parsed.ok) {
          for (const i of parsed.issues) issues.push({ ...i, path: at(c.name), value: text });
          continue;
        }
        record = { ...(record as object), [field]: parsed.value } as never;
        shown[field] = text;
      }
      if (issues.length > bad) return;
      const valid = editor.validate(record, shown);
      if (!valid.ok) {
        for (const i of valid.issues)
          issues.push({ ...i, path: at(columnOf(String(i.path[0]))?.name ?? String(i.path[0])) });
        return;
      }
      record = valid.value as never;
      // Rows named by an id (contacts) answer at their first cell.
      const keyColumn = (def.columns.find((c) => c.key) ?? def.columns.find((c) => c.insertable))?.name ?? 'key';
      const key = editor.keyOf?.(record) ?? '';
      const clash = editor.clash?.(book, record);
      const twin = keys.get(key.toLowerCase());
      if (clash !== undefined || twin !== undefined) {
        issues.push({
          code: 'grid.row.duplicate',
          path: at(keyColumn),
          message: clash !== undefined ? `${clash} is already in the book` : `row ${twin} has the same key`,
          value: key,
        });
        return;
      }
      keys.set(key.toLowerCase(), index);
      const owner = editor.ownerOf?.(book, record);
      if (owner && !inScope(scope, owner)) {
        issues.push({
          code: 'permission.scope',
          path: at(keyColumn),
          message: 'is not one of your customers',
          value: key,
        });
        return;
      }
      for (const i of editor.check(book, record, undefined))
        issues.push({ ...i, path: at(columnOf(String(i.path[0]))?.name ?? String(i.path[0])) });
      records.push(record);
    });
    if (issues.length > 0) throw rejected(issues);
    const created: string[] = [];
    records.forEach((record, index) => {
      try {
        created.push(insert(book, record));
      } catch (e) {
        issues.push(...refusalIssues(e, (f) => [index, columnOf(f)?.name ?? f ?? 'key']));
      }
    });
    if (issues.length > 0) throw rejected(issues);
    const value = created.map((key) => rowByKey(book, def, hidden, key) as GridRow);
    return { value, document: kind, after: Object.fromEntries(value.map((r) => [r.key, r.values])) };
  });
}

/** A deleted row: its key and its cells as text a person types (adding them back restores the row). */
export interface DeletedGridRow {
  key: string;
  values: Record<string, string>;
}

/**
 * Delete rows of one kind as ONE command (`gridDeleteRows`; `gridDeleteUsers` for users). A row
 * the book still refers to is refused (`grid.row.referenced`, naming what refers to it and what to
 * do instead: records with history are kept, and archived by their own column); a stale version
 * is `grid.row.stale`. Any refusal and nothing is deleted: `command.rejected`, issues at `[key]`.
 * Each deleted row comes back with the text of its cells a new row takes, to add it back (undo).
 *
 * @example
 * deleteGridRows(book, 'products', [{ key: 'TEA-001', version: 3 }])
 * // throws command.rejected: [{ code: 'grid.row.referenced', path: ['TEA-001'], message: 'TEA-001 is on 3 sales order lines; set Listed to no instead' }]
 */
export function deleteGridRows(book: Book, kind: GridKind, rows: readonly GridRowRef[]): DeletedGridRow[] {
  const def = readable(book, kind);
  const checked = gridRowRefsSchema.safeParse(rows);
  if (!checked.success) throw badQuery(inputIssues(checked.error));
  const editor = editorOf(kind)(book);
  if (!editor.remove) throw fixed(kind);
  const remove = editor.remove;
  return book.command(gridCommandOf(kind, 'delete'), () => {
    const { scope, hidden } = writeAccess(book, kind, def);
    // A deleted row's cells are every insertable one, seen or not, so adding it back restores it whole;
    // someone who does not see a column deletes no row holding it.
    const issues: Issue[] = [];
    const money = book.moneyOptions();
    const gone: { key: string; record: never; values: Record<string, string> }[] = [];
    for (const { key, version } of checked.data) {
      const loaded = editor.load(book, key);
      if (!loaded || (loaded.owner && !inScope(scope, loaded.owner))) {
        issues.push({ code: 'grid.row.unknown', path: [key], message: `no ${kind} row ${key}` });
        continue;
      }
      if (String(version) !== String(loaded.version)) {
        issues.push({
          code: 'grid.row.stale',
          path: [key],
          message: `the row changed since it was read (version ${version}, now ${loaded.version})`,
        });
        continue;
      }
      if (def.columns.some((c) => c.insertable && hidden.includes(c.name))) {
        issues.push({ code: 'permission.columns', path: [key], message: 'holds figures your roles do not see' });
        continue;
      }
      try {
        const why = editor.referenced?.(book, key, loaded.record);
        if (why) {
          issues.push({ code: 'grid.row.referenced', path: [key], message: why });
          continue;
        }
      } catch (e) {
        issues.push(...refusalIssues(e, () => [key]));
        continue;
      }
      const row = rowByKey(book, def, [], key);
      const values = Object.fromEntries(
        def.columns
          .filter((c) => c.insertable)
          .map((c) => [
            c.name,
            cellText(
              c.kind,
              c.field ? (loaded.record as Record<string, unknown>)[c.field] : row?.values[c.name],
              money,
            ),
          ]),
      );
      gone.push({ key, record: loaded.record, values });
    }
    if (issues.length > 0) throw rejected(issues);
    for (const g of gone) remove(book, g.key, g.record);
    const value = gone.map(({ key, values }) => ({ key, values }));
    return { value, document: kind, before: Object.fromEntries(value.map((r) => [r.key, r.values])) };
  });
}
