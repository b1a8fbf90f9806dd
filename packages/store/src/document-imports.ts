import {
  commissionPlanColumns,
  commissionPlanRowCheck,
  commissionPlanRowSchema,
  commissionPlansFromRows,
  expenseColumns,
  expenseRowSchema,
  formatMoney,
  formatQuantity,
  type Issue,
  lineAmount,
  type OpeningStockRow,
  openingStockColumns,
  openingStockRowSchema,
  orderLineColumns,
  orderLineRowSchema,
  type PriceList,
  type Promotion,
  priceRowColumns,
  priceRowSchema,
  promotionColumns,
  promotionFromRow,
  promotionRowSchema,
  type StatementSource,
  TradeloopError,
  taxModeOf,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { sourceName, type TableSource } from './csv-source.js';
import { recordExpenses } from './expenses.js';
import { importStatementLines } from './finance.js';
import { type ImportOptions, type ReadResult, readRecords } from './importer.js';
import { type EntityChanges, loadPricingRules, upsertMasterData } from './master-data.js';
import { importedOrder, placePurchaseOrder } from './purchasing.js';
import { InputRejected, issueToRejection, type Rejection } from './rejection.js';
import { placeSalesOrder } from './sales.js';
import { readStatementFile, type StatementRead } from './statement-source.js';
import { type OpeningStockLine, type OpeningStockSummary, openingStockChecker, postOpeningStock } from './stock.js';

/** What an import's apply did (or would do): its own summary, and the same as changes by row key. */
export interface Applied<R> {
  result: R;
  /** `rendered`: before and after are already cell text (no column formats them). */
  changes: EntityChanges & { rendered?: boolean };
}

/**
 * A file of an import that adds documents or rules, read and checked against the book. `refused`
 * holds what only the file as a whole shows (a list's VAT mode mixed, an order's lines apart),
 * also listed in `read.rejections`.
 */
export interface DocumentRead<R> {
  file: string;
  read: ReadResult<unknown>;
  refused: Rejection[];
  keys: { row: number; key: string }[];
  apply(options?: { dryRun?: boolean }): Applied<R>;
}

/** Keys made unique in file order: a second equal line is `… (2)`, as the book counts it twice. */
function uniqueKeys(keys: { row: number; key: string }[]): { row: number; key: string }[] {
  const seen = new Map<string, number>();
  return keys.map(({ row, key }) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { row, key: n === 1 ? key : `${key} (${n})` };
  });
}

const run = <T>(book: Book, dryRun: boolean, write: () => T): T => (dryRun ? book.preview(write) : write());

/** Keys of the rows at the given places (in `keys` order) as new, the rest unchanged. */
function byPlace(keys: { key: string }[], held: readonly number[]): EntityChanges {
  const kept = new Set(held);
  return { inserted: keys.filter((_, i) => !kept.has(i)).map((k) => k.key), updated: [], unchanged: kept.size };
}

const withRefused = <T>(read: ReadResult<T>, refused: Rejection[]): ReadResult<unknown> =>
  ({ ...read, rejections: [...read.rejections, ...refused] }) as ReadResult<unknown>;

