import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { findChromium } from './chromium.mjs';
import { checkout, collectedFor, profileOf, seedOutbox, storedKeys, storedValue, watchPage } from './pageWatch.js';

// The data a store relies on, checked in Chromium: behaviours first tested only in
// happy-dom or Node, where IndexedDB is a memory store, tabs are two instances over one
// object, BroadcastChannel, timers and sendBeacon are fakes, and there is no navigation
// or back/forward cache. Each test names the unit test that covered it and what a real
// browser adds. Five failed before the fixes they came with: a consent tool answering
// after load froze session.pageviews; a denial or forget() on the next page was undone by
// going Back; a burst over 64 KiB left at once lost most of its events; a second keepalive
// batch sent right after the first was refused by Chromium's in-flight quota.

/** Serves `body` as an HTML page of the site at `path` (routing the page or the whole context). */
const serve = (target: Page | BrowserContext, path: string, body: string) =>
  target.route(`**${path}`, (route) => route.fulfill({ contentType: 'text/html', body }));

const SNIPPET = 'window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };';

const DAY_KEY = expect.stringMatching(/^day:\d{4}-\d{2}-\d{2}$/);
/** What the demo server logged for this visitor: event lines only. */
const logged = (visitorId: string) => collectedFor(visitorId).filter((line) => typeof line.event === 'string');

