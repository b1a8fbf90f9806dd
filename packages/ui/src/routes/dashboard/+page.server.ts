import { error } from '@sveltejs/kit';
import { dashboard } from '@tradeloop/analytics';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequestBody, dateText, readQuery } from '$lib/server/request';
import type { PageServerLoad } from './$types';

const querySchema = z.object({ asOf: dateText.optional() });

/**
 * The whole book's figures, for who reads reports over the whole book (owner, accountant,
 * auditor). Anyone else is refused with 403 by analytics itself, which logs the refusal: a
 * salesperson is not shown totals over others' customers, nor anyone margins they may not see.
 */
export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  // Read before the book is opened: a bad query is the request's fault, whatever the book holds.
  const query = readQuery(querySchema, url);
  if (!query.ok) {
    const { code, path, message } = badRequestBody(query.issues);
    error(400, { code, path, message });
  }
  const b = await book();
  const settings = b.settings();
  const asOf = query.value.asOf ?? b.today();
  // The report's permission check runs before its first await, inside `actingAs`.
  const d = await reportRead(() =>
    actingAs(b, actor, () => dashboard(b, { asOf, precision: settings.precision })),
  ).catch(refusedAsPage);
  return {
    asOf: d.asOf,
    charts: d.charts,
    figures: d.figures,
    money: { currency: settings.currency, precision: settings.precision },
    company: settings.company,
    currency: settings.currency,
  };
};
