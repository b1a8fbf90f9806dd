import { Command, Option } from 'commander';
import { FORMATS } from './formats.js';
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
    .option('--company <name>', 'company name')
    .option('--currency <code>', 'currency code, e.g. CNY')
    .addHelpText('after', '\nExample:\n  $ tradeloop init --demo --db demo.db')
    .action(async (options, cmd: Command) => (await import('./commands/init.js')).init(options, cmd));

  const importCmd = program.command('import').description('read records from files into the book');
  importCmd
    .command('products <file>')
    .description('add or update products from a CSV file (UTF-8 or GBK; English or Chinese headers)')
    .option('--dry-run', 'show what would change and change nothing')
    .addOption(new Option('-f, --format <format>', 'summary format').choices(['text', 'json']).default('text'))
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

  program
    .command('serve')
    .description('start the web UI')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '5173')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ tradeloop serve --db demo.db --port 8080')
    .action(async (options, cmd: Command) => (await import('./commands/serve.js')).serve(options, cmd));

  registerLoop(program);
  return program;
}