/** Price lists, a product and quantity break a row: each row compared with the list's price in the book. */
export async function readPriceListFile(
  book: Book,
  source: TableSource,
  options: ImportOptions = {},
): Promise<DocumentRead<{ lists: number }>> {
  const file = sourceName(source);
  const held = new Map(loadPricingRules(book).priceLists.map((l) => [l.code, l]));
  const read = await readRecords(source, priceRowColumns(book.moneyOptions()), priceRowSchema, 'price', {
    ...options,
    keyOf: (p) => `${p.list}|${p.sku}|${p.minQty}`,
    keyField: 'sku',
  });
  const lists = new Map<string, PriceList>();
  const refused: Rejection[] = [];
  // Before and after as the file writes them (`180.00`, not 18000).
  const changes: Applied<unknown>['changes'] = { inserted: [], updated: [], unchanged: 0, rendered: true };
  const price = (minor: number) => formatMoney(minor, { precision: book.moneyOptions().precision });
  const qty = (milli: number | null | undefined) =>
    milli === null || milli === undefined ? '' : formatQuantity(milli);
  const keys = read.records.map(({ row, value: r }) => ({
    row,
    key: `${r.list} ${r.sku} ${formatQuantity(r.minQty)}`,
  }));
  read.records.forEach(({ row, value: r }, i) => {
    const scope =
      r.scope === 'base'
        ? { kind: 'base' as const }
        : r.scope === 'tier'
          ? { kind: 'tier' as const, tier: r.scopeValue ?? '' }
          : r.scope === 'channel'
            ? { kind: 'channel' as const, channel: r.scopeValue ?? '' }
            : { kind: 'customer' as const, customer: r.scopeValue ?? '' };
    const l = lists.get(r.list) ?? {
      code: r.list,
      scope,
      ...(r.validFrom ? { validFrom: r.validFrom } : {}),
      ...(r.validTo ? { validTo: r.validTo } : {}),
      prices: [],
    };
    // A list's prices all include VAT or none do: the rows that say must agree.
    if (r.taxInclusive !== null) {
      const mode = taxModeOf(r.taxInclusive);
      if (l.taxMode !== undefined && l.taxMode !== mode)
        refused.push(
          issueToRejection(file, row, 'tax_inclusive', {
            code: 'price.tax_mode_mixed',
            path: ['taxInclusive'],
            message: `list ${r.list} already says its prices ${l.taxMode === 'inclusive' ? 'include' : 'exclude'} VAT`,
            value: r.taxInclusive ? 'yes' : 'no',
          }),
        );
      else l.taxMode = mode;
    }
    (l.prices as { sku: string; minQty: number; maxQty?: number; price: number }[]).push({
      sku: r.sku,
      minQty: r.minQty,
      ...(r.maxQty === null ? {} : { maxQty: r.maxQty }),
      price: r.price,
    });
    lists.set(r.list, l);
    const key = (keys[i] as { key: string }).key;
    const was = held.get(r.list);
    const item = was?.prices.find((p) => p.sku === r.sku && p.minQty === r.minQty);
    if (!was || !item) {
      changes.inserted.push(key);
      return;
    }
    const scopeValue = (s: PriceList['scope']) =>
      s.kind === 'base' ? null : s.kind === 'tier' ? s.tier : s.kind === 'channel' ? s.channel : s.customer;
    const moved = [
      { field: 'price', before: price(item.price), after: price(r.price) },
      { field: 'maxQty', before: qty(item.maxQty), after: qty(r.maxQty) },
      { field: 'scope', before: was.scope.kind, after: r.scope },
      { field: 'scopeValue', before: scopeValue(was.scope), after: r.scope === 'base' ? null : r.scopeValue },
      { field: 'validFrom', before: was.validFrom ?? null, after: r.validFrom },
      { field: 'validTo', before: was.validTo ?? null, after: r.validTo },
      ...(r.taxInclusive === null
        ? []
        : [{ field: 'taxInclusive', before: was.taxMode === 'inclusive', after: r.taxInclusive }]),
    ]
      .map((c) => ({ ...c, before: c.before ?? '', after: c.after ?? '' }))
      .filter((c) => String(c.before) !== String(c.after));
    if (moved.length > 0) changes.updated.push({ key, changes: moved });
    else changes.unchanged += 1;
  });
  return {
    file,
    read: withRefused(read, refused),
    refused,
    keys,
    apply: ({ dryRun = false } = {}) => {
      run(book, dryRun, () => upsertMasterData(book, { priceLists: [...lists.values()] }));
      return { result: { lists: lists.size }, changes };
    },
  };
}

