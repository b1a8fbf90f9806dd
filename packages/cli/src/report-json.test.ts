import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leafCommands } from './help-examples.js';
import { createProgram } from './program.js';
import { bookAt, smallDemoBook, tradeloopInProcess, useTempDir, writeBook } from './test-support.js';

const tempDir = useTempDir();

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** What each kind of value looks like in JSON, at a precision of three decimals. */
const SHAPES: Record<string, (v: unknown) => boolean> = {
  money: (v) => typeof v === 'string' && /^-?\d+\.\d{3}$/.test(v),
  qty: (v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v),
  percent: (v) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v),
  ratio: (v) => typeof v === 'string' && /^-?\d+\.\d{2}$/.test(v),
  count: (v) => Number.isSafeInteger(v),
  days: (v) => Number.isSafeInteger(v),
  text: (v) => typeof v === 'string',
};

interface ReportJson {
  columns: { key: string; title: string; kind: string }[];
  rows: Record<string, unknown>[];
  totals?: Record<string, unknown>;
}

/** A small book that has traded a little: an order placed, shipped, invoiced and part paid. */
async function tradedBook(): Promise<string> {
  const db = bookAt(tempDir(), 'co.db');
  smallDemoBook(db);
  const t = async (...args: string[]) => {
    const r = await tradeloopInProcess([...args, '--db', db]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };
  await t('place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--date', '2026-10-12', '--line', 'TEA-001:3');
  await t('approve', 'order', 'SO-2026-000001');
  await t('ship', 'order', 'SO-2026-000001', '--date', '2026-10-13');
  await t('invoice', 'order', 'SO-2026-000001', '--date', '2026-10-14');
  // A currency kept to three decimals (as the dinar is): nothing may assume two.
  writeBook(
    db,
    "insert into settings (key, value) values ('precision', '3') on conflict (key) do update set value = excluded.value",
  );
  return db;
}

describe('reports as JSON', () => {
  it('every report: snake_case keys, amounts as plain decimals at the book precision, totals apart', async () => {
    const db = await tradedBook();
    const reports = leafCommands(createProgram())
      .filter(([path]) => path.startsWith('report '))
      .map(([path, command]) => {
        const has = (flag: string) => command.options.some((o) => o.long === flag);
        return [
          ...path.split(' '),
          ...(has('--as-of') ? ['--as-of', '2026-11-20'] : []),
          ...(has('--period') ? ['-p', '2026'] : []),
        ];
      });
    expect(reports.length).toBeGreaterThan(25);
    const runs = [
      ...reports,
      ['report', 'top', '--by', 'sku', '-p', '2026'],
      ['report', 'aging', '--payables', '--as-of', '2026-11-20'],
      ['query', '--measures', 'net,margin,margin_pct,orders', '--by', 'region', '-p', '2026'],
      ['export', 'list', 'invoices'],
      ['export', 'list', 'stock'],
    ];
    const totalled: string[] = [];
    let figures = 0;
    for (const args of runs) {
      const name = args.slice(0, 2).join(' ');
      const r = await tradeloopInProcess([...args, '--format', 'json', '--db', db]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      const json = JSON.parse(r.stdout) as ReportJson;
      expect(
        Object.keys(json).filter((k) => !['columns', 'rows', 'totals'].includes(k)),
        name,
      ).toEqual([]);
      const kinds = new Map(json.columns.map((c) => [c.key, c.kind]));
      for (const c of json.columns) expect(c.key, name).toMatch(SNAKE);
      for (const row of [...json.rows, ...(json.totals ? [json.totals] : [])]) {
        for (const [key, value] of Object.entries(row)) {
          expect(key, name).toMatch(SNAKE);
          const kind = kinds.get(key) ?? 'missing';
          if (value === null) continue;
          expect(SHAPES[kind]?.(value), `${name}: ${key} (${kind}) = ${JSON.stringify(value)}`).toBe(true);
          if (kind === 'money') figures++;
        }
      }
      if (json.totals) {
        totalled.push(name);
        expect(
          Object.values(json.totals).every((v) => v === null || typeof v !== 'string' || !/[a-zA-Z]/.test(v)),
          name,
        ).toBe(true);
      }
    }
    // The reports carry money, and those with a closing row carry it as totals.
    expect(figures).toBeGreaterThan(100);
    expect(totalled).toEqual(expect.arrayContaining(['report aging', 'report sales', 'report trial-balance']));

    // The same amount reads grouped in a table and plain in JSON.
    const table = await tradeloopInProcess(['report', 'stock', '--db', db]);
    const json = JSON.parse((await tradeloopInProcess(['report', 'stock', '--format', 'json', '--db', db])).stdout);
    const value = String((json as ReportJson).totals?.value);
    expect(value).toMatch(/^\d{4,}\.\d{3}$/);
    expect(table.stdout).toContain(` ${value.replace(/\B(?=(\d{3})+\.)/g, ',')} │`);
  }, 120_000);
});

describe('reports as workbooks', () => {
  it('writes typed cells with the totals row in bold, and wants a file', async () => {
    const db = await tradedBook();
    const file = join(tempDir(), 'stock.xlsx');
    const r = await tradeloopInProcess(['report', 'stock', '--format', 'xlsx', '-o', file, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`wrote ${file}: stock, 2 rows\n`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([
      undefined,
      'Warehouse 仓库',
      'On hand 库存',
      'Reserved 已预留',
      'Value 金额',
    ]);
    const json = JSON.parse((await tradeloopInProcess(['report', 'stock', '--format', 'json', '--db', db])).stdout);
    expect(ws?.getCell('D2').value).toBe(Number(json.rows[0].value));
    expect(ws?.getCell('D2').numFmt).toBe('#,##0.000');
    expect(ws?.getCell('D4').value).toBe(Number(json.totals.value));
    expect(ws?.getRow(4).font?.bold).toBe(true);
    const stdout = await tradeloopInProcess(['report', 'stock', '--format', 'xlsx', '--db', db]);
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toContain('an XLSX file needs -o FILE.xlsx [usage.output]');
  }, 60_000);
});

describe('run jobs', () => {
  it('say what they did in a few lines on a terminal, and in one JSON line with --format json', async () => {
    const db = await tradedBook();
    const text = await tradeloopInProcess(['run', 'alerts', '--today', '2026-11-21', '--db', db]);
    expect(text.code, text.stderr).toBe(0);
    expect(() => JSON.parse(text.stdout)).toThrow();
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^alerts for 2026-11-21: \d+ open$/);
    expect(lines.length).toBeLessThan(12);
    expect(text.stdout).toMatch(/^ {2}slow_mover +\d+ {2}e\.g\. /m);
    const json = await tradeloopInProcess(['run', 'alerts', '--today', '2026-11-21', '--format', 'json', '--db', db]);
    expect(json.stdout.trimEnd().split('\n')).toHaveLength(1);
    const summary = JSON.parse(json.stdout) as { job: string; today: string; alerts: { kind: string }[] };
    expect(summary).toMatchObject({ job: 'alerts', today: '2026-11-21' });
    expect(lines[0]).toBe(`alerts for 2026-11-21: ${summary.alerts.length} open`);
  }, 60_000);
});
