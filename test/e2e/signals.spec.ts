import { expect, test } from '@playwright/test';
import { profileOf, watchPage } from './pageWatch.js';

test.describe('visitor signals', () => {
  test('counts dataLayer events pushed before the script loaded exactly once', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/datalayer-early.html');
    const profile: any = await profileOf(page);
    expect(await page.evaluate(() => (window as any).seen)).toEqual(['page_view', 'view_item', 'add_to_cart']);
    expect(profile.cart).toMatchObject({ count: 1, value: 89, currency: 'EUR', items: [{ item_id: 'RUN-003', price: 89 }] });
    expect(profile.page).toMatchObject({ type: 'product', product: { id: 'RUN-003' } });
    expect(profile.behavior).toMatchObject({ pageviews: 1, productViews: 1, productsViewed: ['RUN-003'], categoriesViewed: ['Running'] });
    await page.evaluate(() => (window as any).dataLayer.push({ event: 'remove_from_cart', ecommerce: { items: [{ item_id: 'RUN-003', price: 89 }] } }));
    expect(((await profileOf(page)) as any).cart.count).toBe(0);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('counts single-page-app navigations and back as page views', async ({ page }) => {
    await page.goto('/fixtures/spa.html');
    await profileOf(page);
    await page.getByRole('link', { name: 'Trail' }).click();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: 'Ridge Runner' }).click();
    await page.goBack();
    await expect.poll(() => page.evaluate(() => (window as any).views)).toEqual([
      '/fixtures/spa.html other',
      '/fixtures/spa/shop/trail category',
      '/fixtures/spa/products/ridge-runner product',
      '/fixtures/spa/shop/trail category',
    ]);
    const profile: any = await profileOf(page);
    expect(profile.session.pageviews).toBe(4);
    expect(profile.page).toMatchObject({ path: '/fixtures/spa/shop/trail', query: { sort: 'price' }, type: 'category' });
  });

  test('two tabs adding to the cart at once lose nothing: a third tab sees all 40', async ({ context }) => {
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([a.goto('/products/swift-road'), b.goto('/products/long-haul')]);
    await Promise.all([profileOf(a), profileOf(b)]);
    const addTwenty = (sku: string) => {
      for (let i = 0; i < 20; i++) (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: sku, item_name: sku, price: 10, quantity: 1 }] });
      return (window as any).beckon.profile();
    };
    await Promise.all([a.evaluate(addTwenty, 'A'), b.evaluate(addTwenty, 'B')]);
    // Not /cart: the demo store's cart page pushes view_cart with its own (empty) cart,
    // which rightly replaces a cart built only through track().
    const third = await context.newPage();
    await third.goto('/');
    const profile: any = await profileOf(third);
    expect(profile.cart.count).toBe(40);
    expect(profile.cart.items.map((i: any) => [i.item_id, i.quantity]).sort()).toEqual([['A', 20], ['B', 20]]);
  });
});

test.describe('traffic', () => {
  for (const [name, url, referer, expected] of [
    ['a Google Ads click', '/?gclid=abc123', undefined, { channel: 'paid_search', source: 'google', medium: 'cpc', clickId: 'gclid' }],
    ['an organic Bing result', '/products/mud-hound', 'https://www.bing.com/search?q=trail+shoes', { channel: 'organic_search', source: 'bing', medium: 'organic', referrer: 'bing.com' }],
    ['a newsletter link', '/?utm_source=newsletter&utm_medium=Email&utm_campaign=Nov', undefined, { channel: 'email', source: 'newsletter', medium: 'email', campaign: 'Nov' }],
    ['a link from the store itself', '/cart', 'http://localhost/products/swift-road', { channel: 'direct', source: '(direct)', referrer: '' }],
  ] as const) {
    test(`classifies ${name}`, async ({ page }) => {
      await page.goto(url, referer ? { referer } : {});
      const profile: any = await profileOf(page);
      expect(profile.traffic).toMatchObject(expected);
    });
  }

  test('a later session from another source keeps firstTouch', async ({ page }) => {
    await page.goto('/?utm_source=newsletter&utm_medium=email&utm_campaign=launch');
    const first: any = await profileOf(page);
    await page.goto('/category/trail');
    expect(((await profileOf(page)) as any).visitor.sessions).toBe(1);
    await page.goto('/products/ridge-runner?utm_source=instagram&utm_medium=paid_social&utm_campaign=trail');
    const later: any = await profileOf(page);
    expect(later.visitor.id).toBe(first.visitor.id);
    expect(later.visitor.sessions).toBe(2);
    expect(later.session).toMatchObject({ pageviews: 1, landingPage: '/products/ridge-runner', isFirst: false });
    expect(later.traffic).toMatchObject({ channel: 'paid_social', source: 'instagram', campaign: 'trail' });
    expect(later.firstTouch).toMatchObject({ channel: 'email', source: 'newsletter', campaign: 'launch' });
  });
});

