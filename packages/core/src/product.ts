import { z } from 'zod';
import { parseBoolean } from './boolean.js';
import { type ColumnSpec, matchHeaders, parseRecord, specIssues, textOnly, validated } from './columns.js';
import { assertInput, inputError, inputIssues, moneyOptionsInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import { formatMoney, type MoneyOptions, parseMoney } from './money.js';
import { formatPercent, parsePercent } from './rate.js';

/** Letters, digits and `._-/`, starting with a letter or digit: safe in file names and URLs. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

/** Category path: names separated by `/`, e.g. `饮料/茶叶` or `Beverages/Tea`. */
export const categoryPathSchema = z
  .string()
  .trim()
  .min(1, { error: 'is required' })
  .max(200, { error: 'must be at most 200 characters' })
  .refine((p) => p.split('/').every((part) => part.trim().length > 0), {
    error: 'must be names separated by "/", none empty',
  })
  .transform((p) =>
    p
      .split('/')
      .map((part) => part.trim())
      .join('/'),
  );

const minorAmount = z
  .int({ error: 'must be a whole number of minor units' })
  .min(0, { error: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

/** A product as the book holds it. Money in minor units, tax rate in basis points. */
export const productSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(1, { error: 'is required' })
    .max(64, { error: 'must be at most 64 characters' })
    .regex(SKU_PATTERN, { error: 'may hold only letters, digits and . _ - /, starting with a letter or digit' }),
  name: z.string().trim().min(1, { error: 'is required' }).max(200, { error: 'must be at most 200 characters' }),
  nameEn: z.string().trim().max(200, { error: 'must be at most 200 characters' }).nullable(),
  category: categoryPathSchema,
  uom: z.string().trim().min(1, { error: 'is required' }).max(16, { error: 'must be at most 16 characters' }),
  price: minorAmount,
  cost: minorAmount,
  taxRate: z.int().min(0, { error: 'must not be negative' }).max(10000, { error: 'must be at most 100%' }),
  listed: z.boolean(),
});

export type Product = z.infer<typeof productSchema>;
export type ProductField = keyof Product;

const text = (t: string): Result<string> => ok(t.trim());

/**
 * A product's shape, without the rules an import checks (length, sku pattern, range): what
 * formatting and editing need to run. A product the book already holds passes even if a rule
 * has tightened since it was written.
 */
const productShape = z.object({
  sku: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  category: z.string(),
  uom: z.string(),
  price: z.int(),
  cost: z.int(),
  taxRate: z.int(),
  listed: z.boolean(),
});
const productColumnsArgs = z.object({ money: moneyOptionsInput });
const toCellsArgs = z.object({ product: productShape });
const editArgs = z.object({ product: productShape, field: z.string(), input: z.string() });

/**
 * The product's columns for imports, exports and the grid. Money columns use the currency
 * precision given by `money` and round once, as it names.
 *
 * @example
 * productColumns({ precision: 0 }).find((c) => c.field === 'price')?.parse('1200') // { ok: true, value: 1200 }
 */
export function productColumns(money: MoneyOptions = {}): readonly ColumnSpec<Product>[] {
  assertInput(productColumnsArgs, { money }, 'productColumns');
  const amount = (t: string) => parseMoney(t, money);
  const showAmount = (v: unknown) => formatMoney(v as number, money);
  const columns: ColumnSpec<Product>[] = [
    {
      field: 'sku',
      header: 'sku',
      aliases: ['编码', '商品编码', '物料编码', '货号', 'item code', 'code'],
      label: { en: 'SKU', zh: '编码' },
      example: 'TEA-001',
      required: true,
      parse: text,
      format: String,
    },
    {
      field: 'name',
      header: 'name',
      aliases: ['名称', '商品名称', '品名', 'product name', 'item name'],
      label: { en: 'Name', zh: '名称' },
      example: '龙井茶',
      required: true,
      parse: text,
      format: String,
    },
    {
      field: 'nameEn',
      header: 'name_en',
      aliases: ['英文名称', '英文名', 'english name'],
      label: { en: 'English name', zh: '英文名称' },
      example: 'Longjing tea',
      required: false,
      fallback: null,
      parse: text,
      format: (v) => (v as string | null) ?? '',
    },
    {
      field: 'category',
      header: 'category',
      aliases: ['类别', '分类', '商品分类', '商品类别', 'item group'],
      label: { en: 'Category', zh: '类别' },
      example: '饮料/茶叶',
      required: true,
      parse: text,
      format: String,
    },
    {
      field: 'uom',
      header: 'uom',
      aliases: ['单位', '计量单位', 'unit'],
      label: { en: 'Unit', zh: '单位' },
      example: '盒',
      required: false,
      fallback: 'pcs',
      parse: text,
      format: String,
    },
    {
      field: 'price',
      header: 'price',
      aliases: ['售价', '销售价', '单价', '零售价', 'list price', 'sales price'],
      label: { en: 'Price', zh: '售价' },
      example: '88.00',
      required: true,
      parse: amount,
      format: showAmount,
    },
    {
      field: 'cost',
      header: 'cost',
      aliases: ['成本', '成本价', '进价', 'standard cost'],
      label: { en: 'Cost', zh: '成本' },
      example: '42.50',
      required: false,
      fallback: 0,
      parse: amount,
      format: showAmount,
    },
    {
      field: 'taxRate',
      header: 'tax_rate',
      aliases: ['税率', 'tax', 'vat', 'tax rate %'],
      label: { en: 'Tax %', zh: '税率%' },
      example: '13%',
      required: false,
      fallback: 1300,
      parse: (t) => parsePercent(t),
      format: (v) => formatPercent(v as number),
    },
    {
      field: 'listed',
      header: 'listed',
      aliases: ['上架', '是否上架', '在售', 'active', 'on sale'],
      label: { en: 'Listed', zh: '上架' },
      example: '是',
      required: false,
      fallback: true,
      parse: parseBoolean,
      format: (v) => (v ? 'yes' : 'no'),
    },
  ];
  return columns.map((c) => ({ ...c, parse: textOnly(c.parse) }));
}

/** The columns at the default currency precision (2) and half-up rounding. */
export const PRODUCT_COLUMNS = productColumns();

/**
 * Read a product from the cells of one row, keyed by field.
 *
 * @example
 * parseProductCells({ sku: 'TEA-001', name: '龙井茶', category: '饮料/茶叶', price: '88' })
 * // { ok: true, value: { sku: 'TEA-001', …, price: 8800, taxRate: 1300, listed: true } }
 */
export function parseProductCells(
  cells: Partial<Record<ProductField, string | undefined>>,
  columns: readonly ColumnSpec<Product>[] = PRODUCT_COLUMNS,
): Result<Product> {
  return parseRecord(columns, productSchema, 'product', cells);
}

/**
 * Match a product file's header row.
 *
 * @example
 * matchProductHeaders(['编码', '名称', '类别', '售价']) // { ok: true, value: { columns: { sku: 0, name: 1, category: 2, price: 3 }, ignored: [] } }
 */
export const matchProductHeaders = (headers: readonly string[], columns = PRODUCT_COLUMNS) =>
  matchHeaders(columns, headers);

/**
 * A product as export cells, keyed by canonical header, in column order.
 *
 * @example
 * productToCells(product).price // '88.00'
 */
export function productToCells(product: Product, columns = PRODUCT_COLUMNS): Record<string, string> {
  assertInput(toCellsArgs, { product }, 'productToCells');
  const bad = specIssues(columns, 'columns');
  if (bad) throw inputError('productToCells', bad);
  const row: Record<string, string> = {};
  for (const c of columns) row[c.header] = c.format(product[c.field] as never);
  return row;
}

/**
 * Change one field of a product from the text a person typed (the grid), checking the same rules
 * an import would. The sku is the product's identity and cannot be changed this way.
 *
 * @example
 * editProductField(product, 'price', '-1') // { ok: false, issues: [{ code: 'product.price.too_small', … }] }
 */
export function editProductField(
  product: Product,
  field: string,
  input: string,
  columns = PRODUCT_COLUMNS,
): Result<Product> {
  const bad = inputIssues(editArgs, { product, field, input }) ?? specIssues(columns, 'columns');
  if (bad) return fail(...bad);
  const spec = columns.find((c) => c.field === field);
  if (!spec) {
    return fail({
      code: 'product.field.unknown',
      path: [field],
      message: `"${field}" is not a product field`,
      value: field,
    });
  }
  if (spec.field === 'sku') {
    return fail({
      code: 'product.sku.immutable',
      path: ['sku'],
      message: 'cannot be changed; create a new product instead',
      value: input,
    });
  }
  let value: unknown;
  if (input.trim() === '') {
    if (spec.required)
      return fail({ code: `product.${field}.required`, path: [field], message: 'is required', value: input });
    value = spec.fallback;
  } else {
    const parsed = spec.parse(input);
    if (!parsed.ok) return fail(...parsed.issues.map((i) => ({ ...i, path: [field], value: input })));
    value = parsed.value;
  }
  return validated(productSchema, 'product', { ...product, [field]: value }, { [field]: input });
}
