import { TradeloopError } from '@tradeloop/core';
import { autoMatchStatement, claimStatementLine, statementReview } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** Bank and wallet reconciliation: imported statement lines, their matches and proposals, the claim queue. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const b = await book();
  const settings = b.settings();
  try {
    return {
      ...actingAs(b, actor, () => statementReview(b)),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    refusedAsPage(e);
  }
};

const line = z.coerce.number().int().positive();

export const actions: Actions = {
  /** Book one line's proposal, whatever its confidence: a person looked at it. */
  accept: (e) =>
    command(e, 'accept', z.object({ line }), (b, f) => {
      const run = autoMatchStatement(b, { lines: [f.line], minConfidence: 0 });
      if (run.matched.length === 0)
        throw new TradeloopError('statement.no_match', `line ${f.line} has no match to accept; claim it instead`, {
          path: ['line'],
        });
      return run;
    }),
  /** Book every proposal at or above the confidence given, as `tradeloop match statement` does. */
  acceptAll: (e) =>
    command(e, 'acceptAll', z.object({ minConfidence: z.coerce.number().int().min(0).max(100).default(50) }), (b, f) =>
      autoMatchStatement(b, { minConfidence: f.minConfidence }),
    ),
  /** Claim a line by hand for a customer (its invoices or prepaid order), a supplier, or an account. */
  claim: (e) =>
    command(
      e,
      'claim',
      z.object({
        line,
        party: z.enum(['customer', 'supplier', 'account']),
        code: z.string().trim().min(1),
        invoices: z.string().trim().optional(),
      }),
      (b, f) => {
        const invoices = f.invoices?.split(/[\s,，;；]+/).filter(Boolean);
        return claimStatementLine(b, f.line, {
          [f.party]: f.code,
          ...(f.party === 'customer' && invoices?.length ? { invoices } : {}),
        });
      },
    ),
};
