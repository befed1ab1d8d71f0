import { describe, expect, it } from 'vitest';
import { compileCondition, parseConfig, type BeckonEvent, type EventContext, type Problem } from '../../../sdk/core/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);
const purchase = (daysAgo: number, sku: string, value = 50): BeckonEvent => ({
  name: 'purchase',
  ts: NOW - daysAgo * DAY,
  props: { value, items: [{ item_id: sku, item_name: sku, price: value, quantity: 1 }] },
});
const view = (daysAgo: number): BeckonEvent => ({ name: 'view_item', ts: NOW - daysAgo * DAY, props: {} });

function check(condition: unknown, context: EventContext) {
  const problems: Problem[] = [];
  const test = compileCondition(condition, { problems, path: 'when' });
  return { result: test({}, context), problems };
}

describe('$event', () => {
  it.each([
    ['a purchase 29 days ago is within 30d', [purchase(29, 'A')], true],
    ['a purchase 31 days ago is not', [purchase(31, 'A')], false],
    ['no purchase at all is not', [], false],
  ])('%s', (_name, events, expected) => {
    expect(check({ $event: { name: 'purchase', within: '30d' } }, { events, now: NOW }).result).toBe(expected);
  });

  it('filters with where and counts with count', () => {
    const events = [purchase(1, 'SKU-42'), purchase(2, 'SKU-42'), purchase(3, 'OTHER'), view(1)];
    const bought42 = (count: unknown) =>
      check({ $event: { name: 'purchase', within: '7d', where: { items: { $elemMatch: { item_id: 'SKU-42' } } }, count } }, { events, now: NOW }).result;
    expect([bought42(undefined), bought42({ $gte: 2 }), bought42({ $gte: 3 }), bought42(2)]).toEqual([true, true, false, true]);
  });

  it('counts each name in each history it is given: clauses of several names share one context, and a later history is read afresh', () => {
    const problems: Problem[] = [];
    const twice = (name: string) => compileCondition({ $event: { name, count: { $gte: 2 } } }, { problems, path: 'when' });
    const [purchases, views] = [twice('purchase'), twice('view_item')];
    const first: EventContext = { events: [purchase(1, 'A'), view(1), view(2)], now: NOW };
    const later: EventContext = { events: [purchase(1, 'A'), purchase(2, 'B'), view(1)], now: NOW };
    expect([purchases({}, first), views({}, first), purchases({}, later), views({}, later), views({}, first)]).toEqual([false, true, true, false, true]);
    const named = (name: string) => ({ name, ts: NOW - 1000 });
    const odd: EventContext = { events: [named('__proto__'), named('__proto__'), named('constructor'), named('constructor')], now: NOW };
    expect([twice('__proto__')({}, odd), twice('constructor')({}, odd), twice('toString')({}, odd)]).toEqual([true, true, false]);
    expect(problems).toEqual([]);
  });

  it('counts hours and minutes', () => {
    const events = [{ name: 'add_to_cart', ts: NOW - 50 * 60 * 1000 }];
    expect(check({ $event: { name: 'add_to_cart', within: '1h' } }, { events, now: NOW }).result).toBe(true);
    expect(check({ $event: { name: 'add_to_cart', within: '45m' } }, { events, now: NOW }).result).toBe(false);
  });

  it('counts compacted days by name, but never against where', () => {
    const summaries = [{ day: '2026-01-10', counts: { purchase: 3 }, pageviews: 0, productViews: 0, products: [], categories: [], orders: [] }];
    const context = { events: [purchase(1, 'A')], summaries, now: NOW };
    expect(check({ $event: { name: 'purchase', count: { $gte: 4 } } }, context).result).toBe(true);
    expect(check({ $event: { name: 'purchase', within: '180d', count: { $gte: 4 } } }, context).result).toBe(false);
    const withWhere = check({ $event: { name: 'purchase', where: { value: 50 }, count: { $gte: 4 } } }, context);
    expect(withWhere.result).toBe(false);
    expect(withWhere.problems).toEqual([{ path: 'when.$event.where', message: '"where" sees raw events only (90 days); older days are not counted', severity: 'warning' }]);
  });

  it('counts a compacted purchase once, and only days wholly inside the window', () => {
    const old = purchase(120, 'A');
    const summaries = [{ day: new Date(old.ts).toISOString().slice(0, 10), counts: { purchase: 1 }, pageviews: 0, productViews: 0, products: [], categories: [], orders: [old] }];
    const context = { events: [old], summaries, now: NOW };
    expect(check({ $event: { name: 'purchase', count: 1 } }, context).result).toBe(true);
    expect(check({ $event: { name: 'purchase', count: { $gte: 2 } } }, context).result).toBe(false);
    expect(check({ $event: { name: 'toString' } }, context).result).toBe(false);
  });

  it('works anywhere a condition is, and fails closed without history', () => {
    const condition = { $or: [{ 'cart.count': { $gt: 0 } }, { $not: { $event: { name: 'view_item', within: '7d' } } }] };
    expect(check(condition, { events: [view(2)], now: NOW }).result).toBe(false);
    expect(check(condition, { events: [view(9)], now: NOW }).result).toBe(true);
    expect(compileCondition({ $event: { name: 'view_item' } })({})).toBe(false);
  });

  it.each([
    [{ $event: 'purchase' }, 'when.$event', 'expected { name, within?, where?, count? }, got string'],
    [{ $event: { within: '7d' } }, 'when.$event.name', 'expected an event name, got undefined'],
    [{ $event: { name: 'purchase', within: 'ten days' } }, 'when.$event.within', 'expected a duration such as "30d", "12h" or "45m", got "ten days"'],
    [{ $event: { name: 'purchase', whithin: '7d' } }, 'when.$event.whithin', 'unknown key; did you mean "within"?'],
    [{ $event: { name: 'purchase', count: { $gte: 'two', $foo: 1 } } }, 'when.$event.count.$foo', 'unknown operator "$foo"'],
  ])('reports %j at its path', (condition, path, message) => {
    expect(check(condition, { events: [], now: NOW }).problems).toContainEqual({ path, message, severity: 'error' });
  });

  it('drops a segment whose $event is invalid, keeping the others', () => {
    const parsed = parseConfig({ segments: [{ id: 'bad', when: { $event: { name: 'x', within: '3 weeks' } } }, { id: 'ok', when: {} }] });
    expect(parsed.segments.ordered.map((s) => s.id)).toEqual(['ok']);
  });
});
