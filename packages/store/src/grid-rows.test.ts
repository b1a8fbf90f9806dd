import { commandPermission, GRID_WRITE_PERMISSION, type GridKind, TradeloopError } from '@tradeloop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { listConfig } from './config.js';
import { addGridRows, applyGridEdits, deleteGridRows, EDITABLE_GRID_KINDS, gridCommandOf, gridPage } from './grid.js';
import { upsertMasterData } from './master-data.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

async function company() {
  const book = await smallCompany(tempDir());
  upsertMasterData(book, {
    suppliers: [{ code: 'S2', name: '云南', grade: 'C', paymentDays: 15, taxId: '9153' }],
    salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
    customers: [{ code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', paymentDays: 30 }],
    contacts: [
      { customer: 'C001', name: '王芳', phone: '138' },
      { customer: 'C003', name: '陈先生' },
    ],
    promotions: [
      {
        code: 'SPRING',
        kind: 'percent',
        value: 1000,
        validFrom: '2026-03-01',
        validTo: '2026-03-31',
        applies: { skus: ['TEA-001'] },
      },
    ],
  });
  return book;
}
type TestBook = Awaited<ReturnType<typeof company>>;

const row = (book: TestBook, kind: GridKind, key: string) =>
  gridPage(book, kind, { limit: 5000 }).rows.find((r) => r.key === key);
const version = (book: TestBook, kind: GridKind, key: string) => row(book, kind, key)?.version ?? -1;
const contactKey = (book: TestBook, name: string) =>
  gridPage(book, 'contacts', { filters: [{ column: 'name', op: 'eq', value: name }] }).rows[0]?.key ?? '';

/** The refusal's issues as `{ path, code }`, or a failure when the call went through. */
function refusal(run: () => unknown): { path: readonly unknown[]; code: string; message: string }[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(TradeloopError);
    expect((e as TradeloopError).code).toBe('command.rejected');
    return (e as TradeloopError).issues.map((i) => ({ path: i.path, code: i.code, message: i.message }));
  }
  throw new Error('expected a refusal');
}

const edit = (book: TestBook, kind: GridKind, key: string, cells: Record<string, string>) =>
  applyGridEdits(
    book,
    kind,
    Object.entries(cells).map(([column, value]) => ({ key, column, value, version: version(book, kind, key) })),
  );

describe('grid cell editors for every kind', () => {
  it('runs each kind’s changes as commands taking the permission the grid says the kind takes', () => {
    for (const kind of EDITABLE_GRID_KINDS)
      for (const what of ['edit', 'add', 'delete'] as const)
        expect(commandPermission(gridCommandOf(kind, what)), `${kind} ${what}`).toBe(GRID_WRITE_PERMISSION[kind]);
  });

  it('edits suppliers, salespeople and contacts by their import rules', async () => {
    const book = await company();
    expect(edit(book, 'suppliers', 'S1', { grade: 'c', payment_days: '45' })).toEqual([
      expect.objectContaining({ column: 'grade', before: 'A', after: 'C' }),
      expect.objectContaining({ column: 'payment_days', before: '30', after: '45' }),
    ]);
    expect(refusal(() => edit(book, 'suppliers', 'S1', { grade: 'Z', payment_days: '400' }))).toEqual([
      { path: ['S1', 'grade'], code: 'supplier.grade.invalid_value', message: 'must be A, B, C or D' },
      { path: ['S1', 'payment_days'], code: 'supplier.paymentDays.too_big', message: expect.any(String) },
    ]);
    edit(book, 'salespeople', 'lin', { max_discount_bp: '12%', name: '林小' });
    expect(row(book, 'salespeople', 'lin')?.values).toMatchObject({ name: '林小', max_discount_bp: 1200 });
    const k = contactKey(book, '王芳');
    edit(book, 'contacts', k, { email: 'wang@example.com', title: '采购' });
    expect(row(book, 'contacts', k)?.values).toMatchObject({ email: 'wang@example.com', title: '采购' });
    expect(refusal(() => edit(book, 'contacts', k, { email: 'not mail' }))).toEqual([
      { path: [k, 'email'], code: 'contact.email.invalid_format', message: expect.stringContaining('e-mail') },
    ]);
    expect(refusal(() => edit(book, 'contacts', k, { customer: 'C002' }))[0]?.code).toBe('grid.column.readonly');
    expect(check(book)).toEqual([]);
  });

  it('refuses a manager who is not a salesperson, or whose chain comes back round', async () => {
    const book = await company();
    expect(refusal(() => edit(book, 'salespeople', 'lin', { manager: 'ghost' }))).toEqual([
      { path: ['lin', 'manager'], code: 'salesperson.manager.unknown', message: 'no salesperson ghost' },
    ]);
    expect(refusal(() => edit(book, 'salespeople', 'wang', { manager: 'lin' }))).toEqual([
      { path: ['wang', 'manager'], code: 'salesperson.manager.cycle', message: 'lin reports to wang already' },
    ]);
    expect(refusal(() => edit(book, 'salespeople', 'wang', { manager: 'wang' }))[0]?.code).toBe(
      'salesperson.manager.cycle',
    );
    expect(row(book, 'salespeople', 'wang')?.values.manager).toBeNull();
  });

  it('adds bins to a warehouse, and refuses taking one away while it holds stock', async () => {
    const book = await company();
    edit(book, 'warehouses', 'WH1', { bins: 'A-01;A-02;B-01' });
    expect(row(book, 'warehouses', 'WH1')?.values.bins).toBe('A-01;A-02;B-01');
    expect(refusal(() => edit(book, 'warehouses', 'WH1', { bins: 'A-01' }))).toEqual([
      {
        path: ['WH1', 'bins'],
        code: 'warehouse.bins.in_use',
        message: 'WH1 holds stock: bin A-02, B-01 cannot be removed until it is empty',
      },
    ]);
    addGridRows(book, 'warehouses', [{ values: { code: 'WH2', name: '分仓', type: '分仓', bins: 'X;Y' } }]);
    edit(book, 'warehouses', 'WH2', { bins: 'Y' });
    expect(row(book, 'warehouses', 'WH2')?.values).toMatchObject({ type: 'branch', bins: 'Y' });
  });

  it('edits price list items, and their list, by the price rules', async () => {
    const book = await company();
    const key = 'BASE|TEA-001|0';
    edit(book, 'price-list-items', key, { price_minor: '170', max_qty: '99', valid_to: '2026-12-31' });
    expect(row(book, 'price-list-items', key)?.values).toMatchObject({
      price_minor: 17000,
      max_qty: 99_000,
      valid_to: '2026-12-31',
    });
    // The list's validity is the list's: the other row has it too.
    expect(row(book, 'price-list-items', 'BASE|TEA-002|0')?.values.valid_to).toBe('2026-12-31');
    const issues = refusal(() => edit(book, 'price-list-items', key, { price_minor: '-1', min_qty: '5' }));
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [[key, 'price_minor'], 'price.price.too_small'],
      [[key, 'min_qty'], 'grid.column.readonly'],
    ]);
    expect(refusal(() => edit(book, 'price-list-items', key, { valid_from: '2027-01-01' }))[0]?.code).toBe(
      'price.dates',
    );
  });

  it('edits promotions and commission plans by the rules their imports keep', async () => {
    const book = await company();
    edit(book, 'promotions', 'SPRING', { value: '15%', stackable: '是' });
    expect(row(book, 'promotions', 'SPRING')?.values).toMatchObject({ value: 1500, stackable: true });
    expect(refusal(() => edit(book, 'promotions', 'SPRING', { valid_to: '2026-01-01' }))[0]).toMatchObject({
      path: ['SPRING', 'valid_to'],
      code: 'promotion.dates',
    });
    expect(refusal(() => edit(book, 'promotions', 'SPRING', { applies_json: '{"sku":1}' }))[0]?.code).toBe(
      'promotion.applies.format',
    );
    edit(book, 'commission-plans', 'junior', { scheme_json: '{"kind":"flat","rate":400}', base: '毛利' });
    expect(row(book, 'commission-plans', 'junior')?.values).toMatchObject({ base: 'gross_margin' });
    expect(
      refusal(() => edit(book, 'commission-plans', 'junior', { scheme_json: '{"kind":"flat","rate":20000}' }))[0],
    ).toMatchObject({ path: ['junior', 'scheme_json'], code: 'commission.rate.range' });
  });

  it('changes users by the user commands’ rules: known roles, and the last owner stays one', async () => {
    const book = await company();
    await addUser(book, { name: 'boss', roles: ['owner'] }, 'boss-secret-123');
    edit(book, 'users', 'lin', { display_name: '林', roles: 'salesperson,warehouse', salesperson: 'lin' });
    expect(row(book, 'users', 'lin')?.values).toMatchObject({ roles: 'salesperson,warehouse', salesperson: 'lin' });
    expect(refusal(() => edit(book, 'users', 'lin', { roles: 'wizard' }))).toEqual([
      { path: ['lin', 'roles'], code: 'user.role', message: '"wizard" is not a role' },
    ]);
    expect(refusal(() => edit(book, 'users', 'boss', { roles: 'accountant' }))[0]).toMatchObject({
      code: 'user.last_owner',
    });
    expect(refusal(() => edit(book, 'users', 'boss', { disabled: 'yes' }))[0]?.code).toBe('user.last_owner');
    expect(row(book, 'users', 'boss')?.values).toMatchObject({ roles: 'owner', disabled: false });
    book.actAs(actorOf(book, 'wang'));
    expect(() => edit(book, 'users', 'lin', { display_name: 'x' })).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
  });

  it('sets a setting through config set’s own checks and refusals', async () => {
    const book = await company();
    const v = version(book, 'settings', 'crm.claim_cap');
    expect(
      applyGridEdits(book, 'settings', [{ key: 'crm.claim_cap', column: 'value', value: '150', version: v }]),
    ).toEqual([expect.objectContaining({ key: 'crm.claim_cap', after: '150' })]);
    expect(listConfig(book).find((e) => e.key === 'crm.claim_cap')?.value).toBe('150');
    const again = version(book, 'settings', 'crm.claim_cap');
    expect(again).not.toBe(v);
    expect(
      refusal(() =>
        applyGridEdits(book, 'settings', [{ key: 'crm.claim_cap', column: 'value', value: 'lots', version: again }]),
      )[0],
    ).toMatchObject({ path: ['crm.claim_cap', 'value'] });
    expect(
      refusal(() =>
        applyGridEdits(book, 'settings', [
          { key: 'currency', column: 'value', value: 'USD', version: version(book, 'settings', 'currency') },
        ]),
      )[0],
    ).toMatchObject({ path: ['currency', 'value'], code: 'config.fixed' });
    expect(
      refusal(() =>
        applyGridEdits(book, 'settings', [{ key: 'crm.claim_cap', column: 'value', value: '9', version: v }]),
      )[0]?.code,
    ).toBe('grid.row.stale');
    expect(() => addGridRows(book, 'settings', [{ values: { key: 'x', value: '1' } }])).toThrow(
      expect.objectContaining({ code: 'grid.kind.fixed' }),
    );
    expect(() => deleteGridRows(book, 'settings', [{ key: 'currency', version: 1 }])).toThrow(
      expect.objectContaining({ code: 'grid.kind.fixed' }),
    );
    book.actAs(actorOf(book, 'wang'));
    expect(() =>
      applyGridEdits(book, 'settings', [{ key: 'crm.claim_cap', column: 'value', value: '5', version: again }]),
    ).toThrow(expect.objectContaining({ code: 'permission.denied' }));
  });

  it('refuses a stale row of any kind', async () => {
    const book = await company();
    const seen = version(book, 'suppliers', 'S1');
    edit(book, 'suppliers', 'S1', { name: '新名' });
    expect(
      refusal(() => applyGridEdits(book, 'suppliers', [{ key: 'S1', column: 'tax_id', value: '9', version: seen }]))[0]
        ?.code,
    ).toBe('grid.row.stale');
    expect(refusal(() => deleteGridRows(book, 'suppliers', [{ key: 'S1', version: seen }]))[0]?.code).toBe(
      'grid.row.stale',
    );
  });

  it('lets a sales manager change only the team’s customers’ contacts', async () => {
    const book = await company();
    await addUser(book, { name: 'solo', roles: ['sales_manager'], salesperson: 'lin' }, 'solo-secret-123');
    const theirs = contactKey(book, '陈先生');
    const mine = contactKey(book, '王芳');
    book.actAs(actorOf(book, 'solo'));
    edit(book, 'contacts', mine, { phone: '139' });
    expect(
      refusal(() => applyGridEdits(book, 'contacts', [{ key: theirs, column: 'phone', value: '1', version: 1 }]))[0]
        ?.code,
    ).toBe('grid.row.unknown');
    expect(
      refusal(() => addGridRows(book, 'contacts', [{ values: { customer: 'C003', name: 'x' } }]))[0],
    ).toMatchObject({
      path: [0, 'customer'],
      code: 'permission.scope',
    });
    expect(refusal(() => deleteGridRows(book, 'contacts', [{ key: theirs, version: 1 }]))[0]?.code).toBe(
      'grid.row.unknown',
    );
    expect(() => edit(book, 'suppliers', 'S1', { name: 'x' })).toThrow(
      expect.objectContaining({ code: 'permission.scope' }),
    );
  });
});

