import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, demoCompany, orderStatus as status } from './support';

/** The demo company's day in the browser, by the people who do it, each signed in as themselves. */
describe('the daily loop in a real browser', () => {
  const company = demoCompany('daily', [
    ['lin-u', '--role', 'salesperson', '--salesperson', 'lin'],
    ['wang-u', '--role', 'sales_manager', '--salesperson', 'wang'],
    ['cai-u', '--role', 'purchasing'],
    ['acc-u', '--role', 'accountant'],
  ]);
  const { cli } = company;
  const person = (name: string) => company.person(name);
  beforeAll(() => company.start());
  afterAll(() => company.stop());

  it('takes a sales order from entry to invoice: priced with its trace, approved by a manager, shipped, invoiced', async () => {
    // The salesperson enters the order: C001's own price list wins, beyond lin's discount authority.
    const lin = await person('lin-u');
    await lin.page.goto(`${company.url}/orders/new`);
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
    await boss.page.goto(`${company.url}/files`);
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
    await boss.page.goto(`${company.url}/reconcile`);
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
    await boss.page.goto(`${company.url}/customers/C001`);
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
    await lin.page.goto(`${company.url}/orders/new`);
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
    await wang.page.goto(`${company.url}/approvals`);
    const mine = wang.page.locator(`[data-testid="approval-document"][data-number="${number}"]`);
    await mine.getByRole('button', { name: '批准' }).click();
    await expect.poll(() => wang.page.getByTestId('approval-done').textContent()).toContain('仍待 会计 审批');
    await wang.page.goto(url);
    expect(await status(wang.page)).toBe('待审核');
    // The accountant decides the credit step: stock is reserved and what is short is requisitioned.
    const acc = await person('acc-u');
    await acc.page.goto(`${company.url}/approvals`);
    await acc.page
      .locator(`[data-testid="approval-document"][data-number="${number}"]`)
      .getByRole('button', { name: '批准' })
      .click();
    await acc.page.getByTestId('approval-done').waitFor();
    const boss = await person('boss');
    await boss.page.goto(url);
    expect(await status(boss.page)).toBe('待发货');
    expect(await boss.page.getByTestId('order-purchasing').textContent()).toContain('尚未下采购订单');
    // The coordination board has it waiting for purchase.
    await boss.page.goto(`${company.url}/board`);
    expect(await boss.page.locator('[data-status="awaiting_purchase"]').textContent()).toContain(number);

    // The buyer sees the requisition, with the order it is for, and orders it from the preferred supplier.
    const cai = await person('cai-u');
    await cai.page.goto(`${company.url}/purchasing`);
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
    await boss.page.goto(`${company.url}/board`);
    expect(await boss.page.locator('[data-status="ready"]').textContent()).toContain(number);
    await boss.page.goto(`${company.url}/alerts`);
    await boss.page.getByRole('button', { name: '立即运行提醒任务' }).click();
    await boss.page.getByTestId('alerts-ran').waitFor();
    await boss.page.goto(url);
    expect(await boss.page.getByTestId('order-purchasing').textContent()).toContain('已入库');
    await boss.page.getByRole('button', { name: '发货' }).click();
    await expect.poll(() => status(boss.page)).toBe('已发货');
    expect(await boss.page.getByTestId('order-shipments').textContent()).toMatch(/SH-/);
    await boss.page.screenshot({ path: join(artifacts, 'order-bought-and-shipped.png'), fullPage: true });

    // Stock moves between warehouses: more than is free is refused in place; what is free moves.
    await boss.page.goto(`${company.url}/stock/transfer`);
    const transfer = boss.page.getByTestId('transfer-form');
    await transfer.locator('select[name="sku.0"]').selectOption('TEA-001');
    await transfer.locator('input[name="qty.0"]').fill('99999');
    await transfer.getByRole('button', { name: '调拨', exact: true }).click();
    expect(await boss.page.getByTestId('action-refused').textContent()).toContain('TEA-001');
    await transfer.locator('input[name="qty.0"]').fill('1');
    await transfer.getByRole('button', { name: '调拨', exact: true }).click();
    expect(await boss.page.getByTestId('action-done').textContent()).toMatch(/TR-|调拨/);

    expect(cli('check')).toBe('');
    for (const p of [lin, wang, acc, boss, cai]) {
      expect(p.errors).toEqual([]);
      await p.close();
    }
  });
});
