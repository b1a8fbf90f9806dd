import { Command } from 'commander';
import { addExamples } from './help-examples.js';
import { registerApprovals } from './program/approvals.js';
import { registerBook, registerInit, registerServe } from './program/book.js';
import { registerConfig } from './program/config.js';
import { registerCustomers } from './program/customers.js';
import { registerExports } from './program/exports.js';
import { registerFinance } from './program/finance.js';
import { registerImports } from './program/imports.js';
import { registerPurchasing } from './program/purchasing.js';
import { registerQuery, registerReports } from './program/reports.js';
import { registerRun } from './program/run.js';
import { registerSales } from './program/sales.js';
import { registerStock } from './program/stock.js';
import { registerUsers } from './program/users.js';
import { registerWebhooks } from './program/webhooks.js';

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

/**
 * The command tree, one group of commands a file under program/. Actions load their modules on
 * first use, so `--version` and `--help` stay fast. The order here is the order of `--help`; the
 * verbs of the loop (`approve`, `pay`, `create` …) are shared by the groups after them.
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

  registerInit(program);
  registerImports(program);
  registerExports(program);
  registerReports(program);
  registerQuery(program);
  registerServe(program);
  registerSales(program);
  registerPurchasing(program);
  registerStock(program);
  registerFinance(program);
  registerApprovals(program);
  registerCustomers(program);
  registerBook(program);
  registerConfig(program);
  registerRun(program);
  registerUsers(program);
  registerWebhooks(program);
  addExamples(program);
  return program;
}
