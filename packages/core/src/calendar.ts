// One module each, not the package's index: the index loads every date-fns function (a fifth of
// a second at every start of a process that imports core).
import { addDays as addDaysToDate } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';
import { z } from 'zod';
import { assertInput, dateInput, daysInput, inputIssues } from './input.js';
import { fail, ok, type Result } from './issue.js';

/**
 * A calendar date, `YYYY-MM-DD`. Business dates carry no time and no time zone; they compare as
 * strings. Date arithmetic goes through date-fns on local midnights and comes back as text.
 */
export type IsoDate = string;

export const isoDateSchema = z.iso.date({ error: 'must be a date like 2026-03-05' });

const PATTERNS = ['yyyy-MM-dd', 'yyyy/M/d', 'yyyy.M.d', 'yyyy年M月d日', 'yyyyMMdd'];

const toDate = (d: IsoDate): Date => parse(d, 'yyyy-MM-dd', new Date(2000, 0, 1));
const toIso = (d: Date): IsoDate => format(d, 'yyyy-MM-dd');

/**
 * Read a date as people write it: `2026-03-05`, `2026/3/5`, `2026.3.5`, `2026年3月5日`, `20260305`.
 *
 * @example
 * parseDate('2026年3月5日') // { ok: true, value: '2026-03-05' }
 * parseDate('2026-02-30')  // { ok: false, issues: [{ code: 'date.format', … }] }
 */
export function parseDate(text: string): Result<IsoDate> {
  if (typeof text !== 'string') return fail(...(inputIssues(textArg, { text }) ?? []));
  const t = text.trim();
  // Files repeat the same few hundred dates a million times: remember the answers.
  const known = DATE_MEMO.get(t);
  if (known) return known;
  const result = parseDateUncached(t, text);
  if (DATE_MEMO.size >= 10_000) DATE_MEMO.clear();
  DATE_MEMO.set(t, result);
  return result;
}

const DATE_MEMO = new Map<string, Result<IsoDate>>();
const textArg = z.object({ text: z.string() });

function parseDateUncached(t: string, text: string): Result<IsoDate> {
  for (const pattern of PATTERNS) {
    const d = parse(t, pattern, new Date(2000, 0, 1));
    // date-fns rolls 2026-02-30 over to March; a round trip catches it.
    if (isValid(d) && d.getFullYear() >= 1900 && d.getFullYear() <= 9999) {
      const back = format(d, pattern);
      if (back === t || pattern !== 'yyyy-MM-dd') return ok(toIso(d));
    }
  }
  return fail({ code: 'date.format', path: [], message: 'must be a date like 2026-03-05', value: text });
}

