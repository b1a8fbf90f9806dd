import type { Command } from 'commander';
import { Option } from 'commander';
import { collect } from '../collect.js';
import { example, resultFormat, verb } from './shared.js';

/** Sales orders from the terminal: place, amend, approve, pay, ship, invoice, cancel, return. */
export function registerSales(program: Command): void {
  verb(program, 'place', 'place a document')
    .command('order')
    .description("place a sales order; prices come from the price lists and promotions, else the product's own price")
    .requiredOption('--customer <code>', 'customer code')
    .requiredOption('--warehouse <code>', 'warehouse to ship from')
    .option('--date <date>', 'order date (default: today in the book’s time zone)')
    .option('--promise <date>', 'promised delivery date (default: a week after the order)')
    .option('--salesperson <code>', 'salesperson (default: the customer’s owner)')
    .option('--channel <name>', 'sales channel (default: the customer’s)')
    .requiredOption('--line <SKU:QTY[@PRICE]>', 'a line; repeat for more; @PRICE asks for a special price', collect)
    .option('--explain', 'show how each line was priced: the list or base price that won, promotions, checks')
    .addOption(resultFormat())
    .addHelpText(
      'after',
      example(
        'tradeloop place order --customer C001 --warehouse WH1 --date 2026-03-02 --line TEA-001:12 --line COF-002:5@55 --explain',
      ),
    )
    .action(async (o, cmd: Command) => (await import('../commands/sales.js')).placeOrder(o, cmd));

  verb(program, 'amend', 'change a document')
    .command('order <number>')
    .description(
      'amend a sales order before it ships: priced, reserved and approved again as placing does; shipped quantities stay',
    )
    .option('--line <SKU:QTY[@PRICE]>', 'add a line; repeat for more; @PRICE asks for a special price', collect)
    .option(
      '--set <LINE:QTY[@PRICE]>',
      'change a line’s quantity (and price; LINE:@PRICE for the price alone)',
      collect,
    )
    .option('--remove <LINE>', 'remove a line nothing has shipped of; repeat for more', collect)
    .option('--promise <date>', 'new promised delivery date')
    .option('--order-date <date>', 'new order date (prices are looked up on it)')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop amend order SO-2026-000001 --set 1:20 --line COF-002:5@55 --remove 3'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).amendOrder(n, o, cmd));

  verb(program, 'approve', 'approve a document')
    .command('order <number>')
    .description(
      'approve a sales order: the approval steps your roles decide; once none waits, reserves stock and requisitions what is short',
    )
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop approve order SO-2026-000001'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).approveOrder(n, o, cmd));

  verb(program, 'pay', 'record money paid')
    .command('order <number>')
    .description('a customer’s payment for a prepaid order')
    .option('--date <date>', 'payment date (default: today in the book’s time zone)')
    .requiredOption('--amount <amount>', 'amount received')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop pay order SO-2026-000002 --date 2026-03-03 --amount 424.88'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).payOrder(n, o, cmd));

  verb(program, 'ship', 'ship goods')
    .command('order <number>')
    .description('ship the reserved stock of a sales order (or the given lines) at FIFO cost')
    .option('--date <date>', 'shipping date (default: today in the book’s time zone)')
    .option('--carrier <name>', 'carrier, e.g. 顺丰')
    .option('--tracking <number>', 'tracking number')
    .option('--line <LINE:QTY>', 'ship part of a line; repeat for more', collect)
    .addOption(resultFormat())
    .addHelpText(
      'after',
      example('tradeloop ship order SO-2026-000001 --date 2026-03-07 --carrier 顺丰 --tracking SF1234567890'),
    )
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).shipOrder(n, o, cmd));

  verb(program, 'invoice', 'invoice goods')
    .command('order <number>')
    .description('invoice what has shipped on a sales order')
    .option('--date <date>', 'invoice date (default: today in the book’s time zone)')
    .addOption(new Option('--vat <kind>', 'VAT invoice kind').choices(['normal', 'special']).default('normal'))
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).invoiceOrder(n, o, cmd));

  verb(program, 'cancel', 'cancel a document')
    .command('order <number>')
    .description('cancel a sales order before shipment; releases its reservations')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).cancelOrder(n, o, cmd));

  verb(program, 'return', 'take goods back')
    .command('order <number>')
    .description('a customer return: back in stock at the original cost, with a credit note')
    .option('--date <date>', 'return date (default: today in the book’s time zone)')
    .requiredOption('--line <LINE:QTY>', 'returned quantity of a line; repeat for more', collect)
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/sales.js')).returnOrder(n, o, cmd));
}
