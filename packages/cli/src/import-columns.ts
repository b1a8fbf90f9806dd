import { type ColumnSpec, normalizeHeader } from '@tradeloop/core';

export { IMPORT_COLUMNS } from '@tradeloop/store';

/** Other names a column is read by, besides its header and Chinese name. */
const otherNames = (c: ColumnSpec<never>): string[] => {
  const shown = new Set([c.header, c.label.zh].map(normalizeHeader));
  return [c.label.en, ...c.aliases].filter((n) => {
    const key = normalizeHeader(n);
    if (shown.has(key)) return false;
    shown.add(key);
    return true;
  });
};

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uFFFF]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));

/**
 * A command's help on its columns: header, Chinese name, required, other names read, and an
 * example file (the Chinese header row and one row of cells).
 *
 * @example
 * columnsHelp(IMPORT_COLUMNS.salespeople({})) // 'Columns (…)\n  code  编码  required  …'
 */
export function columnsHelp(specs: readonly ColumnSpec<never>[]): string {
  const head = Math.max(...specs.map((c) => width(c.header))) + 2;
  const zh = Math.max(...specs.map((c) => width(c.label.zh))) + 2;
  const csv = (cells: string[]) => cells.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',');
  return [
    '',
    'Columns (English or Chinese header; headers may carry %, （元）, * and spaces):',
    ...specs.map((c) =>
      `  ${pad(c.header, head)}${pad(c.label.zh, zh)}${pad(c.required ? 'required' : '', 10)}${otherNames(c).join(', ')}`.trimEnd(),
    ),
    '',
    'Example file:',
    `  ${csv(specs.map((c) => c.label.zh))}`,
    `  ${csv(specs.map((c) => c.example ?? ''))}`,
  ].join('\n');
}

/** The README table's cell of a kind's columns: `header 中文名`, in the importer's order. */
export const readmeColumns = (specs: readonly ColumnSpec<never>[]): string =>
  specs.map((c) => `${c.header} ${c.label.zh}`).join(', ');
