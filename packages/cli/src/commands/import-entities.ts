import { type EntityChanges, type ImportOptions, type ReadResult, writeRejects } from '@tradeloop/store';
import type { Command } from 'commander';
import type { z } from 'zod';
import { withBook } from '../book-access.js';
import { formatRejection, InputRejected } from '../cli-error.js';
import { importSchema } from '../import-options.js';
import { opt, parseOptions } from '../options.js';
import { printResult } from '../result.js';

type Opts = z.output<typeof importSchema>;

const openingStockSchema = importSchema.extend({ date: opt.date(), replace: opt.flag() });

const statementSchema = importSchema.extend({
  source: opt.choice(['auto', 'bank', 'wechat', 'alipay']).default('auto'),
  account: opt.text().optional(),
});

function importOptions(o: Opts): ImportOptions {
  return {
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.rejectFile ? { rejectFile: o.rejectFile } : {}),
    ...(o.map ? { map: o.map } : {}),
  };
}

const MONEY_FIELDS = new Set(['creditLimit', 'amount']);

function report<T>(
  file: string,
  o: Opts,
  read: ReadResult<T>,
  what: string,
  extra: Record<string, unknown> = {},
  warnIgnored = true,
  changes?: EntityChanges,
  /** Shows amounts (minor units in the book) as a person writes them, in the sample of changes. */
  money?: (minor: number) => string,
) {
  if (warnIgnored)
    for (const h of read.ignored)
      process.stderr.write(`warning: ${file}: column "${h}" is not a known field; ignored\n`);
  for (const r of read.rejections) process.stderr.write(`skipped: ${formatRejection(r)}\n`);
  const counts = changes
    ? { new: changes.inserted.length, changed: changes.updated.length, unchanged: changes.unchanged }
    : {};
  const summary = {
    file,
    dryRun: Boolean(o.dryRun),
    imported: read.records.length,
    rejected: new Set(read.rejections.map((r) => r.row)).size,
    ...counts,
    ...extra,
  };
  printResult(o.format, summary, () => {
    const lines = [
      `${o.dryRun ? 'would import' : 'imported'} ${file}: ${read.records.length} ${what}` +
        (summary.rejected ? `, ${summary.rejected} rows skipped${o.rejectFile ? ` (see ${o.rejectFile})` : ''}` : '') +
        Object.entries({ ...counts, ...extra })
          .map(([k, v]) => `, ${v} ${k}`)
          .join(''),
    ];
    // A dry run shows a sample of what would change, as `import products` does.
    if (o.dryRun && changes) {
      const show = (field: string, v: unknown) =>
        v === null || v === undefined
          ? '∅'
          : money && typeof v === 'number' && MONEY_FIELDS.has(field)
            ? money(v)
            : String(v);
      for (const u of changes.updated.slice(0, 10))
        lines.push(
          `  ~ ${u.key}  ${u.changes.map((c) => `${c.field}: ${show(c.field, c.before)} → ${show(c.field, c.after)}`).join('; ')}`,
        );
      for (const key of changes.inserted.slice(0, 10)) lines.push(`  + ${key}`);
    }
    return lines.join('\n');
  });
}

/**
 * `tradeloop import <kind> FILE` of master data (customers, contacts, targets, suppliers,
 * salespeople, warehouses): read and applied by the store, as the browser's upload is.
 */
async function importEntities(
  kind: 'customers' | 'contacts' | 'targets' | 'suppliers' | 'salespeople' | 'warehouses',
  what: string,
  file: string,
  raw: unknown,
  cmd: Command,
) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ formatMoney }, { readImportFile }] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const read = await readImportFile(book, kind, file, importOptions(o));
    const changes = read.apply({ dryRun: Boolean(o.dryRun) });
    const { precision } = book.settings();
    report(file, o, read.read, what, {}, true, changes, (n) => formatMoney(n, { precision }));
  });
}

export const importCustomers = (file: string, raw: unknown, cmd: Command) =>
  importEntities('customers', 'customers', file, raw, cmd);
export const importContacts = (file: string, raw: unknown, cmd: Command) =>
  importEntities('contacts', 'contacts', file, raw, cmd);
export const importTargets = (file: string, raw: unknown, cmd: Command) =>
  importEntities('targets', 'targets', file, raw, cmd);
export const importSuppliers = (file: string, raw: unknown, cmd: Command) =>
  importEntities('suppliers', 'suppliers', file, raw, cmd);
export const importSalespeople = (file: string, raw: unknown, cmd: Command) =>
  importEntities('salespeople', 'salespeople', file, raw, cmd);
