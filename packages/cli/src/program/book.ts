import { type Command, Option } from 'commander';
import { example, formatOption, resultFormat } from './shared.js';

/** `tradeloop init`: a new book, or the demo company. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a new book')
    .option('--demo', 'fill it with the demo company: two years of trading, built through the real commands')
    .option('--scale <n>', 'with --demo: more customers and orders (1 = a small trader)', '1')
    .option('--seed <n>', 'with --demo: the random seed (same seed, same company)', '42')
    .option('--history <lines>', 'with --demo: also this many lines of completed sales before, by the bulk path')
    .option('--company <name>', 'company name')
    .option('--currency <code>', 'currency code, e.g. CNY')
    .option('--time-zone <zone>', 'time zone the business days are kept in (default Asia/Shanghai)')
    .option('--precision <places>', "decimal places of amounts (default: the currency's, 2 for CNY, 0 for JPY)")
    .addOption(
      new Option(
        '--rounding <mode>',
        'how every amount is rounded: half-up (commercial) or half-even (banker’s)',
      ).choices(['half-up', 'half-even']),
    )
    .option(
      '--prices-include-tax',
      'product prices, and new price lists unless they say otherwise, include VAT (含税价)',
    )
    .option('--owner <name>', 'the first user, who signs in as owner and adds the others (asked on a terminal)')
    .option('--owner-password-file <file>', "read the owner's password from this file (- for stdin)")
    .addHelpText(
      'after',
      '\nExamples:\n  $ tradeloop init --demo --db demo.db\n  $ tradeloop init --demo --history 1000000 --db big.db   # a book of a million and more lines, for benchmarks',
    )
    .action(async (options, cmd: Command) => (await import('../commands/init.js')).init(options, cmd));
}

/** `tradeloop serve`: the web UI over the book. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the web UI')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '5173')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--allow-host <names>',
      'other host names the UI answers to, comma-separated (a LAN name, a proxy); also TRADELOOP_ALLOWED_HOSTS',
    )
    .option(
      '--origin <url>',
      'the address people reach the UI at behind a reverse proxy, e.g. https://erp.example.com (cookies are then Secure)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ tradeloop serve --db demo.db --port 8080\n  $ tradeloop serve --host 0.0.0.0 --allow-host erp.lan,192.168.1.20\n  $ tradeloop serve --port 8080 --origin https://erp.example.com   # behind nginx or caddy with TLS',
    )
    .action(async (options, cmd: Command) => (await import('../commands/serve.js')).serve(options, cmd));
}

/** Care of the book itself: check, backup, restore, move. */
export function registerBook(program: Command): void {
  program
    .command('check')
    .description('rebuild balances from the ledgers and compare, and verify the audit chain; silent when all holds')
    .option('-f, --format <format>', 'json prints the problems as data')
    .option(
      '--full',
      'prove every ledger row again, not only what changed since the last check (after the file was edited by hand, for an audit)',
    )
    .action(async (o, cmd: Command) => (await import('../commands/book.js')).checkBook(o, cmd));
  program
    .command('audit')
    .description('the audit log: who changed what, when, before and after; oldest first')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--user <name>', 'what this user did')
    .option('--record <record>', 'one record: a document number, or table:key such as products:TEA-001')
    .option('--command <name>', 'one command, e.g. editProduct (and editProduct.price …)')
    .option('-p, --period <period>', 'days in the book’s time zone: 2026, 2026Q1, 2026-03, 2026-03-01..2026-03-15')
    .addHelpText('after', example('tradeloop audit --record SO-2026-000001 -p 2026-03 --format csv'))
    .action(async (o, cmd: Command) => (await import('../commands/audit.js')).audit(o, cmd));
  program
    .command('backup <file>')
    .description('copy the book to a file (online backup), verified')
    .addOption(resultFormat())
    .action(async (f: string, o, cmd: Command) => (await import('../commands/book.js')).backup(f, o, cmd));
  program
    .command('restore <file>')
    .description('replace the book with a verified backup')
    .option('--force', 'restore even while `tradeloop serve` has the book open; it opens the restored one')
    .addOption(resultFormat())
    .action(async (f: string, o, cmd: Command) => (await import('../commands/book.js')).restore(f, o, cmd));
  program
    .command('move')
    .description(
      'copy the book to the other engine (a file into an empty PostgreSQL database, or back), then prove it: check on both, every table and every report the same',
    )
    .requiredOption('--to <target>', 'postgres://user@host/db (an empty database), or a new file')
    .option('--as-of <date>', 'the day the reports compared are run for (default: the book’s today)')
    .addOption(resultFormat())
    .addHelpText(
      'after',
      example(
        'tradeloop --db acme.db move --to postgres://tl@db.internal/acme\n  then: TRADELOOP_DB=postgres://tl@db.internal/acme tradeloop serve',
      ),
    )
    .action(async (o, cmd: Command) => (await import('../commands/book.js')).move(o, cmd));
}
