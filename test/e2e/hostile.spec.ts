import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { findChromium } from './chromium.mjs';
import { collectedFor, profileOf, type ProfileShape, storedValue, watchPage } from './pageWatch.js';

// Hostile pages (#8): a store that breaks built-ins before Beckon loads, odd load timing,
// a failing network, Trusted Types, and keyboard-only visitors. Each case says what
// "works" means for it and checks that, plus the console: no uncaught error, no console
// error, and Beckon's warnings exactly as expected (none, or one that names the problem).
// The fixtures are in fixtures/hostile/; boot.js there is the store's snippet.

/** The fields of the profile read here, beyond what pageWatch's shape names. */
type Profile = ProfileShape & {
  visitor: { firstSeen: number; daysSinceFirstVisit: number };
  session: { duration: number };
  behavior: { pageviews: number; timeOnPage: number; engagedTime: number };
  cart: { count: number };
  orders: { count: number; daysSinceLast: number | null };
};
const profile = (page: Page) => profileOf(page) as Promise<Profile>;

const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
const hello = (page: Page) => widget(page, 'hello').getByRole('dialog', { name: 'Hello from Beckon' });

/** What boot.js recorded: each emitted event as "name campaign", and the tracked names. */
const recorded = (page: Page) =>
  page.evaluate(() => ({
    events: (window as any).events.map((e: any) => `${e.name} ${e.campaignId ?? ''}`.trim()) as string[],
    seen: (window as any).seen as string[],
  }));


/** No uncaught error, no console error but those expected, and exactly these Beckon warnings. */
function expectClean(watch: ReturnType<typeof watchPage>, warnings: unknown[] = [], consoleErrors: unknown[] = []) {
  expect(watch.errors).toEqual([]);
  expect(watch.consoleErrors).toEqual(consoleErrors);
  expect(watch.beckonWarnings()).toEqual(warnings);
}

/** Seconds read off a clock that also runs in real time: `expected`, or up to a second more for the test's own time. */
const within = (seconds: number, expected: number) => seconds >= expected && seconds <= expected + 1;

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The store's own add-to-cart button, and Beckon's reading of what it pushes to dataLayer. */
async function addToCart(page: Page) {
  await page.locator('#add').click();
  await expect(page.locator('#added')).toHaveText('Added to your cart');
  await expect.poll(async () => (await profile(page)).cart.count).toBe(1);
}

