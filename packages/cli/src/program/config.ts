import type { Command } from 'commander';
import { formatOption, resultFormat } from './shared.js';

/** `tradeloop config`: the book's settings, read and set one at a time. */
export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('the book’s settings: company, currency, time zone, rounding, CRM, numbering, approvals');
  config
    .command('list', { isDefault: true })
    .description('every setting with its value, its default and what it sets')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file')
    .addHelpText('after', '\nExample:\n  $ tradeloop config list --format csv')
    .action(async (o, cmd: Command) => (await import('../commands/config.js')).listConfig(o, cmd));
  config
    .command('get <key>')
    .description('one setting’s value')
    .addHelpText('after', '\nExample:\n  $ tradeloop config get crm.claim_cap')
    .action(async (key: string, o, cmd: Command) => (await import('../commands/config.js')).getConfig(key, o, cmd));
  config
    .command('set <key> <value>')
    .description('change one setting (owner); checked, and kept in the audit trail')
    .addOption(resultFormat())
    .addHelpText(
      'after',
      `
Examples:
  $ tradeloop config set company "华东茶叶贸易有限公司"
  $ tradeloop config set tax_id 91330100MA2XXXXX0X
  $ tradeloop config set crm.claim_cap 150
  $ tradeloop config set numbering.SO "XS{YY}{MM}-{####}"
  $ tradeloop config set approval.order_amount.over 20000`,
    )
    .action(async (key: string, value: string, o, cmd: Command) =>
      (await import('../commands/config.js')).setConfig(key, value, o, cmd),
    );
}
