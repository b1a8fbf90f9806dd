import type { Command } from 'commander';
import { z } from 'zod';
import { opt, withOptions } from '../options.js';

const productsOptions = () =>
  z.object({ format: opt.choice(['csv', 'json']).default('csv'), output: opt.text().optional() });

/** `tradeloop export products`: every product, in the import layout, so an export re-imports as-is. */
export async function exportProducts(raw: unknown, command: Command): Promise<void> {
  await withOptions(command, productsOptions, raw, async (options, book) => {
    const [{ listProducts }, { productColumns, productToCells, seesColumns }, { writeReport }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
      import('../report-table.js'),
    ]);
    book.requirePermission('book.read');
    // The cells are as `import products` reads them (`tax_rate` 13, `listed` yes/no), so text;
    // the cost column only for who may see costs.
    const columns = productColumns(book.settings()).filter(
      (c) => c.field !== 'cost' || seesColumns(book.principal, 'cost'),
    );
    await writeReport(
      {
        columns: columns.map((c) => ({ key: c.header, title: c.header, kind: 'text' as const })),
        rows: listProducts(book).map((p) => productToCells(p, columns)),
      },
      options,
      book.settings().precision,
      'products',
    );
  });
}
