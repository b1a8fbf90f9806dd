import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookAt, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

/** A blank book set up from files only: a products file, a warehouse and a customer; no price list. */
function blankBook(init: string[] = []) {
  const dir = tempDir();
  const db = bookAt(dir, 'co.db');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const t = (...args: string[]) => {
    const r = tradeloop([...args, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  t('init', ...init);
  t(
    'import',
    'products',
    file('商品.csv', '编码,名称,类别,售价,税率\nCUP-01,白瓷杯,茶具,88.00,13\nPOT-01,紫砂壶,茶具,268.00,13\n'),
  );
  t('import', 'warehouses', file('仓库.csv', '编码,名称\nWH1,主仓\n'));
  t('import', 'customers', file('客户.csv', '编码,名称\nC1,城南茶馆\n'));
  const order = (line: string) =>
    JSON.parse(
      t(
        'place',
        'order',
        '--customer',
        'C1',
        '--warehouse',
        'WH1',
        '--date',
        '2026-03-02',
        '--line',
        line,
        '--format',
        'json',
      ),
    ) as {
      number: string;
      lines: { unitPrice: number; taxMode: string; trace: { rule: string; outcome: string; reason: string }[] }[];
    };
  return { t, file, order, db };
}

// Each test runs a dozen commands, each a process of its own: they get more than the usual 30 s.
describe('one price: the product price reaches the order', () => {
  it('prices an order on a blank book at the product price, and the next at the price a re-import sets', () => {
    const { t, file, order } = blankBook();
    const first = order('CUP-01:2');
    expect(first.lines[0]).toMatchObject({ unitPrice: 8800, taxMode: 'exclusive' });
    expect(first.lines[0]?.trace[0]).toEqual({
      rule: 'base price',
      outcome: 'won',
      reason: "88.00: the product's base price; no price list has a price for it",
    });

    // Re-pricing the products with a file of only code and price changes what the next order charges.
    t('import', 'products', file('调价.csv', '编码,售价\nCUP-01,95.50\n'));
    const second = order('CUP-01:3');
    expect(second.lines[0]?.unitPrice).toBe(9550);
    expect(second.lines[0]?.trace[0]?.reason).toBe("95.50: the product's base price; no price list has a price for it");

    // The explanation a person reads says the same.
    const explained = t(
      'place',
      'order',
      '--customer',
      'C1',
      '--warehouse',
      'WH1',
      '--date',
      '2026-03-03',
      '--line',
      'POT-01:1',
      '--explain',
    );
    expect(explained).toContain('line 1 POT-01: 268.00');
    expect(explained).toMatch(/won\s+base price\s+268\.00: the product's base price/);
  }, 120_000);

  it('lets a price list, tax-inclusive by its 含税 column, take precedence over the base price', () => {
    const { t, file, order, db } = blankBook();
    t('import', 'price-lists', file('价格表.csv', '价格表,适用范围,编码,价格,含税\nRETAIL,基础价,CUP-01,99.00,是\n'));
    const placed = order('CUP-01:2');
    expect(placed.lines[0]).toMatchObject({ unitPrice: 9900, taxMode: 'inclusive' });
    expect(placed.lines[0]?.trace.map((e) => [e.rule, e.outcome])).toEqual([
      ['base list RETAIL', 'won'],
      ['base price', 'lost'],
    ]);
    // 2 × 99.00 含税 = 198.00 gross exactly; 175.22 net + 22.78 VAT.
    const orders = t('export', 'list', 'orders', '--format', 'json');
    expect(JSON.parse(orders).rows).toEqual([
      expect.objectContaining({ number: placed.number, net: '175.22', tax: '22.78', gross: '198.00' }),
    ]);
    // The export says the list includes tax, so it imports back as it was.
    expect(t('export', 'list', 'price-lists', '--format', 'csv')).toContain('yes');
    // Rows of one list that disagree are refused, naming the row.
    const bad = tradeloop([
      'import',
      'price-lists',
      file('混合.csv', '价格表,编码,价格,含税\nMIX,CUP-01,99.00,是\nMIX,POT-01,268.00,否\n'),
      '--db',
      db,
    ]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('price.tax_mode_mixed');
  }, 120_000);

  it('takes product prices as 含税 in a book started with --prices-include-tax', () => {
    const { order, t } = blankBook(['--prices-include-tax']);
    const placed = order('CUP-01:1');
    expect(placed.lines[0]).toMatchObject({ unitPrice: 8800, taxMode: 'inclusive' });
    expect(placed.lines[0]?.trace[0]?.reason).toBe(
      "88.00 incl. VAT: the product's base price; no price list has a price for it",
    );
    expect(JSON.parse(t('export', 'list', 'orders', '--format', 'json')).rows[0]).toMatchObject({ gross: '88.00' });
  }, 120_000);
});