describe('addGridRows', () => {
  it('adds rows of several kinds, the key typed, and answers them as the page shows them', async () => {
    const book = await company();
    expect(addGridRows(book, 'suppliers', [{ values: { code: 'S9', name: '云南茶厂', grade: 'a' } }])).toEqual([
      {
        key: 'S9',
        version: expect.any(Number),
        values: { code: 'S9', name: '云南茶厂', grade: 'A', payment_days: 30, tax_id: null },
        text: { code: 'S9', name: '云南茶厂', grade: 'A', payment_days: '30', tax_id: '' },
      },
    ]);
    addGridRows(book, 'products', [
      { values: { sku: 'NEW-1', name: '新茶', category: '茶叶', uom: '盒', price_minor: '12.50' } },
    ]);
    expect(row(book, 'products', 'NEW-1')?.values).toMatchObject({ price_minor: 1250, listed: true });
    addGridRows(book, 'price-list-items', [{ values: { list: 'BASE', sku: 'NEW-1', price_minor: '11' } }]);
    addGridRows(book, 'price-list-items', [
      { values: { list: 'VIP', scope: 'tier', scope_value: 'VIP', sku: 'NEW-1', min_qty: '10', price_minor: '10' } },
    ]);
    expect(row(book, 'price-list-items', 'VIP|NEW-1|10000')?.values).toMatchObject({
      scope: 'tier',
      price_minor: 1000,
    });
    const [contact] = addGridRows(book, 'contacts', [{ values: { customer: 'C002', name: '李', wechat: 'li' } }]);
    expect(contact?.values).toMatchObject({ customer: 'C002', name: '李', wechat: 'li' });
    addGridRows(book, 'users', [{ values: { name: 'new-u', roles: 'warehouse' } }]);
    expect(row(book, 'users', 'new-u')?.values).toMatchObject({ roles: 'warehouse', disabled: false });
    addGridRows(book, 'commission-plans', [
      { values: { level: 'senior', code: 'SR', scheme_json: '{"kind":"flat","rate":500}' } },
    ]);
    addGridRows(book, 'promotions', [
      { values: { code: 'AUTUMN', kind: '立减', value: '5.00', valid_from: '2026-09-01', valid_to: '2026-09-30' } },
    ]);
    expect(row(book, 'promotions', 'AUTUMN')?.values).toMatchObject({ kind: 'amount_off', value: 500 });
    expect(check(book)).toEqual([]);
  });

  it('refuses a key the book holds in any case, a twin in the batch and bad cells, adding nothing', async () => {
    const book = await company();
    const before = gridPage(book, 'products', { limit: 5000 });
    const issues = refusal(() =>
      addGridRows(book, 'products', [
        { values: { sku: 'tea-001', name: 'x', category: 'c', uom: 'u', price_minor: '1' } },
        { values: { sku: 'N-1', name: 'x', category: 'c', uom: 'u', price_minor: 'abc' } },
        { values: { sku: 'N-2', category: 'c', uom: 'u', price_minor: '1' } },
        { values: { sku: 'N-3', name: 'x', category: 'c', uom: 'u', price_minor: '1' } },
        { values: { sku: 'n-3', name: 'y', category: 'c', uom: 'u', price_minor: '1', version: '1' } },
      ]),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [[0, 'sku'], 'grid.row.duplicate'],
      [[1, 'price_minor'], expect.stringMatching(/money/)],
      [[2, 'name'], 'product.name.required'],
      [[4, 'version'], 'grid.column.unknown'],
    ]);
    expect(issues[0]?.message).toBe('TEA-001 is already in the book');
    expect(refusal(() => addGridRows(book, 'suppliers', [{ values: { code: 's1', name: 'x' } }]))[0]).toMatchObject({
      path: [0, 'code'],
      code: 'grid.row.duplicate',
    });
    expect(
      refusal(() =>
        addGridRows(book, 'products', [
          { values: { sku: 'N-3', name: 'x', category: 'c', uom: 'u', price_minor: '1' } },
          { values: { sku: 'n-3', name: 'y', category: 'c', uom: 'u', price_minor: '1' } },
        ]),
      ),
    ).toEqual([{ path: [1, 'sku'], code: 'grid.row.duplicate', message: 'row 0 has the same key' }]);
    expect(gridPage(book, 'products', { limit: 5000 })).toEqual(before);
  });
});

