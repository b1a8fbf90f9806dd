import { createHash } from 'node:crypto';
import {
  type ColumnClass,
  type CustomerRow,
  customerColumns,
  customerRowSchema,
  customerScope,
  editProductField,
  formatMoney,
  formatPercent,
  formatQuantity,
  type GridCellKind,
  type GridEdit,
  type GridFilter,
  type GridKind,
  type GridQuery,
  gridEditsSchema,
  gridQuerySchema,
  type Issue,
  inScope,
  type MoneyOptions,
  normalizeName,
  type Permission,
  type Product,
  parseBoolean,
  parseMoney,
  parsePercent,
  parseQuantity,
  productColumns,
  type Result,
  TradeloopError,
  validated,
} from '@tradeloop/core';
import { hiddenColumns, type RowAccess, readAccess } from './access.js';
import type { Book } from './book.js';
import { listConfig } from './config.js';
import { LIST_ACCESS } from './lists.js';
import { getProduct } from './products.js';
import { rejected } from './refusal.js';

/** What the grid says of one column: how its data reads and whether a person may type into it. */
export interface GridColumn {
  name: string;
  label: { en: string; zh: string };
  kind: GridCellKind;
  editable: boolean;
  required: boolean;
  /** The class of figures the column holds, when some roles never see it. */
  class?: ColumnClass;
  /** The values a choice column takes. */
  choices?: readonly string[];
}

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

type Column = GridColumn & {
  /** Editable: the field of the record the kind's editor changes. */
  field?: string;
};

/**
 * One kind of record as the grid reads it: `select` gives every column by its name plus `_key`
 * and `_version`, with no order; the page's filters, search and order wrap it, so they name
 * columns by the same names (SQLite flattens the wrapping, and indexes still serve).
 */
interface KindDefinition {
  select: string;
  columns: readonly Column[];
  /** Columns quick search looks in. */
  search: readonly string[];
  access: RowAccess;
  /** A permission reading the kind takes beyond `book.read`. */
  permission?: Permission;
  /** Rows given by the program rather than a table, read through the same SQL as JSON. */
  rows?: (book: Book) => Record<string, unknown>[];
}

const col = (
  name: string,
  en: string,
  zh: string,
  kind: GridCellKind,
  more: Partial<Omit<Column, 'name' | 'label' | 'kind'>> = {},
): Column => ({ name, label: { en, zh }, kind, editable: false, required: false, ...more });
const edit = (field: string, required = false) => ({ editable: true, required, field });

const PRODUCT_ACCESS: RowAccess = { columns: { cost_minor: 'cost' } };

