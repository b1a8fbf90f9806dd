import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, reportFields, resolvePeriod, withOptions } from '../options.js';
import { type Report, sumRow, writeReport } from '../report-table.js';

const STATUS = {
  late: 'late 逾期',
  at_risk: 'at risk 有风险',
  awaiting_purchase: 'awaiting purchase 待采购',
  on_order: 'on order 在途',
  ready: 'ready 可发货',
} as const;

/** `tradeloop report board`: open order lines and what each waits for, problems first. */
const boardOptions = (c: OptionContext) => z.object({ ...reportFields(c), all: opt.flag() });

export async function reportBoard(raw: unknown, cmd: Command) {
  await withOptions(cmd, boardOptions, raw, async (o, book) => {
    const { coordinationBoard } = await import('@tradeloop/store');
    const today = o.asOf;
    const order = Object.keys(STATUS);
    const lines = coordinationBoard(book, today)
      .filter((l) => o.all || l.status !== 'ready')
      .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.promiseDate.localeCompare(b.promiseDate));
    const table: Report = {
      columns: [
        { key: 'status', title: 'Status 状态', kind: 'text' },
        { key: 'order', title: 'Order 订单', kind: 'text' },
        { key: 'customer', title: 'Customer 客户', kind: 'text' },
        { key: 'sku', title: 'SKU 编码', kind: 'text' },
        { key: 'promise', title: 'Promised 交期', kind: 'text' },
        { key: 'waiting', title: 'Waiting 待到', kind: 'qty' },
        { key: 'po', title: 'PO 采购单', kind: 'text' },
        { key: 'expected', title: 'Expected 预计到货', kind: 'text' },
      ],
      rows: lines.map((l) => ({
        status: STATUS[l.status],
        order: l.order,
        customer: l.customer,
        sku: l.sku,
        promise: l.promiseDate,
        waiting: l.waiting,
        po: l.purchaseOrder ?? l.requisition ?? null,
        expected: l.expected ?? null,
      })),
    };
    await writeReport(table, o, book.settings().precision, 'board');
  });
}

/** `tradeloop report commission`: posted commission statements per run and salesperson. */
const commissionOptions = (c: OptionContext) =>
  z.object({ ...reportFields(c), period: opt.text().optional() }).transform(resolvePeriod(c, undefined));

export async function reportCommission(raw: unknown, cmd: Command) {
  await withOptions(cmd, commissionOptions, raw, async (o, book) => {
    const { commissionStatements } = await import('@tradeloop/store');
    const p = o.period;
    const rows = commissionStatements(book).filter((r) => !p || (r.periodStart >= p.start && r.periodEnd <= p.end));
    const table: Report = {
      columns: [
        { key: 'run', title: 'Run 批次', kind: 'text' },
        { key: 'period', title: 'Period 期间', kind: 'text' },
        { key: 'salesperson', title: 'Salesperson 业务员', kind: 'text' },
        { key: 'plan', title: 'Plan 方案', kind: 'text' },
        { key: 'base', title: 'Base 基数', kind: 'money' },
        { key: 'commission', title: 'Commission 提成', kind: 'money' },
        { key: 'override', title: 'Override 管理提成', kind: 'money' },
        { key: 'total', title: 'Total 合计', kind: 'money' },
      ],
      rows: rows.map((r) => ({
        run: r.run,
        period: `${r.periodStart}..${r.periodEnd}`,
        salesperson: r.salesperson,
        plan: r.plan,
        base: r.base,
        commission: r.amount,
        override: r.override,
        total: r.total,
      })),
    };
    // Bases overlap between a salesperson and their manager; what is paid adds up.
    await writeReport(
      { ...table, footer: sumRow(table, ['commission', 'override', 'total']) },
      o,
      book.settings().precision,
      'commission',
    );
  });
}

/** `tradeloop report funnel`: opportunities by stage, amount and probability-weighted amount. */
const funnelOptions = (c: OptionContext) => z.object({ ...reportFields(c), salesperson: opt.text().optional() });

