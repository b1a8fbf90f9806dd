import { describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { check } from './check.js';
import { listJournal } from './journal.js';
import { approveSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { postOpeningStock } from './stock.js';
import { stockBalance } from './stock-ledger.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

const TEA2 = { sku: 'TEA-002', warehouse: 'WH1', qty: 10_000, value: 76_500, date: '2026-02-01' };

/** Everything a re-import could disturb: moves, layers, balances, journal. */
const ledgers = (book: Book) => ({
  moves: book.exec.select('select * from stock_moves order by id'),
  layers: book.exec.select(
    'select product_id, warehouse_id, date, source, batch, expiry, qty, value_minor from fifo_layers',
  ),
  balances: book.exec.select('select * from stock_balances order by product_id, warehouse_id'),
  journal: listJournal(book),
});

const inventory = (book: Book) =>
  listJournal(book)
    .flatMap((e) => e.lines)
    .filter((l) => l.account === '1405')
    .reduce((t, l) => t + l.debit - l.credit, 0);

describe('opening stock imported again', () => {
  it('leaves the book as it was when the same lines come twice', async () => {
    const book = await smallCompany(tempDir());
    expect(postOpeningStock(book, [TEA2])).toEqual({ lines: 1, unchanged: 0, replaced: 0, value: 76_500 });
    const before = ledgers(book);
    const audits = book.exec.value<number>('select count(*) from audit_log');
    expect(postOpeningStock(book, [TEA2])).toEqual({ lines: 0, unchanged: 1, replaced: 0, value: 0 });
    expect(ledgers(book)).toEqual(before);
    expect(book.exec.value<number>('select count(*) from audit_log')).toBe(audits);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('refuses a different quantity, naming the line, unless told to replace', async () => {
    const book = await smallCompany(tempDir());
    postOpeningStock(book, [TEA2]);
    const before = ledgers(book);
    let error: unknown;
    try {
      postOpeningStock(book, [
        { ...TEA2, row: 2 },
        { ...TEA2, qty: 12_000, value: 91_800, row: 3 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'command.rejected',
      issues: [
        {
          code: 'opening_stock.exists',
          path: [3, 'sku'],
          value: 'TEA-002',
          message: expect.stringMatching(
            /TEA-002 in WH1 already has opening stock \(10 worth 765.00 on 2026-02-01\).*--replace/,
          ),
        },
      ],
    });
    expect(ledgers(book)).toEqual(before);
    book.close();
  });

  it('refuses opening stock after the place has moves', async () => {
    const book = await smallCompany(tempDir());
    postOpeningStock(book, [TEA2]);
    expect(() => postOpeningStock(book, [{ ...TEA2, warehouse: 'WH1', batch: 'B2', date: '2026-03-01' }])).toThrow(
      /opening_stock|TEA-002 in WH1 has 1 stock move before 2026-03-01 \(from 2026-02-01\)/,
    );
    book.close();
  });

  it('replaces opening stock that has not moved, correcting the journal with a new entry', async () => {
    const book = await smallCompany(tempDir());
    postOpeningStock(book, [TEA2]);
    const entries = listJournal(book);
    const replaced = postOpeningStock(
      book,
      [
        { ...TEA2, qty: 8_000, value: 64_000, batch: 'A' },
        { ...TEA2, qty: 2_000, value: 20_000, batch: 'B', date: '2026-01-15' },
      ],
      { existing: 'replace' },
    );
    expect(replaced).toEqual({ lines: 2, unchanged: 0, replaced: 1, value: 84_000 });
    expect(stockBalance(book, 2, 1)).toMatchObject({ onHand: 10_000, value: 84_000 });
    expect(
      book.exec.select('select date, qty, value_minor, batch from stock_moves where product_id = 2 order by date'),
    ).toEqual([
      { date: '2026-01-15', qty: 2_000, value_minor: 20_000, batch: 'B' },
      { date: '2026-02-01', qty: 8_000, value_minor: 64_000, batch: 'A' },
    ]);
    // The old entries stand; new ones take out the old value on its date and put the new in on theirs.
    const journal = listJournal(book);
    expect(journal.filter((e) => entries.some((x) => JSON.stringify(x) === JSON.stringify(e)))).toEqual(entries);
    expect(
      journal
        .filter((e) => e.memo === 'Opening stock replaced')
        .map((e) => [e.date, e.lines.find((l) => l.account === '1405')]),
    ).toEqual([
      ['2026-01-15', { account: '1405', debit: 20_000, credit: 0 }],
      ['2026-02-01', { account: '1405', debit: 0, credit: 12_500 }],
    ]);
    expect(inventory(book)).toBe(56_000 + 84_000);
    expect(check(book)).toEqual([]);
    // The same file with --replace again: nothing to replace.
    const before = ledgers(book);
    expect(
      postOpeningStock(
        book,
        [
          { ...TEA2, qty: 8_000, value: 64_000, batch: 'A' },
          { ...TEA2, qty: 2_000, value: 20_000, batch: 'B', date: '2026-01-15' },
        ],
        { existing: 'replace' },
      ),
    ).toEqual({ lines: 0, unchanged: 2, replaced: 0, value: 0 });
    expect(ledgers(book)).toEqual(before);
    book.close();
  });

  it('refuses to replace opening stock that has been sold from, naming the later moves', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-05',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    approveSalesOrder(book, number, 'lin');
    shipSalesOrder(book, number, { date: '2026-03-06' });
    const before = ledgers(book);
    expect(() =>
      postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 6_000, value: 67_200, date: '2026-03-01' }], {
        existing: 'replace',
      }),
    ).toThrow('TEA-001 in WH1 has moved since (1 move from 2026-03-06); post a stock count instead');
    expect(ledgers(book)).toEqual(before);
    // The opening stock as it is still counts as unchanged.
    expect(
      postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5_000, value: 56_000, date: '2026-03-01' }], {
        existing: 'replace',
      }),
    ).toMatchObject({ lines: 0, unchanged: 1 });
    expect(check(book)).toEqual([]);
    book.close();
  });
});
