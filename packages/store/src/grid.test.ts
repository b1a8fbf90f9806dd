import { GRID_KINDS, type GridFilter, type GridSort, TradeloopError } from '@tradeloop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { applyGridEdits, gridPage } from './grid.js';
import { upsertMasterData } from './master-data.js';
import { getProduct, upsertProducts } from './products.js';
import { searchInitials } from './search-initials.js';
import { smallCompany } from './test-support/demo-company.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/** The small company with 60 products of varied names, prices and categories, and a second seller. */
async function gridCompany() {
  const book = await smallCompany(tempDir());
  upsertProducts(
    book,
    Array.from({ length: 60 }, (_, i) =>
      sampleProduct({
        sku: `P-${String(i).padStart(3, '0')}`,
        name: ['绿茶', '红茶', 'Oolong', '白茶'][i % 4] ?? '',
        category: i % 3 === 0 ? '饮料/茶叶' : '礼盒',
        price: (i * 37) % 500,
        cost: 100,
        nameEn: i % 5 === 0 ? null : `tea ${i}`,
        listed: i % 2 === 0,
      }),
    ),
  );
  upsertMasterData(book, {
    salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
    customers: [{ code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 100, paymentDays: 30 }],
  } as never);
  await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
  await addUser(book, { name: 'wang-u', roles: ['sales_manager'], salesperson: 'wang' }, 'wang-secret-123');
  return book;
}

const COLUMNS = ['sku', 'name', 'name_en', 'category', 'price_minor', 'listed'] as const;
const sortArb = fc.array(
  fc.record({ column: fc.constantFrom(...COLUMNS), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
  { maxLength: 2 },
);
const filterArb: fc.Arbitrary<GridFilter> = fc.oneof(
  fc.record({
    column: fc.constant('price_minor'),
    op: fc.constantFrom('lt' as const, 'gt' as const),
    value: fc.integer({ min: 0, max: 500 }),
  }),
  fc.record({
    column: fc.constant('name'),
    op: fc.constant('contains' as const),
    value: fc.constantFrom('茶', 'oo', 'x'),
  }),
  fc.record({ column: fc.constant('name_en'), op: fc.constant('blank' as const) }),
  fc.record({
    column: fc.constant('category'),
    op: fc.constant('eq' as const),
    value: fc.constantFrom('礼盒', '饮料/茶叶'),
  }),
  fc.record({
    column: fc.constant('price_minor'),
    op: fc.constant('between' as const),
    value: fc.tuple(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 250, max: 500 })),
  }),
);

/** What the page should be, computed in JavaScript from every row. */
function expected(
  all: { key: string; values: Record<string, unknown> }[],
  sort: GridSort[],
  filters: GridFilter[],
  q?: string,
) {
  const cmp = (a: unknown, b: unknown) => {
    if (a === b) return 0;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
    return Number(a) < Number(b) ? -1 : 1;
  };
  const keep = (r: Record<string, unknown>) =>
    filters.every((f) => {
      const v = r[f.column];
      switch (f.op) {
        case 'lt':
          return v !== null && Number(v) < Number(f.value);
        case 'gt':
          return v !== null && Number(v) > Number(f.value);
        case 'eq':
          return v === f.value;
        case 'contains':
          return String(v ?? '')
            .toLowerCase()
            .includes(String(f.value).toLowerCase());
        case 'blank':
          return v === null || v === '';
        default:
          return v !== null && Number(v) >= Number(f.value[0]) && Number(v) <= Number(f.value[1]);
      }
    }) &&
    (!q ||
      [r.sku, r.name].some((s) => String(s).toLowerCase().includes(q.toLowerCase())) ||
      searchInitials(String(r.name)).includes(q));
  const tail = sort.at(-1)?.dir === 'desc' ? -1 : 1;
  return all
    .filter((r) => keep(r.values))
    .sort((a, b) => {
      for (const s of sort) {
        const c = cmp(a.values[s.column], b.values[s.column]);
        if (c !== 0) return s.dir === 'desc' ? -c : c;
      }
      return tail * cmp(a.key, b.key);
    })
    .map((r) => r.key);
}