const KINDS: Readonly<Record<GridKind, KindDefinition>> = {
  products: {
    select: `select p.sku as _key, p.version as _version, p.sku, p.name, p.name_en, c.path as category, p.uom,
        p.price_minor, p.cost_minor, p.tax_rate_bp, p.listed
      from products p join categories c on c.id = p.category_id`,
    columns: [
      col('sku', 'SKU', '编码', 'text', { required: true }),
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
    access: PRODUCT_ACCESS,
  },
  customers: {
    select: `select c.code as _key, c.version as _version, c.code, c.name, c.tier, c.channel, c.region, s.code as owner,
        c.credit_limit_minor, c.terms, c.payment_days, c.tax_id, c.phone, c.address, c.bank_account
      from customers c left join salespeople s on s.id = c.owner_id`,
    columns: [
      col('code', 'Code', '编码', 'text', { required: true }),
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
    access: LIST_ACCESS.customers,
  },
  contacts: {
    select: `select cast(k.id as text) as _key, k.version as _version, c.code as customer, k.name, k.title, k.phone, k.email, k.wechat
      from contacts k join customers c on c.id = k.customer_id`,
    columns: [
      col('customer', 'Customer', '客户', 'text', { required: true }),
      col('name', 'Name', '姓名', 'text', { required: true }),
      col('title', 'Title', '职务', 'text'),
      col('phone', 'Phone', '电话', 'text'),
      col('email', 'Email', '邮箱', 'text'),
      col('wechat', 'WeChat', '微信', 'text'),
    ],
    search: ['customer', 'name'],
    access: LIST_ACCESS.contacts,
  },
  suppliers: {
    select: 'select code as _key, version as _version, code, name, grade, payment_days, tax_id from suppliers',
    columns: [
      col('code', 'Code', '编码', 'text', { required: true }),
      col('name', 'Name', '名称', 'text', { required: true }),
      col('grade', 'Grade', '等级', 'choice', { choices: ['A', 'B', 'C', 'D'] }),
      col('payment_days', 'Payment days', '账期', 'integer'),
      col('tax_id', 'Tax id', '税号', 'text'),
    ],
    search: ['code', 'name'],
    access: LIST_ACCESS.suppliers,
  },
  salespeople: {
    select: `select s.code as _key, s.version as _version, s.code, s.name, s.level, m.code as manager, s.max_discount_bp
      from salespeople s left join salespeople m on m.id = s.manager_id`,
    columns: [
      col('code', 'Code', '编码', 'text', { required: true }),
      col('name', 'Name', '姓名', 'text', { required: true }),
      col('level', 'Level', '级别', 'text', { required: true }),
      col('manager', 'Manager', '上级', 'text'),
      col('max_discount_bp', 'Max discount', '最大折扣', 'percent'),
    ],
    search: ['code', 'name'],
    access: LIST_ACCESS.salespeople,
  },
  warehouses: {
    select: `select w.code as _key, w.version as _version, w.code, w.name, w.type,
        (select group_concat(code, ';') from (select b.code from bins b where b.warehouse_id = w.id order by b.code)) as bins
      from warehouses w`,
    columns: [
      col('code', 'Code', '编码', 'text', { required: true }),
      col('name', 'Name', '名称', 'text', { required: true }),
      col('type', 'Type', '类型', 'choice', { choices: ['main', 'branch', 'transit', 'returns'] }),
      col('bins', 'Bins', '库位', 'text'),
    ],
    search: ['code', 'name'],
    access: LIST_ACCESS.warehouses,
  },
  'price-list-items': {
    select: `select l.code || '|' || p.sku || '|' || i.min_qty as _key, i.version as _version, l.code as list,
        l.scope_kind as scope, l.scope_value, p.sku, i.min_qty, i.max_qty, i.price_minor, l.valid_from, l.valid_to, l.tax_inclusive
      from price_list_items i join price_lists l on l.id = i.price_list_id join products p on p.id = i.product_id`,
    columns: [
      col('list', 'List', '价目表', 'text', { required: true }),
      col('scope', 'Scope', '适用', 'choice', { choices: ['base', 'tier', 'channel', 'customer'] }),
      col('scope_value', 'Scope value', '适用对象', 'text'),
      col('sku', 'SKU', '编码', 'text', { required: true }),
      col('min_qty', 'From qty', '起订量', 'qty'),
      col('max_qty', 'To qty', '截止量', 'qty'),
      col('price_minor', 'Price', '价格', 'money', { required: true }),
      col('valid_from', 'Valid from', '生效日', 'date'),
      col('valid_to', 'Valid to', '失效日', 'date'),
      col('tax_inclusive', 'Tax inclusive', '含税', 'bool'),
    ],
    search: ['list', 'sku'],
    access: LIST_ACCESS['price-lists'],
  },
  promotions: {
    select: `select code as _key, version as _version, code, kind, value, valid_from, valid_to, applies_json, min_qty, max_qty, stackable
      from promotions`,
    columns: [
      col('code', 'Code', '编码', 'text', { required: true }),
      col('kind', 'Kind', '类型', 'choice', { choices: ['percent', 'fixed_price', 'amount_off'] }),
      // Basis points for a percent promotion, minor units for the others: the kind says which.
      col('value', 'Value', '数值', 'integer', { required: true }),
      col('valid_from', 'Valid from', '开始', 'date', { required: true }),
      col('valid_to', 'Valid to', '结束', 'date', { required: true }),
      col('applies_json', 'Applies to', '适用范围', 'text'),
      col('min_qty', 'Min qty', '最少数量', 'qty'),
      col('max_qty', 'Max qty', '最多数量', 'qty'),
      col('stackable', 'Stackable', '可叠加', 'bool'),
    ],
    search: ['code'],
    access: LIST_ACCESS.promotions,
  },
  'commission-plans': {
    select: `select level as _key, version as _version, level, code, base, scheme_json, manager_override_bp
      from commission_plans`,
    columns: [
      col('level', 'Level', '级别', 'text', { required: true }),
      col('code', 'Code', '编码', 'text', { required: true }),
      col('base', 'Base', '计提基础', 'choice', { choices: ['net_sales', 'gross_margin', 'collected'] }),
      col('scheme_json', 'Scheme', '方案', 'text'),
      col('manager_override_bp', 'Manager override', '管理提成', 'percent'),
    ],
    search: ['level', 'code'],
    access: {},
  },
  users: {
    select: `select u.name as _key, u.version as _version, u.name, u.display_name, u.roles, s.code as salesperson,
        c.code as customer, u.disabled, u.created_at
      from users u left join salespeople s on s.id = u.salesperson_id left join customers c on c.id = u.customer_id`,
    columns: [
      col('name', 'Name', '用户名', 'text', { required: true }),
      col('display_name', 'Display name', '显示名', 'text'),
      col('roles', 'Roles', '角色', 'text'),
      col('salesperson', 'Salesperson', '业务员', 'text'),
      col('customer', 'Customer', '客户', 'text'),
      col('disabled', 'Disabled', '停用', 'bool'),
      col('created_at', 'Created', '创建时间', 'date'),
    ],
    search: ['name', 'display_name'],
    access: {},
    permission: 'users.manage',
  },
  settings: {
    select: `select json_extract(j.value, '$.key') as _key, json_extract(j.value, '$.version') as _version,
        json_extract(j.value, '$.key') as key, json_extract(j.value, '$.value') as value,
        json_extract(j.value, '$.default') as "default", json_extract(j.value, '$.set') as "set",
        json_extract(j.value, '$.description') as description
      from json_each(?) j`,
    columns: [
      col('key', 'Key', '设置项', 'text', { required: true }),
      col('value', 'Value', '值', 'text'),
      col('default', 'Default', '默认值', 'text'),
      col('set', 'Set', '已设置', 'bool'),
      col('description', 'Description', '说明', 'text'),
    ],
    search: ['key', 'description'],
    access: {},
    rows: (book) => listConfig(book).map((e) => ({ ...e, set: e.set ? 1 : 0, version: settingVersion(e.stored) })),
  },
};

/**
 * A setting's row version. Settings are key and text, kept in no table of their own to count
 * updates in: the version is the stored text's SHA-256, cut to an integer, so it changes when the
 * text does.
 */
const settingVersion = (stored: string): number =>
  Number.parseInt(createHash('sha256').update(stored).digest('hex').slice(0, 12), 16);

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
      return { sql: `(${c} is null or ${c} = '')`, params: [] };
    case 'contains':
      return { sql: `instr(lower(${c}), lower(?)) > 0`, params: [String(f.value ?? '')] };
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
      owners.push(`${quote(def.access.salesperson)} in (select value from json_each(?))`);
      params.push(JSON.stringify(scoped.team));
    }
    if (def.access.customer) {
      owners.push(`${quote(def.access.customer)} in (select value from json_each(?))`);
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
  if (search) {
    where.push(`(${def.search.map((c) => `instr(lower(${quote(c)}), lower(?)) > 0`).join(' or ')})`);
    params.push(...def.search.map(() => search));
  }
  const order = q.sort.map((s, i) => {
    const column = visibleColumn(def, hidden, s.column, ['sort', i, 'column']);
    return `${quote(column.name)} ${s.dir === 'desc' ? 'desc' : 'asc'}`;
  });
  // The key last, in the direction of the sort before it, so an index on (column, key) serves.
  order.push(`_key ${q.sort.at(-1)?.dir === 'desc' ? 'desc' : 'asc'}`);
  const body = `from (${def.select}) ${where.length > 0 ? `where ${where.join(' and ')}` : ''}`;
  // Statements of their own, not the book's prepared-once cache: each page's SQL may differ.
  const total =
    (book.sqlite
      .prepare(`select count(*) ${body}`)
      .pluck()
      .get(...params) as number | undefined) ?? 0;
  const visible = def.columns.filter((c) => !hidden.includes(c.name));
  const raw = book.sqlite
    .prepare(`select * ${body} order by ${order.join(', ')} limit ? offset ?`)
    .all(...params, q.limit, q.offset) as Record<string, unknown>[];
  const rows = raw.map((r) => {
    const values = Object.fromEntries(
      visible.map((c) => [c.name, c.kind === 'bool' && r[c.name] !== null ? r[c.name] === 1 : r[c.name]]),
    );
    return {
      key: String(r._key),
      version: Number(r._version),
      values,
      text: Object.fromEntries(visible.map((c) => [c.name, cellText(c.kind, values[c.name], money)])),
    };
  });
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

/** A cell's data as text a person types, so that an edit of it with this text changes nothing. */
function cellText(kind: GridCellKind, value: unknown, money: MoneyOptions): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'money':
      return formatMoney(value as number, money);
    case 'qty':
      return formatQuantity(value as number);
    case 'percent':
      return `${formatPercent(value as number)}%`;
    case 'bool':
      return value ? 'yes' : 'no';
    default:
      return String(value);
  }
}

