import type { IsoDate, MoneyOptions, PeriodSpec } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  bucketsRule,
  chartRule,
  countLineRule,
  countRule,
  currencyRule,
  dateRule,
  decimalRule,
  lineChangeRule,
  moneyRule,
  numberedLineRule,
  periodRule,
  qtyRule,
  type Rule,
  skuLineRule,
  timeZoneRule,
  usageError,
  wholeRule,
} from './args.js';
import { withBook } from './book-access.js';
import { FORMATS, type Format } from './formats.js';

/** What option values are read against: the book's currency, and its today for defaults. */
export interface OptionContext {
  money: MoneyOptions;
  today: IsoDate;
}

/**
 * What option rules need of the book. Today is worked out when an option defaults to it (the
 * book's time zone asks Intl for its data): a command given its dates does not pay for that.
 */
export function contextOf(book: Book): OptionContext {
  let today: IsoDate | undefined;
  return {
    money: book.moneyOptions(),
    get today() {
      today ??= book.today();
      return today;
    },
  };
}

/** A zod field from one of the argument rules: the parsed value, or the rule as the issue. */
export function ruled<T>(rule: Rule<T>) {
  return z.string().transform((value, ctx): T => {
    const r = rule(value);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });
}

/** The kinds of option values, each read by its rule in args.ts. */
export const opt = {
  /** Codes, names, notes and file names: read as given. */
  text: () => z.string(),
  /** A switch: commander gives true when it is there. */
  flag: () => z.boolean().default(false),
  date: () => ruled(dateRule),
  qty: () => ruled(qtyRule),
  whole: (min: number, max?: number) => ruled(wholeRule(min, max)),
  count: () => ruled(countRule),
  decimal: () => ruled(decimalRule),
  money: (c: OptionContext) => ruled(moneyRule(c.money)),
  buckets: () => ruled(bucketsRule),
  chart: () => ruled(chartRule),
  timeZone: () => ruled(timeZoneRule),
  currency: () => ruled(currencyRule),
  choice: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `must be one of ${values.join(', ')}` }),
  skuLines: (c: OptionContext) => z.array(ruled(skuLineRule(c.money))),
  numberedLines: () => z.array(ruled(numberedLineRule)),
  /** `LINE:QTY[@PRICE]` changes of an order's lines, zero read (the order refuses it). */
  lineChanges: (c: OptionContext) => z.array(ruled(lineChangeRule(c.money))),
  /** `SKU:QTY` lines of a stock count, zero allowed. */
  countLines: () => z.array(ruled(countLineRule)),
  /** A comma-separated list: `net,margin`. */
  list: () =>
    z.string().transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  /** `-f` of a command's result: text for people, json for scripts. */
  resultFormat: () => z.enum(['text', 'json'], { error: 'must be one of text, json' }).default('text'),
  /** `-f` of a report. */
  reportFormat: (fallback: Format = 'table') =>
    z.enum(FORMATS as [Format, ...Format[]], { error: `must be one of ${FORMATS.join(', ')}` }).default(fallback),
};

/** What every report takes: `-f`, `-o`, `--chart`, and `--as-of` (else the book's today). */
export const reportFields = (c: OptionContext) => ({
  format: opt.reportFormat(),
  output: opt.text().optional(),
  chart: opt.chart().optional(),
  asOf: opt.date().default(() => c.today),
});

export const INTERVALS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;

/**
 * Resolve `--period` (else this year or month, or none) against `--as-of` (else the book's
 * today), after the fields are read; a bad period is an issue of `--period`.
 */
export function resolvePeriod<F extends 'year' | 'month' | undefined>(c: OptionContext, fallback: F) {
  type Spec = F extends undefined ? PeriodSpec | undefined : PeriodSpec;
  return <T extends { period?: string | undefined; asOf?: IsoDate | undefined }>(
    o: T,
    ctx: z.core.$RefinementCtx<T>,
  ): Omit<T, 'period'> & { period: Spec } => {
    const today = o.asOf ?? c.today;
    const text = o.period ?? (fallback === 'year' ? today.slice(0, 4) : fallback === 'month' ? today.slice(0, 7) : '');
    if (text === '') return { ...o, period: undefined as Spec };
    const r = periodRule(today)(text);
    if (r.ok) return { ...o, period: r.value as Spec };
    ctx.addIssue({ code: 'custom', message: r.message, path: ['period'], input: text });
    return z.NEVER;
  };
}

/**
 * Read a command's options by its schema, once, at the start of its action. A refused value is
 * a usage error (exit 2) naming the flag as `--help` shows it, the value and the rule.
 */
export function parseOptions<S extends z.ZodType>(cmd: Command, schema: S, raw: unknown): z.output<S> {
  // Parsed once a run: zod compiling a parser for it would cost more than the parse.
  const r = schema.safeParse(raw, { jitless: true });
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const [key, index] = issue?.path ?? [];
  const option = cmd.options.find((o) => o.attributeName() === key);
  const flag = option?.long ?? option?.short ?? `--${String(key)}`;
  const given = (raw as Record<string, unknown>)[String(key)];
  const value = typeof index === 'number' && Array.isArray(given) ? given[index] : given;
  throw usageError(flag, value, issue?.message ?? 'is not valid here');
}

/** Open the book, read the options against it (its currency, its today), run the action. */
export async function withOptions<S extends z.ZodType, T>(
  cmd: Command,
  schema: (c: OptionContext) => S,
  raw: unknown,
  fn: (o: z.output<S>, book: Book) => Promise<T> | T,
): Promise<T> {
  return withBook(cmd, async (book) => fn(parseOptions(cmd, schema(contextOf(book)), raw), book));
}
