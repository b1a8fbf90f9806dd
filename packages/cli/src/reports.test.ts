import { join } from 'node:path';
import { arAging, profitByPeriod } from '@tradeloop/analytics';
import { ageReceivables, parsePeriod, profit, splitPeriod } from '@tradeloop/core';
import { Book, listJournal, receivablesForAging } from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import { importProductFile } from './commands/import-products.js';
import { DEMO_CATALOG } from './commands/init.js';
import { buildDemoCompany } from './demo/demo-company.js';
import { useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('reports on the demo company agree with core', () => {
  it('ages receivables and reports profit exactly as core computes them from the book', async () => {
    const book = await Book.create(join(tempDir(), 'demo.db'));
    await importProductFile(book, DEMO_CATALOG);
    await buildDemoCompany(book, { scale: 0.5 });
    const ar = receivablesForAging(book);
    for (const asOf of ['2025-03-31', '2025-12-31', '2026-06-30', '2026-11-21']) {
      for (const basis of ['due', 'invoice'] as const) {
        const fromCore = ageReceivables(ar.documents, ar.payments, [], { asOf, basis });
        const fromDuck = await arAging(book, { asOf, basis });
        expect(fromDuck.columns).toEqual(fromCore.columns);
        expect(fromDuck.total).toEqual({ ...fromCore.total, key: 'total' });
        expect(fromDuck.rows.map((r) => [r.key, r.buckets, r.outstanding, r.advances])).toEqual(
          fromCore.parties.map((p) => [p.key, p.buckets, p.outstanding, p.advances]),
        );
        const bySalesperson = await arAging(book, { asOf, basis, by: 'salesperson' });
        expect(bySalesperson.rows.map((r) => [r.key, r.outstanding])).toEqual(
          fromCore.salespeople.map((s) => [s.key, s.outstanding]),
        );
      }
    }
    const spec = parsePeriod('monthly from 2024-12 to 2026-12');
    if (!spec.ok) throw new Error('period');
    const journal = listJournal(book);
    const rows = await profitByPeriod(book, spec.value);
    expect(rows.map(({ period: _p, start: _s, end: _e, ...figures }) => figures)).toEqual(
      splitPeriod(spec.value).map((p) => profit(journal, p)),
    );
    expect(rows.reduce((s, r) => s + r.revenue, 0)).toBeGreaterThan(0);
    book.close();
  }, 120_000);
});
