import { describe, expect, it } from 'vitest';
import { SESSION_TIMEOUT_MS, classifyLanding, mergeTraits, readLanding, touchSession, type Hit, type Landing, type VisitorRecord } from '../../../sdk/core/index.js';

const MIN = 60 * 1000;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

function hits() {
  let n = 0;
  return (now: number, pageview = true, path = '/'): Hit => ({ now, path, pageview, newId: () => `id${++n}` });
}

describe('touchSession', () => {
  it('creates a visitor on the first hit', () => {
    const hit = hits();
    expect(touchSession(undefined, hit(T0, true, '/products/a'))).toEqual({
      v: 1,
      id: 'id1',
      firstSeen: T0,
      sessions: 1,
      session: { id: 'id2', start: T0, last: T0, pageviews: 1, landingPage: '/products/a' },
      traits: {},
    });
  });

  it('counts page views within a session and keeps the landing page', () => {
    const hit = hits();
    let v = touchSession(undefined, hit(T0, true, '/'));
    v = touchSession(v, hit(T0 + 5 * MIN, true, '/cart'));
    v = touchSession(v, hit(T0 + 10 * MIN, false, '/cart'));
    expect([v.sessions, v.session.pageviews, v.session.landingPage, v.session.last]).toEqual([1, 2, '/', T0 + 10 * MIN]);
  });

  it.each([
    ['29 min idle keeps the session', SESSION_TIMEOUT_MS - MIN, 1],
    ['exactly 30 min idle keeps the session', SESSION_TIMEOUT_MS, 1],
    ['31 min idle starts a new session', SESSION_TIMEOUT_MS + MIN, 2],
    ['a clock jumping back a day keeps the session', -24 * 60 * MIN, 1],
  ])('%s', (_name, gap, sessions) => {
    const hit = hits();
    const first = touchSession(undefined, hit(T0));
    const next = touchSession(first, hit(T0 + gap, true, '/later'));
    expect(next.sessions).toBe(sessions);
    expect(next.session.last).toBeGreaterThanOrEqual(first.session.last);
    if (sessions === 2) expect(next.session).toMatchObject({ pageviews: 1, landingPage: '/later', start: T0 + gap });
  });

  it('starts a session with no page view when the first hit is an event', () => {
    const v = touchSession(undefined, hits()(T0, false));
    expect(v.session.pageviews).toBe(0);
  });
});

describe('mergeTraits', () => {
  const base = touchSession(undefined, hits()(T0)) as VisitorRecord;

  it('merges, overwrites and removes traits', () => {
    const a = mergeTraits(base, { plan: 'free', country: 'IT' });
    const b = mergeTraits(a, { plan: 'pro', country: undefined });
    expect(b.traits).toEqual({ plan: 'pro' });
  });

  it('never writes through __proto__', () => {
    const traits = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "ok": 1}');
    const merged = mergeTraits(base, traits);
    expect(merged.traits).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('traffic and sessions', () => {
  const landing = (query: Record<string, string>, referrer = '') => ({ landing: readLanding(query, referrer, 'shop.test') });
  const channel = (l: Landing | undefined) => l && classifyLanding(l).channel;
  const hit = (now: number, source: Partial<Hit> = {}): Hit => ({ now, path: '/', pageview: true, newId: () => `id${now}`, ...source });

  it('keeps the first session as firstTouch while later sessions come from elsewhere', () => {
    let v = touchSession(undefined, hit(T0, landing({ utm_source: 'newsletter', utm_medium: 'email' })));
    v = touchSession(v, hit(T0 + 60 * MIN, landing({}, 'https://www.google.com/')));
    expect([v.sessions, channel(v.session.landing), channel(v.firstLanding)]).toEqual([2, 'organic_search', 'email']);
  });

  it('starts a new session on arrival from a different campaign, not on an internal page', () => {
    let v = touchSession(undefined, hit(T0, landing({}, 'https://www.google.com/')));
    v = touchSession(v, hit(T0 + MIN));
    expect(v.sessions).toBe(1);
    v = touchSession(v, hit(T0 + 2 * MIN, landing({ gclid: 'abc' })));
    expect([v.sessions, channel(v.session.landing)]).toEqual([2, 'paid_search']);
    v = touchSession(v, hit(T0 + 3 * MIN, landing({ gclid: 'def' })));
    expect(v.sessions).toBe(2);
  });

  it('gives a session started by a queued event the source of the page view that follows', () => {
    let v = touchSession(undefined, { ...hit(T0), pageview: false });
    v = touchSession(v, hit(T0 + 10, landing({ utm_source: 'facebook', utm_medium: 'paid_social' })));
    expect([v.sessions, channel(v.session.landing), channel(v.firstLanding)]).toEqual([1, 'paid_social', 'paid_social']);
  });
});

describe('readLanding', () => {
  it('keeps campaign parameters, click ids as presence only, and the referring origin', () => {
    const q = { utm_source: 'news', utm_medium: 'email', gclid: 'SECRET-CLICK', q: 'private search', page: '2' };
    expect(readLanding(q, 'https://www.google.com/search?q=private', 'shop.test')).toEqual({
      query: { utm_source: 'news', utm_medium: 'email', gclid: '1' },
      referrer: 'https://www.google.com',
    });
  });

  it('keeps an Android app\'s referrer, which has no web origin, and classifies it as the app\'s visit', () => {
    const landing = readLanding({}, 'android-app://com.google.android.gm/', 'shop.test');
    expect(landing.referrer).toBe('android-app://com.google.android.gm');
    expect(classifyLanding(landing)).toMatchObject({ channel: 'referral', source: 'com.google.android.gm' });
  });

  it.each([
    ['the store itself', 'https://shop.test/cart'],
    ['a subdomain of the store', 'https://blog.shop.test/post'],
    ['www. of the store', 'https://www.shop.test/'],
    ['no referrer', ''],
    ['garbage', 'not a url'],
  ])('has no referrer for %s', (_name, referrer) => {
    expect(readLanding({}, referrer, 'shop.test').referrer).toBe('');
  });
});