export const importWarehouses = (file: string, raw: unknown, cmd: Command) =>
  importEntities('warehouses', 'warehouses', file, raw, cmd);

export async function importOpeningStock(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, openingStockSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ formatMoney }, { readOpeningStockFile }] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const read = await readOpeningStockFile(book, file, { ...importOptions(o), date: o.date, replace: o.replace });
    const { result: posted } = read.apply({ dryRun: Boolean(o.dryRun) });
    const value = read.lines.reduce((t, l) => t + l.value, 0);
    report(file, o, read.read, 'stock lines', {
      new: posted.lines,
      unchanged: posted.unchanged,
      ...(o.replace ? { replaced: posted.replaced } : {}),
      value: formatMoney(value, { precision: book.moneyOptions().precision, grouping: true }),
    });
  });
}

export async function importStatement(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, statementSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ statementClass, formatMoney }, { readStatementImport }] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const imported = await readStatementImport(book, file, {
      ...(o.source === 'auto' ? {} : { source: o.source }),
      ...(o.map ? { map: o.map } : {}),
      ...(o.account ? { account: o.account } : {}),
    });
    const read = imported.statement;
    if (read.rejections.length > 0) {
      if (o.rejectFile) writeRejects(o.rejectFile, read.headers, read.rejectedRows, read.rejections);
      if (o.onError !== 'skip') throw new InputRejected(read.rejections);
    }
    const { result: r } = imported.apply({ dryRun: Boolean(o.dryRun) });
    const classes: Record<string, number> = {};
    for (const { entry } of read.lines) {
      const c = statementClass(entry);
      classes[c] = (classes[c] ?? 0) + 1;
    }
    for (const x of read.rejections) process.stderr.write(`skipped: ${formatRejection(x)}\n`);
    const net = read.lines.reduce((sum, l) => sum + l.entry.net, 0);
    const summary = {
      file,
      dryRun: Boolean(o.dryRun),
      layout: read.layout.id,
      lines: read.lines.length,
      added: r.added,
      alreadyImported: r.duplicates,
      rejected: new Set(read.rejections.map((x) => x.row)).size,
      byKind: classes,
      net,
    };
    printResult(o.format, summary, () => {
      const order = [
        'money in',
        'money out',
        'refunds in',
        'refunds out',
        'fees',
        'closed',
        'failed',
        'refunded',
        'internal',
      ];
      const parts = order.filter((k) => classes[k]).map((k) => `${classes[k]} ${k}`);
      return (
        `${o.dryRun ? 'would import' : 'imported'} ${file} (${read.layout.label}): ${read.lines.length} lines, ` +
        `${r.added} new, ${r.duplicates} already imported` +
        (summary.rejected ? `, ${summary.rejected} rows skipped${o.rejectFile ? ` (see ${o.rejectFile})` : ''}` : '') +
        `\n  ${parts.join(', ') || 'no lines'}; net ${formatMoney(net, { grouping: true })}` +
        (classes.closed || classes.failed || classes.refunded || classes.internal
          ? '\n  closed, failed, refunded and internal lines moved no money: kept, never matched'
          : '')
      );
    });
  });
}

export async function importPriceLists(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const { readPriceListFile } = await import('@tradeloop/store');
    const read = await readPriceListFile(book, file, importOptions(o));
    if (read.refused.length > 0) throw new InputRejected(read.refused);
    const { result } = read.apply({ dryRun: Boolean(o.dryRun) });
    report(file, o, read.read, 'prices', { lists: result.lists });
  });
}

export async function importPromotions(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const { readPromotionFile } = await import('@tradeloop/store');
    const read = await readPromotionFile(book, file, importOptions(o));
    if (read.refused.length > 0 && o.onError !== 'skip') throw new InputRejected(read.refused);
    read.apply({ dryRun: Boolean(o.dryRun) });
    report(file, o, read.read, 'promotions');
  });
}

export async function importExpenses(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const { readExpenseFile } = await import('@tradeloop/store');
    const read = await readExpenseFile(book, file, importOptions(o));
    const { result: r } = read.apply({ dryRun: Boolean(o.dryRun) });
    report(file, o, read.read, 'expenses', { booked: r.expenses.length, unchanged: r.unchanged });
  });
}

export async function importCommissionPlans(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const { readCommissionPlanFile } = await import('@tradeloop/store');
    const read = await readCommissionPlanFile(book, file, importOptions(o));
    const { result } = read.apply({ dryRun: Boolean(o.dryRun) });
    report(file, o, read.read, 'bands', { plans: result.plans });
  });
}
