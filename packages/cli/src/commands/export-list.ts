import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import { emit, type Grid, render } from '../output.js';

/**
 * `tradeloop export <list>`: customers, suppliers, orders, invoices, purchase orders, stock.
 * Amounts come out as decimals and quantities in units, so a spreadsheet shows what a person
 * expects; CSV cells that a spreadsheet would run as formulas are defused.
 */
export async function exportList(name: string, o: { format: string; output?: string }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ LISTS, listRows }, { formatMoney, formatQuantity, TradeloopError }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    if (!(name in LISTS))
      throw new TradeloopError('usage.list', `nothing called ${name} to export`, {
        hint: `lists: ${Object.keys(LISTS).join(', ')}; products have \`export products\``,
      });
    const { precision } = book.settings();
    const rows = listRows(book, name as keyof typeof LISTS);
    const keys = rows[0] ? Object.keys(rows[0]) : [];
    const columns = keys.map((k) => ({
      key: k.replace(/_or_minor$|_minor$|_qty$/, ''),
      title: k.replace(/_or_minor$|_minor$|_qty$/, ''),
      align: /_minor$|_qty$/.test(k) ? ('right' as const) : ('left' as const),
    }));
    const cell = (k: string, v: unknown) =>
      v === null || v === undefined
        ? ''
        : typeof v === 'number' && k.endsWith('_minor')
          ? formatMoney(v, { precision })
          : typeof v === 'number' && k.endsWith('_qty')
            ? formatQuantity(v)
            : String(v);
    const grid: Grid = {
      columns,
      rows: rows.map((r) =>
        Object.fromEntries(keys.map((k) => [k.replace(/_or_minor$|_minor$|_qty$/, ''), cell(k, r[k])])),
      ),
    };
    if (o.format === 'xlsx') {
      if (!o.output)
        throw new TradeloopError('usage.output', 'an XLSX export needs -o FILE.xlsx', {
          hint: 'stdout carries text; a workbook goes to a file',
        });
      const { default: ExcelJS } = await import('exceljs');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(name);
      ws.addRow(columns.map((c) => c.title));
      for (const r of rows) {
        // Numbers stay numbers in a workbook: amounts as decimals, quantities in units.
        ws.addRow(
          keys.map((k) =>
            typeof r[k] === 'number' && k.endsWith('_minor')
              ? (r[k] as number) / 10 ** precision
              : typeof r[k] === 'number' && k.endsWith('_qty')
                ? (r[k] as number) / 1000
                : (r[k] ?? ''),
          ),
        );
      }
      await wb.xlsx.writeFile(o.output);
      process.stderr.write(`wrote ${rows.length} ${name} to ${o.output}\n`);
      return;
    }
    emit(render(grid, o.format as 'csv' | 'json' | 'table'), o.output);
  });
}
