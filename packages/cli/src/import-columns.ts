import {
  type ColumnSpec,
  commissionPlanColumns,
  contactColumns,
  customerColumns,
  expenseColumns,
  type MoneyOptions,
  normalizeHeader,
  openingStockColumns,
  orderLineColumns,
  priceRowColumns,
  productColumns,
  productRuleColumns,
  promotionColumns,
  salesHistoryColumns,
  salespersonColumns,
  supplierColumns,
  targetColumns,
  warehouseColumns,
} from '@tradeloop/core';

type Specs = (money: MoneyOptions) => readonly ColumnSpec<never>[];

/**
 * The columns each `import <kind>` reads, from the same specs the importer uses: what its help
 * lists and the README's table of columns shows.
 */
export const IMPORT_COLUMNS: Readonly<Record<string, Specs>> = {
  products: (m) => [...productColumns(m), ...productRuleColumns(m)] as ColumnSpec<never>[],
  customers: (m) => customerColumns(m) as ColumnSpec<never>[],
  contacts: () => contactColumns() as ColumnSpec<never>[],
  targets: (m) => targetColumns(m) as ColumnSpec<never>[],
  suppliers: () => supplierColumns() as ColumnSpec<never>[],
  salespeople: () => salespersonColumns() as ColumnSpec<never>[],
  warehouses: () => warehouseColumns() as ColumnSpec<never>[],
  'opening-stock': (m) => openingStockColumns(m) as ColumnSpec<never>[],
  'price-lists': (m) => priceRowColumns(m) as ColumnSpec<never>[],
  promotions: () => promotionColumns() as ColumnSpec<never>[],
  'commission-plans': (m) => commissionPlanColumns(m) as ColumnSpec<never>[],
  expenses: (m) => expenseColumns(m) as ColumnSpec<never>[],
  orders: (m) => orderLineColumns('sales', m) as ColumnSpec<never>[],
  'purchase-orders': (m) => orderLineColumns('purchase', m) as ColumnSpec<never>[],
  'sales-history': (m) => salesHistoryColumns(m) as ColumnSpec<never>[],
};

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
