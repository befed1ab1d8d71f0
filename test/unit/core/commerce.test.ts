import { describe, expect, it } from 'vitest';
import { deriveCart, deriveOrders, normalizeEcommerce, parseAmount, type BeckonEvent } from '../../../sdk/core/index.js';

const DAY = 24 * 60 * 60 * 1000;
const item = (id: string, price: number, quantity = 1) => ({ item_id: id, item_name: id, price, quantity });
const event = (name: string, ts: number, props: Record<string, unknown>): BeckonEvent => ({ name, ts, props });

describe('parseAmount', () => {
  it.each([
    [129, 129],
    ['129.00', 129],
    ['129,00', 129],
    ['1.299,50', 1299.5],
    ['1,299.50', 1299.5],
    ['€ 12.50', 12.5],
    ['1,299,000', 1299000],
    ['₩1,299,000', 1299000],
    ['Rp 1.299.000', 1299000],
    ['¥1,299', 1299],
    ['₹1,299', 1299],
    ['1.299 ₫', 1299],
    ['12.5', 12.5],
    // Nothing groups thousands after a zero.
    ['0.125', 0.125],
    ['0,125', 0.125],
    ['1 299,95 zł', 1299.95],
    ['-5', undefined],
    [-5, undefined],
    [Number.NaN, undefined],
    ['free', undefined],
    [null, undefined],
  ])('%j → %j', (input, amount) => {
    expect(parseAmount(input)).toBe(amount);
  });
});

describe('normalizeEcommerce', () => {
  it('coerces malformed items and says what it did', () => {
    const warnings: string[] = [];
    const payload = normalizeEcommerce(
      {
        currency: 'eur',
        value: '258,00',
        items: [
          { item_id: 'A', price: '129,00', quantity: 2 },
          { item_id: 'B', price: 10, quantity: -3 },
          { item_id: 'C', price: 'n/a', quantity: Number.NaN },
          { price: 5 },
          'junk',
        ],
      },
      (message) => warnings.push(message),
    );
    expect(payload).toEqual({
      currency: 'EUR',
      value: 258,
      items: [
        { item_id: 'A', item_name: 'A', price: 129, quantity: 2 },
        { item_id: 'B', item_name: 'B', price: 10, quantity: 1 },
        { item_id: 'C', item_name: 'C', price: 0, quantity: 1 },
      ],
    });
    expect(warnings).toEqual([
      'ecommerce.items[1].quantity -3 is not a positive number; counted as 1',
      'ecommerce.items[2].price "n/a" is not an amount; counted as 0',
      'ecommerce.items[2].quantity null is not a positive number; counted as 1',
      'ecommerce.items[3] has neither item_id nor item_name; ignored',
    ]);
  });

  it('reads an event with no items as an empty payload', () => {
    expect(normalizeEcommerce({ currency: 'USD' })).toEqual({ currency: 'USD', items: [] });
    expect(normalizeEcommerce(null)).toEqual({ items: [] });
  });
});

describe('deriveCart', () => {
  it('adds, removes, and empties on purchase', () => {
    const events = [
      event('add_to_cart', 1, { currency: 'EUR', items: [item('A', 10, 2)] }),
      event('add_to_cart', 2, { items: [item('B', 5)] }),
      event('add_to_cart', 3, { items: [item('A', 10)] }),
      event('remove_from_cart', 4, { items: [item('B', 5)] }),
    ];
    expect(deriveCart(events)).toEqual({ items: [item('A', 10, 3)], count: 3, value: 30, currency: 'EUR', updatedAt: 4 });
    expect(deriveCart([...events, event('purchase', 5, { transaction_id: 'T1', items: [item('A', 10, 3)] })])).toMatchObject({ items: [], count: 0, value: 0 });
  });

  it('keeps a cart filled after an order when the same order is sent again (a thank-you page reloaded)', () => {
    const order = (ts: number) => event('purchase', ts, { transaction_id: 'T1', items: [item('A', 10)] });
    const events = [event('add_to_cart', 1, { items: [item('A', 10)] }), order(2), event('add_to_cart', 3, { items: [item('B', 5)] }), order(4)];
    expect(deriveCart(events)).toMatchObject({ items: [item('B', 5)], count: 1, value: 5, updatedAt: 3 });
    // An order without an id cannot be told from a new one: it empties the cart.
    expect(deriveCart([...events, event('purchase', 5, { items: [item('B', 5)] })])).toMatchObject({ count: 0 });
  });

  it('takes view_cart as the whole cart, healing adds it never saw', () => {
    const events = [event('add_to_cart', 1, { items: [item('A', 10)] }), event('view_cart', 2, { items: [item('A', 10), item('B', 5, 2)] })];
    expect(deriveCart(events)).toMatchObject({ count: 3, value: 20 });
  });

  it('empties on a view_cart whose items are an empty list, and keeps the cart through one that left them out', () => {
    const added = event('add_to_cart', 1, { items: [item('A', 10, 2)] });
    const snapshot = (props: unknown) => event('view_cart', 2, normalizeEcommerce(props) as unknown as Record<string, unknown>);
    expect(deriveCart([added, snapshot({ currency: 'EUR', value: 20 })])).toMatchObject({ count: 2, value: 20 });
    expect(deriveCart([added, snapshot({ items: [{ id: 'A-legacy' }] })])).toMatchObject({ count: 2, value: 20 });
    expect(deriveCart([added, snapshot({ items: [] })])).toMatchObject({ count: 0, value: 0 });
  });

  it('uses the site currency until an event names one', () => {
    expect(deriveCart([], 'EUR')).toEqual({ items: [], count: 0, value: 0, currency: 'EUR', updatedAt: null });
  });
});

