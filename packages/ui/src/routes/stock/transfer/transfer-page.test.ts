import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIN, loadAs, postForm, stockBook, WAREHOUSE } from '$lib/server/stock-test-book';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-transfer-page-'));
const URL = 'http://localhost/stock/transfer';

beforeAll(async () => {
  served.book = (await stockBook(dir)).book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const transfer = (fields: Record<string, string>, actor = WAREHOUSE) =>
  postForm(actions, 'transfer', { url: URL, fields, actor });

const inWh2 = async () => ((await loadAs(load, `${URL}?from=WH2`, WAREHOUSE)) as { free: unknown[] }).free;

describe('the transfer page', () => {
  it('shows what each product has free in the source warehouse, the first one unless asked', async () => {
    const data = (await loadAs(load, `${URL}?from=WH1`, WAREHOUSE)) as {
      from: string;
      warehouses: { code: string }[];
      free: { sku: string; onHandText: string; reservedText: string; freeText: string }[];
    };
    expect(data.from).toBe('WH1');
    expect(data.warehouses.map((w) => w.code)).toEqual(['WH1', 'WH2']);
    expect(data.free).toEqual([
      expect.objectContaining({ sku: 'TEA-001', onHandText: '10', reservedText: '0', freeText: '10' }),
      expect.objectContaining({ sku: 'TEA-002', onHandText: '5', reservedText: '3', freeText: '2' }),
    ]);
    expect(((await loadAs(load, `${URL}?from=WH2`, WAREHOUSE)) as { free: unknown[] }).free).toEqual([]);
  });

  it('moves the lines as `tradeloop transfer` does, and names the transfer without its value', async () => {
    const done = await transfer({ from: 'WH1', to: 'WH2', date: '2026-03-01', 'sku.0': 'TEA-001', 'qty.0': '2.5' });
    expect(done).toEqual({ action: 'transfer', ok: true, value: { transfer: 'TR-2026-000001' } });
    expect(await inWh2()).toEqual([expect.objectContaining({ sku: 'TEA-001', onHand: 2_500 })]);
  });

  it('shows a refusal in place: more than is free, the same warehouse, a bad quantity, no lines', async () => {
    expect(await transfer({ from: 'WH1', to: 'WH2', 'sku.0': 'TEA-002', 'qty.0': '3' })).toMatchObject({
      status: 422,
      data: { action: 'transfer', ok: false, issues: [{ code: 'transfer.reserved', path: ['lines', 'TEA-002'] }] },
    });
    expect(await transfer({ from: 'WH1', to: 'WH1', 'sku.0': 'TEA-001', 'qty.0': '1' })).toMatchObject({
      status: 422,
      data: { issues: [{ code: 'transfer.same_warehouse' }] },
    });
    expect(await transfer({ from: 'WH1', to: 'WH2', 'sku.0': 'TEA-001', 'qty.0': 'lots' })).toMatchObject({
      status: 422,
      data: { code: 'input.invalid', issues: [{ code: 'quantity.format', path: ['lines', 0, 'qty'] }] },
    });
    expect(await transfer({ from: 'WH1', to: 'WH2' })).toMatchObject({
      status: 422,
      data: { code: 'input.invalid', issues: [{ path: ['lines'] }] },
    });
    expect(await inWh2()).toEqual([expect.objectContaining({ onHand: 2_500 })]);
  });

  it('is refused (403) to a role that does not move stock, page and action', async () => {
    await expect(loadAs(load, URL, LIN)).rejects.toMatchObject({ status: 403 });
    expect(await transfer({ from: 'WH1', to: 'WH2', 'sku.0': 'TEA-001', 'qty.0': '1' }, LIN)).toMatchObject({
      status: 403,
      data: { code: expect.stringMatching(/^permission\./) },
    });
  });
});
