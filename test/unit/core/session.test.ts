import { describe, expect, it } from 'vitest';
import { SESSION_TIMEOUT_MS, mergeTraits, touchSession, type Hit, type VisitorRecord } from '../../../sdk/core/index.js';

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
