import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit.js';
import { Book } from './book.js';
import { check } from './check.js';
import { moveBook } from './move.js';
import { upsertProducts } from './products.js';
import { smallCompany } from './test-support/demo-company.js';
import { usePostgres } from './test-support/postgres.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const pg = usePostgres();
const database = (name: string) => pg.database(name);

const STORE = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Another process writing to the book: `times` commands, each a change of one product's price. */
function writer(url: string, sku: string, times: number): Promise<number> {
  const script = `
    const { Book, upsertProducts } = await import(${JSON.stringify(STORE)});
    const book = await Book.open(${JSON.stringify(url)});
    const product = { sku: ${JSON.stringify(sku)}, name: 'x', nameEn: null, category: '茶', uom: 'box', cost: 100, taxRate: 1300, listed: true };
    for (let i = 1; i <= ${times}; i++) upsertProducts(book, [{ ...product, price: 1000 + i }]);
    book.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (c) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(code) : reject(new Error(stderr))));
  });
}

const WORKER = fileURLToPath(new URL('./test-support/worker.mjs', import.meta.url));

/** `node worker.mjs ARGS` as a process of its own: what it printed, and how it ended. */
function worker(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c) => {
      stdout += c;
    });
    child.stderr?.on('data', (c) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('writers on one PostgreSQL book', () => {
  it('eight processes selling scarce stock at once: no box sold twice, no order lost, check clean', async () => {
    // The small company (5 boxes of TEA-001 on hand), moved into the server.
    const company = await smallCompany(tempDir());
    const url = database('scarce');
    await moveBook(company, url);
    company.close();
    const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => worker(['sell', url, '6', `w${i}`])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const outcomes = runs.map(
      (r) => JSON.parse(r.stdout.trim()) as { placed: number; approved: number; shipped: number; busy: number },
    );
    expect(outcomes.reduce((s, o) => s + o.placed, 0)).toBe(48);
    expect(outcomes.reduce((s, o) => s + o.approved, 0)).toBe(48);
    // Exactly the five boxes on hand went out, each on one order.
    expect(outcomes.reduce((s, o) => s + o.shipped, 0)).toBe(5);
    expect(outcomes.every((o) => o.busy === 0)).toBe(true);
    const book = await Book.open(url);
    expect(book.exec.value('select count(*) from sales_orders')).toBe(48);
    expect(book.exec.value("select coalesce(sum(qty), 0) from stock_moves where kind = 'issue'")).toBe(-5_000);
    expect(book.exec.selectOne('select on_hand, reserved from stock_balances')).toEqual({ on_hand: 0, reserved: 0 });
    // The 43 boxes not in stock wait on requisitions, none counted twice.
    expect(book.exec.value('select sum(qty) from requisitions')).toBe(43_000);
    expect(verifyAuditChain(book)).toBeUndefined();
    expect(check(book)).toEqual([]);
    book.close();
  }, 120_000);

  it('take turns: three processes’ commands all land, the audit chain unbroken', async () => {
    const admin = await Book.create(pg.url);
    upsertProducts(admin, [sampleProduct()]);
    const before = admin.exec.value<number>('select count(*) from audit_log') ?? 0;
    await Promise.all(['P-1', 'P-2', 'P-3'].map((sku) => writer(pg.url, sku, 15)));
    expect(admin.exec.value<number>('select count(*) from audit_log')).toBe(before + 45);
    expect(verifyAuditChain(admin)).toBeUndefined();
    expect(admin.exec.select('select sku, price_minor from products where sku like ? order by sku', 'P-%')).toEqual([
      { sku: 'P-1', price_minor: 1015 },
      { sku: 'P-2', price_minor: 1015 },
      { sku: 'P-3', price_minor: 1015 },
    ]);
    expect(check(admin)).toEqual([]);
    admin.close();
  }, 60_000);
});
