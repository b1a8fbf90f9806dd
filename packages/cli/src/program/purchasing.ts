import type { Command } from 'commander';
import { Option } from 'commander';
import { collect } from '../collect.js';
import { example, resultFormat, verb } from './shared.js';

/** Purchasing from the terminal: approve, pay, invoice, order from requisitions, RFQs, receive. */
export function registerPurchasing(program: Command): void {
  verb(program, 'approve', 'approve a document')
    .command('po <number>')
    .description('approve a purchase order: the approval steps your roles decide; ordered once none waits')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/purchasing.js')).approvePo(n, o, cmd));

  verb(program, 'approve', 'approve a document')
    .command('payment <number>')
    .description('approve a supplier payment request; paid as requested once no step waits')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop approve payment PRQ-2026-000001'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/approvals.js')).approvePayment(n, o, cmd));

  verb(program, 'pay', 'record money paid')
    .command('supplier <code>')
    .description(
      'pay a supplier; settles their invoices oldest first (over the supplier_payment rule, a request waits for approval)',
    )
    .option('--date <date>', 'payment date (default: today in the book’s time zone)')
    .requiredOption('--amount <amount>', 'amount paid')
    .addOption(resultFormat())
    .action(async (c: string, o, cmd: Command) => (await import('../commands/purchasing.js')).paySupplier(c, o, cmd));

  verb(program, 'invoice', 'invoice goods')
    .command('po <number>')
    .description('book the supplier’s invoice for what was received (three-way match)')
    .option('--date <date>', 'invoice date (default: today in the book’s time zone)')
    .option('--number <number>', 'the supplier’s invoice number')
    .addOption(new Option('--vat <kind>', 'VAT invoice kind').choices(['normal', 'special']).default('special'))
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/purchasing.js')).invoicePo(n, o, cmd));

  const create = verb(program, 'create', 'create documents');
  create
    .command('pos')
    .description('turn open requisitions into purchase orders by preferred supplier')
    .option('--date <date>', 'order date (default: today in the book’s time zone)')
    .addOption(resultFormat())
    .action(async (o, cmd: Command) => (await import('../commands/purchasing.js')).createPos(o, cmd));
  create
    .command('rfq')
    .description('ask suppliers for quotes, for a requisition or a product and quantity')
    .option(
      '--requisition <number>',
      'an open requisition: its product, quantity and warehouse; it waits for the award',
    )
    .option('--sku <sku>', 'product (without --requisition)')
    .option('--qty <qty>', 'quantity (without --requisition)')
    .option('--warehouse <code>', 'receiving warehouse (without --requisition)')
    .option('--date <date>', 'RFQ date (default: today in the book’s time zone)')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop create rfq --requisition PR-2026-000004'))
    .action(async (o, cmd: Command) => (await import('../commands/purchasing.js')).createRfq(o, cmd));

  verb(program, 'receive', 'receive goods')
    .command('po <number>')
    .description('receive a purchase order (or the given lines); goods go first to the orders waiting for them')
    .option('--date <date>', 'receipt date (default: today in the book’s time zone)')
    .option('--line <LINE:QTY[:BATCH:EXPIRY]>', 'receive part of a line; repeat for more', collect)
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop receive po PO-2026-000001 --date 2026-03-06'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/purchasing.js')).receivePo(n, o, cmd));

  verb(program, 'return', 'take goods back')
    .command('po <number>')
    .description('send received goods back to the supplier: out at their receipt cost, with a debit note')
    .option('--date <date>', 'return date (default: today in the book’s time zone)')
    .requiredOption('--line <LINE:QTY>', 'returned quantity of a line; repeat for more', collect)
    .option('--reason <text>', 'why the goods go back (kept in the audit log)')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop return po PO-2026-000001 --line 1:2 --reason 破损'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/purchasing.js')).returnPo(n, o, cmd));

  verb(program, 'quote', 'record a supplier quote')
    .command('rfq <number>')
    .description("record a supplier's quote on an RFQ")
    .requiredOption('--supplier <code>', 'supplier')
    .requiredOption('--price <amount>', 'unit price')
    .requiredOption('--lead-days <days>', 'lead time in days')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/purchasing.js')).quoteRfq(n, o, cmd));
  verb(program, 'award', 'award an RFQ')
    .command('rfq <number>')
    .description('order from the best quote (price, lead time, supplier grade)')
    .option('--date <date>', 'order date (default: today in the book’s time zone)')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/purchasing.js')).awardRfq(n, o, cmd));
}