test.describe('a store that overrides built-ins before Beckon loads', () => {
  // [what the store did, break.js names, a check in the page that the override is in force]
  const SURVIVED = [
    ['Array.prototype.push returns undefined and logs', 'push', '[].push(1) === undefined'],
    ['JSON.stringify stamps a key of its own into every object', 'stringify', 'JSON.stringify({ a: 1 }).includes("_store")'],
    ['window.Promise is a subclass', 'promise-subclass', 'Object.getPrototypeOf(Promise) === (async () => {})().constructor'],
    ['window.Promise is an old polyfill, not a native promise', 'promise-polyfill', '!("allSettled" in Promise) && (async () => {})().constructor !== Promise'],
    ['Object.prototype is frozen', 'freeze-object-prototype', 'Object.isFrozen(Object.prototype)'],
    ['all of these at once', 'push,stringify,promise-polyfill,freeze-object-prototype', '[].push(1) === undefined && Object.isFrozen(Object.prototype)'],
  ] as const;

  for (const [what, breaks, inForce] of SURVIVED) {
    test(`${what}: Beckon works fully`, async ({ page }) => {
      const watch = watchPage(page);
      await page.goto(`/fixtures/hostile/store.html?break=${breaks}&endpoint=/collect`);
      expect(await page.evaluate(inForce)).toBe(true);
      // The popup shows, and its secondary button closes it.
      await expect(hello(page)).toBeVisible();
      await hello(page).getByRole('button', { name: 'No thanks' }).click();
      await expect(widget(page, 'hello')).toHaveCount(0);
      const first = await profile(page);
      expect(first.session.pageviews).toBe(1);
      await addToCart(page);
      expect(await recorded(page)).toEqual({ events: ['impression hello', 'click hello', 'dismiss hello'], seen: ['page_view', 'add_to_cart'] });
      // The events reach the endpoint (JSON lines, sent with the page's fetch).
      await expect
        .poll(() => collectedFor(first.visitor.id).filter((line) => line.campaignId === 'hello').map((line) => line.event), { timeout: 5000 })
        .toEqual(['impression', 'click', 'dismiss']);
      // Stored, so the next page knows the visitor.
      await page.reload();
      const second = await profile(page);
      expect([second.visitor.id, second.session.pageviews]).toEqual([first.visitor.id, 2]);
      expectClean(watch);
    });
  }

  // window.fetch is the only way to the config: when the store broke it, Beckon runs
  // without campaigns, says why once per page, and still tracks and stores the visitor.
  const CONFIG = '/fixtures/hostile/config.json';
  const FETCH_BROKEN = [
    ['rejects every URL but its own API', 'fetch-rejects', `could not be loaded (store-fetch: unknown URL ${CONFIG})`],
    ['answers with { status, data } instead of a Response', 'fetch-not-response', 'could not be loaded (window.fetch returned no Response)'],
    ['answers with nothing at all', 'fetch-undefined', 'could not be loaded (window.fetch returned no Response)'],
  ] as const;

  for (const [what, breaks, why] of FETCH_BROKEN) {
    test(`window.fetch ${what}: one warning, no campaign, the visitor tracked and kept`, async ({ page }) => {
      const watch = watchPage(page);
      const warning = `[beckon] The config ${CONFIG} ${why}; running without campaigns.`;
      await page.goto(`/fixtures/hostile/store.html?break=${breaks}`);
      const first = await profile(page);
      expect(first.session.pageviews).toBe(1);
      await expect(page.locator('beckon-widget')).toHaveCount(0);
      await addToCart(page);
      expect(await recorded(page)).toEqual({ events: [], seen: ['page_view', 'add_to_cart'] });
      expectClean(watch, [warning]);
      await page.reload();
      const second = await profile(page);
      expect([second.visitor.id, second.session.pageviews]).toEqual([first.visitor.id, 2]);
      expectClean(watch, [warning, warning]);
    });
  }

  const STEPPED_ASIDE = '[beckon] window.beckon is already defined by another script; Beckon did not start.';
  // [what the other script's global is, break.js name, a check in the page that it still works]
  for (const [what, breaks, works] of [
    ['an object', 'beckon-object', 'beckon.ping() === "pong"'],
    ['a function of its own', 'beckon-function', 'beckon("h1") === 1'],
  ] as const) {
    test(`window.beckon already ${what}: Beckon steps aside with one warning and touches nothing`, async ({ page }) => {
      const watch = watchPage(page);
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      // `load` waits for the async script, which decides at once.
      await page.goto(`/fixtures/hostile/foreign.html?break=${breaks}`);
      await expect.poll(() => watch.beckonWarnings()).toEqual([STEPPED_ASIDE]);
      expect(await page.evaluate(works)).toBe(true);
      // No config, no chunk, no database, no widget.
      expect(asked.filter((p) => p.startsWith('/chunks/') || p.endsWith('.json'))).toEqual([]);
      expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual([]);
      await expect(page.locator('beckon-widget')).toHaveCount(0);
      expectClean(watch, [STEPPED_ASIDE]);
    });
  }
});

