import { book, reportRead } from '$lib/server/book';
import { categoryChart, productGrid } from '$lib/server/products-view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const b = await book();
  const [grid, chart, settings] = await Promise.all([productGrid(b), reportRead(() => categoryChart(b)), b.settings()]);
  return { ...grid, chart, company: settings.company, currency: settings.currency };
};
