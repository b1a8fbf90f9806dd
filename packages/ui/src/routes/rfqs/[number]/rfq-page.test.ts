import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { type Book, createRfq, type RfqView } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUYER, purchasingBook, SELLER } from '$lib/server/purchasing-test-book';
import { postAction, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-rfq-page-'));
let number = '';

beforeAll(async () => {
  const book = await purchasingBook(dir);
  number = createRfq(book, { sku: 'TEA-002', warehouse: 'WH1', qty: 20_000, date: '2026-03-02' }).rfq;
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = async (actor: Actor = BUYER, n = number) =>
  (
    (await load(requestEvent({ url: `http://localhost/rfqs/${n}`, params: { number: n }, actor }).event as never)) as {
      rfq: RfqView;
    }
  ).rfq;
const act = (action: keyof typeof actions, fields: Record<string, string> = {}, actor: Actor = BUYER) =>
  postAction(actions, action, { path: `/rfqs/${number}`, params: { number }, fields, actor });

describe('the RFQ page', () => {
  it('shows what is asked, with no quotes yet, and refuses to award it', async () => {
    expect(await page()).toMatchObject({ sku: 'TEA-002', warehouse: 'WH1', qty: 20_000, status: 'open', quotes: [] });
    expect(await act('award')).toMatchObject({
      status: 422,
      data: { action: 'award', ok: false, code: 'command.rejected', message: expect.stringMatching(/no quotes/) },
    });
  });

  it('records quotes with the price read as money is read, and refuses bad ones in place', async () => {
    expect(await act('quote', { supplier: 'S01', price: 'cheap', leadDays: '5' })).toMatchObject({
      status: 422,
      data: { action: 'quote', ok: false, code: 'input.invalid', message: expect.stringMatching(/^price:/) },
    });
    expect(await act('quote', { supplier: 'S99', price: '70', leadDays: '5' })).toMatchObject({
      status: 422,
      data: { ok: false, code: 'command.rejected', message: 'no supplier S99' },
    });
    expect(await act('quote', { supplier: 'S01', price: '70', leadDays: '-1' })).toMatchObject({
      status: 400,
      data: { ok: false, code: 'input.invalid' },
    });
    expect(await act('quote', { supplier: 'S01', price: '78', leadDays: '5' }, SELLER)).toMatchObject({
      status: 403,
      data: { code: 'permission.denied' },
    });
    expect(await act('quote', { supplier: 'S02', price: '72.00', leadDays: '20' })).toMatchObject({ ok: true });
    expect(await act('quote', { supplier: 'S01', price: '78', leadDays: '5' })).toMatchObject({ ok: true });
  });

  it('ranks the quotes as award will, shows each one’s score, price, lead time, grade and value', async () => {
    const rfq = await page();
    expect(rfq.quotes).toEqual([
      expect.objectContaining({
        rank: 1,
        supplier: 'S01',
        grade: 'A',
        price: 7_800,
        leadTimeDays: 5,
        lineValue: 156_000,
        score: 0.954,
        wins: true,
      }),
      expect.objectContaining({
        rank: 2,
        supplier: 'S02',
        price: 7_200,
        lineValue: 144_000,
        score: 0.753,
        wins: false,
      }),
    ]);
    expect(rfq.suppliers.map((s) => s.code)).toEqual(['S01', 'S02']);
  });

  it('awards the RFQ to the winner as a purchase order, and refuses a second award or a late quote', async () => {
    expect(await act('award', {}, SELLER)).toMatchObject({ status: 403, data: { code: 'permission.denied' } });
    const award = (await act('award')) as { ok: true; value: { po: string; supplier: string } };
    expect(award).toMatchObject({ ok: true, value: { supplier: 'S01', po: expect.stringMatching(/^PO-/) } });
    expect(await page()).toMatchObject({
      status: 'awarded',
      po: { number: award.value.po, supplier: 'S01' },
      quotes: [
        { supplier: 'S01', wins: true },
        { supplier: 'S02', wins: false },
      ],
    });
    expect(await act('award')).toMatchObject({
      status: 422,
      data: { code: 'command.rejected', message: `${number} is awarded` },
    });
    expect(await act('quote', { supplier: 'S02', price: '1', leadDays: '1' })).toMatchObject({
      status: 422,
      data: { code: 'command.rejected', message: `${number} is awarded` },
    });
  });

  it('refuses the page to a salesperson (403) and answers 404 for an RFQ that is not there', async () => {
    await expect(page(SELLER)).rejects.toMatchObject({ status: 403 });
    await expect(page(BUYER, 'RFQ-X')).rejects.toMatchObject({ status: 404 });
  });
});
