import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { emit, type Format, type Grid, render } from '../output.js';

const STATUS = {
  late: 'late 逾期',
  at_risk: 'at risk 有风险',
  awaiting_purchase: 'awaiting purchase 待采购',
  on_order: 'on order 在途',
  ready: 'ready 可发货',
} as const;

/** `tradeloop report board`: open order lines and what each waits for, problems first. */
export async function reportBoard(o: { format: Format; output?: string; asOf?: string; all?: boolean }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ coordinationBoard }, { formatQuantity }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const today = o.asOf ? dateArg('--as-of', o.asOf) : book.today();
    const order = Object.keys(STATUS);
    const lines = coordinationBoard(book, today)
      .filter((l) => o.all || l.status !== 'ready')
      .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || a.promiseDate.localeCompare(b.promiseDate));
    const grid: Grid = {
      columns: [
        { key: 'status', title: 'Status 状态' },
        { key: 'order', title: 'Order 订单' },
        { key: 'customer', title: 'Customer 客户' },
        { key: 'sku', title: 'SKU 编码' },
        { key: 'promise', title: 'Promised 交期' },
        { key: 'waiting', title: 'Waiting 待到', align: 'right' },
        { key: 'po', title: 'PO 采购单' },
        { key: 'expected', title: 'Expected 预计到货' },
      ],
      rows: lines.map((l) => ({
        status: STATUS[l.status],
        order: l.order,
        customer: l.customer,
        sku: l.sku,
        promise: l.promiseDate,
        waiting: formatQuantity(l.waiting),
        po: l.purchaseOrder ?? l.requisition ?? '',
        expected: l.expected ?? '',
      })),
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report commission`: posted commission statements per run and salesperson. */
export async function reportCommission(o: { format: Format; output?: string; period?: string }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ commissionStatements }, { formatMoney, parsePeriod, TradeloopError }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    let rows = commissionStatements(book);
    if (o.period) {
      const p = parsePeriod(o.period);
      if (!p.ok) throw new TradeloopError('usage.period', `-p ${o.period}: ${p.issues[0]?.message}`);
      rows = rows.filter((r) => r.periodStart >= p.value.start && r.periodEnd <= p.value.end);
    }
    const { precision } = book.settings();
    const m = (n: number) => formatMoney(n, { precision, grouping: o.format === 'table' });
    const grid: Grid = {
      columns: [
        { key: 'run', title: 'Run 批次' },
        { key: 'period', title: 'Period 期间' },
        { key: 'salesperson', title: 'Salesperson 业务员' },
        { key: 'plan', title: 'Plan 方案' },
        { key: 'base', title: 'Base 基数', align: 'right' },
        { key: 'amount', title: 'Commission 提成', align: 'right' },
        { key: 'override', title: 'Override 管理提成', align: 'right' },
        { key: 'total', title: 'Total 合计', align: 'right' },
      ],
      rows: rows.map((r) => ({
        run: r.run,
        period: `${r.periodStart}..${r.periodEnd}`,
        salesperson: r.salesperson,
        plan: r.plan,
        base: m(r.base),
        amount: m(r.amount),
        override: m(r.override),
        total: m(r.total),
      })),
      footer: { run: 'Total 合计', total: m(rows.reduce((s, r) => s + r.total, 0)) },
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report funnel`: opportunities by stage, amount and probability-weighted amount. */
export async function reportFunnel(o: { format: Format; output?: string; salesperson?: string }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ salesFunnel }, { formatMoney }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const rows = salesFunnel(book, o.salesperson);
    const { precision } = book.settings();
    const m = (n: number) => formatMoney(n, { precision, grouping: o.format === 'table' });
    const grid: Grid = {
      columns: [
        { key: 'stage', title: 'Stage 阶段' },
        { key: 'opportunities', title: 'Opportunities 商机', align: 'right' },
        { key: 'amount', title: 'Amount 金额', align: 'right' },
        { key: 'weighted', title: 'Weighted 加权金额', align: 'right' },
      ],
      rows: rows.map((r) => ({
        stage: r.stage,
        opportunities: String(r.opportunities),
        amount: m(r.amount),
        weighted: m(r.weighted),
      })),
      footer: {
        stage: 'Open pipeline 在跟进',
        opportunities: String(
          rows.filter((r) => r.stage !== 'won' && r.stage !== 'lost').reduce((s, r) => s + r.opportunities, 0),
        ),
        amount: m(rows.filter((r) => r.stage !== 'won' && r.stage !== 'lost').reduce((s, r) => s + r.amount, 0)),
        weighted: m(rows.filter((r) => r.stage !== 'won' && r.stage !== 'lost').reduce((s, r) => s + r.weighted, 0)),
      },
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report slow-movers`: stock that has not gone out for N days, longest idle first. */
export async function reportSlowMovers(
  o: { format: Format; output?: string; asOf?: string; days?: string },
  cmd: Command,
) {
  await withBook(cmd, async (book) => {
    const [{ stockActivity }, { formatMoney, formatQuantity, slowMovers }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const today = o.asOf ? dateArg('--as-of', o.asOf) : book.today();
    const rows = slowMovers(stockActivity(book), today, Number(o.days ?? 90));
    const { precision } = book.settings();
    const grid: Grid = {
      columns: [
        { key: 'sku', title: 'SKU 编码' },
        { key: 'name', title: 'Name 名称' },
        { key: 'warehouse', title: 'Warehouse 仓库' },
        { key: 'onHand', title: 'On hand 库存', align: 'right' },
        { key: 'value', title: 'Value 金额', align: 'right' },
        { key: 'idle', title: 'Idle days 呆滞天数', align: 'right' },
      ],
      rows: rows.map((r) => ({
        sku: r.sku,
        name: r.name,
        warehouse: r.warehouse,
        onHand: formatQuantity(r.onHand),
        value: formatMoney(r.value, { precision, grouping: o.format === 'table' }),
        idle: r.idleDays === null ? 'never sold' : String(r.idleDays),
      })),
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report expiry`: batches expiring within N days, and those already expired. */
export async function reportExpiry(o: { format: Format; output?: string; asOf?: string; days?: string }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ expiringStock }, { daysBetween, formatMoney, formatQuantity }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const today = o.asOf ? dateArg('--as-of', o.asOf) : book.today();
    const within = Number(o.days ?? 30);
    const rows = expiringStock(book).filter((l) => daysBetween(today, l.expiry) <= within);
    const { precision } = book.settings();
    const grid: Grid = {
      columns: [
        { key: 'expiry', title: 'Expiry 到期日' },
        { key: 'days', title: 'Days left 剩余天数', align: 'right' },
        { key: 'sku', title: 'SKU 编码' },
        { key: 'warehouse', title: 'Warehouse 仓库' },
        { key: 'batch', title: 'Batch 批次' },
        { key: 'qty', title: 'Qty 数量', align: 'right' },
        { key: 'value', title: 'Value 金额', align: 'right' },
      ],
      rows: rows.map((l) => ({
        expiry: l.expiry,
        days: String(daysBetween(today, l.expiry)),
        sku: l.sku,
        warehouse: l.warehouse,
        batch: l.batch ?? '',
        qty: formatQuantity(l.qty),
        value: formatMoney(l.value, { precision, grouping: o.format === 'table' }),
      })),
    };
    emit(render(grid, o.format), o.output);
  });
}
