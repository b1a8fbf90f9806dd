import type { Command } from 'commander';

/**
 * An example for each command whose definition does not carry one beside it, shown at the end
 * of its `--help`. Keyed by the command's path.
 */
const EXAMPLES: Readonly<Record<string, string>> = {
  'user list': 'tradeloop user list --format csv -o users.csv',
  'user set': 'tradeloop user set lin --role salesperson --role warehouse',
  'user disable': 'tradeloop user disable lin',
  'user passwd': 'tradeloop user passwd lin --password-file new.txt',
  logout: 'tradeloop logout',
  'approvals rules': 'tradeloop approvals rules --format json',
  'reject order': 'tradeloop reject order SO-2026-000002 --reason "折扣太大，请重新报价"',
  'reject po': 'tradeloop reject po PO-2026-000003 --reason "价格高于上次采购"',
  'reject payment': 'tradeloop reject payment PRQ-2026-000001 --reason "发票未到"',
  whoami: 'tradeloop whoami --format json',
  'import suppliers': 'tradeloop import suppliers 供应商.xlsx --dry-run',
  'import opening-stock': 'tradeloop import opening-stock 期初库存.csv --date 2026-01-01',
  'import salespeople': 'tradeloop import salespeople 业务员.csv',
  'import warehouses': 'tradeloop import warehouses 仓库.csv',
  'import price-lists': 'tradeloop import price-lists 价格表.xlsx --dry-run',
  'import promotions': 'tradeloop import promotions 促销.csv',
  'import commission-plans': 'tradeloop import commission-plans 提成方案.csv --dry-run',
  'import expenses': 'tradeloop import expenses 费用.csv --on-error skip --reject-file rejects.csv',
  'import orders': 'tradeloop import orders 未结销售订单.csv --dry-run',
  'import purchase-orders': 'tradeloop import purchase-orders 在途采购订单.csv',
  'report board': 'tradeloop report board --as-of 2026-11-23',
  'report commission': 'tradeloop report commission -p 2026Q3 --format csv -o commission.csv',
  'report funnel': 'tradeloop report funnel --salesperson wang',
  'report slow-movers': 'tradeloop report slow-movers --days 180',
  'report expiry': 'tradeloop report expiry --days 60',
  'report trial-balance': 'tradeloop report trial-balance -p 2026',
  'report sales': 'tradeloop report sales -p 2026 --interval monthly --chart sales.png',
  'report margin': 'tradeloop report margin --by salesperson -p 2026Q3',
  'report stock': 'tradeloop report stock --by category --chart stock.svg',
  'report stock-age': 'tradeloop report stock-age --as-of 2026-10-31 --chart stock-age.png',
  'approve po': 'tradeloop approve po PO-2026-000004',
  'pay supplier': 'tradeloop pay supplier S01 --date 2026-03-20 --amount 12000',
  'invoice order': 'tradeloop invoice order SO-2026-000001 --date 2026-03-08 --vat special',
  'invoice po': 'tradeloop invoice po PO-2026-000001 --date 2026-03-10 --number 04412345',
  'cancel order': 'tradeloop cancel order SO-2026-000003',
  'return order': 'tradeloop return order SO-2026-000001 --date 2026-03-15 --line 1:2',
  'create pos': 'tradeloop create pos --date 2026-03-02',
  'create rfq': 'tradeloop create rfq --sku TEA-001 --qty 200 --warehouse WH1 --date 2026-03-02',
  'create customer': 'tradeloop create customer C101 --name 杭州西湖茶庄 --phone 0571-88000000 --tier wholesale',
  'quote rfq': 'tradeloop quote rfq RFQ-2026-000001 --supplier S02 --price 92.50 --lead-days 5',
  'award rfq': 'tradeloop award rfq RFQ-2026-000001 --date 2026-03-04',
  'transfer stock': 'tradeloop transfer stock --from WH1 --to WH2 --date 2026-03-05 --line TEA-001:20',
  'start count': 'tradeloop start count --warehouse WH1 --date 2026-06-30',
  'enter count': 'tradeloop enter count CNT-2026-000001 --line TEA-001:48 --line COF-002:19.5',
  'post count': 'tradeloop post count CNT-2026-000001 --date 2026-06-30',
  'post commission': 'tradeloop post commission -p 2026-03',
  'match statement': 'tradeloop match statement --min-confidence 80',
  'claim statement': 'tradeloop claim statement 17 --customer C003 --invoice INV-2026-000042',
  'claim customer': 'tradeloop claim customer C020 --as li --date 2026-03-02',
  'release customer': 'tradeloop release customer C020',
  'follow-up customer': 'tradeloop follow-up customer C020 --as li --date 2026-03-09 --note 报价已发 --next 2026-03-16',
  check: 'tradeloop check --format json',
  backup: 'tradeloop backup acme-2026-11-23.db',
  move: 'tradeloop move --to postgres://tl@db.internal/acme',
  restore: 'tradeloop restore acme-2026-11-23.db',
};

/** The leaf commands of a program, with their paths (`import products`, `check`, …). */
export function leafCommands(program: Command, path: string[] = []): [string, Command][] {
  return program.commands.flatMap((c) => {
    const here = [...path, c.name()];
    return c.commands.length > 0 ? leafCommands(c, here) : [[here.join(' '), c] as [string, Command]];
  });
}

/** Give each command in the table its example. */
export function addExamples(program: Command): void {
  for (const [path, command] of leafCommands(program)) {
    const example = EXAMPLES[path];
    if (example) command.addHelpText('after', `\nExample:\n  $ ${example}`);
  }
}
