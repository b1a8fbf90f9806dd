import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromTsv, toTsv } from './clipboard';

describe('clipboard text', () => {
  it('reads a block as Excel puts it on the clipboard: CRLF, a last line break, quoted cells', () => {
    expect(fromTsv('TEA-001\t88.00\r\nTEA-002\t\r\n')).toEqual([
      ['TEA-001', '88.00'],
      ['TEA-002', ''],
    ]);
    expect(fromTsv('"line one\nline two"\tx\n')).toEqual([['line one\nline two', 'x']]);
    expect(fromTsv('5" tall\tok')).toEqual([['5" tall', 'ok']]);
    expect(fromTsv('a\tb\tc\nd\n')).toEqual([
      ['a', 'b', 'c'],
      ['d', '', ''],
    ]);
    expect(fromTsv('')).toEqual([]);
  });

  it('writes what it reads back, whatever the cells hold', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '龙', ' ', '\t', '\n', '"', '1', '.') });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 })),
        (rows) => {
          // A block of one empty cell is an empty clipboard: nothing to compare.
          fc.pre(!(rows.length === 1 && rows[0]?.length === 1 && rows[0][0] === ''));
          expect(fromTsv(toTsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});
