import type { Command } from 'commander';
import { example, formatOption, resultFormat, verb } from './shared.js';

const RULES = 'order_amount, discount, credit, po_amount, supplier_payment';
const APPROVER = 'owner, sales_manager, salesperson, purchasing, warehouse or accountant';

/** Approvals: the inbox, rejecting, a document's history, the rules. */
export function registerApprovals(program: Command): void {
  const approvals = program
    .command('approvals')
    .description("what waits for approval: the inbox, a document's history, the rules");
  approvals
    // `tradeloop approvals` is the inbox; its options live on it, so `approvals rules -f json` is the rules'.
    .command('list', { isDefault: true })
    .description('what waits for your approval (documents whose open step your roles decide)')
    .option('--all', 'every step still pending, of the documents you may see')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file')
    .addHelpText(
      'after',
      `
Approve with \`tradeloop approve order|po|payment N\`, reject with \`tradeloop reject … --reason TEXT\`.

Example:
  $ tradeloop approvals --all`,
    )
    .action(async (o, cmd: Command) => (await import('../commands/approvals.js')).listApprovals(o, cmd));
  approvals
    .command('history <number>')
    .description("a document's approval steps: who asked, who decided, when and why")
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file')
    .addHelpText('after', example('tradeloop approvals history SO-2026-000001'))
    .action(async (n: string, o, cmd: Command) =>
      (await import('../commands/approvals.js')).approvalHistory(n, o, cmd),
    );
  const rules = approvals
    .command('rules')
    .description(`the rules that hold documents for approval (${RULES})`)
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file')
    .action(async (o, cmd: Command) => (await import('../commands/approvals.js')).listRules(o, cmd));
  rules
    .command('set <rule>')
    .description('change a rule (owner); what is left out stays')
    .option('--over <amount>', 'documents over this amount wait for approval')
    .option('--role <role>', `who approves: ${APPROVER}`)
    .option('--second-over <amount>', 'over this amount, a second step follows the first')
    .option('--second-role <role>', 'who approves the second step')
    .option('--no-second', 'no second step')
    .addOption(resultFormat())
    .addHelpText(
      'after',
      example('tradeloop approvals rules set order_amount --second-over 200000 --second-role owner'),
    )
    .action(async (n: string, o, cmd: Command) => (await import('../commands/approvals.js')).setRule(n, o, cmd));

  const reject = verb(program, 'reject', 'reject a document waiting for approval');
  for (const [kind, what] of [
    ['order', 'a sales order: it is cancelled'],
    ['po', 'a purchase order: it is cancelled, its requisitions open again'],
    ['payment', 'a supplier payment request: nothing is paid'],
  ] as const)
    reject
      .command(`${kind} <number>`)
      .description(`reject ${what}`)
      .requiredOption('--reason <text>', 'why (kept in the approval history)')
      .addOption(resultFormat())
      .action(async (n: string, o, cmd: Command) => (await import('../commands/approvals.js')).reject(kind, n, o, cmd));
}