test.describe('load timing', () => {
  test('a synchronous script in <head>: init ends before <body> exists, and the popup waits for it', async ({ page }) => {
    const watch = watchPage(page);
    let whileParsing: unknown;
    // The store's slow script after ours holds the parser in <head> until Beckon has finished init.
    await page.route('**/fixtures/hostile/parser-blocker.js', async (route) => {
      // Polled on a timer: nothing is painted while the parser waits, so no animation frames run.
      await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function', null, { polling: 50 });
      whileParsing = await page.evaluate(async () => {
        const { session } = await (window as any).beckon.profile();
        return { body: document.body, pageviews: session.pageviews };
      });
      await route.continue();
    });
    await page.goto('/fixtures/hostile/head-sync.html');
    expect(whileParsing).toEqual({ body: null, pageviews: 1 });
    await expect(hello(page)).toBeVisible();
    expect(await recorded(page)).toEqual({ events: ['impression hello'], seen: ['page_view'] });
    expectClean(watch);
  });

  test('injected after load by a tag manager, with data-config: the page view counts and the popup shows', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/hostile/injected.html');
    await page.waitForFunction(() => (window as any).injected);
    expect(await page.evaluate(() => (window as any).beckonBefore)).toBeUndefined();
    expect((await profile(page)).session.pageviews).toBe(1);
    await expect(hello(page)).toBeVisible();
    expectClean(watch);
  });

  test('included twice, the second copy injected after load with another config: one init, one page view', async ({ page }) => {
    const watch = watchPage(page);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto('/fixtures/hostile/twice.html');
    await page.waitForFunction(() => (window as any).injected);
    expect(await page.evaluate(() => (window as any).beckon === (window as any).beckonBefore)).toBe(true);
    expect((await profile(page)).session.pageviews).toBe(1);
    await expect(hello(page)).toBeVisible();
    expect(await recorded(page)).toEqual({ events: ['impression hello'], seen: ['page_view'] });
    // The second copy's config is never read.
    expect(asked.filter((p) => p.endsWith('.json'))).toEqual(['/fixtures/hostile/config.json']);
    expectClean(watch);
  });

  test('back to a page from the back/forward cache: restored, not counted again, and it catches up with the page it left for', async ({ baseURL }) => {
    // DESIGN counts a page view on load and on SPA navigations; a restore from the cache
    // is neither, so none is added. DESIGN §8 keeps pages cacheable (no unload listener).
    // Playwright turns the cache off (--disable-back-forward-cache): this browser has it on.
    // Chromium evicts a cached page whose IndexedDB transaction is open as it is frozen once
    // the next page needs the same store (IgnoreEventAndEvict): a visitor who leaves within
    // the milliseconds of a write. Under a full suite's load the batch's send, a second after
    // the dismissal, has met the click that leaves (seen under 8x CPU throttling: the outbox's
    // transaction open at pagehide). That alone earns another try; any other reason, or that
    // one three times over, fails.
    for (let attempt = 1; ; attempt++) {
      const browser = await chromium.launch({ executablePath: findChromium(), ignoreDefaultArgs: ['--disable-back-forward-cache'], args: ['--no-sandbox'] });
      const context = await browser.newContext({ baseURL });
      try {
        const page = await context.newPage();
        // The demo server's Cache-Control: no-store keeps any page out of the cache
        // (MainResourceHasCacheControlNoStore); a store's catalogue pages are cacheable.
        await context.route('**/*', async (route) => {
          if (route.request().method() !== 'GET') return route.continue();
          const response = await route.fetch();
          const { 'cache-control': _, ...headers } = response.headers();
          return route.fulfill({ response, headers });
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Page.enable');
        const notRestored: string[] = [];
        cdp.on('Page.backForwardCacheNotUsed', (event) => notRestored.push(...(event.notRestoredExplanations ?? []).map((e) => e.reason)));
        const watch = watchPage(page);

        await page.goto('/fixtures/hostile/store.html?endpoint=/collect');
        await hello(page).getByRole('button', { name: 'No thanks' }).click();
        const first = await profile(page);
        await page.evaluate(() => ((window as any).left = true));
        // Left at once: the popup's events are still in the batch, for the beacon on pagehide.
        await page.locator('#away').click();
        await page.waitForURL('**/other.html');
        expect((await profile(page)).session.pageviews).toBe(2);

        // A restore fires no load event: the restored page is awaited to its second pageshow;
        // a page loaded afresh instead has no `left` mark, and is awaited to its load.
        await page.goBack({ waitUntil: 'commit' });
        await page.waitForFunction(() => ((window as any).left ? (window as any).pageshows.length === 2 : document.readyState === 'complete'));
        if (attempt < 3 && notRestored.length === 1 && notRestored[0] === 'IgnoreEventAndEvict') {
          test.info().annotations.push({ type: 'evicted', description: `attempt ${attempt}: evicted for a write open as the page was frozen` });
          continue;
        }
        expect({ pageshows: await page.evaluate(() => (window as any).pageshows), notRestored }).toEqual({ pageshows: [false, true], notRestored: [] });
        const restored = await profile(page);
        expect([restored.visitor.id, restored.session.pageviews]).toEqual([first.visitor.id, 2]);
        // It tracks on: the cart, and the popup's events sent once.
        await addToCart(page);
        expect(await recorded(page)).toEqual({ events: ['impression hello', 'click hello', 'dismiss hello'], seen: ['page_view', 'add_to_cart'] });
        // Delivered exactly once is what counts here, not how soon: in one CI run under a full
        // suite's load, nothing had arrived 5 s after the restore (cause not established).
        await expect
          .poll(() => collectedFor(first.visitor.id).filter((line) => line.campaignId === 'hello').map((line) => line.event), { timeout: 15_000 })
          .toEqual(['impression', 'click', 'dismiss']);
        expectClean(watch);
        return;
      } finally {
        await context.unrouteAll({ behavior: 'ignoreErrors' });
        await browser.close();
      }
    }
  });

  test('a tab opened in the background counts its page view, and engaged time only once it is shown', async ({ baseURL }) => {
    const { front, tab, close } = await backgroundTab();
    try {
      const watch = watchPage(tab);
      await tab.clock.install();
      await tab.goto(`${baseURL}/fixtures/hostile/store.html?config=quiet`);
      expect(await tab.evaluate(() => document.visibilityState)).toBe('hidden');
      expect((await profile(tab)).session.pageviews).toBe(1);
      await tab.clock.fastForward(60_000);
      const hidden = (await profile(tab)).behavior;
      expect(hidden.engagedTime).toBe(0);
      expect(hidden.timeOnPage).toBeGreaterThanOrEqual(60);

      await tab.bringToFront();
      expect(await tab.evaluate(() => document.visibilityState)).toBe('visible');
      await tab.clock.fastForward(10_000);
      expect(within((await profile(tab)).behavior.engagedTime, 10)).toBe(true);
      // Hidden again: the engaged time is stored at once, not when the page is left.
      await front.bringToFront();
      expect(await tab.evaluate(() => document.visibilityState)).toBe('hidden');
      await expect.poll(async () => within(((await storedValue<{ engagedMs?: number }>(tab, 'visitor'))?.engagedMs ?? 0) / 1000, 10)).toBe(true);
      expectClean(watch);
    } finally {
      await close();
    }
  });

  test('a popup in a tab opened in the background shows, and counts its impression, only once the tab is seen', async ({ baseURL }) => {
    const { tab, close } = await backgroundTab();
    try {
      const watch = watchPage(tab);
      await tab.goto(`${baseURL}/fixtures/hostile/store.html?config=config`);
      expect(await tab.evaluate(() => document.visibilityState)).toBe('hidden');
      await profile(tab);
      await tab.waitForTimeout(2000);
      expect({ recorded: await recorded(tab), stored: await storedValue(tab, 'campaigns') }).toEqual({ recorded: { events: [], seen: ['page_view'] }, stored: undefined });
      await tab.bringToFront();
      await expect(hello(tab)).toBeVisible();
      expect(await recorded(tab)).toEqual({ events: ['impression hello'], seen: ['page_view'] });
      expectClean(watch);
    } finally {
      await close();
    }
  });

  test('a delay counts only the time the page is seen: a popup behind a background tab does not show the moment the tab is', async ({ baseURL }) => {
    const { tab, close } = await backgroundTab();
    try {
      const watch = watchPage(tab);
      await tab.clock.install(); // the hidden 4 s and the rest of the delay pass on Playwright's clock
      await tab.goto(`${baseURL}/fixtures/hostile/store.html?config=delayed`);
      expect(await tab.evaluate(() => document.visibilityState)).toBe('hidden');
      await profile(tab);
      // Longer hidden than the delay (3 s): none of it counts.
      await tab.clock.runFor(4000);
      await tab.bringToFront();
      await tab.waitForTimeout(1000); // real time (the clock flows too): a popup set off hidden would be up by now
      expect(await hello(tab).isVisible()).toBe(false);
      expect((await recorded(tab)).events).toEqual([]);
      await tab.clock.runFor(2000); // 3 s seen
      await expect(hello(tab)).toBeVisible();
      expect((await recorded(tab)).events).toEqual(['impression hello']);
      expectClean(watch);
    } finally {
      await close();
    }
  });

  test('the clock jumping back a day between two pages: same visitor and session, no negative duration', async ({ page }) => {
    const watch = watchPage(page);
    const start = Date.parse('2026-11-20T12:00:00Z');
    await page.clock.install({ time: start });
    await page.goto('/fixtures/hostile/store.html?config=quiet');
    const first = await profile(page);
    await page.evaluate(() =>
      (window as any).beckon.track('purchase', { transaction_id: 'T-1', currency: 'EUR', value: 120, items: [{ item_id: 'RUN-001', item_name: 'Swift Road', price: 120, quantity: 1 }] }),
    );
    await page.clock.fastForward(5_000);
    expect(within((await profile(page)).behavior.engagedTime, 5)).toBe(true);

    await page.clock.setSystemTime(start - 24 * 3600_000);
    await page.goto('/fixtures/hostile/other.html?config=quiet');
    // Ready first: 3 s fast-forwarded during init would also time out its IndexedDB open.
    await profile(page);
    await page.clock.fastForward(3_000);
    const second = await profile(page);
    expect(second.visitor).toMatchObject({ id: first.visitor.id, firstSeen: first.visitor.firstSeen, sessions: 1, daysSinceFirstVisit: 0 });
    expect(second.session).toMatchObject({ pageviews: 2, duration: 0 });
    expect(second.behavior.pageviews).toBe(2);
    // The 5 s engaged before the jump are kept, and the 3 s after it added.
    expect([within(second.behavior.timeOnPage, 3), within(second.behavior.engagedTime, 8)]).toEqual([true, true]);
    expect(second.orders).toMatchObject({ count: 1, daysSinceLast: 0 });
    expectClean(watch);
  });
});

test.describe('the config over a bad network', () => {
  const CONFIG = '/fixtures/hostile/config.json';
  // [what happens, how (undefined: the demo server's own answer), the warning's reason, the browser's console error]
  const FAILED = [
    ['404s', undefined, 'could not be loaded (HTTP 404)', 'status of 404 (Not Found)'],
    ['answers 500', { status: 500, body: 'Internal Server Error' }, 'could not be loaded (HTTP 500)', 'status of 500 (Internal Server Error)'],
    ['answers 200 with the store’s HTML page', { status: 200, contentType: 'text/html', body: '<!doctype html><title>Stride</title><p>Welcome' }, 'is not valid JSON', undefined],
  ] as const;

  for (const [what, answer, why, consoleError] of FAILED) {
    test(`a config that ${what}: the page works, with one warning`, async ({ page }) => {
      const watch = watchPage(page);
      const url = answer ? CONFIG : '/fixtures/hostile/missing.json';
      if (answer) await page.route(`**${CONFIG}`, (route) => route.fulfill(answer));
      await page.goto(`/fixtures/hostile/store.html?config=${answer ? 'config' : 'missing'}`);
      expect((await profile(page)).session.pageviews).toBe(1);
      await expect(page.locator('beckon-widget')).toHaveCount(0);
      await addToCart(page);
      const warning = expect.stringMatching(new RegExp(`^${literal(`[beckon] The config ${url} ${why}`)}.*; running without campaigns\\.$`));
      expectClean(watch, [warning], consoleError ? [expect.stringContaining(consoleError)] : []);
    });
  }

  test('a config that takes 5 s: the page is usable meanwhile, and the campaign shows once it arrives', async ({ page }) => {
    const watch = watchPage(page);
    let arrived = false;
    await page.route(`**${CONFIG}`, async (route) => {
      // The network's slowness, not a wait for the test.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      arrived = true;
      await route.continue();
    });
    // goto waits for the load event, which does not wait for the config.
    await page.goto('/fixtures/hostile/store.html');
    // The store's own button works, and its click is counted once Beckon has its config.
    await page.locator('#add').click();
    await expect(page.locator('#added')).toHaveText('Added to your cart');
    expect(arrived).toBe(false);
    await expect(hello(page)).toBeVisible({ timeout: 10_000 });
    expect((await profile(page)).cart.count).toBe(1);
    expect(await recorded(page)).toEqual({ events: ['impression hello'], seen: ['page_view', 'add_to_cart'] });
    expectClean(watch);
  });

  test('a config URL that redirects (302) to the config: everything works, without a warning', async ({ page }) => {
    const watch = watchPage(page);
    await page.route('**/fixtures/hostile/moved.json', (route) => route.fulfill({ status: 302, headers: { location: CONFIG } }));
    const redirected = page.waitForRequest(`**${CONFIG}`);
    await page.goto('/fixtures/hostile/store.html?config=moved');
    expect((await redirected).redirectedFrom()?.url()).toMatch(/\/fixtures\/hostile\/moved\.json$/);
    await expect(hello(page)).toBeVisible();
    expect((await profile(page)).segments).toEqual(['browsing']);
    expect(await recorded(page)).toEqual({ events: ['impression hello'], seen: ['page_view'] });
    expectClean(watch);
  });
});

test.describe('IndexedDB changed under an open page', () => {
  const quiet = '/fixtures/hostile/store.html?config=quiet';

  test('another tab upgrades the database: the upgrade is not blocked, and this page keeps its visitor', async ({ page, context }) => {
    const watch = watchPage(page);
    await page.goto(quiet);
    const before = await profile(page);
    // Another tab of the store (a newer Beckon, or the store's own code) opens the
    // database at the next version and adds a store of its own.
    const other = await context.newPage();
    await other.goto('/fixtures/hostile/other.html');
    expect((await profile(other)).session.pageviews).toBe(2);
    const upgrade = await other.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const probe = indexedDB.open('beckon');
          probe.onsuccess = () => {
            const version = probe.result.version;
            probe.result.close();
            const request = indexedDB.open('beckon', version + 1);
            request.onblocked = () => seen.push('blocked');
            request.onupgradeneeded = () => {
              request.result.createObjectStore('other-tab');
              seen.push(`upgraded to ${version + 1}`);
            };
            request.onsuccess = () => {
              request.result.close();
              resolve(seen);
            };
            request.onerror = () => resolve([...seen, `error ${request.error?.name}`]);
          };
        }),
    );
    expect(upgrade).toEqual([expect.stringMatching(/^upgraded to \d+$/)]);
    await other.close();
    // This page reopens at the new version and goes on keeping what it learns.
    await page.evaluate(() => (window as any).beckon.identify({ size: '43' }));
    await addToCart(page);
    await page.reload();
    const after = await profile(page);
    // Three page views: this page twice, and the other tab's (it is a store page too).
    expect({ id: after.visitor.id, pageviews: after.session.pageviews, traits: after.traits, cart: after.cart.count }).toEqual({
      id: before.visitor.id,
      pageviews: 3,
      traits: { size: '43' },
      cart: 1,
    });
    expectClean(watch);
  });

  test('site data cleared while the page is open: the connection closes under it, and the clear is respected', async ({ page, context, baseURL }) => {
    // A visitor who clears the store's data, or a store that sends Clear-Site-Data on
    // sign-out, means the visitor to be gone: Beckon must not write the old one back from
    // memory. Its next write starts a new visitor, as a reload would, and keeps that one.
    const watch = watchPage(page);
    await page.goto(quiet);
    await page.evaluate(() => (window as any).beckon.identify({ size: '43' }));
    await addToCart(page);
    const before = await profile(page);
    // What "clear site data" does to IndexedDB: the database is deleted, and the browser
    // closes every open connection to it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(baseURL!).origin, storageTypes: 'indexeddb' });
    expect(await storedValue(page, 'visitor')).toBeUndefined();

    await page.evaluate(() => (window as any).beckon.identify({ newsletter: true }));
    await page.locator('#add').click();
    const stored = () => storedValue<{ id: string; traits: object }>(page, 'visitor');
    await expect.poll(async () => (await stored())?.traits).toEqual({ newsletter: true });
    const fresh = (await stored())!.id;
    expect(fresh).not.toBe(before.visitor.id);
    expect(await profile(page)).toMatchObject({ visitor: { id: fresh }, traits: { newsletter: true }, cart: { count: 1 } });
    await page.reload();
    expect(await profile(page)).toMatchObject({ visitor: { id: fresh }, traits: { newsletter: true }, cart: { count: 1 } });
    expectClean(watch);
  });
});