/** One kind's cell editor: reads a row, applies typed cells to it, writes it back. */
interface Editor<R> {
  load(
    book: Book,
    key: string,
  ): { record: R; version: number; owner?: { salesperson: string | null; customer: string } } | undefined;
  apply(record: R, column: Column, text: string, money: MoneyOptions): Result<R>;
  /** The row's whole check, once its cells are in: issues by field. */
  check(book: Book, record: R): Issue[];
  write(book: Book, key: string, record: R): void;
}

const PRODUCT_GRID_FIELDS: Record<string, keyof Product> = {
  name: 'name',
  nameEn: 'nameEn',
  category: 'category',
  uom: 'uom',
  price: 'price',
  cost: 'cost',
  taxRate: 'taxRate',
  listed: 'listed',
};

const productEditor = (book: Book): Editor<Product> => {
  const columns = productColumns(book.moneyOptions());
  return {
    load: (b, key) => {
      const record = getProduct(b, key);
      if (!record) return undefined;
      return { record, version: b.exec.value<number>('select version from products where sku = ?', key) ?? 0 };
    },
    apply: (record, column, text) =>
      editProductField(record, PRODUCT_GRID_FIELDS[column.field ?? ''] ?? '', text, columns),
    check: () => [],
    write: (b, key, p) => {
      const category = ensureCategoryId(b, p.category);
      b.exec.execute(
        `update products set name = ?, name_en = ?, category_id = ?, uom = ?, price_minor = ?, cost_minor = ?,
           tax_rate_bp = ?, listed = ?, updated_at = ? where sku = ?`,
        p.name,
        p.nameEn,
        category,
        p.uom,
        p.price,
        p.cost,
        p.taxRate,
        p.listed ? 1 : 0,
        b.now(),
        key,
      );
    },
  };
};

