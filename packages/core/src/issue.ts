/**
 * A problem found in data, as data: a stable `code` (never reworded, safe to match on),
 * a `path` to the offending place, and a human `message`. The CLI and the UI render issues
 * differently; core only describes them.
 */
export interface Issue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The offending input, when there is one worth showing. */
  readonly value?: unknown;
}

/** A result that is either a value or the issues that stop it. */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Wrap a value as a successful result.
 *
 * @example
 * ok(1250) // { ok: true, value: 1250 }
 */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/**
 * A failed result carrying its issues.
 *
 * @example
 * fail({ code: 'money.format', path: ['price'], message: 'must be an amount like 12.50' })
 */
export const fail = <T = never>(...issues: Issue[]): Result<T> => ({ ok: false, issues });

/**
 * An error that carries a stable code. Thrown only where a caller broke a contract
 * (bad argument to a pure function); expected bad input travels as `Result` instead.
 *
 * @example
 * try { parseMoney('12,5x') } catch (e) { if (e instanceof TradeloopError) console.log(e.code) }
 */
export class TradeloopError extends Error {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly hint: string | undefined;
  readonly issues: readonly Issue[];

  constructor(
    code: string,
    message: string,
    options: { path?: (string | number)[]; hint?: string; issues?: Issue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TradeloopError';
    this.code = code;
    this.path = options.path ?? [];
    this.hint = options.hint;
    this.issues = options.issues ?? [];
  }
}
