import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlankCell, matchHeaders, matchUpdateHeaders, normalizeHeader, unmatchedHeaders } from './columns.js';
import { productColumns } from './product.js';

const specs = productColumns();

describe('header matching', () => {
  it('finds fields by English or Chinese header and refuses a file without a required column', () => {
    const m = matchHeaders(specs, ['编码', 'Name', '类别', '售价', '备注']);
    expect(m.ok && m.value.columns).toMatchObject({ sku: 0, name: 1, category: 2, price: 3 });
    expect(m.ok && m.value.ignored).toEqual(['备注']);
    const partial = matchHeaders(specs, ['编码', '售价']);
    expect(partial.ok ? [] : partial.issues.map((i) => i.path[0])).toEqual(['name', 'category']);
  });

  it('lets an update file hold the key and any columns, naming the required ones it leaves out', () => {
    const m = matchUpdateHeaders(specs, ['编码', '售价'], 'sku');
    expect(m.ok && m.value.columns).toEqual({ sku: 0, price: 1 });
    expect(m.ok && m.value.missing.map((s) => s.field)).toEqual(['name', 'category']);
    const noKey = matchUpdateHeaders(specs, ['售价'], 'sku');
    expect(noKey.ok ? [] : noKey.issues.map((i) => [i.code, i.path[0]])).toEqual([['header.missing', 'sku']]);
  });

  it('names the headers no field knows, for a mapping', () => {
    expect(unmatchedHeaders(specs, ['物料代码', '售价', ' '])).toEqual(['物料代码']);
    expect(unmatchedHeaders(specs, ['sku', 'price'])).toEqual([]);
  });
});

describe('header decorations', () => {
  it.each([
    ['折扣权限%', '折扣权限'],
    ['折扣权限 ％', '折扣权限'],
    ['信用额度（元）', '信用额度'],
    ['信用额度(元)', '信用额度'],
    ['金额（人民币）', '金额'],
    ['采购提前期(天)', '采购提前期'],
    ['（编码）', '编码'],
    ['编　码', '编码'],
    ['名称*', '名称'],
    ['*名称', '名称'],
    [' Tax_Rate ', 'taxrate'],
    ['\uFEFFSKU', 'sku'],
    ['Credit-Limit', 'creditlimit'],
  ])('reads %j as %j', (header, key) => {
    expect(normalizeHeader(header)).toBe(key);
  });

  it('keeps a scale in brackets, which changes what the numbers mean', () => {
    expect(normalizeHeader('金额(万元)')).not.toBe(normalizeHeader('金额'));
  });

  it('matches a decorated file header to a decorated spec name the same way', () => {
    const m = matchHeaders(specs, ['编码*', '名称 *', '类别（必填）', '售价（元）', '税率％']);
    expect(m.ok ? m.value.columns : m.issues).toMatchObject({ sku: 0, name: 1, price: 3, taxRate: 4 });
  });
});

describe('isBlankCell', () => {
  it('is blank exactly when trimming leaves nothing, spaces of every script included', () => {
    const cell = fc.array(fc.constantFrom(' ', '\t', '\u3000', '\u00a0', '\n', 'a', '1', '客', '-', '\u200b'), {
      maxLength: 6,
    });
    fc.assert(fc.property(cell, (chars) => isBlankCell(chars.join('')) === (chars.join('').trim() === '')));
    expect(isBlankCell('\u3000')).toBe(true);
    expect(isBlankCell(' A-1 ')).toBe(false);
  });
});
