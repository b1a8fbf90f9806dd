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
    .addOption(resultFormat())
    .addHelpText(
      'after',
      '\nExample (crontab):\n  5 6 * * *  tradeloop --db /srv/acme.db run alerts --format json >> alerts.log\n  * * * * *  tradeloop --db /srv/acme.db run deliveries >> deliveries.log',
    )
    .action(async (job: string, o, cmd: Command) => (await import('../commands/run.js')).runJob(job, o, cmd));
}
