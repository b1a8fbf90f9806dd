import { book } from '$lib/server/book';
import { requestedStatement } from '$lib/server/statement';
import type { PageServerLoad } from './$types';

/** A customer's or supplier's statement of account for a period, to read, print or download. */
export const load: PageServerLoad = async (event) => {
  const { statement, today } = await requestedStatement(event);
  const settings = (await book()).settings();
  return {
    statement,
    today,
    company: settings.company,
    money: { currency: settings.currency, precision: settings.precision },
  };
};
