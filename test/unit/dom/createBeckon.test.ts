import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { createBeckon, enqueue, type BeckonDeps, type Chunks } from '../../../sdk/runtime/index.js';
import { testChunks } from './testChunks.js';
import { createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';

const T0 = Date.UTC(2026, 10, 23, 10, 0);

function setup(overrides: Partial<BeckonDeps> = {}) {
  const warnings: string[] = [];
  let clock = T0;
  let seed = 0;
  const storage = overrides.storage ?? createMemoryStore();
  const deps: BeckonDeps = {
    storage,
    loadChunk: testChunks,
    now: () => clock,
    random: () => ((seed = (seed * 9301 + 49297) % 233280) / 233280),
    page: () => ({ url: 'https://shop.test/products/a', path: '/products/a', title: 'A', query: {} }),
    window: null,
    console: { warn: (message: string) => warnings.push(message) },
    fetch: vi.fn(),
    ...overrides,
  };
  return { beckon: createBeckon(deps), deps, storage, warnings, tick: (ms: number) => (clock += ms) };
}

const browserPage = () => ({ url: location.href, path: location.pathname, title: document.title, query: Object.fromEntries(new URLSearchParams(location.search)) });

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const json = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('a page left before its first page view is recorded', () => {
  it('notes the ecommerce events its dataLayer holds, and the next page of the tab records them once', async () => {
    sessionStorage.clear();
    const storage = createMemoryStore();
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [{ event: 'purchase', ecommerce: { transaction_id: 'T-1', currency: 'EUR', value: 129, items: [{ item_id: 'A', price: 129 }] } }];
    try {
      // The thank-you page: consent is known, but its page view waits for the campaigns'
      // code, still on the way as the visitor leaves.
      const loadChunk: BeckonDeps['loadChunk'] = (name) => (name === 'campaigns' ? new Promise(() => undefined) : testChunks(name));
      const thanks = setup({ storage, window, loadChunk });
      thanks.beckon.init({ consent: 'granted', config: { version: 1, campaigns: [{ id: 'c', type: 'popup', content: { kind: 'message', title: 'Hi' } }] } });
      await vi.waitFor(async () => expect(await storage.get('consent')).toBe('granted'));
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(JSON.parse(sessionStorage.getItem('beckon.pending') ?? '[]').map(([name]: [string]) => name)).toEqual(['purchase']);
      (window as unknown as { dataLayer: unknown[] }).dataLayer = [];
      const next = setup({ storage, window });
      next.beckon.init({ config: { version: 1 } });
      expect((await next.beckon.profile())?.orders.count).toBe(1);
    } finally {
      delete (window as unknown as { dataLayer?: unknown[] }).dataLayer;
      sessionStorage.clear();
    }
  });
});

describe('createBeckon', () => {
  it('runs commands in call order and records the first page view after them', async () => {
    const { beckon } = setup();
    const log: string[] = [];
    beckon.on('track', (e) => log.push(String(e.name)));
    beckon.track('early');
    beckon.identify({ plan: 'pro' });
    beckon.init({ config: { version: 1 } });
    beckon.track('same-tick');
    const profile = await beckon.profile();
    beckon.track('later');
    await beckon.profile();
    expect(log).toEqual(['early', 'same-tick', 'page_view', 'later']);
    expect(profile?.traits).toEqual({ plan: 'pro' });
    expect(profile?.session.pageviews).toBe(1);
  });

  it('counts an ecommerce event queued before init with the page it is about', async () => {
    const storage = createMemoryStore();
    const item = (id: string) => ({ items: [{ item_id: id, item_name: 'Trail runner', price: 129 }], currency: 'EUR' });
    const first = setup({ storage });
    first.beckon.init({ config: { version: 1 } });
    await first.beckon.profile();
    // The next page: no product URL, no JSON-LD; the store's template queues its view_item.
    const second = setup({ storage, page: () => ({ url: 'https://shop.test/item-b', path: '/item-b', title: 'B', query: {} }) });
    const events: string[] = [];
    second.beckon.on('track', (e) => events.push(`${String(e.name)} pv=${String(e.pv)}`));
    second.beckon.track('view_item', item('RUN-002'));
    second.beckon.init({ config: { version: 1 } });
    const profile = await second.beckon.profile();
    expect({ events, page: profile?.page.type, product: profile?.page.product?.id, views: profile?.behavior?.productViews }).toEqual({
      events: ['view_item pv=2', 'page_view pv=2'],
      page: 'product',
      product: 'RUN-002',
      views: 2,
    });
  });

  it('counts the path the app has moved to before init finished, once, keeping the landing URL\'s campaign', async () => {
    history.replaceState(null, '', '/?utm_source=news&utm_medium=email');
    const page = () => ({ url: location.href, path: location.pathname, title: document.title, query: Object.fromEntries(new URLSearchParams(location.search)) });
    const { beckon } = setup({ window, page, channel: null });
    const views: unknown[] = [];
    beckon.on('track', (e) => views.push(e.name === 'page_view' && (e.props as { path: string }).path));
    beckon.init({ config: { version: 1 } });
    // A router's redirect while the config loads.
    history.replaceState(null, '', '/en/products/shoe');
    const profile = await beckon.profile();
    history.replaceState(null, '', '/en/products/shoe?color=red');
    history.pushState(null, '', '/en/cart');
    await vi.waitFor(() => expect(views).toEqual(['/en/products/shoe', '/en/cart']));
    expect({ path: profile?.page.path, type: profile?.page.type, source: profile?.traffic?.source }).toEqual({ path: '/en/products/shoe', type: 'product', source: 'news' });
  });

  it('reads a single-page app\'s new query or hash on the same path as the same page at another URL', async () => {
    history.replaceState(null, '', '/search?q=boots');
    const { beckon } = setup({ window, page: browserPage, channel: null });
    const views: unknown[] = [];
    const entered: unknown[] = [];
    beckon.on('track', (e) => views.push(e.name === 'page_view' && (e.props as { path: string }).path));
    beckon.on('segment_enter', (e) => entered.push(...(e.segments as string[])));
    beckon.init({ config: { version: 1, segments: [{ id: 'by-price', when: { 'page.query.sort': 'price' } }] } });
    await beckon.profile();
    history.replaceState(null, '', '/search?q=boots&sort=price');
    await vi.waitFor(() => expect(entered).toEqual(['by-price']));
    location.hash = 'filters';
    await vi.waitFor(async () => expect((await beckon.profile())?.page.url).toBe(`${location.origin}/search?q=boots&sort=price#filters`));
    const profile = await beckon.profile();
    expect({ views, query: profile?.page.query, segments: profile?.segments }).toEqual({ views: ['/search'], query: { q: 'boots', sort: 'price' }, segments: ['by-price'] });
  });

  it('sends what an earlier page left in the outbox once consent is known, on a page without campaigns', async () => {
    const storage = createMemoryStore();
    await enqueue(storage, 'left-1', '/collect', { event: 'dismiss', campaignId: 'c', ts: 1 });
    const sent: string[] = [];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      sent.push(String(init?.body));
      return new Response(null, { status: 204 });
    });
    // The config arrives after the events chunk: consent is not known when that chunk flushes.
    const { beckon } = setup({ storage, window, fetch: fetch as never, channel: null });
    beckon.init({ config: { version: 1, segments: [] }, endpoint: '/collect' });
    await beckon.profile();
    await vi.waitFor(() => expect(sent).toEqual(['{"event":"dismiss","campaignId":"c","ts":1,"id":"left-1"}\n']));
  });

  it('counts a single-page app\'s product view with its own page, pushed in the same task as the navigation', async () => {
    history.replaceState(null, '', '/home');
    const page = () => ({ url: location.href, path: location.pathname, title: document.title, query: {} });
    const dataLayer: unknown[] = [];
    Object.assign(window, { dataLayer });
    const { beckon } = setup({ window, page, channel: null });
    const events: string[] = [];
    beckon.on('track', (e) => events.push(`${String(e.name)} pv=${String(e.pv)}`));
    beckon.init({ config: { version: 1 } });
    await beckon.profile();
    // A router renders the new page and pushes its view_item at once.
    history.pushState(null, '', '/item-b');
    dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_id: 'B', item_name: 'Boot', price: 90 }] } });
    await vi.waitFor(() => expect(events).toHaveLength(3));
    const profile = await beckon.profile();
    expect({ events, type: profile?.page.type, product: profile?.page.product?.id, views: profile?.behavior?.productViews }).toEqual({
      events: ['page_view pv=1', 'page_view pv=2', 'view_item pv=2'],
      type: 'product',
      product: 'B',
      views: 1,
    });
    delete (window as { dataLayer?: unknown }).dataLayer;
  });

  it('converts with a goal the page pushed before the script ran only an exposure of an earlier page', async () => {
    document.body.replaceChildren();
    // As slow as IndexedDB: the popup can show before the replayed event is recorded.
    const memory = createMemoryStore();
    const later = () => new Promise((resolve) => setTimeout(resolve, 3));
    const storage: KeyValueStore = {
      get: async (key) => (await later(), memory.get(key)),
      update: async (key, updater) => (await later(), memory.update(key, updater)),
      entries: async () => (await later(), memory.entries()),
      clear: async () => (await later(), memory.clear()),
    };
    const config = {
      version: 1,
      campaigns: [{ id: 'hello', type: 'popup', goal: { event: 'view_item', within: '1h' }, content: { kind: 'message', title: 'Free returns' } }],
    };
    const item = { event: 'view_item', ecommerce: { items: [{ item_id: 'A', item_name: 'Runner', price: 10 }] } };
    const log: string[] = [];
    const load = async (tick: number, shows: boolean) => {
      Object.assign(window, { dataLayer: [item] });
      const page = setup({ storage, window, now: () => T0 + tick, channel: null });
      page.beckon.on('impression', () => log.push('impression'));
      page.beckon.on('conversion', () => log.push('conversion'));
      page.beckon.init({ config });
      await page.beckon.profile();
      if (shows) await vi.waitFor(async () => expect((await page.beckon.profile())?.campaigns?.hello?.impressions).toBeGreaterThan(0));
      // Time for the replayed view_item to be recorded, however slow the store.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await page.beckon.profile();
      page.beckon.hide();
      log.push('--');
    };
    // The popup shows on load: the page's own view_item came before it, not because of it.
    await load(0, true);
    // The next page (the cap reached, nothing shows): its view_item follows that impression.
    await load(60_000, false);
    expect(log).toEqual(['impression', '--', 'conversion', '--']);
    delete (window as { dataLayer?: unknown }).dataLayer;
  });

  it('parses a config of many slices with a message between them, not a timer: init finishes while timers are held back', async () => {
    // A hidden tab holds each timer back for a second, and a paused or jumped clock may not
    // fire one at all; the config's slices must not wait for them.
    const segments = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, when: { 'session.pageviews': { $gte: i }, 'page.path': { $in: [i % 2 ? '/products/a' : '/products/b'] } } }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
    try {
      const { beckon, warnings } = setup();
      beckon.init({ config: { version: 1, segments } });
      const profile = await beckon.profile();
      expect(warnings).toEqual([]);
      expect(profile?.segments).toEqual(['s1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for the campaigns and quizzes chunks as soon as the config names them, beside the compiler', async () => {
    const asked: string[] = [];
    const { beckon } = setup({ loadChunk: (name) => (asked.push(name), testChunks(name)) });
    beckon.init({ config: { version: 1, campaigns: [], quizzes: [] } });
    await beckon.profile();
    expect(asked).not.toContain('quizzes');
    const second = setup({ loadChunk: (name) => (asked.push(name), testChunks(name)) });
    asked.length = 0;
    second.beckon.init({ config: { version: 1, campaigns: [{ id: 'c' }], quizzes: [{ id: 'q' }] } });
    await second.beckon.profile();
    expect(asked.slice(0, 3).sort()).toEqual(['campaigns', 'config', 'quizzes']);
  });

  it('keeps the visitor across page loads sharing one store', async () => {
    const storage = createMemoryStore();
    const first = setup({ storage });
    first.beckon.init();
    const a = await first.beckon.profile();
    const second = setup({ storage });
    second.beckon.init();
    const b = await second.beckon.profile();
    expect(b?.visitor.id).toBe(a?.visitor.id);
    expect([a?.session.pageviews, b?.session.pageviews]).toEqual([1, 2]);
    expect([a?.visitor.isNew, b?.visitor.isNew]).toEqual([true, true]);
  });

  it('stores the events it tracks', async () => {
    const { beckon, storage } = setup();
    beckon.init();
    await beckon.profile();
    beckon.track('newsletter_signup', { form: { place: 'footer' }, bad: () => 1 });
    await beckon.profile();
    const days = (await storage.entries()).filter(([k]) => k.startsWith('day:')) as [string, { events: { name: string; props: unknown }[] }][];
    expect(days).toHaveLength(1);
    const [key, day] = days[0]!;
    expect(key).toBe(`day:${new Date(T0).toISOString().slice(0, 10)}`);
    expect(day.events.map((e) => [e.name, e.props])).toEqual([
      ['page_view', { path: '/products/a', type: 'product' }],
      ['newsletter_signup', { form: { place: 'footer' } }],
    ]);
  });

  it.each([
    ['a 404', () => Promise.resolve(json(404, 'not found')), 'The config /c.json could not be loaded (HTTP 404); running without campaigns.'],
    ['HTML instead of JSON', () => Promise.resolve(json(200, '<html>')), 'The config /c.json is not valid JSON'],
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch')), 'The config /c.json could not be loaded (Failed to fetch)'],
  ])('logs one warning for a config URL that gives %s, and still works', async (_name, fetch, warning) => {
    const { beckon, warnings } = setup({ fetch: vi.fn(fetch) });
    beckon.init({ config: '/c.json' });
    const profile = await beckon.profile();
    expect(profile?.session.pageviews).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(warning);
  });

  it('warns about config problems with their paths', async () => {
    const { beckon, warnings } = setup({ fetch: vi.fn(async () => json(200, '{"version": 3}')) });
    beckon.init({ config: '/c.json' });
    await beckon.profile();
    expect(warnings).toEqual(['[beckon] config version: expected 1, got 3; reading the file as version 1']);
  });

  it('initialises once', async () => {
    const { beckon, warnings } = setup();
    beckon.init();
    beckon.init();
    expect((await beckon.profile())?.session.pageviews).toBe(1);
    expect(warnings).toEqual(['[beckon] init was called more than once; the later calls were ignored.']);
  });

  it('rejects bad arguments with a warning instead of throwing', async () => {
    const { beckon, warnings } = setup();
    beckon.init();
    expect(() => {
      beckon.track('');
      beckon.track(42 as unknown as string);
      beckon.identify('bob' as unknown as Record<string, unknown>);
      beckon.track('ok', [1, 2] as unknown as Record<string, unknown>);
      beckon.on('track', 'nope' as unknown as () => void);
    }).not.toThrow();
    await beckon.profile();
    expect(warnings).toEqual([
      '[beckon] track: expected an event name, got "".',
      '[beckon] track: expected an event name, got 42.',
      '[beckon] identify: expected an object of traits, got "bob".',
      '[beckon] track("ok"): expected an object of properties, got an array; tracked without them.',
      '[beckon] on: expected an event name and a function, got "track" and "nope".',
    ]);
  });

  it('tells a page that reads and never calls init, after 5 s; a mistaken init starts nothing, so the corrected one does', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { beckon, warnings } = setup({ window });
      const asked = beckon.profile();
      beckon.init('/beckon.config.json' as never);
      vi.advanceTimersByTime(5000);
      expect(warnings).toEqual([
        '[beckon] init: expected an options object, got "/beckon.config.json"; not started.',
        '[beckon] profile() waits for init, not called yet.',
      ]);
      beckon.init({ config: { version: 1 } });
      vi.useRealTimers();
      expect((await asked)?.session.pageviews).toBe(1);
      expect(warnings).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a listener that throws and still calls the others', async () => {
    const { beckon, warnings } = setup();
    const seen: string[] = [];
    beckon.on('track', () => {
      throw new Error('listener bug');
    });
    beckon.on('track', (e) => seen.push(String(e.name)));
    beckon.init();
    await beckon.profile();
    expect(seen).toEqual(['page_view']);
    expect(warnings).toEqual(['[beckon] a listener for "track" failed: listener bug']);
  });

  it('reports a listener whose promise rejects, where the page would see an unhandled rejection', async () => {
    const { beckon, warnings } = setup();
    beckon.on('track', async () => {
      throw new Error('async listener bug');
    });
    beckon.init();
    await beckon.profile();
    await vi.waitFor(() => expect(warnings).toEqual(['[beckon] a listener for "track" failed: async listener bug']));
  });

  it('gives each listener its own copy of an event: one that changes it changes neither the profile nor the next listener\'s', async () => {
    const { beckon } = setup();
    const entered: unknown[] = [];
    beckon.on('track', (e) => (e.props as { items?: { quantity: number }[] }).items?.forEach((item) => (item.quantity = 99)));
    beckon.on('track', (e) => e.name == 'add_to_cart' && entered.push((e.props as { items: { quantity: number }[] }).items[0]?.quantity));
    beckon.on('segment_enter', (e) => (e.segments as string[]).pop());
    beckon.on('segment_enter', (e) => entered.push(e.segments));
    beckon.init({ config: { version: 1, segments: [{ id: 'has-cart', when: { 'cart.count': { $gt: 0 } } }] } });
    beckon.track('add_to_cart', { items: [{ item_id: 'A', item_name: 'A', price: 10, quantity: 1 }] });
    beckon.track('later');
    const profile = await beckon.profile();
    expect({ count: profile?.cart.count, segments: profile?.segments, entered }).toEqual({ count: 1, segments: ['has-cart'], entered: [1, ['has-cart']] });
  });

  it('removes a trait identify() sets to undefined', async () => {
    const { beckon } = setup();
    beckon.identify({ plan: 'pro', trial: true });
    beckon.init();
    beckon.identify({ trial: undefined });
    expect((await beckon.profile())?.traits).toEqual({ plan: 'pro' });
  });

  it('keeps what all the traits add up to within 100,000 characters: a call that would pass it is not kept, with a warning', async () => {
    const { beckon, warnings } = setup();
    const many = (prefix: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'x'.repeat(2000)]));
    beckon.init();
    beckon.identify({ plan: 'pro' });
    beckon.identify(many('a', 200)); // about 400,000 characters at once
    beckon.identify(many('b', 40)); // about 80,000: kept
    beckon.identify(many('c', 40)); // would make about 160,000
    beckon.identify({ b0: undefined, plan: 'vip' });
    const traits = (await beckon.profile())?.traits ?? {};
    expect(Object.keys(traits).sort()).toEqual(Object.keys(many('b', 40)).slice(1).concat('plan').sort());
    expect(traits.plan).toBe('vip');
    expect(JSON.stringify(traits).length).toBeLessThanOrEqual(100_000);
    // Said once: the console gets each warning once a page.
    expect(warnings).toEqual(["[beckon] identify: the visitor's traits would pass 100000 characters; these were not kept."]);
  });

  it('reports an injected storage that fails on every call, and still settles', async () => {
    const broken: KeyValueStore = {
      get: () => Promise.reject(new Error('boom')),
      update: () => Promise.reject(new Error('boom')),
      entries: () => Promise.reject(new Error('boom')),
      clear: () => Promise.reject(new Error('boom')),
    };
    const { beckon, warnings } = setup({ storage: broken });
    beckon.init();
    expect(await beckon.profile()).toBeUndefined();
    expect(warnings).toEqual(['[beckon] reading the event history failed: boom', '[beckon] page view failed: boom']);
  });

  it('starts a new visitor over a corrupted stored record, with one warning', async () => {
    const storage = createMemoryStore([['visitor', { v: 1, id: 42 }]]);
    const { beckon, warnings } = setup({ storage });
    beckon.init();
    const profile = await beckon.profile();
    expect(profile?.visitor.sessions).toBe(1);
    expect(warnings).toEqual(['[beckon] The stored visitor record was unreadable; starting a new visitor.']);
  });

  it('starts a new session after 30 minutes idle', async () => {
    const storage = createMemoryStore();
    const first = setup({ storage });
    first.beckon.init();
    await first.beckon.profile();
    const second = setup({ storage, now: () => T0 + 31 * 60 * 1000 });
    second.beckon.init();
    expect((await second.beckon.profile())?.visitor).toMatchObject({ sessions: 2, isReturning: true });
  });
});

