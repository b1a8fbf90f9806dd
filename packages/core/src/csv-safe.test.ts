import { describe, expect, it } from 'vitest';
import { csvSafeCell } from './csv-safe.js';

describe('csvSafeCell', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '=HYPERLINK("http://x","y")'])('defuses %j', (cell) => {
    expect(csvSafeCell(cell)).toBe(`'${cell}`);
  });

  it.each(['-12.50', '+3', '-1,234.00', '13%', 'plain', '龙井茶', ''])('keeps %j as it is', (cell) => {
    expect(csvSafeCell(cell)).toBe(cell);
  });
});