test.describe('device, place and time', () => {
  test.use({ timezoneId: 'Europe/Rome', locale: 'it-IT', viewport: { width: 1280, height: 800 } });

  test('profile() describes the device, place and local time', async ({ page }) => {
    await page.goto('/');
    const profile: any = await profileOf(page);
    expect(profile.device).toMatchObject({ type: 'desktop', browser: 'chrome', os: 'linux', language: 'it-IT', touch: false, viewport: { width: 1280 } });
    expect(profile.geo).toEqual({ timezone: 'Europe/Rome', country: 'IT', continent: 'europe', eu: true });
    const local = await page.evaluate(() => ({ hour: new Date().getHours(), dayOfWeek: new Date().getDay() }));
    expect(profile.time).toMatchObject(local);
    await page.evaluate(() => (window as any).beckon.identify({ country: 'US' }));
    expect(((await profileOf(page)) as any).geo).toMatchObject({ country: 'US', continent: 'north_america', eu: false });
  });

  test('a page that targets by country asks Intl for the time zone on the session\'s first page only', async ({ page }) => {
    // Intl's first use in a page costs tens of milliseconds: count the time zone lookups.
    await page.addInitScript(() => {
      const { resolvedOptions } = Intl.DateTimeFormat.prototype;
      (window as any).zoneReads = 0;
      Intl.DateTimeFormat.prototype.resolvedOptions = function (this: Intl.DateTimeFormat) {
        (window as any).zoneReads += 1;
        return resolvedOptions.call(this);
      };
    });
    for (const [load, reads] of [['first', 1], ['second', 0]] as const) {
      await page.goto('/fixtures/geo-segment.html');
      await page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
      expect(await page.evaluate(() => (window as any).beckon.segments()), load).toEqual(['eu-visitor', 'italy', 'desktop']);
      expect(await page.evaluate(() => (window as any).zoneReads), load).toBe(reads);
    }
  });

  test('loads the signals chunk at init only when a condition reads device, geo or time', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/fixtures/geo-segment.html');
    await page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(['eu-visitor', 'italy', 'desktop']);
    expect(requested).toContain('/chunks/signals.js');

    requested.length = 0;
    await page.goto('/fixtures/queue.html');
    await page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
    await page.evaluate(() => (window as any).beckon.segments());
    expect(requested).not.toContain('/chunks/signals.js');
  });
});

test.describe('engagement', () => {
  test('measures scroll depth, time on page and engaged time, and keeps engaged time across pages', async ({ page }) => {
    await page.goto('/fixtures/tall.html');
    const start: any = await profileOf(page);
    expect(start.behavior.scrollDepth).toBeLessThan(30);
    await page.mouse.move(100, 100);
    await page.mouse.wheel(0, 5000);
    await page.waitForTimeout(1500);
    await page.mouse.move(200, 200);
    const after: any = await profileOf(page);
    expect(after.behavior.scrollDepth).toBe(100);
    expect(after.behavior.timeOnPage).toBeGreaterThanOrEqual(1);
    expect(after.behavior.engagedTime).toBeGreaterThanOrEqual(1);
    await page.goto('/');
    const next: any = await profileOf(page);
    expect(next.behavior.engagedTime).toBeGreaterThanOrEqual(after.behavior.engagedTime);
    expect(next.behavior.timeOnPage).toBeLessThan(after.behavior.timeOnPage + 1);
  });
});

test.describe('storage failures', () => {
  for (const [name, breakIt] of [
    ['the indexedDB getter throws (private mode)', () => Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } })],
    ['open() throws (quota)', () => { IDBFactory.prototype.open = () => { throw new DOMException('full', 'QuotaExceededError'); }; }],
  ] as const) {
    test(`keeps a working profile in memory when ${name}`, async ({ page }) => {
      const watch = watchPage(page);
      await page.addInitScript(breakIt);
      await page.goto('/products/swift-road?utm_source=google&utm_medium=cpc');
      const profile: any = await profileOf(page);
      expect(profile.session.pageviews).toBe(1);
      expect(profile.traffic.channel).toBe('paid_search');
      await page.evaluate(() => (window as any).beckon.track('add_to_cart', { items: [{ item_id: 'RUN-001', price: 129 }] }));
      expect(((await profileOf(page)) as any).cart.count).toBe(1);
      expect(watch.errors).toEqual([]);
      expect(watch.beckonWarnings()).toHaveLength(1);
      expect(watch.beckonWarnings()[0]).toContain('IndexedDB is unavailable');
    });
  }

  // Safari once had a first open that never answered (idb-keyval #120, #165): a second one works.
  test('opens IndexedDB again when the first open never answers, and keeps the returning visitor', async ({ page }) => {
    await page.goto('/products/swift-road');
    const before: any = await profileOf(page);
    await page.addInitScript(() => {
      const open = IDBFactory.prototype.open;
      let first = true;
      IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
        if (!first) return open.apply(this, args);
        first = false;
        return {} as IDBOpenDBRequest;
      };
    });
    const watch = watchPage(page);
    await page.goto('/products/long-haul');
    const after: any = await profileOf(page);
    expect({ visitor: after.visitor.id, pageviews: after.session.pageviews }).toEqual({ visitor: before.visitor.id, pageviews: 2 });
    expect(watch.beckonWarnings()).toEqual([]);
  });
});
