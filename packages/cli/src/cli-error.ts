import type { TradeloopError } from '@tradeloop/core';
// A module of its own, without the store's other modules: this file loads on every start.
import { InputRejected, type Rejection } from '@tradeloop/store/rejection';

export { InputRejected, issueToRejection, type Rejection } from '@tradeloop/store/rejection';

/** Exit codes every command keeps to, so scripts and cron can act on them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  rejected: 3,
  busy: 4,
} as const;

/** A failure the command has already reported on stderr: only its exit code is left to give. */
export class Reported extends Error {
  readonly exit: number;
  constructor(exit: number) {
    super(`failed with exit ${exit}`);
    this.exit = exit;
  }
}

export function formatRejection(r: Rejection): string {
  if (r.rule.startsWith('header.')) return `${r.file} row ${r.row} (header): ${r.message} [${r.rule}]`;
  const where = r.column === '' ? `${r.file} row ${r.row}` : `${r.file} row ${r.row}, column "${r.column}"`;
  const value = r.value === '' ? 'empty' : `value ${JSON.stringify(r.value)}`;
  return `${where}, ${value}: ${r.message} [${r.rule}]`;
}

/** Map a failure to its exit code and the lines to print on stderr. */
export function describeFailure(error: unknown): { exit: number; lines: string[] } {
  if (error instanceof Reported) return { exit: error.exit, lines: [] };
  if (error instanceof InputRejected) {
    const shown = error.rejections.slice(0, 50).map((r) => `error: ${formatRejection(r)}`);
    const more = error.rejections.length - shown.length;
    return {
      exit: EXIT.rejected,
      lines: [
        ...shown,
        ...(more > 0 ? [`error: … and ${more} more`] : []),
        `error: input rejected: ${error.message}`,
        'hint: fix the rows above and run the command again',
      ],
    };
  }
  if (isTradeloopError(error)) {
    const exit =
      error.code === 'book.busy' || error.code === 'book.in_use'
        ? EXIT.busy
        : error.code.startsWith('usage.') || error.code.startsWith('query.')
          ? EXIT.usage
          : error.code.startsWith('input.') ||
              error.code.startsWith('statement.') ||
              error.code.startsWith('auth.') ||
              error.code.startsWith('permission.') ||
              error.code === 'command.rejected'
            ? EXIT.rejected
            : EXIT.failure;
    return {
      exit,
      lines: [`error: ${error.message} [${error.code}]`, ...(error.hint ? [`hint: ${error.hint}`] : [])],
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exit: EXIT.failure,
    lines: [
      `error: ${message} [internal]`,
      'hint: this is a bug in tradeloop; please report it with the command you ran',
    ],
  };
}

/**
 * Recognise core's errors by shape, not by class: importing core here would load zod and
 * decimal.js on every start, `--version` included.
 */
function isTradeloopError(error: unknown): error is TradeloopError {
  return (
    error instanceof Error && error.name === 'TradeloopError' && typeof (error as { code?: unknown }).code === 'string'
  );
}
