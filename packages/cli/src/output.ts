import { writeFileSync } from 'node:fs';
import { csvSafeCell } from '@tradeloop/core';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';

import type { Format } from './formats.js';

export type { Format } from './formats.js';

/** A rendered data set: column headers and rows of display strings. */
export interface Grid {
  columns: readonly { key: string; title: string; align?: 'left' | 'right' }[];
  rows: readonly Record<string, string>[];
  /** A closing row shown in tables only (csv and json carry data rows alone). */
  footer?: Record<string, string>;
}

export function render(grid: Grid, format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(grid.rows, null, 2)}\n`;
    case 'csv':
      return stringify(
        grid.rows.map((r) => grid.columns.map((c) => csvSafeCell(r[c.key] ?? ''))),
        { header: true, columns: grid.columns.map((c) => c.key), bom: false },
      );
    case 'table': {
      const table = new Table({
        head: grid.columns.map((c) => c.title),
        colAligns: grid.columns.map((c) => c.align ?? 'left'),
        style: { head: [], border: [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const r of grid.rows) table.push(grid.columns.map((c) => r[c.key] ?? ''));
      if (grid.footer) table.push(grid.columns.map((c) => grid.footer?.[c.key] ?? ''));
      return `${table.toString()}\n`;
    }
  }
}

/** Write data to `-o FILE` or stdout; stdout only ever carries data. */
export function emit(text: string, outFile: string | undefined): void {
  if (outFile) writeFileSync(outFile, text);
  else process.stdout.write(text);
}

/** Draw a report as the chart `--chart` names (.svg or .png), and say so on stderr. */
export async function writeChart(spec: Record<string, unknown>, file: string): Promise<void> {
  const { renderChart } = await import('@tradeloop/analytics');
  await renderChart(spec, file);
  process.stderr.write(`wrote chart ${file}\n`);
}
