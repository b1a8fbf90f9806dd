import {
  type CommissionBase,
  type CommissionScheme,
  commissionPlanColumns,
  fail,
  formatMoney,
  formatPercent,
  type Issue,
  ok,
  type PriceRow,
  type Promotion,
  parseCommissionPlan,
  parseMoney,
  parsePercent,
  priceRowColumns,
  priceRowSchema,
  promotionColumns,
  promotionFromRow,
  type Result,
} from '@tradeloop/core';
import type { Book } from '../book.js';
import { writePromotion } from '../master-data.js';
import { type Editor, fieldIssue, fromSpecs, specCell } from './kit.js';

/** A price list item's key: list, SKU and the quantity its range starts at (thousandths). */
const itemKey = (r: { list: string; sku: string; minQty: number }) => `${r.list}|${r.sku}|${r.minQty}`;
const splitItemKey = (key: string) => {
  const m = /^(.*)\|([^|]*)\|(\d+)$/.exec(key);
  return m ? { list: m[1] as string, sku: m[2] as string, minQty: Number(m[3]) } : undefined;
};

const ITEM = `select i.rowid as id, i.version, l.code as list, l.scope_kind, l.scope_value, p.sku, i.min_qty, i.max_qty,
    i.price_minor, l.valid_from, l.valid_to, l.tax_inclusive
  from price_list_items i join price_lists l on l.id = i.price_list_id join products p on p.id = i.product_id
  where l.code = ? and p.sku = ? and i.min_qty = ?`;

/**
 * Price list items. Scope, validity and whether prices include VAT belong to the list: a change of
 * them on one row changes them for the list's every row, as a re-imported list does.
 */
export const priceListItemEditor = (book: Book): Editor<PriceRow> => {
  const specs = priceRowColumns(book.moneyOptions());
  const itemOf = (b: Book, key: string) => {
    const k = splitItemKey(key);
    return k ? b.exec.selectOne<Record<string, unknown>>(ITEM, k.list, k.sku, k.minQty) : undefined;
  };
  const listId = (b: Book, code: string) => b.exec.value<number>('select id from price_lists where code = ?', code);
  const writeList = (b: Book, r: PriceRow) => {
    b.exec.execute(
      `update price_lists set scope_kind = ?, scope_value = ?, valid_from = ?, valid_to = ?,
         tax_inclusive = coalesce(?, tax_inclusive) where code = ?`,
      r.scope,
      r.scope === 'base' ? null : r.scopeValue,
      r.validFrom,
      r.validTo,
      r.taxInclusive === null ? null : r.taxInclusive ? 1 : 0,
      r.list,
    );
  };
  return {
    ...fromSpecs(specs, priceRowSchema, 'price'),
    load: (b, key) => {
      const r = itemOf(b, key);
      if (!r) return undefined;
      return {
        record: {
          list: r.list as string,
          scope: r.scope_kind as PriceRow['scope'],
          scopeValue: r.scope_value as string | null,
          sku: r.sku as string,
          minQty: r.min_qty as number,
          maxQty: r.max_qty as number | null,
          price: r.price_minor as number,
          validFrom: r.valid_from as string | null,
          validTo: r.valid_to as string | null,
          taxInclusive: r.tax_inclusive === 1,
        },
        version: r.version as number,
      };
    },
    check: (b, r, key) => {
      const issues: Issue[] = [];
      if (key === undefined && b.exec.value<number>('select id from products where sku = ?', r.sku) === undefined)
        issues.push(fieldIssue('sku', 'price.sku.unknown', `no product ${r.sku}`, r.sku));
      if (r.scope !== 'base' && !r.scopeValue)
        issues.push(fieldIssue('scopeValue', 'price.scopeValue.required', `a ${r.scope} list says which ${r.scope}`));
      if (r.validFrom && r.validTo && r.validTo < r.validFrom)
        issues.push(fieldIssue('validTo', 'price.dates', 'ends before it starts', r.validTo));
      return issues;
    },
    write: (b, key, r) => {
      const id = itemOf(b, key)?.id;
      b.exec.execute('update price_list_items set max_qty = ?, price_minor = ? where rowid = ?', r.maxQty, r.price, id);
      writeList(b, r);
    },
    blank: (b) => ({
      list: '',
      scope: 'base',
      scopeValue: null,
      sku: '',
      minQty: 0,
      maxQty: null,
      price: 0,
      validFrom: null,
      validTo: null,
      taxInclusive: b.settings().pricesIncludeTax,
    }),
    // A new row of a list the book has starts from the list's own scope, validity and tax mode.
    seed: (b, r) => {
      const l = b.exec.selectOne<Record<string, unknown>>('select * from price_lists where code = ?', r.list);
      return l
        ? {
            ...r,
            scope: l.scope_kind as PriceRow['scope'],
            scopeValue: l.scope_value as string | null,
            validFrom: l.valid_from as string | null,
            validTo: l.valid_to as string | null,
            taxInclusive: l.tax_inclusive === 1,
          }
        : r;
    },
    keyOf: itemKey,
    clash: (b, r) => (itemOf(b, itemKey(r)) ? itemKey(r) : undefined),
    insert: (b, r) => {
      if (listId(b, r.list) === undefined)
        b.exec.execute(
          'insert into price_lists (code, scope_kind, scope_value, valid_from, valid_to, tax_inclusive) values (?, ?, ?, ?, ?, ?)',
          r.list,
          r.scope,
          r.scopeValue,
          r.validFrom,
          r.validTo,
          r.taxInclusive ? 1 : 0,
        );
      else writeList(b, r);
      b.exec.execute(
        `insert into price_list_items (price_list_id, product_id, min_qty, max_qty, price_minor)
           values (?, (select id from products where sku = ?), ?, ?, ?)`,
        listId(b, r.list),
        r.sku,
        r.minQty,
        r.maxQty,
        r.price,
      );
      return itemKey(r);
    },
    // Orders keep the price they were placed at: a price list item is never history.
    remove: (b, key) => b.exec.execute('delete from price_list_items where rowid = ?', itemOf(b, key)?.id),
  };
};

