import { resolvePrice } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { postCommission } from './finance.js';
import { loadPricingRules, upsertMasterData } from './master-data.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { SMALL_COMPANY_PLANS, smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const march = { start: '2026-03-01', end: '2026-04-01' };
const runs = (book: Awaited<ReturnType<typeof smallCompany>>) =>
  book.exec.select<{ number: string; total_minor: number }>('select number, total_minor from commission_runs');

/** Lin sells 2 boxes of TEA-001 (376.00 net) in March, shipped and invoiced. */
function sellInMarch(book: Awaited<ReturnType<typeof smallCompany>>) {
  placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 2_000 }],
  });
  approveSalesOrder(book, 'SO-2026-000001', 'lin');
  shipSalesOrder(book, 'SO-2026-000001', { date: '2026-03-03' });
  invoiceSalesOrder(book, 'SO-2026-000001', { date: '2026-03-03', vatKind: 'normal' });
}

describe('posting commission with nothing to post', () => {
  it('posts nothing without plans, leaves the month open, and posts it once plans are added', async () => {
    const book = await smallCompany(tempDir(), { commissionPlans: false });
    sellInMarch(book);
    const audit = () => book.exec.value<number>("select count(*) from audit_log where command = 'postCommission'");

    const idle = postCommission(book, march);
    expect(idle).toMatchObject({ run: null, total: 0, skipped: { code: 'commission.no_plans' } });
    expect(idle.skipped?.message).toContain('nothing posted');
    expect(runs(book)).toEqual([]);
    expect(book.exec.value('select count(*) from journal_entries where source_document like ?', 'COM-%')).toBe(0);
    expect(audit()).toBe(0);

    upsertMasterData(book, { commissionPlans: SMALL_COMPANY_PLANS });
    const run = postCommission(book, march);
    // Lin 3% of 376.00 = 11.28; wang 0.5% override on the team = 1.88.
    expect(run).toMatchObject({ run: 'COM-2026-000001', total: 1_316 });
    expect(runs(book)).toEqual([{ number: 'COM-2026-000001', total_minor: 1_316 }]);
    expect(audit()).toBe(1);
  });

  it('posts nothing when every statement comes to 0, and keeps posting when there is something to pay', async () => {
    const book = await smallCompany(tempDir());
    // February: the team sold nothing, so every statement is 0.
    expect(postCommission(book, { start: '2026-02-01', end: '2026-03-01' })).toMatchObject({
      run: null,
      statements: [
        { salesperson: 'lin', total: 0 },
        { salesperson: 'wang', total: 0 },
      ],
      skipped: { code: 'commission.nothing_to_pay' },
    });
    expect(runs(book)).toEqual([]);
    sellInMarch(book);
    expect(postCommission(book, march)).toMatchObject({ run: 'COM-2026-000001', total: 1_316 });
    // A posted run still locks its period.
    expect(() => postCommission(book, march)).toThrow(/already posted in COM-2026-000001/);
  });

  it('says when no salesperson has a level with a plan', async () => {
    const book = await smallCompany(tempDir(), { commissionPlans: false });
    upsertMasterData(book, {
      commissionPlans: [{ level: 'senior', code: 'SR', base: 'net_sales', scheme: { kind: 'flat', rate: 500 } }],
    });
    sellInMarch(book);
    const r = postCommission(book, march);
    expect(r).toMatchObject({ run: null, statements: [], skipped: { code: 'commission.nothing_to_pay' } });
    expect(r.skipped?.message).toContain('no salesperson has a level with a commission plan');
  });
});

describe('commission plans the book refuses', () => {
  it('refuses a rate outside 0–100% or a ladder that does not rise, and keeps what it had', async () => {
    const book = await smallCompany(tempDir());
    const plans = () => book.exec.select<{ level: string }>('select level from commission_plans order by level');
    const before = plans();
    expect(() =>
      upsertMasterData(book, {
        commissionPlans: [{ level: 'junior', code: 'JR', base: 'net_sales', scheme: { kind: 'flat', rate: 10_100 } }],
      }),
    ).toThrow(/commissionPlans\.junior\.scheme\.rate: must be between 0% and 100%, not 101%/);
    try {
      upsertMasterData(book, {
        commissionPlans: [
          {
            level: 'senior',
            code: 'SR',
            base: 'gross_margin',
            scheme: {
              kind: 'marginal',
              bands: [
                { from: 0, rate: 500 },
                { from: 2_000_000, rate: -100 },
                { from: 1_000_000, rate: 800 },
              ],
            },
          },
        ],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe('command.rejected');
      expect((error as { issues: { code: string; path: unknown[] }[] }).issues.map((i) => [i.code, i.path])).toEqual([
        ['commission.rate.range', ['commissionPlans', 'senior', 'scheme', 'bands', 1, 'rate']],
        ['commission.ladder.order', ['commissionPlans', 'senior', 'scheme', 'bands', 2, 'from']],
      ]);
    }
    expect(plans()).toEqual(before);
  });
});

describe('quantity ranges in the book', () => {
  it('keeps min and max of price rows and promotions, and prices by them', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      priceLists: [
        {
          code: 'BULK',
          scope: { kind: 'base' },
          validFrom: '2026-01-01',
          prices: [
            { sku: 'TEA-002', minQty: 5_000, maxQty: 7_000, price: 12_000 },
            { sku: 'TEA-002', minQty: 8_000, price: 11_000 },
          ],
        },
      ],
      promotions: [
        {
          code: 'FEW',
          kind: 'amount_off',
          value: 100,
          validFrom: '2026-03-01',
          validTo: '2026-03-31',
          applies: { skus: ['TEA-002'] },
          minQty: 1_000,
          maxQty: 2_000,
        },
      ],
    });
    const rules = loadPricingRules(book);
    expect(rules.priceLists.find((l) => l.code === 'BULK')?.prices).toEqual([
      { sku: 'TEA-002', minQty: 5_000, maxQty: 7_000, price: 12_000 },
      { sku: 'TEA-002', minQty: 8_000, price: 11_000 },
    ]);
    expect(rules.promotions).toEqual([expect.objectContaining({ code: 'FEW', minQty: 1_000, maxQty: 2_000 })]);
    const at = (qty: number) => {
      const r = resolvePrice(
        { product: { sku: 'TEA-002', category: '茶' }, customer: { code: 'C9' }, qty, date: '2026-03-05' },
        rules,
      );
      return r.ok ? [r.value.list, r.value.unitPrice] : r.issues[0]?.code;
    };
    expect([at(2_000), at(3_000), at(6_000), at(7_000), at(8_000)]).toEqual([
      ['BASE', 12_700],
      ['BASE', 12_800],
      ['BULK', 12_000],
      ['BULK', 12_000],
      ['BULK', 11_000],
    ]);
  });

  it('refuses a range that ends before it starts, from any writer', async () => {
    const book = await smallCompany(tempDir());
    expect(() =>
      upsertMasterData(book, {
        priceLists: [
          {
            code: 'BAD',
            scope: { kind: 'base' },
            prices: [{ sku: 'TEA-001', minQty: 8_000, maxQty: 5_000, price: 1 }],
          },
        ],
      }),
    ).toThrow(/priceLists\.BAD\.0\.maxQty: must be at least min_qty 8, not 5/);
    // The table itself refuses it too, for writers that go round the command.
    expect(() =>
      book.exec.execute(
        'insert into price_list_items (price_list_id, product_id, min_qty, max_qty, price_minor) values (1, 1, 8000, 5000, 1)',
      ),
    ).toThrow(/CHECK constraint failed|violates check constraint/);
  });
});
