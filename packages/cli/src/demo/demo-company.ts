import { addDays, daysBetween, type IsoDate, type Promotion, splitPeriod, TradeloopError } from '@tradeloop/core';
import * as store from '@tradeloop/store';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Book = store.Book;

export interface DemoOptions {
  /** Same seed, same company, to the last fen. */
  seed?: number;
  /** Multiplies customers and daily orders; 1 is a small trader. */
  scale?: number;
  /** Lines of completed sales history before `start`, through the bulk path (for benchmarks). */
  history?: number;
  /** History runs from `start` to `end`, both included. */
  start?: IsoDate;
  end?: IsoDate;
  log?: (line: string) => void;
  /** Called every simulated day with the days done and the days in all. */
  progress?: (done: number, total: number) => void;
  /** Called as history lines are posted. */
  historyProgress?: (lines: number) => void;
}

export interface DemoSummary {
  days: number;
  customers: number;
  orders: number;
  invoices: number;
  purchaseOrders: number;
  /** Lines of bulk sales history before the live years. */
  historyLines: number;
  refused: Record<string, number>;
}

const SUPPLIERS = [
  { code: 'S01', name: '福建安溪茶业有限公司', grade: 'A' as const, paymentDays: 30, categories: ['饮料/茶叶'] },
  {
    code: 'S02',
    name: '云南普洱咖啡贸易有限公司',
    grade: 'B' as const,
    paymentDays: 45,
    categories: ['饮料/咖啡', '饮料/饮用水'],
  },
  {
    code: 'S03',
    name: '华南食品供应链有限公司',
    grade: 'B' as const,
    paymentDays: 30,
    categories: ['食品/零食', '食品/粮油', '食品/调味品'],
  },
  {
    code: 'S04',
    name: 'Hengda Household Supplies Co., Ltd.',
    grade: 'C' as const,
    paymentDays: 60,
    categories: ['日用品/清洁', '日用品/纸品'],
  },
  {
    code: 'S05',
    name: '金辉办公设备有限公司',
    grade: 'A' as const,
    paymentDays: 30,
    categories: ['办公用品/文具', '办公用品/设备', '礼品/节日礼盒', '礼品/茶具'],
  },
];

const REGIONS = ['华东 East', '华南 South', '华北 North', '西南 Southwest', '华中 Central'];
const CONTACT_NAMES = [
  '张伟',
  '王芳',
  '李静',
  '刘洋',
  '陈敏',
  '杨帆',
  '黄磊',
  '赵丽',
  '周婷',
  '吴刚',
  'Emily Chen',
  'David Liu',
];

const CUSTOMER_NAMES = [
  '华东贸易有限公司',
  '南方食品商行',
  '北京盛世商贸有限公司',
  'Bright Star Trading Co., Ltd.',
  '杭州西湖茶庄',
  '深圳佳禾超市',
  '成都川味调料批发部',
  '上海静安办公用品店',
  '广州白云便利连锁',
  '苏州园区员工食堂',
  '武汉江城贸易',
  '南京金陵礼品公司',
  'Golden Harbor Imports Ltd.',
  '厦门鹭岛咖啡馆',
  '青岛海滨酒店',
  '天津港口物流有限公司',
  '重庆山城火锅店',
  '西安古城茶社',
  '长沙湘江商贸',
  '郑州中原超市',
  '宁波甬江贸易',
  '合肥科技园行政部',
  '福州闽江茶行',
  '昆明春城咖啡',
  '哈尔滨冰城商贸',
  '沈阳盛京百货',
  '济南泉城便利店',
  '石家庄燕赵批发',
  '太原晋商贸易',
  '南宁绿城超市',
  'Pacific Rim Foods Inc.',
  '贵阳筑城茶业',
  '兰州丝路贸易',
  '海口椰城酒店',
  '乌鲁木齐天山商贸',
  '呼和浩特草原乳品店',
  '银川塞上商行',
  '西宁高原贸易',
  '拉萨雪域茶馆',
  '珠海横琴贸易',
];

/** Food and tea are batch- and expiry-tracked in the demo. */
const isTracked = (category: string) => category.startsWith('食品') || category === '饮料/茶叶';

class Dice {
  readonly #rng: ReturnType<typeof xoroshiro128plus>;
  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed);
  }
  int(from: number, to: number): number {
    return uniformInt(this.#rng, from, to);
  }
  chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)] as T;
  }
}

