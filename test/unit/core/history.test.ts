import { describe, expect, it } from 'vitest';
import {
  appendToDay,
  coerceDayRecord,
  dayKey,
  daysToCompact,
  deriveBehavior,
  deriveOrders,
  flattenHistory,
  normalizeEcommerce,
  PART_SIZE,
  recordKeyFor,
  summarizeDay,
  type BeckonEvent,
  type DayRecord,
} from '../../../sdk/core/index.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);
const pv = (ts: number, n: number, type = 'other', product?: string): BeckonEvent => ({ name: 'page_view', ts, session: dayKey(ts), pv: n, props: { type, ...(product ? { product } : {}) } });
const purchase = (ts: number, id: string, value: number): BeckonEvent => ({ name: 'purchase', ts, props: { transaction_id: id, value, items: [] } });

function daysWith(events: BeckonEvent[]): Map<string, DayRecord> {
  const days = new Map<string, DayRecord>();
  for (const e of events) days.set(dayKey(e.ts), appendToDay(days.get(dayKey(e.ts)), e));
  return days;
}

describe('history', () => {
  it('keys days by UTC date', () => {
    expect(dayKey(NOW)).toBe('day:2026-11-23');
  });

  it('caps the raw events of one day', () => {
    let day: DayRecord | undefined;
    for (let i = 0; i < 5; i++) day = appendToDay(day, pv(NOW + i, i), 3);
    expect(day?.events?.map((e) => e.pv)).toEqual([2, 3, 4]);
  });

  it.each([
    ['89 days ago', 89, []],
    ['90 days ago', 90, []],
    ['91 days ago', 91, ['old']],
  ])('compacts a day %s only past the 90-day window', (_name, age, expected) => {
    const key = dayKey(NOW - age * DAY);
    const days = new Map<string, DayRecord>([[key, { events: [pv(NOW - age * DAY, 1)] }]]);
    expect(daysToCompact(days, NOW).map((k) => (k === key ? 'old' : k))).toEqual(expected);
  });

  it('compacts the oldest days until at most maxEvents raw events remain', () => {
    const events = [0, 1, 2, 3].flatMap((d) => [pv(NOW - d * DAY, 1), pv(NOW - d * DAY + 1, 2)]);
    expect(daysToCompact(daysWith(events), NOW, { maxAgeDays: 90, maxEvents: 5 })).toEqual([dayKey(NOW - 3 * DAY), dayKey(NOW - 2 * DAY)]);
  });

  it('keeps behavior and orders whole across compaction, and compacting twice changes nothing', () => {
    const events = [pv(NOW - 100 * DAY, 1, 'product', 'A'), pv(NOW - 100 * DAY + 1, 2), purchase(NOW - 100 * DAY + 2, 'T1', 50), pv(NOW, 1, 'product', 'B')];
    const days = daysWith(events);
    const before = flattenHistory(days);
    const key = dayKey(NOW - 100 * DAY);
    days.set(key, summarizeDay(summarizeDay(days.get(key))));
    const after = flattenHistory(days);
    expect(days.get(key)?.events).toBeUndefined();
    expect(deriveBehavior(after.events, after.summaries)).toEqual(deriveBehavior(before.events, before.summaries));
    expect(deriveBehavior(after.events, after.summaries)).toEqual({
      pageviews: 3,
      productViews: 2,
      productsViewed: ['A', 'B'],
      categoriesViewed: [],
      scrollDepth: 0,
      timeOnPage: 0,
      engagedTime: 0,
    });
    expect(deriveOrders(after.events, NOW)).toMatchObject({ count: 1, revenue: 50, daysSinceLast: 99 });
    expect(days.get(key)?.summary?.counts).toEqual({ page_view: 2, purchase: 1 });
  });

  // One product page load whose events fall into two records (a day's parts, or both
  // sides of midnight UTC) is one product view, whichever of them are compacted.
  it.each([
    ['the page view compacted, its view_item still raw', [true, false]],
    ['both compacted', [true, true]],
    ['the view_item compacted, the page view still raw', [false, true]],
  ])('counts a product page load split across two records once: %s', (_, compacted) => {
    const midnight = Date.UTC(2026, 7, 1);
    const viewItem: BeckonEvent = { name: 'view_item', ts: midnight + 500, session: 's', pv: 2, props: { items: [{ item_id: 'A', item_name: 'A', price: 10, quantity: 1 }] } };
    const events = [{ ...pv(midnight - 9000, 1, 'product', 'B'), session: 's' }, { ...pv(midnight - 500, 2, 'product', 'A'), session: 's' }, viewItem, { ...pv(midnight + 900, 3, 'product', 'C'), session: 's' }];
    const days = daysWith(events);
    const before = deriveBehavior(flattenHistory(days).events).productViews;
    [...days.keys()].forEach((key, i) => compacted[i] && days.set(key, summarizeDay(days.get(key))));
    const after = flattenHistory(days);
    expect({ before, after: deriveBehavior(after.events, after.summaries).productViews }).toEqual({ before: 3, after: 3 });
  });

  it('reads a corrupted day, keeping what can be kept', () => {
    const raw = {
      events: [pv(NOW, 1), { name: 7 }, 'junk', { name: 'add_to_cart', ts: NOW, props: { items: [{ item_id: 'A', price: '9,50', quantity: -1 }] } }],
      summary: { counts: { page_view: '3', x: 2 }, pageviews: -4, products: ['A', 3], orders: 'no' },
    };
    expect(coerceDayRecord(raw)).toEqual({
      events: [pv(NOW, 1), { name: 'add_to_cart', ts: NOW, props: { items: [{ item_id: 'A', item_name: 'A', price: 9.5, quantity: 1 }] } }],
      summary: { counts: { x: 2 }, pageviews: 0, productViews: 0, products: ['A'], categories: [], orders: [], edges: [] },
    });
    expect(coerceDayRecord('day')).toBeUndefined();
  });
});

