import {
  editProductField,
  fail,
  type Issue,
  ok,
  type Product,
  productColumns,
  type Result,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { rejected } from './refusal.js';
import { searchInitials } from './search-initials.js';

/** One field that an upsert changes, as the book will show it. */
export interface FieldChange {
  field: keyof Product;
  before: unknown;
  after: unknown;
}

export interface UpsertSummary {
  /** Skus created, in input order. */
  inserted: string[];
  /** Skus changed, with what changed, in input order. */
  updated: { sku: string; changes: FieldChange[] }[];
  /** How many input products matched the book already. */
  unchanged: number;
  /** Category paths created on the way (parents included). */
  categoriesCreated: string[];
}

const productRows = (book: Book) =>
  book.db
    .selectFrom('products as p')
    .innerJoin('categories as c', 'c.id', 'p.category_id')
    .select([
      'p.sku',
      'p.name',
      'p.name_en',
      'c.path as category',
      'p.uom',
      'p.price_minor',
      'p.cost_minor',
      'p.tax_rate_bp',
      'p.listed',
    ]);

type ProductRow = {
  sku: string;
  name: string;
  name_en: string | null;
  category: string;
  uom: string;
  price_minor: number;
  cost_minor: number;
  tax_rate_bp: number;
  listed: number;
};

const toProduct = (r: ProductRow): Product => ({
  sku: r.sku,
  name: r.name,
  nameEn: r.name_en,
  category: r.category,
  uom: r.uom,
  price: r.price_minor,
  cost: r.cost_minor,
  taxRate: r.tax_rate_bp,
  listed: r.listed === 1,
});

/** Every product, by sku; or a page of them, those after a sku, at most `limit`. */
export function listProducts(book: Book, page: { after?: string; limit?: number } = {}): Product[] {
  let q = productRows(book).orderBy('p.sku');
  if (page.after !== undefined) q = q.where('p.sku', '>', page.after);
  if (page.limit !== undefined) q = q.limit(page.limit);
  return book.exec.all(q).map(toProduct);
}

/** One product by sku, or undefined. */
export function getProduct(book: Book, sku: string): Product | undefined {
  const row = book.exec.get(productRows(book).where('p.sku', '=', sku));
  return row ? toProduct(row) : undefined;
}

const PRODUCT_FIELDS: (keyof Product)[] = ['name', 'nameEn', 'category', 'uom', 'price', 'cost', 'taxRate', 'listed'];

/** Make sure a category path and all its parents exist; returns the leaf id. */
function ensureCategory(book: Book, path: string, created: string[]): number {
  const existing = book.exec.get(book.db.selectFrom('categories').select('id').where('path', '=', path));
  if (existing) return existing.id;
  const parts = path.split('/');
  const parentPath = parts.slice(0, -1).join('/');
  const parentId = parentPath === '' ? null : ensureCategory(book, parentPath, created);
  const result = book.exec.run(
    book.db.insertInto('categories').values({ path, name: parts.at(-1) ?? path, parent_id: parentId }),
  );
  created.push(path);
  return Number(result.lastInsertRowid);
}

/**
 * The book's SKU codes by their lower case: a new code that differs from one of them only in case
 * names the same product and is refused. A book that already holds such a pair keeps it (`check`
 * reports it).
 *
 * @example
 * skusByCase(book).get('t-001') // 'T-001'
 */
export function skusByCase(book: Book): Map<string, string> {
  const map = new Map<string, string>();
  for (const { sku } of book.exec.all(book.db.selectFrom('products').select('sku').orderBy('id')))
    if (!map.has(sku.toLowerCase())) map.set(sku.toLowerCase(), sku);
  return map;
}

/**
 * Insert new products and update existing ones by sku, in one transaction with one audit row.
 * Products must already be valid (`productSchema`); categories are created as needed.
 * Re-running the same input changes nothing and reports every product unchanged.
 *
 * @example
 * const summary = upsertProducts(book, products, { dryRun: true }); // preview, book untouched
 */
export function upsertProducts(
  book: Book,
  products: readonly Product[],
  options: { dryRun?: boolean } = {},
): UpsertSummary {
  const seen = new Map<string, number>();
  products.forEach((p, index) => {
    // SKU codes are one regardless of case: T-001 and t-001 are the same code.
    const first = seen.get(p.sku.toLowerCase());
    if (first !== undefined) {
      throw new TradeloopError(
        'product.sku.duplicate',
        `sku ${p.sku} appears twice in one upsert (items ${first + 1} and ${index + 1})`,
        {
          path: [index, 'sku'],
        },
      );
    }
    seen.set(p.sku.toLowerCase(), index);
  });
  return book.command(
    'upsertProducts',
    () => {
      const summary: UpsertSummary = { inserted: [], updated: [], unchanged: 0, categoriesCreated: [] };
      const now = book.now();
      const known = skusByCase(book);
      products.forEach((product, index) => {
        const other = known.get(product.sku.toLowerCase());
        if (other !== undefined && other !== product.sku && !getProduct(book, product.sku))
          throw rejected([
            {
              code: 'product.sku.case',
              path: [index, 'sku'],
              message: `${product.sku} is already a product as ${other}`,
              value: product.sku,
            },
          ]);
      });
      for (const product of products) {
        const categoryId = ensureCategory(book, product.category, summary.categoriesCreated);
        const values = {
          name: product.name,
          initials: searchInitials(product.name),
          name_en: product.nameEn,
          category_id: categoryId,
          uom: product.uom,
          price_minor: product.price,
          cost_minor: product.cost,
          tax_rate_bp: product.taxRate,
          listed: product.listed ? 1 : 0,
        };
        const before = getProduct(book, product.sku);
        if (!before) {
          book.exec.run(
            book.db.insertInto('products').values({ sku: product.sku, ...values, created_at: now, updated_at: now }),
          );
          summary.inserted.push(product.sku);
          continue;
        }
        const changes = PRODUCT_FIELDS.filter((f) => before[f] !== product[f]).map((field) => ({
          field,
          before: before[field],
          after: product[field],
        }));
        if (changes.length === 0) {
          summary.unchanged += 1;
          continue;
        }
        book.exec.run(
          book.db
            .updateTable('products')
            .set({ ...values, updated_at: now })
            .where('sku', '=', product.sku),
        );
        summary.updated.push({ sku: product.sku, changes });
      }
      return {
        value: summary,
        unchanged: summary.inserted.length + summary.updated.length === 0,
        after: {
          inserted: summary.inserted.length,
          updated: summary.updated.length,
          unchanged: summary.unchanged,
          categoriesCreated: summary.categoriesCreated,
        },
      };
    },
    options,
  );
}

/**
 * Change one field of one product from the text a person typed, with the same rules as an import.
 * Invalid input changes nothing and comes back as issues.
 *
 * @example
 * editProduct(book, 'TEA-001', 'price', '98.00') // { ok: true, value: { …, price: 9800 } }
 */
export async function editProduct(book: Book, sku: string, field: string, input: string): Promise<Result<Product>> {
  const columns = productColumns(book.moneyOptions());
  return book.command(`editProduct.${field}`, () => {
    const before = getProduct(book, sku);
    if (!before) {
      const issue: Issue = {
        code: 'product.not_found',
        path: ['sku'],
        message: `no product with sku ${sku}`,
        value: sku,
      };
      return { value: fail<Product>(issue), unchanged: true };
    }
    const edited = editProductField(before, field, input, columns);
    if (!edited.ok) return { value: edited, unchanged: true };
    const p = edited.value;
    const now = book.now();
    const categoryId = ensureCategory(book, p.category, []);
    book.exec.run(
      book.db
        .updateTable('products')
        .set({
          name: p.name,
          initials: searchInitials(p.name),
          name_en: p.nameEn,
          category_id: categoryId,
          uom: p.uom,
          price_minor: p.price,
          cost_minor: p.cost,
          tax_rate_bp: p.taxRate,
          listed: p.listed ? 1 : 0,
          updated_at: now,
        })
        .where('sku', '=', sku),
    );
    return {
      value: ok(p),
      document: sku,
      before: { [field]: before[field as keyof Product] },
      after: { [field]: p[field as keyof Product] },
    };
  });
}
