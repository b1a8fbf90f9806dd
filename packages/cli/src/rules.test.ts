import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookAt, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

function emptyBook() {
  const dir = tempDir();
  const db = bookAt(dir, 'co.db');
  expect(tradeloop(['init', '--db', db, '--company', '测试贸易']).code).toBe(0);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { dir, db, file, t: (...args: string[]) => tradeloop([...args, '--db', db]) };
}

describe('import commission-plans', () => {
  it('refuses rates outside 0–100% and ladders that do not rise, naming file, row, column, value and rule', () => {
    const { file, t } = emptyBook();
    const plans = file(
      '提成方案.csv',
      [
        '级别,方案,提成基数,提成方式,起点,提成比例,管理提成',
        'junior,JR,销售额,固定比例,0,101%,',
        'senior,SR,毛利,超额累进,0,5%,',
        'senior,SR,毛利,超额累进,20000,-1,',
        'senior,SR,毛利,超额累进,50000,12%,',
        'senior,SR,毛利,超额累进,50000,15%,',
        'manager,MGR,销售额,固定比例,0,1%,0.5%',
      ].join('\n'),
    );
    const bad = t('import', 'commission-plans', plans);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(
      'error: 提成方案.csv row 2, column "提成比例", value "101%": must be between 0% and 100%, not 101% [commission.rate.range]',
    );
    expect(bad.stderr).toContain(
      'error: 提成方案.csv row 4, column "提成比例", value "-1": must be between 0% and 100%, not -1% [commission.rate.range]',
    );
    expect(bad.stderr).toContain(
      `error: 提成方案.csv row 6, column "起点", value "50000": must be above the previous band's 50000.00: thresholds strictly increase [commission.ladder.order]`,
    );
    // All or nothing: not even the good rows' plans reached the book.
    expect(t('post', 'commission', '-p', '2026-03').stderr).toContain('[commission.no_plans]');

    const good = file(
      'plans.csv',
      [
        'level,plan,base,scheme,from,rate,manager_override',
        'senior,SR,gross_margin,marginal,0,5%,',
        'senior,SR,gross_margin,marginal,"20,000",8%,',
        'senior,SR,gross_margin,marginal,"50,000",4%,',
        'manager,MGR,net_sales,flat,0,1%,0.5%',
      ].join('\n'),
    );
    const ok = t('import', 'commission-plans', good, '--format', 'json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ imported: 4, rejected: 0, plans: 2 });
  });
});

describe('post commission with nothing to post', () => {
  it('posts nothing for a book without plans, says why on stderr and exits 0', () => {
    const { t } = emptyBook();
    const r = t('post', 'commission', '-p', '2026-03');
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'note: no commission plans in the book; nothing posted, the period stays open [commission.no_plans]\n',
    });
    const json = t('post', 'commission', '-p', '2026-03', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ run: null, total: 0, skipped: { code: 'commission.no_plans' } });
    const job = t('run', 'commission', '-p', '2026-03', '--format', 'json');
    expect(job.code).toBe(0);
    expect(job.stderr).toContain('nothing posted: no commission plans in the book');
    expect(JSON.parse(job.stdout)).toMatchObject({ run: null, skipped: 'commission.no_plans' });
    expect(JSON.parse(t('report', 'commission', '-p', '2026-03', '--format', 'json').stdout)).toMatchObject({
      rows: [],
      totals: { commission: '0.00', override: '0.00', total: '0.00' },
    });
  });
});

describe('import price-lists with quantity ranges', () => {
  it('reads max_qty in English or Chinese and refuses a range that ends before it starts', () => {
    const { dir, t } = emptyBook();
    const path = join(dir, '价格表.csv');
    writeFileSync(path, '价格表,编码,起订量,最大数量,价格\nBASE,CUP-01,5,7,9\nBASE,CUP-01,8,5,8\n');
    const bad = t('import', 'price-lists', path);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(
      'error: 价格表.csv row 3, column "最大数量", value "5": must be at least min_qty 8, not 5 [price.qty_range]',
    );
    writeFileSync(
      join(dir, 'promos.csv'),
      'code,kind,value,valid_from,valid_to,min_qty,max_qty\nFEW,percent,5,2026-03-01,2026-03-31,10,2\n',
    );
    const promo = t('import', 'promotions', join(dir, 'promos.csv'));
    expect(promo.code).toBe(3);
    expect(promo.stderr).toContain(
      'promos.csv row 2, column "max_qty", value "2": must be at least min_qty 10, not 2 [promotion.qty_range]',
    );
  });
});
