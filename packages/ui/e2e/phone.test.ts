import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, demoCompany, fits, orderStatus as status } from './support';

/** The demo company away from the desk: a salesperson and a customer on their phones (390 × 844). */
describe('the phone in a real browser', () => {
  const company = demoCompany('phone', [
    ['lin-u', '--role', 'salesperson', '--salesperson', 'lin'],
    ['acc-u', '--role', 'accountant'],
    ['shop-u', '--role', 'customer', '--customer', 'C011'],
  ]);
  const PASSWORD = company.password;
  const person = (name: string, on: 'desk' | 'phone' = 'desk') => company.person(name, on);
  beforeAll(() => company.start());
  afterAll(() => company.stop());

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
    await lin.page.goto(`${company.url}/m`);
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
    await lin.page.goto(`${company.url}/m/payment?customer=C006`);
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
    await acc.page.goto(`${company.url}/vouchers`);
    const row = acc.page.locator(`[data-voucher="${voucher}"]`);
    await expect
      .poll(() => row.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await row.getByTestId('voucher-book').click();
    expect(await acc.page.getByTestId('voucher-decided').textContent()).toMatch(/已入账为 RC-/);
    await acc.page.goto(`${company.url}/orders/${order}`);
    expect(await status(acc.page)).toBe('待发货');
    await lin.page.reload();
    expect(await lin.page.getByTestId('my-vouchers').textContent()).toContain('已入账');

    // Their commission: this month so far and the statements posted for them.
    await lin.page.goto(`${company.url}/m/commission`);
    expect(await lin.page.getByTestId('commission-statements').textContent()).toMatch(/\d{4}-\d{2}/);
    expect(await fits(lin.page)).toBe(true);
    await lin.page.screenshot({ path: join(artifacts, 'phone-commission.png'), fullPage: true });

    // The boss's figures and charts read on a phone too.
    const boss = await person('boss', 'phone');
    await boss.page.goto(`${company.url}/dashboard`);
    await boss.page.locator('svg, canvas').first().waitFor();
    expect(await fits(boss.page)).toBe(true);
    await boss.page.screenshot({ path: join(artifacts, 'phone-boss.png'), fullPage: true });

    for (const p of [lin, acc, boss]) {
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });

  it('lets a customer order from their phone, and follow it through review and shipment to its tracking number', async () => {
    const context = await company.browser.newContext({
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
    await shop.goto(`${company.url}/login`);
    await shop.waitForLoadState('networkidle');
    await shop.fill('input[name="name"]', 'shop-u');
    await shop.fill('input[name="password"]', PASSWORD);
    await Promise.all([shop.waitForURL(`${company.url}/portal`), shop.click('form.card button[type="submit"]')]);
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
    const refused = await shop.goto(`${company.url}/portal/orders/SO-2026-000001`);
    expect(refused?.status()).toBe(403);

    // Staff: the salesperson reviews it, the owner ships it with the carrier's number.
    const lin = await person('lin-u');
    await lin.page.goto(`${company.url}/orders/${number}`);
    await lin.page.getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => status(lin.page)).toBe('待发货');
    const boss = await person('boss');
    await boss.page.goto(`${company.url}/orders/${number}`);
    await boss.page.getByTestId('ship-form').locator('input[name="carrier"]').fill('中通');
    await boss.page.getByTestId('ship-form').locator('input[name="tracking"]').fill('ZT7788990011');
    await boss.page.getByRole('button', { name: '发货' }).click();
    await expect.poll(() => status(boss.page)).toBe('已发货');

    // The customer sees it shipped, with the tracking number, in the list and on the order.
    await shop.goto(`${company.url}/portal/orders`);
    const row = shop.locator(`[data-order="${number}"]`);
    expect(await row.getByTestId('portal-tracking').textContent()).toContain('中通 ZT7788990011');
    await row.getByRole('link', { name: number }).tap();
    expect(await shop.getByTestId('portal-shipments').textContent()).toContain('ZT7788990011');
    expect(await shop.getByTestId('portal-order-status').textContent()).toBe('已发货');
    expect(await fits(shop)).toBe(true);
    await shop.screenshot({ path: join(artifacts, 'portal-order.png'), fullPage: true });
    await shop.goto(`${company.url}/portal/account`);
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
