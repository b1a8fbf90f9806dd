import { z } from 'zod';
import { fail, type Issue, ok, type Result, TradeloopError } from './issue.js';
import type { RoundingMode } from './rounding.js';

/**
 * The code of every issue an input check finds: the data handed to a core function does not have
 * the shape it takes (a field missing, a wrong type, NaN, a negative where none is allowed, a date
 * that is no date). Stable: match on it.
 */
export const INPUT_INVALID = 'input.invalid';

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  function: 'a function',
  nan: 'NaN',
  null: 'null',
  undefined: 'nothing',
};

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number') return String(input);
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? 'an invalid date' : 'a date';
  return KIND[typeof input] ?? typeof input;
}

/**
 * Messages in the project's voice, relative to the issue's path ("is required", "must be a whole
 * number"). A schema's own message wins over these.
 */
const messages: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      // z.int() says it expected a number when it got none at all; it wants a whole one.
      const format = (iss.inst as { _zod?: { def?: { format?: unknown } } } | undefined)?._zod?.def?.format;
      const expected = iss.expected === 'number' && String(format).endsWith('int') ? 'int' : iss.expected;
      return `must be ${KIND[expected] ?? expected}, not ${describe(iss.input)}`;
    }
    case 'unrecognized_keys':
      return `has no field${iss.keys.length === 1 ? '' : 's'} ${iss.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'array' || iss.origin === 'set')
        return `must hold at least ${min} item${min === 1 ? '' : 's'}`;
      if (iss.origin === 'string') return min === 1 ? 'must not be empty' : `must be at least ${min} characters long`;
      if (iss.origin === 'date') return 'is too early';
      return iss.inclusive
        ? min === 0
          ? 'must not be negative'
          : `must be ${min} or more`
        : `must be more than ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'array' || iss.origin === 'set') return `must hold at most ${max} items`;
      if (iss.origin === 'string') return `must be at most ${max} characters long`;
      if (max === Number.MAX_SAFE_INTEGER) return 'is too large to hold exactly';
      return iss.inclusive ? `must be ${max} or less` : `must be less than ${max}`;
    }
    case 'invalid_format':
      return iss.format === 'date' ? 'must be a date like 2026-03-05' : `must be ${iss.format}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the forms it may take';
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    default:
      return undefined;
  }
};

/**
 * zod compiles a parser for an object schema the first time it parses one (a `new Function`):
 * worth it for a schema parsed thousands of times (an import's rows), a cost for one parsed once
 * or twice (a command's arguments), which most are. So a schema is parsed as it is until it has
 * been parsed this many times, and compiled from then on.
 */
export const COMPILE_AFTER_PARSES = 32;
const parses = new WeakMap<z.ZodType, number>();
const UNCOMPILED = { jitless: true } as const;

/** The parse context for this parse of `schema`: uncompiled while it has been parsed but a few times. */
function contextFor(schema: z.ZodType): typeof UNCOMPILED | undefined {
  const n = parses.get(schema) ?? 0;
  if (n >= COMPILE_AFTER_PARSES) return undefined;
  parses.set(schema, n + 1);
  return UNCOMPILED;
}

/** `schema.safeParse(value)`, compiled or not as `contextFor` says. */
const check = <S extends z.ZodType>(schema: S, value: unknown) => schema.safeParse(value, contextFor(schema));

const isShown = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * The issues of a value that failed its schema. Most input fits, so the plain parse is what runs
 * per call: handing zod an error map and `reportInput` makes every parse several times slower,
 * so only a failure is parsed a second time with them, to word its issues.
 */
function worded(schema: z.ZodType, value: unknown, at: readonly (string | number)[]): Issue[] {
  const parsed = schema.safeParse(value, { error: messages, reportInput: true, jitless: true });
  return parsed.success ? [] : toIssues(parsed.error, at);
}

/** Zod's issues as tradeloop issues: code `input.invalid`, the path below `at`, the message. */
function toIssues(error: z.ZodError, at: readonly (string | number)[]): Issue[] {
  return error.issues.map((zi) => {
    const input = (zi as { input?: unknown }).input;
    // A refinement that names its own rule (`line_part.beyond_line`) keeps that code.
    const own = zi.code === 'custom' && typeof zi.params?.code === 'string' ? zi.params.code : undefined;
    return {
      code: own ?? INPUT_INVALID,
      path: [...at, ...zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: zi.message,
      ...(isShown(input) ? { value: input } : {}),
    };
  });
}

/**
 * Check a value from outside against its schema: the parsed value, or issues with code
 * `input.invalid`, each with its path (below `path`) and a message such as `is required`.
 *
 * @example
 * parseInput(z.object({ dueDate: z.iso.date() }), {}, ['documents', 0])
 * // { ok: false, issues: [{ code: 'input.invalid', path: ['documents', 0, 'dueDate'], message: 'is required' }] }
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  path: readonly (string | number)[] = [],
): Result<z.output<S>> {
  const parsed = check(schema, value);
  return parsed.success ? ok(parsed.data) : fail(...worded(schema, value, path));
}

/** `documents[0].dueDate`: a path as a developer writes it. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The error a function that answers with a plain value throws when its arguments do not have
 * the shape it takes: a `TradeloopError` with code `input.invalid` carrying every issue.
 */
export function inputError(where: string, issues: readonly Issue[]): TradeloopError {
  const first = issues[0];
  const more = issues.length - 1;
  const what = first ? `${pathText(first.path)} ${first.message}`.trim() : 'input does not have the expected shape';
  return new TradeloopError(
    INPUT_INVALID,
    `${where}: ${what}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`,
    { path: [...(first?.path ?? [])], issues: [...issues] },
  );
}

/**
 * Check the arguments of a function that answers with a plain value: nothing when they fit the
 * schema, else throw `inputError`. The caller goes on with its own (now checked) arguments, so
 * extra fields a caller passes along are kept.
 *
 * @example
 * assertInput(agingArgs, { documents, payments, applications, options }, 'ageBalances')
 */
export function assertInput(schema: z.ZodType, value: unknown, where: string): void {
  if (!check(schema, value).success) throw inputError(where, worded(schema, value, []));
}

/**
 * Check the arguments of a function that answers with a `Result`: the issues (their paths below
 * `path`) when they do not fit the schema, else `undefined`.
 *
 * @example
 * const bad = inputIssues(pickArgs, { lots, qty, options });
 * if (bad) return fail(...bad);
 */
export function inputIssues(
  schema: z.ZodType,
  value: unknown,
  path: readonly (string | number)[] = [],
): Issue[] | undefined {
  return check(schema, value).success ? undefined : worded(schema, value, path);
}

const passed = new WeakMap<z.ZodType, WeakSet<object>>();

/**
 * `inputIssues` for an object handed in again and again, once per row of a file (column specs, a
 * statement layout, read options): each object is checked the first time it comes, not per row.
 * An object changed after it first passed is not checked again.
 */
export function inputIssuesOnce(
  schema: z.ZodType,
  value: unknown,
  path: readonly (string | number)[] = [],
): Issue[] | undefined {
  const cacheable = typeof value === 'object' && value !== null;
  let seen = passed.get(schema);
  if (cacheable && seen?.has(value)) return undefined;
  const bad = inputIssues(schema, value, path);
  if (!bad && cacheable) {
    if (!seen) {
      seen = new WeakSet();
      passed.set(schema, seen);
    }
    seen.add(value);
  }
  return bad;
}

/**
 * Run a function that may throw `input.invalid` and answer with a `Result` instead: for an
 * embedding program that would rather branch on issues than catch. Other errors pass through.
 *
 * @example
 * const report = attempt(() => ageReceivables(documents, payments, [], { asOf, basis: 'due' }));
 * if (!report.ok) console.log(report.issues); // [{ code: 'input.invalid', path: ['documents', 0, 'dueDate'], … }]
 */
export function attempt<T>(run: () => T): Result<T> {
  try {
    return ok(run());
  } catch (error) {
    if (error instanceof TradeloopError && error.code === INPUT_INVALID) return fail(...error.issues);
    throw error;
  }
}

/** An amount of money in minor units: a safe integer, possibly negative. */
export const minorInput = z.int();
/** An amount of money in minor units that cannot be negative. */
export const nonNegativeMinorInput = z.int().min(0);
/** A quantity in thousandths: a safe integer, possibly negative. */
export const milliInput = z.int();
/** A quantity in thousandths that cannot be negative. */
export const nonNegativeMilliInput = z.int().min(0);
/** A count of days: a whole number. */
export const daysInput = z.int();
/** How to round: the two modes core names. */
export const roundingInput = z.enum(['half-up', 'half-even']);
/** Money options as `parseMoney` and the column specs take them. */
export const moneyOptionsInput = z
  .object({ precision: z.int().min(0).max(10).optional(), rounding: roundingInput.optional() })
  .optional();
/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const dateInput = z.iso.date();

/**
 * Run arithmetic that refuses amounts too large to hold exactly (`RangeError`), as a result.
 *
 * @example
 * guardRange('order', () => mulDiv(2 ** 52, 3, 1)) // { ok: false, issues: [{ code: 'order.range', … }] }
 */
export function guardRange<T>(prefix: string, compute: () => T): Result<T> {
  try {
    return ok(compute());
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail({ code: `${prefix}.range`, path: [], message: error.message });
  }
}

/** Options every amount-deriving function takes from the book's settings. */
export interface AmountOptions {
  /** How a value beyond the stored precision is brought back to it; half-up when absent. */
  rounding?: RoundingMode;
}
