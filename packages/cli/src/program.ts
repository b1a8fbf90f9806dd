import { Command, Option } from 'commander';
import { FORMATS } from './formats.js';
import { addExamples } from './help-examples.js';
import { registerLoop } from './register-loop.js';

const VERSION = '0.1.0';

const EXAMPLES = `
Examples:
  $ tradeloop init --demo                      create ./tradeloop.db with the demo catalog
  $ tradeloop import products items.csv        add or update products (all rows or none)
  $ tradeloop import products items.csv --dry-run
  $ tradeloop export products --format csv -o products.csv
  $ tradeloop report products --format table   products and value by category
  $ tradeloop serve --port 5173                the web UI on http://127.0.0.1:5173

The book is --db FILE, else $TRADELOOP_DB, else "db" in the nearest tradeloop.config.json,
else ./tradeloop.db.
Exit codes: 0 ok, 1 failure, 2 usage error, 3 input rejected (nothing changed), 4 book busy.`;

const formatOption = (fallback: string) =>
  new Option('-f, --format <format>', 'output format').choices(FORMATS as string[]).default(fallback);

/**
 * The command tree. Actions load their modules on first use, so `--version` and `--help` stay fast.
 */
export function createProgram(): Command {
  const program = new Command('tradeloop')
    .description('Sales, purchasing, inventory and finance for a trading company, in one local file.')
    .version(VERSION, '-v, --version')
    .option('--db <file>', 'the company book (SQLite file)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run with --help for usage)')
    // Set before the subcommands are added so they inherit it: usage errors become exit 2 in main().
    .exitOverride();

  program
    .command('init')
    .description('create a new book')
    .option('--demo', 'fill it with the demo company: two years of trading, built through the real commands')
    .option('--scale <n>', 'with --demo: more customers and orders (1 = a small trader)', '1')
    .option('--seed <n>', 'with --demo: the random seed (same seed, same company)', '42')
    .option('--history <lines>', 'with --demo: also this many lines of completed sales before, by the bulk path')
    .option('--company <name>', 'company name')
    .option('--currency <code>', 'currency code, e.g. CNY')
    .option('--time-zone <zone>', 'time zone the business days are kept in (default Asia/Shanghai)')
    .option('--precision <places>', "decimal places of amounts (default: the currency's, 2 for CNY, 0 for JPY)")
    .addOption(
      new Option(
        '--rounding <mode>',
        'how every amount is rounded: half-up (commercial) or half-even (banker’s)',
      ).choices(['half-up', 'half-even']),
    )
    .option(
      '--prices-include-tax',
      'product prices, and new price lists unless they say otherwise, include VAT (含税价)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ tradeloop init --demo --db demo.db\n  $ tradeloop init --demo --history 1000000 --db big.db   # a book of a million and more lines, for benchmarks',
    )
    .action(async (options, cmd: Command) => (await import('./commands/init.js')).init(options, cmd));

  const importCmd = program.command('import').description('read records from files into the book');
  const importFlags = (c: Command) =>
    c
      .option('--dry-run', 'show what would change and change nothing')
      .addOption(
        new Option('--on-error <mode>', 'abort: all rows or none; skip: import the good rows')
          .choices(['abort', 'skip'])
          .default('abort'),
      )
      .option('--reject-file <file>', 'write the rejected rows there, with the reasons (CSV)')
      .option('--map <file>', 'JSON mapping of fields to your column names, e.g. { "sku": "物料代码" }')
      .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'));

  importFlags(
    importCmd
      .command('products <file>')
      .description('add or update products from CSV or XLSX (UTF-8 or GBK; English or Chinese headers)'),
  )
    .addHelpText(
      'after',
      `
Columns (English or Chinese header): sku 编码, name 名称, name_en 英文名称, category 类别,
uom 单位, price 售价, cost 成本, tax_rate 税率, listed 上架. Required: sku, name, category, price.
Any bad row rejects the whole file (exit 3) and names file, row, column, value and rule.

Example:
  $ tradeloop import products fixtures/demo/products.csv --dry-run`,
    )
    .action(async (file: string, options, cmd: Command) =>
      (await import('./commands/import-products.js')).importProducts(file, options, cmd),
    );
  importFlags(
    importCmd
      .command('customers <file>')
      .description('add or update customers (编码, 名称, 等级, 渠道, 业务员, 信用额度, 结算方式, 账期, 税号 …)'),
  )
    .addHelpText(
      'after',
      '\nExample:\n  $ tradeloop import customers 客户.xlsx --on-error skip --reject-file rejects.csv',
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('./commands/import-entities.js')).importCustomers(file, o, cmd),
    );
  importFlags(
    importCmd
      .command('contacts <file>')
      .description("customers' contact people (客户编码, 联系人, 职务, 电话, 邮箱, 微信); keyed by customer and name"),
  )
    .addHelpText('after', '\nExample:\n  $ tradeloop import contacts 联系人.xlsx --dry-run')
    .action(async (file: string, o, cmd: Command) =>
      (await import('./commands/import-entities.js')).importContacts(file, o, cmd),
    );
  importFlags(
    importCmd
      .command('targets <file>')
      .description("salespeople's monthly net sales targets (业务员, 月份 2026-03, 目标金额)"),
  )
    .addHelpText('after', '\nExample:\n  $ tradeloop import targets 销售目标.csv')
    .action(async (file: string, o, cmd: Command) =>
      (await import('./commands/import-entities.js')).importTargets(file, o, cmd),
    );
  importFlags(
    importCmd.command('suppliers <file>').description('add or update suppliers (编码, 名称, 等级, 账期, 税号)'),
  ).action(async (file: string, o, cmd: Command) =>
    (await import('./commands/import-entities.js')).importSuppliers(file, o, cmd),
  );
  importFlags(
    importCmd
      .command('opening-stock <file>')
      .description('opening stock: sku 编码, warehouse 仓库, qty 数量, unit_cost 单位成本, batch 批次, expiry 有效期')
      .requiredOption('--date <date>', 'the date the stock is counted as of')
      .option(
        '--replace',
        'replace the opening stock of each product and warehouse in the file, if it has not moved since',
      ),
  )
    .addHelpText(
      'after',
      `
Lines the book already holds (same sku, warehouse, batch, expiry, date, quantity and cost) are
unchanged, so importing the same file again changes nothing. Any other line where the product
and warehouse (or that batch) already has opening stock, or has moves before --date, is refused
(exit 3). --replace puts the file's lines in place of the opening stock there, unless stock has
moved since (then post a stock count); the journal is corrected by the difference.

Example:
  $ tradeloop import opening-stock 期初库存.csv --date 2026-01-01 --replace`,
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('./commands/import-entities.js')).importOpeningStock(file, o, cmd),
    );
  importFlags(
    importCmd
      .command('statement <file>')
      .description(
        'bank statement CSV/XLSX (ICBC, CCB, ABC, BOC, CMB, BOCOM or any with a date and an amount), WeChat Pay bill (微信支付账单) or Alipay bill (支付宝交易明细); every line kept once, money in, out or none',
      )
      .addOption(
        new Option('--source <source>', 'where the file comes from (default: told by its columns)')
          .choices(['auto', 'bank', 'wechat', 'alipay'])
          .default('auto'),
      )
      .option(
        '--account <code>',
        'the account the statement is of: 1002 bank (default for banks), 1012 WeChat Pay / Alipay',
      ),
  )
    .addHelpText(
      'after',
      '\nExample:\n  $ tradeloop import statement 微信支付账单.csv --source wechat && tradeloop match statement',
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('./commands/import-entities.js')).importStatement(file, o, cmd),
    );

  const entity = (name: string, description: string, action: string) =>
    importFlags(importCmd.command(`${name} <file>`).description(description)).action(
      async (file: string, o, cmd: Command) =>
        (
          (await import('./commands/import-entities.js')) as unknown as Record<
            string,
            (f: string, o: unknown, c: Command) => Promise<void>
          >
        )[action]?.(file, o, cmd),
    );
  entity('salespeople', 'add or update salespeople (编码, 姓名, 级别, 上级, 折扣权限%)', 'importSalespeople');
  entity('warehouses', 'add or update warehouses and their bins (编码, 名称, 类型, 库位)', 'importWarehouses');
  entity(
    'price-lists',
    'price lists, a product and quantity break a row (价格表, 适用范围, 适用对象, 编码, 起订量, 价格, 生效日期, 失效日期, 含税)',
    'importPriceLists',
  );
  entity(
    'promotions',
    'promotions: 折扣 / 特价 / 立减 with dates, products, categories, tiers, channels',
    'importPromotions',
  );
  entity(
    'commission-plans',
    'commission plans by salesperson level, a band a row (级别, 方案, 提成基数, 提成方式, 起点, 提成比例, 管理提成)',
    'importCommissionPlans',
  );
  entity(
    'expenses',
    'expenses paid from bank, cash or WeChat/Alipay (日期, 科目, 金额, 税额, 发票类型, 付款科目, 摘要)',
    'importExpenses',
  );

  for (const [command, kind, description] of [
    [
      'orders <file>',
      'sales',
      'open sales orders, placed through the usual prices, credit checks and approvals (订单号, 日期, 客户, 仓库, 编码, 数量, 单价, 交货日期, 业务员)',
    ],
    [
      'purchase-orders <file>',
      'purchase',
      'open purchase orders (订单号, 日期, 供应商, 仓库, 编码, 数量, 单价, 到货日期)',
    ],
  ] as const) {
    importCmd
      .command(command)
      .description(description)
      .option('--dry-run', 'place them and roll everything back')
      .option('--map <file>', 'JSON mapping of fields to your column names')
      .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'))
      .action(async (file: string, o, cmd: Command) =>
        (await import('./commands/import-orders.js')).importOrders(kind, file, o, cmd),
      );
  }

  importCmd
    .command('sales-history <file>')
    .description(
      'completed orders from before tradeloop (订单号, 日期, 客户, 业务员, 仓库, 编码, 数量, 金额 or 单价, 税额, 税率, 收款日期, 收货地区, 渠道), posted at FIFO cost; streamed',
    )
    .option('--dry-run', 'check and post everything, then roll it back')
    .option('--map <file>', 'JSON mapping of fields to your column names')
    .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      "\nAn order's lines must be together in the file. Any bad row rejects the whole file. A line's amount (金额, net)\nis kept as the file has it, rounded once to the cent; without one, the net is quantity × unit price.\nRegion, address and channel belong to the order. Orders already in the book as the file has them are\nleft alone, so importing a file again changes nothing.\n\nExample:\n  $ tradeloop import sales-history 历史销售.csv --dry-run",
    )
    .action(async (file: string, o, cmd: Command) =>
      (await import('./commands/import-history.js')).importHistory(file, o, cmd),
    );

  const exportCmd = program.command('export').description('write records from the book to files');
  exportCmd
    .command('products')
    .description('every product, in the layout `import products` reads')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText('after', '\nExample:\n  $ tradeloop export products -o products.csv')
    .action(async (options, cmd: Command) =>
      (await import('./commands/export-products.js')).exportProducts(options, cmd),
    );

  exportCmd
    .command('list <name>', { hidden: false })
    .description(
      'customers, contacts, targets, suppliers, salespeople, warehouses, price-lists, promotions, orders, purchase-orders, requisitions, shipments, receipts, invoices, payments, statement, alerts or stock',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['csv', 'json', 'table', 'xlsx']).default('csv'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout (required for xlsx)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ tradeloop export list invoices -o invoices.csv\n  $ tradeloop export list stock --format xlsx -o stock.xlsx',
    )
    .action(async (name: string, o, cmd: Command) =>
      (await import('./commands/export-list.js')).exportList(name, o, cmd),
    );

  const reportCmd = program.command('report').description('reports over the book');
  reportCmd
    .command('products')
    .description('count and value of products by category')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--depth <levels>', 'category levels to group by', '1')
    .addHelpText('after', '\nExample:\n  $ tradeloop report products --depth 2 --format csv')
    .action(async (options, cmd: Command) =>
      (await import('./commands/report-products.js')).reportProducts(options, cmd),
    );

  reportCmd
    .command('aging')
    .description('receivables aging as of a date, by customer or salesperson (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the date to age at (default: today); later documents and payments are left out')
    .addOption(
      new Option('--basis <basis>', 'age from the due date or the invoice date')
        .choices(['due', 'invoice'])
        .default('due'),
    )
    .addOption(
      new Option('--by <group>', 'rows per customer or per salesperson')
        .choices(['customer', 'salesperson'])
        .default('customer'),
    )
    .option('--buckets <days>', 'bucket bounds in days', '30,60,90,120')
    .option('--payables', 'age what is owed to suppliers (AP) instead')
    .addHelpText('after', '\nExample:\n  $ tradeloop report aging --as-of 2026-10-31 --by salesperson')
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-finance.js')).reportAging(o, cmd));
  reportCmd
    .command('profit')
    .description('revenue, cost of goods, gross profit, expenses, commission and net profit (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option(
      '-p, --period <period>',
      'period: 2026, 2026Q1, 2026-03, 2025-01..2025-07, monthly from 2026-01 (default: this year)',
    )
    .option('--as-of <date>', 'today, for an open "from" period')
    .addHelpText('after', '\nExample:\n  $ tradeloop report profit -p "quarterly from 2025 to 2026-10"')
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-finance.js')).reportProfit(o, cmd));

  reportCmd
    .command('board')
    .description(
      'coordination board: open order lines and what they wait for (late, at risk, awaiting purchase, on order)',
    )
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'today (default: the calendar date)')
    .option('--all', 'also list lines ready to ship')
    .action(async (o, cmd: Command) => (await import('./commands/report-board.js')).reportBoard(o, cmd));
  reportCmd
    .command('commission')
    .description('posted commission statements by run and salesperson')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'runs within this period')
    .action(async (o, cmd: Command) => (await import('./commands/report-board.js')).reportCommission(o, cmd));
  reportCmd
    .command('funnel')
    .description('opportunities by stage: amount and probability-weighted amount')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--salesperson <code>', 'one salesperson only')
    .action(async (o, cmd: Command) => (await import('./commands/report-board.js')).reportFunnel(o, cmd));
  reportCmd
    .command('slow-movers')
    .description('stock that has not gone out for N days, longest idle first')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'today (default: the calendar date)')
    .option('--days <n>', 'idle for at least this many days', '90')
    .action(async (o, cmd: Command) => (await import('./commands/report-board.js')).reportSlowMovers(o, cmd));
  reportCmd
    .command('expiry')
    .description('batches expiring within N days, and those already expired')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'today (default: the calendar date)')
    .option('--days <n>', 'expiring within this many days', '30')
    .action(async (o, cmd: Command) => (await import('./commands/report-board.js')).reportExpiry(o, cmd));
  reportCmd
    .command('trial-balance')
    .description('debits, credits and balance per account (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'period (default: all time)')
    .action(async (o, cmd: Command) => (await import('./commands/report-finance.js')).reportTrialBalance(o, cmd));
  reportCmd
    .command('sales')
    .description('invoiced sales per period (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'period (default: this year)')
    .addOption(
      new Option('--interval <interval>', 'rows per').choices(['daily', 'weekly', 'monthly', 'quarterly', 'yearly']),
    )
    .option('--as-of <date>', 'today, for an open "from" period')
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-more.js')).reportSales(o, cmd));
  reportCmd
    .command('top')
    .description('top customers, salespeople, products or categories by net sales (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'period (default: this year)')
    .addOption(
      new Option('--by <dimension>', 'what to rank')
        .choices(['customer', 'salesperson', 'sku', 'category'])
        .default('customer'),
    )
    .option('-n, --top <n>', 'how many', '10')
    .addHelpText('after', '\nExample:\n  $ tradeloop report top --by sku -n 5 -p 2026')
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-more.js')).reportTop(o, cmd));
  reportCmd
    .command('margin')
    .description('gross margin by customer or salesperson: net sales less FIFO cost (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'period (default: this year)')
    .addOption(new Option('--by <group>', 'rows per').choices(['customer', 'salesperson']).default('customer'))
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-more.js')).reportMargin(o, cmd));
  reportCmd
    .command('stock')
    .description('stock on hand, reserved and FIFO value by warehouse or category (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(new Option('--by <group>', 'rows per').choices(['warehouse', 'category']).default('warehouse'))
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-more.js')).reportStock(o, cmd));
  reportCmd
    .command('stock-age')
    .description('value of stock on hand by how long it has been held (FIFO layers)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the date to age at (default: today)')
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('./commands/report-more.js')).reportStockAge(o, cmd));

  const more = async () => import('./commands/report-analytics.js');
  const periodic = (name: string, description: string, example: string) =>
    reportCmd
      .command(name)
      .description(description)
      .addOption(formatOption('table'))
      .option('-o, --output <file>', 'write to a file instead of stdout')
      .option('-p, --period <period>', 'period (default: this year)')
      .option('--as-of <date>', 'today, for an open "from" period')
      .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
      .addHelpText('after', `\nExample:\n  $ ${example}`);
  const interval = () =>
    new Option('--interval <interval>', 'rows per').choices(['daily', 'weekly', 'monthly', 'quarterly', 'yearly']);
  periodic('journal', 'the journal, line by line (DuckDB)', 'tradeloop report journal -p 2026-03 --account 1122')
    .option('--account <code>', 'only this account and its sub-accounts')
    .option('--limit <n>', 'at most this many lines')
    .action(async (o, cmd: Command) => (await more()).reportJournal(o, cmd));
  periodic(
    'receipts',
    'receipts against invoices per period: invoiced, collected, change in receivables (DuckDB)',
    'tradeloop report receipts -p 2026 --interval quarterly',
  )
    .addOption(interval())
    .action(async (o, cmd: Command) => (await more()).reportReceipts(o, cmd));
  periodic(
    'cash-flow',
    'cash in and out of cash, bank and wallet accounts per period, by source (DuckDB)',
    'tradeloop report cash-flow -p 2026Q3',
  )
    .addOption(interval())
    .action(async (o, cmd: Command) => (await more()).reportCashFlow(o, cmd));
  periodic(
    'margin-lines',
    'gross margin of shipped order lines at FIFO cost by product, category, region, channel or tier (DuckDB)',
    'tradeloop report margin-lines --by category -p 2026',
  )
    .addOption(
      new Option('--by <dimension>', 'rows per')
        .choices(['sku', 'category', 'customer', 'salesperson', 'region', 'channel', 'tier', 'warehouse'])
        .default('sku'),
    )
    .action(async (o, cmd: Command) => (await more()).reportMarginLines(o, cmd));
  periodic(
    'split',
    'ordered and invoiced sales, margin, orders and customers by region, channel or tier (DuckDB)',
    'tradeloop report split --by region -p 2026',
  )
    .addOption(
      new Option('--by <dimension>', 'rows per').choices(['region', 'channel', 'tier', 'warehouse']).default('region'),
    )
    .action(async (o, cmd: Command) =>
      (await more()).reportExplore(o, cmd, {
        cube: 'sales',
        measures: ['net', 'invoiced', 'margin', 'margin_pct', 'orders', 'customers'],
        by: [o.by],
        sort: 'net',
      }),
    );
  periodic(
    'targets',
    "salespeople's targets against invoiced net sales (DuckDB)",
    'tradeloop report targets -p 2026Q1',
  ).action(async (o, cmd: Command) => (await more()).reportTargets(o, cmd));
  periodic(
    'salespeople',
    'per salesperson: sales, margin, invoices, collections, customers won, target attainment (DuckDB)',
    'tradeloop report salespeople -p 2026',
  ).action(async (o, cmd: Command) => (await more()).reportSalespeople(o, cmd));
  reportCmd
    .command('rfm')
    .description('customers by recency, frequency and monetary value over the last year, in segments (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the date to score at (default: today)')
    .addHelpText('after', '\nExample:\n  $ tradeloop report rfm --as-of 2026-11-20 --format csv -o rfm.csv')
    .action(async (o, cmd: Command) => (await more()).reportRfm(o, cmd));
  periodic(
    'turnover',
    'inventory turnover and days of stock by category or product (DuckDB)',
    'tradeloop report turnover --by sku -p 2026',
  )
    .addOption(new Option('--by <group>', 'rows per').choices(['category', 'sku']).default('category'))
    .action(async (o, cmd: Command) => (await more()).reportTurnover(o, cmd));
  reportCmd
    .command('below-reorder')
    .description('products whose projected stock is under the reorder point, and what the reorder run would order')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'today (default: the calendar date)')
    .addHelpText('after', '\nExample:\n  $ tradeloop report below-reorder --as-of 2026-11-20')
    .action(async (o, cmd: Command) => (await more()).reportBelowReorder(o, cmd));
  periodic(
    'purchases',
    'purchase spend per period, with price variance against standard cost (DuckDB)',
    'tradeloop report purchases -p 2026 --interval quarterly',
  )
    .addOption(interval())
    .action(async (o, cmd: Command) => (await more()).reportPurchases(o, cmd));
  periodic(
    'suppliers',
    'suppliers ranked by spend, with on-time delivery rate, average delay and price variance (DuckDB)',
    'tradeloop report suppliers -p 2026',
  ).action(async (o, cmd: Command) => (await more()).reportSuppliers(o, cmd));

  program
    .command('query')
    .description('measures of a fact by dimensions, filtered; or read-only SQL over the analytics store')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(
      new Option('--fact <fact>', 'what to measure').choices(['sales', 'invoices', 'purchases']).default('sales'),
    )
    .option('--measures <list>', 'comma-separated measures, e.g. net,margin')
    .option('--by <list>', 'comma-separated dimensions, e.g. region,month')
    .option('--where <filter...>', 'dimension=value, dimension=a|b, dimension!=value or dimension~text')
    .option('-p, --period <period>', 'only this period')
    .option('--as-of <date>', 'today, for an open "from" period')
    .option('--sort <measure>', 'largest first by this measure')
    .option('--limit <n>', 'at most this many rows')
    .option('--sql <statement>', 'run this SQL read-only over the analytics store instead')
    .option('--list', 'list the facts, dimensions and measures')
    .addHelpText(
      'after',
      `\nExamples:
  $ tradeloop query --measures net,margin,margin_pct --by region,quarter -p 2026
  $ tradeloop query --fact purchases --measures spend --by supplier --where category=食品 --sort spend
  $ tradeloop query --sql "select customer, sum(net_minor) as net from invoices group by 1 order by 2 desc limit 5"
  $ tradeloop query --list`,
    )
    .action(async (o, cmd: Command) => (o.list ? (await more()).listVocabulary(o) : (await more()).runQuery(o, cmd)));

  program
    .command('serve')
    .description('start the web UI')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '5173')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ tradeloop serve --db demo.db --port 8080')
    .action(async (options, cmd: Command) => (await import('./commands/serve.js')).serve(options, cmd));

  registerLoop(program);
  addExamples(program);
  return program;
}
