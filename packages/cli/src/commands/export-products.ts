import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import type { Format } from '../output.js';

/** `tradeloop export products`: every product, in the import layout, so an export re-imports as-is. */
export async function exportProducts(options: { format: Format; output?: string }, command: Command): Promise<void> {
  await withBook(command, async (book) => {
    const [{ listProducts }, { productColumns, productToCells }, { writeReport }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
      import('../report-table.js'),
    ]);
    // The cells are as `import products` reads them (`tax_rate` 13, `listed` yes/no), so text.
    const columns = productColumns(book.settings());
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
