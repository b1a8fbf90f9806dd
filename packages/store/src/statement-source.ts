import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  detectStatementLayout,
  type LayoutMatch,
  layoutsFor,
  type MoneyOptions,
  pairFullRefunds,
  readStatementRow,
  STATEMENT_LAYOUTS,
  type StatementEntry,
  type StatementField,
  type StatementSource,
  statementCell,
  TradeloopError,
} from '@tradeloop/core';
import { sourceName, type TableSource } from './csv-source.js';
import { InputRejected, issueToRejection, type Rejection } from './rejection.js';
import { readTable } from './table-source.js';

export interface StatementRead {
  layout: LayoutMatch['layout'];
  headerRow: number;
  lines: { row: number; entry: StatementEntry }[];
  rejections: Rejection[];
  rejectedRows: Map<number, string[]>;
  headers: string[];
  /** Rows after the table: totals, export notes. */
  footerRows: number;
}

export interface StatementReadOptions extends MoneyOptions {
  source?: StatementSource;
  /** A JSON file naming, for fields of the generic bank layout, the column that holds them. */
  map?: string;
  /** The company's own names: lines with them on the other side are own-account transfers. */
  ownNames?: readonly string[];
}

/** Lines after a bill's table: separators, totals and export notes, never data. */
const FOOTER =
  /^([#\-=*_]|共\s*\d|合计|总计|小计|总交易单数|已收入|待收入|已支出|待支出|收入合计|支出合计|导出时间|本页|累计|注[:：]|说明|温馨提示|total)/i;

function mappedLayout(mapFile: string): LayoutMatch['layout'][] {
  let map: Record<string, string>;
  try {
    map = JSON.parse(readFileSync(mapFile, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new TradeloopError('input.map', `${mapFile} is not a JSON mapping: ${(error as Error).message}`, {
      hint: 'write it as { "field": "column in the file" }, e.g. { "in": "贷方", "counterparty": "户名" }',
    });
  }
  const generic = STATEMENT_LAYOUTS.find((l) => l.id === 'bank');
  if (!generic) return [];
  const fields = Object.keys(generic.columns);
  const unknown = Object.keys(map).filter((k) => !fields.includes(k));
  if (unknown.length > 0)
    throw new TradeloopError('input.map', `${mapFile} names fields that do not exist: ${unknown.join(', ')}`, {
      hint: `fields: ${fields.join(', ')}`,
    });
  const columns = { ...generic.columns };
  for (const [field, column] of Object.entries(map)) columns[field as StatementField] = [column];
  return [{ ...generic, id: 'mapped', label: `bank CSV as ${basename(mapFile)} maps it`, columns }];
}

/**
 * Read a statement file of any known layout into the one line model: find the header below the
 * export's preamble (first 30 rows), tell the layout by its columns, read each row with core's
 * rules, stop at the footer. Quotes inside cells and padded cells are read as they are; what
 * cannot be money or a date is collected with file, row, column, value and rule.
 */
export async function readStatementFile(file: TableSource, options: StatementReadOptions = {}): Promise<StatementRead> {
  const name = sourceName(file);
  const extra = options.map ? mappedLayout(options.map) : [];
  let match: LayoutMatch | undefined;
  let headers: string[] = [];
  let headerRow = 0;
  let seen: { row: number; cells: string[] } | undefined;
  let footer = false;
  let footerRows = 0;
  const lines: StatementRead['lines'] = [];
  const rejections: Rejection[] = [];
  const rejectedRows = new Map<number, string[]>();
  for await (const { row, cells } of readTable(file, { lenient: true })) {
    const filled = cells.map(statementCell).filter((c) => c !== '');
    if (!match) {
      if (filled.length === 0) continue;
      if (!seen || (seen.cells.filter((c) => c.trim()).length < 3 && filled.length >= 3)) seen = { row, cells };
      match = mappedMatch(extra, cells) ?? detectStatementLayout(cells, options.source);
      if (match) {
        headers = cells.map((c) => c.trim());
        headerRow = row;
      } else if (row > 30) break;
      continue;
    }
    if (filled.length === 0) continue;
    const first = filled[0] ?? '';
    if (footer || FOOTER.test(first)) {
      footer = true;
      footerRows += 1;
      continue;
    }
    const read = readStatementRow(match, cells, options);
    if (!read.ok) {
      // A row whose date is not a date, after the table, with no amount that reads: a note.
      const onlyDate = read.issues.every((i) => i.path[0] === 'date');
      if (onlyDate && filled.length <= 2) {
        footer = true;
        footerRows += 1;
        continue;
      }
      for (const issue of read.issues) {
        const index = match.columns[issue.path[0] as StatementField]?.[0];
        rejections.push(issueToRejection(name, row, index === undefined ? '' : (headers[index] ?? ''), issue));
      }
      rejectedRows.set(row, cells);
      continue;
    }
    if (read.value) lines.push({ row, entry: read.value });
  }
  if (!match) {
    const tried = (options.map ? extra : layoutsFor(options.source)).map((l) => l.label).join('; ');
    const header = (seen?.cells ?? []).map((c) => c.trim()).filter(Boolean);
    throw new InputRejected([
      {
        file: name,
        row: seen?.row ?? 1,
        column: '',
        value: header.join(', '),
        rule: 'statement.layout',
        message: `is no statement header I know (looked in the first 30 rows); layouts tried: ${tried}. It needs a date and an amount (金额, or 收入 and 支出); name the columns with --map FILE, e.g. {"date": "记账日", "in": "贷方"}`,
      },
    ]);
  }
  const paired = pairFullRefunds(lines.map((l) => l.entry));
  return {
    layout: match.layout,
    headerRow,
    lines: lines.map((l, i) => ({ row: l.row, entry: paired[i] ?? l.entry })),
    rejections,
    rejectedRows,
    headers,
    footerRows,
  };
}

function mappedMatch(layouts: LayoutMatch['layout'][], cells: string[]): LayoutMatch | undefined {
  for (const layout of layouts) {
    const columns: LayoutMatch['columns'] = {};
    const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();
    for (const [field, names] of Object.entries(layout.columns)) {
      const i = cells.findIndex((c) => names?.some((n) => key(n) === key(c)));
      if (i >= 0) columns[field as StatementField] = [i];
    }
    if (columns.date && (columns.amount || columns.in || columns.out)) return { layout, columns };
  }
  return undefined;
}
