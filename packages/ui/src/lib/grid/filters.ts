import type { GridColumn, GridFilter } from './types';

/**
 * A column filter from what a person types in the filter box under its header, as spreadsheet
 * users write it: `>100`, `<5`, `=TEA-001`, `10..20` (between), `(blank)` or `（空）` for empty
 * cells; anything else is "contains" for text and "equals" for figures and dates. The server reads
 * the values by the column's own rules (`98.00`, `13%`, `是`).
 *
 * @example
 * filterFromText(price, '>100') // { column: 'price_minor', op: 'gt', value: '100' }
 */
export function filterFromText(column: GridColumn, text: string): GridFilter | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const name = column.name;
  if (t === '(blank)' || t === '（空）' || t === '(空)') return { column: name, op: 'blank' };
  const op = /^([<>=])\s*(.+)$/.exec(t);
  if (op) {
    const value = op[2] ?? '';
    return { column: name, op: op[1] === '<' ? 'lt' : op[1] === '>' ? 'gt' : 'eq', value };
  }
  const between = /^(.+?)\s*\.\.\s*(.+)$/.exec(t);
  if (between && column.kind !== 'text') return { column: name, op: 'between', value: [between[1], between[2]] };
  if (column.kind === 'text' || column.kind === 'choice') return { column: name, op: 'contains', value: t };
  return { column: name, op: 'eq', value: t };
}
