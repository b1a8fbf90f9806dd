import { type Command, Option } from 'commander';
import { formatOption } from './shared.js';

/** `tradeloop report …`: reports over the book, most of them from the analytics store. */
export function registerReports(program: Command): void {
  const reportCmd = program.command('report').description('reports over the book');
  reportCmd
    .command('products')
    .description('count and value of products by category')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--depth <levels>', 'category levels to group by', '1')
    .addHelpText('after', '\nExample:\n  $ tradeloop report products --depth 2 --format csv')
    .action(async (options, cmd: Command) =>
      (await import('../commands/report-products.js')).reportProducts(options, cmd),
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
    .action(async (o, cmd: Command) => (await import('../commands/report-finance.js')).reportAging(o, cmd));
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
    .action(async (o, cmd: Command) => (await import('../commands/report-finance.js')).reportProfit(o, cmd));

  reportCmd
    .command('board')
    .description(
      'coordination board: open order lines and what they wait for (late, at risk, awaiting purchase, on order)',
    )
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the day to report as of (default: today in the book’s time zone)')
    .option('--all', 'also list lines ready to ship')
    .action(async (o, cmd: Command) => (await import('../commands/report-board.js')).reportBoard(o, cmd));
  reportCmd
    .command('commission')
    .description('posted commission statements by run and salesperson')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'runs within this period')
    .action(async (o, cmd: Command) => (await import('../commands/report-board.js')).reportCommission(o, cmd));
  reportCmd
    .command('funnel')
    .description('opportunities by stage: amount and probability-weighted amount')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--salesperson <code>', 'one salesperson only')
    .action(async (o, cmd: Command) => (await import('../commands/report-board.js')).reportFunnel(o, cmd));
  reportCmd
    .command('slow-movers')
    .description('stock that has not gone out for N days, longest idle first')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the day to report as of (default: today in the book’s time zone)')
    .option('--days <n>', 'idle for at least this many days', '90')
    .action(async (o, cmd: Command) => (await import('../commands/report-board.js')).reportSlowMovers(o, cmd));
  reportCmd
    .command('expiry')
    .description('batches expiring within N days, and those already expired')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the day to report as of (default: today in the book’s time zone)')
    .option('--days <n>', 'expiring within this many days', '30')
    .action(async (o, cmd: Command) => (await import('../commands/report-board.js')).reportExpiry(o, cmd));
  reportCmd
    .command('trial-balance')
    .description('debits, credits and balance per account (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'period (default: all time)')
    .action(async (o, cmd: Command) => (await import('../commands/report-finance.js')).reportTrialBalance(o, cmd));
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
    .action(async (o, cmd: Command) => (await import('../commands/report-more.js')).reportSales(o, cmd));
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
    .action(async (o, cmd: Command) => (await import('../commands/report-more.js')).reportTop(o, cmd));
  reportCmd
    .command('margin')
    .description('gross margin by customer or salesperson: net sales less FIFO cost (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-p, --period <period>', 'period (default: this year)')
    .addOption(new Option('--by <group>', 'rows per').choices(['customer', 'salesperson']).default('customer'))
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('../commands/report-more.js')).reportMargin(o, cmd));
  reportCmd
    .command('stock')
    .description('stock on hand, reserved and FIFO value by warehouse or category (DuckDB)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addOption(new Option('--by <group>', 'rows per').choices(['warehouse', 'category']).default('warehouse'))
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('../commands/report-more.js')).reportStock(o, cmd));
  reportCmd
    .command('stock-age')
    .description('value of stock on hand by how long it has been held (FIFO layers)')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--as-of <date>', 'the date to age at (default: today)')
    .option('--chart <file>', 'also draw the report as a chart (.svg or .png)')
    .action(async (o, cmd: Command) => (await import('../commands/report-more.js')).reportStockAge(o, cmd));

  const more = async () => import('../commands/report-analytics.js');
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
    .action(async (o, cmd: Command) => (await more()).reportSplit(o, cmd));
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
    .option('--as-of <date>', 'the day to report as of (default: today in the book’s time zone)')
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
}

/** `tradeloop query`: measures by dimensions, or read-only SQL, over the analytics store. */
export function registerQuery(program: Command): void {
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
    .action(async (o, cmd: Command) => (await import('../commands/report-analytics.js')).runQuery(o, cmd));
}
