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
    const [{ formatMoney }, { precision }] = await Promise.all([import('@tradeloop/core'), book.settings()]);
    emit(
      renderSummary(file, summary, options, (n) => formatMoney(n, { precision })),
      undefined,
    );
  });
}

/** Read, check and upsert a products file into an open book (also used by `init --demo`). */
export async function importProductFile(book: Book, file: string, options: ImportOptions = {}): Promise<UpsertSummary> {
  const { productColumns, productSchema } = await import('@tradeloop/core');
  const columns = productColumns(book.moneyOptions());
  const { listProducts, skusByCase, upsertProducts } = await import('@tradeloop/store');
  const existing = new Map(listProducts(book).map((p) => [p.sku, p]));
  const byCase = skusByCase(book);
  const read = await readRecords(file, columns, productSchema, 'product', {
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.rejectFile ? { rejectFile: options.rejectFile } : {}),
    ...(options.map ? { map: options.map } : {}),
    // One code regardless of case: a row whose SKU differs only in case from a product is refused.
    keyOf: (p) => p.sku.toLowerCase(),
    check: (p) => {
      const other = byCase.get(p.sku.toLowerCase());
      return other !== undefined && other !== p.sku && !existing.has(p.sku)
        ? [
            {
              code: 'product.sku.case',
              path: ['sku'],
              message: `${p.sku} is already a product as ${other}`,
              value: p.sku,
            },
          ]
        : [];
    },
    keyField: 'sku',
    // A file of only sku and price updates prices: the rest is read from the book.
    known: {
      field: 'sku',
      cells: (sku) => {
        const p = existing.get(sku);
        return p && Object.fromEntries(columns.map((c) => [c.field, c.format(p[c.field] as never)]));
      },
    },
  });
  for (const header of read.ignored)
    process.stderr.write(`warning: ${file}: column "${header}" is not a product field; ignored\n`);
  const { formatRejection } = await import('../cli-error.js');
  for (const r of read.rejections) process.stderr.write(`skipped: ${formatRejection(r)}\n`);
  // A product already in the book keeps what the file has no column for.
  const products = read.records.map(({ value }) => {
    const was = existing.get(value.sku);
    if (!was) return value;
    return {
      ...was,
      ...Object.fromEntries(Object.entries(value).filter(([k]) => read.present.has(k as keyof typeof value))),
    };
  });
  return upsertProducts(book, products, { dryRun: options.dryRun ?? false });
}

const MONEY = new Set(['price', 'cost', 'floorPrice']);

function renderSummary(
  file: string,
  s: UpsertSummary,
  options: ImportOptions,
  money: (minor: number) => string,
): string {
  // Amounts are minor units in the book; a person reads them as written in the file.
  const show = (field: string, v: unknown) =>
    v === null || v === undefined ? '∅' : MONEY.has(field) && typeof v === 'number' ? money(v) : String(v);
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