test('10,000 segments compile in slices: the page keeps running while they do, and every segment works', async ({ page }) => {
  const n = 10_000;
  const segments = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    when: i % 10 === 9 ? { 'page.path': { $regex: `^/fixtures/${i % 100}/` }, segments: { $in: [`s${i - 1}`] } } : { 'page.path': { $regex: i % 100 === 42 ? '^/fixtures/hostile/' : `^/p/${i % 100}/` }, 'cart.count': { $gte: i % 3 } },
  }));
  await page.route('**/fixtures/hostile/many.json', (route) => route.fulfill({ json: { version: 1, segments } }));
  // The page's own work, as a timer that runs whenever the main thread is free.
  await page.addInitScript(() => {
    const ticks: number[] = ((window as any).ticks = []);
    const tick = () => {
      ticks.push(performance.now());
      if (ticks.length < 20_000) setTimeout(tick, 0);
    };
    tick();
  });
  const watch = watchPage(page);
  await page.goto('/fixtures/hostile/store.html?config=many');
  const matched = await page.evaluate(() => (window as any).beckon.segments());
  const { ticks, ready, configArrived } = await page.evaluate(() => ({
    ticks: (window as any).ticks as number[],
    ready: performance.now(),
    configArrived: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.endsWith('/many.json'))!.responseEnd,
  }));
  // Every segment on this path with an empty cart: i % 100 === 42 and i % 3 === 0.
  expect(matched).toEqual(segments.filter((_, i) => i % 100 === 42 && i % 3 === 0).map((s) => s.id));
  // From the config's arrival to the segments ready, the page's timer kept running: no
  // single pause of it took as much as half that time, as one compile of it all would.
  const during = ticks.filter((t) => t >= configArrived && t <= ready);
  const gaps = [configArrived, ...during, ready].slice(1).map((t, i, all) => t - (i === 0 ? configArrived : all[i - 1]!));
  const longest = Math.max(...gaps);
  test.info().annotations.push({ type: 'timing', description: `config to ready ${(ready - configArrived).toFixed(0)} ms; ${during.length} timer runs; longest pause ${longest.toFixed(0)} ms` });
  expect(during.length).toBeGreaterThan(5);
  expect(longest).toBeLessThan((ready - configArrived) / 2);
  expectClean(watch);
});

