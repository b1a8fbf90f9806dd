import { getLocale } from '$lib/paraglide/runtime';
import { actingAs, allow, readsWholeBook } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { categoryChart, productGrid } from '$lib/server/products-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const b = await book();
  // The grid's rows are read synchronously, as the actor. The chart is a report over the analytics
  // copy, for who reads the whole book: its permission check runs before its first await.
  const grid = actingAs(b, actor, () => productGrid(b, actor));
  const chart = readsWholeBook(actor)
    ? await reportRead(() => actingAs(b, actor, () => categoryChart(b, getLocale())))
    : null;
  const settings = b.settings();
  return { ...grid, chart, company: settings.company, currency: settings.currency };
};
