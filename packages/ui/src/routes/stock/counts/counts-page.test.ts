import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRedirect } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIN, loadAs, postForm, stockBook, WAREHOUSE } from '$lib/server/stock-test-book';
import { OWNER } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const list = await import('./+page.server');
const sheet = await import('./[number]/+page.server');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-counts-page-'));
const LIST = 'http://localhost/stock/counts';
const NUMBER = 'CNT-2026-000001';
const SHEET = `${LIST}/${NUMBER}`;

beforeAll(async () => {
  served.book = (await stockBook(dir)).book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = async (fields: Record<string, string>, actor: Actor = WAREHOUSE) => {
  try {
    return await postForm(list.actions, 'start', { url: LIST, fields, actor });
  } catch (e) {
    if (isRedirect(e)) return { redirect: e.location };
    throw e;
  }
};
const onSheet = (action: 'enter' | 'post', fields: Record<string, string>, actor: Actor = WAREHOUSE) =>
  postForm(sheet.actions, action, { url: SHEET, params: { number: NUMBER }, fields, actor });
interface Sheet {
  blind: boolean;
  count: { status: string };
  lines: { sku: string; bookText?: string; countedText: string; differenceText?: string }[];
  summary: { over: number; short: number; uncounted: number } | null;
}
const sheetAs = async (query = '', actor: Actor = WAREHOUSE) =>
  (await loadAs(sheet.load, `${SHEET}${query}`, actor, { number: NUMBER })) as Sheet;

describe('the stock counts pages', () => {
  it('starts a count as `tradeloop count start` does and opens its sheet, blind when asked', async () => {
    expect(await start({ warehouse: 'WH1', date: '2026-03-01', blind: 'on' })).toEqual({
      redirect: `/stock/counts/${NUMBER}?blind=1`,
    });
    const counts = (await loadAs(list.load, LIST, WAREHOUSE)) as { counts: unknown[] };
    expect(counts.counts).toEqual([
      {
        number: NUMBER,
        warehouse: 'WH1',
        started: '2026-03-01',
        posted: null,
        status: 'counting',
        lines: 2,
        counted: 0,
      },
    ]);
  });

  it('shows a refusal in place: a second count while one is open in the warehouse', async () => {
    expect(await start({ warehouse: 'WH1' })).toMatchObject({
      status: 422,
      data: { action: 'start', ok: false, issues: [{ code: 'count.open' }] },
    });
  });

  it('leaves book quantities and differences out of a blind sheet, and shows them on the plain one', async () => {
    const blind = await sheetAs('?blind=1');
    expect(blind).toMatchObject({ blind: true, summary: null });
    expect(blind.lines).toEqual([
      { sku: 'TEA-001', name: '龙井', uom: 'box', countedText: '' },
      { sku: 'TEA-002', name: '铁观音', uom: 'box', countedText: '' },
    ]);
    expect(JSON.stringify(blind)).not.toContain('bookText');
    const plain = await sheetAs();
    expect(plain.lines[0]).toMatchObject({ sku: 'TEA-001', bookText: '10', countedText: '' });
  });

  it('saves what was counted, refuses a negative count in place, and shows the differences before posting', async () => {
    expect(await onSheet('enter', { 'sku.0': 'TEA-001', 'qty.0': '9.5', 'sku.1': 'TEA-002', 'qty.1': '' })).toEqual({
      action: 'enter',
      ok: true,
      value: { entered: 1 },
    });
    expect(await onSheet('enter', { 'sku.0': 'TEA-002', 'qty.0': '-1' })).toMatchObject({
      status: 422,
      data: { action: 'enter', ok: false },
    });
    const plain = await sheetAs();
    expect(plain.lines[0]).toMatchObject({
      sku: 'TEA-001',
      bookText: '10',
      countedText: '9.5',
      differenceText: '-0.5',
    });
    expect(plain.summary).toEqual({ over: 0, short: 1, uncounted: 1 });
  });

  it('is refused (403) to a role that does not count stock, pages and actions', async () => {
    await expect(loadAs(list.load, LIST, LIN)).rejects.toMatchObject({ status: 403 });
    await expect(sheetAs('', LIN)).rejects.toMatchObject({ status: 403 });
    expect(await start({ warehouse: 'WH2' }, LIN)).toMatchObject({ status: 403 });
    expect(await onSheet('post', {}, LIN)).toMatchObject({ status: 403, data: { code: 'permission.denied' } });
  });

  it('posts the count as `tradeloop count post` does: values only for who sees cost, then nothing more to enter', async () => {
    expect(await onSheet('post', { date: '2026-03-01' })).toEqual({ action: 'post', ok: true, value: { changed: 1 } });
    expect(await sheetAs()).toMatchObject({ count: { status: 'posted' } });
    expect(await onSheet('enter', { 'sku.0': 'TEA-001', 'qty.0': '1' })).toMatchObject({
      status: 422,
      data: { issues: [{ code: 'count.posted' }] },
    });
    expect(await start({ warehouse: 'WH1', date: '2026-03-01' }, OWNER)).toEqual({
      redirect: '/stock/counts/CNT-2026-000002',
    });
    expect(
      await postForm(sheet.actions, 'post', {
        url: `${LIST}/CNT-2026-000002`,
        params: { number: 'CNT-2026-000002' },
        fields: {},
        actor: OWNER,
      }),
    ).toEqual({ action: 'post', ok: true, value: { changed: 0, gains: 0, losses: 0 } });
  });

  it('answers 404 for a count that is not there', async () => {
    await expect(loadAs(sheet.load, `${LIST}/CNT-X`, WAREHOUSE, { number: 'CNT-X' })).rejects.toMatchObject({
      status: 404,
    });
  });
});
