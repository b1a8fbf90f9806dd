import { type Issue, type Result, TradeloopError } from '@tradeloop/core';

/** A command refused by a business rule: nothing changes, and every issue is named. */
export const rejected = (issues: Issue[]): TradeloopError =>
  new TradeloopError('command.rejected', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues });

/** The value of a core result, or the command's refusal with its issues. */
export function ensure<T>(r: Result<T>): T {
  if (!r.ok) throw rejected(r.issues);
  return r.value;
}