test('Trusted Types required: a popup and a form show and work, with no violation', async ({ page }) => {
  const watch = watchPage(page);
  // *.tt.html: the strict policy of DESIGN §6 plus require-trusted-types-for 'script'.
  await page.goto('/fixtures/hostile/store.tt.html?config=tt');
  const popup = widget(page, 'hello').getByRole('dialog', { name: 'Hello from Beckon' });
  await expect(popup).toBeVisible();
  await expect(popup.getByRole('link', { name: 'Terms' })).toHaveAttribute('href', '/terms');
  await page.keyboard.press('Escape');
  await expect(popup).toHaveCount(0);

  const form = widget(page, 'size-guide');
  await form.getByLabel('Email').fill('tt@example.com');
  await form.getByLabel('Usual size').selectOption('43');
  await form.getByLabel('I agree to the privacy policy').check();
  await form.getByRole('button', { name: 'Unlock' }).click();
  await expect(form.getByRole('status')).toHaveText('Unlocked below!');
  await expect(page.locator('#guide')).toBeVisible();
  const { traits, visitor } = await profile(page);
  expect(traits).toEqual({ size: '43', terms: true });
  await expect
    .poll(() => collectedFor(visitor.id).map((line) => line.values), { timeout: 5000 })
    .toEqual([{ email: 'tt@example.com', size: '43', terms: true }]);
  // The two impressions come in whichever order their chunks arrive.
  expect((await recorded(page)).events.sort()).toEqual(['dismiss hello', 'impression hello', 'impression size-guide', 'submit size-guide']);
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  expectClean(watch);
  // The policy is in force, and a violation would have been seen: a string where
  // TrustedHTML is required throws and is reported.
  const blocked = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return 'assigned';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(blocked).toBe('TypeError');
  await expect.poll(() => page.evaluate(() => (window as any).violations)).toEqual(['require-trusted-types-for trusted-types-sink']);
});

