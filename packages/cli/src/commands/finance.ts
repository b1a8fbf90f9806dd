import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, resolvePeriod, withOptions } from '../options.js';
import { money, printResult } from '../result.js';

const matchOptions = () => z.object({ minConfidence: opt.whole(0, 100), format: opt.resultFormat() });

export async function matchStatement(raw: unknown, cmd: Command) {
  await withOptions(cmd, matchOptions, raw, async (o, book) => {
    const { autoMatchStatement } = await import('@tradeloop/store');
    const r = autoMatchStatement(book, { minConfidence: o.minConfidence });
    printResult(o.format, r, (x: typeof r) =>
      [
        `${x.matched.length} lines matched, ${x.unmatched.length} waiting to be claimed`,
        ...x.matched.map((m) => `  line ${m.line} → ${m.payment} (${m.rule}, ${m.confidence}%)`),
        ...x.unmatched.map((u) => `  line ${u.line}: ${u.reason}`),
      ].join('\n'),
    );
  });
}

const claimOptions = () =>
  z.object({
    customer: opt.text().optional(),
    invoice: z.array(opt.text()).optional(),
    order: opt.text().optional(),
    supplier: opt.text().optional(),
    account: opt.text().optional(),
    format: opt.resultFormat(),
  });

export async function claimLine(line: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, claimOptions, raw, async (o, book) => {
    const [{ claimStatementLine }, { TradeloopError }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const targets = [o.customer, o.supplier, o.account].filter((k) => k !== undefined);
    if (targets.length !== 1)
      throw new TradeloopError('usage.claim', 'say what the line pays: one of --customer, --supplier or --account');
    if (!/^\d+$/.test(line)) throw new TradeloopError('usage.claim', `${line} is no statement line number`);
    const r = claimStatementLine(book, Number(line), {
      ...(o.customer === undefined ? {} : { customer: o.customer }),
      ...(o.supplier === undefined ? {} : { supplier: o.supplier }),
      ...(o.account === undefined ? {} : { account: o.account }),
      ...(o.order === undefined ? {} : { order: o.order }),
      ...(o.invoice ? { invoices: o.invoice } : {}),
    });
    printResult(
      o.format,
      r,
      (x: typeof r) => `line ${line} claimed for ${o.customer ?? o.supplier ?? o.account}: ${x.payment}`,
    );
  });
}

const commissionOptions = (c: OptionContext) =>
  z.object({ period: opt.text(), format: opt.resultFormat() }).transform(resolvePeriod(c, 'month'));

export async function commission(raw: unknown, cmd: Command) {
  await withOptions(cmd, commissionOptions, raw, async (o, book) => {
    const { postCommission } = await import('@tradeloop/store');
    const r = postCommission(book, { start: o.period.start, end: o.period.end });
    if (r.run === null) {
      // Nothing to do is not a failure (exit 0, as hledger and cron expect), but it is said, on
      // stderr; scripts read `run: null` and the reason from --format json.
      process.stderr.write(`note: ${r.skipped.message} [${r.skipped.code}]\n`);
      if (o.format === 'json')
        printResult('json', { run: null, total: 0, skipped: r.skipped, statements: [] }, () => '');
      return;
    }
    const { precision } = book.settings();
    printResult(
      o.format,
      {
        run: r.run,
        total: r.total,
        statements: r.statements.map((s) => ({
          salesperson: s.salesperson,
          base: s.base,
          amount: s.amount,
          override: s.override?.amount ?? 0,
          total: s.total,
        })),
      },
      () =>
        [
          `${r.run}: ${money(r.total, precision)}`,
          ...r.statements.map(
            (s) =>
              `  ${s.salesperson.padEnd(10)} base ${money(s.base, precision).padStart(14)}  commission ${money(s.total, precision).padStart(10)}`,
          ),
        ].join('\n'),
    );
  });
}
