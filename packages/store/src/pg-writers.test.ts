import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit.js';
import { Book } from './book.js';
import { check } from './check.js';
import { upsertProducts } from './products.js';
import { startPostgres } from './test-support/postgres.js';
import { sampleProduct } from './test-support/temp-book.js';

let pg: { url: string; stop: () => void } | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(() => pg?.stop());

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

describe('writers on one PostgreSQL book', () => {
  it('take turns: three processes’ commands all land, the audit chain unbroken', async () => {
    const admin = await Book.create(pg?.url ?? '');
    upsertProducts(admin, [sampleProduct()]);
    const before = admin.exec.value<number>('select count(*) from audit_log') ?? 0;
    await Promise.all(['P-1', 'P-2', 'P-3'].map((sku) => writer(pg?.url ?? '', sku, 15)));
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