/** A promotion as the grid shows it: its value in basis points (percent) or minor units (the others). */
export type PromotionRecord = Required<Omit<Promotion, 'applies' | 'minQty' | 'maxQty' | 'stackable'>> & {
  applies: Promotion['applies'];
  minQty: number | null;
  maxQty: number | null;
  stackable: boolean;
};

/** What a promotion applies to: lists of names under these keys only. */
const appliesShape = (json: unknown): json is Promotion['applies'] =>
  typeof json === 'object' &&
  json !== null &&
  !Array.isArray(json) &&
  Object.entries(json).every(
    ([k, v]) =>
      ['skus', 'categories', 'tiers', 'channels'].includes(k) &&
      Array.isArray(v) &&
      v.every((x) => typeof x === 'string'),
  );

export const promotionEditor = (book: Book): Editor<PromotionRecord> => {
  const money = book.moneyOptions();
  const specs = promotionColumns();
  const FIELDS: Record<string, string> = { applies: 'applies' };
  const parse = (field: string, text: string): Result<unknown> => {
    if (field === 'value') {
      const t = text.trim();
      // The whole number the grid shows (basis points or minor units), or a percent or an amount as typed.
      if (/^\d+$/.test(t)) return ok(Number(t));
      const r = t.endsWith('%') ? parsePercent(t) : parseMoney(t, money);
      return r.ok ? r : fail(...r.issues.map((i) => ({ ...i, path: ['value'], value: text })));
    }
    if (field === FIELDS.applies) {
      if (text.trim() === '') return ok({});
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return fail({
          code: 'promotion.applies.format',
          path: ['applies'],
          message: 'must be JSON like {"skus":["TEA-001"]}',
          value: text,
        });
      }
      return appliesShape(json)
        ? ok(json)
        : fail({
            code: 'promotion.applies.format',
            path: ['applies'],
            message: 'names skus, categories, tiers or channels',
            value: text,
          });
    }
    return specCell(specs, 'promotion', field, text);
  };
  return {
    parse,
    // The import's rules, on the row as an import would read it.
    validate: (p, shown) => {
      const value = p.kind === 'percent' ? `${formatPercent(p.value)}%` : formatMoney(p.value, money);
      const r = promotionFromRow(
        {
          code: p.code,
          kind: p.kind,
          value,
          validFrom: p.validFrom,
          validTo: p.validTo,
          skus: p.applies.skus ? [...p.applies.skus] : null,
          categories: p.applies.categories ? [...p.applies.categories] : null,
          tiers: p.applies.tiers ? [...p.applies.tiers] : null,
          channels: p.applies.channels ? [...p.applies.channels] : null,
          minQty: p.minQty,
          maxQty: p.maxQty,
          stackable: p.stackable,
        },
        money,
      );
      if (!r.ok) return fail(...r.issues.map((i) => ({ ...i, value: shown[String(i.path[0])] ?? i.value })));
      if (p.kind === 'percent' && p.value > 10_000)
        return fail({
          code: 'promotion.value.range',
          path: ['value'],
          message: 'must be at most 100%',
          value: shown.value ?? p.value,
        });
      return ok(p);
    },
    load: (b, key) => {
      const r = b.exec.selectOne<Record<string, unknown>>('select * from promotions where code = ?', key);
      if (!r) return undefined;
      return {
        record: {
          code: r.code as string,
          kind: r.kind as Promotion['kind'],
          value: r.value as number,
          validFrom: r.valid_from as string,
          validTo: r.valid_to as string,
          applies: JSON.parse(r.applies_json as string) as Promotion['applies'],
          minQty: r.min_qty as number | null,
          maxQty: r.max_qty as number | null,
          stackable: r.stackable === 1,
        },
        version: r.version as number,
      };
    },
    check: () => [],
    // The key is not editable: the record's code is the row's.
    write: (b, _key, p) => writePromotion(b, p),
    blank: () => ({
      code: '',
      kind: 'percent',
      value: 0,
      validFrom: '',
      validTo: '',
      applies: {},
      minQty: null,
      maxQty: null,
      stackable: false,
    }),
    keyOf: (p) => p.code,
    clash: (b, p) => b.exec.value<string>('select code from promotions where lower(code) = lower(?)', p.code),
    insert: (b, p) => {
      writePromotion(b, p);
      return p.code;
    },
    remove: (b, key) => b.exec.execute('delete from promotions where code = ?', key),
  };
};

