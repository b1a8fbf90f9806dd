import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import { emit, type Format, render } from '../output.js';
import { productGrid } from '../product-grid.js';

/** `tradeloop export products`: every product, in the import layout, so an export re-imports as-is. */
export async function exportProducts(options: { format: Format; output?: string }, command: Command): Promise<void> {
  await withBook(command, async (book) => {
    const { listProducts } = await import('@tradeloop/store');
    const grid = await productGrid(listProducts(book), book.settings());
    emit(render(grid, options.format), options.output);
  });
}
