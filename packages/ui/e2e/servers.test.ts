import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDriver } from '@tradeloop/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../scripts/postgres.mjs';
import { artifacts, bin, launch, root, serve, signIn } from './support';

const cell = (page: Page, key: string, column: string) =>
  page.locator(`[role="gridcell"][data-row="${key}"][data-column="${column}"]`);
const idle = (page: Page) =>
  expect.poll(() => page.locator('[role="grid"]').getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');

/**
 * A company whose book is on PostgreSQL, served by two `tradeloop serve` processes at once, as
 * behind a load balancer: a person signed in on one is signed in on the other (sessions are in the
 * book), and what one person saves through one server the other sees through the other.
 */
describe('two servers on one PostgreSQL book', () => {
  let dir = '';
  let pg: { url: string; stop: () => void } | undefined;
  let url = '';
  const servers: { child: ChildProcess; url: string }[] = [];
  let browser: Browser | undefined;
  const password = 'servers-password-1';
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [bin, ...args, '--db', url], {
      encoding: 'utf8',
      env: { ...process.env, TRADELOOP_SESSIONS: join(dir, 'sessions.json'), TRADELOOP_REPORT_DIR: dir },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tradeloop-servers-'));
    pg = await startPostgres();
    const admin = new PgDriver(pg.url);
    admin.run('create database acme', []);
    admin.close();
    url = pg.url.replace(/\/postgres$/, '/acme');
    // A blank book set up from the company's own files: products as Excel saved them (GBK), two people.
    cli('init');
    cli('import', 'products', join(root, 'fixtures/import/products-zh-gbk.csv'));
    const pw = join(dir, 'pw.txt');
    writeFileSync(pw, `${password}\n`);
    cli('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
    cli('login', 'boss', '--password-file', pw);
    cli('user', 'add', 'li', '--role', 'sales_manager', '--password-file', pw);
    // The servers' report copies in the test's folder, not the user's cache.
    const reports = process.env.TRADELOOP_REPORT_DIR;
    process.env.TRADELOOP_REPORT_DIR = dir;
    try {
      servers.push(...(await Promise.all([serve(url), serve(url)])));
    } finally {
      if (reports === undefined) delete process.env.TRADELOOP_REPORT_DIR;
      else process.env.TRADELOOP_REPORT_DIR = reports;
    }
    browser = await launch();
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.child.kill('SIGTERM');
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs a person in on either, and shows each what the other saved through the other server', async () => {
    const [a, b] = servers as [{ url: string }, { url: string }];
    expect(a.url).not.toBe(b.url);
    const boss = await browser?.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const li = await browser?.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    if (!boss || !li) throw new Error('no browser');
    // Signed in through server A, the same session cookie is good on server B: no state of its own.
    const bossPage = await signIn(boss, a.url, 'boss', password);
    const onB = await boss.newPage();
    await onB.goto(`${b.url}/grid/products`);
    expect(new URL(onB.url()).pathname).toBe('/grid/products');
    await onB.close();

    const liPage = await signIn(li, b.url, 'li', password);
    const errors: string[] = [];
    for (const p of [bossPage, liPage]) {
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${p === bossPage ? a.url : b.url}/grid/products`);
      await p.waitForLoadState('networkidle');
    }
    // The boss renames a product through server A.
    await cell(bossPage, 'ZH-001', 'name').click();
    await bossPage.keyboard.type('铁观音礼盒 新装');
    await bossPage.keyboard.press('Enter');
    await idle(bossPage);
    // Li, whose page through server B was read before, saves the same row: told it changed meanwhile.
    await cell(liPage, 'ZH-001', 'name').click();
    await liPage.keyboard.type('铁观音 旧名');
    await liPage.keyboard.press('Enter');
    await idle(liPage);
    await expect.poll(() => cell(liPage, 'ZH-001', 'name').getAttribute('aria-invalid')).toBe('true');
    expect(await liPage.getByTestId('grid-status').textContent()).toMatch(/changed|已被修改|改/);
    // Read again through server B: the boss's name.
    await liPage.goto(`${b.url}/grid/products`);
    await liPage.waitForLoadState('networkidle');
    await expect.poll(() => cell(liPage, 'ZH-001', 'name').textContent()).toBe('铁观音礼盒 新装');
    await liPage.screenshot({ path: join(artifacts, 'second-server.png') });
    expect(JSON.parse(cli('export', 'products', '-f', 'json')).rows[0]).toMatchObject({ name: '铁观音礼盒 新装' });
    expect(cli('check')).toBe('');
    expect(errors).toEqual([]);
    await boss.close();
    await li.close();
  });
});