/** A value of a promotion or plan as a cell shows it: objects as JSON. */
const rendered = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Each field of two records that differs, as text. */
function fieldChanges(before: object, after: object): { field: string; before: unknown; after: unknown }[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({
      field,
      before: rendered((before as Record<string, unknown>)[field]),
      after: rendered((after as Record<string, unknown>)[field]),
    }))
    .filter((c) => c.before !== c.after);
}

/** Promotions by code: each compared field by field with the promotion the book has. */
export async function readPromotionFile(
  book: Book,
  source: TableSource,
  options: ImportOptions = {},
): Promise<DocumentRead<{ promotions: number }>> {
  const file = sourceName(source);
  const held = new Map(loadPricingRules(book).promotions.map((p) => [p.code, p]));
  const read = await readRecords(source, promotionColumns(), promotionRowSchema, 'promotion', {
    ...options,
    keyOf: (p) => p.code,
    keyField: 'code',
  });
  const money = book.moneyOptions();
  const refused: Rejection[] = [];
  const promotions: Promotion[] = [];
  const good: typeof read.records = [];
  const changes: Applied<unknown>['changes'] = { inserted: [], updated: [], unchanged: 0, rendered: true };
  for (const { row, value } of read.records) {
    const p = promotionFromRow(value, money);
    if (!p.ok) {
      refused.push(...p.issues.map((i) => issueToRejection(file, row, String(i.path[0]), i)));
      continue;
    }
    promotions.push(p.value);
    good.push({ row, value });
    const was = held.get(p.value.code);
    const moved = was ? fieldChanges(was, p.value) : [];
    if (!was) changes.inserted.push(p.value.code);
    else if (moved.length > 0) changes.updated.push({ key: p.value.code, changes: moved });
    else changes.unchanged += 1;
  }
  return {
    file,
    read: withRefused({ ...read, records: good }, refused),
    refused,
    keys: good.map(({ row, value }) => ({ row, key: value.code })),
    apply: ({ dryRun = false } = {}) => {
      run(book, dryRun, () => upsertMasterData(book, { promotions }));
      return { result: { promotions: promotions.length }, changes };
    },
  };
}

/** Commission plans, a band a row: a level's bands are new, or changed when its plan differs from the book's. */
export async function readCommissionPlanFile(
  book: Book,
  source: TableSource,
  options: ImportOptions = {},
): Promise<DocumentRead<{ plans: number }>> {
  const held = new Map(
    book.exec
      .select<{ level: string; code: string; base: string; scheme_json: string; manager_override_bp: number | null }>(
        'select level, code, base, scheme_json, manager_override_bp from commission_plans',
      )
      .map((p) => [
        p.level,
        {
          code: p.code,
          base: p.base,
          scheme: JSON.parse(p.scheme_json) as unknown,
          managerOverride: p.manager_override_bp ?? undefined,
        },
      ]),
  );
  const read = await readRecords(
    source,
    commissionPlanColumns(book.moneyOptions()),
    commissionPlanRowSchema,
    'commission_plan',
    { ...options, check: commissionPlanRowCheck() },
  );
  const plans = commissionPlansFromRows(read.records.map((r) => r.value));
  const keys = uniqueKeys(read.records.map(({ row, value: r }) => ({ row, key: `${r.level} ${r.plan}` })));
  const changes: Applied<unknown>['changes'] = { inserted: [], updated: [], unchanged: 0, rendered: true };
  read.records.forEach(({ value: r }, i) => {
    const key = (keys[i] as { key: string }).key;
    const was = held.get(r.level);
    const { level: _, ...plan } = plans.find((p) => p.level === r.level) ?? { level: r.level };
    const moved = was ? fieldChanges(was, { managerOverride: undefined, ...plan }) : [];
    if (!was) changes.inserted.push(key);
    else if (moved.length > 0) changes.updated.push({ key, changes: moved });
    else changes.unchanged += 1;
  });
  return {
    file: sourceName(source),
    read: read as ReadResult<unknown>,
    refused: [],
    keys,
    apply: ({ dryRun = false } = {}) => {
      run(book, dryRun, () => upsertMasterData(book, { commissionPlans: plans }));
      return { result: { plans: plans.length }, changes };
    },
  };
}

