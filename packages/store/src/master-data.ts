import {
  type CommissionBase,
  type CommissionScheme,
  formatMoney,
  normalizeName,
  type PriceList,
  type PriceListScope,
  type Promotion,
  parseCommissionPlan,
  ROLES,
  TradeloopError,
  taxModeOf,
  validatePricingRules,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';
import { rejected } from './refusal.js';
import { searchInitials } from './search-initials.js';

/** A record named by its natural key that the book does not hold: a refusal, with the key. */
export function notFound(kind: string, key: string): TradeloopError {
  return new TradeloopError('command.rejected', `no ${kind} ${key}`, {
    path: [kind],
    hint: `create the ${kind} first`,
  });
}

export function idOf(book: Book, table: string, key: string, kind = table.replace(/s$/, '')): number {
  const column = table === 'products' ? 'sku' : table === 'users' ? 'name' : 'code';
  const id = book.exec.value<number>(`select id from ${table} where ${column} = ?`, key);
  if (id !== undefined) return id;
  // A SKU typed in another case (t-001) names the one product whose code it is (T-001).
  if (table === 'products') {
    const ids = book.exec.select<{ id: number }>('select id from products where lower(sku) = lower(?) limit 2', key);
    if (ids.length === 1) return (ids[0] as { id: number }).id;
  }
  throw notFound(kind, key);
}

/** The roles a user holds, none for a user the book does not know. */
export function rolesOf(book: Book, user: string): string[] {
  const row = book.exec.get(book.db.selectFrom('users').select('roles').where('name', '=', user));
  return (row?.roles ?? '').split(',').filter(Boolean);
}

/**
 * Who approves, with the roles their approval counts for: the acting user, or (for a program
 * acting as the book's owner) the user it names. An owner's approval counts for every role.
 */
export function approverOf(book: Book, user: string | undefined): { user: string; roles: string[] } {
  const principal = book.principal;
  if (user !== undefined && user !== principal.user) {
    if (!principal.roles.includes('owner'))
      throw new TradeloopError('permission.denied', `${principal.user} may not approve in ${user}'s name`, {
        path: ['approver'],
      });
    const roles = rolesOf(book, user);
    return { user, roles: roles.includes('owner') ? [...ROLES] : roles };
  }
  return { user: principal.user, roles: principal.roles.includes('owner') ? [...ROLES] : [...principal.roles] };
}

export interface WarehouseInput {
  code: string;
  name: string;
  type?: 'main' | 'branch' | 'transit' | 'returns';
  bins?: string[];
}

export interface CustomerInput {
  code: string;
  name: string;
  tier?: string | null;
  channel?: string | null;
  region?: string | null;
  owner?: string | null;
  creditLimit?: number | null;
  terms?: 'prepaid' | 'credit';
  paymentDays?: number;
  taxId?: string | null;
  phone?: string | null;
  address?: string | null;
  bankAccount?: string | null;
}

export interface ContactInput {
  /** Customer code. */
  customer: string;
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
}

/** A salesperson's net sales target for a month (`YYYY-MM`), in minor units. */
export interface TargetInput {
  salesperson: string;
  month: string;
  amount: number;
}

/** What an upsert did to one kind of record, by natural key; `changes` name the fields that moved. */
export interface EntityChanges {
  inserted: string[];
  updated: { key: string; changes: { field: string; before: unknown; after: unknown }[] }[];
  unchanged: number;
}

type Snapshot = Record<string, string | number | null>;
type Given = Record<string, string | number | null | undefined>;

/**
 * Insert a record, or update the fields it gives: a field left undefined keeps what the book has
 * (an import without that column must not blank it, as in Odoo and ERPNext) and takes its
 * fallback on insert.
 */
function upsertRow(
  book: Book,
  table: string,
  key: Record<string, unknown>,
  fields: Record<string, { value: unknown; fallback?: unknown; update?: string }>,
): void {
  const columns = [...Object.keys(key), ...Object.keys(fields)];
  const values = [
    ...Object.values(key),
    ...Object.values(fields).map((f) => (f.value === undefined ? (f.fallback ?? null) : f.value)),
  ];
  const set = Object.entries(fields)
    .filter(([, f]) => f.value !== undefined)
    .map(([column, f]) => `${column} = ${f.update ?? `excluded.${column}`}`);
  book.exec.execute(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})
     on conflict (${Object.keys(key).join(', ')}) do ${set.length > 0 ? `update set ${set.join(', ')}` : 'nothing'}`,
    ...values,
  );
}

function changeTracker() {
  const out: Record<string, EntityChanges> = {};
  return {
    out,
    note(entity: string, key: string, before: Snapshot | undefined, after: Given) {
      out[entity] ??= { inserted: [], updated: [], unchanged: 0 };
      const e = out[entity];
      if (!before) {
        e.inserted.push(key);
        return;
      }
      // A field not given (undefined) is kept as the book has it, so it cannot have changed.
      const changes = Object.keys(after)
        .filter((f) => after[f] !== undefined && (before[f] ?? null) !== (after[f] ?? null))
        .map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
      if (changes.length > 0) e.updated.push({ key, changes });
      else e.unchanged += 1;
    },
  };
}

export interface SupplierInput {
  code: string;
  name: string;
  grade?: 'A' | 'B' | 'C' | 'D';
  paymentDays?: number;
  taxId?: string | null;
}

export interface SalespersonInput {
  code: string;
  name: string;
  level: string;
  manager?: string | null;
  maxDiscount?: number;
}

export interface ProductSettingsInput {
  sku: string;
  floorPrice?: number | null;
  batchTracked?: boolean;
  expiryTracked?: boolean;
  reorderQty?: number;
  maxLevel?: number | null;
  packSize?: number;
  moq?: number;
  leadTimeDays?: number;
  safetyStock?: number;
  preferredSupplier?: string | null;
  exclusiveChannels?: string[] | null;
  /** Thousandths; null: planning computes it from demand and lead time. */
  reorderPoint?: number | null;
  shelfLifeDays?: number | null;
  barcode?: string | null;
}

/** Product rule fields and the columns that hold them; what a value is written as, if not itself. */
const PRODUCT_RULES: Record<Exclude<keyof ProductSettingsInput, 'sku'>, string> = {
  floorPrice: 'floor_price_minor',
  batchTracked: 'batch_tracked',
  expiryTracked: 'expiry_tracked',
  reorderQty: 'reorder_qty',
  maxLevel: 'max_level',
  packSize: 'pack_size',
  moq: 'moq',
  leadTimeDays: 'lead_time_days',
  safetyStock: 'safety_stock',
  preferredSupplier: 'preferred_supplier_id',
  exclusiveChannels: 'exclusive_channels',
  reorderPoint: 'reorder_point',
  shelfLifeDays: 'shelf_life_days',
  barcode: 'barcode',
};

/** A product's rules as the book holds them, keyed by field: what a change is compared with. */
function productRuleSnapshot(book: Book, sku: string): Snapshot | undefined {
  return book.exec.selectOne<Snapshot>(
    `select p.floor_price_minor as floorPrice, p.batch_tracked as batchTracked, p.expiry_tracked as expiryTracked,
       p.reorder_qty as reorderQty, p.max_level as maxLevel, p.pack_size as packSize, p.moq, p.lead_time_days as leadTimeDays,
       p.safety_stock as safetyStock, s.code as preferredSupplier, p.exclusive_channels as exclusiveChannels,
       p.reorder_point as reorderPoint, p.shelf_life_days as shelfLifeDays, p.barcode
     from products p left join suppliers s on s.id = p.preferred_supplier_id where p.sku = ?`,
    sku,
  );
}

/**
 * Master data in one transaction, upserted by natural key. Everything is optional; what is given
 * is written. Order matters only for references, so the groups run in dependency order.
 *
 * @example
 * upsertMasterData(book, { warehouses: [{ code: 'WH1', name: '主仓' }], suppliers: [{ code: 'S1', name: '福建茶业' }] });
 */
/**
 * Write a promotion by its code: added, or every field replaced. The import and the grid write
 * promotions through here, so both keep the same columns.
 */
export function writePromotion(
  book: Book,
  p: Pick<Promotion, 'code' | 'kind' | 'value' | 'applies' | 'stackable'> & {
    validFrom: string;
    validTo: string;
    minQty?: number | null;
    maxQty?: number | null;
  },
): void {
  book.exec.execute(
    `insert into promotions (code, kind, value, valid_from, valid_to, applies_json, min_qty, max_qty, stackable)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (code) do update set kind = excluded.kind, value = excluded.value, valid_from = excluded.valid_from,
       valid_to = excluded.valid_to, applies_json = excluded.applies_json, min_qty = excluded.min_qty,
       max_qty = excluded.max_qty, stackable = excluded.stackable`,
    p.code,
    p.kind,
    p.value,
    p.validFrom,
    p.validTo,
    JSON.stringify(p.applies),
    p.minQty ?? null,
    p.maxQty ?? null,
    p.stackable ? 1 : 0,
  );
}

export function upsertMasterData(
  book: Book,
  data: {
    warehouses?: WarehouseInput[];
    suppliers?: SupplierInput[];
    salespeople?: SalespersonInput[];
    customers?: CustomerInput[];
    contacts?: ContactInput[];
    targets?: TargetInput[];
    products?: ProductSettingsInput[];
    users?: { name: string; roles: string[]; salesperson?: string }[];
    commissionPlans?: {
      level: string;
      code: string;
      base: CommissionBase;
      scheme: CommissionScheme;
      managerOverride?: number;
    }[];
    priceLists?: PriceList[];
    promotions?: Promotion[];
  },
  options: { dryRun?: boolean } = {},
): Record<string, EntityChanges> {
  return book.command(
    'upsertMasterData',
    () => {
      const track = changeTracker();
      const snap = (sql: string, ...keys: unknown[]) => book.exec.selectOne<Snapshot>(sql, ...keys);
      for (const w of data.warehouses ?? []) {
        const before = snap(
          `select name, type, (select string_agg(code, ';') from (select b.code from bins b where b.warehouse_id = w.id order by b.code) as codes) as bins
           from warehouses w where code = ?`,
          w.code,
        );
        // Bins are only ever added: afterwards a warehouse has the ones it had and the new ones.
        const bins = [...new Set([...String(before?.bins ?? '').split(';'), ...(w.bins ?? [])])].filter(Boolean).sort();
        track.note('warehouses', w.code, before, {
          name: w.name,
          type: w.type,
          bins: bins.length > 0 ? bins.join(';') : null,
        });
        upsertRow(
          book,
          'warehouses',
          { code: w.code },
          { name: { value: w.name }, type: { value: w.type, fallback: 'main' } },
        );
        const id = idOf(book, 'warehouses', w.code);
        for (const bin of w.bins ?? [])
          book.exec.execute('insert into bins (warehouse_id, code) values (?, ?) on conflict do nothing', id, bin);
      }
      for (const s of data.suppliers ?? []) {
        track.note(
          'suppliers',
          s.code,
          snap(
            'select name, grade, payment_days as paymentDays, tax_id as taxId from suppliers where code = ?',
            s.code,
          ),
          { name: s.name, grade: s.grade, paymentDays: s.paymentDays, taxId: s.taxId },
        );
        upsertRow(
          book,
          'suppliers',
          { code: s.code },
          {
            name: { value: s.name },
            grade: { value: s.grade, fallback: 'B' },
            payment_days: { value: s.paymentDays, fallback: 30 },
            tax_id: { value: s.taxId },
          },
        );
      }
      // Managers may be listed after their reports: insert everyone, then link.
      for (const p of data.salespeople ?? []) {
        track.note(
          'salespeople',
          p.code,
          snap(
            `select s.name, s.level, s.max_discount_bp as maxDiscount, m.code as manager
             from salespeople s left join salespeople m on m.id = s.manager_id where s.code = ?`,
            p.code,
          ),
          { name: p.name, level: p.level, maxDiscount: p.maxDiscount, manager: p.manager },
        );
        upsertRow(
          book,
          'salespeople',
          { code: p.code },
          {
            name: { value: p.name },
            level: { value: p.level },
            max_discount_bp: { value: p.maxDiscount, fallback: 0 },
          },
        );
      }
      for (const p of data.salespeople ?? []) {
        if (p.manager === undefined) continue;
        const manager = p.manager ? idOf(book, 'salespeople', p.manager, 'salesperson') : null;
        book.exec.execute('update salespeople set manager_id = ? where code = ?', manager, p.code);
      }
      for (const c of data.customers ?? []) {
        track.note(
          'customers',
          c.code,
          snap(
            `select c.name, c.tier, c.channel, c.region, o.code as owner, c.credit_limit_minor as creditLimit, c.terms,
               c.payment_days as paymentDays, c.tax_id as taxId, c.phone, c.address, c.bank_account as bankAccount
             from customers c left join salespeople o on o.id = c.owner_id where c.code = ?`,
            c.code,
          ),
          {
            name: c.name,
            tier: c.tier,
            channel: c.channel,
            region: c.region,
            owner: c.owner,
            creditLimit: c.creditLimit,
            terms: c.terms,
            paymentDays: c.paymentDays,
            taxId: c.taxId,
            phone: c.phone,
            address: c.address,
            bankAccount: c.bankAccount,
          },
        );
        const owner =
          c.owner === undefined ? undefined : c.owner ? idOf(book, 'salespeople', c.owner, 'salesperson') : null;
        upsertRow(
          book,
          'customers',
          { code: c.code },
          {
            name: { value: c.name },
            normalized_name: { value: normalizeName(c.name) },
            initials: { value: searchInitials(c.name) },
            tier: { value: c.tier },
            channel: { value: c.channel },
            region: { value: c.region },
            owner_id: { value: owner },
            // Claimed when an owner is set; a new owner claims anew, the same one keeps the date.
            claimed_at: {
              value: owner === undefined ? undefined : owner === null ? null : book.now().slice(0, 10),
              update:
                'case when excluded.owner_id is null then null when excluded.owner_id is not distinct from customers.owner_id then customers.claimed_at else excluded.claimed_at end',
            },
            credit_limit_minor: { value: c.creditLimit },
            terms: { value: c.terms, fallback: 'credit' },
            payment_days: { value: c.paymentDays, fallback: 30 },
            tax_id: { value: c.taxId },
            phone: { value: c.phone },
            address: { value: c.address },
            bank_account: { value: c.bankAccount },
          },
        );
      }
      for (const c of data.contacts ?? []) {
        track.note(
          'contacts',
          `${c.customer} ${c.name}`,
          snap(
            `select k.title, k.phone, k.email, k.wechat from contacts k join customers c on c.id = k.customer_id
             where c.code = ? and k.name = ?`,
            c.customer,
            c.name,
          ),
          { title: c.title, phone: c.phone, email: c.email, wechat: c.wechat },
        );
        upsertRow(
          book,
          'contacts',
          { customer_id: idOf(book, 'customers', c.customer, 'customer'), name: c.name },
          {
            title: { value: c.title },
            phone: { value: c.phone },
            email: { value: c.email },
            wechat: { value: c.wechat },
          },
        );
      }
      for (const t of data.targets ?? []) {
        if (!Number.isSafeInteger(t.amount) || t.amount < 0 || !/^\d{4}-(0[1-9]|1[0-2])$/.test(t.month))
          throw new TradeloopError(
            'target.invalid',
            `target ${t.salesperson} ${t.month}: ${t.amount} is not a month and a whole amount of minor units`,
          );
        track.note(
          'targets',
          `${t.salesperson} ${t.month}`,
          snap(
            `select t.amount_minor as amount from sales_targets t join salespeople s on s.id = t.salesperson_id
             where s.code = ? and t.month = ?`,
            t.salesperson,
            t.month,
          ),
          { amount: t.amount },
        );
        book.exec.execute(
          `insert into sales_targets (salesperson_id, month, amount_minor) values (?, ?, ?)
         on conflict (salesperson_id, month) do update set amount_minor = excluded.amount_minor`,
          idOf(book, 'salespeople', t.salesperson, 'salesperson'),
          t.month,
          t.amount,
        );
      }
      // Only the rules given change: a file without a column keeps what the book has.
      for (const p of data.products ?? []) {
        const id = idOf(book, 'products', p.sku, 'product');
        const stored: Given = {};
        for (const field of Object.keys(PRODUCT_RULES) as (keyof typeof PRODUCT_RULES)[]) {
          const v = p[field];
          if (v === undefined) continue;
          stored[field] =
            typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? (v.length > 0 ? JSON.stringify(v) : null) : v;
        }
        track.note('products', p.sku, productRuleSnapshot(book, p.sku), stored);
        const set = Object.keys(stored) as (keyof typeof PRODUCT_RULES)[];
        if (set.length === 0) continue;
        const value = (field: keyof typeof PRODUCT_RULES) =>
          field === 'preferredSupplier' && stored[field]
            ? idOf(book, 'suppliers', String(stored[field]), 'supplier')
            : (stored[field] ?? null);
        book.exec.execute(
          `update products set ${set.map((f) => `${PRODUCT_RULES[f]} = ?`).join(', ')} where id = ?`,
          ...set.map(value),
          id,
        );
      }
      for (const u of data.users ?? []) {
        const salesperson = u.salesperson === undefined ? null : idOf(book, 'salespeople', u.salesperson);
        book.exec.execute(
          `insert into users (name, roles, salesperson_id, created_at) values (?, ?, ?, ?)
           on conflict (name) do update set roles = excluded.roles,
             salesperson_id = coalesce(excluded.salesperson_id, users.salesperson_id)`,
          u.name,
          u.roles.join(','),
          salesperson,
          book.now(),
        );
      }
      // Every way a plan reaches the book (import, demo, embedding) meets the same rules.
      const planIssues = (data.commissionPlans ?? []).flatMap((p) => {
        const { level, ...plan } = p;
        const checked = parseCommissionPlan(plan);
        return checked.ok ? [] : checked.issues.map((i) => ({ ...i, path: ['commissionPlans', level, ...i.path] }));
      });
      if (planIssues.length > 0) throw rejected(planIssues);
      for (const p of data.commissionPlans ?? []) {
        book.exec.execute(
          `insert into commission_plans (level, code, base, scheme_json, manager_override_bp) values (?, ?, ?, ?, ?)
         on conflict (level) do update set code = excluded.code, base = excluded.base, scheme_json = excluded.scheme_json,
           manager_override_bp = excluded.manager_override_bp`,
          p.level,
          p.code,
          p.base,
          JSON.stringify(p.scheme),
          p.managerOverride ?? null,
        );
      }
      const rangeIssues = validatePricingRules({
        priceLists: data.priceLists ?? [],
        promotions: data.promotions ?? [],
      });
      if (rangeIssues.length > 0) throw rejected(rangeIssues);
      for (const l of data.priceLists ?? []) {
        const scopeValue =
          l.scope.kind === 'base'
            ? null
            : l.scope.kind === 'customer'
              ? l.scope.customer
              : l.scope.kind === 'channel'
                ? l.scope.channel
                : l.scope.tier;
        // A list that does not say whether its prices include VAT keeps what it had; a new one
        // takes the book's default.
        const inclusive = l.taxMode === undefined ? undefined : l.taxMode === 'inclusive' ? 1 : 0;
        upsertRow(
          book,
          'price_lists',
          { code: l.code },
          {
            scope_kind: { value: l.scope.kind },
            scope_value: { value: scopeValue },
            valid_from: { value: l.validFrom ?? null },
            valid_to: { value: l.validTo ?? null },
            tax_inclusive: { value: inclusive, fallback: book.settings().pricesIncludeTax ? 1 : 0 },
          },
        );
        const id = idOf(book, 'price_lists', l.code, 'price list');
        const items = l.prices.map((item) => [
          idOf(book, 'products', item.sku, 'product'),
          item.minQty,
          item.maxQty ?? null,
          item.price,
        ]);
        // A list imported again as it is keeps its rows (and their row numbers); one that changed
        // is written anew.
        const inOrder = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
        const kept = book.exec
          .select<{ product_id: number; min_qty: number; max_qty: number | null; price_minor: number }>(
            'select product_id, min_qty, max_qty, price_minor from price_list_items where price_list_id = ?',
            id,
          )
          .map((r) => [r.product_id, r.min_qty, r.max_qty, r.price_minor]);
        if (JSON.stringify(inOrder(kept)) === JSON.stringify(inOrder(items))) continue;
        book.exec.execute('delete from price_list_items where price_list_id = ?', id);
        for (const item of items)
          book.exec.execute(
            'insert into price_list_items (price_list_id, product_id, min_qty, max_qty, price_minor) values (?, ?, ?, ?, ?)',
            id,
            ...item,
          );
      }
      for (const p of data.promotions ?? []) writePromotion(book, p);
      // Only kinds whose changes are tracked can be known to have changed nothing.
      const tracked = ['warehouses', 'suppliers', 'salespeople', 'customers', 'contacts', 'targets'];
      const untracked = Object.entries(data).some(([k, v]) => !tracked.includes(k) && (v as unknown[]).length > 0);
      const changed = Object.values(track.out).some((e) => e.inserted.length + e.updated.length > 0);
      return {
        value: track.out,
        unchanged: !untracked && !changed,
        after: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length])),
      };
    },
    options,
  );
}

/**
 * Price lists and promotions as core's pricing reads them; with `skus`, the lists' prices of
 * those products only (an order needs its own lines' prices, not the whole catalog's).
 */
export function loadPricingRules(
  book: Book,
  skus?: readonly string[],
): { priceLists: PriceList[]; promotions: Promotion[] } {
  const lists = book.exec.select<{
    id: number;
    code: string;
    scope_kind: PriceListScope['kind'];
    scope_value: string | null;
    valid_from: string | null;
    valid_to: string | null;
    tax_inclusive: number;
  }>('select id, code, scope_kind, scope_value, valid_from, valid_to, tax_inclusive from price_lists order by code');
  const items = book.exec.select<{
    price_list_id: number;
    sku: string;
    min_qty: number;
    max_qty: number | null;
    price_minor: number;
  }>(
    `select i.price_list_id, p.sku, i.min_qty, i.max_qty, i.price_minor from price_list_items i join products p on p.id = i.product_id${
      skus ? ` where p.sku in (${jsonValues(book)})` : ''
    }`,
    ...(skus ? [JSON.stringify(skus)] : []),
  );
  const priceLists = lists.map((l): PriceList => {
    const value = l.scope_value ?? '';
    const scope: PriceListScope =
      l.scope_kind === 'customer'
        ? { kind: 'customer', customer: value }
        : l.scope_kind === 'channel'
          ? { kind: 'channel', channel: value }
          : l.scope_kind === 'tier'
            ? { kind: 'tier', tier: value }
            : { kind: 'base' };
    return {
      code: l.code,
      scope,
      ...(l.valid_from ? { validFrom: l.valid_from } : {}),
      ...(l.valid_to ? { validTo: l.valid_to } : {}),
      taxMode: taxModeOf(l.tax_inclusive === 1),
      prices: items
        .filter((i) => i.price_list_id === l.id)
        .map((i) => ({
          sku: i.sku,
          minQty: i.min_qty,
          ...(i.max_qty === null ? {} : { maxQty: i.max_qty }),
          price: i.price_minor,
        })),
    };
  });
  const promotions = book.exec
    .select<{
      code: string;
      kind: Promotion['kind'];
      value: number;
      valid_from: string;
      valid_to: string;
      applies_json: string;
      min_qty: number | null;
      max_qty: number | null;
      stackable: number;
    }>(
      'select code, kind, value, valid_from, valid_to, applies_json, min_qty, max_qty, stackable from promotions order by code',
    )
    .map(
      (p): Promotion => ({
        code: p.code,
        kind: p.kind,
        value: p.value,
        validFrom: p.valid_from,
        validTo: p.valid_to,
        applies: JSON.parse(p.applies_json) as Promotion['applies'],
        ...(p.min_qty === null ? {} : { minQty: p.min_qty }),
        ...(p.max_qty === null ? {} : { maxQty: p.max_qty }),
        ...(p.stackable ? { stackable: true } : {}),
      }),
    );
  return { priceLists, promotions };
}

/** The codes a master table holds, for imports to check references row by row before writing. */
export function knownCodes(book: Book, table: 'customers' | 'salespeople' | 'suppliers' | 'warehouses'): Set<string> {
  return new Set(book.exec.select<{ code: string }>(`select code from ${table}`).map((r) => r.code));
}

/**
 * What a file may leave out for a record already in the book: its name (and a salesperson's
 * level), by code. An import that only updates some columns fills these from the book.
 */
export function knownNames(
  book: Book,
  table: 'customers' | 'salespeople' | 'suppliers' | 'warehouses',
): Map<string, { name: string; level?: string }> {
  const level = table === 'salespeople' ? ', level' : '';
  return new Map(
    book.exec
      .select<{ code: string; name: string; level?: string }>(`select code, name${level} from ${table}`)
      .map(({ code, ...rest }) => [code, rest]),
  );
}

/** An amount as a person reads it (`1,234.50`), in the book's currency precision: for messages. */
export function bookMoney(book: Book, minor: number): string {
  return formatMoney(minor, { precision: book.settings().precision, grouping: true });
}

/** A setting as a number, with its default. */
export function numberSetting(book: Book, key: string, fallback: number): number {
  const v = book.exec.value<string>('select value from settings where key = ?', key);
  return v === undefined ? fallback : Number(v);
}
