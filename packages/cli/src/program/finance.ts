import type { Command } from 'commander';
import { collect } from '../collect.js';
import { resultFormat, verb } from './shared.js';

/** Money from the terminal: commission runs, statement matching and claims. */
export function registerFinance(program: Command): void {
  verb(program, 'post', 'post a document')
    .command('commission')
    .description('post the commission run for a period (immutable once posted)')
    .requiredOption('-p, --period <period>', 'period, e.g. 2026-03')
    .addOption(resultFormat())
    .action(async (o, cmd: Command) => (await import('../commands/finance.js')).commission(o, cmd));

  verb(program, 'match', 'match money')
    .command('statement')
    .description('match imported statement lines to open invoices')
    .option('--min-confidence <n>', 'book only proposals this sure (0-100)', '50')
    .addOption(resultFormat())
    .action(async (o, cmd: Command) => (await import('../commands/finance.js')).matchStatement(o, cmd));

  verb(program, 'claim', 'claim something for someone')
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
    .addOption(resultFormat())
    .action(async (l: string, o, cmd: Command) => (await import('../commands/finance.js')).claimLine(l, o, cmd));
}