/** Expenses paid: each row a new expense, or unchanged where the book holds the same one. */
export async function readExpenseFile(
  book: Book,
  source: TableSource,
  options: ImportOptions = {},
): Promise<DocumentRead<{ expenses: string[]; unchanged: number }>> {
  const money = book.moneyOptions();
  const read = await readRecords(source, expenseColumns(money), expenseRowSchema, 'expense', options);
  const keys = uniqueKeys(
    read.records.map(({ row, value: e }) => ({
      row,
      key: `${e.date} ${e.account} ${formatMoney(e.net, { precision: money.precision })}`,
    })),
  );
  return {
    file: sourceName(source),
    read: read as ReadResult<unknown>,
    refused: [],
    keys,
    apply: ({ dryRun = false } = {}) => {
      const r = run(book, dryRun, () =>
        recordExpenses(
          book,
          read.records.map((x) => x.value),
          { once: true },
        ),
      );
      return { result: { expenses: r.expenses, unchanged: r.unchanged }, changes: byPlace(keys, r.held) };
    },
  };
}

export interface OrderImportSummary {
  placed: { ref: string; number: string; status: string }[];
  unchanged: { ref: string; number: string }[];
}

/**
 * Open sales or purchase orders, grouped by the order reference in the file (an order's lines
 * must be together), placed through the same commands as by hand, all in one transaction. An
 * order an earlier import placed from the same reference is unchanged when it is the same, and
 * refused when it differs.
 */