describe('segments and explain', () => {
  const config = {
    version: 1,
    segments: [
      { id: 'product-page', when: { 'page.path': { $regex: '^/products/' } } },
      { id: 'pro', when: { 'traits.plan': 'pro' } },
      { id: 'pro-shopper', when: { segments: { $all: ['product-page', 'pro'] } } },
    ],
  };

  it('puts the visitor in the segments that match, and follows identify', async () => {
    const { beckon } = setup();
    beckon.init({ config });
    expect(await beckon.segments()).toEqual(['product-page']);
    beckon.identify({ plan: 'pro' });
    expect(await beckon.segments()).toEqual(['product-page', 'pro', 'pro-shopper']);
    expect((await beckon.profile())?.segments).toEqual(['product-page', 'pro', 'pro-shopper']);
  });

  it('explains a segment clause by clause', async () => {
    const { beckon } = setup();
    beckon.init({ config });
    expect(await beckon.explain('pro-shopper')).toEqual({
      id: 'pro-shopper',
      result: false,
      clauses: [{ path: 'segments', op: '$all', expected: ['product-page', 'pro'], actual: ['product-page'], result: false }],
    });
  });

  it('warns about an unknown id', async () => {
    const { beckon, warnings } = setup();
    beckon.init({ config });
    expect(await beckon.explain('nope')).toBeUndefined();
    expect(warnings).toEqual(['[beckon] explain: no segment or campaign named "nope".']);
  });
});

