import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { profileOf, storedKeys, storedValue, watchPage } from './pageWatch.js';

// What Beckon records and hands to the store's code, in real Chromium: a repeated order,
// a single-page app's same-path URL changes, and listeners that throw, reject or change
// the events they are given.

const SNIPPET = 'window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };';

const serve = (target: Page | BrowserContext, path: string, body: string) =>
  target.route((url) => url.pathname === path, (route) => route.fulfill({ contentType: 'text/html', body }));

/** A page at `path` running the snippet with `head` (script) and `init` options. */
const html = (opts: { title?: string; head?: string; init?: unknown; body?: string; before?: string }) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${opts.title ?? 'Store page'}</title>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  ${opts.before ?? ''}
  ${SNIPPET}
  window.heard = [];
  ${opts.head ?? ''}
  beckon('init', ${JSON.stringify(opts.init ?? { config: { version: 1 } })});
</script>
<script async src="/beckon.js"></script></head><body>${opts.body ?? '<h1>Store page</h1>'}</body></html>`;

const P = (page: Page) => profileOf(page) as Promise<any>;


test.describe('what Beckon records and hands on', () => {
  test('a re-pushed purchase (same transaction_id) does not empty a cart filled after the order', async ({ page }) => {
    const watch = watchPage(page);
    await serve(page, '/fixtures/store-shop.html', html({}));
    await page.goto('/fixtures/store-shop.html');
    await P(page);
    await page.evaluate(() => {
      const w = window as any;
      w.gtag('event', 'add_to_cart', { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 10, quantity: 1 }] });
      w.gtag('event', 'purchase', { transaction_id: 'T-1', currency: 'EUR', value: 10, items: [{ item_id: 'A', item_name: 'A', price: 10, quantity: 1 }] });
      w.gtag('event', 'add_to_cart', { currency: 'EUR', items: [{ item_id: 'B', item_name: 'B', price: 20, quantity: 2 }] });
    });
    const before = await P(page);
    expect(before.cart.count).toBe(2);
    expect(before.orders.count).toBe(1);
    // The thank-you page visited again (Back, a bookmark, a reload): the store pushes the same order again.
    await page.evaluate(() => (window as any).gtag('event', 'purchase', { transaction_id: 'T-1', currency: 'EUR', value: 10, items: [{ item_id: 'A', item_name: 'A', price: 10, quantity: 1 }] }));
    const after = await P(page);
    expect(after.orders.count).toBe(1);
    expect(after.cart.count, 'the cart of B bought nothing: the duplicate order should not empty it').toBe(2);
    expect(watch.errors).toEqual([]);
  });

  test('thank-you page reloaded after new items were added keeps the new cart', async ({ context, page }) => {
    const order = "gtag('event', 'purchase', { transaction_id: 'T-77', currency: 'EUR', value: 10, items: [{ item_id: 'A', item_name: 'A', price: 10, quantity: 1 }] });";
    await serve(context, '/fixtures/store-thanks.html', html({ before: order, title: 'Thanks' }));
    await serve(context, '/fixtures/store-product.html', html({ title: 'Product' }));
    await page.goto('/fixtures/store-product.html');
    await P(page);
    await page.evaluate(() => (window as any).gtag('event', 'add_to_cart', { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 10 }] }));
    await P(page);
    await page.goto('/fixtures/store-thanks.html');
    expect((await P(page)).orders.count).toBe(1);
    await page.goto('/fixtures/store-product.html');
    await P(page);
    await page.evaluate(() => (window as any).gtag('event', 'add_to_cart', { currency: 'EUR', items: [{ item_id: 'B', item_name: 'B', price: 20 }] }));
    expect((await P(page)).cart.count).toBe(1);
    await page.goBack();
    await page.waitForURL(/store-thanks/);
    await page.reload();
    const p = await P(page);
    expect(p.orders.count).toBe(1);
    expect(p.cart.items.map((i: any) => i.item_id), 'B was never bought').toEqual(['B']);
  });

  test('an async on() callback that rejects does not reach the page as an unhandled rejection', async ({ page }) => {
    const watch = watchPage(page);
    await serve(page, '/fixtures/store-async.html', html({
      head: "beckon('on', 'track', async function () { throw new Error('async store bug'); });",
    }));
    await page.goto('/fixtures/store-async.html');
    await P(page);
    await page.waitForTimeout(500);
    expect(watch.errors).toEqual([]);
  });

  test('identify({ trait: undefined }) queued before the script loads removes the trait', async ({ page }) => {
    await serve(page, '/fixtures/store-id.html', html({ head: "beckon('identify', { plan: 'pro', tmp: 1 }); beckon('identify', { tmp: undefined });" }));
    await page.goto('/fixtures/store-id.html');
    expect((await P(page)).traits, 'queued').toEqual({ plan: 'pro' });
  });

  test('identify({ trait: undefined }) after load removes a trait', async ({ page }) => {
    await serve(page, '/fixtures/store-id.html', html({}));
    await page.goto('/fixtures/store-id.html');
    await P(page);
    await page.evaluate(() => { (window as any).beckon.identify({ plan: 'pro', tmp: 1 }); (window as any).beckon.identify({ tmp: undefined }); });
    expect((await P(page)).traits, 'after load').toEqual({ plan: 'pro' });
  });

  test('a listener that edits the track payload does not change what was recorded', async ({ page }) => {
    await serve(page, '/fixtures/store-mut.html', html({ head: "beckon('on', 'track', function (e) { if (e.props && e.props.items) { e.props.items.forEach(function (i) { i.quantity = 99; }); } if (e.props) e.props.path = '/hacked'; });" }));
    await page.goto('/fixtures/store-mut.html');
    await P(page);
    await page.evaluate(() => (window as any).gtag('event', 'add_to_cart', { items: [{ item_id: 'M', price: 1, quantity: 1 }] }));
    const live = await P(page);
    await page.reload();
    const stored = await P(page);
    expect(live.cart.count, 'in the page').toBe(stored.cart.count);
    expect(stored.cart.count).toBe(1);
  });

  test('a segment_enter listener that edits e.segments does not cause a second enter', async ({ page }) => {
    const config = { version: 1, segments: [{ id: 'has-cart', when: { 'cart.count': { $gt: 0 } } }] };
    await serve(page, '/fixtures/store-segmut.html', html({
      init: { config },
      head: "beckon('on', 'segment_enter', function (e) { heard.push('enter ' + e.segmentId); e.segments.pop(); }); beckon('on', 'segment_exit', function (e) { heard.push('exit ' + e.segmentId); });",
    }));
    await page.goto('/fixtures/store-segmut.html');
    await P(page);
    await page.evaluate(() => (window as any).gtag('event', 'add_to_cart', { items: [{ item_id: 'S', price: 1 }] }));
    await P(page);
    await page.evaluate(() => (window as any).beckon.track('something_else'));
    await P(page);
    expect(await page.evaluate(() => (window as any).heard)).toEqual(['enter has-cart']);
  });
});

test.describe('a single-page app', () => {
  const spa = html({
    init: { config: { version: 1, segments: [{ id: 'sorted', when: { 'page.query.sort': 'price' } }] } },
    head: "beckon('on', 'track', function (e) { if (e.name === 'page_view') heard.push(e.props.path); });",
  });

  test('a query-only replaceState/pushState updates page.url and page.query', async ({ page }) => {
    await serve(page, '/fixtures/store-spa.html', spa);
    await page.goto('/fixtures/store-spa.html');
    await P(page);
    await page.evaluate(() => history.replaceState({}, '', location.pathname + '?sort=price'));
    const p = await P(page);
    expect(await page.evaluate(() => (window as any).heard)).toEqual(['/fixtures/store-spa.html']);
    expect(p.page.url).toContain('?sort=price');
    expect(p.page.query).toEqual({ sort: 'price' });
    expect(p.segments).toEqual(['sorted']);
  });
});