export interface CommissionPlanRecord {
  level: string;
  code: string;
  base: CommissionBase;
  scheme: CommissionScheme;
  managerOverride: number | null;
}

export const commissionPlanEditor = (book: Book): Editor<CommissionPlanRecord> => {
  const specs = commissionPlanColumns(book.moneyOptions());
  return {
    parse: (field, text) => {
      if (field === 'scheme') {
        try {
          return ok(JSON.parse(text));
        } catch {
          return fail({
            code: 'commission.scheme.format',
            path: ['scheme'],
            message: 'must be JSON like {"kind":"flat","rate":300}',
            value: text,
          });
        }
      }
      // The plan's code is the import's `plan` column.
      const r = specCell(specs, 'commission', field === 'code' ? 'plan' : field, text);
      return r.ok ? r : fail(...r.issues.map((i) => ({ ...i, path: [field] })));
    },
    // The rules every plan meets, however it reaches the book.
    validate: (p, shown) => {
      const r = parseCommissionPlan({
        code: p.code,
        base: p.base,
        scheme: p.scheme,
        ...(p.managerOverride === null ? {} : { managerOverride: p.managerOverride }),
      });
      if (!r.ok) return fail(...r.issues.map((i) => ({ ...i, value: shown[String(i.path[0])] ?? i.value })));
      return p.level.trim() === ''
        ? fail({ code: 'commission.level.required', path: ['level'], message: 'is required' })
        : ok(p);
    },
    load: (b, key) => {
      const r = b.exec.selectOne<Record<string, unknown>>('select * from commission_plans where level = ?', key);
      if (!r) return undefined;
      return {
        record: {
          level: r.level as string,
          code: r.code as string,
          base: r.base as CommissionBase,
          scheme: JSON.parse(r.scheme_json as string) as CommissionScheme,
          managerOverride: r.manager_override_bp as number | null,
        },
        version: r.version as number,
      };
    },
    check: () => [],
    write: (b, key, p) => {
      b.exec.execute(
        'update commission_plans set code = ?, base = ?, scheme_json = ?, manager_override_bp = ? where level = ?',
        p.code,
        p.base,
        JSON.stringify(p.scheme),
        p.managerOverride,
        key,
      );
    },
    blank: () => ({
      level: '',
      code: '',
      base: 'net_sales',
      scheme: { kind: 'flat', rate: 0 } as CommissionScheme,
      managerOverride: null,
    }),
    keyOf: (p) => p.level,
    clash: (b, p) => b.exec.value<string>('select level from commission_plans where lower(level) = lower(?)', p.level),
    insert: (b, p) => {
      b.exec.execute(
        'insert into commission_plans (level, code, base, scheme_json, manager_override_bp) values (?, ?, ?, ?, ?)',
        p.level,
        p.code,
        p.base,
        JSON.stringify(p.scheme),
        p.managerOverride,
      );
      return p.level;
    },
    referenced: (b, key) => {
      const n = b.exec.value<number>('select count(*) from salespeople where level = ?', key) ?? 0;
      return n > 0
        ? `${key} is the level of ${n === 1 ? '1 salesperson' : `${n} salespeople`}; move them to another level first`
        : undefined;
    },
    remove: (b, key) => b.exec.execute('delete from commission_plans where level = ?', key),
  };
};