/** The category's id, the path and its parents created as an import would. */
function ensureCategoryId(book: Book, path: string): number {
  const found = book.exec.value<number>('select id from categories where path = ?', path);
  if (found !== undefined) return found;
  const parts = path.split('/');
  const parent = parts.length > 1 ? ensureCategoryId(book, parts.slice(0, -1).join('/')) : null;
  return Number(
    book.exec.execute(
      'insert into categories (path, name, parent_id) values (?, ?, ?)',
      path,
      parts.at(-1) ?? path,
      parent,
    ).lastInsertRowid,
  );
}

const customerEditor = (book: Book): Editor<CustomerRow> => {
  const columns = customerColumns(book.moneyOptions());
  return {
    load: (b, key) => {
      const [r] = b.exec.select<Record<string, unknown>>(
        'select c.*, s.code as owner from customers c left join salespeople s on s.id = c.owner_id where c.code = ?',
        key,
      );
      if (!r) return undefined;
      const record: CustomerRow = {
        code: r.code as string,
        name: r.name as string,
        tier: r.tier as string | null,
        channel: r.channel as string | null,
        region: r.region as string | null,
        owner: r.owner as string | null,
        creditLimit: r.credit_limit_minor as number | null,
        terms: r.terms as CustomerRow['terms'],
        paymentDays: r.payment_days as number,
        taxId: r.tax_id as string | null,
        phone: r.phone as string | null,
        address: r.address as string | null,
        bankAccount: r.bank_account as string | null,
      };
      return { record, version: r.version as number, owner: { salesperson: record.owner, customer: record.code } };
    },
    apply: (record, column, text) => {
      const spec = columns.find((c) => c.field === column.field);
      if (!spec)
        return { ok: false, issues: [{ code: 'grid.column.readonly', path: [], message: 'cannot be changed here' }] };
      if (text.trim() === '') {
        if (spec.required)
          return {
            ok: false,
            issues: [{ code: `customer.${spec.field}.required`, path: [], message: 'is required', value: text }],
          };
        return { ok: true, value: { ...record, [spec.field]: spec.fallback ?? null } };
      }
      const parsed = spec.parse(text);
      if (!parsed.ok) return parsed as Result<never>;
      return validated(
        customerRowSchema,
        'customer',
        { ...record, [spec.field]: parsed.value },
        { [spec.field]: text },
      );
    },
    check: (b, c) =>
      c.owner !== null && b.exec.value<number>('select id from salespeople where code = ?', c.owner) === undefined
        ? [{ code: 'customer.owner.unknown', path: ['owner'], message: `no salesperson ${c.owner}`, value: c.owner }]
        : [],
    write: (b, key, c) => {
      b.exec.execute(
        `update customers set name = ?, normalized_name = ?, tier = ?, channel = ?, region = ?,
           owner_id = (select id from salespeople where code = ?), credit_limit_minor = ?, terms = ?, payment_days = ?,
           tax_id = ?, phone = ?, address = ?, bank_account = ? where code = ?`,
        c.name,
        normalizeName(c.name),
        c.tier,
        c.channel,
        c.region,
        c.owner,
        c.creditLimit,
        c.terms,
        c.paymentDays,
        c.taxId,
        c.phone,
        c.address,
        c.bankAccount,
        key,
      );
    },
  };
};

