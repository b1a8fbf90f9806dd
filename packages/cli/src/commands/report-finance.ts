import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { emit, type Format, type Grid, render, writeChart } from '../output.js';

type Opts = {
  format: Format;
  output?: string;
  chart?: string;
  payables?: boolean;
  asOf?: string;
  basis?: 'due' | 'invoice';
  by?: 'customer' | 'salesperson';
  period?: string;
  buckets?: string;
};

/** `tradeloop report aging`: receivables by customer or salesperson and age, as of a date. */
export async function reportAging(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ arAging, agingChartSpec }, { formatMoney, TradeloopError }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('@tradeloop/core'),
    ]);
    const asOf = o.asOf ? dateArg('--as-of', o.asOf) : book.today();
    const buckets = o.buckets ? o.buckets.split(',').map((b) => Number(b.trim())) : undefined;
    if (buckets?.some((b) => !Number.isInteger(b) || b <= 0)) {
      throw new TradeloopError('usage.buckets', `--buckets ${o.buckets}: must be whole days, like 30,60,90`);
    }
    const r = await arAging(book, {
      asOf,
      payables: Boolean(o.payables),
      basis: o.basis ?? 'due',
      by: o.by ?? 'customer',
      ...(buckets ? { buckets } : {}),
    });
    const { precision } = book.settings();
    if (o.chart) {
      await writeChart(agingChartSpec(r, precision), o.chart);
    }
    const money = (n: number) => formatMoney(n, { precision, grouping: o.format === 'table' });
    const grid: Grid = {
      columns: [
        {
          key: o.by ?? 'customer',
          title: o.payables ? 'Supplier 供应商' : o.by === 'salesperson' ? 'Salesperson 业务员' : 'Customer 客户',
        },
        ...r.columns.map((c) => ({ key: c, title: c === 'not due' ? 'Not due 未到期' : c, align: 'right' as const })),
        { key: 'outstanding', title: o.payables ? 'Outstanding 未付' : 'Outstanding 未收', align: 'right' },
        ...(o.by === 'salesperson' && !o.payables
          ? []
          : [
              { key: 'advances', title: o.payables ? 'Prepaid 预付' : 'Advances 预收', align: 'right' as const },
              { key: 'net', title: 'Net 净额', align: 'right' as const },
            ]),
      ],
      rows: r.rows.map((row) => ({
        [o.by ?? 'customer']: row.key,
        ...Object.fromEntries(r.columns.map((c, i) => [c, money(row.buckets[i] ?? 0)])),
        outstanding: money(row.outstanding),
        advances: money(row.advances),
        net: money(row.net),
      })),
      footer: {
        [o.by ?? 'customer']: `Total 合计 (as of ${asOf})`,
        ...Object.fromEntries(r.columns.map((c, i) => [c, money(r.total.buckets[i] ?? 0)])),
        outstanding: money(r.total.outstanding),
        advances: money(r.total.advances),
        net: money(r.total.net),
      },
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report profit -p PERIOD`: revenue, cost of goods, gross, expenses, commission, net. */
export async function reportProfit(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ profitByPeriod, profitChartSpec }, { formatMoney, parsePeriod, TradeloopError }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('@tradeloop/core'),
    ]);
    const text = o.period ?? book.today().slice(0, 4);
    const p = parsePeriod(text, { today: o.asOf ? dateArg('--as-of', o.asOf) : book.today() });
    if (!p.ok) throw new TradeloopError('usage.period', `-p ${text}: ${p.issues[0]?.message}`);
    const rows = await profitByPeriod(book, p.value);
    const { precision } = book.settings();
    if (o.chart) {
      await writeChart(profitChartSpec(rows, precision), o.chart);
    }
    const money = (n: number) => formatMoney(n, { precision, grouping: o.format === 'table' });
    const keys = ['revenue', 'cogs', 'gross', 'expenses', 'commission', 'otherIncome', 'net'] as const;
    const titles: Record<(typeof keys)[number], string> = {
      revenue: 'Revenue 收入',
      cogs: 'COGS 成本',
      gross: 'Gross 毛利',
      expenses: 'Expenses 费用',
      commission: 'Commission 提成',
      otherIncome: 'Other 其他收益',
      net: 'Net 净利',
    };
    const sum = (k: (typeof keys)[number]) => rows.reduce((s, r) => s + r[k], 0);
    const grid: Grid = {
      columns: [
        { key: 'period', title: 'Period 期间' },
        ...keys.map((k) => ({ key: k, title: titles[k], align: 'right' as const })),
      ],
      rows: rows.map((r) => ({ period: r.period, ...Object.fromEntries(keys.map((k) => [k, money(r[k])])) })),
      ...(rows.length > 1
        ? { footer: { period: 'Total 合计', ...Object.fromEntries(keys.map((k) => [k, money(sum(k))])) } }
        : {}),
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report trial-balance`: debits, credits and balance per account. */
export async function reportTrialBalance(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ trialBalanceReport }, { formatMoney, parsePeriod, TradeloopError }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('@tradeloop/core'),
    ]);
    let period: { start: string; end: string } | undefined;
    if (o.period) {
      const p = parsePeriod(o.period);
      if (!p.ok) throw new TradeloopError('usage.period', `-p ${o.period}: ${p.issues[0]?.message}`);
      period = p.value;
    }
    const rows = await trialBalanceReport(book, period);
    const { precision } = book.settings();
    const money = (n: number) => formatMoney(n, { precision, grouping: o.format === 'table' });
    const debit = rows.reduce((s, r) => s + r.debit, 0);
    const credit = rows.reduce((s, r) => s + r.credit, 0);
    const grid: Grid = {
      columns: [
        { key: 'account', title: 'Account 科目' },
        { key: 'name', title: 'Name 名称' },
        { key: 'debit', title: 'Debit 借方', align: 'right' },
        { key: 'credit', title: 'Credit 贷方', align: 'right' },
        { key: 'balance', title: 'Balance 余额', align: 'right' },
      ],
      rows: rows.map((r) => ({
        account: r.account,
        name: `${r.name} ${r.nameZh}`.trim(),
        debit: money(r.debit),
        credit: money(r.credit),
        balance: money(r.balance),
      })),
      footer: { account: 'Total 合计', debit: money(debit), credit: money(credit), balance: money(debit - credit) },
    };
    emit(render(grid, o.format), o.output);
  });
}
