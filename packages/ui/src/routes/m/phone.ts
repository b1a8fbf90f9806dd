import { error } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';

/** The phone's pages are a salesperson's: who sells as no salesperson is refused (403) before anything is read. */
export function requireSalesperson(actor: Actor): string {
  if (!actor.salesperson)
    error(403, { code: 'permission.denied', path: ['salesperson'], message: `${actor.user} sells as no salesperson` });
  return actor.salesperson;
}
