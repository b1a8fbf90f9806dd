import { describe, expect, it } from 'vitest';
import { changeReserved, stockBalance } from './stock-ledger.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('taking stock', () => {
  it('reserves only what is free, in the statement that takes it, and leaves the balance when refused', async () => {
    const book = await smallCompany(tempDir()); // 5 boxes of TEA-001 (product 1) in WH1 (warehouse 1)
    expect(() => changeReserved(book, 1, 1, 6_000)).toThrow(
      expect.objectContaining({ code: 'stock.short', message: expect.stringContaining('5 free where 6') }),
    );
    changeReserved(book, 1, 1, 3_000);
    changeReserved(book, 1, 1, 2_000);
    expect(() => changeReserved(book, 1, 1, 1)).toThrow(expect.objectContaining({ code: 'stock.short' }));
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 5_000, reserved: 5_000 });
    changeReserved(book, 1, 1, -5_000);
    expect(stockBalance(book, 1, 1)).toMatchObject({ reserved: 0 });
    book.close();
  });
});
