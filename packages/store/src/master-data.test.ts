import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { upsertMasterData } from './master-data.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('upsertMasterData', () => {
  it('tells new, changed and unchanged records with the fields that moved; the same input again writes nothing', async () => {
    const book = await Book.create(join(tempDir(), 'md.db'));
    const audits = () => book.exec.value<number>('select count(*) from audit_log');
    const data = {
      warehouses: [{ code: 'WH1', name: '主仓', bins: ['A-01'] }],
      salespeople: [{ code: 'li', name: '李娜', level: 'senior' }],
      customers: [{ code: 'C1', name: '华东贸易', owner: 'li', region: '华东' }],
      contacts: [{ customer: 'C1', name: '张伟', phone: '138' }],
      targets: [{ salesperson: 'li', month: '2026-03', amount: 1_200_000 }],
    };
    const first = upsertMasterData(book, data);
    expect(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, v.inserted]))).toEqual({
      warehouses: ['WH1'],
      salespeople: ['li'],
      customers: ['C1'],
      contacts: ['C1 张伟'],
      targets: ['li 2026-03'],
    });
    const written = audits();
    const again = upsertMasterData(book, data);
    expect(
      Object.values(again).every((e) => e.inserted.length === 0 && e.updated.length === 0 && e.unchanged === 1),
    ).toBe(true);
    expect(audits()).toBe(written);

    const preview = upsertMasterData(
      book,
      {
        warehouses: [{ code: 'WH1', name: '主仓', bins: ['B-01'] }],
        customers: [{ code: 'C1', name: '华东贸易', owner: null, region: '华南' }],
      },
      { dryRun: true },
    );
    expect(preview.warehouses?.updated).toEqual([
      { key: 'WH1', changes: [{ field: 'bins', before: 'A-01', after: 'A-01;B-01' }] },
    ]);
    expect(preview.customers?.updated[0]?.changes).toEqual([
      { field: 'region', before: '华东', after: '华南' },
      { field: 'owner', before: 'li', after: null },
    ]);
    // A dry run leaves the book as it was.
    expect(book.exec.value('select region from customers')).toBe('华东');
    expect(book.exec.value('select count(*) from bins')).toBe(1);
    expect(() => upsertMasterData(book, { targets: [{ salesperson: 'li', month: '2026-03', amount: 1.5 }] })).toThrow(
      /not a month and a whole amount/,
    );
    book.close();
  });
});