describe('live segments', () => {
  const config = {
    segments: [
      { id: 'has-cart', when: { 'cart.count': { $gt: 0 } } },
      { id: 'big-cart', when: { 'cart.value': { $gte: 100 } } },
      { id: 'pro', when: { 'traits.plan': 'pro' } },
    ],
  };
  const item = (price: number) => ({ items: [{ item_id: `I${price}`, item_name: 'x', price }] });

  it('emits segment_enter and segment_exit as the profile changes, once per change', async () => {
    const storage = createMemoryStore();
    const { beckon } = setup({ storage });
    const log: string[] = [];
    beckon.on('segment_enter', (e) => log.push(`+${String(e.segmentId)}`));
    beckon.on('segment_exit', (e) => log.push(`-${String(e.segmentId)}`));
    beckon.init({ config });
    await beckon.profile();
    beckon.track('add_to_cart', item(40));
    beckon.track('add_to_cart', item(80));
    beckon.identify({ plan: 'pro' });
    beckon.track('remove_from_cart', item(40));
    beckon.track('remove_from_cart', item(80));
    await beckon.profile();
    expect(log).toEqual(['+has-cart', '+big-cart', '+pro', '-big-cart', '-has-cart']);

    // The next page load starts from the stored membership: nothing to announce.
    const next = setup({ storage });
    const again: string[] = [];
    next.beckon.on('segment_enter', (e) => again.push(String(e.segmentId)));
    next.beckon.init({ config });
    await next.beckon.profile();
    expect(again).toEqual([]);
  });

  // Membership that depends on the page differs between two open tabs: each tab tells of
  // its own changes, not of the other tab's page on every event.
  it('tells segment changes per tab: two tabs on different pages do not flip a page segment on every event', async () => {
    const storage = createMemoryStore();
    const pageSegment = { version: 1, segments: [{ id: 'browsing', when: { 'page.type': { $ne: 'checkout' } } }] };
    const tab = (path: string) => {
      const t = setup({ storage, page: () => ({ url: `https://shop.test${path}`, path, title: path, query: {} }) });
      const log: string[] = [];
      t.beckon.on('segment_enter', (e) => log.push(`+${String(e.segmentId)}`));
      t.beckon.on('segment_exit', (e) => log.push(`-${String(e.segmentId)}`));
      t.beckon.init({ config: pageSegment });
      return { ...t, log };
    };
    const product = tab('/products/a');
    await product.beckon.profile();
    const checkout = tab('/checkout');
    await checkout.beckon.profile();
    for (let i = 0; i < 3; i++) {
      for (const t of [product, checkout]) {
        t.beckon.track('scroll_depth');
        await t.beckon.profile();
      }
    }
    expect({ product: product.log, checkout: checkout.log }).toEqual({ product: ['+browsing'], checkout: ['-browsing'] });
  });

  // A tab's first page that changed nothing still notes its membership: its next page
  // starts from it, not from what another tab stored meanwhile.
  it('starts a tab’s next page from its own membership, also when its first page changed nothing', async () => {
    const storage = createMemoryStore();
    const pageSegment = { version: 1, segments: [{ id: 'browsing', when: { 'page.type': { $ne: 'checkout' } } }] };
    const tabWindow = new Window({ url: 'https://shop.test/' }) as unknown as globalThis.Window;
    const log: string[] = [];
    const load = (path: string, window: globalThis.Window | null) => {
      const t = setup({ storage, window, page: () => ({ url: `https://shop.test${path}`, path, title: path, query: {} }) });
      t.beckon.on('segment_enter', (e) => log.push(`${path} +${String(e.segmentId)}`));
      t.beckon.on('segment_exit', (e) => log.push(`${path} -${String(e.segmentId)}`));
      t.beckon.init({ config: pageSegment });
      return t.beckon.profile();
    };
    await load('/products/a', null); // another tab stores the membership with browsing
    await load('/products/b', tabWindow); // this tab: nothing changes
    await load('/checkout', null); // another tab stores it without
    await load('/products/c', tabWindow); // this tab's next page
    expect(log).toEqual(['/products/a +browsing', '/checkout -browsing']);
  });

  it('carries the visitor and the current segments', async () => {
    const { beckon } = setup();
    const events: Record<string, unknown>[] = [];
    beckon.on('segment_enter', (e) => events.push(e));
    beckon.init({ config });
    const profile = await beckon.profile();
    beckon.identify({ plan: 'pro' });
    await beckon.profile();
    expect(events).toEqual([{ segmentId: 'pro', segments: ['pro'], visitorId: profile?.visitor.id, ts: T0 }]);
  });

  it('derives the profile once per change, for the segments and the campaigns alike, and names the segments in campaign events', async () => {
    document.body.replaceChildren();
    // behavior.* is derived by the signals chunk once per profile: a count of profiles.
    let derived = 0;
    const loadChunk: BeckonDeps['loadChunk'] = async (name) => {
      const chunk = await testChunks(name);
      if (name !== 'signals') return chunk;
      const signals = chunk as Chunks['signals'];
      return { ...signals, deriveBehavior: (...args: Parameters<typeof signals.deriveBehavior>) => (derived++, signals.deriveBehavior(...args)) } as typeof chunk;
    };
    const { beckon } = setup({ window, loadChunk });
    const impressions: Record<string, unknown>[] = [];
    beckon.on('impression', (e) => impressions.push(e));
    beckon.init({
      config: {
        version: 1,
        segments: [{ id: 'browsing', when: { 'behavior.pageviews': { $gte: 1 } } }],
        campaigns: [{ id: 'hello', type: 'popup', trigger: { on: 'load' }, content: { kind: 'message', title: 'Free returns' } }],
      },
    });
    await vi.waitFor(() => expect(impressions).toHaveLength(1));
    // The page view's change (segments, then the runner's re-check) and the pass that shows
    // the popup: an impression and a widget without templates derive nothing more.
    expect(derived).toBe(2);
    expect(impressions[0]).toMatchObject({ campaignId: 'hello', segments: ['browsing'] });
    beckon.hide();
  });

  it('types a listener by its event name (DESIGN §7): the payload fields are typed, and any name still listens', async () => {
    const { beckon } = setup();
    const heard: string[] = [];
    // Compiled by the typecheck: these reads would not compile on an untyped payload.
    beckon.on('segment_enter', (e) => heard.push(`enter ${e.segmentId} of ${e.segments.length}`));
    beckon.on('track', (e) => heard.push(`${e.name} by ${e.visitorId.length > 0 ? 'someone' : 'nobody'}`));
    beckon.on('my_event', (e) => heard.push(`any ${String(e.name)}`));
    beckon.init({ config: { version: 1, segments: [{ id: 'all', when: { 'session.pageviews': { $gte: 1 } } }] } });
    await beckon.profile();
    expect(heard).toEqual(['page_view by someone', 'enter all of 1']);
  });

  it('names none of a forgotten visitor\'s segments in the campaign events that follow', async () => {
    document.body.replaceChildren();
    const { beckon } = setup({ window });
    const impressions: Record<string, unknown>[] = [];
    beckon.on('impression', (e) => impressions.push(e));
    beckon.init({
      config: {
        version: 1,
        segments: [{ id: 'pro', when: { 'traits.plan': 'pro' } }],
        campaigns: [{ id: 'hello', type: 'popup', trigger: { on: 'click', selector: '.never' }, content: { kind: 'message', title: 'Free returns' } }],
      },
    });
    beckon.identify({ plan: 'pro' });
    const before = await beckon.profile();
    expect(before?.segments).toEqual(['pro']);
    beckon.forget();
    beckon.show('hello');
    await vi.waitFor(() => expect(impressions).toHaveLength(1));
    expect(impressions[0]?.segments).toEqual([]);
    expect(impressions[0]?.visitorId).not.toBe(before?.visitor.id);
    beckon.hide();
  });

  it('forgets the campaign history with the visitor: no cap, no `campaigns.*` segment outlives forget()', async () => {
    document.body.replaceChildren();
    const { beckon } = setup({ window, channel: null });
    beckon.init({
      config: {
        version: 1,
        segments: [{ id: 'saw_hello', when: { 'campaigns.hello.impressions': { $gte: 1 } } }],
        campaigns: [{ id: 'hello', type: 'popup', trigger: { on: 'click', selector: '.never' }, content: { kind: 'message', title: 'Free returns' } }],
      },
    });
    await beckon.profile();
    beckon.show('hello');
    await vi.waitFor(async () => expect(await beckon.segments()).toEqual(['saw_hello']));
    beckon.hide();
    beckon.forget();
    const after = await beckon.profile();
    expect([after?.campaigns, after?.segments]).toEqual([{}, []]);
  });

  it('keeps the membership through a page whose config could not load, and names no segments where the config has none', async () => {
    const storage = createMemoryStore();
    const config = { version: 1, segments: [{ id: 'pro', when: { 'traits.plan': 'pro' } }] };
    const first = setup({ storage });
    first.beckon.init({ config });
    first.beckon.identify({ plan: 'pro' });
    expect(await first.beckon.segments()).toEqual(['pro']);
    const changes: string[] = [];
    const failing = setup({ storage, fetch: vi.fn(async () => json(404, 'gone')) });
    failing.beckon.on('segment_exit', (e) => changes.push(`-${String(e.segmentId)}`));
    failing.beckon.init({ config: '/beckon.config.json' });
    await failing.beckon.profile();
    const back = setup({ storage });
    back.beckon.on('segment_enter', (e) => changes.push(`+${String(e.segmentId)}`));
    back.beckon.init({ config });
    expect(await back.beckon.segments()).toEqual(['pro']);
    expect(changes).toEqual([]);

    // A config without segments shows its campaigns naming none, whatever was stored.
    document.body.replaceChildren();
    const plain = setup({ storage, window });
    const impressions: Record<string, unknown>[] = [];
    plain.beckon.on('impression', (e) => impressions.push(e));
    plain.beckon.init({ config: { version: 1, campaigns: [{ id: 'hello', type: 'popup', trigger: { on: 'load' }, content: { kind: 'message', title: 'Free returns' } }] } });
    await vi.waitFor(() => expect(impressions).toHaveLength(1));
    expect(impressions[0]).toMatchObject({ campaignId: 'hello', segments: [] });
    plain.beckon.hide();
  });
});