export async function readOrderFile(
  book: Book,
  kind: 'sales' | 'purchase',
  source: TableSource,
  options: ImportOptions = {},
): Promise<DocumentRead<OrderImportSummary>> {
  const name = sourceName(source);
  const read = await readRecords(
    source,
    orderLineColumns(kind, book.moneyOptions()),
    orderLineRowSchema,
    kind === 'sales' ? 'order' : 'purchase_order',
    options,
  );
  const groups: { ref: string; row: number; lines: typeof read.records }[] = [];
  const refused: Rejection[] = [];
  const keys: { row: number; key: string }[] = [];
  for (const r of read.records) {
    const last = groups.at(-1);
    if (last && last.ref === r.value.order) {
      last.lines.push(r);
      keys.push({ row: r.row, key: `${r.value.order} #${last.lines.length}` });
      continue;
    }
    if (groups.some((g) => g.ref === r.value.order)) {
      refused.push({
        file: name,
        row: r.row,
        column: 'order',
        value: r.value.order,
        rule: 'import.order_split',
        message: "appears again; keep an order's lines together",
      });
      continue;
    }
    groups.push({ ref: r.value.order, row: r.row, lines: [r] });
    keys.push({ row: r.row, key: `${r.value.order} #1` });
  }
  const place = (): Applied<OrderImportSummary> => {
    const problems: Rejection[] = [];
    const placed: OrderImportSummary['placed'] = [];
    const unchanged: OrderImportSummary['unchanged'] = [];
    const changes: EntityChanges = { inserted: [], updated: [], unchanged: 0 };
    const lineKeys = (g: (typeof groups)[number]) => g.lines.map((_, i) => `${g.ref} #${i + 1}`);
    for (const g of groups) {
      const head = (g.lines[0] as (typeof g.lines)[number]).value;
      const held = importedOrder(book, kind, g.ref);
      if (held) {
        const same =
          held.party === head.party &&
          held.warehouse === head.warehouse &&
          held.date === head.date &&
          held.lines.length === g.lines.length &&
          held.lines.every((l, i) => l.sku === g.lines[i]?.value.sku && l.qty === g.lines[i]?.value.qty);
        if (same) {
          unchanged.push({ ref: g.ref, number: held.number });
          changes.unchanged += g.lines.length;
        } else
          problems.push({
            file: name,
            row: g.row,
            column: 'order',
            value: g.ref,
            rule: 'import.order_exists',
            message: `was imported before as ${held.number} with another party, warehouse, date or lines; change that order in the book instead`,
          });
        continue;
      }
      try {
        if (kind === 'sales') {
          const r = placeSalesOrder(book, {
            customer: head.party,
            warehouse: head.warehouse,
            date: head.date,
            reference: g.ref,
            ...(head.dueDate ? { promiseDate: head.dueDate } : {}),
            ...(head.salesperson ? { salesperson: head.salesperson } : {}),
            lines: g.lines.map(({ value: l }) => ({
              sku: l.sku,
              qty: l.qty,
              ...(l.price === null ? {} : { requestedPrice: l.price }),
            })),
          });
          placed.push({
            ref: g.ref,
            number: r.number,
            status: r.needs.length ? `needs approval: ${r.needs.map((n) => n.code).join(', ')}` : 'pending review',
          });
        } else {
          const r = placePurchaseOrder(book, {
            supplier: head.party,
            warehouse: head.warehouse,
            date: head.date,
            reference: g.ref,
            ...(head.dueDate ? { expectedDate: head.dueDate } : {}),
            lines: g.lines.map(({ value: l }) => ({
              sku: l.sku,
              qty: l.qty,
              ...(l.price === null ? {} : { price: l.price }),
            })),
          });
          placed.push({ ref: g.ref, number: r.number, status: r.status });
        }
        changes.inserted.push(...lineKeys(g));
      } catch (error) {
        if (!(error instanceof TradeloopError && error.code === 'command.rejected')) throw error;
        problems.push({
          file: name,
          row: g.row,
          column: 'order',
          value: g.ref,
          rule: error.code,
          message: error.message,
        });
      }
    }
    if (problems.length > 0) throw new InputRejected(problems);
    return { result: { placed, unchanged }, changes };
  };
  return {
    file: name,
    read: withRefused(read, refused),
    refused,
    keys,
    apply: ({ dryRun = false } = {}) => (dryRun ? book.preview(place) : book.batch(place)),
  };
}

export interface OpeningStockImportOptions extends ImportOptions {
  /** The day the opening stock is held at (the book's today when not given). */
  date?: string;
  /** Replace the opening stock of a product-warehouse that has not moved since. */
  replace?: boolean;
}

