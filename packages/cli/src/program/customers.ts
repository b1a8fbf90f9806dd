import type { Command } from 'commander';
import { resultFormat, verb } from './shared.js';

/** Customers from the terminal: create, claim from the public pool, release, follow up. */
export function registerCustomers(program: Command): void {
  verb(program, 'create', 'create documents')
    .command('customer <code>')
    .description('create a customer, refusing a likely duplicate')
    .requiredOption('--name <name>', 'name')
    .option('--phone <phone>', 'phone')
    .option('--tax-id <id>', 'unified social credit code')
    .option('--tier <tier>', 'price tier')
    .option('--force', 'create even if it looks like an existing customer')
    .addOption(resultFormat())
    .action(async (c: string, o, cmd: Command) => (await import('../commands/customers.js')).addCustomer(c, o, cmd));

  verb(program, 'claim', 'claim something for someone')
    .command('customer <code>')
    .description('take a customer from the public pool')
    .requiredOption('--as <salesperson>', 'salesperson')
    .option('--date <date>', 'claim date (default: today in the book’s time zone)')
    .addOption(resultFormat())
    .action(async (c: string, o, cmd: Command) => (await import('../commands/customers.js')).claim(c, o, cmd));
  verb(program, 'release', 'release something')
    .command('customer <code>')
    .description('give a customer back to the public pool')
    .addOption(resultFormat())
    .action(async (c: string, o, cmd: Command) => (await import('../commands/customers.js')).release(c, o, cmd));
  verb(program, 'follow-up', 'record a follow-up')
    .command('customer <code>')
    .description('record a follow-up with a customer (keeps the claim alive), and when the next is due')
    .option('--date <date>', 'follow-up date (default: today in the book’s time zone)')
    .requiredOption('--note <text>', 'what happened')
    .option('--as <salesperson>', 'salesperson')
    .option('--next <date>', 'next follow-up due')
    .addOption(resultFormat())
    .action(async (c: string, o, cmd: Command) => (await import('../commands/customers.js')).followUp(c, o, cmd));
}