describe('geo.*', () => {
  it('asks Intl for the time zone once a session, again when the UTC offset moves, and forgets it with the visitor', async () => {
    sessionStorage.clear();
    const storage = createMemoryStore();
    // The Rome time zone, as a browser in Italy would say (the test machine's own may be UTC).
    const { resolvedOptions } = Intl.DateTimeFormat.prototype;
    const reads = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...resolvedOptions.call(this), timeZone: 'Europe/Rome' };
    });
    const config = { version: 1, segments: [{ id: 'italy', when: { 'geo.country': 'IT' } }] };
    const pageLoad = async () => {
      const { beckon } = setup({ storage, window });
      beckon.init({ config });
      expect(await beckon.segments()).toEqual(['italy']);
      return beckon;
    };
    try {
      await pageLoad();
      await pageLoad();
      expect(reads).toHaveBeenCalledTimes(1);
      expect(sessionStorage.getItem('beckon.zone')).toBe(`${new Date().getTimezoneOffset()} Europe/Rome`);

      const offset = new Date().getTimezoneOffset() + 60;
      vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(offset);
      const beckon = await pageLoad();
      expect(reads).toHaveBeenCalledTimes(2);
      expect(sessionStorage.getItem('beckon.zone')).toBe(`${offset} Europe/Rome`);
      beckon.forget();
      await beckon.profile();
      expect(sessionStorage.getItem('beckon.zone')).toBeNull();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('keeps no time zone in the session while consent is pending', async () => {
    sessionStorage.clear();
    const { beckon } = setup({ window });
    beckon.init({ config: { version: 1, consent: { required: true }, segments: [{ id: 'eu', when: { 'geo.eu': true } }] } });
    expect((await beckon.profile())?.geo?.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(sessionStorage.length).toBe(0);
  });
  describe("another tab's changes", () => {
    /** A channel to speak into, and a store that counts full reads (what a tab sync does). */
    function tab() {
      let hear: (event: MessageEvent) => void = () => {};
      const channel = { postMessage: () => {}, addEventListener: (_type: string, listener: (event: MessageEvent) => void) => void (hear = listener) };
      const store = createMemoryStore();
      let reads = 0;
      const storage: KeyValueStore = { ...store, entries: () => (reads++, store.entries()) };
      const setVisibility = (state: 'visible' | 'hidden') => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      const { beckon } = setup({ window, storage, channel: channel as never });
      return { beckon, storage, reads: () => reads, say: () => hear({ data: { type: 'changed' } } as MessageEvent), setVisibility };
    }

    it('reads a burst of them once or twice, not once each', async () => {
      const { beckon, reads, say } = tab();
      beckon.init({ config: { version: 1 } });
      await beckon.profile();
      const before = reads();
      // Twenty over 50 ms: one read, a tenth of a second after the first.
      for (let i = 0; i < 20; i++) {
        say();
        if (i % 5 == 4) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await vi.waitFor(() => expect(reads() - before).toBe(1));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(reads() - before).toBe(1);
    });

    it('reads nothing while hidden; catches up once when shown, or when asked for the profile', async () => {
      const { beckon, storage, reads, say, setVisibility } = tab();
      try {
        beckon.init({ config: { version: 1 } });
        await beckon.profile();
        const before = reads();
        setVisibility('hidden');
        for (let i = 0; i < 5; i++) say();
        await settle();
        expect(reads()).toBe(before);
        setVisibility('visible');
        await vi.waitFor(() => expect(reads()).toBe(before + 1));
        // Hidden again: another tab names a trait, and this one is asked.
        setVisibility('hidden');
        await storage.update<any>('visitor', (visitor) => ({ ...visitor, traits: { plan: 'pro' } }));
        say();
        expect((await beckon.profile())?.traits).toEqual({ plan: 'pro' });
        expect(reads()).toBe(before + 2);
      } finally {
        setVisibility('visible');
      }
    });
  });
});
