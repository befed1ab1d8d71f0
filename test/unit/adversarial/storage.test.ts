// Hostile storage (#8): IndexedDB that cannot be opened, that throws on access, that
// runs out of quota mid-visit, a store whose write throws; and data an older version (or
// a hand edit) left behind. The SDK keeps a working profile in memory and says so once;
// from old records it keeps what it can read and never throws.
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBeckon, type BeckonDeps } from '../../../sdk/runtime/index.js';
import { createFallbackStore, createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';
import { testChunks } from '../dom/testChunks.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 23, 10);
const PAGE = { url: 'https://shop.test/products/a', path: '/products/a', title: 'A', query: {} };
const CONFIG = {
  segments: [
    { id: 'pro', when: { 'traits.plan': 'pro' } },
    { id: 'signed-up', when: { $event: { name: 'newsletter' } } },
    { id: 'six-pages', when: { $event: { name: 'page_view', count: { $gte: 6 } } } },
  ],
};
const UNAVAILABLE = /^\[beckon\] IndexedDB is unavailable \((.*)\); keeping this visit in memory only\.$/;

function boot(overrides: Partial<BeckonDeps> = {}) {
  const warnings: string[] = [];
  let seed = 7;
  const beckon = createBeckon({
    loadChunk: testChunks,
    now: () => T0,
    random: () => ((seed = (seed * 9301 + 49297) % 233280) / 233280),
    page: () => PAGE,
    window: null,
    channel: null,
    console: { warn: (message: string) => warnings.push(message) },
    ...overrides,
  });
  beckon.init({ config: CONFIG });
  return { beckon, warnings };
}

/** What a visit does after the failure: traits, an event, the profile and segments that read them. */
async function keepsWorking(beckon: ReturnType<typeof createBeckon>) {
  beckon.identify({ plan: 'pro' });
  beckon.track('newsletter', { place: 'footer' });
  beckon.track('view_item', { items: [{ item_id: 'SKU-1', price: 10 }] });
  const profile = await beckon.profile();
  expect(profile?.traits).toEqual({ plan: 'pro' });
  expect(profile?.behavior?.productsViewed).toEqual(['SKU-1']);
  expect(await beckon.segments()).toEqual(['pro', 'signed-up']);
  return profile!;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('IndexedDB that fails', () => {
  it('whose open rejects: the visit goes on in memory, with one warning', async () => {
    const failing = {
      open() {
        const request = { error: new DOMException('Internal error opening backing store', 'UnknownError') } as unknown as IDBOpenDBRequest;
        setTimeout(() => request.onerror?.(new Event('error')));
        return request;
      },
    };
    vi.stubGlobal('indexedDB', failing);
    const { beckon, warnings } = boot();
    expect((await keepsWorking(beckon)).behavior?.pageviews).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(UNAVAILABLE.exec(warnings[0]!)?.[1]).toBe('Internal error opening backing store');
  });

  it('whose open rejects: a denial stored on an earlier page is out of reach, so nothing goes out until consent is answered', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        const request = { error: new DOMException('Internal error opening backing store', 'UnknownError') } as unknown as IDBOpenDBRequest;
        setTimeout(() => request.onerror?.(new Event('error')));
        return request;
      },
    });
    const win = new Window({ url: PAGE.url }) as unknown as globalThis.Window & { dataLayer?: { event?: string }[] };
    vi.stubGlobal('MutationObserver', (win as unknown as typeof globalThis).MutationObserver);
    const beckon = createBeckon({ loadChunk: testChunks, now: () => T0, page: () => PAGE, window: win, channel: null, console: { warn: () => undefined } });
    beckon.init({ config: { segments: [{ id: 'everyone', when: {} }] }, dataLayer: true });
    await beckon.profile();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pushed = () => (win.dataLayer ?? []).map((p) => p.event).filter((e) => e?.startsWith('beckon_'));
    const before = pushed();
    beckon.consent('granted');
    await beckon.profile();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect({ before, after: pushed() }).toEqual({ before: [], after: ['beckon_segment_enter'] });
  });

  it('that throws on access (a private mode, a sandboxed frame): the same', async () => {
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const { beckon, warnings } = boot();
      await keepsWorking(beckon);
      expect(warnings.map((w) => UNAVAILABLE.exec(w)?.[1])).toEqual(['The operation is insecure.']);
    } finally {
      delete (globalThis as { indexedDB?: unknown }).indexedDB;
    }
  });

  it('that runs out of quota mid-visit: the same visitor goes on in memory, with one warning', async () => {
    const factory = new IDBFactory();
    vi.stubGlobal('indexedDB', factory);
    // A first page load stores the visitor.
    const first = boot();
    const visitorId = (await first.beckon.profile())?.visitor.id;
    expect(first.warnings).toEqual([]);

    // On the next, every write fails as a full disk makes it.
    let writes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      writes++;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const { beckon, warnings } = boot();
    const profile = await keepsWorking(beckon);
    // The visitor and the history read before the failure carry over.
    expect(profile.visitor.id).toBe(visitorId);
    expect([profile.session.pageviews, profile.behavior?.pageviews]).toEqual([2, 2]);
    expect(writes).toBe(1);
    expect(warnings.map((w) => UNAVAILABLE.exec(w)?.[1])).toEqual(['The quota has been exceeded.']);
  });

  it('a store whose write throws rather than rejects, behind the fallback: the same', async () => {
    const stored = createMemoryStore([['visitor', { v: 1, id: 'v-1', firstSeen: T0 - DAY, sessions: 1, traits: { country: 'IT' }, session: { id: 's0', start: T0 - DAY, last: T0 - DAY, pageviews: 3, landingPage: '/' } }]]);
    const throwing: KeyValueStore = {
      ...stored,
      update: () => {
        throw new Error('write refused');
      },
    };
    const reports: unknown[] = [];
    const { beckon, warnings } = boot({ storage: createFallbackStore(throwing, (error) => reports.push(error)) });
    beckon.identify({ plan: 'pro' });
    const profile = await beckon.profile();
    // What was read before the failure carries over: the stored visitor, in a new session.
    expect(profile).toMatchObject({ visitor: { id: 'v-1', sessions: 2 }, traits: { country: 'IT', plan: 'pro' } });
    expect(reports.map(String)).toEqual(['Error: write refused']);
    expect(warnings).toEqual([]);
  });
});

