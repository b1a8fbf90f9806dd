import { describe, expect, it } from 'vitest';
import { type ColumnSpec, columnNames, matchHeaders, normalizeHeader, parseRecord } from '../columns.js';
import { productColumns, productSchema } from '../product.js';
import { commissionPlanColumns, commissionPlanRowSchema } from './commission-plans.js';
import { contactColumns } from './contacts.js';
import { customerColumns } from './customers.js';
import { expenseColumns } from './expenses.js';
import { openingStockColumns } from './opening-stock.js';
import { orderLineColumns } from './order-lines.js';
import { priceRowColumns } from './price-rows.js';
import { productRuleColumns, productRuleRowSchema } from './product-rules.js';
import { promotionColumns } from './promotions.js';
import { salesHistoryColumns } from './sales-history.js';
import { salespersonColumns, salespersonRowSchema } from './salespeople.js';
import { supplierColumns } from './suppliers.js';
import { targetColumns } from './targets.js';
import { warehouseColumns } from './warehouses.js';

const SPECS: Record<string, readonly ColumnSpec<unknown>[]> = {
  products: [...productColumns(), ...productRuleColumns()] as unknown as readonly ColumnSpec<unknown>[],
  customers: customerColumns() as ColumnSpec<unknown>[],
  contacts: contactColumns() as ColumnSpec<unknown>[],
  targets: targetColumns() as ColumnSpec<unknown>[],
  suppliers: supplierColumns() as ColumnSpec<unknown>[],
  'opening-stock': openingStockColumns() as ColumnSpec<unknown>[],
  salespeople: salespersonColumns() as ColumnSpec<unknown>[],
  warehouses: warehouseColumns() as ColumnSpec<unknown>[],
  'price-lists': priceRowColumns() as ColumnSpec<unknown>[],
  promotions: promotionColumns() as ColumnSpec<unknown>[],
  expenses: expenseColumns() as ColumnSpec<unknown>[],
  'sales-history': salesHistoryColumns() as ColumnSpec<unknown>[],
  orders: orderLineColumns('sales') as ColumnSpec<unknown>[],
  'purchase-orders': orderLineColumns('purchase') as ColumnSpec<unknown>[],
  'commission-plans': commissionPlanColumns() as ColumnSpec<unknown>[],
};

describe('import specs', () => {
  it.each(Object.entries(SPECS))(
    '%s: every name of a column, and its labels, read into that column only',
    (_, specs) => {
      for (const spec of specs)
        for (const name of [...columnNames(spec), spec.label.en, spec.label.zh]) {
          const m = matchHeaders(
            specs.map((s) => ({ ...s, required: false })),
            [name],
          );
          expect(m.ok && m.value.columns, `${String(spec.field)}: ${name}`).toEqual({ [spec.field]: 0 });
        }
    },
  );

  it.each(Object.entries(SPECS))('%s: no two columns share a name', (_, specs) => {
    const owner = new Map<string, string>();
    for (const spec of specs)
      for (const name of [...columnNames(spec), spec.label.zh]) {
        const key = normalizeHeader(name);
        const was = owner.get(key);
        expect(was === undefined || was === String(spec.field), `${name}: ${was} and ${String(spec.field)}`).toBe(true);
        owner.set(key, String(spec.field));
      }
  });

  it.each(Object.entries(SPECS))('%s: each example cell reads', (_, specs) => {
    for (const spec of specs) {
      expect(spec.example, String(spec.field)).toBeTypeOf('string');
      if (spec.example) expect(spec.parse(spec.example).ok, `${String(spec.field)}: ${spec.example}`).toBe(true);
    }
  });

  it('reads a salesperson discount authority under the header help shows, 折扣权限%', () => {
    const specs = salespersonColumns();
    const m = matchHeaders(specs, ['编码', '姓名', '级别', '折扣权限%']);
    expect(m.ok && m.value.columns).toEqual({ code: 0, name: 1, level: 2, maxDiscount: 3 });
    const row = parseRecord(specs, salespersonRowSchema, 'salesperson', {
      code: 'xu',
      name: '徐明',
      level: 'junior',
      maxDiscount: '8%',
    });
    expect(row.ok && row.value.maxDiscount).toBe(800);
  });

  it('reads product rules beside the catalogue columns, blank cells keeping what the book has', () => {
    const specs = productRuleColumns();
    const m = matchHeaders(specs, [
      '最低价（元）',
      '再订货点',
      '再订货量',
      '安全库存',
      '采购提前期(天)',
      '首选供应商',
      '最小起订量',
      '包装数',
      '批次管理',
      '保质期天数',
      '专属渠道',
      '条码',
    ]);
    expect(m.ok && Object.keys(m.value.columns)).toHaveLength(12);
    const row = parseRecord(specs, productRuleRowSchema, 'product', {
      floorPrice: '70',
      reorderPoint: '30',
      leadTimeDays: '10',
      batchTracked: '否',
      exclusiveChannels: 'retail、online',
      reorderQty: '',
    });
    expect(row.ok && row.value).toMatchObject({
      floorPrice: 7000,
      reorderPoint: 30_000,
      reorderQty: null,
      leadTimeDays: 10,
      batchTracked: false,
      exclusiveChannels: ['retail', 'online'],
      barcode: null,
    });
    const bad = parseRecord(specs, productRuleRowSchema, 'product', { leadTimeDays: '-3', batchTracked: '也许' });
    expect(bad.ok ? [] : bad.issues.map((i) => [i.path[0], i.code])).toEqual([
      ['batchTracked', 'boolean.format'],
      ['leadTimeDays', 'product.leadTimeDays.too_small'],
    ]);
    expect(productSchema.shape.sku).toBeDefined();
  });

  it('reads every commission scheme and base from a file, with a manager override', () => {
    const specs = commissionPlanColumns();
    for (const [scheme, base] of [
      ['固定比例', '销售额'],
      ['超额累进', '毛利'],
      ['全额累进', '回款'],
    ] as const) {
      const row = parseRecord(specs, commissionPlanRowSchema, 'commission_plan', {
        level: 'senior',
        plan: 'SR',
        base,
        scheme,
        from: '0',
        rate: '5%',
        managerOverride: '1%',
      });
      expect(row.ok, scheme).toBe(true);
    }
  });
});

describe('money, quantity and percent cells', () => {
  it('read the same text to the same answer every time, remembered or not, past the memory’s bound', () => {
    const spec = (field: string) => salesHistoryColumns({ precision: 2 }).find((c) => c.field === field);
    const price = spec('unitPrice');
    const qty = spec('qty');
    if (!price || !qty) throw new Error('sales history has a unit price and a quantity');
    const texts = Array.from({ length: 25_000 }, (_, i) => `${i % 12_000}.${i % 7}5`);
    const first = texts.map((t) => price.parse(t));
    expect(texts.map((t) => price.parse(t))).toEqual(first);
    expect(price.parse('12.345')).toEqual({ ok: true, value: 1235 });
    expect(price.parse('1,2.00')).toMatchObject({ ok: false, issues: [{ code: 'money.format' }] });
    expect(qty.parse('2.5')).toEqual({ ok: true, value: 2500 });
    expect(qty.parse('2.5')).toEqual({ ok: true, value: 2500 });
    expect(qty.parse('x')).toMatchObject({ ok: false, issues: [{ code: 'quantity.format' }] });
  });
});
