import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney } from '@tradeloop/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, bin, launch, quarterDemoBook, serve } from './support';

/** Where signing in lands. */
const home = (url: URL) => url.pathname === '/' || url.pathname === '/grid/products';

const cell = (page: Page, key: string, column: string) =>
  page.locator(`[role="gridcell"][data-row="${key}"][data-column="${column}"]`);

describe('products grid in a real browser', () => {
  let dir: string;
  let db: string;
  let server: { child: ChildProcess; url: string };
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tradeloop-e2e-'));
    db = join(dir, 'demo.db');
    // Its own smaller company: the grid's test starts first and would otherwise wait for the run's demo build.
    await quarterDemoBook(db);
    server = await serve(db);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page of the products grid, its rows read. */
  async function productsPage(options: { width?: number; height?: number; locale?: string } = {}) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      locale: options.locale ?? 'en-US',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/grid/products`);
    await page.waitForLoadState('networkidle');
    return { page, errors, context };
  }
  /** Quick search, and wait for its rows. */
  async function find(page: Page, text: string) {
    // Typed before the page's scripts run, the search would be a plain input that searches nothing.
    await page.waitForLoadState('networkidle');
    const count = await page.getByTestId('row-count').textContent();
    await page.locator('input[type="search"]').fill(text);
    await expect.poll(() => page.getByTestId('row-count').textContent()).not.toBe(count);
    await page.waitForLoadState('networkidle');
  }
  const idle = (page: Page) =>
    expect.poll(() => page.locator('[role="grid"]').getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
  const exported = () =>
    new Map(
      (
        JSON.parse(
          execFileSync(process.execPath, [bin, 'export', 'products', '-f', 'json', '--db', db], { encoding: 'utf8' }),
        ) as { rows: Record<string, string>[] }
      ).rows.map((r) => [r.sku ?? '', r]),
    );

  it('edits a cell with the keyboard, keeps it after reload, and refuses an invalid value in the cell', async () => {
    const { page, errors, context } = await productsPage();
    // Only the rows in view are in the page, whatever the book holds.
    expect(await page.locator('[role="row"][aria-rowindex]').count()).toBeLessThan(60);
    await find(page, 'TEA-00');
    const price = cell(page, 'TEA-001', 'price_minor');
    await expect.poll(() => price.textContent()).toBe('188.00');
    await cell(page, 'TEA-001', 'name').click();
    await page.keyboard.press('ArrowRight'); // name_en
    await page.keyboard.press('ArrowRight'); // category
    await page.keyboard.press('ArrowRight'); // uom
    await page.keyboard.press('ArrowRight'); // price
    await expect.poll(() => price.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('199.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => price.textContent()).toBe('199.50');
    // After saving, Enter moved the cursor down a row, as in a spreadsheet.
    await expect.poll(() => price.getAttribute('aria-selected')).toBe('false');

    await page.reload();
    await find(page, 'TEA-00');
    await expect.poll(() => cell(page, 'TEA-001', 'price_minor').textContent()).toBe('199.50');

    // A negative price is refused by the book's rules: the cell keeps what was typed, marked with
    // the reason, while the cursor has moved on; back on it, the reason shows in the cell.
    await cell(page, 'TEA-002', 'price_minor').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('-5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'TEA-002', 'price_minor').getAttribute('aria-invalid')).toBe('true');
    expect(await cell(page, 'TEA-002', 'price_minor').textContent()).toContain('-5');
    await page.keyboard.press('ArrowUp');
    const alert = cell(page, 'TEA-002', 'price_minor').locator('[role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('must not be negative');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'products-grid.png') });

    // Esc on the refused cell goes back to what the book holds, after a reload too.
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(page, 'TEA-002', 'price_minor').textContent()).toBe('128.00');
    await page.reload();
    await find(page, 'TEA-00');
    await expect.poll(() => cell(page, 'TEA-002', 'price_minor').textContent()).toBe('128.00');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves every value typed down a column without pausing, on a fast line and on a slow one', async () => {
    const first = await productsPage();
    const listed = (await (await first.page.request.get(`${server.url}/api/grid/products?limit=60`)).json()) as {
      rows: { key: string }[];
    };
    const skus = listed.rows.map((r) => r.key).slice(10, 60);
    await first.context.close();
    expect(skus.length).toBe(50);
    const typed = (i: number) => `${800 + i}.50`;
    for (const [batch, latency] of [
      [skus.slice(0, 25), 0],
      [skus.slice(25), 150],
    ] as const) {
      const { page, context } = await productsPage();
      if (latency > 0)
        await page.route('**/api/grid/**', async (route) => {
          await new Promise((resolve) => setTimeout(resolve, latency));
          await route.continue();
        });
      // The batch's first row scrolled into view, as a person would.
      await page.locator('[role="grid"]').evaluate(
        (g, top) => {
          g.scrollTop = top;
        },
        (skus.indexOf(batch[0] ?? '') + 10 - 3) * 32,
      );
      await cell(page, batch[0] ?? '', 'price_minor').click();
      // Each value, then Enter to the row below: as fast as the keyboard sends them.
      for (const sku of batch) {
        await page.keyboard.type(typed(skus.indexOf(sku)));
        await page.keyboard.press('Enter');
      }
      await idle(page);
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
      await page.screenshot({ path: join(artifacts, `typed-${latency}ms.png`) });
      await context.close();
    }
    const book = exported();
    expect(skus.map((sku) => book.get(sku)?.price)).toEqual(skus.map((_, i) => typed(i)));
  });

  it('pastes a 10×3 block from a spreadsheet as one change: two bad cells refuse all of it, fixed they save', async () => {
    const { page, errors, context } = await productsPage();
    await find(page, 'TEA-');
    const skus = (await page.locator('[data-column="sku"][data-row]').allTextContents()).slice(0, 10);
    const before = exported();
    // Unit, price, cost: as Excel puts them on the clipboard, CRLF and all.
    const block = skus.map((_, i) => ['tin', i === 3 ? 'cheap' : i === 7 ? '-1' : `${300 + i}.00`, `${100 + i}.00`]);
    await page.evaluate(
      (text) => navigator.clipboard.writeText(text),
      `${block.map((r) => r.join('\t')).join('\r\n')}\r\n`,
    );
    await cell(page, skus[0] ?? '', 'uom').click();
    await page.keyboard.press('ControlOrMeta+v');
    await idle(page);
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBe(2);
    expect(await cell(page, skus[3] ?? '', 'price_minor').getAttribute('title')).toMatch(/money|number|amount/i);
    expect(await cell(page, skus[7] ?? '', 'price_minor').getAttribute('title')).toContain('must not be negative');
    // The other 28 cells show what was pasted, held back with the two.
    expect(await page.locator('[role="gridcell"].held').count()).toBe(28);
    await page.screenshot({ path: join(artifacts, 'paste-refused.png') });
    expect([...exported()].map(([k, r]) => [k, r.uom, r.price, r.cost])).toEqual(
      [...before].map(([k, r]) => [k, r.uom, r.price, r.cost]),
    );
    // Fix the two cells: the whole block goes again and is saved.
    await cell(page, skus[3] ?? '', 'price_minor').click();
    await page.keyboard.type('303');
    await page.keyboard.press('Enter');
    await idle(page);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    await cell(page, skus[7] ?? '', 'price_minor').click();
    await page.keyboard.type('307');
    await page.keyboard.press('Enter');
    await idle(page);
    expect(await page.locator('[aria-invalid="true"], [role="gridcell"].held').count()).toBe(0);
    const after = exported();
    expect(skus.map((sku) => [after.get(sku)?.uom, after.get(sku)?.price, after.get(sku)?.cost])).toEqual(
      skus.map((_, i) => ['tin', `${300 + i}.00`, `${100 + i}.00`]),
    );
    // Copy gives the same block back as tab-separated text.
    await cell(page, skus[0] ?? '', 'uom').click();
    for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ControlOrMeta+c');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${skus.map((_, i) => `tin\t${300 + i}.00\t${100 + i}.00`).join('\n')}\n`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fills down with Ctrl+D and the fill handle, and undoes and redoes across a reload', async () => {
    const { page, errors, context } = await productsPage();
    await find(page, 'CLN-002');
    expect(await page.getByTestId('row-count').textContent()).toBe('5 rows');
    const skus = await page.locator('[data-column="sku"][data-row]').allTextContents();
    const uom = (i: number) => cell(page, skus[i] ?? '', 'uom');
    const before = await Promise.all(skus.map((_, i) => uom(i).textContent()));
    // Ctrl+D: the first selected row's unit down the selection.
    await uom(0).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('ControlOrMeta+d');
    await idle(page);
    await expect.poll(() => uom(2).textContent()).toBe(before[0]);
    expect(await uom(1).textContent()).toBe(before[0]);
    // The fill handle: drag the corner of one cell down two rows.
    await uom(3).click();
    await page.keyboard.type('carton');
    await page.keyboard.press('Enter');
    await idle(page);
    await uom(3).click();
    const handle = page.getByTestId('fill-handle');
    const from = await handle.boundingBox();
    const to = await uom(4).boundingBox();
    if (!from || !to) throw new Error('the fill handle is not on the page');
    await page.mouse.move(from.x + 3, from.y + 3);
    await page.mouse.down();
    await page.mouse.move(to.x + 10, to.y + to.height / 2, { steps: 4 });
    await page.mouse.up();
    await idle(page);
    await expect.poll(() => uom(4).textContent()).toBe('carton');
    await page.screenshot({ path: join(artifacts, 'filled.png') });

    // Undo the fill handle's change and the typed one, across a reload.
    await page.reload();
    await find(page, 'CLN-002');
    await cell(page, skus[0] ?? '', 'sku').click();
    await page.keyboard.press('ControlOrMeta+z');
    await idle(page);
    await page.keyboard.press('ControlOrMeta+z');
    await idle(page);
    await expect.poll(() => exported().get(skus[3] ?? '')?.uom).toBe(before[3]);
    expect(exported().get(skus[4] ?? '')?.uom).toBe(before[4]);
    expect(exported().get(skus[2] ?? '')?.uom).toBe(before[0]);
    await page.reload();
    await find(page, 'CLN-002');
    await cell(page, skus[0] ?? '', 'sku').click();
    await page.keyboard.press('ControlOrMeta+y');
    await idle(page);
    await expect.poll(() => cell(page, skus[3] ?? '', 'uom').textContent()).toBe('carton');
    expect(exported().get(skus[3] ?? '')?.uom).toBe('carton');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sorts and filters in the book, and tells the second of two people editing one row that it changed', async () => {
    const { page, errors, context } = await productsPage();
    await page.locator('[role="columnheader"][data-column="price_minor"] button.sort').click();
    await expect
      .poll(() => page.locator('[role="columnheader"][data-column="price_minor"]').getAttribute('aria-sort'))
      .toBe('ascending');
    await page.waitForLoadState('networkidle');
    const prices = async () =>
      (await page.locator('[data-column="price_minor"][data-row]').allTextContents()).map(Number);
    await expect.poll(async () => (await prices())[0]).toBeLessThanOrEqual(5);
    const ascending = await prices();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator('[role="columnheader"][data-column="price_minor"] input').fill('>1000');
    await expect.poll(async () => Math.min(...(await prices()))).toBeGreaterThan(1000);
    const shown = Number((await page.getByTestId('row-count').textContent())?.split(' ')[0]);
    expect(shown).toBe([...exported().values()].filter((r) => Number(r.price) > 1000).length);
    await page.screenshot({ path: join(artifacts, 'sorted-filtered.png') });
    // The download is the whole filtered view, as a file Excel opens.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.trim().split(/\r?\n/).length - 1).toBe(shown);

    // Two pages on one row: the first save wins, the second is told, keeps its value, and saves once it has seen the change.
    const other = await productsPage();
    await page.locator('[role="columnheader"][data-column="price_minor"] input').fill('');
    await page.goto(`${server.url}/grid/products`);
    await page.waitForLoadState('networkidle');
    for (const [p, name] of [
      [page, '第一个人'],
      [other.page, '第二个人'],
    ] as const) {
      await cell(p, 'CLN-001', 'name').click();
      await p.keyboard.type(name);
      await p.keyboard.press('Enter');
      await idle(p);
    }
    await expect.poll(() => cell(other.page, 'CLN-001', 'name').getAttribute('aria-invalid')).toBe('true');
    expect(await cell(other.page, 'CLN-001', 'name').getAttribute('title')).toContain('changed');
    expect(await other.page.getByTestId('grid-status').textContent()).toContain('changed');
    expect(exported().get('CLN-001')?.name).toBe('第一个人');
    await other.page.screenshot({ path: join(artifacts, 'conflict.png') });
    await cell(other.page, 'CLN-001', 'name').click();
    await other.page.keyboard.press('Enter');
    await other.page.keyboard.press('Enter');
    await idle(other.page);
    await expect.poll(() => exported().get('CLN-001')?.name).toBe('第二个人');
    expect([...errors, ...other.errors]).toEqual([]);
    await other.context.close();
    await context.close();
  });

  it('adds a row, refuses a duplicate key, deletes the row and brings it back with undo', async () => {
    const { page, errors, context } = await productsPage();
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Add row' }).click();
    const form = page.getByTestId('new-row');
    // A key the book has, in other letters' case: refused on its cell, nothing added.
    await form.locator('input[name="sku"]').fill('tea-001');
    await form.locator('input[name="name"]').fill('白茶 试饮装');
    await form.locator('input[name="category"]').fill('茶叶/白茶');
    await form.locator('input[name="uom"]').fill('bag');
    await form.locator('input[name="price_minor"]').fill('12.5');
    await form.getByRole('button', { name: 'Save row' }).click();
    await expect.poll(() => form.locator('input[name="sku"]').getAttribute('aria-invalid')).toBe('true');
    expect(exported().has('tea-001')).toBe(false);
    await form.locator('input[name="sku"]').fill('TEA-NEW');
    await form.getByRole('button', { name: 'Save row' }).click();
    await expect.poll(() => exported().get('TEA-NEW')?.price).toBe('12.50');
    await find(page, 'TEA-NEW');
    await cell(page, 'TEA-NEW', 'name').click();
    await page.keyboard.press('ControlOrMeta+Delete');
    await expect.poll(() => exported().has('TEA-NEW')).toBe(false);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('0 rows');
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => exported().get('TEA-NEW')?.name).toBe('白茶 试饮装');
    // A product the book refers to is not deleted: the reason says what to do instead.
    await find(page, 'TEA-001');
    await cell(page, 'TEA-001', 'name').click();
    await page.keyboard.press('ControlOrMeta+Delete');
    await expect.poll(() => page.getByTestId('grid-status').textContent()).toContain('Listed');
    expect(exported().has('TEA-001')).toBe(true);
    await page.screenshot({ path: join(artifacts, 'delete-refused.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a GBK file from the browser: shows the diff and the rejected row, applies only a clean file', async () => {
    const { page, errors, context } = await productsPage({ locale: 'zh-CN' });
    await page.goto(`${server.url}/files`);
    await page.waitForLoadState('networkidle');
    // As Excel saves a sheet with Chinese headers on a Chinese Windows: GBK, CRLF.
    const csv = (lines: string[]) => lines.join('\r\n');
    const gbk = (text: string) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
    const header = '编码,名称,类别,单位,售价';
    const bad = csv([header, 'TEA-005,新名字,饮料/茶叶,box,99.00', 'TEA-NEW2,新茶,饮料/茶叶,box,很贵', '']);
    await page.getByTestId('import-kind').selectOption('products');
    await page.getByTestId('import-file').setInputFiles({ name: '商品.csv', mimeType: 'text/csv', buffer: gbk(bad) });
    await page.getByRole('button', { name: '检查' }).click();
    await page.getByTestId('import-rejected').waitFor();
    expect(await page.getByTestId('import-rejected').textContent()).toContain('很贵');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'import-rejected.png'), fullPage: true });
    const good = csv([header, 'TEA-005,新名字,饮料/茶叶,box,99.00', 'TEA-NEW2,新茶,饮料/茶叶,box,18.00', '']);
    await page.getByTestId('import-file').setInputFiles({ name: '商品.csv', mimeType: 'text/csv', buffer: gbk(good) });
    await page.getByRole('button', { name: '检查' }).click();
    await page.getByTestId('import-changes').waitFor();
    const changes = (await page.getByTestId('import-changes').textContent()) ?? '';
    expect(changes).toContain('TEA-NEW2');
    expect(changes).toContain('→ 新名字');
    expect(exported().has('TEA-NEW2')).toBe(false);
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('已导入');
    expect([exported().get('TEA-005')?.name, exported().get('TEA-NEW2')?.price]).toEqual(['新名字', '18.00']);
    await page.screenshot({ path: join(artifacts, 'import-applied.png'), fullPage: true });

    // Sales history from before: listed order by order with what it posts, then posted on confirm.
    await page.getByTestId('import-kind').selectOption('sales-history');
    const history = csv([
      '订单号,日期,客户,仓库,编码,数量,单价,收款日期',
      'OLD-1,2026-11-20,C001,WH2,CLN-001,1,45.00,2026-11-25',
      '',
    ]);
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: '历史销售.csv', mimeType: 'text/csv', buffer: gbk(history) });
    await page.getByRole('button', { name: '检查' }).click();
    await page.getByTestId('import-totals').waitFor();
    expect(await page.getByTestId('import-totals').textContent()).toContain('不含税 45.00，税额 5.85，成本 28.00');
    expect(await page.getByTestId('import-changes').textContent()).toContain('OLD-1');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('已导入');
    const invoices = execFileSync(
      process.execPath,
      [bin, 'export', 'list', 'invoices', '--db', db, '--format', 'csv'],
      {
        encoding: 'utf8',
      },
    );
    expect(invoices).toContain('OLD-1-INV');
    await page.screenshot({ path: join(artifacts, 'import-history.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks Chinese to a zh-CN browser, and shows cards on a 390 px phone', async () => {
    const zh = await productsPage({ locale: 'zh-CN' });
    expect(await zh.page.locator('[role="columnheader"][data-column="sku"]').textContent()).toContain('编码');
    expect(await zh.page.getByTestId('row-count').textContent()).toContain('共');
    await zh.context.close();
    const phone = await productsPage({ width: 390, height: 844 });
    await phone.page.locator('.card').first().waitFor();
    expect(await phone.page.locator('[role="grid"]').count()).toBe(0);
    const sideways = await phone.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) > window.innerWidth);
    expect(sideways).toBe(false);
    await find(phone.page, 'TEA-003');
    const price = phone.page.locator('.card[data-row="TEA-003"] input[data-column="price_minor"]');
    await price.fill('66');
    await price.press('Enter');
    await price.blur();
    await expect.poll(() => exported().get('TEA-003')?.price).toBe('66.00');
    await phone.page.screenshot({ path: join(artifacts, 'products-phone.png') });
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it('shows the dashboard: key figures as the CLI reports them, and the analytics charts drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/dashboard?asOf=2026-11-20`);
    for (const chart of ['aging', 'profit', 'trend', 'top'])
      await page.locator(`[data-testid="chart-${chart}"] svg`).waitFor({ timeout: 20_000 });
    const aging = JSON.parse(
      execFileSync(
        process.execPath,
        [bin, 'report', 'aging', '--as-of', '2026-11-20', '--format', 'json', '--db', db],
        {
          encoding: 'utf8',
        },
      ),
    ).rows as { outstanding: string; not_due: string }[];
    const minor = (s: string) => Number(s.replace('.', ''));
    const outstanding = aging.reduce((t, r) => t + minor(r.outstanding), 0);
    const overdue = outstanding - aging.reduce((t, r) => t + minor(r.not_due), 0);
    const shown = async (key: string) =>
      (await page.locator(`[data-testid="figure-${key}"] .value`).textContent()) ?? '';
    expect(await shown('receivables')).toBe(formatMoney(outstanding, { grouping: true }));
    expect(await shown('overdue')).toBe(formatMoney(overdue, { grouping: true }));
    expect(outstanding).toBeGreaterThan(overdue);
    const bad = await page.goto(`${server.url}/dashboard?asOf=2026-02-30`);
    expect(bad?.status()).toBe(400);
    await page.goto(`${server.url}/dashboard?asOf=2026-11-20`);
    await page.locator('[data-testid="chart-top"] svg').waitFor({ timeout: 20_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  // Last, as it gives the book users: from then on the same server asks everyone to sign in.
  it('signs in, edits as the signed-in user, signs out; a salesperson sees no cost', async () => {
    const pw = join(dir, 'pw.txt');
    writeFileSync(pw, 'owner-password-1\n');
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [bin, ...args, '--db', db], {
        stdio: 'pipe',
        env: { ...process.env, TRADELOOP_SESSIONS: join(dir, 'sessions.json') },
      });
    cli('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
    cli('login', 'boss', '--password-file', pw);
    cli('user', 'passwd', 'lin', '--password-file', pw); // the demo's salesperson lin

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const signIn = async (name: string, password: string) => {
      // A page still hydrating can swap the form under the click: wait until it has settled.
      await page.waitForLoadState('networkidle');
      await page.fill('input[name="name"]', name);
      await page.fill('input[name="password"]', password);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')),
        page.click('form.card button[type="submit"]'),
      ]);
      return answer.status();
    };
    await page.goto(server.url);
    await page.waitForURL(/\/login$/);
    expect(await signIn('boss', 'not the password')).toBeLessThan(500);
    await page.locator('[data-testid="login-error"]').waitFor();
    expect(await page.locator('[data-testid="login-error"]').textContent()).toContain('Wrong user name or password');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'login.png') });

    await signIn('boss', 'owner-password-1');
    await page.waitForURL(home);
    expect(await page.locator('[data-testid="signed-in"]').textContent()).toContain('boss · owner');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'tl_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    await page.goto(`${server.url}/grid/products`);
    await find(page, 'TEA-001');
    await cell(page, 'TEA-001', 'price_minor').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('201');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 'TEA-001', 'price_minor').textContent()).toBe('201.00');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/dashboard`);
    await page.waitForURL(/\/login\?next=%2Fdashboard$/);

    await signIn('lin', 'owner-password-1');
    await page.waitForURL(`${server.url}/dashboard`);
    // Their own dashboard; the whole book's figures are not theirs to see.
    expect(await page.locator('h1').textContent()).toContain('My sales');
    await page.goto(`${server.url}/dashboard?view=boss`);
    expect(await page.locator('h1').textContent()).toContain('403');
    // The salesperson sees the owner's edit, without the cost column and without editing.
    await page.goto(`${server.url}/grid/products`);
    await find(page, 'TEA-001');
    await expect.poll(() => cell(page, 'TEA-001', 'price_minor').textContent()).toBe('201.00');
    expect(await page.locator('[data-column="cost_minor"]').count()).toBe(0);
    expect(await cell(page, 'TEA-001', 'price_minor').getAttribute('aria-readonly')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('keeps what is typed into the sign-in form before the page has loaded its scripts, on a slow line', async () => {
    // After the test above: boss signs in with owner-password-1.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    // Scripts arrive 1.5 s late and every answer 300 ms late: a person types before the page hydrates.
    await page.route('**/*', async (route) => {
      const late = route.request().url().includes('/_app/') ? 1_500 : 300;
      await new Promise((resolve) => setTimeout(resolve, late));
      await route.continue();
    });
    await page.goto(`${server.url}/login`, { waitUntil: 'domcontentloaded' });
    // Once the caret is in the name field (the page puts it there), type at full speed, Tab to
    // the password, type, and only then wait for the scripts.
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'name');
    await page.keyboard.type('boss');
    await page.keyboard.press('Tab');
    await page.keyboard.type('owner-password-1');
    await page.waitForLoadState('networkidle');
    expect(await page.inputValue('input[name="name"]')).toBe('boss');
    expect(await page.inputValue('input[name="password"]')).toBe('owner-password-1');
    await page.keyboard.press('Enter');
    await page.waitForURL(home);
    expect(await page.locator('[data-testid="signed-in"]').textContent()).toContain('boss · owner');
    await page.screenshot({ path: join(artifacts, 'signed-in-phone.png') });
    // Every page has its icon: nothing the browser asks for is missing.
    expect(missing).toEqual([]);
    const icon = await page.request.get(`${server.url}/favicon.svg`);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    await context.close();
  });
});
