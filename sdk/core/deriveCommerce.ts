import type { EcommercePayload, Item } from './ecommerce.js';
import type { BeckonEvent } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Cart {
  items: Item[];
  count: number;
  value: number;
  currency: string;
  updatedAt: number | null;
}

export interface Orders {
  count: number;
  revenue: number;
  aov: number;
  lastAt: number | null;
  daysSinceLast: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const payloadOf = (event: BeckonEvent) => (event.props ?? { items: [] }) as unknown as EcommercePayload;

/**
 * Whether `event` is an order's first `purchase`, noting its `transaction_id` in `seen`:
 * the same order sent again (a thank-you page reloaded or bookmarked) buys nothing, so it
 * neither empties a cart filled since nor ends a checkout begun since.
 */
export function isNewPurchase(event: BeckonEvent, seen: Set<unknown>): boolean {
  // An order without an id is a new one each time.
  const id = payloadOf(event).transaction_id ?? {};
  return event.name === 'purchase' && !seen.has(id) && Boolean(seen.add(id));
}

/**
 * Rebuilds the cart from the event log: `add_to_cart` adds, `remove_from_cart`
 * removes, an order's first `purchase` empties, and `view_cart` / `begin_checkout` (which carry the
 * whole cart in GA4) replace it, healing any add the SDK did not see.
 */
export function deriveCart(events: readonly BeckonEvent[], defaultCurrency = ''): Cart {
  const lines = new Map<string, Item>();
  let currency = defaultCurrency;
  let updatedAt: number | null = null;
  const orders = new Set<unknown>();
  for (const event of events) {
    const { name } = event;
    if (name !== 'add_to_cart' && name !== 'remove_from_cart' && name !== 'purchase' && name !== 'view_cart' && name !== 'begin_checkout') continue;
    const payload = payloadOf(event);
    const items = Array.isArray(payload.items) ? payload.items : [];
    if (name === 'purchase') {
      if (!isNewPurchase(event, orders)) continue;
      lines.clear();
    }
    else if (name === 'view_cart' || name === 'begin_checkout') {
      // `items: []` is how a store reports an empty cart; a snapshot that left its items
      // out (or whose items could not be read) says nothing about the cart.
      if (items.length === 0 && !payload.emptied) continue;
      lines.clear();
      for (const item of items) lines.set(item.item_id, { ...item });
    } else {
      for (const item of items) {
        const line = lines.get(item.item_id);
        const delta = name === 'add_to_cart' ? item.quantity : -item.quantity;
        const quantity = (line?.quantity ?? 0) + delta;
        if (quantity > 0) lines.set(item.item_id, { ...(line ?? item), quantity });
        else lines.delete(item.item_id);
      }
    }
    if (payload.currency) currency = payload.currency;
    updatedAt = event.ts;
  }
  const items = [...lines.values()];
  return {
    items,
    count: items.reduce((sum, item) => sum + item.quantity, 0),
    value: round2(items.reduce((sum, item) => sum + item.price * item.quantity, 0)),
    currency,
    updatedAt,
  };
}

function orderValue(payload: EcommercePayload): number {
  if (typeof payload.value === 'number') return payload.value;
  return (payload.items ?? []).reduce((sum, item) => sum + item.price * item.quantity, 0);
}

/**
 * Purchase history: one order per `transaction_id` (a thank-you page reloaded does not
 * buy twice), `refund` takes back its value (the whole order when it names no value
 * or items; items without a price at what the order paid for them).
 */
export function deriveOrders(events: readonly BeckonEvent[], now: number): Orders {
  const orders = new Map<string, { value: number; at: number; items: EcommercePayload['items']; refunds: Set<string> }>();
  let anonymous = 0;
  for (const event of events) {
    if (event.name !== 'purchase' && event.name !== 'refund') continue;
    const payload = payloadOf(event);
    const id = payload.transaction_id ?? `#${anonymous++}`;
    const value = orderValue(payload);
    if (event.name === 'purchase') {
      // A nameless order of nothing (a Universal Analytics push, its order under
      // ecommerce.purchase) is not counted: it would count again at every reload.
      if (!orders.has(id) && (value || payload.transaction_id)) orders.set(id, { value, at: event.ts, items: payload.items, refunds: new Set() });
      continue;
    }
    const order = orders.get(id);
    // The same refund sent twice in a visit (a reloaded confirmation page) takes the money
    // back once; a like one in another visit (a second pair returned) counts again.
    const refund = event.session + JSON.stringify(payload);
    if (!order || order.refunds.has(refund)) continue;
    order.refunds.add(refund);
    // A partial refund's items without a price (GA4 asks only for ids and quantities) cost what the order paid.
    const items = (payload.items ?? []).map((item) => ({ ...item, price: item.price || (order.items?.find((bought) => bought.item_id === item.item_id)?.price ?? 0) }));
    const partial = typeof payload.value === 'number' || items.length > 0;
    order.value = Math.max(0, order.value - (partial ? orderValue({ ...payload, items }) : order.value));
  }
  const list = [...orders.values()];
  const revenue = round2(list.reduce((sum, order) => sum + order.value, 0));
  const lastAt = list.length > 0 ? Math.max(...list.map((order) => order.at)) : null;
  return {
    count: list.length,
    revenue,
    aov: list.length > 0 ? round2(revenue / list.length) : 0,
    lastAt,
    daysSinceLast: lastAt === null ? null : Math.max(0, Math.floor((now - lastAt) / DAY_MS)),
  };
}
