import { type Command, Option } from 'commander';
import { collect } from './collect.js';

const json = () => new Option('-f, --format <format>', 'result format').choices(['text', 'json']).default('text');
const example = (text: string) => `\nExample:\n  $ ${text}`;

/** The loop from the terminal: verb first, then the document, as `import products` does. */
export function registerLoop(program: Command): void {
  const place = program.command('place').description('place a document');
  place
    .command('order')
    .description("place a sales order; prices come from the price lists and promotions, else the product's own price")
    .requiredOption('--customer <code>', 'customer code')
    .requiredOption('--warehouse <code>', 'warehouse to ship from')
    .requiredOption('--date <date>', 'order date')
    .option('--promise <date>', 'promised delivery date (default: a week after the order)')
    .option('--salesperson <code>', 'salesperson (default: the customer’s owner)')
    .option('--channel <name>', 'sales channel (default: the customer’s)')
    .requiredOption('--line <SKU:QTY[@PRICE]>', 'a line; repeat for more; @PRICE asks for a special price', collect)
    .option('--explain', 'show how each line was priced: the list or base price that won, promotions, checks')
    .addOption(json())
    .addHelpText(
      'after',
      example(
        'tradeloop place order --customer C001 --warehouse WH1 --date 2026-03-02 --line TEA-001:12 --line COF-002:5@55 --explain',
      ),
    )
    .action(async (o, cmd: Command) => (await import('./commands/sales.js')).placeOrder(o, cmd));

  const approve = program.command('approve').description('approve a document');
  approve
    .command('order <number>')
    .description('approve a sales order: reserves stock, requisitions what is short')
    .requiredOption('--as <user>', 'the approving user (their roles must cover the order’s needs)')
    .addOption(json())
    .addHelpText('after', example('tradeloop approve order SO-2026-000001 --as wang'))
    .action(async (n: string, o, cmd: Command) => (await import('./commands/sales.js')).approveOrder(n, o, cmd));
  approve
    .command('po <number>')
    .description('approve a purchase order waiting for approval')
    .requiredOption('--as <user>', 'a user with the purchasing_manager role')
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/purchasing.js')).approvePo(n, o, cmd));

  const pay = program.command('pay').description('record money paid');
  pay
    .command('order <number>')
    .description('a customer’s payment for a prepaid order')
    .requiredOption('--date <date>', 'payment date')
    .requiredOption('--amount <amount>', 'amount received')
    .addOption(json())
    .addHelpText('after', example('tradeloop pay order SO-2026-000002 --date 2026-03-03 --amount 424.88'))
    .action(async (n: string, o, cmd: Command) => (await import('./commands/sales.js')).payOrder(n, o, cmd));
  pay
    .command('supplier <code>')
    .description('pay a supplier; settles their invoices oldest first')
    .requiredOption('--date <date>', 'payment date')
    .requiredOption('--amount <amount>', 'amount paid')
    .addOption(json())
    .action(async (c: string, o, cmd: Command) => (await import('./commands/purchasing.js')).paySupplier(c, o, cmd));

  program
    .command('ship')
    .description('ship goods')
    .command('order <number>')
    .description('ship the reserved stock of a sales order (or the given lines) at FIFO cost')
    .requiredOption('--date <date>', 'shipping date')
    .option('--carrier <name>', 'carrier, e.g. 顺丰')
    .option('--tracking <number>', 'tracking number')
    .option('--line <LINE:QTY>', 'ship part of a line; repeat for more', collect)
    .addOption(json())
    .addHelpText(
      'after',
      example('tradeloop ship order SO-2026-000001 --date 2026-03-07 --carrier 顺丰 --tracking SF1234567890'),
    )
    .action(async (n: string, o, cmd: Command) => (await import('./commands/sales.js')).shipOrder(n, o, cmd));

  const invoice = program.command('invoice').description('invoice goods');
  invoice
    .command('order <number>')
    .description('invoice what has shipped on a sales order')
    .requiredOption('--date <date>', 'invoice date')
    .addOption(new Option('--vat <kind>', 'VAT invoice kind').choices(['normal', 'special']).default('normal'))
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/sales.js')).invoiceOrder(n, o, cmd));
  invoice
    .command('po <number>')
    .description('book the supplier’s invoice for what was received (three-way match)')
    .requiredOption('--date <date>', 'invoice date')
    .option('--number <number>', 'the supplier’s invoice number')
    .addOption(new Option('--vat <kind>', 'VAT invoice kind').choices(['normal', 'special']).default('special'))
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/purchasing.js')).invoicePo(n, o, cmd));

  program
    .command('cancel')
    .description('cancel a document')
    .command('order <number>')
    .description('cancel a sales order before shipment; releases its reservations')
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/sales.js')).cancelOrder(n, o, cmd));

  program
    .command('return')
    .description('take goods back')
    .command('order <number>')
    .description('a customer return: back in stock at the original cost, with a credit note')
    .requiredOption('--date <date>', 'return date')
    .requiredOption('--line <LINE:QTY>', 'returned quantity of a line; repeat for more', collect)
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/sales.js')).returnOrder(n, o, cmd));

  const create = program.command('create').description('create documents');
  create
    .command('pos')
    .description('turn open requisitions into purchase orders by preferred supplier')
    .requiredOption('--date <date>', 'order date')
    .addOption(json())
    .action(async (o, cmd: Command) => (await import('./commands/purchasing.js')).createPos(o, cmd));
  create
    .command('rfq')
    .description('ask suppliers for quotes')
    .requiredOption('--sku <sku>', 'product')
    .requiredOption('--qty <qty>', 'quantity')
    .requiredOption('--warehouse <code>', 'receiving warehouse')
    .requiredOption('--date <date>', 'date')
    .addOption(json())
    .action(async (o, cmd: Command) => (await import('./commands/purchasing.js')).createRfq(o, cmd));
  create
    .command('customer <code>')
    .description('create a customer, refusing a likely duplicate')
    .requiredOption('--name <name>', 'name')
    .option('--phone <phone>', 'phone')
    .option('--tax-id <id>', 'unified social credit code')
    .option('--tier <tier>', 'price tier')
    .option('--force', 'create even if it looks like an existing customer')
    .addOption(json())
    .action(async (c: string, o, cmd: Command) => (await import('./commands/customers.js')).addCustomer(c, o, cmd));

  program
    .command('receive')
    .description('receive goods')
    .command('po <number>')
    .description('receive a purchase order (or the given lines); goods go first to the orders waiting for them')
    .requiredOption('--date <date>', 'receipt date')
    .option('--line <LINE:QTY[:BATCH:EXPIRY]>', 'receive part of a line; repeat for more', collect)
    .addOption(json())
    .addHelpText('after', example('tradeloop receive po PO-2026-000001 --date 2026-03-06'))
    .action(async (n: string, o, cmd: Command) => (await import('./commands/purchasing.js')).receivePo(n, o, cmd));

  program
    .command('quote')
    .description('record a supplier quote')
    .command('rfq <number>')
    .description("record a supplier's quote on an RFQ")
    .requiredOption('--supplier <code>', 'supplier')
    .requiredOption('--price <amount>', 'unit price')
    .requiredOption('--lead-days <days>', 'lead time in days')
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/purchasing.js')).quoteRfq(n, o, cmd));
  program
    .command('award')
    .description('award an RFQ')
    .command('rfq <number>')
    .description('order from the best quote (price, lead time, supplier grade)')
    .requiredOption('--date <date>', 'order date')
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/purchasing.js')).awardRfq(n, o, cmd));

  program
    .command('transfer')
    .description('move stock')
    .command('stock')
    .description('move stock between warehouses at cost')
    .requiredOption('--from <code>', 'source warehouse')
    .requiredOption('--to <code>', 'destination warehouse')
    .requiredOption('--date <date>', 'date')
    .requiredOption('--line <SKU:QTY>', 'a product and quantity; repeat for more', collect)
    .addOption(json())
    .action(async (o, cmd: Command) => (await import('./commands/stock.js')).transfer(o, cmd));

  program
    .command('start')
    .description('start a process')
    .command('count')
    .description('start a stock count: book quantities are frozen now')
    .requiredOption('--warehouse <code>', 'warehouse')
    .requiredOption('--date <date>', 'date')
    .addOption(json())
    .action(async (o, cmd: Command) => (await import('./commands/stock.js')).startCount(o, cmd));
  program
    .command('enter')
    .description('enter data')
    .command('count <number>')
    .description('enter counted quantities')
    .requiredOption('--line <SKU:QTY>', 'a counted quantity; repeat for more', collect)
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/stock.js')).enterCount(n, o, cmd));

  const post = program.command('post').description('post a document');
  post
    .command('count <number>')
    .description('post a stock count: gains and losses at cost')
    .requiredOption('--date <date>', 'posting date')
    .addOption(json())
    .action(async (n: string, o, cmd: Command) => (await import('./commands/stock.js')).postCount(n, o, cmd));
  post
    .command('commission')
    .description('post the commission run for a period (immutable once posted)')
    .requiredOption('-p, --period <period>', 'period, e.g. 2026-03')
    .addOption(json())
    .action(async (o, cmd: Command) => (await import('./commands/finance.js')).commission(o, cmd));

  program
    .command('match')
    .description('match money')
    .command('statement')
    .description('match imported statement lines to open invoices')
    .option('--min-confidence <n>', 'book only proposals this sure (0-100)', '50')
    .addOption(json())
    .action(async (o, cmd: Command) => (await import('./commands/finance.js')).matchStatement(o, cmd));

  const claim = program.command('claim').description('claim something for someone');
  claim
    .command('statement <line>')
    .description(
      'claim an unmatched statement line: money in for a customer, money out for a supplier, either way to an account',
    )
    .option('--customer <code>', 'money in from this customer')
    .option('--invoice <number>', 'settle this invoice; repeat for more (default: oldest first)', collect)
    .option(
      '--order <number>',
      'pay this prepaid order of the customer (default: the one the memo names or the amount fits)',
    )
    .option('--supplier <code>', 'money out to this supplier: their open invoices, oldest first')
    .option(
      '--account <code>',
      'book it to this account: an expense (6601) or other income (6301); no cash, stock or party account',
    )
    .addOption(json())
    .action(async (l: string, o, cmd: Command) => (await import('./commands/finance.js')).claimLine(l, o, cmd));
  claim
    .command('customer <code>')
    .description('take a customer from the public pool')
    .requiredOption('--as <salesperson>', 'salesperson')
    .requiredOption('--date <date>', 'date')
    .addOption(json())
    .action(async (c: string, o, cmd: Command) => (await import('./commands/customers.js')).claim(c, o, cmd));
  program
    .command('release')
    .description('release something')
    .command('customer <code>')
    .description('give a customer back to the public pool')
    .addOption(json())
    .action(async (c: string, o, cmd: Command) => (await import('./commands/customers.js')).release(c, o, cmd));
  program
    .command('follow-up')
    .description('record a follow-up')
    .command('customer <code>')
    .description('record a follow-up with a customer (keeps the claim alive), and when the next is due')
    .requiredOption('--date <date>', 'date')
    .requiredOption('--note <text>', 'what happened')
    .option('--as <salesperson>', 'salesperson')
    .option('--next <date>', 'next follow-up due')
    .addOption(json())
    .action(async (c: string, o, cmd: Command) => (await import('./commands/customers.js')).followUp(c, o, cmd));

  program
    .command('check')
    .description('rebuild balances from the ledgers and compare; silent when all holds')
    .option('-f, --format <format>', 'json prints the problems as data')
    .action(async (o, cmd: Command) => (await import('./commands/book.js')).checkBook(o, cmd));
  program
    .command('backup <file>')
    .description('copy the book to a file (online backup), verified')
    .addOption(json())
    .action(async (f: string, o, cmd: Command) => (await import('./commands/book.js')).backup(f, o, cmd));
  program
    .command('restore <file>')
    .description('replace the book with a verified backup')
    .option('--force', 'restore even while `tradeloop serve` has the book open; it opens the restored one')
    .addOption(json())
    .action(async (f: string, o, cmd: Command) => (await import('./commands/book.js')).restore(f, o, cmd));

  program
    .command('run <job>')
    .description('batch job for cron: reorder, alerts, commission, repost, match, backup, lapse')
    .option('--today <date>', 'the day to run for (default: today)')
    .option('-p, --period <period>', 'commission: the period (default: last month)')
    .option('--to <folder>', 'backup: the folder to write to', '.')
    .addOption(json())
    .addHelpText(
      'after',
      '\nExample (crontab):\n  5 6 * * *  tradeloop --db /srv/acme.db run alerts --format json >> alerts.log',
    )
    .action(async (job: string, o, cmd: Command) => (await import('./commands/run.js')).runJob(job, o, cmd));
}
