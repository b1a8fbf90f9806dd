import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { editProduct, getProduct, listProducts, upsertProducts } from './products.js';
import { fixedClock, sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const newBook = () => Book.create(join(tempDir(), 'co.db'), { clock: fixedClock });
const count = (book: Book, table: string) => book.sqlite.prepare(`select count(*) from ${table}`).pluck().get();

describe('upsertProducts', () => {
  it('inserts new products, creating their category paths', async () => {
    const book = await newBook();
    const summary = upsertProducts(book, [sampleProduct(), sampleProduct({ sku: 'TEA-002', category: '饮料/茶叶' })]);
    expect(summary).toEqual({
      inserted: ['TEA-001', 'TEA-002'],
      updated: [],
      unchanged: 0,
      categoriesCreated: ['饮料', '饮料/茶叶'],
    });
    expect(listProducts(book)).toEqual([sampleProduct(), sampleProduct({ sku: 'TEA-002' })]);
    const tree = book.sqlite
      .prepare('select c.path, p.path as parent from categories c left join categories p on p.id = c.parent_id')
      .all();
    expect(tree).toEqual([
      { path: '饮料', parent: null },
      { path: '饮料/茶叶', parent: '饮料' },
    ]);
    book.close();
  });

  it('updates changed products field by field and counts the unchanged', async () => {
    const book = await newBook();
    upsertProducts(book, [sampleProduct(), sampleProduct({ sku: 'TEA-002' })]);
    const summary = upsertProducts(book, [
      sampleProduct({ price: 9900, listed: false }),
      sampleProduct({ sku: 'TEA-002' }),
    ]);
    expect(summary.inserted).toEqual([]);
    expect(summary.unchanged).toBe(1);
    expect(summary.updated).toEqual([
      {
        sku: 'TEA-001',
        changes: [
          { field: 'price', before: 8800, after: 9900 },
          { field: 'listed', before: true, after: false },
        ],
      },
    ]);
    expect(getProduct(book, 'TEA-001')?.price).toBe(9900);
    book.close();
  });

  it('previews with dryRun and writes nothing, not even an audit row', async () => {
    const book = await newBook();
    const preview = upsertProducts(book, [sampleProduct()], { dryRun: true });
    expect(preview.inserted).toEqual(['TEA-001']);
    expect(count(book, 'products')).toBe(0);
    expect(count(book, 'categories')).toBe(0);
    expect(count(book, 'audit_log')).toBe(0);
    book.close();
  });

  it('writes nothing at all when one product fails mid-way', async () => {
    const book = await newBook();
    const bad = sampleProduct({ sku: 'BAD-1', price: -5 }); // bypasses core's schema; the book's own check stops it
    expect(() => upsertProducts(book, [sampleProduct(), bad])).toThrow(/CHECK constraint/);
    expect(count(book, 'products')).toBe(0);
    expect(count(book, 'categories')).toBe(0);
    expect(count(book, 'audit_log')).toBe(0);
    book.close();
  });

  it('refuses the same sku twice in one call', async () => {
    const book = await newBook();
    expect(() => upsertProducts(book, [sampleProduct(), sampleProduct()])).toThrow(
      expect.objectContaining({ code: 'product.sku.duplicate' }),
    );
    book.close();
  });

  it('is idempotent: the same input twice leaves the book as after once', async () => {
    const book = await newBook();
    const productArb = fc.record({
      sku: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,8}$/),
      price: fc.integer({ min: 0, max: 1e9 }),
      category: fc.constantFrom('A', 'A/B', 'C/D/E', '饮料/茶叶'),
      listed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(productArb, { selector: (p) => p.sku, maxLength: 20 }), async (rows) => {
        const products = rows.map((r) => sampleProduct(r));
        upsertProducts(book, products);
        const once = listProducts(book);
        const second = upsertProducts(book, products);
        expect(second.inserted).toEqual([]);
        expect(second.updated).toEqual([]);
        expect(second.unchanged).toBe(products.length);
        const audits = count(book, 'audit_log');
        upsertProducts(book, products);
        expect(count(book, 'audit_log')).toBe(audits);
        expect(listProducts(book)).toEqual(once);
      }),
      { numRuns: 30 },
    );
    book.close();
  });
});

describe('editProduct', () => {
  it('saves a valid edit with an audit row naming the product', async () => {
    const book = await newBook();
    upsertProducts(book, [sampleProduct()]);
    const r = await editProduct(book, 'TEA-001', 'price', '99.90');
    expect(r).toEqual({ ok: true, value: sampleProduct({ price: 9990 }) });
    expect(getProduct(book, 'TEA-001')?.price).toBe(9990);
    const audit = book.sqlite
      .prepare("select document, before_json, after_json from audit_log where command like 'editProduct%'")
      .get();
    expect(audit).toEqual({ document: 'TEA-001', before_json: '{"price":8800}', after_json: '{"price":9990}' });
    book.close();
  });

  it('refuses an invalid value and changes nothing', async () => {
    const book = await newBook();
    upsertProducts(book, [sampleProduct()]);
    const r = await editProduct(book, 'TEA-001', 'price', '-3');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'product.price.too_small', message: 'must not be negative' });
    expect(getProduct(book, 'TEA-001')?.price).toBe(8800);
    expect(count(book, "audit_log where command like 'editProduct%'")).toBe(0);
    book.close();
  });

  it('moves a product to a new category, creating it', async () => {
    const book = await newBook();
    upsertProducts(book, [sampleProduct()]);
    const r = await editProduct(book, 'TEA-001', 'category', 'Gifts/Tea sets');
    expect(r.ok).toBe(true);
    expect(getProduct(book, 'TEA-001')?.category).toBe('Gifts/Tea sets');
    book.close();
  });

  it('reports an unknown sku', async () => {
    const book = await newBook();
    const r = await editProduct(book, 'NOPE', 'price', '1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('product.not_found');
    book.close();
  });
});

describe('SKU codes regardless of case', () => {
  it('refuses a new product whose SKU differs only in case, naming the existing one, and changes nothing', async () => {
    const { smallCompany } = await import('./test-support/demo-company.js');
    const { check } = await import('./check.js');
    const { idOf } = await import('./master-data.js');
    const book = await smallCompany(tempDir());
    const tea = getProduct(book, 'TEA-001');
    if (!tea) throw new Error('no TEA-001');
    expect(() => upsertProducts(book, [{ ...tea, sku: 'tea-001', name: 'x' }])).toThrow(
      'tea-001 is already a product as TEA-001',
    );
    expect(() =>
      upsertProducts(book, [
        { ...tea, sku: 'NEW-1' },
        { ...tea, sku: 'new-1' },
      ]),
    ).toThrow(/appears twice/);
    expect(getProduct(book, 'tea-001')).toBeUndefined();
    expect(getProduct(book, 'NEW-1')).toBeUndefined();
    // A SKU typed in another case finds the one product.
    expect(idOf(book, 'products', 'tea-001')).toBe(idOf(book, 'products', 'TEA-001'));
    expect(check(book)).toEqual([]);
    book.close();
  });
});