describe('gridPage', () => {
  it('gives the slice of the sorted, filtered, searched rows that the page asks for', async () => {
    const book = await gridCompany();
    const all = gridPage(book, 'products', { limit: 5000 }).rows;
    fc.assert(
      fc.property(
        sortArb,
        fc.array(filterArb, { maxLength: 2 }),
        fc.option(fc.constantFrom('P-01', '红', 'oolong', 'hc'), { nil: undefined }),
        fc.nat(70),
        fc.integer({ min: 1, max: 25 }),
        (sort, filters, search, offset, limit) => {
          const page = gridPage(book, 'products', { offset, limit, sort, filters, search });
          const keys = expected(all, sort, filters, search);
          expect(page.total).toBe(keys.length);
          expect(page.rows.map((r) => r.key)).toEqual(keys.slice(offset, offset + limit));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives every kind with its columns, keys and row versions', async () => {
    const book = await gridCompany();
    for (const kind of GRID_KINDS) {
      const page = gridPage(book, kind, { limit: 3 });
      expect(page.columns.length, kind).toBeGreaterThan(0);
      for (const row of page.rows) {
        expect(typeof row.key, kind).toBe('string');
        expect(Number.isInteger(row.version), kind).toBe(true);
      }
    }
    const product = gridPage(book, 'products', { filters: [{ column: 'sku', op: 'eq', value: 'TEA-001' }] }).rows[0];
    expect(product).toEqual({
      key: 'TEA-001',
      version: expect.any(Number),
      values: expect.objectContaining({ price_minor: 18800, cost_minor: 11200, tax_rate_bp: 1300, listed: true }),
      // The same cells as a person types them: what the grid shows, copies and edits.
      text: expect.objectContaining({ price_minor: '188.00', cost_minor: '112.00', tax_rate_bp: '13%', listed: 'yes' }),
    });
    expect(gridPage(book, 'warehouses').rows[0]?.values.bins).toBe('A-01;A-02');
  });

  it('reads typed filter values by the column: money, percent and yes/no', async () => {
    const book = await gridCompany();
    const typed = gridPage(book, 'products', { filters: [{ column: 'price_minor', op: 'gt', value: '150.00' }] });
    expect(typed.rows.map((r) => r.key)).toEqual(['TEA-001']);
    expect(gridPage(book, 'products', { filters: [{ column: 'listed', op: 'eq', value: '否' }] }).total).toBe(30);
  });

  it('refuses an unknown column without running any SQL it names', async () => {
    const book = await gridCompany();
    expect(() =>
      gridPage(book, 'products', { sort: [{ column: 'price_minor; drop table products', dir: 'asc' }] }),
    ).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    expect(book.exec.value('select count(*) from products')).toBe(62);
  });

  it('shows a salesperson their own customers only, and no cost or credit', async () => {
    const book = await gridCompany();
    book.actAs(actorOf(book, 'lin-u'));
    const customers = gridPage(book, 'customers');
    expect(customers.rows.map((r) => r.key)).toEqual(['C001', 'C002']);
    expect(customers.columns.map((c) => c.name)).not.toContain('credit_limit_minor');
    expect(Object.keys(customers.rows[0]?.values ?? {})).not.toContain('credit_limit_minor');
    const products = gridPage(book, 'products');
    expect(products.columns.map((c) => c.name)).not.toContain('cost_minor');
    expect(products.rows.every((r) => !('cost_minor' in r.values))).toBe(true);
    expect(() => gridPage(book, 'products', { sort: [{ column: 'cost_minor', dir: 'desc' }] })).toThrow(
      expect.objectContaining({ code: 'input.invalid' }),
    );
    expect(gridPage(book, 'customers', { search: '陈' }).total).toBe(0);
    expect(() => gridPage(book, 'suppliers')).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    expect(() => gridPage(book, 'users')).toThrow(expect.objectContaining({ code: 'permission.denied' }));
  });

  it('finds products and customers by their names’ pinyin initials, keys and then initials that start with it first', async () => {
    const book = await gridCompany();
    upsertProducts(book, [sampleProduct({ sku: 'HC-1', name: 'Black tea', nameEn: null })]);
    const keys = (kind: 'products' | 'customers', search: string) =>
      gridPage(book, kind, { search, limit: 5 }).rows.map((r) => r.key);
    expect(gridPage(book, 'products', { search: 'hc' }).total).toBe(16);
    // HC-1 by its code, then 红茶 (hc) by its initials, in key order.
    expect(keys('products', 'hc')).toEqual(['HC-1', 'P-001', 'P-005', 'P-009', 'P-013']);
    // A page sorted by a column keeps that order.
    expect(
      gridPage(book, 'products', { search: 'hc', sort: [{ column: 'sku', dir: 'desc' }], limit: 1 }).rows[0]?.key,
    ).toBe('P-057');
    expect(keys('customers', 'hdmy')).toEqual(['C001']);
    expect(keys('customers', 'HD')).toEqual(['C001']);
    // Chinese typed is found by the name, not by what it sounds like.
    expect(gridPage(book, 'products', { search: '黑茶' }).total).toBe(0);
  });

  it('shows a sales manager the team’s customers', async () => {
    const book = await gridCompany();
    book.actAs(actorOf(book, 'wang-u'));
    expect(gridPage(book, 'customers').rows.map((r) => r.key)).toEqual(['C001', 'C002', 'C003']);
  });
});

describe('applyGridEdits', () => {
  const version = (book: Awaited<ReturnType<typeof gridCompany>>, kind: 'products' | 'customers', key: string) =>
    gridPage(book, kind, { filters: [{ column: kind === 'products' ? 'sku' : 'code', op: 'eq', value: key }] }).rows[0]
      ?.version ?? -1;

  it('applies typed cells of several rows as one audited command, with what undo needs', async () => {
    const book = await gridCompany();
    const v1 = version(book, 'products', 'TEA-001');
    const v2 = version(book, 'products', 'TEA-002');
    const audit = () => book.exec.value<number>('select count(*) from audit_log');
    const auditBefore = audit();
    const applied = applyGridEdits(book, 'products', [
      { key: 'TEA-001', column: 'price_minor', value: '99.50', version: v1 },
      { key: 'TEA-001', column: 'listed', value: '否', version: v1 },
      { key: 'TEA-002', column: 'tax_rate_bp', value: '9%', version: v2 },
    ]);
    expect(applied).toEqual([
      { key: 'TEA-001', column: 'price_minor', before: '188.00', after: '99.50', version: v1 + 1 },
      { key: 'TEA-001', column: 'listed', before: 'yes', after: 'no', version: v1 + 1 },
      { key: 'TEA-002', column: 'tax_rate_bp', before: '13%', after: '9%', version: v2 + 1 },
    ]);
    expect(getProduct(book, 'TEA-001')).toMatchObject({ price: 9950, listed: false });
    expect(audit()).toBe((auditBefore ?? 0) + 1);
    const row = book.exec.select<{ command: string; before_json: string; after_json: string }>(
      'select command, before_json, after_json from audit_log order by id desc limit 1',
    )[0];
    expect(row?.command).toBe('gridEdit');
    expect(JSON.parse(row?.before_json ?? '')).toEqual({
      'TEA-001': { price_minor: 18800, listed: true },
      'TEA-002': { tax_rate_bp: 1300 },
    });
    expect(JSON.parse(row?.after_json ?? '')).toEqual({
      'TEA-001': { price_minor: 9950, listed: false },
      'TEA-002': { tax_rate_bp: 900 },
    });
    // The inverse batch puts every cell back.
    applyGridEdits(
      book,
      'products',
      applied.map((a) => ({ key: a.key, column: a.column, value: a.before, version: a.version })),
    );
    expect(getProduct(book, 'TEA-001')).toMatchObject({ price: 18800, listed: true });
    expect(getProduct(book, 'TEA-002')).toMatchObject({ taxRate: 1300 });
    expect(check(book)).toEqual([]);
  });

  it('changes nothing and names every bad cell when one is bad', async () => {
    const book = await gridCompany();
    const v1 = version(book, 'products', 'TEA-001');
    const before = gridPage(book, 'products', { limit: 5000 });
    let error: unknown;
    try {
      applyGridEdits(book, 'products', [
        { key: 'TEA-001', column: 'price_minor', value: '77', version: v1 },
        { key: 'TEA-001', column: 'cost_minor', value: 'abc', version: v1 },
        { key: 'TEA-002', column: 'price_minor', value: '-1', version: version(book, 'products', 'TEA-002') },
        { key: 'NOPE', column: 'name', value: 'x', version: 1 },
        { key: 'TEA-001', column: 'sku', value: 'X', version: v1 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TradeloopError);
    const issues = (error as TradeloopError).issues.map((i) => ({ path: i.path, code: i.code }));
    expect(issues).toEqual([
      { path: ['TEA-001', 'cost_minor'], code: expect.stringMatching(/money/) },
      { path: ['TEA-002', 'price_minor'], code: expect.stringMatching(/product\.price/) },
      { path: ['NOPE', 'name'], code: 'grid.row.unknown' },
      { path: ['TEA-001', 'sku'], code: 'grid.column.readonly' },
    ]);
    expect(gridPage(book, 'products', { limit: 5000 })).toEqual(before);
    expect(check(book)).toEqual([]);
  });

  it('refuses the second of two saves of one row: its version is stale', async () => {
    const book = await gridCompany();
    const seen = version(book, 'customers', 'C001');
    applyGridEdits(book, 'customers', [{ key: 'C001', column: 'tier', value: 'gold', version: seen }]);
    expect(() =>
      applyGridEdits(book, 'customers', [
        { key: 'C001', column: 'phone', value: '021-1', version: seen },
        { key: 'C002', column: 'phone', value: '021-2', version: version(book, 'customers', 'C002') },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'command.rejected',
        issues: [expect.objectContaining({ code: 'grid.row.stale', path: ['C001', 'phone'] })],
      }),
    );
    const page = gridPage(book, 'customers').rows;
    expect(page.find((r) => r.key === 'C001')?.values).toMatchObject({ tier: 'gold', phone: null });
    expect(page.find((r) => r.key === 'C002')?.values.phone).toBeNull();
    expect(check(book)).toEqual([]);
  });

  it('edits customers by the import rules: owner must be a salesperson, credit as money', async () => {
    const book = await gridCompany();
    const v = version(book, 'customers', 'C002');
    expect(() =>
      applyGridEdits(book, 'customers', [{ key: 'C002', column: 'owner', value: 'ghost', version: v }]),
    ).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ code: 'customer.owner.unknown', path: ['C002', 'owner'] })],
      }),
    );
    applyGridEdits(book, 'customers', [
      { key: 'C002', column: 'owner', value: 'chen', version: v },
      { key: 'C002', column: 'credit_limit_minor', value: '5,000', version: v },
      { key: 'C002', column: 'terms', value: '赊销', version: v },
    ]);
    expect(gridPage(book, 'customers').rows.find((r) => r.key === 'C002')?.values).toMatchObject({
      owner: 'chen',
      credit_limit_minor: 500000,
      terms: 'credit',
    });
  });

  it('lets a sales manager edit only the team’s customers and never a column they do not see', async () => {
    const book = await gridCompany();
    await addUser(book, { name: 'solo', roles: ['sales_manager'], salesperson: 'lin' }, 'solo-secret-123');
    book.actAs(actorOf(book, 'solo'));
    expect(() => applyGridEdits(book, 'customers', [{ key: 'C003', column: 'tier', value: 'x', version: 1 }])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'grid.row.unknown' })] }),
    );
    expect(() =>
      applyGridEdits(book, 'products', [{ key: 'TEA-001', column: 'cost_minor', value: '1', version: 1 }]),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'grid.column.unknown' })] }));
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => applyGridEdits(book, 'customers', [{ key: 'C001', column: 'tier', value: 'x', version: 1 }])).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
  });

  it('bumps a row version on any update, from any command', async () => {
    const book = await gridCompany();
    const v = version(book, 'products', 'TEA-001');
    upsertProducts(book, [sampleProduct({ sku: 'TEA-001', price: 1 })]);
    expect(version(book, 'products', 'TEA-001')).toBe(v + 1);
  });
});