const EDITORS: Partial<Record<GridKind, (book: Book) => Editor<never>>> = {
  products: productEditor as (book: Book) => Editor<never>,
  customers: customerEditor as (book: Book) => Editor<never>,
};

/** The kinds whose cells the grid may change (the others are read-only for now). */
export const EDITABLE_GRID_KINDS = Object.keys(EDITORS) as GridKind[];

const cellIssue = (edit: GridEdit, code: string, message: string): Issue => ({
  code,
  path: [edit.key, edit.column],
  message,
  value: edit.value,
});

/**
 * Apply a batch of typed cells to one kind as ONE command (`gridEdit`): every cell is read by the
 * same column rules an import uses and every row's version must be the one the person saw. Any bad
 * cell or stale row and nothing changes: the refusal (`command.rejected`) lists every bad cell,
 * its path `[key, column]`; a stale row's code is `grid.row.stale`. The audit row holds each
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
  if (!checked.success)
    throw badQuery(
      checked.error.issues.map((i) => ({
        code: 'input.invalid',
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  const makeEditor = EDITORS[kind];
  if (!makeEditor)
    throw new TradeloopError('grid.kind.readonly', `${kind} cannot be edited in the grid yet`, { path: [kind] });
  return book.command('gridEdit', () => {
    const actor = book.principal;
    const scope = customerScope(actor);
    const hidden = hiddenColumns(actor, def.access);
    const money = book.moneyOptions();
    const editor = makeEditor(book);
    const issues: Issue[] = [];
    const rows = new Map<string, { record: never; original: never; version: number; edits: GridEdit[] }>();
    for (const e of checked.data) {
      const column = def.columns.find((c) => c.name === e.column && !hidden.includes(c.name));
      if (!column) {
        issues.push(cellIssue(e, 'grid.column.unknown', `"${e.column}" is not a column here`));
        continue;
      }
      if (!column.editable) {
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
      const applied = editor.apply(row.record, column, e.value, money);
      if (!applied.ok) {
        for (const i of applied.issues) issues.push({ ...cellIssue(e, i.code, i.message) });
        continue;
      }
      row.record = applied.value as never;
      row.edits.push(e);
    }
    for (const [key, row] of rows)
      for (const i of editor.check(book, row.record)) {
        const column = def.columns.find((c) => c.field === i.path[0]);
        issues.push({ ...i, path: [key, column?.name ?? String(i.path[0])] });
      }
    if (issues.length > 0) throw rejected(issues);
    const before: Record<string, Record<string, unknown>> = {};
    const after: Record<string, Record<string, unknown>> = {};
    const changed: { key: string; column: Column; was: unknown; now: unknown }[] = [];
    for (const [key, row] of rows) {
      const columns = [...new Set(row.edits.map((e) => e.column))].map(
        (name) => def.columns.find((c) => c.name === name) as Column,
      );
      const diff = columns.filter((c) => {
        const f = c.field as string;
        return (row.original as Record<string, unknown>)[f] !== (row.record as Record<string, unknown>)[f];
      });
      if (diff.length === 0) continue;
      editor.write(book, key, row.record);
      before[key] = {};
      after[key] = {};
      for (const c of diff) {
        const was = (row.original as Record<string, unknown>)[c.field as string];
        const now = (row.record as Record<string, unknown>)[c.field as string];
        (before[key] as Record<string, unknown>)[c.name] = was;
        (after[key] as Record<string, unknown>)[c.name] = now;
        changed.push({ key, column: c, was, now });
      }
    }
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
