import type { Book, ImportOptions as ReadOptions, UpsertSummary } from '@tradeloop/store';
import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import { importSchema } from '../import-options.js';
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
  const { readProductFile } = await import('@tradeloop/store');
  const products = await readProductFile(book, file, {
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.rejectFile ? { rejectFile: options.rejectFile } : {}),
    ...(options.map ? { map: options.map } : {}),
  });
  for (const header of products.read.ignored)
    process.stderr.write(`warning: ${file}: column "${header}" is not a product field; ignored\n`);
  const { formatRejection } = await import('../cli-error.js');
  for (const r of products.read.rejections) process.stderr.write(`skipped: ${formatRejection(r)}\n`);
  return products.apply({ dryRun: options.dryRun ?? false });
}

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
