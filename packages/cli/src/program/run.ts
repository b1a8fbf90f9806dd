import type { Command } from 'commander';
import { resultFormat } from './shared.js';

/** `tradeloop run <job>`: batch jobs for cron. */
export function registerRun(program: Command): void {
  program
    .command('run <job>')
    .description(
      'batch job for cron: reorder, alerts, commission, repost, match, backup, lapse, report-pack, deliveries',
    )
    .option('--today <date>', 'the day to run for (default: today)')
    .option('-p, --period <period>', 'commission: the period (default: last month)')
    .option('--to <folder>', 'backup: the folder to write to', '.')
    .option(
      '--send',
      'report-pack: send it now to the targets of report_pack.ready (e-mail with the files attached: TRADELOOP_SMTP_URL, TRADELOOP_MAIL_FROM)',
    )
    .addOption(resultFormat())
    .addHelpText(
      'after',
      '\nExample (crontab):\n  5 6 * * *  tradeloop --db /srv/acme.db run alerts --format json >> alerts.log\n  0 7 * * *  tradeloop --db /srv/acme.db run report-pack --to /srv/packs --send\n  * * * * *  tradeloop --db /srv/acme.db run deliveries >> deliveries.log',
    )
    .action(async (job: string, o, cmd: Command) => (await import('../commands/run.js')).runJob(job, o, cmd));
}
