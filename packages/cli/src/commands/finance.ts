import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import { money, printResult } from '../result.js';

type Opts = Record<string, string | string[] | boolean | undefined>;
const fmt = (o: Opts) => o.format as string | undefined;

export async function matchStatement(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { autoMatchStatement } = await import('@tradeloop/store');
    const r = autoMatchStatement(book, o.minConfidence ? { minConfidence: Number(o.minConfidence) } : {});
    printResult(fmt(o), r, (x: typeof r) =>
      [
        `${x.matched.length} lines matched, ${x.unmatched.length} waiting to be claimed`,
        ...x.matched.map((m) => `  line ${m.line} → ${m.payment} (${m.rule}, ${m.confidence}%)`),
        ...x.unmatched.map((u) => `  line ${u.line}: ${u.reason}`),
      ].join('\n'),
    );
  });
}

export async function claimLine(line: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ claimStatementLine }, { TradeloopError }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const targets = ['customer', 'supplier', 'account'].filter((k) => o[k]);
    if (targets.length !== 1)
      throw new TradeloopError('usage.claim', 'say what the line pays: one of --customer, --supplier or --account');
    if (!/^\d+$/.test(line)) throw new TradeloopError('usage.claim', `${line} is no statement line number`);
    const str = (k: string) => (typeof o[k] === 'string' ? { [k]: o[k] as string } : {});
    const r = claimStatementLine(book, Number(line), {
      ...str('customer'),
      ...str('supplier'),
      ...str('account'),
      ...str('order'),
      ...(o.invoice ? { invoices: o.invoice as string[] } : {}),
    });
    printResult(
      fmt(o),
      r,
      (x: typeof r) => `line ${line} claimed for ${o.customer ?? o.supplier ?? o.account}: ${x.payment}`,
    );
  });
}

export async function commission(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const [{ postCommission }, { parsePeriod, TradeloopError }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    const p = parsePeriod(o.period as string);
    if (!p.ok) throw new TradeloopError('usage.period', `--period ${o.period}: ${p.issues[0]?.message}`);
    const r = postCommission(book, { start: p.value.start, end: p.value.end });
    if (r.run === null) {
      // Nothing to do is not a failure (exit 0, as hledger and cron expect), but it is said, on
      // stderr; scripts read `run: null` and the reason from --format json.
      process.stderr.write(`note: ${r.skipped.message} [${r.skipped.code}]\n`);
      if (fmt(o) === 'json') printResult('json', { run: null, total: 0, skipped: r.skipped, statements: [] }, () => '');
      return;
    }
    printResult(
      fmt(o),
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
