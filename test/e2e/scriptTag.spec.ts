import { expect, test, type Response } from '@playwright/test';
import { profileOf, storedValue, watchPage } from './pageWatch.js';

test.describe('script tag', () => {
  test('keeps the visitor across reloads and counts page views', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/products/swift-road');
    const first = await profileOf(page);
    await page.reload();
    const second = await profileOf(page);
    await page.goto('/cart');
    const third = await profileOf(page);

    expect(first.visitor.id).toMatch(/^[0-9a-z]{20}$/);
    expect([second.visitor.id, third.visitor.id]).toEqual([first.visitor.id, first.visitor.id]);
    expect([first.session.pageviews, second.session.pageviews, third.session.pageviews]).toEqual([1, 2, 3]);
    expect(third.page).toMatchObject({ path: '/cart', title: 'Your cart · Stride Shoes' });
    expect(third.page.url).toMatch(/^http:\/\/localhost:\d+\/cart$/);
    expect(first.visitor).toMatchObject({ sessions: 1, isNew: true });
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('keeps the visitor in its own IndexedDB database', async ({ page }) => {
    await page.goto('/');
    const { visitor } = await profileOf(page);
    const stored = await page.evaluate(
      () =>
        new Promise<any>((resolve, reject) => {
          const open = indexedDB.open('beckon');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('state').objectStore('state').get('visitor');
            read.onsuccess = () => resolve(read.result);
          };
        }),
    );
    expect(stored).toMatchObject({ id: visitor.id, sessions: 1, session: { pageviews: 1 } });
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
    expect(databases).toEqual(['beckon']);
  });

  test('replays the queued snippet in order before the first page view', async ({ page }) => {
    await page.goto('/fixtures/queue.html');
    const profile = await profileOf(page);
    expect(await page.evaluate(() => (window as any).seen)).toEqual(['first', 'second', 'page_view']);
    expect(profile.traits).toEqual({ step: 2 });
    await page.evaluate(() => (window as any).beckon('track', 'after-load'));
    await page.evaluate(() => (window as any).beckon.track('as-method'));
    await profileOf(page);
    expect(await page.evaluate(() => (window as any).seen)).toEqual(['first', 'second', 'page_view', 'after-load', 'as-method']);
  });

  test('starts from data-config without a snippet', async ({ page }) => {
    const watch = watchPage(page);
    const configLoaded = page.waitForRequest('**/fixtures/config.json');
    await page.goto('/fixtures/data-config.html');
    await configLoaded;
    expect((await profileOf(page)).session.pageviews).toBe(1);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('initialises once when the script is included three times', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/double.html');
    const profile = await profileOf(page);
    expect(profile.session.pageviews).toBe(1);
    expect(await page.evaluate(() => (window as any).seen)).toEqual(['page_view']);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  for (const [name, url, warning] of [
    ['404s', '/fixtures/missing.json', 'could not be loaded (HTTP 404)'],
    ['is HTML, not JSON', '/fixtures/not-json.html', 'is not valid JSON'],
  ] as const) {
    test(`a config URL that ${name} leaves the page working with one warning`, async ({ page }) => {
      const watch = watchPage(page);
      await page.goto(`/fixtures/config-url.html?config=${encodeURIComponent(url)}`);
      expect((await profileOf(page)).session.pageviews).toBe(1);
      expect(watch.errors).toEqual([]);
      expect(watch.beckonWarnings()).toHaveLength(1);
      expect(watch.beckonWarnings()[0]).toContain(warning);
    });
  }

  test('steps aside with one warning when the page already has another window.beckon', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/foreign-global.html');
    await page.waitForLoadState('load');
    await expect.poll(() => watch.beckonWarnings()).toEqual(['[beckon] window.beckon is already defined by another script; Beckon did not start.']);
    expect(await page.evaluate(() => (window as any).beckon)).toEqual({ version: 'someone else' });
    expect(watch.errors).toEqual([]);
  });
});

test.describe('segments', () => {
  test('the demo config puts the visitor in segments that follow the pages and traits', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/?utm_campaign=Summer-SALE');
    await profileOf(page);
    const segments = () => page.evaluate(() => (window as any).beckon.segments());
    expect(await segments()).toEqual(['sale-link']);
    // Each page is given the time to record its page view, as a visitor's would be.
    await page.goto('/category/running');
    await profileOf(page);
    await page.goto('/products/long-haul');
    expect(await segments()).toEqual(['browsing', 'on-product']);
    await page.evaluate(() => (window as any).beckon.identify({ email: 'ada@stride.example' }));
    expect(await segments()).toEqual(['browsing', 'on-product', 'staff']);
    const why = await page.evaluate(() => (window as any).beckon.explain('engaged-returning'));
    expect(why).toEqual({
      id: 'engaged-returning',
      result: false,
      clauses: [{ path: 'segments', op: '$all', expected: ['returning', 'browsing'], actual: ['browsing', 'on-product', 'staff'], result: false }],
    });
    expect(watch.beckonWarnings()).toEqual([]);
  });
});

test.describe('lazy chunks', () => {
  test('loads the config chunk from beside the script', async ({ page }) => {
    const chunk = page.waitForRequest((request) => request.url().endsWith('/chunks/config.js'));
    await page.goto('/products/swift-road');
    expect(new URL((await chunk).url()).pathname).toBe('/chunks/config.js');
  });

  test('reads a product page\'s JSON-LD with a chunk that pages without JSON-LD never load', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto('/category/running');
    expect(((await profileOf(page)) as any).page.product).toBeNull();
    expect(asked).not.toContain('/chunks/jsonld.js');
    await page.goto('/products/long-haul');
    const { page: here, behavior }: any = await profileOf(page);
    expect(here).toMatchObject({ type: 'product', product: { id: 'RUN-002', name: 'Long Haul', price: 159, currency: 'EUR', category: 'Running' } });
    expect(behavior.productsViewed).toEqual(['RUN-002']);
    expect(asked).toContain('/chunks/jsonld.js');
  });

  test('every file a page loads from Beckon starts with V8\'s compile hint, so it compiles off the main thread', async ({ page }) => {
    const served: Response[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname === '/beckon.js' || pathname.startsWith('/chunks/')) served.push(response);
    });
    await page.goto('/');
    // The demo's newsletter popup: its widget chunks and Preact's are among the files. Its
    // click trigger is armed once init has recorded the page view, which profile() waits for.
    await profileOf(page);
    await page.locator('.open-newsletter').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Bodies are read only now, from the responses already seen: a chunk that starts loading
    // later is not read after the test has ended.
    const files = await Promise.all(served.map(async (response): Promise<[string, string]> => [new URL(response.url()).pathname, await response.text()]));
    expect(files.map(([pathname]) => pathname)).toEqual(expect.arrayContaining(['/beckon.js', '/chunks/config.js', '/chunks/campaigns.js', '/chunks/popup.js']));
    expect(files.some(([pathname]) => pathname.startsWith('/chunks/shared-'))).toBe(true);
    for (const [pathname, text] of files) expect(text.split('\n', 1)[0], pathname).toBe('//# allFunctionsCalledOnLoad');
  });

  test('a config chunk that cannot load leaves the page working and its visit recorded, with one warning', async ({ page }) => {
    const watch = watchPage(page);
    await page.route('**/chunks/config.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/products/swift-road');
    await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
    // The page view is stored; the profile, derived by that chunk, waits for a page that has it.
    await expect.poll(async () => (await storedValue<any>(page, 'visitor'))?.session?.pageviews).toBe(1);
    expect(await page.evaluate(() => (window as any).beckon.profile())).toBeUndefined();
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toHaveLength(1);
    expect(watch.beckonWarnings()[0]).toContain('The config chunk could not be loaded');
  });
});
