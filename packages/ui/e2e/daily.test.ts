import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, bin, demoBook, launch, serve, signIn } from './support';

const PASSWORD = 'daily-password-1';

/** The demo company's day in the browser, by the people who do it, each signed in as themselves. */
describe('the daily loop in a real browser', () => {
  let dir: string;
  let db: string;
  let server: { child: ChildProcess; url: string };
  let browser: Browser;
  // The CLI as the owner, signed in once: the book's users sign in.
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [bin, ...args, '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, TRADELOOP_SESSIONS: join(dir, 'sessions.json') },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tradeloop-daily-'));
    db = join(dir, 'demo.db');
    await demoBook(db);
    const pw = join(dir, 'pw.txt');
    writeFileSync(pw, `${PASSWORD}\n`);
    cli('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
    cli('login', 'boss', '--password-file', pw);
    for (const [name, ...rest] of [
      ['lin-u', '--role', 'salesperson', '--salesperson', 'lin'],
      ['wang-u', '--role', 'sales_manager', '--salesperson', 'wang'],
      ['cai-u', '--role', 'purchasing'],
      ['acc-u', '--role', 'accountant'],
      ['shop-u', '--role', 'customer', '--customer', 'C011'],
    ] as const)
      cli('user', 'add', name, ...rest, '--password-file', pw);
    server = await serve(db);
    browser = await launch();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A person signed in, at a desk (1280 × 900) or on a phone (390 × 844, touch). */
  const person = async (name: string, on: 'desk' | 'phone' = 'desk') => {
    const context = await browser.newContext(
      on === 'phone'
        ? {
            locale: 'zh-CN',
            viewport: { width: 390, height: 844 },
            isMobile: true,
            hasTouch: true,
            deviceScaleFactor: 2,
          }
        : { locale: 'zh-CN', viewport: { width: 1280, height: 900 } },
    );
    const page = await signIn(context, server.url, name, PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Svelte reports a page that failed to hydrate on the console only; a refusal's 4xx is expected.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    return { page, errors, close: () => context.close() };
  };
  const status = (page: Page) => page.getByTestId('order-status').textContent();

  it('takes a sales order from entry to invoice: priced with its trace, approved by a manager, shipped, invoiced', async () => {
    // The salesperson enters the order: C001's own price list wins, beyond lin's discount authority.
    const lin = await person('lin-u');
    await lin.page.goto(`${server.url}/orders/new`);
    await lin.page.getByTestId('entry-customer').fill('C001');
    await lin.page.getByTestId('entry-customer').press('Tab');
    await expect.poll(() => lin.page.getByTestId('entry-customer-info').textContent()).toContain('华东贸易有限公司');
    await lin.page.getByTestId('entry-search').fill('洗衣液');
    await lin.page.getByTestId('entry-found').waitFor();
    await lin.page.getByTestId('entry-search').press('Enter');
    await lin.page.locator('[data-line="0"] input[name="qty"]').fill('5');
    await expect.poll(() => lin.page.getByTestId('entry-totals').textContent()).toContain('价税合计');
    expect(await lin.page.getByTestId('line-available').first().textContent()).toMatch(/\d/);
    await lin.page.getByRole('button', { name: '价格来源' }).first().click();
    expect(await lin.page.getByTestId('price-trace').textContent()).toContain('won');
    expect(await lin.page.getByTestId('entry-needs').textContent()).toContain('销售经理');
    await lin.page.screenshot({ path: join(artifacts, 'order-entry.png'), fullPage: true });
    await lin.page.getByTestId('entry-place').click();
    await lin.page.waitForURL(/\/orders\/SO-/);
    const url = lin.page.url();
    expect(await status(lin.page)).toBe('待审核');

    // The salesperson may not approve their own discount: refused in place, nothing changes.
    await lin.page.getByRole('button', { name: '审核通过' }).click();
    await lin.page.getByTestId('action-refused').waitFor();
    expect(await status(lin.page)).toBe('待审核');
    await lin.page.screenshot({ path: join(artifacts, 'order-approve-refused.png'), fullPage: true });

    // The manager approves it; the owner ships it with the carrier and invoices it (专票).
    const wang = await person('wang-u');
    await wang.page.goto(url);
    await wang.page.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => status(wang.page)).toBe('待发货');
    const boss = await person('boss');
    await boss.page.goto(url);
    await boss.page.getByTestId('ship-form').locator('input[name="carrier"]').fill('顺丰');
    await boss.page.getByTestId('ship-form').locator('input[name="tracking"]').fill('SF1234567890');
    await boss.page.getByRole('button', { name: '发货' }).click();
    await expect.poll(() => status(boss.page)).toBe('已发货');
    await boss.page.getByTestId('invoice-form').locator('select[name="vatKind"]').selectOption('special');
    await boss.page.getByRole('button', { name: '开票' }).click();
    await expect.poll(() => status(boss.page)).toBe('已完成');
    expect(await boss.page.getByTestId('order-shipments').textContent()).toContain('SF1234567890');
    expect(await boss.page.getByTestId('order-invoices').textContent()).toContain('专票');
    await boss.page.screenshot({ path: join(artifacts, 'order-invoiced.png'), fullPage: true });

    // On paper: the delivery note has what goes on the truck and no prices; the confirmation has them.
    await boss.page.goto(`${url}/print/delivery`);
    await boss.page.emulateMedia({ media: 'print' });
    const note = (await boss.page.getByTestId('printout').textContent()) ?? '';
    expect(note).toContain('送货单');
    expect(note).toContain('SF1234567890');
    expect(note).not.toContain('43.91');
    expect(await boss.page.locator('[data-testid="nav"]').isVisible()).toBe(false);
    await boss.page.screenshot({ path: join(artifacts, 'order-delivery-note.png'), fullPage: true });
    await boss.page.goto(`${url}/print/confirmation`);
    expect(await boss.page.getByTestId('printout').textContent()).toContain('43.91');

    // The customer pays: the bank's statement (GBK, as the bank exports it) is imported and its line accepted.
    await boss.page.emulateMedia({ media: 'screen' });
    await boss.page.goto(url);
    const invoiced = /(INV-\S+)[\s\S]*?([\d,]+\.\d\d)\s*·\s*未收/.exec(
      (await boss.page.getByTestId('order-invoices').textContent()) ?? '',
    );
    const [, invoice, gross] = invoiced ?? [];
    expect(invoice).toBeDefined();
    const bank = [
      '交易日期,对方户名,收入金额,支出金额,摘要,交易流水号',
      `2026/12/03,华东贸易有限公司,"${gross}",,货款 ${invoice},BKE2E1`,
      '',
    ];
    await boss.page.goto(`${server.url}/files`);
    await boss.page.waitForLoadState('networkidle');
    await boss.page.getByTestId('import-kind').selectOption('statement');
    await boss.page.getByTestId('import-file').setInputFiles({
      name: '工行流水.csv',
      mimeType: 'text/csv',
      buffer: execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: bank.join('\r\n') }),
    });
    await boss.page.getByRole('button', { name: '检查' }).click();
    await boss.page.getByTestId('import-changes').waitFor();
    await boss.page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => boss.page.getByTestId('import-summary').textContent()).toContain('已导入');
    await boss.page.goto(`${server.url}/reconcile`);
    const row = boss.page
      .locator('[data-testid="reconcile-lines"] tr', { hasText: 'BKE2E1' })
      .or(boss.page.locator('[data-testid="reconcile-lines"] tr', { hasText: String(invoice) }));
    expect(await row.first().textContent()).toContain(String(invoice));
    await boss.page.screenshot({ path: join(artifacts, 'reconcile-proposal.png'), fullPage: true });
    await row.first().getByRole('button', { name: '确认' }).click();
    await boss.page.getByTestId('reconcile-done').waitFor();
    await boss.page.goto(url);
    expect(await boss.page.getByTestId('order-invoices').textContent()).toMatch(/未收\s*0\.00/);
    expect(await boss.page.getByTestId('order-payments').textContent()).toContain(String(gross));

    // The customer's page shows the order and the receipt that paid it; the invoice is no longer open.
    const number = decodeURIComponent(url.split('/').pop() ?? '');
    await boss.page.goto(`${server.url}/customers/C001`);
    expect(await boss.page.getByTestId('customer-orders').textContent()).toContain(number);
    expect(await boss.page.getByTestId('customer-payments').textContent()).toContain(String(gross));
    expect(await boss.page.getByTestId('customer-invoices').textContent()).not.toContain(String(invoice));
    await boss.page.getByTestId('customer-aging').waitFor();
    await boss.page.screenshot({ path: join(artifacts, 'customer-360.png'), fullPage: true });

    const orders = JSON.parse(cli('export', 'list', 'orders', '--format', 'json')).rows as Record<string, string>[];
    expect(orders.find((o) => o.number === number)).toMatchObject({ customer: 'C001', status: 'completed' });
    expect(cli('check')).toBe('');
    for (const p of [lin, wang, boss]) {
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });

  it('warns while the order is entered, takes its approvals step by step from the inbox, buys what is short and ships it once received', async () => {
    // Far below the floor price and over the customer's credit, and more than the warehouse has.
    // Typed key by key on a slow line (200 ms added to each request): every keystroke asks for a
    // quote while earlier ones are on their way; what shows in the end answers the last one.
    const lin = await person('lin-u');
    const line = await lin.page.context().newCDPSession(lin.page);
    await line.send('Network.enable');
    await lin.page.goto(`${server.url}/orders/new`);
    // Typed before the page's scripts run, the customer would be a plain input that asks nothing.
    await lin.page.waitForLoadState('networkidle');
    await line.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 200,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await lin.page.getByTestId('entry-customer').fill('C001');
    await lin.page.getByTestId('entry-customer').press('Tab');
    await lin.page.getByTestId('entry-customer-info').waitFor();
    await lin.page.getByTestId('entry-search').fill('CLN-001');
    await lin.page.getByTestId('entry-found').waitFor();
    await lin.page.getByTestId('entry-search').press('Enter');
    await lin.page.locator('[data-line="0"] input[name="qty"]').fill('');
    await lin.page.locator('[data-line="0"] input[name="qty"]').pressSequentially('10000');
    await lin.page.locator('[data-line="0"] input[name="price"]').pressSequentially('20');
    await expect
      .poll(async () => {
        const text =
          (await lin.page
            .getByTestId('entry-needs')
            .textContent()
            .catch(() => '')) ?? '';
        return text.includes('price.below_floor') && text.includes('order.over_credit');
      })
      .toBe(true);
    await line.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(await lin.page.getByTestId('line-price').textContent()).toContain('20.00');
    expect(await lin.page.getByTestId('entry-totals').textContent()).toContain('226,000.00');
    const needs = (await lin.page.getByTestId('entry-needs').textContent()) ?? '';
    expect(needs).toMatch(/会计 \[order.over_credit\]/);
    expect(await lin.page.locator('[data-line="0"] + tr.warn, tr.warn').first().textContent()).toContain(
      '差额生成请购',
    );
    await lin.page.screenshot({ path: join(artifacts, 'order-entry-warnings.png'), fullPage: true });
    await lin.page.getByTestId('entry-place').click();
    await lin.page.waitForURL(/\/orders\/SO-/);
    const url = lin.page.url();
    const number = decodeURIComponent(url.split('/').pop() ?? '');

    // The manager approves the price from the inbox; the credit step still waits for the accountant.
    const wang = await person('wang-u');
    await wang.page.goto(`${server.url}/approvals`);
    const mine = wang.page.locator(`[data-testid="approval-document"][data-number="${number}"]`);
    await mine.getByRole('button', { name: '批准' }).click();
    await expect.poll(() => wang.page.getByTestId('approval-done').textContent()).toContain('仍待 会计 审批');
    await wang.page.goto(url);
    expect(await status(wang.page)).toBe('待审核');
    // The owner decides the credit step: stock is reserved and what is short is requisitioned.
    const boss = await person('boss');
    await boss.page.goto(`${server.url}/approvals`);
    await boss.page
      .locator(`[data-testid="approval-document"][data-number="${number}"]`)
      .getByRole('button', { name: '批准' })
      .click();
    await boss.page.getByTestId('approval-done').waitFor();
    await boss.page.goto(url);
    expect(await status(boss.page)).toBe('待发货');
    expect(await boss.page.getByTestId('order-purchasing').textContent()).toContain('尚未下采购订单');
    // The coordination board has it waiting for purchase.
    await boss.page.goto(`${server.url}/board`);
    expect(await boss.page.locator('[data-status="awaiting_purchase"]').textContent()).toContain(number);

    // The buyer sees the requisition, with the order it is for, and orders it from the preferred supplier.
    const cai = await person('cai-u');
    await cai.page.goto(`${server.url}/purchasing`);
    expect(await cai.page.getByTestId('requisitions').textContent()).toContain(number);
    await cai.page.getByTestId('create-orders').getByRole('button').click();
    await cai.page.getByTestId('orders-created').waitFor();
    await cai.page.screenshot({ path: join(artifacts, 'purchasing-desk.png'), fullPage: true });

    // The purchase order, from the sales order's page: approved, received, and the goods go to the order.
    await boss.page.goto(url);
    await boss.page.getByTestId('order-purchasing').getByRole('link').click();
    await boss.page.waitForURL(/\/purchase-orders\/PO-/);
    // Over the purchase approval threshold, it waits for a manager: the owner here.
    expect(await boss.page.getByTestId('po-status').textContent()).toBe('待审批');
    await boss.page.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => boss.page.getByTestId('po-status').textContent()).toBe('已下单');
    await boss.page.getByTestId('receive-form').getByRole('button').click();
    await expect.poll(() => boss.page.getByTestId('po-status').textContent()).toBe('已入库');
    // Received, the order is ready on the board; the alerts run clears nothing it should not.
    await boss.page.goto(`${server.url}/board`);
    expect(await boss.page.locator('[data-status="ready"]').textContent()).toContain(number);
    await boss.page.goto(`${server.url}/alerts`);
    await boss.page.getByRole('button', { name: '立即运行提醒任务' }).click();
    await boss.page.getByTestId('alerts-ran').waitFor();
    await boss.page.goto(url);
    expect(await boss.page.getByTestId('order-purchasing').textContent()).toContain('已入库');
    await boss.page.getByRole('button', { name: '发货' }).click();
    await expect.poll(() => status(boss.page)).toBe('已发货');
    expect(await boss.page.getByTestId('order-shipments').textContent()).toMatch(/SH-/);
    await boss.page.screenshot({ path: join(artifacts, 'order-bought-and-shipped.png'), fullPage: true });

    // Stock moves between warehouses: more than is free is refused in place; what is free moves.
    await boss.page.goto(`${server.url}/stock/transfer`);
    const transfer = boss.page.getByTestId('transfer-form');
    await transfer.locator('select[name="sku.0"]').selectOption('TEA-001');
    await transfer.locator('input[name="qty.0"]').fill('99999');
    await transfer.getByRole('button', { name: '调拨', exact: true }).click();
    expect(await boss.page.getByTestId('action-refused').textContent()).toContain('TEA-001');
    await transfer.locator('input[name="qty.0"]').fill('1');
    await transfer.getByRole('button', { name: '调拨', exact: true }).click();
    expect(await boss.page.getByTestId('action-done').textContent()).toMatch(/TR-|调拨/);

    expect(cli('check')).toBe('');
    for (const p of [lin, wang, boss, cai]) {
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });

  /** Nothing wider than the screen: a phone page scrolls down, never sideways. */
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('lets a salesperson work from a phone: an order on site, a payment with its voucher photo, their commission', async () => {
    const lin = await person('lin-u', 'phone');
    // On a slow mobile line: 200 ms added to every request.
    const line = await lin.page.context().newCDPSession(lin.page);
    await line.send('Network.enable');
    await line.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 200,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await lin.page.goto(`${server.url}/m`);
    const customers = lin.page.getByTestId('m-customers');
    expect(await customers.textContent()).toContain('深圳佳禾超市');
    expect(await customers.textContent()).not.toContain('陈');
    expect(await fits(lin.page)).toBe(true);
    await lin.page.screenshot({ path: join(artifacts, 'phone-home.png'), fullPage: true });

    // An order on site for the prepaid customer C006, found by the pinyin of 复印纸, typed at full speed.
    await customers.locator('[data-customer="C006"]').getByRole('link', { name: '下单' }).tap();
    await lin.page.waitForURL(/\/orders\/new\?customer=C006/);
    await lin.page.waitForLoadState('networkidle');
    await lin.page.getByTestId('entry-search').pressSequentially('fyz');
    await lin.page.getByTestId('entry-found').waitFor();
    await lin.page.getByTestId('entry-search').press('Enter');
    const qty = lin.page.locator('[data-line="0"] input[name="qty"]');
    await qty.fill('');
    await qty.pressSequentially('12');
    await expect.poll(() => lin.page.getByTestId('entry-totals').textContent()).toContain('价税合计');
    expect(await lin.page.getByTestId('entry-customer-info').textContent()).toContain('深圳佳禾超市');
    expect(await qty.inputValue()).toBe('12');
    expect(await fits(lin.page)).toBe(true);
    await lin.page.screenshot({ path: join(artifacts, 'phone-order.png'), fullPage: true });
    await lin.page.getByTestId('entry-place').tap();
    await lin.page.waitForURL(/\/orders\/SO-/);
    const order = decodeURIComponent(lin.page.url().split('/').pop() ?? '');
    // Within lin's authority: lin reviews it, and the prepaid order waits for its money.
    await lin.page.getByRole('button', { name: '审核通过' }).tap();
    await expect.poll(() => status(lin.page)).toBe('待付款');

    // The customer pays by WeChat on the spot: the voucher's photo goes with the payment.
    await lin.page.goto(`${server.url}/m/payment?customer=C006`);
    await lin.page.waitForLoadState('networkidle');
    await lin.page.getByTestId('voucher-order').selectOption(order);
    await expect.poll(() => lin.page.getByTestId('voucher-amount').inputValue()).toMatch(/^\d+\.\d{2}$/);
    await lin.page.getByLabel('微信支付').check();
    // A photo larger than 2 MiB is refused before it is sent.
    await lin.page.getByTestId('voucher-photo').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]),
    });
    expect(await lin.page.getByTestId('voucher-submit').isDisabled()).toBe(true);
    expect(await lin.page.getByTestId('voucher-photo-hint').getAttribute('class')).toContain('warn');
    await lin.page
      .getByTestId('voucher-photo')
      .setInputFiles({ name: 'transfer.png', mimeType: 'image/png', buffer: PNG });
    await lin.page.getByTestId('voucher-submit').tap();
    const submitted = (await lin.page.getByTestId('voucher-submitted').textContent()) ?? '';
    const voucher = /PV-\d{4}-\d+/.exec(submitted)?.[0] ?? '';
    expect(voucher).not.toBe('');
    expect(await lin.page.getByTestId('my-vouchers').textContent()).toContain('待财务入账');
    expect(await fits(lin.page)).toBe(true);
    await lin.page.screenshot({ path: join(artifacts, 'phone-payment.png'), fullPage: true });

    // Finance sees the photo and books the voucher: the order is paid and ready to ship.
    const acc = await person('acc-u');
    await acc.page.goto(`${server.url}/vouchers`);
    const row = acc.page.locator(`[data-voucher="${voucher}"]`);
    await expect
      .poll(() => row.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await row.getByTestId('voucher-book').click();
    expect(await acc.page.getByTestId('voucher-decided').textContent()).toMatch(/已入账为 RC-/);
    await acc.page.goto(`${server.url}/orders/${order}`);
    expect(await status(acc.page)).toBe('待发货');
    await lin.page.reload();
    expect(await lin.page.getByTestId('my-vouchers').textContent()).toContain('已入账');

    // Their commission: this month so far and the statements posted for them.
    await lin.page.goto(`${server.url}/m/commission`);
    expect(await lin.page.getByTestId('commission-statements').textContent()).toMatch(/\d{4}-\d{2}/);
    expect(await fits(lin.page)).toBe(true);
    await lin.page.screenshot({ path: join(artifacts, 'phone-commission.png'), fullPage: true });

    // The boss's figures and charts read on a phone too.
    const boss = await person('boss', 'phone');
    await boss.page.goto(`${server.url}/dashboard`);
    await boss.page.locator('svg, canvas').first().waitFor();
    expect(await fits(boss.page)).toBe(true);
    await boss.page.screenshot({ path: join(artifacts, 'phone-boss.png'), fullPage: true });

    for (const p of [lin, acc, boss]) {
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });

  it('lets a customer order from their phone, and follow it through review and shipment to its tracking number', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const shop = await context.newPage();
    const errors: string[] = [];
    shop.on('pageerror', (e) => errors.push(e.message));
    // A customer signs in and lands on the portal.
    await shop.goto(`${server.url}/login`);
    await shop.waitForLoadState('networkidle');
    await shop.fill('input[name="name"]', 'shop-u');
    await shop.fill('input[name="password"]', PASSWORD);
    await Promise.all([shop.waitForURL(`${server.url}/portal`), shop.click('form.card button[type="submit"]')]);
    // Their catalog: found by pinyin, at their price, with what is free.
    await shop.getByTestId('portal-search').fill('fyz');
    await Promise.all([shop.waitForURL(/q=fyz/), shop.getByTestId('portal-search').press('Enter')]);
    // One that is free to have: it ships as soon as it is approved.
    const paper = shop.locator('[data-sku]').filter({ hasText: '可供' }).first();
    expect(await paper.textContent()).toContain('复印纸');
    await paper.getByTestId('portal-qty').fill('1');
    expect(await fits(shop)).toBe(true);
    await shop.screenshot({ path: join(artifacts, 'portal-catalog.png'), fullPage: true });
    await shop.getByTestId('portal-place').tap();
    await shop.waitForURL(/\/portal\/orders\/SO-.*placed=1/);
    const number = decodeURIComponent(new URL(shop.url()).pathname.split('/').pop() ?? '');
    expect(await shop.getByTestId('portal-placed').textContent()).toContain(number);
    expect(await shop.getByTestId('portal-order-status').textContent()).toBe('待审核');
    // Another customer's order is refused to them.
    const refused = await shop.goto(`${server.url}/portal/orders/SO-2026-000001`);
    expect(refused?.status()).toBe(403);

    // Staff: the salesperson reviews it, the owner ships it with the carrier's number.
    const lin = await person('lin-u');
    await lin.page.goto(`${server.url}/orders/${number}`);
    await lin.page.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => status(lin.page)).toBe('待发货');
    const boss = await person('boss');
    await boss.page.goto(`${server.url}/orders/${number}`);
    await boss.page.getByTestId('ship-form').locator('input[name="carrier"]').fill('中通');
    await boss.page.getByTestId('ship-form').locator('input[name="tracking"]').fill('ZT7788990011');
    await boss.page.getByRole('button', { name: '发货' }).click();
    await expect.poll(() => status(boss.page)).toBe('已发货');

    // The customer sees it shipped, with the tracking number, in the list and on the order.
    await shop.goto(`${server.url}/portal/orders`);
    const row = shop.locator(`[data-order="${number}"]`);
    expect(await row.getByTestId('portal-tracking').textContent()).toContain('中通 ZT7788990011');
    await row.getByRole('link', { name: number }).tap();
    expect(await shop.getByTestId('portal-shipments').textContent()).toContain('ZT7788990011');
    expect(await shop.getByTestId('portal-order-status').textContent()).toBe('已发货');
    expect(await fits(shop)).toBe(true);
    await shop.screenshot({ path: join(artifacts, 'portal-order.png'), fullPage: true });
    await shop.goto(`${server.url}/portal/account`);
    expect(await shop.getByTestId('portal-statement').textContent()).toContain('对账单');
    expect(await fits(shop)).toBe(true);

    expect(errors).toEqual([]);
    for (const p of [lin, boss]) {
      expect(p.errors).toEqual([]);
      await p.close();
    }
    await context.close();
  });
});

/** A 1×1 PNG: a phone's photo of a transfer, as small as one gets. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