describe('deriveOrders', () => {
  const now = 100 * DAY;
  it('counts each transaction once and takes refunds back', () => {
    const events = [
      event('purchase', 10 * DAY, { transaction_id: 'T1', value: 100, items: [item('A', 100)] }),
      event('purchase', 10 * DAY + 1, { transaction_id: 'T1', value: 100, items: [item('A', 100)] }),
      event('purchase', 90 * DAY, { transaction_id: 'T2', items: [item('B', 25, 2)] }),
      event('refund', 91 * DAY, { transaction_id: 'T2', value: 20 }),
      event('purchase', 95 * DAY, { transaction_id: 'T3', value: 40 }),
      event('refund', 96 * DAY, { transaction_id: 'T3' }),
    ];
    expect(deriveOrders(events, now)).toEqual({ count: 3, revenue: 130, aov: 43.33, lastAt: 95 * DAY, daysSinceLast: 5 });
  });

  it('counts no order from a purchase that names nothing (a Universal Analytics push, reloaded)', () => {
    // GA4 reads `ecommerce.transaction_id`, `value` and `items`; a UA push has none of them.
    const ua: Record<string, unknown> = { ...normalizeEcommerce({ purchase: { actionField: { id: 'UA-T1', revenue: '35.43' }, products: [{ id: 'P1', price: '35.43', quantity: 1 }] } }) };
    const events = [event('purchase', 10 * DAY, ua), event('purchase', 10 * DAY + 1, ua), event('purchase', 20 * DAY, { value: 12 })];
    expect(deriveOrders(events, now)).toMatchObject({ count: 1, revenue: 12 });
  });

  it('takes a refund sent twice (a reloaded page) back once', () => {
    const events = [
      event('purchase', 10 * DAY, { transaction_id: 'T1', value: 100 }),
      event('refund', 11 * DAY, { transaction_id: 'T1', value: 30 }),
      event('refund', 11 * DAY + 5, { transaction_id: 'T1', value: 30 }),
    ];
    expect(deriveOrders(events, now).revenue).toBe(70);
  });

  it('takes back a like partial refund given in another visit, as another item returned', () => {
    const refund = (ts: number, session: string): BeckonEvent => ({ ...event('refund', ts, { transaction_id: 'T1', items: [{ item_id: 'A', quantity: 1 }] }), session });
    const events = [
      event('purchase', 10 * DAY, { transaction_id: 'T1', items: [item('A', 30, 3)] }),
      refund(11 * DAY, 's1'),
      refund(11 * DAY + 5, 's1'),
      refund(20 * DAY, 's2'),
    ];
    expect(deriveOrders(events, now).revenue).toBe(30);
  });

  // GA4's partial refund names the items and their quantities; the price is the order's.
  it('prices a partial refund of items that name no price at what the order paid for them', () => {
    const events = [
      event('purchase', 10 * DAY, { transaction_id: 'T1', value: 100, items: [item('A', 50, 2)] }),
      event('refund', 11 * DAY, { transaction_id: 'T1', items: [{ item_id: 'A', quantity: 1 }] }),
    ];
    expect(deriveOrders(events, now).revenue).toBe(50);
  });

  it('describes a visitor without orders', () => {
    expect(deriveOrders([], now)).toEqual({ count: 0, revenue: 0, aov: 0, lastAt: null, daysSinceLast: null });
  });
});
