import {
  type ColumnSpec,
  commandPermission,
  contactColumns,
  contactRowSchema,
  customerColumns,
  customerRowSchema,
  GRID_KINDS,
  type GridKind,
  type Issue,
  type Product,
  type ProductRuleRow,
  productColumns,
  productRuleColumns,
  productRuleRowSchema,
  productSchema,
  salespersonColumns,
  salespersonRowSchema,
  supplierColumns,
  supplierRowSchema,
  targetColumns,
  targetRowSchema,
  warehouseColumns,
  warehouseRowSchema,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { sourceName, type TableSource } from './csv-source.js';
import {
  type DocumentRead,
  type OpeningStockImportOptions,
  readCommissionPlanFile,
  readExpenseFile,
  readOpeningStockFile,
  readOrderFile,
  readPriceListFile,
  readPromotionFile,
  readStatementImport,
  type StatementImportOptions,
} from './document-imports.js';
import { cellText, gridColumnsOf } from './grid.js';
import { importSpecOf } from './grid-export.js';
import { IMPORT_COLUMNS } from './import-columns.js';
import { type ImportOptions, presentFields, type ReadChecks, type ReadResult, readRecords } from './importer.js';
import { type EntityChanges, knownCodes, knownNames, upsertMasterData } from './master-data.js';
import { listProducts, skusByCase, type UpsertSummary, upsertProducts } from './products.js';

/** The imports a file can feed from the CLI and the browser alike, through the same code. */
export const FILE_IMPORT_KINDS = [
  'products',
  'customers',
  'contacts',
  'targets',
  'suppliers',
  'salespeople',
  'warehouses',
  'price-lists',
  'promotions',
  'commission-plans',
  'opening-stock',
  'expenses',
  'orders',
  'purchase-orders',
  'statement',
] as const;
export type FileImportKind = (typeof FILE_IMPORT_KINDS)[number];

/** The kinds that add or update master data, compared field by field with the book. */
type MasterKind = 'customers' | 'contacts' | 'targets' | 'suppliers' | 'salespeople' | 'warehouses';

/**
 * The store command an import of the kind runs: what it needs permission for, as the command
 * does when the CLI runs it.
 */
export const IMPORT_COMMANDS: Readonly<Record<FileImportKind, string>> = {
  products: 'upsertProducts',
  customers: 'upsertMasterData',
  contacts: 'upsertMasterData',
  targets: 'upsertMasterData',
  suppliers: 'upsertMasterData',
  salespeople: 'upsertMasterData',
  warehouses: 'upsertMasterData',
  'price-lists': 'upsertMasterData',
  promotions: 'upsertMasterData',
  'commission-plans': 'upsertMasterData',
  'opening-stock': 'postOpeningStock',
  expenses: 'recordExpenses',
  orders: 'placeSalesOrder',
  'purchase-orders': 'placePurchaseOrder',
  statement: 'importStatementLines',
};

/**
 * What a file can be uploaded as: every import above, and sales history, which streams into one
 * command of its own (`importSalesHistoryFile`) instead of being read first.
 */
export const UPLOAD_KINDS = [...FILE_IMPORT_KINDS, 'sales-history'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** The store command an upload of the kind runs, for its permission. */
export const UPLOAD_COMMANDS: Readonly<Record<UploadKind, string>> = {
  ...IMPORT_COMMANDS,
  'sales-history': 'importSalesHistory',
};

/** A file read and checked against the book, ready to apply: `apply` is one command (or a preview of it). */
export interface ReadImport<S = ImportChanges> {
  kind: FileImportKind;
  /** The file's name, as rejections name it. */
  file: string;
  read: ReadResult<unknown>;
  /** Each good row's key, in file order, as the summary of changes names it. */
  keys: { row: number; key: string }[];
  apply(options?: { dryRun?: boolean }): S;
}

type ProductRow = Product & ProductRuleRow;

/** What an import did (or would do) by row key; `rendered`: before and after are cell text already. */
export type ImportChanges = EntityChanges & { rendered?: boolean };

/**
 * Read, check and prepare a products file: the catalogue columns and, beside them, the product's
 * rules (floor price, reorder point, preferred supplier …), applied in one transaction.
 */
export async function readProductFile(
  book: Book,
  source: TableSource,
  options: ImportOptions = {},
): Promise<ReadImport<UpsertSummary>> {
  const catalogue = productColumns(book.moneyOptions());
  const rules = productRuleColumns(book.moneyOptions());
  const columns = [...catalogue, ...rules] as ColumnSpec<ProductRow>[];
  const existing = new Map(listProducts(book).map((p) => [p.sku, p]));
  const byCase = skusByCase(book);
  const suppliers = knownCodes(book, 'suppliers');
  const read = await readRecords(source, columns, productSchema.extend(productRuleRowSchema.shape), 'product', {
    ...options,
    // One code regardless of case: a row whose SKU differs only in case from a product is refused.
    keyOf: (p) => p.sku.toLowerCase(),
    keyField: 'sku',
    // A file of only sku and price updates prices: the rest is read from the book.
    known: {
      field: 'sku',
      cells: (sku) => {
        const p = existing.get(sku);
        return p && Object.fromEntries(catalogue.map((c) => [c.field, c.format(p[c.field] as never)]));
      },
    },
    check: (p) => {
      const other = byCase.get(p.sku.toLowerCase());
      const issues: Issue[] = [];
      if (other !== undefined && other !== p.sku && !existing.has(p.sku))
        issues.push({
          code: 'product.sku.case',
          path: ['sku'],
          message: `${p.sku} is already a product as ${other}`,
          value: p.sku,
        });
      if (p.preferredSupplier && !suppliers.has(p.preferredSupplier))
        issues.push({
          code: 'product.preferredSupplier.unknown',
          path: ['preferredSupplier'],
          message: `no supplier ${p.preferredSupplier} in the book; import suppliers first`,
          value: p.preferredSupplier,
        });
      return issues;
    },
  });
  const catalogueFields = new Set<string>(catalogue.map((c) => String(c.field)));
  // A product already in the book keeps what the file has no column for.
  const products = read.records.map(({ value }) => {
    const own = Object.fromEntries(Object.entries(value).filter(([k]) => catalogueFields.has(k))) as Product;
    const was = existing.get(value.sku);
    if (!was) return own;
    return {
      ...was,
      ...Object.fromEntries(Object.entries(own).filter(([k]) => read.present.has(k as keyof ProductRow))),
    };
  });
  // A blank rule cell keeps what the book has, as an absent rule column does.
  const settings = read.records
    .map(({ value }) => ({
      sku: value.sku,
      ...Object.fromEntries(
        rules
          .map((c) => [c.field, value[c.field]] as const)
          .filter(([field, v]) => v !== null && read.present.has(field)),
      ),
    }))
    .filter((s) => Object.keys(s).length > 1);
  const apply = ({ dryRun = false } = {}): UpsertSummary => {
    if (settings.length === 0) return upsertProducts(book, products, { dryRun });
    // Both land or neither: the inner commands run inside one transaction, so they are allowed here.
    book.requirePermission(commandPermission('upsertProducts'));
    book.requirePermission(commandPermission('upsertMasterData'));
    const write = () => {
      const summary = upsertProducts(book, products);
      const changed = upsertMasterData(book, { products: settings }).products;
      // A product whose rules alone moved is changed too.
      for (const u of changed?.updated ?? []) {
        const row = summary.updated.find((x) => x.sku === u.key);
        if (row) row.changes.push(...(u.changes as typeof row.changes));
        else if (!summary.inserted.includes(u.key)) {
          summary.updated.push({ sku: u.key, changes: u.changes as never });
          summary.unchanged -= 1;
        }
      }
      return summary;
    };
    return dryRun ? book.preview(write) : book.batch(write);
  };
  return {
    kind: 'products',
    file: sourceName(source),
    read: read as ReadResult<unknown>,
    keys: read.records.map(({ row, value }) => ({ row, key: value.sku })),
    apply,
  };
}

type MasterData = Parameters<typeof upsertMasterData>[1];

/** How one kind of master data is read from a file and handed to `upsertMasterData`. */
interface EntityImport<T> {
  entity: string;
  specs: (book: Book) => readonly ColumnSpec<T>[];
  schema: Parameters<typeof readRecords<T>>[2];
  keyOf: (t: T) => string;
  keyField: keyof T & string;
  checks?: (book: Book) => Omit<ReadChecks<T>, 'keyOf' | 'keyField'>;
  data: (read: ReadResult<T>) => MasterData;
}

/** Rows for records already in the book may leave out the name: the book has it. */
const knownByCode = (names: Map<string, { name: string; level?: string }>) => ({
  known: { field: 'code' as const, cells: (code: string) => names.get(code) },
});

const unknown = (entity: string, field: string, kind: string, value: string): Issue => ({
  code: `${entity}.${field}.unknown`,
  path: [field],
  message: `no ${kind} ${value} in the book`,
  value,
});

const entityImport = <T>(e: EntityImport<T>) => e as EntityImport<unknown>;

const ENTITY_IMPORTS: Readonly<Record<MasterKind, EntityImport<unknown>>> = {
  customers: entityImport({
    entity: 'customer',
    specs: (book) => customerColumns(book.moneyOptions()),
    schema: customerRowSchema,
    keyOf: (c) => c.code,
    keyField: 'code',
    checks: (book) => {
      const owners = knownCodes(book, 'salespeople');
      return {
        ...knownByCode(knownNames(book, 'customers')),
        check: (c) => (c.owner && !owners.has(c.owner) ? [unknown('customer', 'owner', 'salesperson', c.owner)] : []),
      };
    },
    data: (read) => ({ customers: presentFields(read) as (typeof read.records)[number]['value'][] }),
  }),
  contacts: entityImport({
    entity: 'contact',
    specs: () => contactColumns(),
    schema: contactRowSchema,
    keyOf: (c) => `${c.customer} ${c.name}`,
    keyField: 'name',
    checks: (book) => {
      const customers = knownCodes(book, 'customers');
      return {
        check: (c) => (customers.has(c.customer) ? [] : [unknown('contact', 'customer', 'customer', c.customer)]),
      };
    },
    data: (read) => ({ contacts: presentFields(read) as (typeof read.records)[number]['value'][] }),
  }),
  targets: entityImport({
    entity: 'target',
    specs: (book) => targetColumns(book.moneyOptions()),
    schema: targetRowSchema,
    keyOf: (t) => `${t.salesperson} ${t.month}`,
    keyField: 'month',
    checks: (book) => {
      const people = knownCodes(book, 'salespeople');
      return {
        check: (t) =>
          people.has(t.salesperson) ? [] : [unknown('target', 'salesperson', 'salesperson', t.salesperson)],
      };
    },
    data: (read) => ({ targets: read.records.map((r) => r.value) }),
  }),
  suppliers: entityImport({
    entity: 'supplier',
    specs: () => supplierColumns(),
    schema: supplierRowSchema,
    keyOf: (s) => s.code,
    keyField: 'code',
    checks: (book) => knownByCode(knownNames(book, 'suppliers')),
    data: (read) => ({ suppliers: presentFields(read) as (typeof read.records)[number]['value'][] }),
  }),
  salespeople: entityImport({
    entity: 'salesperson',
    specs: () => salespersonColumns(),
    schema: salespersonRowSchema,
    keyOf: (s) => s.code,
    keyField: 'code',
    checks: (book) => knownByCode(knownNames(book, 'salespeople')),
    data: (read) => ({ salespeople: presentFields(read) as (typeof read.records)[number]['value'][] }),
  }),
  warehouses: entityImport({
    entity: 'warehouse',
    specs: () => warehouseColumns(),
    schema: warehouseRowSchema,
    keyOf: (w) => w.code,
    keyField: 'code',
    checks: (book) => knownByCode(knownNames(book, 'warehouses')),
    data: (read) => ({
      warehouses: read.records.map(({ value: w }) => ({
        code: w.code,
        name: w.name,
        ...(read.present.has('type') ? { type: w.type } : {}),
        ...(w.bins ? { bins: w.bins } : {}),
      })),
    }),
  }),
};

/** Where `upsertMasterData` reports the changes of each kind. */
const CHANGES_OF: Readonly<Record<MasterKind, keyof MasterData>> = {
  customers: 'customers',
  contacts: 'contacts',
  targets: 'targets',
  suppliers: 'suppliers',
  salespeople: 'salespeople',
  warehouses: 'warehouses',
};

const NO_CHANGES: EntityChanges = { inserted: [], updated: [], unchanged: 0 };

/** A product summary as the changes of any other kind: keys, fields before and after. */
export const productChanges = (s: UpsertSummary): EntityChanges => ({
  inserted: s.inserted,
  updated: s.updated.map((u) => ({ key: u.sku, changes: u.changes.map((c) => ({ ...c, field: String(c.field) })) })),
  unchanged: s.unchanged,
});

/**
 * Read and check a file of one kind against the book (the lookups are made before the first
 * await); `apply` then upserts the good rows as one command, or previews it with `dryRun`.
 * Rows are refused as `readRecords` does: all or nothing unless `onError: 'skip'`.
 *
 * @example
 * const file = await readImportFile(book, 'customers', { name: 'customers.csv', bytes }, { onError: 'skip' });
 * const diff = importDiff(book, file, file.apply({ dryRun: true }));
 */
export async function readImportFile(
  book: Book,
  kind: FileImportKind,
  source: TableSource,
  options: FileImportOptions = {},
): Promise<ReadImport> {
  const { date: _date, replace: _replace, source: _layout, account: _account, ...reading } = options;
  if (kind === 'products') {
    const products = await readProductFile(book, source, reading);
    return { ...products, apply: (o) => productChanges(products.apply(o)) };
  }
  const documents = await readDocumentFile(book, kind, source, options);
  if (documents) return { kind, ...documents, apply: (o) => documents.apply(o).changes };
  const def = ENTITY_IMPORTS[kind as MasterKind];
  const read = await readRecords(source, def.specs(book), def.schema, def.entity, {
    ...reading,
    ...def.checks?.(book),
    keyOf: def.keyOf,
    keyField: def.keyField as never,
  });
  return {
    kind,
    file: sourceName(source),
    read,
    keys: read.records.map(({ row, value }) => ({ row, key: def.keyOf(value) })),
    apply: ({ dryRun = false } = {}) =>
      upsertMasterData(book, def.data(read), { dryRun })[CHANGES_OF[kind as MasterKind]] ?? NO_CHANGES,
  };
}

/** What an upload may say besides the file: the opening stock's day, a statement's layout and account. */
export type FileImportOptions = ImportOptions & OpeningStockImportOptions & StatementImportOptions;

function readDocumentFile(
  book: Book,
  kind: FileImportKind,
  source: TableSource,
  options: FileImportOptions,
): Promise<DocumentRead<unknown>> | undefined {
  const { date, replace, source: layout, account, map, ...read } = options;
  const mapped = { ...read, ...(map ? { map } : {}) };
  switch (kind) {
    case 'price-lists':
      return readPriceListFile(book, source, mapped);
    case 'promotions':
      return readPromotionFile(book, source, mapped);
    case 'commission-plans':
      return readCommissionPlanFile(book, source, mapped);
    case 'expenses':
      return readExpenseFile(book, source, mapped);
    case 'orders':
      return readOrderFile(book, 'sales', source, mapped);
    case 'purchase-orders':
      return readOrderFile(book, 'purchase', source, mapped);
    case 'opening-stock':
      return readOpeningStockFile(book, source, {
        ...mapped,
        ...(date ? { date } : {}),
        ...(replace ? { replace } : {}),
      });
    case 'statement':
      return readStatementImport(book, source, {
        ...(layout ? { source: layout } : {}),
        ...(account ? { account } : {}),
        ...(map ? { map } : {}),
      });
    default:
      return undefined;
  }
}

export type ImportRowStatus = 'new' | 'changed' | 'unchanged';

/** What importing a file would do (or did), row by row, with the rows it refuses and why. */
export interface ImportDiff {
  file: string;
  kind: UploadKind;
  rows: {
    row: number;
    status: ImportRowStatus;
    key: string;
    /** Cells as the file writes them (`88.00`, not 8800), under the import's column names. */
    changes?: { column: string; before: string; after: string }[];
  }[];
  rejected: { row: number; column: string; value: string; code: string; message: string }[];
  summary: { new: number; changed: number; unchanged: number; rejected: number };
}

/**
 * Each good row of a read file as new, changed (fields before → after) or unchanged, from the
 * changes its apply (or preview) reported, and each refused cell with its rule.
 */
export function importDiff(book: Book, file: ReadImport, changes: ImportChanges): ImportDiff {
  const specs = IMPORT_COLUMNS[file.kind]?.(book.moneyOptions()) ?? [];
  const inserted = new Set(changes.inserted);
  const updated = new Map(changes.updated.map((u) => [u.key, u.changes]));
  const money = book.moneyOptions();
  const grid = (GRID_KINDS as readonly string[]).includes(file.kind) ? gridColumnsOf(file.kind as GridKind) : [];
  // As the grid and its exported file write the cell (`88.00`, not 8800), where the grid has the column.
  const text = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (changes.rendered) return String(v);
    const spec = specs.find((s) => String(s.field) === field);
    if (!spec) return String(v);
    const column = grid.find((c) => importSpecOf(specs, c.name) === spec);
    return column ? cellText(column.kind, v, money) : spec.format(v as never);
  };
  const header = (field: string) => specs.find((s) => String(s.field) === field)?.header ?? field;
  const rows = file.keys.map(({ row, key }): ImportDiff['rows'][number] => {
    if (inserted.has(key)) return { row, status: 'new', key };
    const moved = updated.get(key);
    if (!moved) return { row, status: 'unchanged', key };
    return {
      row,
      status: 'changed',
      key,
      changes: moved.map((c) => ({
        column: header(c.field),
        before: text(c.field, c.before),
        after: text(c.field, c.after),
      })),
    };
  });
  const rejected = file.read.rejections.map((r) => ({
    row: r.row,
    column: r.column,
    value: r.value,
    code: r.rule,
    message: r.message,
  }));
  const count = (status: ImportRowStatus) => rows.filter((r) => r.status === status).length;
  return {
    file: file.file,
    kind: file.kind,
    rows,
    rejected,
    summary: {
      new: count('new'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      rejected: new Set(rejected.map((r) => r.row)).size,
    },
  };
}
