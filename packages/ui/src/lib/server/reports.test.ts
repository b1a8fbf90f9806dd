import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyticsLockPathFor } from '@tradeloop/analytics';
import { Book, upsertProducts, withFileLock } from '@tradeloop/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actingAs } from './access.js';
import { OWNER, requestEvent } from './test-support.js';

let dir: string;
let path: string;
let book: () => Promise<Book>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tradeloop-ui-'));
  path = join(dir, 'co.db');
  // A new server process for each test: the app's modules anew, reading its environment.
  process.env.TRADELOOP_DB = path;
  (await Book.create(path)).close();
  vi.resetModules();
  ({ book } = await import('./book.js'));
});
afterEach(async () => {
  (await book().catch(() => undefined))?.close();
  delete process.env.TRADELOOP_BUSY_TIMEOUT_MS;
  rmSync(dir, { recursive: true, force: true });
});

/** Products added as the owner would, on the server's own book. */
const add = async (...products: ReturnType<typeof product>[]) => {
  const b = await book();
  actingAs(b, OWNER, () => upsertProducts(b, products));
};

const product = (sku: string, category: string) => ({
  sku,
  name: sku,
  nameEn: null,
  category,
  uom: 'box',
  price: 8800,
  cost: 5200,
  taxRate: 1300,
  listed: true,
});

type Chart = { chart: { data: { values: { category: string; products: number }[] } } };

/**
 * The dashboard and the home page's figures through the app's routes, and the products-by-category
 * chart as the server reads it for a page.
 */
async function pages() {
  const dashboard = (await import('../../routes/dashboard/+page.server.js')).load;
  const home = (await import('../../routes/+page.server.js')).load;
  const { book, reportRead } = await import('./book.js');
  const { actingAs } = await import('./access.js');
  const { categoryChart } = await import('./products-view.js');
  return {
    dashboard: () =>
      dashboard(requestEvent({ url: 'http://127.0.0.1/dashboard?asOf=2026-11-20', actor: OWNER }).event as never),
    home: () => home(requestEvent({ actor: OWNER }).event as never),
    categories: async () => {
      const b = await book();
      const chart = (await reportRead(() => actingAs(b, OWNER, () => categoryChart(b)))) as Chart['chart'];
      return chart.data.values.map((v) => `${v.category} ${v.products}`).sort();
    },
  };
}

describe('pages that read the report copy, and the category chart', () => {
  it('load at once, several in one server, and show the book after a change', async () => {
    await add(product('TEA-001', '茶叶'));
    const { dashboard, home, categories } = await pages();
    const loaded = await Promise.all([dashboard(), categories(), home(), categories(), dashboard()]);
    expect(loaded[1]).toEqual(['茶叶 1']);
    expect(loaded[0]).toMatchObject({ view: 'boss', boss: { figures: { receivables: 0, overdue: 0 } } });
    expect(loaded[2]).toMatchObject({ figures: { receivables: 0 } });
    await add(product('NUT-001', 'Snacks'));
    const again = await Promise.all([categories(), dashboard(), categories()]);
    expect([again[0], again[2]]).toEqual([
      ['Snacks 1', '茶叶 1'],
      ['Snacks 1', '茶叶 1'],
    ]);
  }, 30_000);

  it('answer 503 with what to do, not 500, when the copy stays busy past the wait', async () => {
    process.env.TRADELOOP_BUSY_TIMEOUT_MS = '200';
    await add(product('TEA-001', '茶叶'));
    const { dashboard, home, categories } = await pages();
    await dashboard();
    await add(product('NUT-001', 'Snacks'));
    await withFileLock(analyticsLockPathFor(path), { waitMs: 0, busyMessage: 'held by the test' }, async () => {
      for (const load of [dashboard, home]) {
        await expect(load()).rejects.toMatchObject({
          status: 503,
          body: { message: expect.stringMatching(/report copy .* is busy.*; reload the page in a moment$/) },
        });
      }
      // The category chart reads the product list alone: it does not wait for the copy.
      expect(await categories()).toEqual(['Snacks 1', '茶叶 1']);
    });
    expect(await categories()).toEqual(['Snacks 1', '茶叶 1']);
  }, 30_000);
});
