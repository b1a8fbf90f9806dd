import {
  type EntityChanges,
  type FileImportKind,
  type ImportOptions,
  type ReadResult,
  readRecords,
  writeRejects,
} from '@tradeloop/store';
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
  kind: Exclude<FileImportKind, 'products'>,
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
    const [{ openingStockColumns, openingStockRowSchema, lineAmount }, store] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const date = o.date;
    const options = { existing: o.replace ? ('replace' as const) : ('refuse' as const) };
    const money = book.moneyOptions();
    const line = (r: import('@tradeloop/core').OpeningStockRow) => ({
      sku: r.sku,
      warehouse: r.warehouse,
      qty: r.qty,
      value: lineAmount(r.qty, r.unitCost, money.rounding),
      date,
      ...(r.batch ? { batch: r.batch } : {}),
      ...(r.expiry ? { expiry: r.expiry } : {}),
    });
    // The book's rules run on each row as it is read, so a refused line is reported (or skipped
    // with --on-error skip) like any other bad row; the store checks them again when posting.
    const checker = store.openingStockChecker(book, options);
    const specs = openingStockColumns(money);
    const read = await readRecords(file, specs, openingStockRowSchema, 'opening_stock', {
      ...importOptions(o),
      check: (r) => checker.check(line(r), 0).issues.map((i) => ({ ...i, path: i.path.slice(1) })),
    });
    const lines = read.records.map(({ row, value: r }) => ({ ...line(r), row }));
    const write = () => store.postOpeningStock(book, lines, options);
    let posted: import('@tradeloop/store').OpeningStockSummary;
    try {
      posted = o.dryRun ? book.preview(write) : write();
    } catch (error) {
      // What only the whole file shows (a place that moved, stock reserved) comes back by row.
      const issues = (error as { issues?: readonly import('@tradeloop/core').Issue[] }).issues;
      if (!issues?.length || !issues.every((i) => i.code.startsWith('opening_stock.'))) throw error;
      const header = (field: string) => specs.find((c) => String(c.field) === field)?.header ?? field;
      throw new InputRejected(
        issues.map((i) => ({
          file: file.replace(/^.*[\\/]/, ''),
          row: Number(i.path[0]),
          column: header(String(i.path[1] ?? '')),
          value: String(i.value ?? ''),
          rule: i.code,
          message: i.message,
        })),
      );
    }
    const value = lines.reduce((t, l) => t + l.value, 0);
    const { formatMoney } = await import('@tradeloop/core');
    report(file, o, read, 'stock lines', {
      new: posted.lines,
      unchanged: posted.unchanged,
      ...(o.replace ? { replaced: posted.replaced } : {}),
      value: formatMoney(value, { precision: money.precision, grouping: true }),
    });
  });
}

