import { error, type RequestEvent } from '@sveltejs/kit';
import { addDays, type IsoDate, TradeloopError } from '@tradeloop/core';
import { type StatementOfAccount, statementOfAccount } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from './access';
import { book } from './book';
import { actorOf } from './guard';
import { dateText, readParams, readQuery } from './request';

const paramsSchema = z.object({ party: z.enum(['customer', 'supplier']), code: z.string().min(1) });
const periodSchema = z.object({ from: dateText.optional(), to: dateText.optional() }).loose();

/** The month a day falls in, first to last day. */
export function monthOf(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const from = `${today.slice(0, 7)}-01`;
  const next = addDays(from, 32);
  return { from, to: addDays(`${next.slice(0, 7)}-01`, -1) };
}

/**
 * The statement of account a request asks for (`/statements/customer/C001?from=…&to=…`, this
 * month when no period is given), read as the signed-in user: a bad party or date is a 400, an
 * unknown party a 404, someone else's customer or a supplier for a salesperson a 403.
 */
export async function requestedStatement(
  event: Pick<RequestEvent, 'locals' | 'params' | 'url'>,
): Promise<{ statement: StatementOfAccount; today: IsoDate }> {
  const actor = actorOf(event);
  const where = readParams(paramsSchema, event.params as Record<string, string>);
  if (!where.ok) error(404, where.issues[0]?.message ?? 'no such statement');
  const period = readQuery(periodSchema, event.url);
  if (!period.ok) error(400, { message: period.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const b = await book();
  const today = b.today();
  const from = period.value.from ?? monthOf(today).from;
  const to = period.value.to ?? monthOf(from).to;
  if (from > to) error(400, { message: `from ${from} is after to ${to}` });
  const { party, code } = where.value;
  try {
    const statement = actingAs(b, actor, () => statementOfAccount(b, { [party]: code, from, to }));
    return { statement, today };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
}