describe('recordKeyFor', () => {
  it('splits a busy day into parts of PART_SIZE events', () => {
    const days = new Map<string, DayRecord>();
    const keys: string[] = [];
    for (let i = 0; i < 2 * PART_SIZE + 1; i++) {
      const key = recordKeyFor(days, NOW + i);
      days.set(key, appendToDay(days.get(key), pv(NOW + i, i)));
      keys.push(key);
    }
    expect([...new Set(keys)]).toEqual(['day:2026-11-23', 'day:2026-11-23#1', 'day:2026-11-23#2']);
    expect(flattenHistory(days).events).toHaveLength(2 * PART_SIZE + 1);
    expect(daysToCompact(days, NOW + 100 * DAY)).toEqual(['day:2026-11-23', 'day:2026-11-23#1', 'day:2026-11-23#2']);
  });
});

// DESIGN §8: "a year of heavy browsing stays under 1 MB". Heavy here: every day of a year,
// two visits of fifteen pages, every other one a product page with its `view_item`, and
// an add to cart a visit: 46 events a day, the raw window holding 90 days of them. The
// size is the records' JSON, which is close to what IndexedDB keeps.
describe('a year of heavy browsing', () => {
  it('stays under 1 MB, its older days folded into summaries', () => {
    const start = Date.UTC(2025, 11, 1);
    const days = new Map<string, DayRecord>();
    const products = Array.from({ length: 200 }, (_, i) => ({ item_id: `SKU-${1000 + i}`, item_name: `Trail Runner ${i}`, item_category: ['Running', 'Trail', 'Hiking', 'Casual'][i % 4]!, price: 129, quantity: 1 }));
    const add = (event: BeckonEvent) => {
      const key = recordKeyFor(days, event.ts);
      days.set(key, appendToDay(days.get(key), event));
    };
    for (let day = 0; day < 365; day++) {
      for (let visit = 0; visit < 2; visit++) {
        const session = `v${day}x${visit}abcdefghijklmnopq`.slice(0, 20);
        for (let n = 1; n <= 15; n++) {
          const ts = start + day * DAY + visit * 3_600_000 + n * 60_000;
          const item = products[(day * 7 + visit * 3 + n) % products.length]!;
          const onProduct = n % 2 === 0;
          const ecommerce = normalizeEcommerce({ currency: 'EUR', value: item.price, items: [item] }) as unknown as Record<string, unknown>;
          add({ name: 'page_view', ts, session, pv: n, props: onProduct ? { path: `/products/${item.item_id}`, type: 'product', product: item.item_id, category: item.item_category } : { path: '/collections/trail', type: 'category' } });
          if (onProduct) add({ name: 'view_item', ts, session, pv: n, props: ecommerce });
          if (n === 8) add({ name: 'add_to_cart', ts, session, pv: n, props: ecommerce });
        }
      }
      // As each page load does: days past the window are folded.
      for (const key of daysToCompact(days, start + (day + 1) * DAY)) days.set(key, summarizeDay(days.get(key)));
    }
    const bytes = JSON.stringify([...days]).length;
    const raw = [...days.values()].reduce((sum, day) => sum + (day.events?.length ?? 0), 0);
    expect(raw).toBe(90 * 46);
    expect(bytes).toBeLessThan(1_000_000);
  });
});