export async function reportFunnel(raw: unknown, cmd: Command) {
  await withOptions(cmd, funnelOptions, raw, async (o, book) => {
    const { salesFunnel } = await import('@tradeloop/store');
    const rows = salesFunnel(book, o.salesperson);
    const table: Report = {
      columns: [
        { key: 'stage', title: 'Stage 阶段', kind: 'text' },
        { key: 'opportunities', title: 'Opportunities 商机', kind: 'count' },
        { key: 'amount', title: 'Amount 金额', kind: 'money' },
        { key: 'weighted', title: 'Weighted 加权金额', kind: 'money' },
      ],
      rows: rows.map((r) => ({
        stage: r.stage,
        opportunities: r.opportunities,
        amount: r.amount,
        weighted: r.weighted,
      })),
    };
    // The closing row is the open pipeline: won and lost are no longer being followed.
    const open = { ...table, rows: table.rows.filter((r) => r.stage !== 'won' && r.stage !== 'lost') };
    await writeReport(
      { ...table, footer: sumRow(open, ['opportunities', 'amount', 'weighted'], 'Open pipeline 在跟进') },
      o,
      book.settings().precision,
      'funnel',
    );
  });
}

/** `tradeloop report slow-movers`: stock that has not gone out for N days, longest idle first. */
const daysOptions = (c: OptionContext) => z.object({ ...reportFields(c), days: opt.whole(0) });

export async function reportSlowMovers(raw: unknown, cmd: Command) {
  await withOptions(cmd, daysOptions, raw, async (o, book) => {
    const [{ stockActivity }, { slowMovers, seesColumns }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const rows = slowMovers(stockActivity(book), o.asOf, o.days);
    // Values at cost only for a role that sees cost (the store leaves them out for others).
    const cost = seesColumns(book.principal, 'cost');
    const table: Report = {
      columns: [
        { key: 'sku', title: 'SKU 编码', kind: 'text' },
        { key: 'name', title: 'Name 名称', kind: 'text' },
        { key: 'warehouse', title: 'Warehouse 仓库', kind: 'text' },
        { key: 'on_hand', title: 'On hand 库存', kind: 'qty' },
        ...(cost ? [{ key: 'value', title: 'Value 金额', kind: 'money' } as const] : []),
        { key: 'idle_days', title: 'Idle days 呆滞天数', kind: 'days', blank: 'never sold' },
      ],
      rows: rows.map((r) => ({
        sku: r.sku,
        name: r.name,
        warehouse: r.warehouse,
        on_hand: r.onHand,
        value: r.value,
        idle_days: r.idleDays,
      })),
    };
    await writeReport(
      { ...table, footer: sumRow(table, cost ? ['value'] : []) },
      o,
      book.settings().precision,
      'slow movers',
    );
  });
}

/** `tradeloop report expiry`: batches expiring within N days, and those already expired. */
export async function reportExpiry(raw: unknown, cmd: Command) {
  await withOptions(cmd, daysOptions, raw, async (o, book) => {
    const [{ expiringStock }, { daysBetween, seesColumns }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const today = o.asOf;
    const rows = expiringStock(book).filter((l) => daysBetween(today, l.expiry) <= o.days);
    const cost = seesColumns(book.principal, 'cost');
    const table: Report = {
      columns: [
        { key: 'expiry', title: 'Expiry 到期日', kind: 'text' },
        { key: 'days_left', title: 'Days left 剩余天数', kind: 'days' },
        { key: 'sku', title: 'SKU 编码', kind: 'text' },
        { key: 'warehouse', title: 'Warehouse 仓库', kind: 'text' },
        { key: 'batch', title: 'Batch 批次', kind: 'text' },
        { key: 'qty', title: 'Qty 数量', kind: 'qty' },
        ...(cost ? [{ key: 'value', title: 'Value 金额', kind: 'money' } as const] : []),
      ],
      rows: rows.map((l) => ({
        expiry: l.expiry,
        days_left: daysBetween(today, l.expiry),
        sku: l.sku,
        warehouse: l.warehouse,
        batch: l.batch ?? null,
        qty: l.qty,
        value: l.value,
      })),
    };
    await writeReport(
      { ...table, footer: sumRow(table, cost ? ['value'] : []) },
      o,
      book.settings().precision,
      'expiry',
    );
  });
}
