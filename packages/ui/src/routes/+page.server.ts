import { actingAs, allow } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { categoryChart, productGrid } from '$lib/server/products-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  allow(actor, 'book.read');
  const b = await book();
  // The grid's rows are read synchronously, as the actor; the chart counts products by category only.
  const grid = actingAs(b, actor, () => productGrid(b, actor));
  const chart = await reportRead(() => categoryChart(b));
  const settings = b.settings();
  return { ...grid, chart, company: settings.company, currency: settings.currency };
};
