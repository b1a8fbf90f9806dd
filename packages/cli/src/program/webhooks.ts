import type { Command } from 'commander';
import { collect } from '../collect.js';
import { example, formatOption, resultFormat } from './shared.js';

const EVENTS_HELP =
  'an event: order.placed, order.approved, order.shipped, payment.matched, approval.waiting, alert.raised, report_pack.ready';

/** Webhooks: where the book's events are POSTed, and the log of what was sent. */
export function registerWebhooks(program: Command): void {
  const webhook = program
    .command('webhook')
    .description('send the book’s events to other programs, group robots and e-mail');
  webhook
    .command('add <url>')
    .description(
      'send events to a URL (a signed webhook; prints its secret once), a WeCom / DingTalk / Feishu group robot, or mailto: addresses',
    )
    .requiredOption('--event <event>', `${EVENTS_HELP}; repeat for more`, collect)
    .option(
      '--secret <secret>',
      'a webhook’s signing secret (default: a new random one); a DingTalk or Feishu robot’s secret (SEC…) when signing is on',
    )
    .option(
      '--target <target>',
      'webhook, wecom, dingtalk, feishu or email (default: read from the URL: qyapi.weixin.qq.com, oapi.dingtalk.com, open.feishu.cn, mailto:)',
    )
    .option('--locale <locale>', 'the language of robot and e-mail messages: zh-CN (default) or en')
    .addOption(resultFormat())
    .addHelpText(
      'after',
      `${example('tradeloop webhook add https://erp.example.com/hooks --event order.placed --event order.shipped')}
  $ tradeloop webhook add "https://oapi.dingtalk.com/robot/send?access_token=…" --secret SEC… --event alert.raised
  $ tradeloop webhook add "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" --event order.shipped
  $ tradeloop webhook add mailto:approvers --event approval.waiting      # each approver, at their user's --email
  $ tradeloop webhook add mailto:boss@example.com --event report_pack.ready --locale en`,
    )
    .action(async (url: string, o, cmd: Command) => (await import('../commands/webhooks.js')).webhookAdd(url, o, cmd));
  webhook
    .command('list', { isDefault: true })
    .description('the subscriptions and their events')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file')
    .addHelpText('after', example('tradeloop webhook list --format json'))
    .action(async (o, cmd: Command) => (await import('../commands/webhooks.js')).webhookList(o, cmd));
  webhook
    .command('remove <id>')
    .description('stop a subscription; what it was sent stays in the log')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop webhook remove 2'))
    .action(async (id: string, o, cmd: Command) => (await import('../commands/webhooks.js')).webhookRemove(id, o, cmd));
  webhook
    .command('retry <delivery>')
    .description('send a delivery again at the next run: one given up, or waiting for its next attempt')
    .addOption(resultFormat())
    .addHelpText('after', example('tradeloop webhook retry 17 && tradeloop run deliveries'))
    .action(async (id: string, o, cmd: Command) => (await import('../commands/webhooks.js')).webhookRetry(id, o, cmd));
  program
    .command('deliveries')
    .description('the webhook delivery log, newest first: status, attempts, next attempt, last error')
    .addOption(formatOption('table'))
    .option('-o, --output <file>', 'write to a file')
    .option('--limit <n>', 'how many (default 100)')
    .addHelpText('after', example('tradeloop deliveries --format csv'))
    .action(async (o, cmd: Command) => (await import('../commands/webhooks.js')).deliveryLog(o, cmd));
}