test.describe('keyboard only', () => {
  // campaigns.spec.ts already opens a popup with Enter, keeps focus inside over Tab and
  // Shift+Tab, closes it with Escape and returns focus; quizAccessibility.spec.ts moves a
  // single choice with arrow keys and follows Enter on Next. These add the rest.

  /** The name of what has focus, through shadow roots: its aria-label, its label's text, or its own. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const label = (el as HTMLInputElement | null)?.labels?.[0]?.cloneNode(true) as HTMLElement | undefined;
      label?.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return el?.getAttribute('aria-label') || label?.textContent?.trim() || el?.textContent?.trim() || el?.tagName;
    });
  const press = async (page: Page, key: string, times = 1) => {
    const names: (string | undefined)[] = [];
    for (let i = 0; i < times; i++) {
      await page.keyboard.press(key);
      names.push(await focused(page));
    }
    return names;
  };

  test('a popup: Tab visits every control in order and wraps both ways; Enter on a secondary action closes it and focus returns', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/hostile/store.html?config=keyboard-popup');
    await profile(page);
    await page.locator('#offer').focus();
    await page.keyboard.press('Enter');
    const dialog = widget(page, 'offer').getByRole('dialog', { name: 'Two pairs, one price' });
    await expect(dialog).toBeVisible();
    // Focus starts on the first control after the close button.
    expect(await focused(page)).toBe('Read the terms');
    expect(await press(page, 'Tab', 5)).toEqual(['Copy code', 'Shop now', 'No thanks', 'Close', 'Read the terms']);
    expect(await press(page, 'Shift+Tab', 3)).toEqual(['Close', 'No thanks', 'Shop now']);
    expect(await press(page, 'Tab')).toEqual(['No thanks']);
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('#offer')).toBeFocused();
    expect((await recorded(page)).events).toEqual(['impression offer', 'click offer', 'dismiss offer']);
    expectClean(watch);
  });

  test('a quiz: Enter answers from the choice itself, Space ticks boxes, an empty answer is announced, Back keeps the answers', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/hostile/store.html?config=quiz');
    const quiz = widget(page, 'finder');
    await expect(quiz.getByRole('group', { name: 'Where do you run most?' })).toBeVisible();
    // In the page's tab order, after the store's buttons: the close button, then the choices.
    await page.locator('#offer').focus();
    expect(await press(page, 'Tab', 2)).toEqual(['Close', 'Road']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const goals = quiz.getByRole('group', { name: 'What matters to you?' });
    await expect(goals.getByText('What matters to you?')).toBeFocused();
    expect(await press(page, 'Tab')).toEqual(['Cushioning']);
    await page.keyboard.press('Space');
    expect(await press(page, 'Tab', 2)).toEqual(['Speed', 'Grip']);
    await page.keyboard.press('Space');
    expect(await press(page, 'Tab', 2)).toEqual(['Back', 'Next']);
    await page.keyboard.press('Enter');

    // Nothing chosen: the error is announced, tied to the group, and focus goes to the first choice.
    const often = quiz.getByRole('group', { name: 'How often do you run?' });
    await expect(often.getByText('How often do you run?')).toBeFocused();
    expect(await press(page, 'Tab', 3)).toEqual(['Every week', 'Back', 'Finish']);
    await page.keyboard.press('Enter');
    const alert = quiz.getByRole('alert');
    await expect(alert).toHaveText('Please answer this question');
    await expect(often).toHaveAttribute('aria-invalid', 'true');
    await expect(often).toHaveAttribute('aria-describedby', (await alert.getAttribute('id'))!);
    expect(await focused(page)).toBe('Every week');

    // Back: the previous question, focused, with its answers still ticked.
    expect(await press(page, 'Tab')).toEqual(['Back']);
    await page.keyboard.press('Enter');
    await expect(goals.getByText('What matters to you?')).toBeFocused();
    const ticked = await goals.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked));
    expect(ticked).toEqual([true, false, true]);
    expect(await press(page, 'Tab', 5)).toEqual(['Cushioning', 'Speed', 'Grip', 'Back', 'Next']);
    await page.keyboard.press('Enter');
    await expect(often.getByText('How often do you run?')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    await expect(quiz.getByRole('heading', { name: 'Your match: the Trail Grip' })).toBeFocused();
    expect((await profile(page)).answers).toEqual({ fit: { terrain: 'trail', goals: ['cushion', 'grip'], often: 'daily' } });
    expect((await recorded(page)).events).toEqual([
      'impression finder',
      'quiz_answer finder',
      'quiz_answer finder',
      'quiz_answer finder',
      'quiz_answer finder',
      'quiz_complete finder',
    ]);
    expectClean(watch);
  });

  test('a form: Tab through the fields, Enter submits, errors are announced and tied to their fields, then it succeeds', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/hostile/store.html?config=form');
    const form = widget(page, 'size-guide');
    await expect(form.getByRole('heading', { name: 'Get the size guide' })).toBeVisible();
    await page.locator('#offer').focus();
    expect(await press(page, 'Tab', 5)).toEqual(['Close', 'Email', 'Usual size', 'I agree to the privacy policy', 'Unlock']);

    // Enter in the email field sends the form: both mistakes are marked and explained.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('not-an-email');
    await page.keyboard.press('Enter');
    const email = form.getByLabel('Email');
    const terms = form.getByLabel('I agree to the privacy policy');
    const problems = await Promise.all(
      [email, terms].map(async (field) => {
        await expect(field).toHaveAttribute('aria-invalid', 'true');
        const message = form.locator(`[id="${await field.getAttribute('aria-describedby')}"]`);
        return [await message.getAttribute('role'), await message.textContent()];
      }),
    );
    expect(problems).toEqual([
      ['alert', 'Enter an email address like name@example.com'],
      ['alert', 'Please tick this box to continue'],
    ]);
    await expect(email).toBeFocused();
    expect((await recorded(page)).events).toEqual(['impression size-guide']);

    // Corrected by keyboard: retype, pick a size with the arrows, tick with Space, Enter.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('kim@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(form.getByRole('status')).toHaveText('Unlocked below!');
    await expect(form.getByRole('status')).toBeFocused();
    await expect(page.locator('#guide')).toBeVisible();
    expect((await profile(page)).traits).toEqual({ size: '42', terms: true });
    expect((await recorded(page)).events).toEqual(['impression size-guide', 'submit size-guide']);
    expectClean(watch);
  });
});

/**
 * Chromium started by hand and attached over CDP with `noDefaults`, so Playwright leaves
 * focus emulation off and a background tab is really hidden. `close` ends that browser.
 */
/**
 * A tab opened in the background of a browser that keeps real tab visibility (Playwright's
 * own pages always report themselves visible: it turns focus emulation on for them), and
 * the tab in front of it.
 */
async function backgroundTab(): Promise<{ front: Page; tab: Page; close: () => Promise<void> }> {
  const { browser, close } = await chromiumOverCdp();
  const context = browser.contexts()[0]!;
  const front = context.pages()[0] ?? (await context.newPage());
  const opened = context.waitForEvent('page');
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Target.createTarget', { url: 'about:blank', background: true, newWindow: false });
  return { front, tab: await opened, close };
}

async function chromiumOverCdp(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'beckon-hidden-tab-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-breakpad', '--no-first-run', '--remote-debugging-port=0', `--user-data-dir=${profileDir}`];
  const child = spawn(findChromium(), [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stderr!.on('data', (chunk) => {
      said += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (found) resolve(found[1]!);
    });
    void exited.then(() => reject(new Error(`Chromium exited before it listened:\n${said}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
  return {
    browser,
    async close() {
      // Browser.close lets Chromium end its own helper processes before the profile goes.
      const session = await browser.newBrowserCDPSession().catch(() => undefined);
      await session?.send('Browser.close').catch(() => undefined);
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) child.kill();
      await exited;
      // A helper process of Chromium's can still be writing there for a while after the
      // browser has exited (ENOTEMPTY): the profile is removed in the background, and left
      // to the system if it cannot be, rather than hold up the test. (Waited for, with
      // Node's retries backing off linearly, 20 tries of 250 ms took 52 s each time.)
      void rm(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
    },
  };
}
