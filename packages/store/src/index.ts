/**
 * @tradeloop/store: the company book on SQLite. The only package that holds SQL for the book.
 *
 * @example
 * import { Book, upsertProducts, listProducts } from '@tradeloop/store';
 * const book = await Book.open('tradeloop.db');
 * console.log(listProducts(book).length);
 * book.close();
 */
export { asBookError, Book, type BookOptions, type BookSettings, type CommandOutcome } from './book.js';
export { LATEST_MIGRATION, MIGRATIONS } from './migrations/index.js';
export {
  editProduct,
  type FieldChange,
  getProduct,
  listProducts,
  type UpsertSummary,
  upsertProducts,
} from './products.js';
export type { BookSchema } from './schema.js';
