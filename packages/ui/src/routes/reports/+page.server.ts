import { allow } from '$lib/server/access';
import { actorOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** The report pages. Each report checks on its own who may read it (analytics refuses the rest). */
export const load: PageServerLoad = async (event) => {
  await allow(actorOf(event), 'book.read');
  return {};
};
