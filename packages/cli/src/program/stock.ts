import type { Command } from 'commander';
import { collect } from '../collect.js';
import { resultFormat, verb } from './shared.js';

/** Stock from the terminal: transfers and stock counts. */
export function registerStock(program: Command): void {
  verb(program, 'transfer', 'move stock')
    .command('stock')
    .description('move stock between warehouses at cost')
    .requiredOption('--from <code>', 'source warehouse')
    .requiredOption('--to <code>', 'destination warehouse')
    .option('--date <date>', 'transfer date (default: today in the book’s time zone)')
    .requiredOption('--line <SKU:QTY>', 'a product and quantity; repeat for more', collect)
    .addOption(resultFormat())
    .action(async (o, cmd: Command) => (await import('../commands/stock.js')).transfer(o, cmd));

  verb(program, 'start', 'start a process')
    .command('count')
    .description('start a stock count: book quantities are frozen now')
    .requiredOption('--warehouse <code>', 'warehouse')
    .option('--date <date>', 'count date (default: today in the book’s time zone)')
    .addOption(resultFormat())
    .action(async (o, cmd: Command) => (await import('../commands/stock.js')).startCount(o, cmd));
  verb(program, 'enter', 'enter data')
    .command('count <number>')
    .description('enter counted quantities')
    .requiredOption('--line <SKU:QTY>', 'a counted quantity (0 for an empty shelf); repeat for more', collect)
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/stock.js')).enterCount(n, o, cmd));

  verb(program, 'post', 'post a document')
    .command('count <number>')
    .description('post a stock count: gains and losses at cost')
    .option('--date <date>', 'posting date (default: today in the book’s time zone)')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/stock.js')).postCount(n, o, cmd));
}