test.describe('GA4 ecommerce as real stores push it', () => {
  // sdk/tracking/watchDataLayer.ts readDataLayerEntry and sdk/core/ecommerce.ts
  // normalizeEcommerce: test/unit/dom/ecommerce.test.ts feeds hand-made `arguments`
  // objects and entries to the reader, test/unit/core/commerce.test.ts the price strings to
  // parseAmount. Here the page's own gtag() pushes its real `arguments` through the page's
  // dataLayer (before and after Beckon wraps push), GTM-style pushes reset `ecommerce` with
  // null between events, prices come as European strings, and Beckon's own pushes land in
  // the same dataLayer.
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Summit Tent</title>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-PROBE');
  gtag('event', 'view_item', { currency: 'EUR', value: '1.299,00', items: [{ item_id: 'TENT-9', item_name: 'Summit Tent', price: '1.299,00', item_category: 'Tents', quantity: 1 }] });
  ${SNIPPET}
  beckon('init', { dataLayer: true, config: { version: 1, segments: [{ id: 'big-cart', when: { 'cart.value': { $gte: 2000 } } }] } });
</script>
<script async src="/beckon.js"></script></head><body><h1>Summit Tent</h1></body></html>`;

  test('gtag arguments and GTM pushes with "1.299,00" prices build the cart and one order; Beckon pushes its segment changes beside them', async ({ page: tab }) => {
    const watch = watchPage(tab);
    await serve(tab, '/fixtures/probe-gtag.html', page);
    await tab.goto('/fixtures/probe-gtag.html');
    const first: any = await profileOf(tab);
    expect(first.page).toMatchObject({ type: 'product', product: { id: 'TENT-9', name: 'Summit Tent', price: 1299, currency: 'EUR', category: 'Tents' } });
    expect(first.behavior).toMatchObject({ productViews: 1, productsViewed: ['TENT-9'], categoriesViewed: ['Tents'] });

    await tab.evaluate(() => {
      const w = window as any;
      w.gtag('event', 'add_to_cart', { currency: 'EUR', value: '2.598,00', items: [{ item_id: 'TENT-9', item_name: 'Summit Tent', price: '1.299,00', quantity: '2' }] });
      w.dataLayer.push({ ecommerce: null });
      w.dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'PEG-1', item_name: 'Pegs', price: '12,50', quantity: 4 }] } });
      w.gtag('event', 'remove_from_cart', { currency: 'EUR', items: [{ item_id: 'PEG-1', price: '12,50', quantity: 1 }] });
    });
    const withCart: any = await profileOf(tab);
    expect(withCart.cart).toMatchObject({ count: 5, value: 2635.5, currency: 'EUR' });
    expect(withCart.cart.items.map((i: any) => [i.item_id, i.quantity, i.price])).toEqual([['TENT-9', 2, 1299], ['PEG-1', 3, 12.5]]);
    expect(withCart.segments).toEqual(['big-cart']);
    expect(withCart.funnel).toEqual({ stage: 'intending' });

    // The purchase, then the same purchase again as a reloaded thank-you page's GTM push.
    await tab.evaluate(() => {
      const w = window as any;
      const order = { transaction_id: 'T-1001', currency: 'EUR', value: '2.635,50', items: [{ item_id: 'TENT-9', item_name: 'Summit Tent', price: '1.299,00', quantity: 2 }, { item_id: 'PEG-1', item_name: 'Pegs', price: '12,50', quantity: 3 }] };
      w.gtag('event', 'purchase', order);
      w.dataLayer.push({ ecommerce: null });
      w.dataLayer.push({ event: 'purchase', ecommerce: order });
    });
    const bought: any = await profileOf(tab);
    expect(bought.orders).toMatchObject({ count: 1, revenue: 2635.5, aov: 2635.5, daysSinceLast: 0 });
    expect(bought.cart.count).toBe(0);
    expect(bought.rfm).toEqual({ r: 5, f: 1, m: 5, score: '515', segment: 'loyal' });
    expect(bought.funnel).toEqual({ stage: 'customer' });
    expect(bought.segments).toEqual([]);

    // Beckon's pushes: the segment's entry and exit, flat for GA4; the store's own entries untouched.
    const layer = await tab.evaluate(() =>
      (window as any).dataLayer.map((e: any) =>
        Object.prototype.toString.call(e) === '[object Arguments]' ? `gtag ${e[0]} ${typeof e[1] === 'string' ? e[1] : ''}`.trim() : e.event ? `${e.event}${e.segment_id ? ` ${e.segment_id}` : ''}` : 'reset',
      ),
    );
    expect(layer.filter((e: string) => e.startsWith('beckon_'))).toEqual(['beckon_segment_enter big-cart', 'beckon_segment_exit big-cart']);
    expect(layer.filter((e: string) => !e.startsWith('beckon_'))).toEqual([
      'gtag js',
      'gtag config G-PROBE',
      'gtag event view_item',
      'gtag event add_to_cart',
      'reset',
      'add_to_cart',
      'gtag event remove_from_cart',
      'gtag event purchase',
      'reset',
      'purchase',
    ]);
    const exit = await tab.evaluate(() => (window as any).dataLayer.find((e: any) => e.event === 'beckon_segment_exit'));
    expect(exit).toMatchObject({ segment_id: 'big-cart', segment_ids: '', visitor_id: first.visitor.id, ts: expect.any(Number), beckon: { segmentId: 'big-cart', segments: [] } });
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });
});

test.describe('the snippet queue and consent', () => {
  // sdk/entry/bootstrap.ts replays the queue in order; createBeckon's command chain runs
  // them after boot. test/unit/dom/bootstrap.test.ts checks the order with a fake store and
  // scriptTag.spec.ts without consent. Here a store that requires consent queues listeners,
  // traits, a cart event and its CMP's answer before the async script has loaded: what
  // memory held must reach the real IndexedDB and survive a reload.
  for (const where of ['before init', 'after init'] as const) {
    test(`consent('granted') queued ${where}: the queued traits, cart and first page view are stored, and listeners hear the segment once`, async ({ page }) => {
      const watch = watchPage(page);
      const config = { version: 1, consent: { required: true }, segments: [{ id: 'pro-with-cart', when: { 'traits.plan': 'pro', 'cart.count': { $gt: 0 } } }] };
      const grant = "beckon('consent', 'granted');";
      const html = (queued: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Queue</title><script>
  ${SNIPPET}
  window.heard = [];
  beckon('on', 'segment_enter', function (e) { heard.push('enter ' + e.segmentId); });
  beckon('on', 'track', function (e) { heard.push(e.name); });
  ${queued}
</script><script async src="/beckon.js"></script></head><body><h1>Queue</h1></body></html>`;
      const init = `beckon('init', { config: ${JSON.stringify(config)} });`;
      await serve(
        page,
        '/fixtures/probe-queue.html',
        html(`beckon('identify', { plan: 'pro' });
  beckon('track', 'add_to_cart', { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 10 }] });
  ${where === 'before init' ? `${grant}\n  ${init}` : `${init}\n  ${grant}`}`),
      );
      await serve(page, '/fixtures/probe-queue-next.html', html(init));
      await page.goto('/fixtures/probe-queue.html');
      const first = await profileOf(page);
      expect(await page.evaluate(() => (window as any).heard)).toEqual(['add_to_cart', 'enter pro-with-cart', 'page_view']);
      await expect.poll(() => storedKeys(page)).toEqual(['consent', DAY_KEY, 'visitor']);
      expect(await storedValue(page, 'consent')).toBe('granted');
      expect(await storedValue(page, 'visitor')).toMatchObject({ id: first.visitor.id, traits: { plan: 'pro' }, session: { pageviews: 1 }, segments: ['pro-with-cart'] });

      await page.goto('/fixtures/probe-queue-next.html');
      const next: any = await profileOf(page);
      expect({ id: next.visitor.id, pageviews: next.session.pageviews, cart: next.cart.count, traits: next.traits, segments: next.segments }).toEqual({
        id: first.visitor.id,
        pageviews: 2,
        cart: 1,
        traits: { plan: 'pro' },
        segments: ['pro-with-cart'],
      });
      expect(await page.evaluate(() => (window as any).heard)).toEqual(['page_view']);
      expect(watch.errors).toEqual([]);
      expect(watch.beckonWarnings()).toEqual([]);
    });
  }

  // sdk/storage/consentStore.ts persist() with sdk/core/mergePending.ts: consent.test.ts
  // ('persists what memory held once granted', 'granted → pending → granted') runs one
  // page over a memory store. A store whose CMP loads after Beckon says `pending` at init
  // on every page and `granted` a moment later (Google Consent Mode's default-then-update):
  // each page's view is kept in memory first, then merged into the real stored visitor.
  test('a CMP that answers after load on every page: the returning visitor’s session counts each page view', async ({ page }) => {
    const watch = watchPage(page);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CMP later</title><script>
  ${SNIPPET}
  beckon('init', { consent: 'pending', config: { version: 1, consent: { required: true }, segments: [{ id: 'browsing', when: { 'session.pageviews': { $gte: 3 } } }] } });
</script><script async src="/beckon.js"></script></head><body><h1>CMP later</h1></body></html>`;
    await serve(page, '/fixtures/probe-cmp.html', html);
    const load = async () => {
      await page.goto('/fixtures/probe-cmp.html');
      await profileOf(page);
      // The CMP has loaded and read its cookie: the visitor accepted long ago.
      await page.evaluate(() => (window as any).beckon.consent('granted'));
      return (await profileOf(page)) as any;
    };
    const first = await load();
    await load();
    const third = await load();
    expect(third.visitor.id).toBe(first.visitor.id);
    expect(third.behavior.pageviews).toBe(3);
    expect({ sessionPageviews: third.session.pageviews, segments: third.segments }).toEqual({ sessionPageviews: 3, segments: ['browsing'] });
    expect(watch.beckonWarnings()).toEqual([]);
  });

  // consent.test.ts 'persists what memory held once granted' and eventsOut.test.ts 'sends
  // nothing without consent' each fake half of it: here the endpoint events of a page
  // whose visitor has not answered yet go nowhere (not even by beacon when the tab is
  // hidden), and once granted reach the real endpoint exactly once, leaving the real
  // IndexedDB outbox empty.
  test('endpoint events held while consent is pending are sent exactly once after the grant, and not by beacon before it', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as any;
      w.beacons = [];
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        w.beacons.push(String(data));
        return send(url, data);
      };
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => w.visibility ?? 'visible' });
    });
    const config = { version: 1, consent: { required: true }, segments: [{ id: 'vip', when: { 'traits.vip': true } }], campaigns: [{ id: 'hello', type: 'message', frequency: { maxPerSession: 10, cooldownHours: 0 }, content: { kind: 'message', title: 'Hello' } }] };
    await page.route('**/fixtures/campaigns/probe-consent-events.json', (route) => route.fulfill({ json: config }));
    await page.goto('/fixtures/widgets.html?config=probe-consent-events&endpoint=/collect');
    const { visitor } = await profileOf(page);
    await expect(page.locator('beckon-widget[data-campaign="hello"]')).toHaveCount(1);
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toEqual(['impression', 'segment_enter']);
    // The tab is hidden and shown again, past the batching second: nothing leaves, nothing is stored.
    await page.evaluate(() => {
      (window as any).visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      (window as any).visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForTimeout(1500);
    expect({ beacons: await page.evaluate(() => (window as any).beacons), logged: logged(visitor.id), keys: await storedKeys(page) }).toEqual({ beacons: [], logged: [], keys: [] });

    await page.evaluate(() => (window as any).beckon.consent('granted'));
    await expect.poll(() => logged(visitor.id).map((line) => line.event).sort(), { timeout: 10_000 }).toEqual(['impression', 'segment_enter']);
    await expect.poll(() => storedValue(page, 'outbox')).toEqual([]);
    // Leaving now sends nothing again.
    await page.goto('/fixtures/widgets.html?config=none');
    await profileOf(page);
    await page.waitForTimeout(1000);
    expect(logged(visitor.id).map((line) => line.event).sort()).toEqual(['impression', 'segment_enter']);
  });
});

test.describe('consent and forget() against the back/forward cache', () => {
  // createBeckon.ts: a page restored from the back/forward cache reopens its channel and
  // reads the store again (pageshow persisted). consent.test.ts ('tells the other tabs of
  // a denial', 'drops the visitor in every other tab at once') uses two instances over one
  // memory store and a live channel; hostile.spec.ts restores a page in Chromium but with
  // nothing changed meanwhile. Here the visitor denies consent, or asks to be forgotten, on
  // the next page (its channel message cannot reach the cached page) and then goes Back.
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  let context: BrowserContext;
  let page: Page;
  let notRestored: string[];

  test.beforeEach(async ({ baseURL }) => {
    // Playwright turns the cache off (--disable-back-forward-cache): this browser has it on.
    browser = await chromium.launch({ executablePath: findChromium(), ignoreDefaultArgs: ['--disable-back-forward-cache'], args: ['--no-sandbox'] });
    context = await browser.newContext({ baseURL });
    page = await context.newPage();
    // The demo server's Cache-Control: no-store keeps pages out of the cache; a store's are cacheable.
    await context.route('**/*', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const { 'cache-control': _, ...headers } = response.headers();
      return route.fulfill({ response, headers });
    });
    await context.route('**/fixtures/hostile/probe-cart.json', (route) =>
      route.fulfill({ json: { version: 1, segments: [{ id: 'has-cart', when: { 'cart.count': { $gt: 0 } } }] }, headers: {} }),
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.enable');
    notRestored = [];
    cdp.on('Page.backForwardCacheNotUsed', (event) => notRestored.push(...(event.notRestoredExplanations ?? []).map((e) => e.reason)));
  });
  test.afterEach(async () => {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await browser.close();
  });

  /** Leaves the store page for the other page, runs `there` on it, and comes back to the cached store page. */
  async function awayAndBack(there: (page: Page) => Promise<void>) {
    await page.evaluate(() => ((window as any).left = true));
    await page.locator('#away').click();
    await page.waitForURL('**/other.html');
    await profileOf(page);
    await there(page);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => ((window as any).left ? (window as any).pageshows.length === 2 : document.readyState === 'complete'));
    expect({ pageshows: await page.evaluate(() => (window as any).pageshows), notRestored }).toEqual({ pageshows: [false, true], notRestored: [] });
  }

  test('consent denied on the next page, then Back: the restored page stores nothing and sends nothing', async () => {
    const watch = watchPage(page);
    await page.goto('/fixtures/hostile/store.html?config=probe-cart&endpoint=/collect');
    const first = await profileOf(page);
    expect(await storedKeys(page)).toEqual([DAY_KEY, 'outbox', 'visitor']);
    await awayAndBack(async (other) => {
      await other.evaluate(() => (window as any).beckon.consent('denied'));
      await expect.poll(() => storedKeys(other)).toEqual(['consent']);
    });
    await page.evaluate(() => {
      (window as any).entered = [];
      (window as any).beckon.on('segment_enter', (e: any) => (window as any).entered.push(e));
    });
    await page.locator('#add').click();
    await expect.poll(async () => ((await profileOf(page)) as any).cart.count).toBe(1);
    const entered = await page.evaluate(() => (window as any).entered);
    expect(entered.map((e: any) => e.segmentId)).toEqual(['has-cart']);
    await page.waitForTimeout(1500);
    const stored = await storedValue<{ id: string }>(page, 'visitor');
    expect.soft({ keys: await storedKeys(page), consent: await storedValue(page, 'consent'), visitor: stored && (stored.id === first.visitor.id ? 'the same visitor' : 'a new visitor') }).toEqual({
      keys: ['consent'],
      consent: 'denied',
      visitor: undefined,
    });
    const sentAfter = [...new Set([first.visitor.id, entered[0].visitorId])].flatMap((id) => logged(id)).filter((line) => line.segmentId === 'has-cart');
    expect(sentAfter).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  test('forget() on the next page, then Back: the restored page drops the forgotten visitor and stores nothing', async () => {
    await page.goto('/fixtures/hostile/store.html?config=quiet');
    await profileOf(page);
    await page.evaluate(() => (window as any).beckon.identify({ email: 'ada@example.com' }));
    const first = await profileOf(page);
    expect(first.traits).toEqual({ email: 'ada@example.com' });
    await awayAndBack(async (other) => {
      await other.evaluate(() => (window as any).beckon.forget());
      await expect.poll(() => storedKeys(other)).toEqual([]);
    });
    const restored = await profileOf(page);
    // Restored, before any hit of its own: nothing is written back.
    expect.soft(await storedKeys(page)).toEqual([]);
    // Whatever the restored page shows, it is not the forgotten visitor.
    expect.soft({ id: restored.visitor.id === first.visitor.id ? 'the forgotten id' : 'another id', traits: restored.traits }).toEqual({ id: 'another id', traits: {} });
    await page.locator('#add').click();
    await expect.poll(async () => ((await profileOf(page)) as any).cart.count).toBe(1);
    await page.waitForTimeout(500);
    const stored = await storedValue<{ id: string; traits: Record<string, unknown> }>(page, 'visitor');
    expect({ keys: await storedKeys(page), visitor: stored && { id: stored.id === first.visitor.id ? 'the forgotten id' : 'another id', traits: stored.traits } }).toEqual({ keys: [], visitor: undefined });
  });
});

test.describe('sessions across tabs', () => {
  // sdk/core/session.ts touchSession runs inside one IndexedDB transaction per hit:
  // test/unit/core/session.test.ts checks the 30-minute rule on plain records, with time
  // as a parameter. Here two real tabs share one session through IndexedDB and
  // BroadcastChannel while Chromium's clock is moved on.
  test('a tab idle 40 minutes stays in the session the other tab kept alive; 31 idle minutes in both start the next one, and both tabs know it', async ({ context }) => {
    await context.clock.install({ time: Date.parse('2026-11-20T10:00:00Z') });
    const url = '/fixtures/hostile/other.html?config=quiet';
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto(url);
    await profileOf(a);
    await b.goto(url);
    expect((await profileOf(b)).session.pageviews).toBe(2);

    await context.clock.fastForward('20:00');
    await b.reload();
    await profileOf(b);
    await context.clock.fastForward('20:00');
    // Tab A has been idle 40 minutes; the visitor's last hit (in B) was 20 minutes ago.
    await a.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 10 }] }));
    const sameSession: any = await profileOf(a);
    expect({ sessions: sameSession.visitor.sessions, pageviews: sameSession.session.pageviews, cart: sameSession.cart.count }).toEqual({ sessions: 1, pageviews: 3, cart: 1 });

    await context.clock.fastForward('31:00');
    await b.goto('/fixtures/hostile/store.html?config=quiet');
    const next: any = await profileOf(b);
    expect({ sessions: next.visitor.sessions, pageviews: next.session.pageviews, landing: next.session.landingPage, first: next.session.isFirst, cart: next.cart.count }).toEqual({
      sessions: 2,
      pageviews: 1,
      landing: '/fixtures/hostile/store.html',
      first: false,
      cart: 1,
    });
    // Tab A learns of it without a hit of its own.
    await expect.poll(async () => (((await profileOf(a)) as any).visitor.sessions)).toBe(2);
    expect(((await profileOf(a)) as any).session.pageviews).toBe(1);
  });

  // Like signals.spec.ts's 40 cart adds from two tabs, for traits: identify() merges inside
  // one IndexedDB transaction (mergeTraits in storage.update), so neither tab's traits are lost.
  test('two tabs identifying at once lose no trait: a third tab sees both tabs’ last values', async ({ context }) => {
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([a.goto('/fixtures/hostile/other.html?config=quiet'), b.goto('/fixtures/hostile/store.html?config=quiet')]);
    await Promise.all([profileOf(a), profileOf(b)]);
    const identifyTwenty = (key: string) => {
      for (let i = 0; i < 20; i++) (window as any).beckon.identify({ [key]: i, [`${key}${i}`]: true });
      return (window as any).beckon.profile();
    };
    await Promise.all([a.evaluate(identifyTwenty, 'a'), b.evaluate(identifyTwenty, 'b')]);
    const third = await context.newPage();
    await third.goto('/fixtures/hostile/other.html?config=quiet');
    const { traits } = await profileOf(third);
    expect({ a: traits.a, b: traits.b, keys: Object.keys(traits).length }).toEqual({ a: 19, b: 19, keys: 42 });
  });
});

test.describe('sending events', () => {
  // sdk/runtime/eventsOut.ts leave(): what is unsent when the page goes leaves in beacons
  // under the ~64 KiB keepalive quota (DESIGN §8), until Chromium refuses one; the rest
  // waits in the outbox, where a burst is kept in one write. eventsOut.test.ts fakes the
  // quota. Here a visitor with many segments enters them all at once (one segment_enter
  // each, each naming every segment) and leaves for a page without Beckon (a payment
  // provider) before the batching second.
  test('a burst of events over 64 KiB, and the visitor leaves at once: they reach the endpoint', async ({ page }) => {
    const segments = Array.from({ length: 100 }, (_, i) => ({ id: `loyalty-tier-segment-number-${String(i).padStart(3, '0')}`, when: { 'traits.vip': true } }));
    await page.route('**/fixtures/campaigns/probe-many.json', (route) => route.fulfill({ json: { version: 1, segments } }));
    await serve(page, '/fixtures/probe-payment.html', '<!doctype html><title>Payment provider</title><h1>Pay</h1>');
    await page.addInitScript(() => {
      // Each beacon's size and answer, kept in sessionStorage: the page that sent it is gone.
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        const queued = send(url, data);
        sessionStorage.setItem('probe.beacons', `${sessionStorage.getItem('probe.beacons') ?? ''}${new Blob([data as string]).size} bytes, queued: ${queued};`);
        return queued;
      };
    });
    await page.goto('/fixtures/widgets.html?config=probe-many&endpoint=/collect');
    const { visitor } = await profileOf(page);
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await expect.poll(() => page.evaluate(() => (window as any).events.filter((e: any) => e.name === 'segment_enter').length)).toBe(100);
    // All of them are kept in the outbox (one storage write for the burst) before the visitor goes.
    expect(((await storedValue(page, 'outbox')) as unknown[] | undefined)?.length).toBe(100);
    await page.goto('/fixtures/probe-payment.html');
    const arrived = () => logged(visitor.id).filter((line) => line.event === 'segment_enter');
    // What fits the browser's keepalive quota leaves as the page goes, in beacons under it.
    await expect.poll(() => arrived().length, { timeout: 10_000 }).toBeGreaterThan(0);
    const beacons = (await page.evaluate(() => sessionStorage.getItem('probe.beacons'))) ?? '';
    expect(beacons).toMatch(/^\d+ bytes, queued: true;/);
    for (const [, bytes] of beacons.matchAll(/(\d+) bytes/g)) expect(Number(bytes)).toBeLessThanOrEqual(48 * 1024);
    // Back on a page of the store with Beckon: what the outbox kept goes now, each event once.
    await page.goto('/fixtures/widgets.html?config=none&endpoint=/collect');
    await profileOf(page);
    await expect.poll(() => arrived().length, { timeout: 40_000 }).toBe(100);
    expect(new Set(arrived().map((line) => line.segmentId)).size).toBe(100);
  });

  // sdk/runtime/outbox.ts run(): what is due goes in batches of up to 48 KB, one request
  // at a time, "in-flight keepalive requests share one small quota". outbox.test.ts ('cuts
  // batches by UTF-8 bytes') checks the cut with a fake fetch that answers at once.
  // Chromium's 64 KiB keepalive quota is its own: here 200 events (the outbox's cap) that earlier pages left
  // during an outage (about 90 KB) are waiting in the real IndexedDB outbox when a page
  // with the endpoint loads, and go out as two batches back to back.
  test('200 events left waiting by an outage go out in one pass when the next page loads: no batch refused by the browser', async ({ page, baseURL }) => {
    const visitorId = `outage-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const items = Array.from({ length: 200 }, (_, i) => ({
      // Ids as Beckon makes them: 20 characters.
      id: `${String(i).padStart(3, '0')}${Math.random().toString(36).slice(2)}0000000000000000000`.slice(0, 20),
      url: `${baseURL}/collect`,
      body: { event: 'segment_enter', segmentId: `segment-${i}`, segments: Array.from({ length: 20 }, (_, j) => `segment-${j}`), visitorId, ts: Date.now() - 60_000 },
      tries: 3,
      next: 0,
    }));
    await seedOutbox(page, items);
    await page.addInitScript(() => {
      const w = window as any;
      w.sends = [];
      const fetch = window.fetch.bind(window);
      window.fetch = (url, init) => {
        const sent = { bytes: init?.body ? new Blob([init.body as string]).size : 0, keepalive: init?.keepalive, result: 'pending' };
        if (String(url).includes('/collect')) w.sends.push(sent);
        return fetch(url, init).then(
          (response) => ((sent.result = String(response.status)), response),
          (error) => {
            sent.result = String(error);
            throw error;
          },
        );
      };
    });
    const started = Date.now();
    await page.goto('/fixtures/widgets.html?config=none&endpoint=/collect');
    await profileOf(page);
    await expect.poll(() => logged(visitorId).length, { timeout: 30_000 }).toBe(200);
    const seconds = (Date.now() - started) / 1000;
    const sends = await page.evaluate(() => (window as any).sends);
    expect({ refused: sends.filter((s: any) => !/^2\d\d$/.test(s.result)), slow: seconds > 5 ? `${seconds} s` : 'no' }).toEqual({ refused: [], slow: 'no' });
  });

  // sdk/runtime/outbox.ts deliver(): an endpoint on another origin is sent to with
  // `no-cors` and text/plain (outbox.test.ts 'sends to another origin' with a fake fetch
  // that answers an opaque response). Here Chromium sends to 127.0.0.1 from a page on
  // localhost, by fetch(keepalive) and by beacon, with the demo server's CORS headers.
  test('an endpoint on another origin gets every event once, by fetch and by beacon, with no CORS error', async ({ page, baseURL }) => {
    const watch = watchPage(page);
    // The fixture has no icon: Chromium's request for /favicon.ico 404s, which is not ours.
    const consoleErrors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico') && consoleErrors.push(message.text())));
    const elsewhere = `${baseURL!.replace('localhost', '127.0.0.1')}/collect`;
    const methods: string[] = [];
    page.on('request', (request) => request.url().startsWith(elsewhere) && methods.push(`${request.method()} ${request.headers()['content-type']}`));
    await page.goto(`/fixtures/widgets.html?config=events&endpoint=${encodeURIComponent(elsewhere)}`);
    const { visitor } = await profileOf(page);
    await expect(page.locator('beckon-widget[data-campaign="hello"]')).toHaveCount(1);
    await expect.poll(() => logged(visitor.id).map((line) => line.event), { timeout: 10_000 }).toEqual(['impression']);
    await expect.poll(() => storedValue(page, 'outbox')).toEqual([]);
    // An event, and the page left at once: the beacon carries it.
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toContain('segment_enter');
    await page.goto('/fixtures/widgets.html?config=none');
    await profileOf(page);
    await expect.poll(() => logged(visitor.id).map((line) => line.event).sort(), { timeout: 10_000 }).toEqual(['impression', 'segment_enter']);
    expect(methods.every((m) => m.startsWith('POST text/plain'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});

test.describe('a returning customer in the demo store', () => {
  // sdk/core/deriveCommerce.ts, rfmScore.ts and funnelStage.ts: rfmFunnel.test.ts and
  // commerce.test.ts derive them from hand-made event lists; demoStore.spec.ts walks one
  // order. Here two orders go through the store's real pages, each page's events stored in
  // IndexedDB and read back on the next, and explain() answers for the segment left.
  async function buy(page: Page, slug: string) {
    await page.goto(`/products/${slug}`);
    await profileOf(page);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('[data-cart-count]')).toHaveText('1');
    await checkout(page);
    return (await profileOf(page)) as any;
  }

  test('a second order makes a repeat customer: orders, RFM and funnel follow, new-customer is left, and explain() says why', async ({ page }) => {
    const watch = watchPage(page);
    const once = await buy(page, 'swift-road');
    expect(once.rfm).toEqual({ r: 5, f: 1, m: 2, score: '512', segment: 'new_customer' });
    expect(once.segments).toContain('new-customer');
    const twice = await buy(page, 'long-haul');
    expect(twice.visitor.id).toBe(once.visitor.id);
    expect(twice.orders).toMatchObject({ count: 2, revenue: 288, aov: 144, daysSinceLast: 0 });
    expect(twice.cart.count).toBe(0);
    expect(twice.rfm).toEqual({ r: 5, f: 2, m: 3, score: '523', segment: 'potential_loyalist' });
    expect(twice.funnel).toEqual({ stage: 'repeat_customer' });
    expect(twice.segments).not.toContain('new-customer');
    expect(await page.evaluate(() => (window as any).beckon.explain('new-customer'))).toEqual({
      id: 'new-customer',
      result: false,
      clauses: [{ path: 'rfm.segment', op: '$eq', expected: 'new_customer', actual: 'potential_loyalist', result: false }],
    });
    await expect
      .poll(() => page.evaluate(() => (window as any).dataLayer.filter((e: any) => e.segment_id === 'new-customer').map((e: any) => e.event)))
      .toEqual(['beckon_segment_exit']);
    await expect
      .poll(() => logged(once.visitor.id).filter((line) => line.segmentId === 'new-customer').map((line) => line.event), { timeout: 10_000 })
      .toEqual(['segment_enter', 'segment_exit']);
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
});
