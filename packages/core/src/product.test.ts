import { describe, expect, it } from 'vitest';
import {
  editProductField,
  matchProductHeaders,
  PRODUCT_COLUMNS,
  type Product,
  parseProductCells,
  productColumns,
  productToCells,
} from './product.js';

const tea: Product = {
  sku: 'TEA-001',
  name: '西湖龙井',
  nameEn: 'West Lake Longjing',
  category: '饮料/茶叶',
  uom: 'box',
  price: 8800,
  cost: 5200,
  taxRate: 1300,
  listed: true,
};

describe('product headers', () => {
  it('match English and Chinese names, ignoring case, spaces and underscores', () => {
    const r = matchProductHeaders(['编码', 'Name', '英文名称', '类别', 'UOM', '售价', 'Cost', '税率', '上架', '备注']);
    expect(r).toEqual({
      ok: true,
      value: {
        columns: { sku: 0, name: 1, nameEn: 2, category: 3, uom: 4, price: 5, cost: 6, taxRate: 7, listed: 8 },
        ignored: ['备注'],
      },
    });
    expect(matchProductHeaders(['\uFEFFSKU', 'name', 'Category', 'List Price']).ok).toBe(true);
  });

  it('name each missing required column and each duplicate', () => {
    const r = matchProductHeaders(['sku', '编码', 'name']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code)).toEqual(['header.duplicate', 'header.missing', 'header.missing']);
    expect(r.issues.map((i) => i.path[0])).toEqual(['编码', 'category', 'price']);
  });
});

describe('parseProductCells', () => {
  it('reads a row into a product with defaults for optional cells', () => {
    expect(parseProductCells({ sku: 'TEA-001', name: '西湖龙井', category: ' 饮料 / 茶叶 ', price: '88' })).toEqual({
      ok: true,
      value: { ...tea, nameEn: null, uom: 'pcs', cost: 0 },
    });
  });

  it('reports every bad cell of a row at once, each with field, rule and value', () => {
    const r = parseProductCells({
      sku: 'bad sku',
      name: '',
      category: 'a//b',
      price: '-1',
      taxRate: 'x',
      listed: 'maybe',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.path[0], i.code, i.value])).toEqual([
      ['name', 'product.name.required', ''],
      ['taxRate', 'percent.format', 'x'],
      ['listed', 'boolean.format', 'maybe'],
      ['sku', 'product.sku.invalid_format', 'bad sku'],
      ['category', 'product.category.custom', 'a//b'],
      ['price', 'product.price.too_small', '-1'],
    ]);
  });

  it('uses the currency precision of the columns it is given', () => {
    const yen = productColumns({ precision: 0 });
    const r = parseProductCells({ sku: 'A', name: 'a', category: 'c', price: '1200' }, yen);
    expect(r.ok && r.value.price).toBe(1200);
  });

  it('round-trips through export cells', () => {
    const cells = productToCells(tea);
    expect(Object.keys(cells)).toEqual(PRODUCT_COLUMNS.map((c) => c.header));
    const back = parseProductCells({
      sku: cells.sku,
      name: cells.name,
      nameEn: cells.name_en,
      category: cells.category,
      uom: cells.uom,
      price: cells.price,
      cost: cells.cost,
      taxRate: cells.tax_rate,
      listed: cells.listed,
    });
    expect(back).toEqual({ ok: true, value: tea });
  });
});

describe('editProductField', () => {
  it('applies a valid edit and keeps the rest', () => {
    expect(editProductField(tea, 'price', '98.5')).toEqual({ ok: true, value: { ...tea, price: 9850 } });
    expect(editProductField(tea, 'listed', '否')).toEqual({ ok: true, value: { ...tea, listed: false } });
    expect(editProductField(tea, 'nameEn', '')).toEqual({ ok: true, value: { ...tea, nameEn: null } });
  });

  it('refuses an invalid value with the rule that stops it', () => {
    const cases: [string, string, string][] = [
      ['price', '-1', 'product.price.too_small'],
      ['price', 'ten', 'money.format'],
      ['name', '  ', 'product.name.required'],
      ['taxRate', '120', 'percent.range'],
      ['sku', 'NEW', 'product.sku.immutable'],
      ['colour', 'red', 'product.field.unknown'],
    ];
    for (const [field, input, code] of cases) {
      const r = editProductField(tea, field, input);
      expect(r.ok, `${field}=${input}`).toBe(false);
      if (!r.ok) expect(r.issues[0]?.code).toBe(code);
    }
  });
});