/** The time zone a book keeps its business days in unless its settings say otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether the runtime knows an IANA time zone name such as `Asia/Shanghai`. */
export function isTimeZone(name: string): boolean {
  // Intl takes an absent zone for the runtime's own: only a name is a time zone here.
  if (typeof name !== 'string' || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().refine(isTimeZone, { error: 'must be a time zone like Asia/Shanghai' });

/**
 * The calendar date at instant `now` in `timeZone`: the one way "today" is taken. A business
 * day in Shanghai starts at 16:00 UTC the day before, so the UTC date is wrong for eight hours.
 *
 * @example
 * todayIn('Asia/Shanghai', new Date('2026-03-04T16:30:00Z')) // '2026-03-05'
 */
export function todayIn(timeZone: string, now: Date): IsoDate {
  assertInput(todayArgs, { timeZone, now }, 'todayIn');
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const todayArgs = z.object({
  timeZone: z.string().refine(isTimeZone, { error: 'must be a time zone like Asia/Shanghai' }),
  now: z.date({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a valid Date') }),
});

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a checked `YYYY-MM-DD`. ECMAScript reads a date-only ISO string as
 * UTC midnight, and UTC has no daylight-saving days to get wrong, so the division is exact.
 * This, not date-fns' pattern parser, is what keeps aging tens of thousands of documents fast.
 */
const epochDay = (date: IsoDate): number => Date.parse(date) / MS_PER_DAY;

const fromEpochDay = (day: number): IsoDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** `addDays` without its input check, for core's own loops over dates already checked. */
export const shiftDays = (date: IsoDate, n: number): IsoDate => fromEpochDay(epochDay(date) + n);
/** `daysBetween` without its input check, for core's own loops over dates already checked. */
export const dayCount = (from: IsoDate, to: IsoDate): number => epochDay(to) - epochDay(from);

const addDaysArgs = z.object({ date: dateInput, n: daysInput });
const daysBetweenArgs = z.object({ from: dateInput, to: dateInput });

/**
 * The date `n` days after (or before, when negative) `date`.
 *
 * @example
 * addDays('2026-02-28', 1) // '2026-03-01'
 */
export function addDays(date: IsoDate, n: number): IsoDate {
  assertInput(addDaysArgs, { date, n }, 'addDays');
  return shiftDays(date, n);
}

/**
 * Whole days from `from` to `to`: positive when `to` is later.
 *
 * @example
 * daysBetween('2026-01-31', '2026-03-01') // 29
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  assertInput(daysBetweenArgs, { from, to }, 'daysBetween');
  return dayCount(from, to);
}

export type Interval = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** A span of dates, start included, end excluded. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
  label: string;
}

/** A parsed period expression: the whole span, and the interval to split it by, if any. */
export interface PeriodSpec extends Period {
  interval?: Interval;
}

const STEP: Record<Interval, (d: Date, n: number) => Date> = {
  daily: addDaysToDate,
  weekly: addWeeks,
  monthly: addMonths,
  quarterly: addQuarters,
  yearly: addYears,
};
const ALIGN: Record<Interval, (d: Date) => Date> = {
  daily: (d) => d,
  weekly: (d) => startOfWeek(d, { weekStartsOn: 1 }),
  monthly: startOfMonth,
  quarterly: startOfQuarter,
  yearly: startOfYear,
};

/** One simple period term: a year, quarter, month or day, as [start, end). */
function parseTerm(term: string): Period | undefined {
  const t = term.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) return span(`${m[1]}-01-01`, 'yearly', t);
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(t);
  if (m)
    return span(`${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`, 'quarterly', `${m[1]}Q${m[2]}`);
  m = /^(\d{4})[-/](\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const month = String(Number(m[2])).padStart(2, '0');
    return span(`${m[1]}-${month}-01`, 'monthly', `${m[1]}-${month}`);
  }
  const day = parseDate(t);
  if (day.ok) return span(day.value, 'daily', day.value);
  return undefined;
}

function span(start: IsoDate, size: Interval, label: string): Period {
  return { start, end: toIso(STEP[size](toDate(start), 1)), label };
}

const parsePeriodArgs = z.object({
  text: z.string(),
  options: z.object({ today: dateInput.optional() }).optional(),
});

/**
 * Parse a period in hledger's style; the end is always exclusive.
 * `2026`, `2026Q1`, `2026-03`, `2026-03-05`, `2025-01..2025-07` (to the start of the second),
 * `monthly from 2025-01`, `quarterly from 2025 to 2026Q3`. An open `from` needs `today` and runs
 * to the end of today's interval.
 *
 * @example
 * parsePeriod('2026Q1')                 // { ok: true, value: { start: '2026-01-01', end: '2026-04-01', label: '2026Q1' } }
 * parsePeriod('2025-01..2025-07')       // { ok: true, value: { start: '2025-01-01', end: '2025-07-01', … } }
 * parsePeriod('monthly from 2026-01', { today: '2026-03-10' })
 * // { ok: true, value: { start: '2026-01-01', end: '2026-04-01', interval: 'monthly', … } }
 */
export function parsePeriod(text: string, options: { today?: IsoDate } = {}): Result<PeriodSpec> {
  const bad = inputIssues(parsePeriodArgs, { text, options });
  if (bad) return fail(...bad);
  const t = text.trim().replace(/\s+/g, ' ');
  const refuse = (message: string) => fail<PeriodSpec>({ code: 'period.format', path: [], message, value: text });
  const interval = /^(daily|weekly|monthly|quarterly|yearly) from (\S+)(?: to (\S+))?$/i.exec(t);
  if (interval) {
    const every = (interval[1] ?? '').toLowerCase() as Interval;
    const from = parseTerm(interval[2] ?? '');
    if (!from) return refuse(`"${interval[2]}" is not a date, month, quarter or year`);
    const start = toIso(ALIGN[every](toDate(from.start)));
    let end: IsoDate;
    if (interval[3] !== undefined) {
      const to = parseTerm(interval[3]);
      if (!to) return refuse(`"${interval[3]}" is not a date, month, quarter or year`);
      end = to.start;
    } else {
      if (!options.today) return refuse('an open period ("from" without "to") needs today’s date');
      end = toIso(STEP[every](ALIGN[every](toDate(options.today)), 1));
    }
    if (end <= start) return refuse('ends before it starts');
    return ok({ start, end, interval: every, label: t });
  }
  const range = /^(\S*)\.\.(\S*)$/.exec(t);
  if (range) {
    const from = range[1] ? parseTerm(range[1]) : undefined;
    const to = range[2] ? parseTerm(range[2]) : undefined;
    if (!from || !to) return refuse('a range needs both ends, like 2025-01..2025-07');
    if (to.start <= from.start) return refuse('ends before it starts');
    return ok({ start: from.start, end: to.start, label: t });
  }
  const term = parseTerm(t);
  if (term) return ok(term);
  return refuse('must be a period like 2026, 2026Q1, 2026-03, 2025-01..2025-07 or "monthly from 2025-01"');
}

/**
 * The consecutive sub-periods of a period, by its interval (or the given one); one period when
 * there is no interval. The first and last are cut to the span.
 *
 * @example
 * splitPeriod({ start: '2026-01-01', end: '2026-04-01', label: '', interval: 'monthly' }).map((p) => p.label)
 * // ['2026-01', '2026-02', '2026-03']
 */
export function splitPeriod(spec: PeriodSpec, interval?: Interval): Period[] {
  assertInput(splitPeriodArgs, { spec, interval }, 'splitPeriod');
  return splitChecked(spec, interval ?? spec.interval);
}

function splitChecked(spec: PeriodSpec, interval: Interval | undefined): Period[] {
  if (!interval) return [{ start: spec.start, end: spec.end, label: spec.label }];
  const out: Period[] = [];
  let cursor = ALIGN[interval](toDate(spec.start));
  while (toIso(cursor) < spec.end) {
    const next = STEP[interval](cursor, 1);
    const start = [toIso(cursor), spec.start].sort()[1] ?? spec.start;
    const end = [toIso(next), spec.end].sort()[0] ?? spec.end;
    out.push({ start, end, label: labelFor(cursor, interval) });
    cursor = next;
  }
  return out;
}

const intervalInput = z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'yearly']);
const periodInput = z.object({ start: dateInput, end: dateInput });
const splitPeriodArgs = z.object({
  spec: periodInput.extend({ label: z.string(), interval: intervalInput.optional() }),
  interval: intervalInput.optional(),
});
const inPeriodArgs = z.object({ period: periodInput, date: dateInput });

function labelFor(d: Date, interval: Interval): string {
  switch (interval) {
    case 'daily':
      return toIso(d);
    case 'weekly':
      return format(d, "RRRR-'W'II");
    case 'monthly':
      return format(d, 'yyyy-MM');
    case 'quarterly':
      return format(d, "yyyy'Q'Q");
    case 'yearly':
      return format(d, 'yyyy');
  }
}

/**
 * True when `date` falls in the period (start included, end excluded).
 *
 * @example
 * inPeriod({ start: '2026-03-01', end: '2026-04-01' }, '2026-04-01') // false
 */
export function inPeriod(p: Pick<Period, 'start' | 'end'>, date: IsoDate): boolean {
  assertInput(inPeriodArgs, { period: p, date }, 'inPeriod');
  return date >= p.start && date < p.end;
}
