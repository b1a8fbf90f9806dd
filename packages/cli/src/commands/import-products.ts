import type { Book, UpsertSummary } from '@tradeloop/store';
import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import { importSchema, type ImportOptions as ReadOptions, readRecords } from '../importer.js';
import { parseOptions } from '../options.js';
import { emit, type Format } from '../output.js';

export interface ImportOptions extends ReadOptions {
  dryRun?: boolean;
  format?: Format | 'text';
}

/** `tradeloop import products FILE`: all rows or none. */
export async function importProducts(file: string, raw: unknown, command: Command): Promise<void> {
  const options = parseOptions(command, importSchema, raw);
  await withBook(command, async (book) => {
    const summary = await importProductFile(book, file, options);
    const [{ formatMoney, formatQuantity }, { precision }] = await Promise.all([
      import('@tradeloop/core'),
      book.settings(),
    ]);
    emit(
      renderSummary(file, summary, options, (n) => formatMoney(n, { precision }), formatQuantity),
      undefined,
    );
  });
}

/**
 * Read, check and upsert a products file into an open book (also used by `init --demo`): the
 * catalogue columns and, beside them, the product's rules (floor price, reorder point, preferred
 * supplier …), all in one transaction.
 */
export async function importProductFile(book: Book, file: string, options: ImportOptions = {}): Promise<UpsertSummary> {
  const { commandPermission, productColumns, productRuleColumns, productRuleRowSchema, productSchema } = await import(
    '@tradeloop/core'
  );
  const catalogue = productColumns(book.moneyOptions());
  const rules = productRuleColumns(book.moneyOptions());
  const columns = [...catalogue, ...rules] as import('@tradeloop/core').ColumnSpec<ProductRow>[];
  const { knownCodes, listProducts, skusByCase, upsertMasterData, upsertProducts } = await import('@tradeloop/store');
  const existing = new Map(listProducts(book).map((p) => [p.sku, p]));
  const byCase = skusByCase(book);
  const suppliers = knownCodes(book, 'suppliers');
  const read = await readRecords(file, columns, productSchema.extend(productRuleRowSchema.shape), 'product', {
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.rejectFile ? { rejectFile: options.rejectFile } : {}),
    ...(options.map ? { map: options.map } : {}),
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
      const issues: import('@tradeloop/core').Issue[] = [];
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
  for (const header of read.ignored)
    process.stderr.write(`warning: ${file}: column "${header}" is not a product field; ignored\n`);
  const { formatRejection } = await import('../cli-error.js');
  for (const r of read.rejections) process.stderr.write(`skipped: ${formatRejection(r)}\n`);
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
  if (settings.length === 0) return upsertProducts(book, products, { dryRun: options.dryRun ?? false });
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
  return options.dryRun ? book.preview(write) : book.batch(write);
}

type Product = import('@tradeloop/core').Product;
type ProductRow = Product & import('@tradeloop/core').ProductRuleRow;

const MONEY = new Set(['price', 'cost', 'floorPrice']);
const QUANTITY = new Set(['reorderPoint', 'reorderQty', 'maxLevel', 'safetyStock', 'moq', 'packSize']);

function renderSummary(
  file: string,
  s: UpsertSummary,
  options: ImportOptions,
  money: (minor: number) => string,
  quantity: (milli: number) => string,
): string {
  // Amounts are minor units in the book; a person reads them as written in the file.
  const show = (field: string, v: unknown) =>
    v === null || v === undefined
      ? '∅'
      : typeof v !== 'number'
        ? String(v)
        : MONEY.has(field)
          ? money(v)
          : QUANTITY.has(field)
            ? quantity(v)
            : String(v);
  if (options.format === 'json') {
    return `${JSON.stringify({ file, dryRun: options.dryRun ?? false, ...s }, null, 2)}\n`;
  }
  const verb = options.dryRun ? 'would import' : 'imported';
  const lines = [
    `${verb} ${file}: ${s.inserted.length} new, ${s.updated.length} changed, ${s.unchanged} unchanged` +
      (s.categoriesCreated.length > 0 ? `, ${s.categoriesCreated.length} new categories` : ''),
  ];
  if (options.dryRun) {
    for (const u of s.updated.slice(0, 10)) {
      const changes = u.changes
        .map((c) => `${String(c.field)}: ${show(String(c.field), c.before)} → ${show(String(c.field), c.after)}`)
        .join('; ');
      lines.push(`  ~ ${u.sku}  ${changes}`);
    }
    for (const sku of s.inserted.slice(0, 10)) lines.push(`  + ${sku}`);
  }
  return `${lines.join('\n')}\n`;
}
