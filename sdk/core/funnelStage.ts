import type { Behavior } from './deriveBehavior.js';
import { isNewPurchase, type Cart, type Orders } from './deriveCommerce.js';
import type { BeckonEvent } from './types.js';

export const FUNNEL_STAGES = ['visitor', 'engaged', 'considering', 'intending', 'customer', 'repeat_customer'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Checkout begun since the last order: a `begin_checkout` after every order's first `purchase`. */
export function checkoutBegun(events: readonly BeckonEvent[]): boolean {
  const orders = new Set<unknown>();
  let begun = false;
  for (const event of events) {
    if (event.name === 'begin_checkout') begun = true;
    else if (isNewPurchase(event, orders)) begun = false;
  }
  return begun;
}

/**
 * The most advanced stage that holds (DESIGN §3): 2+ orders, 1 order, items in the
 * cart or checkout begun, a product viewed, 3+ page views or 60 s engaged, else visitor.
 */
export function funnelStage(orders: Orders, cart: Cart, behavior: Behavior, events: readonly BeckonEvent[]): FunnelStage {
  if (orders.count >= 2) return 'repeat_customer';
  if (orders.count === 1) return 'customer';
  if (cart.count > 0 || checkoutBegun(events)) return 'intending';
  if (behavior.productViews > 0) return 'considering';
  if (behavior.pageviews >= 3 || behavior.engagedTime >= 60) return 'engaged';
  return 'visitor';
}