export async function importStatement(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, statementSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ readStatementFile }, { statementClass }, store, settings] = await Promise.all([
      import('../statement-source.js'),
      import('@tradeloop/core'),
      import('@tradeloop/store'),
      book.settings(),
    ]);
    const source = o.source === 'auto' ? undefined : o.source;
    const read = await readStatementFile(file, {
      ...(source ? { source } : {}),
      ...(o.map ? { map: o.map } : {}),
      ...book.moneyOptions(),
      ownNames: [settings.company],
    });
    if (read.rejections.length > 0) {
      if (o.rejectFile) writeRejects(o.rejectFile, read.headers, read.rejectedRows, read.rejections);
      if (o.onError !== 'skip') throw new InputRejected(read.rejections);
    }
    const write = () =>
      store.importStatementLines(
        book,
        read.layout.source,
        read.lines.map(({ row, entry: e }) => ({
          date: e.date,
          amount: e.gross,
          payer: e.counterparty,
          memo: e.memo,
          ...(e.references[0] ? { reference: e.references[0] } : {}),
          references: e.references.slice(1),
          direction: e.direction,
          kind: e.kind,
          fee: e.fee,
          status: e.status,
          ...(e.reason ? { reason: e.reason } : {}),
          counterpartyAccount: e.counterpartyAccount,
          sourceRow: row,
        })),
        { layout: read.layout.id, ...(o.account ? { account: o.account } : {}) },
      );
    const r = o.dryRun ? book.preview(write) : write();
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
    const { formatMoney } = await import('@tradeloop/core');
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
    const [{ priceRowColumns, priceRowSchema, taxModeOf }, store, { InputRejected, issueToRejection }] =
      await Promise.all([import('@tradeloop/core'), import('@tradeloop/store'), import('../cli-error.js')]);
    const read = await readRecords(file, priceRowColumns(book.moneyOptions()), priceRowSchema, 'price', {
      ...importOptions(o),
      keyOf: (p) => `${p.list}|${p.sku}|${p.minQty}`,
      keyField: 'sku',
    });
    const lists = new Map<string, import('@tradeloop/core').PriceList>();
    const rejections: import('../cli-error.js').Rejection[] = [];
    for (const { row, value: r } of read.records) {
      const scope =
        r.scope === 'base'
          ? { kind: 'base' as const }
          : r.scope === 'tier'
            ? { kind: 'tier' as const, tier: r.scopeValue ?? '' }
            : r.scope === 'channel'
              ? { kind: 'channel' as const, channel: r.scopeValue ?? '' }
              : { kind: 'customer' as const, customer: r.scopeValue ?? '' };
      const l = lists.get(r.list) ?? {
        code: r.list,
        scope,
        ...(r.validFrom ? { validFrom: r.validFrom } : {}),
        ...(r.validTo ? { validTo: r.validTo } : {}),
        prices: [],
      };
      // A list's prices all include VAT or none do: the rows that say must agree.
      if (r.taxInclusive !== null) {
        const mode = taxModeOf(r.taxInclusive);
        if (l.taxMode !== undefined && l.taxMode !== mode)
          rejections.push(
            issueToRejection(file.replace(/^.*[\\/]/, ''), row, 'tax_inclusive', {
              code: 'price.tax_mode_mixed',
              path: ['taxInclusive'],
              message: `list ${r.list} already says its prices ${l.taxMode === 'inclusive' ? 'include' : 'exclude'} VAT`,
              value: r.taxInclusive ? 'yes' : 'no',
            }),
          );
        else l.taxMode = mode;
      }
      (l.prices as { sku: string; minQty: number; maxQty?: number; price: number }[]).push({
        sku: r.sku,
        minQty: r.minQty,
        ...(r.maxQty === null ? {} : { maxQty: r.maxQty }),
        price: r.price,
      });
      lists.set(r.list, l);
    }
    if (rejections.length > 0) throw new InputRejected(rejections);
    const write = () => store.upsertMasterData(book, { priceLists: [...lists.values()] });
    if (o.dryRun) book.preview(write);
    else write();
    report(file, o, read, 'prices', { lists: lists.size });
  });
}

export async function importPromotions(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ promotionColumns, promotionRowSchema, promotionFromRow }, store, { InputRejected, issueToRejection }] =
      await Promise.all([import('@tradeloop/core'), import('@tradeloop/store'), import('../cli-error.js')]);
    const read = await readRecords(file, promotionColumns(), promotionRowSchema, 'promotion', {
      ...importOptions(o),
      keyOf: (p) => p.code,
      keyField: 'code',
    });
    const money = book.moneyOptions();
    const rejections: import('../cli-error.js').Rejection[] = [];
    const promotions: import('@tradeloop/core').Promotion[] = [];
    const good: typeof read.records = [];
    for (const { row, value } of read.records) {
      const p = promotionFromRow(value, money);
      if (p.ok) {
        promotions.push(p.value);
        good.push({ row, value });
      } else
        rejections.push(
          ...p.issues.map((i) => issueToRejection(file.replace(/^.*[\\/]/, ''), row, String(i.path[0]), i)),
        );
    }
    if (rejections.length > 0 && o.onError !== 'skip') throw new InputRejected(rejections);
    const write = () => store.upsertMasterData(book, { promotions });
    if (o.dryRun) book.preview(write);
    else write();
    report(file, o, { ...read, records: good, rejections: [...read.rejections, ...rejections] }, 'promotions');
  });
}

export async function importExpenses(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ expenseColumns, expenseRowSchema }, store] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const read = await readRecords(
      file,
      expenseColumns(book.moneyOptions()),
      expenseRowSchema,
      'expense',
      importOptions(o),
    );
    const write = () =>
      store.recordExpenses(
        book,
        read.records.map((r) => r.value),
        { once: true },
      );
    const r = o.dryRun ? book.preview(write) : write();
    report(file, o, read, 'expenses', { booked: r.expenses.length, unchanged: r.unchanged });
  });
}

export async function importCommissionPlans(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, importSchema, raw);
  await withBook(cmd, async (book) => {
    const [{ commissionPlanColumns, commissionPlanRowSchema, commissionPlanRowCheck, commissionPlansFromRows }, store] =
      await Promise.all([import('@tradeloop/core'), import('@tradeloop/store')]);
    const read = await readRecords(
      file,
      commissionPlanColumns(book.moneyOptions()),
      commissionPlanRowSchema,
      'commission_plan',
      { ...importOptions(o), check: commissionPlanRowCheck() },
    );
    const plans = commissionPlansFromRows(read.records.map((r) => r.value));
    const write = () => store.upsertMasterData(book, { commissionPlans: plans });
    if (o.dryRun) book.preview(write);
    else write();
    report(file, o, read, 'bands', { plans: plans.length });
  });
}
