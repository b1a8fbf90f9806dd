import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIN, loadAs, stockBook, WAREHOUSE } from '$lib/server/stock-test-book';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load } = await import('./+page.server');
const file = await import('./export/+server');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-expiry-page-'));
const URL = 'http://localhost/stock/expiry';

beforeAll(async () => {
  served.book = (await stockBook(dir)).book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  report: {
    asOf: string;
    cost: boolean;
    expiring: { batch: string; daysLeft: number; value: number | null }[];
    slow: { sku: string; idleDays: number | null; value: number | null }[];
  };
}

describe('the expiry and slow movers page', () => {
  it('lists batches expiring within the days asked and those expired, soonest first, with values for who sees cost', async () => {
    const data = ((await loadAs(load, `${URL}?days=30&idle=90&asOf=2026-03-01`, OWNER)) as Report).report;
    expect(data.cost).toBe(true);
    expect(data.expiring).toEqual([
      expect.objectContaining({ batch: 'B0', daysLeft: -9, value: 5_000 }),
      expect.objectContaining({ batch: 'B2', daysLeft: 19, value: 10_000 }),
    ]);
    // 龙井 has sat in WH1 since October without going out; 铁观音 arrived this year.
    expect(data.slow).toEqual([expect.objectContaining({ sku: 'TEA-001', idleDays: 151, value: 50_000 })]);
    const later = ((await loadAs(load, `${URL}?days=365&idle=0&asOf=2026-03-01`, WAREHOUSE)) as Report).report;
    expect(later.expiring.map((l) => l.batch)).toEqual(['B0', 'B2', 'B1']);
    // The warehouse moves stock without its value.
    expect(later.cost).toBe(false);
    expect(later.expiring.every((l) => l.value === null)).toBe(true);
  });

  it('gives either list as CSV with the page’s days and day', async () => {
    const res = await file.GET(
      requestEvent({ url: `${URL}/export?list=expiry&days=30&asOf=2026-03-01`, actor: WAREHOUSE }).event as never,
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/).slice(0, 3)).toEqual([
      'expiry,days_left,sku,warehouse,batch,qty',
      '2026-02-20,-9,TEA-002,WH1,B0,1',
      '2026-03-20,19,TEA-002,WH1,B2,2',
    ]);
    const slow = await file.GET(
      requestEvent({ url: `${URL}/export?list=slow&idle=90&asOf=2026-03-01`, actor: OWNER }).event as never,
    );
    expect(await slow.text()).toContain('TEA-001,龙井,WH1,10,151,');
  });

  it('refuses a bad number of days (400), and the page (403) to who does not keep the company’s stock', async () => {
    await expect(loadAs(load, `${URL}?days=soon`, OWNER)).rejects.toMatchObject({ status: 400 });
    await expect(loadAs(load, URL, LIN)).rejects.toMatchObject({ status: 403 });
    await expect(
      file.GET(requestEvent({ url: `${URL}/export?list=slow`, actor: LIN }).event as never),
    ).rejects.toMatchObject({ status: 403 });
  });
});
