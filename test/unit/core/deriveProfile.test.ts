import { describe, expect, it } from 'vitest';
import { deriveBehavior, deriveProfile, touchSession, type Hit } from '../../../sdk/core/index.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 1, 12, 0);
const page = { url: 'https://shop.test/cart?x=1', path: '/cart', title: 'Cart', query: { x: '1' } };
const hit = (now: number): Hit => ({ now, path: '/', pageview: true, newId: () => 'id' });

describe('deriveProfile', () => {
  it('describes a new visitor on the first page', () => {
    const visitor = touchSession(undefined, hit(T0));
    expect(deriveProfile({ visitor, page, now: T0 + 90_000, deriveBehavior })).toEqual({
      visitor: { id: 'id', firstSeen: T0, sessions: 1, isNew: true, isReturning: false, daysSinceFirstVisit: 0 },
      session: { pageviews: 1, duration: 90, landingPage: '/', isFirst: true },
      page,
      behavior: { pageviews: 0, productViews: 0, productsViewed: [], categoriesViewed: [], scrollDepth: 0, timeOnPage: 0, engagedTime: 0 },
      cart: { items: [], count: 0, value: 0, currency: '', updatedAt: null },
      orders: { count: 0, revenue: 0, aov: 0, lastAt: null, daysSinceLast: null },
      traits: {},
      segments: [],
    });
  });

  it('describes a returning visitor days later', () => {
    const first = touchSession(undefined, hit(T0));
    const later = touchSession(first, hit(T0 + 3 * DAY + 1000));
    const profile = deriveProfile({ visitor: later, page, now: T0 + 3 * DAY + 5000 });
    expect(profile.visitor).toMatchObject({ sessions: 2, isNew: false, isReturning: true, daysSinceFirstVisit: 3 });
    expect(profile.session).toMatchObject({ pageviews: 1, duration: 4, isFirst: false });
  });
});

it('leaves behavior out until its reader (the signals chunk) is given', () => {
  const visitor = touchSession(undefined, hit(T0));
  expect(deriveProfile({ visitor, page, now: T0 }).behavior).toBeUndefined();
});
