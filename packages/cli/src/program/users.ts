import type { Command } from 'commander';
import { collect } from '../collect.js';
import { example, resultFormat } from './shared.js';

const SCOPE_HELP =
  'what it may do over the HTTP API (/api/v1): products:read, customers:read, orders:read, orders:write, stock:read, invoices:read, payments:read, payments:write, statements:read, or * for all; repeat for more (none: the command line only)';
const ROLE_HELP = 'a role: owner, sales_manager, salesperson, purchasing, warehouse, accountant, auditor, customer';

/** People: users and their roles, signing in and out, tokens for programs. */
export function registerUsers(program: Command): void {
  const user = program.command('user').description('users of the book and their roles');
  user
    .command('add <name>')
    .description('add a user who signs in with a password')
    .requiredOption('--role <role>', `${ROLE_HELP}; repeat for more`, collect)
    .option('--display-name <name>', 'name shown, e.g. 林晓')
    .option('--salesperson <code>', 'the salesperson record they sell as')
    .option('--customer <code>', 'the customer they buy for (customer role)')
    .option('--email <address>', 'where approvals waiting for them are e-mailed (mailto:approvers)')
    .option('--password-file <file>', 'read the password from this file (- for stdin); else asked on a terminal')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop user add lin --role salesperson --salesperson lin --password-file pw.txt'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/users.js')).userAdd(n, o, cmd));
  user
    .command('list')
    .description('every user, their roles and links')
    .option('-f, --format <format>', 'table, csv, json or xlsx')
    .option('-o, --output <file>', 'write to a file')
    .action(async (o, cmd: Command) => (await import('../commands/users.js')).userList(o, cmd));
  user
    .command('set <name>')
    .description("change a user's roles, name shown or links")
    .option('--role <role>', `${ROLE_HELP}; repeat for more (replaces their roles)`, collect)
    .option('--display-name <name>', 'name shown')
    .option('--salesperson <code>', 'the salesperson record they sell as ("" for none)')
    .option('--customer <code>', 'the customer they buy for ("" for none)')
    .option('--email <address>', 'where approvals waiting for them are e-mailed ("" for none)')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/users.js')).userSet(n, o, cmd));
  user
    .command('disable <name>')
    .description('stop a user signing in; their history stays')
    .option('--enable', 'let them sign in again')
    .addOption(resultFormat())
    .action(async (n: string, o, cmd: Command) => (await import('../commands/users.js')).userDisable(n, o, cmd));
  user
    .command('passwd <name>')
    .description("set a user's password; their sign-ins elsewhere end")
    .option('--password-file <file>', 'read the password from this file (- for stdin); else asked on a terminal')
    .action(async (n: string, o, cmd: Command) => (await import('../commands/users.js')).userPasswd(n, o, cmd));

  program
    .command('login <name>')
    .description('sign in to the book; later commands act as you until the sign-in expires')
    .option('--password-file <file>', 'read the password from this file (- for stdin); else asked on a terminal')
    .option('--hours <n>', 'how long the sign-in lasts', '12')
    .addHelpText('after', example('tradeloop login lin'))
    .action(async (n: string, o, cmd: Command) => (await import('../commands/users.js')).login(n, o, cmd));
  program
    .command('logout')
    .description('sign out of the book')
    .action(async (o, cmd: Command) => (await import('../commands/users.js')).logout(o, cmd));
  program
    .command('whoami')
    .description('who commands act as, and what they may do')
    .addOption(resultFormat())
    .action(async (o, cmd: Command) => (await import('../commands/users.js')).whoami(o, cmd));
  program
    .command('token')
    .description('tokens for programs (cron jobs): TRADELOOP_TOKEN')
    .command('create <user>')
    .description('a token acting as USER, shown once')
    .option('--days <n>', 'days until it expires', '90')
    .option('--label <text>', 'what it is for, e.g. nightly alerts')
    .option('--scope <scope>', SCOPE_HELP, collect)
    .addOption(resultFormat())
    .addHelpText(
      'after',
      `${example('tradeloop token create cron --days 365 --label "nightly alerts"')}
  $ tradeloop token create shop --label "web shop" --scope products:read --scope stock:read --scope orders:read --scope orders:write`,
    )
    .action(async (u: string, o, cmd: Command) => (await import('../commands/users.js')).tokenCreate(u, o, cmd));
}