describe('deleteGridRows', () => {
  it('refuses rows with history, naming what refers to them and what to do instead', async () => {
    const book = await company();
    const issues = refusal(() =>
      deleteGridRows(book, 'products', [{ key: 'TEA-001', version: version(book, 'products', 'TEA-001') }]),
    );
    expect(issues[0]).toMatchObject({ path: ['TEA-001'], code: 'grid.row.referenced' });
    expect(issues[0]?.message).toMatch(/^TEA-001 is on .*price list item.*; set Listed to no instead$/);
    expect(
      refusal(() =>
        deleteGridRows(book, 'warehouses', [{ key: 'WH1', version: version(book, 'warehouses', 'WH1') }]),
      )[0]?.code,
    ).toBe('grid.row.referenced');
    expect(
      refusal(() =>
        deleteGridRows(book, 'salespeople', [{ key: 'lin', version: version(book, 'salespeople', 'lin') }]),
      )[0]?.message,
    ).toMatch(/^lin is on 2 customers/);
    expect(
      refusal(() =>
        deleteGridRows(book, 'commission-plans', [
          { key: 'junior', version: version(book, 'commission-plans', 'junior') },
        ]),
      )[0]?.message,
    ).toBe('junior is the level of 2 salespeople; move them to another level first');
    await addUser(book, { name: 'boss', roles: ['owner'] }, 'boss-secret-123');
    expect(
      refusal(() => deleteGridRows(book, 'users', [{ key: 'boss', version: version(book, 'users', 'boss') }]))[0]?.code,
    ).toBe('user.last_owner');
    expect(row(book, 'products', 'TEA-001')).toBeDefined();
  });

  it('deletes rows and adds them back as they were from what it answers', async () => {
    const book = await company();
    const kinds: [GridKind, string][] = [
      ['customers', 'C003'],
      ['suppliers', 'S2'],
      ['promotions', 'SPRING'],
      ['price-list-items', 'BASE|TEA-002|0'],
      ['contacts', contactKey(book, '王芳')],
      ['users', 'lin'],
    ];
    for (const [kind, key] of kinds) {
      const was = row(book, kind, key);
      const deleted = deleteGridRows(book, kind, [{ key, version: was?.version ?? -1 }]);
      expect(row(book, kind, key)).toBeUndefined();
      const [back] = addGridRows(
        book,
        kind,
        deleted.map((d) => ({ values: d.values })),
      );
      // A contact comes back under a new id; every cell is as it was.
      expect(back?.values).toEqual(was?.values);
    }
    expect(check(book)).toEqual([]);
  });

  it('adding rows then deleting them leaves the book as it was', async () => {
    const book = await company();
    const before = gridPage(book, 'suppliers', { limit: 5000 });
    const supplier = fc.record({
      code: fc.stringMatching(/^[A-Z][A-Z0-9]{1,6}$/).filter((c) => !['s1', 's2'].includes(c.toLowerCase())),
      name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      grade: fc.constantFrom('A', 'B', 'C', 'D'),
      payment_days: fc.integer({ min: 0, max: 365 }).map(String),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(supplier, { minLength: 1, maxLength: 5, selector: (s) => s.code.toLowerCase() }),
        (rows) => {
          const created = addGridRows(
            book,
            'suppliers',
            rows.map((values) => ({ values })),
          );
          deleteGridRows(
            book,
            'suppliers',
            created.map((c) => ({ key: c.key, version: c.version })),
          );
          expect(gridPage(book, 'suppliers', { limit: 5000 })).toEqual({ ...before, version: expect.any(Number) });
        },
      ),
      { numRuns: 25 },
    );
  });
});
