import type { Command } from 'commander';
import { z } from 'zod';
import { opt, withOptions } from '../options.js';
import type { Report } from '../report-table.js';
import { printResult } from '../result.js';

/** `tradeloop config list`: every setting, its value, default and meaning. */
export async function listConfig(raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.reportFormat(), output: opt.text().optional() }),
    raw,
    async (o, book) => {
      const [{ listConfig: list }, { writeReport }] = await Promise.all([
        import('@tradeloop/store'),
        import('../report-table.js'),
      ]);
      const report: Report = {
        columns: [
          { key: 'key', title: 'Key 设置项', kind: 'text' },
          { key: 'value', title: 'Value 值', kind: 'text' },
          { key: 'default', title: 'Default 默认', kind: 'text', blank: '—' },
          { key: 'description', title: 'What it sets 说明', kind: 'text' },
        ],
        rows: list(book).map((e) => ({
          key: e.key,
          value: e.value,
          default: e.default || null,
          description: e.description,
        })),
      };
      await writeReport(report, o, book.settings().precision, 'settings');
    },
  );
}

/** `tradeloop config get KEY`: the value alone, for scripts. */
export async function getConfig(key: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({}),
    raw,
    async (_o, book) => {
      const [{ listConfig: list }, { configSetting, TradeloopError }] = await Promise.all([
        import('@tradeloop/store'),
        import('@tradeloop/core'),
      ]);
      const found = configSetting(key);
      if (!found.ok)
        throw new TradeloopError('command.rejected', found.issues.map((i) => i.message).join('; '), { path: [key] });
      const entry = list(book).find((e) => e.key === found.value.key);
      process.stdout.write(`${entry?.value ?? ''}\n`);
    },
  );
}

/** `tradeloop config set KEY VALUE`. */
export async function setConfig(key: string, value: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.resultFormat() }),
    raw,
    async (o, book) => {
      const { setConfig: set } = await import('@tradeloop/store');
      const r = set(book, key, value);
      printResult(o.format, r, (x: typeof r) =>
        x.before === x.after ? `${x.key} is already ${x.after}` : `${x.key}: ${x.before || '—'} → ${x.after}`,
      );
    },
  );
}
