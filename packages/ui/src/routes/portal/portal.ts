import { error } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';

/** The portal is a customer's: who buys for no customer is refused (403) before anything is read. */
export function requireCustomer(actor: Actor): string {
  if (!actor.roles.includes('customer') || !actor.customer)
    error(403, { code: 'permission.denied', path: ['customer'], message: `${actor.user} buys for no customer` });
  return actor.customer;
}