/**
 * A realistic trading company, built through the real commands from a seed: suppliers, a sales
 * team in three levels with commission plans, customers in tiers, channels and the public pool,
 * price lists and promotions, two warehouses, opening stock, then day by day orders, approvals,
 * purchase orders from shortfalls, receipts, shipments, invoices, bank and WeChat Pay payments
 * (some late, some overdue), supplier invoices and payments, monthly commission, a stock count and
 * returns. The catalog must already be in the book.
 */
export async function buildDemoCompany(book: Book, options: DemoOptions = {}): Promise<DemoSummary> {
  const dice = new Dice(options.seed ?? 42);
  const scale = options.scale ?? 1;
  const start = options.start ?? '2024-12-01';
  const end = options.end ?? '2026-11-20';
  const log = options.log ?? (() => {});
  const refused: Record<string, number> = {};
  const attempt = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof TradeloopError && error.code === 'command.rejected') {
        refused[what] = (refused[what] ?? 0) + 1;
        return undefined;
      }
      throw error;
    }
  };

  const products = store.listProducts(book);
  // Demand spreads over the whole catalog: stock and order sizes per product shrink with its
  // size (they were set for a catalog of about fifty), so that stock turns as a trader's does.
  const perProduct = (qty: number, least = 1) =>
    Math.max(least, Math.round((qty * Math.min(50, products.length)) / Math.max(50, products.length)));
  const customers = Array.from({ length: Math.max(4, Math.round(40 * scale)) }, (_, i) => {
    const base = CUSTOMER_NAMES[i % CUSTOMER_NAMES.length] as string;
    const tier = i % 5 === 0 ? 'VIP' : i % 3 === 0 ? 'wholesale' : 'retail';
    return {
      code: `C${String(i + 1).padStart(3, '0')}`,
      name: i < CUSTOMER_NAMES.length ? base : `${base} ${Math.floor(i / CUSTOMER_NAMES.length) + 1}号店`,
      tier,
      channel: i % 4 === 1 ? 'online' : tier === 'wholesale' ? 'wholesale' : 'retail',
      region: REGIONS[Math.floor(i / 2) % REGIONS.length] as string,
      terms: i % 6 === 5 ? ('prepaid' as const) : ('credit' as const),
      creditLimit: tier === 'VIP' ? 20_000_000 : tier === 'wholesale' ? 10_000_000 : 3_000_000,
      paymentDays: tier === 'retail' ? 15 : 30,
      owner: i % 7 === 6 ? null : (['lin', 'chen', 'zhou', 'li', 'zhao'][i % 5] as string),
      phone: `0${20 + (i % 70)}-${String(80_000_000 + i * 7_919).slice(0, 8)}`,
    };
  });

  store.upsertMasterData(book, {
    warehouses: [
      { code: 'WH1', name: '华东主仓 East main', type: 'main', bins: ['A-01', 'A-02', 'A-03', 'B-01', 'B-02'] },
      { code: 'WH2', name: '华南分仓 South branch', type: 'branch', bins: ['S-01', 'S-02'] },
    ],
    suppliers: SUPPLIERS.map(({ categories: _c, ...s }) => s),
    salespeople: [
      { code: 'wang', name: '王强', level: 'manager', maxDiscount: 2_000 },
      { code: 'li', name: '李娜', level: 'senior', manager: 'wang', maxDiscount: 1_500 },
      { code: 'zhao', name: '赵磊', level: 'senior', manager: 'wang', maxDiscount: 1_500 },
      { code: 'lin', name: '林晓', level: 'junior', manager: 'li', maxDiscount: 800 },
      { code: 'chen', name: '陈静', level: 'junior', manager: 'li', maxDiscount: 800 },
      { code: 'zhou', name: '周杰', level: 'junior', manager: 'zhao', maxDiscount: 800 },
    ],
    users: [
      { name: 'wang', roles: ['sales_manager', 'accountant', 'purchasing'], salesperson: 'wang' },
      { name: 'li', roles: ['sales_manager'], salesperson: 'li' },
      { name: 'zhao', roles: ['sales_manager'], salesperson: 'zhao' },
      { name: 'lin', roles: ['salesperson'], salesperson: 'lin' },
      { name: 'chen', roles: ['salesperson'], salesperson: 'chen' },
      { name: 'zhou', roles: ['salesperson'], salesperson: 'zhou' },
    ],
    customers,
    contacts: customers.flatMap((c, i) => {
      const person = CONTACT_NAMES[i % CONTACT_NAMES.length] as string;
      const first = {
        customer: c.code,
        name: person,
        title: i % 3 === 0 ? '采购经理' : '老板',
        phone: `1${38 + (i % 12)}${String(10_000_000 + i * 104_729).slice(0, 8)}`,
        wechat: `wx_${c.code.toLowerCase()}`,
      };
      const accounts = {
        customer: c.code,
        name: `${person.slice(0, 1)}会计`,
        title: '财务',
        email: `ap.${c.code.toLowerCase()}@example.cn`,
      };
      return c.tier === 'VIP' ? [first, accounts] : [first];
    }),
    // Monthly net sales targets: seniors and the manager higher, 2026 up a tenth on 2025.
    targets: ['wang', 'li', 'zhao', 'lin', 'chen', 'zhou'].flatMap((salesperson) =>
      splitPeriod({ start, end: addDays(end, 1), label: '' }, 'monthly').map(({ start: first }) => ({
        month: first.slice(0, 7),
        salesperson,
        amount: ['lin', 'chen', 'zhou'].includes(salesperson)
          ? first >= '2026'
            ? 1_100_000
            : 1_000_000
          : first >= '2026'
            ? 1_320_000
            : 1_200_000,
      })),
    ),
    products: products.map((p, i) => {
      const supplier = SUPPLIERS.find((s) => s.categories.includes(p.category)) ?? SUPPLIERS[0];
      const tracked = isTracked(p.category);
      return {
        sku: p.sku,
        preferredSupplier: supplier?.code ?? 'S01',
        floorPrice: Math.round(p.cost * 1.05),
        packSize: p.price > 20_000 ? 1_000 : 6_000,
        moq: p.price > 20_000 ? 1_000 : perProduct(12) * 1000,
        leadTimeDays: 3 + (i % 8),
        reorderQty: (p.price > 20_000 ? perProduct(5) : perProduct(24)) * 1000,
        expiryTracked: tracked,
        batchTracked: tracked,
        exclusiveChannels: i % 17 === 16 ? ['online'] : null,
      };
    }),
    commissionPlans: [
      { level: 'junior', code: 'JR-FLAT-3', base: 'net_sales', scheme: { kind: 'flat', rate: 300 } },
      {
        level: 'senior',
        code: 'SR-MARGIN',
        base: 'gross_margin',
        scheme: {
          kind: 'marginal',
          bands: [
            { from: 0, rate: 500 },
            { from: 2_000_000, rate: 800 },
            { from: 5_000_000, rate: 1_200 },
          ],
        },
      },
      { level: 'manager', code: 'MGR', base: 'net_sales', scheme: { kind: 'flat', rate: 100 }, managerOverride: 50 },
    ],
    priceLists: [
      {
        code: 'BASE',
        scope: { kind: 'base' },
        prices: products.map((p) => ({ sku: p.sku, minQty: 0, price: p.price })),
      },
      {
        code: 'VIP',
        scope: { kind: 'tier', tier: 'VIP' },
        prices: products.map((p) => ({ sku: p.sku, minQty: 0, price: Math.round(p.price * 0.92) })),
      },
      {
        code: 'WHOLESALE',
        scope: { kind: 'tier', tier: 'wholesale' },
        prices: products.flatMap((p) => [
          { sku: p.sku, minQty: 0, price: Math.round(p.price * 0.9) },
          { sku: p.sku, minQty: 20_000, price: Math.round(p.price * 0.86) },
        ]),
      },
      {
        code: 'ONLINE',
        scope: { kind: 'channel', channel: 'online' },
        prices: products
          .filter((_, i) => i % 3 === 0)
          .map((p) => ({ sku: p.sku, minQty: 0, price: Math.round(p.price * 0.95) })),
      },
      {
        code: 'C001-SPECIAL',
        scope: { kind: 'customer', customer: 'C001' },
        validFrom: '2025-01-01',
        prices: products.slice(0, 6).map((p) => ({ sku: p.sku, minQty: 0, price: Math.round(p.price * 0.88) })),
      },
    ],
    promotions: [2025, 2026].flatMap((y): Promotion[] => [
      {
        code: `SPRING-${y}`,
        kind: 'percent',
        value: 1_000,
        validFrom: `${y}-01-10`,
        validTo: `${y}-02-15`,
        applies: { categories: ['礼品'] },
      },
      {
        code: `618-${y}`,
        kind: 'percent',
        value: 500,
        validFrom: `${y}-06-01`,
        validTo: `${y}-06-18`,
        applies: { channels: ['online'] },
      },
      {
        code: `AUTUMN-${y}`,
        kind: 'amount_off',
        value: 2_000,
        validFrom: `${y}-09-01`,
        validTo: `${y}-09-30`,
        applies: { categories: ['礼品/节日礼盒'] },
      },
    ]),
  });
  log(`master data: ${customers.length} customers, ${SUPPLIERS.length} suppliers, 6 salespeople`);

  let historyLines = 0;
  if (options.history && options.history > 0) {
    const { postDemoHistory } = await import('./demo-history.js');
    const history = await postDemoHistory(book, {
      lines: options.history,
      seed: options.seed ?? 42,
      end: addDays(start, -2),
      customers: customers.map((c) => c.code),
      skus: products.filter((p) => !isTracked(p.category)),
      ...(options.historyProgress ? { onProgress: options.historyProgress } : {}),
    });
    log(`sales history: ${history.lines} lines in ${history.orders} orders before ${start}`);
    historyLines = history.lines;
  }

  const opening = addDays(start, -1);
  store.postOpeningStock(
    book,
    products.flatMap((p, i) => {
      const qty = perProduct(p.price > 20_000 ? 3 : 30 + (i % 5) * 10, 2) * 1000;
      const lots = [{ sku: p.sku, warehouse: 'WH1', qty, value: Math.round((qty * p.cost) / 1000), date: opening }];
      if (i % 3 === 0)
        lots.push({
          sku: p.sku,
          warehouse: 'WH2',
          qty: qty / 2,
          value: Math.round((qty * p.cost) / 2000),
          date: opening,
        });
      return lots;
    }),
    // On top of what the bulk history brought in before, when it ran.
    { existing: 'add' },
  );

  const summary: DemoSummary = {
    days: 0,
    customers: customers.length,
    orders: 0,
    invoices: 0,
    purchaseOrders: 0,
    historyLines,
    refused,
  };
  const pendingPayments: {
    due: IsoDate;
    invoice: string;
    customer: string;
    name: string;
    amount: number;
    wechat: boolean;
  }[] = [];
  // One stock count, on the first working day three quarters of the way through.
  const countDay = addDays(start, Math.floor(daysBetween(start, end) * 0.75));
  let counted = false;
  const totalDays = daysBetween(start, end) + 1;
  const sellable = products.filter((p) => p.listed);

  for (let day = start; day <= end; day = addDays(day, 1)) {
    summary.days += 1;
    options.progress?.(summary.days, totalDays);
    // Let the progress display draw now and then: the simulation itself is synchronous.
    if (options.progress && summary.days % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (day.endsWith('-01')) {
      const month = addDays(day, -1).slice(0, 7);
      if (month >= start.slice(0, 7)) {
        const period = { start: `${month}-01`, end: day };
        if (period.start < start) period.start = start;
        attempt('commission', () => store.postCommission(book, period));
      }
    }
    if (weekday === 0) continue; // Sundays off

    // Orders of the day.
    const orders = Math.max(0, Math.round(scale * dice.int(0, 4)));
    for (let k = 0; k < orders; k++) {
      const c = dice.pick(customers);
      const lines = Array.from({ length: dice.int(1, 3) }, () => {
        const p = dice.pick(sellable);
        const big = c.tier === 'wholesale' ? dice.int(10, 40) : dice.int(1, 12);
        return { sku: p.sku, qty: (p.price > 20_000 ? Math.max(1, Math.floor(big / 8)) : big) * 1000 };
      });
      const unique = [...new Map(lines.map((l) => [l.sku, l])).values()];
      const warehouse = c.channel === 'online' || dice.chance(15) ? 'WH2' : 'WH1';
      const placed = attempt('place', () =>
        store.placeSalesOrder(book, {
          customer: c.code,
          warehouse,
          date: day,
          promiseDate: addDays(day, dice.int(3, 10)),
          ...(c.owner ? {} : { salesperson: 'wang' }),
          lines: unique,
        }),
      );
      if (!placed) continue;
      summary.orders += 1;
      // The seller confirms an order within their authority; beyond it, the sales manager does,
      // and the owner when the order is the manager's own.
      const seller = c.owner ?? 'wang';
      const approver = placed.needs.length === 0 ? seller : seller === 'wang' ? undefined : 'wang';
      if (placed.needs.some((n) => n.code === 'order.over_credit') && dice.chance(30)) {
        attempt('cancel', () => store.cancelSalesOrder(book, placed.number));
        continue;
      }
      attempt('approve', () => store.approveSalesOrder(book, placed.number, approver));
    }

    // Prepaid orders get paid the next working day.
    for (const o of book.exec.select<{ number: string; due: number }>(
      // Each day's queries name the open orders' partial index, so the days after a million lines
      // of history cost what the first days did.
      `select number, gross_minor - paid_minor as due from sales_orders
       where status = 'awaiting_payment' and status not in ('completed', 'cancelled') and order_date < ?`,
      day,
    )) {
      attempt('prepay', () => store.recordSalesOrderPayment(book, o.number, { date: day, amount: o.due }));
    }

    // Purchasing: shortfalls become POs; managers approve big ones; goods arrive when expected.
    const pos = attempt('purchase', () => store.createPurchaseOrders(book, { date: day }));
    summary.purchaseOrders += pos?.orders.length ?? 0;
    for (const po of book.exec.select<{ number: string }>(
      "select number from purchase_orders where status = 'pending_approval'",
    )) {
      attempt('approvePo', () => store.approvePurchaseOrder(book, po.number, 'wang'));
    }
    for (const po of book.exec.select<{ id: number; number: string }>(
      "select id, number from purchase_orders where status in ('ordered', 'partially_received') and expected_date <= ?",
      day,
    )) {
      const lines = book.exec.select<{ line_no: number; qty: number; received_qty: number; expiry_tracked: number }>(
        'select l.line_no, l.qty, l.received_qty, p.expiry_tracked from purchase_order_lines l join products p on p.id = l.product_id where l.po_id = ?',
        po.id,
      );
      attempt('receive', () =>
        store.receivePurchaseOrder(book, po.number, {
          date: day,
          lines: lines
            .filter((l) => l.qty > l.received_qty)
            .map((l) => ({
              lineNo: l.line_no,
              qty: l.qty - l.received_qty,
              ...(l.expiry_tracked
                ? { batch: `L${day.replaceAll('-', '').slice(2)}`, expiry: addDays(day, 180 + dice.int(0, 180)) }
                : {}),
            })),
        }),
      );
    }
    for (const po of book.exec.select<{ number: string }>(
      `select distinct o.number from purchase_orders o join purchase_order_lines l on l.po_id = o.id
       join receipts r on r.po_id = o.id where l.received_qty > l.invoiced_qty and r.date <= ?`,
      addDays(day, -2),
    )) {
      attempt('supplierInvoice', () =>
        store.recordSupplierInvoice(book, {
          po: po.number,
          date: day,
          vatKind: dice.chance(90) ? 'special' : 'normal',
        }),
      );
    }
    for (const s of book.exec.select<{ code: string; due: number | null }>(
      `select s.code, (select sum(i.open_minor) from invoices i where i.supplier_id = s.id and i.due_date <= ?) as due
       from suppliers s order by s.code`,
      day,
    )) {
      const due = s.due ?? 0;
      if (due > 0)
        attempt('paySupplier', () => {
          const paid = store.paySupplier(book, { supplier: s.code, date: day, amount: due });
          // A large payment waits for the accountant, who approves it the same day.
          if ('request' in paid) store.approveSupplierPayment(book, paid.request, 'wang');
        });
    }

    // Ship what is reserved (a day or two after approval), then invoice it.
    for (const o of book.exec.select<{ number: string }>(
      `select distinct o.number from sales_orders o join sales_order_lines l on l.order_id = o.id
       where o.status in ('awaiting_shipment', 'partially_shipped') and o.status not in ('completed', 'cancelled')
         and l.reserved_qty > 0 and o.order_date <= ?`,
      addDays(day, -dice.int(0, 2)),
    )) {
      const shipped = attempt('ship', () =>
        store.shipSalesOrder(book, o.number, {
          date: day,
          carrier: dice.pick(['顺丰', '中通', '京东物流', 'DHL']),
          trackingNumber: `T${day.replaceAll('-', '')}${dice.int(10_000, 99_999)}`,
        }),
      );
      if (!shipped) continue;
      const inv = attempt('invoice', () =>
        store.invoiceSalesOrder(book, o.number, { date: day, vatKind: dice.chance(40) ? 'special' : 'normal' }),
      );
      if (!inv) continue;
      summary.invoices += 1;
      const c = book.exec.selectOne<{ code: string; name: string; terms: string; due_date: string }>(
        'select c.code, c.name, c.terms, i.due_date from invoices i join customers c on c.id = i.customer_id where i.number = ?',
        inv.invoice,
      );
      if (!c || c.terms === 'prepaid') continue;
      // Most pay around the due date, some late, a few not at all (overdue in the aging).
      const roll = dice.int(1, 100);
      if (roll <= 5) continue;
      const delay = roll <= 75 ? dice.int(-10, 3) : dice.int(10, 60);
      pendingPayments.push({
        due: addDays(c.due_date, delay),
        invoice: inv.invoice,
        customer: c.code,
        name: c.name,
        amount: inv.gross,
        wechat: dice.chance(25),
      });
    }

    // Occasional returns of something invoiced last week.
    if (dice.chance(3)) {
      const line = book.exec.selectOne<{ number: string; line_no: number; invoiced_qty: number; returned_qty: number }>(
        `select o.number, l.line_no, l.invoiced_qty, l.returned_qty from sales_order_lines l join sales_orders o on o.id = l.order_id
         where l.invoiced_qty > l.returned_qty and o.order_date between ? and ? order by l.id limit 1`,
        addDays(day, -10),
        addDays(day, -5),
      );
      if (line)
        attempt('return', () =>
          store.returnSalesOrder(book, line.number, {
            date: day,
            lines: [{ lineNo: line.line_no, qty: Math.min(1000, line.invoiced_qty - line.returned_qty) }],
          }),
        );
    }

    // Customer money arrives on bank and WeChat Pay statements, imported every Saturday and matched.
    if (weekday === 6) {
      const due = pendingPayments.filter((p) => p.due <= day);
      if (due.length > 0) {
        for (const source of ['bank', 'wechat'] as const) {
          const lines = due
            .filter((p) => (source === 'wechat') === p.wechat)
            .map((p) => ({
              date: [p.due, addDays(day, -6)].sort()[1] as string,
              amount: p.amount,
              payer: p.name,
              memo: dice.chance(60) ? `货款 ${p.invoice}` : '货款',
            }));
          if (lines.length > 0) store.importStatementLines(book, source, lines);
        }
        for (const p of due) pendingPayments.splice(pendingPayments.indexOf(p), 1);
        attempt('match', () => store.autoMatchStatement(book));
      }
    }

    if (weekday === 1) attempt('reorder', () => store.runReorder(book, { today: day }));
    if (!counted && day >= countDay) {
      counted = true;
      const count = attempt('count', () => store.startStockCount(book, { warehouse: 'WH1', date: day }));
      if (count) {
        const lines = book.exec.select<{ sku: string; book_qty: number }>(
          'select p.sku, l.book_qty from stock_count_lines l join products p on p.id = l.product_id join stock_counts c on c.id = l.count_id where c.number = ?',
          count.count,
        );
        store.enterStockCount(
          book,
          count.count,
          lines.map((l, i) => ({
            sku: l.sku,
            qty: i % 11 === 3 ? Math.max(0, l.book_qty - 1000) : i % 13 === 5 ? l.book_qty + 1000 : l.book_qty,
          })),
        );
        attempt('postCount', () => store.postStockCount(book, count.count, { date: day }));
      }
    }
    if (day.endsWith('-28')) log(`${day}: ${summary.orders} orders, ${summary.invoices} invoices`);
  }
  // A pipeline of opportunities at the end of the history, for the funnel.
  const stages = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
  const probability = { lead: 1000, qualified: 2500, proposal: 5000, negotiation: 7500, won: 10_000, lost: 0 } as const;
  customers.slice(0, 18).forEach((c, i) => {
    const stage = stages[i % stages.length] as (typeof stages)[number];
    attempt('opportunity', () =>
      store.saveOpportunity(book, {
        customer: c.code,
        ...(c.owner ? { salesperson: c.owner } : {}),
        name: `${['年货礼盒', '办公用品年框', '茶叶团购', '咖啡机租赁', '员工福利'][i % 5]} ${end.slice(0, 4)}`,
        stage,
        amount: (5 + (i % 7) * 3) * 1_000_000,
        probability: probability[stage],
        expectedClose: addDays(end, 30 + i * 5),
        date: end,
      }),
    );
  });
  attempt('alerts', () => store.runAlerts(book, { today: addDays(end, 1) }));
  return summary;
}
