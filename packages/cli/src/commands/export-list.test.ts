import { describe, expect, it } from 'vitest';
import { listTable } from './export-list.js';

describe('listTable', () => {
  it('types a column by its name, else by its values, and an empty column as text', () => {
    const table = listTable([
      { number: 'SO-1', gross_minor: 4238, shipped_qty: 1500, lines: 2, salesperson: null },
      { number: 'SO-2', gross_minor: 1300, shipped_qty: 0, lines: null, salesperson: null },
    ]);
    expect(table.columns.map((c) => [c.key, c.kind])).toEqual([
      ['number', 'text'],
      ['gross', 'money'],
      ['shipped', 'qty'],
      ['lines', 'count'],
      ['salesperson', 'text'],
    ]);
    expect(table.rows[1]).toEqual({ number: 'SO-2', gross: 1300, shipped: 0, lines: null, salesperson: null });
  });
});
