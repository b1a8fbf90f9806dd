import { error } from '@sveltejs/kit';
import { isoDateSchema } from '@tradeloop/core';
import { listRows, statementOfAccount } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { readQuery } from '$lib/server/request';
import { requireCustomer } from '../portal';
import type { PageServerLoad } from './$types';

const periodSchema = z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() });

/** The customer's invoices with what is open, their payments, and the statement of account for a period (this year to date unless asked). */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const customer = requireCustomer(actor);
  const period = readQuery(periodSchema, event.url);
  if (!period.ok) error(400, { message: period.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const b = await book();
  const settings = b.settings();
  const today = b.today();
  const from = period.value.from ?? `${today.slice(0, 4)}-01-01`;
  const to = period.value.to ?? today;
  if (from > to) error(400, { message: `from ${from} is after to ${to}` });
  try {
    return actingAs(b, actor, () => ({
      statement: statementOfAccount(b, { customer, from, to }),
      invoices: (
        listRows(b, 'invoices') as {
          number: string;
          kind: string;
          date: string;
          due_date: string;
          gross_minor: number;
          open_minor: number;
        }[]
      )
        .filter((i) => i.kind === 'sales')
        .reverse()
        .slice(0, 50),
      payments: (listRows(b, 'payments') as { number: string; date: string; amount_minor: number }[])
        .reverse()
        .slice(0, 50),
      money: { currency: settings.currency, precision: settings.precision },
    }));
  } catch (e) {
    refusedAsPage(e);
  }
};