describe('data an older version left', () => {
  const day = (ts: number) => `day:${new Date(ts).toISOString().slice(0, 10)}`;
  const OLD = T0 - 3 * DAY;
  const AUGUST = Date.UTC(2026, 7, 1, 12);

  function oldStore(visitor: unknown) {
    return createMemoryStore([
      ['visitor', visitor],
      [
        day(OLD),
        {
          events: [
            { name: 'page_view', ts: OLD, props: { path: '/products/b', type: 'product', product: 'A' }, session: 's-old', pv: 1 },
            { name: 5, ts: OLD },
            { name: 'page_view', ts: 'yesterday' },
            null,
            'junk',
            [],
            { name: 'page_view', ts: OLD + 1000, props: 'not an object' },
            { name: 'view_item', ts: OLD + 2000, props: { items: 'none' } },
            { name: 'add_to_cart', ts: OLD + 3000, props: { items: [{ item_id: 'A', price: '12,50', quantity: '2' }, null, { price: 3 }] } },
            { name: 'newsletter', ts: OLD + 4000, props: JSON.parse('{"__proto__":{"polluted":"event"},"place":"footer"}') },
          ],
        },
      ],
      [day(T0 - 2 * DAY), 'a string where a day was'],
      [
        day(AUGUST),
        {
          summary: {
            counts: JSON.parse('{"page_view":3,"view_item":-2,"x":"many","__proto__":7}'),
            pageviews: 3,
            productViews: '2',
            products: ['B', 5, null],
            categories: 'shoes',
            orders: [
              { name: 'purchase', ts: AUGUST, props: { value: '49,90', currency: 'eur', transaction_id: 'T1', items: [{ item_id: 'B', price: 49.9 }] } },
              { name: 'purchase' },
            ],
          },
        },
      ],
      ['day:1999-01-01', { events: null, summary: null }],
      ['consent', 'maybe'],
    ]);
  }

  /** What the readable old records add up to, whatever happened to the visitor record. */
  async function expectHistoryKept(beckon: ReturnType<typeof createBeckon>) {
    const profile = await beckon.profile();
    // Raw: two old page views and this one; the summary: three more.
    expect(profile?.behavior).toMatchObject({ pageviews: 6, productViews: 3, productsViewed: ['B', 'A'] });
    expect(profile?.orders).toMatchObject({ count: 1, revenue: 49.9 });
    expect(profile?.cart).toMatchObject({ count: 2, value: 25, items: [{ item_id: 'A', price: 12.5, quantity: 2 }] });
    expect(await beckon.segments()).toEqual(['signed-up', 'six-pages']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    return profile!;
  }

  it('a visitor record of schema v: 0 starts a new visitor, with one warning; the readable history is kept', async () => {
    const { beckon, warnings } = boot({
      storage: oldStore({ v: 0, id: 'old', firstSeen: OLD, sessions: 4, session: { id: 's-old', start: OLD, last: OLD, pageviews: 2, landingPage: '/' } }),
    });
    const profile = await expectHistoryKept(beckon);
    expect(profile.visitor).toMatchObject({ sessions: 1, isNew: true });
    expect(profile.visitor.id).not.toBe('old');
    expect(warnings).toEqual(['[beckon] The stored visitor record was unreadable; starting a new visitor.']);
  });

  it('a v: 1 visitor with optional fields missing or of the wrong type is kept as it can be read', async () => {
    const visitor = {
      v: 1,
      id: 'kept',
      firstSeen: OLD,
      sessions: 4.7,
      session: { id: 's-old', start: OLD, last: OLD, pageviews: -3, landingPage: '/', landing: { query: 'utm_source=x' } },
      traits: ['not', 'an', 'object'],
      engagedMs: 'a lot',
      segments: ['pro', 42, null],
      firstLanding: { query: JSON.parse('{"utm_source":"news","__proto__":"x","n":5}'), referrer: 'https://news.example/' },
    };
    const { beckon, warnings } = boot({ storage: oldStore(visitor) });
    const profile = await expectHistoryKept(beckon);
    // Same visitor, a new session (the old one ended days ago), no traits, the first touch it had.
    expect(profile.visitor).toMatchObject({ id: 'kept', sessions: 5, isReturning: true });
    expect(profile.traits).toEqual({});
    expect(warnings).toEqual([]);
  });

  it.each([
    ['sessions as text', { sessions: '4' }],
    ['no session', { session: undefined }],
    ['an empty id', { id: '' }],
    ['the session start as a date string', { session: { id: 's', start: '2026-11-20', last: OLD, pageviews: 1, landingPage: '/' } }],
  ])('a v: 1 visitor with %s starts a new visitor, with one warning', async (_name, change) => {
    const visitor = { v: 1, id: 'old', firstSeen: OLD, sessions: 4, session: { id: 's-old', start: OLD, last: OLD, pageviews: 2, landingPage: '/' }, traits: {}, ...change };
    const { beckon, warnings } = boot({ storage: oldStore(JSON.parse(JSON.stringify(visitor))) });
    const profile = await expectHistoryKept(beckon);
    expect(profile.visitor.id).not.toBe('old');
    expect(warnings).toEqual(['[beckon] The stored visitor record was unreadable; starting a new visitor.']);
  });
});
