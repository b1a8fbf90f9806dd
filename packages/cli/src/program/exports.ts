import { type Command, Option } from 'commander';

/** `tradeloop export …`: records from the book to files. */
export function registerExports(program: Command): void {
  const exportCmd = program.command('export').description('write records from the book to files');
  exportCmd
    .command('products')
    .description('every product, in the layout `import products` reads')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText('after', '\nExample:\n  $ tradeloop export products -o products.csv')
    .action(async (options, cmd: Command) =>
      (await import('../commands/export-products.js')).exportProducts(options, cmd),
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
      (await import('../commands/export-list.js')).exportList(name, o, cmd),
    );
}