/** Opening stock lines: each new, or unchanged where the book holds the same opening line. */
export async function readOpeningStockFile(
  book: Book,
  source: TableSource,
  options: OpeningStockImportOptions = {},
): Promise<DocumentRead<OpeningStockSummary> & { lines: OpeningStockLine[] }> {
  const { date: given, replace, ...read0 } = options;
  const date = given ?? book.today();
  const posting = { existing: replace ? ('replace' as const) : ('refuse' as const) };
  const money = book.moneyOptions();
  const file = sourceName(source);
  const line = (r: OpeningStockRow) => ({
    sku: r.sku,
    warehouse: r.warehouse,
    qty: r.qty,
    value: lineAmount(r.qty, r.unitCost, money.rounding),
    date,
    ...(r.batch ? { batch: r.batch } : {}),
    ...(r.expiry ? { expiry: r.expiry } : {}),
  });
  // The book's rules run on each row as it is read, so a refused line is reported (or skipped
  // with onError 'skip') like any other bad row; the store checks them again when posting.
  const checker = openingStockChecker(book, posting);
  const held = new Set<OpeningStockRow>();
  const specs = openingStockColumns(money);
  const read = await readRecords(source, specs, openingStockRowSchema, 'opening_stock', {
    ...read0,
    check: (r) => {
      const checked = checker.check(line(r), 0);
      if (checked.unchanged) held.add(r);
      return checked.issues.map((i) => ({ ...i, path: i.path.slice(1) }));
    },
  });
  const lines = read.records.map(({ row, value: r }) => ({ ...line(r), row }));
  const keys = uniqueKeys(
    read.records.map(({ row, value: r }) => ({
      row,
      key: `${r.sku} ${r.warehouse}${r.batch ? ` ${r.batch}` : ''}`,
    })),
  );
  const header = (field: string) => specs.find((c) => String(c.field) === field)?.header ?? field;
  return {
    file,
    read: read as ReadResult<unknown>,
    refused: [],
    keys,
    lines,
    apply: ({ dryRun = false } = {}) => {
      let posted: OpeningStockSummary;
      try {
        posted = run(book, dryRun, () => postOpeningStock(book, lines, posting));
      } catch (error) {
        // What only the whole file shows (a place that moved, stock reserved) comes back by row.
        const issues = (error as { issues?: readonly Issue[] }).issues;
        if (!issues?.length || !issues.every((i) => i.code.startsWith('opening_stock.'))) throw error;
        throw new InputRejected(
          issues.map((i) => ({
            file,
            row: Number(i.path[0]),
            column: header(String(i.path[1] ?? '')),
            value: String(i.value ?? ''),
            rule: i.code,
            message: i.message,
          })),
        );
      }
      const places = read.records.flatMap(({ value }, i) => (held.has(value) ? [i] : []));
      return { result: posted, changes: byPlace(keys, places) };
    },
  };
}

export interface StatementImportOptions {
  /** The layout, when not told by the file's columns. */
  source?: StatementSource;
  /** The cash account the statement is of: 1001 cash, 1002 bank, 1012 WeChat Pay / Alipay. */
  account?: string;
  /** A JSON file naming the columns of the generic bank layout. */
  map?: string;
}

/** A statement: each line new, or unchanged where the book holds it already (a line is kept once, ever). */
export async function readStatementImport(
  book: Book,
  source: TableSource,
  options: StatementImportOptions = {},
): Promise<DocumentRead<{ added: number; duplicates: number }> & { statement: StatementRead }> {
  const settings = book.settings();
  const statement = await readStatementFile(source, {
    ...(options.source ? { source: options.source } : {}),
    ...(options.map ? { map: options.map } : {}),
    ...book.moneyOptions(),
    ownNames: [settings.company],
  });
  const keys = uniqueKeys(
    statement.lines.map(({ row, entry: e }) => ({
      row,
      key: e.references[0] ?? `${e.date} ${e.counterparty} ${formatMoney(e.gross, { precision: settings.precision })}`,
    })),
  );
  const read: ReadResult<unknown> = {
    records: statement.lines.map(({ row, entry }) => ({ row, value: entry })),
    rejections: statement.rejections,
    ignored: [],
    headerRow: statement.headerRow,
    present: new Set(),
  };
  return {
    file: sourceName(source),
    read,
    refused: [],
    keys,
    statement,
    apply: ({ dryRun = false } = {}) => {
      const r = run(book, dryRun, () =>
        importStatementLines(
          book,
          statement.layout.source,
          statement.lines.map(({ row, entry: e }) => ({
            date: e.date,
            amount: e.gross,
            payer: e.counterparty,
            memo: e.memo,
            ...(e.references[0] ? { reference: e.references[0] } : {}),
            references: e.references.slice(1),
            direction: e.direction,
            kind: e.kind,
            fee: e.fee,
            status: e.status,
            ...(e.reason ? { reason: e.reason } : {}),
            counterpartyAccount: e.counterpartyAccount,
            sourceRow: row,
          })),
          { layout: statement.layout.id, ...(options.account ? { account: options.account } : {}) },
        ),
      );
      return { result: { added: r.added, duplicates: r.duplicates }, changes: byPlace(keys, r.held) };
    },
  };
}
