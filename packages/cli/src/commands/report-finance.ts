import type { AgingResult, ProfitRow, TrialBalanceLine } from '@tradeloop/analytics';
import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, reportFields, resolvePeriod, withOptions } from '../options.js';
import { writeChart } from '../output.js';
import { bucketKey, type Report, sumRow, writeReport } from '../report-table.js';

const agingOptions = (c: OptionContext) =>
  z.object({
    ...reportFields(c),
    basis: opt.choice(['due', 'invoice']).default('due'),
    by: opt.choice(['customer', 'salesperson']).default('customer'),
    buckets: opt.buckets().optional(),
    payables: opt.flag(),
  });

/** `tradeloop report aging`: receivables by customer or salesperson and age, as of a date. */
export async function reportAging(raw: unknown, cmd: Command) {
  await withOptions(cmd, agingOptions, raw, async (o, book) => {
    const { arAging, agingChartSpec } = await import('@tradeloop/analytics');
    const r = await arAging(book, {
      asOf: o.asOf,
      payables: o.payables,
      basis: o.basis,
      by: o.by,
      ...(o.buckets ? { buckets: o.buckets } : {}),
    });
    const { precision } = book.settings();
    if (o.chart) {
      await writeChart(agingChartSpec(r, precision), o.chart);
    }
    await writeReport(
      agingTable(r, { by: o.by, payables: o.payables }),
      o,
      precision,
      o.payables ? 'payables aging' : 'aging',
    );
  });
}

const profitOptions = (c: OptionContext) =>
  z.object({ ...reportFields(c), period: opt.text().optional() }).transform(resolvePeriod(c, 'year'));

/** `tradeloop report profit -p PERIOD`: revenue, cost of goods, gross, expenses, commission, net. */
export async function reportProfit(raw: unknown, cmd: Command) {
  await withOptions(cmd, profitOptions, raw, async (o, book) => {
    const { profitByPeriod, profitChartSpec } = await import('@tradeloop/analytics');
    const rows = await profitByPeriod(book, o.period);
    const { precision } = book.settings();
    if (o.chart) {
      await writeChart(profitChartSpec(rows, precision), o.chart);
    }
    await writeReport(profitTable(rows), o, precision, 'profit');
  });
}

const trialBalanceOptions = (c: OptionContext) =>
  z.object({ ...reportFields(c), period: opt.text().optional() }).transform(resolvePeriod(c, undefined));

/** `tradeloop report trial-balance`: debits, credits and balance per account. */
export async function reportTrialBalance(raw: unknown, cmd: Command) {
  await withOptions(cmd, trialBalanceOptions, raw, async (o, book) => {
    const { trialBalanceReport } = await import('@tradeloop/analytics');
    const rows = await trialBalanceReport(book, o.period);
    await writeReport(trialBalanceTable(rows), o, book.settings().precision, 'trial balance');
  });
}

/**
 * Receivables (or payables) per customer, salesperson or supplier and age bucket, with the totals.
 * Bucket keys are snake_case (`not_due`, `days_1_30`, `days_over_120`); titles keep the labels.
 */
export function agingTable(r: AgingResult, o: { by: 'customer' | 'salesperson'; payables: boolean }): Report {
  const party = o.payables ? 'supplier' : o.by;
  const keys = r.columns.map(bucketKey);
  const row = (key: string, a: AgingResult['total']) => ({
    [party]: key,
    ...Object.fromEntries(keys.map((k, i) => [k, a.buckets[i] ?? 0])),
    outstanding: a.outstanding,
    advances: a.advances,
    net: a.net,
  });
  return {
    columns: [
      {
        key: party,
        title: o.payables ? 'Supplier 供应商' : o.by === 'salesperson' ? 'Salesperson 业务员' : 'Customer 客户',
        kind: 'text',
      },
      ...r.columns.map((c, i) => ({
        key: keys[i] as string,
        title: c === 'not due' ? 'Not due 未到期' : c,
        kind: 'money' as const,
      })),
      { key: 'outstanding', title: o.payables ? 'Outstanding 未付' : 'Outstanding 未收', kind: 'money' },
      // Advances are a customer's; a salesperson's receivables are what their customers owe.
      ...(o.by === 'salesperson' && !o.payables
        ? []
        : [
            { key: 'advances', title: o.payables ? 'Prepaid 预付' : 'Advances 预收', kind: 'money' as const },
            { key: 'net', title: 'Net 净额', kind: 'money' as const },
          ]),
    ],
    rows: r.rows.map((x) => row(x.key, x)),
    footer: row(`Total 合计 (as of ${r.asOf})`, r.total),
  };
}

const PROFIT = [
  ['revenue', 'Revenue 收入'],
  ['cogs', 'COGS 成本'],
  ['gross', 'Gross 毛利'],
  ['expenses', 'Expenses 费用'],
  ['commission', 'Commission 提成'],
  ['other_income', 'Other 其他收益'],
  ['net', 'Net 净利'],
] as const;

/** Profit per period; the totals when there is more than one period. */
export function profitTable(rows: readonly ProfitRow[]): Report {
  const table: Report = {
    columns: [
      { key: 'period', title: 'Period 期间', kind: 'text' },
      ...PROFIT.map(([key, title]) => ({ key, title, kind: 'money' as const })),
    ],
    rows: rows.map((r) => ({
      period: r.period,
      revenue: r.revenue,
      cogs: r.cogs,
      gross: r.gross,
      expenses: r.expenses,
      commission: r.commission,
      other_income: r.otherIncome,
      net: r.net,
    })),
  };
  return rows.length > 1
    ? {
        ...table,
        footer: sumRow(
          table,
          PROFIT.map(([k]) => k),
        ),
      }
    : table;
}

/** Debits, credits and balance per account, with the totals (the balance totals zero). */
export function trialBalanceTable(rows: readonly TrialBalanceLine[]): Report {
  const table: Report = {
    columns: [
      { key: 'account', title: 'Account 科目', kind: 'text' },
      { key: 'name', title: 'Name 名称', kind: 'text' },
      { key: 'debit', title: 'Debit 借方', kind: 'money' },
      { key: 'credit', title: 'Credit 贷方', kind: 'money' },
      { key: 'balance', title: 'Balance 余额', kind: 'money' },
    ],
    rows: rows.map((r) => ({
      account: r.account,
      name: `${r.name} ${r.nameZh}`.trim(),
      debit: r.debit,
      credit: r.credit,
      balance: r.balance,
    })),
  };
  return { ...table, footer: sumRow(table, ['debit', 'credit', 'balance']) };
}
