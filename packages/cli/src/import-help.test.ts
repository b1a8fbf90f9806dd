import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ColumnSpec,
  columnNames,
  commissionPlanRowSchema,
  contactRowSchema,
  customerRowSchema,
  expenseRowSchema,
  normalizeHeader,
  openingStockRowSchema,
  orderLineRowSchema,
  priceRowSchema,
  productRuleRowSchema,
  productSchema,
  promotionRowSchema,
  salesHistoryRowSchema,
  salespersonRowSchema,
  supplierRowSchema,
  targetRowSchema,
  warehouseRowSchema,
} from '@tradeloop/core';
import { readRecords } from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { IMPORT_COLUMNS } from './import-columns.js';
import { ROOT, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

const SCHEMAS: Record<string, z.ZodType<unknown>> = {
  products: productSchema.extend(productRuleRowSchema.shape),
  customers: customerRowSchema,
  contacts: contactRowSchema,
  targets: targetRowSchema,
  suppliers: supplierRowSchema,
  salespeople: salespersonRowSchema,
  warehouses: warehouseRowSchema,
  'opening-stock': openingStockRowSchema,
  'price-lists': priceRowSchema,
  promotions: promotionRowSchema,
  'commission-plans': commissionPlanRowSchema,
  expenses: expenseRowSchema,
  orders: orderLineRowSchema,
  'purchase-orders': orderLineRowSchema,
  'sales-history': salesHistoryRowSchema,
};

const KINDS = Object.entries(IMPORT_COLUMNS).map(([kind, specs]) => [kind, specs({})] as const);

/** Every name a column is read by: header, field, labels and aliases. */
const allNames = (c: ColumnSpec<never>) => [...columnNames(c), c.label.en, c.label.zh];
const keys = (names: readonly string[]) => new Set(names.map(normalizeHeader));

/** The README's table of import columns, by kind: each `header 中文/别名 (note)` of a row. */
function readmeTable(): Map<string, { header: string; names: string[] }[]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| file | columns (English or Chinese'));
  const rows = new Map<string, { header: string; names: string[] }[]>();
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('| ')) break;
    const [, kind = '', cells = ''] = line.split(' | ').length >= 2 ? (/^\| (.+?) \| (.+) \|$/.exec(line) ?? []) : [];
    const items = cells
      .replace(/\([^()]*\)/g, '')
      .split(/[,;] /)
      .map((item) => item.slice(item.lastIndexOf(': ') + 1).trim())
      .filter(Boolean);
    rows.set(
      kind.replaceAll(' ', '-'),
      items.map((item) => {
        const [header = '', zh = ''] = item.split(/\s+/);
        return { header, names: zh.split('/') };
      }),
    );
  }
  return rows;
}

describe('import columns: help, README and importer agree', () => {
  const readme = readmeTable();

  it.each(KINDS)('import %s --help lists every column, its names, whether required, and an example', (kind, specs) => {
    const help = tradeloop(['import', kind, '--help']);
    expect(help.code).toBe(0);
    const lines = help.stdout.split('\n');
    for (const c of specs) {
      const line = lines.find((l) => l.startsWith(`  ${c.header} `));
      expect(line, `${kind} ${c.header}`).toBeDefined();
      const shown = keys((line ?? '').trim().split(/\s{2,}|, /));
      expect(shown.has(normalizeHeader(c.label.zh)), `${kind} ${c.header} ${c.label.zh}`).toBe(true);
      expect(/\srequired(\s|$)/.test(line ?? ''), `${kind} ${c.header} required`).toBe(c.required);
      for (const name of allNames(c).filter((n) => n !== c.field))
        expect(shown.has(normalizeHeader(name)), `${kind} ${c.header}: ${name}`).toBe(true);
    }
    const example = lines.indexOf('Example file:');
    expect(lines[example + 1]).toBe(`  ${specs.map((c) => c.label.zh).join(',')}`);
  });

  it.each(KINDS)('the README table lists the columns of %s, by the names the importer reads', (kind, specs) => {
    const row = readme.get(kind);
    expect(row, kind).toBeDefined();
    expect(row?.map((r) => r.header)).toEqual(specs.map((c) => c.header));
    for (const [i, c] of specs.entries())
      for (const name of row?.[i]?.names ?? [])
        expect(keys(allNames(c)).has(normalizeHeader(name)), `${kind} ${c.header}: ${name}`).toBe(true);
  });

  it.each(KINDS)('a %s file read under any of a column’s names fills that column', async (kind, specs) => {
    const schema = SCHEMAS[kind] as z.ZodType<unknown>;
    const dir = tempDir();
    const csv = (cells: string[]) => cells.map((v) => (/[",\n]/.test(v) ? `"${v}"` : v)).join(',');
    const example = specs.map((c) => c.example ?? '');
    let n = 0;
    for (const [i, c] of specs.entries()) {
      if (!c.example) continue;
      for (const name of allNames(c)) {
        const headers = specs.map((s, j) => (j === i ? name : s.label.zh));
        n += 1;
        const file = join(dir, `${kind}-${n}.csv`);
        writeFileSync(file, `${csv(headers)}\n${csv(example)}\n`);
        const read = await readRecords(file, specs, schema as z.ZodType<never>, kind);
        expect(read.rejections, `${kind} ${name}`).toEqual([]);
        const value = read.records[0]?.value as Record<string, unknown> | undefined;
        expect(value?.[c.field as string], `${kind} ${c.header} read as ${name}`).toEqual(
          (c.parse(c.example) as { value: unknown }).value,
        );
      }
    }
  });

  it('reads a salespeople file with the header help shows, 折扣权限%, into the discount authority', () => {
    const dir = tempDir();
    const db = join(dir, 'co.db');
    smallDemoBook(db);
    const file = join(dir, 'sp.csv');
    writeFileSync(file, '编码,姓名,级别,上级,折扣权限%\nxu,徐明,junior,li,9%\n');
    const first = tradeloop(['import', 'salespeople', file, '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('ignored');
    const pct = join(dir, 'sp2.csv');
    writeFileSync(pct, '编码,姓名,级别,上级,折扣权限（%）\nxu,徐明,junior,li,9\n');
    expect(JSON.parse(tradeloop(['import', 'salespeople', pct, '--db', db, '--format', 'json']).stdout)).toMatchObject({
      unchanged: 1,
    });
    writeFileSync(pct, '编码,姓名,级别,上级,折扣权限%\nxu,徐明,junior,li,5%\n');
    expect(tradeloop(['import', 'salespeople', pct, '--db', db, '--dry-run']).stdout).toContain(
      '~ xu  maxDiscount: 900 → 500',
    );
  });
});
