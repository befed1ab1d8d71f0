import { expect, test } from '@playwright/test';
import { checkout, profileOf, watchPage } from './pageWatch.js';

const PRODUCTS = ['swift-road', 'long-haul', 'first-mile', 'ridge-runner', 'mud-hound', 'iron-flat', 'studio-flex', 'cross-court'];

test.describe('demo store', () => {
  test('every product page carries schema.org Product JSON-LD', async ({ page }) => {
    for (const slug of PRODUCTS) {
      await page.goto(`/products/${slug}`);
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
      expect(ld).toMatchObject({ '@type': 'Product', sku: expect.any(String), offers: { priceCurrency: 'EUR' } });
    }
  });

  test('a shopping trip pushes GA4 ecommerce events and Beckon follows along', async ({ page }) => {
    const watch = watchPage(page);
    // A shopper spends more than the few milliseconds Beckon needs to record a page
    // view; waiting for profile() on each page stands in for that.
    await page.goto('/category/running');
    await profileOf(page);
    await page.getByRole('link', { name: /Swift Road/ }).click();
    // A click on a link does not wait for the next page's deferred scripts; the store's
    // own script binds the button, so wait for the page to load as a shopper would.
    await page.waitForURL(/\/products\/swift-road$/);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.locator('[data-cart-count]')).toHaveText('1');
    const withCart: any = await profileOf(page);
    expect(withCart.cart).toMatchObject({ count: 1, value: 129, currency: 'EUR' });
    expect(withCart.funnel).toEqual({ stage: 'intending' });
    expect(withCart.segments).toContain('cart-abandoner');
    // The store's own events; Beckon's (`beckon_*`, the demo asks for them) come in between.
    const productEvents = await page.evaluate(() => (window as any).dataLayer.map((e: any) => e.event).filter((name: any) => name && !name.startsWith('beckon_')));
    expect(productEvents).toEqual(['view_item', 'add_to_cart']);
    await expect.poll(() => page.evaluate(() => (window as any).dataLayer.find((e: any) => e.event === 'beckon_segment_enter' && e.segment_id === 'cart-abandoner'))).toMatchObject({
      segment_ids: expect.stringContaining('cart-abandoner'),
      beckon: { segmentId: 'cart-abandoner', visitorId: withCart.visitor.id },
    });

    await checkout(page);
    const purchase = await page.evaluate(() => (window as any).dataLayer.find((e: any) => e.event === 'purchase'));
    expect(purchase.ecommerce).toMatchObject({ currency: 'EUR', value: 129, transaction_id: expect.stringMatching(/^T/), items: [{ item_id: 'RUN-001', quantity: 1 }] });

    const profile: any = await profileOf(page);
    expect(profile.session.pageviews).toBe(5);
    expect(profile.orders).toMatchObject({ count: 1, revenue: 129, daysSinceLast: 0 });
    expect(profile.cart.count).toBe(0);
    expect(profile.rfm).toEqual({ r: 5, f: 1, m: 2, score: '512', segment: 'new_customer' });
    expect(profile.funnel).toEqual({ stage: 'customer' });
    expect(profile.segments).toEqual(expect.arrayContaining(['browsing', 'new-customer']));
    expect(profile.segments).not.toContain('cart-abandoner');
    expect(profile.page.type).toBe('checkout');
    expect(profile.behavior).toMatchObject({ pageviews: 5, productViews: 1, productsViewed: ['RUN-001'], categoriesViewed: ['Running'] });
    expect(watch.errors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
});

test('a segment appears and disappears live as the cart changes', async ({ page }) => {
  await page.goto('/products/mud-hound');
  await profileOf(page);
  await page.evaluate(() => {
    (window as any).segmentLog = [];
    const log = (sign: string) => (e: any) => (window as any).segmentLog.push(`${sign}${e.segmentId}`);
    (window as any).beckon.on('segment_enter', log('+'));
    (window as any).beckon.on('segment_exit', log('-'));
  });
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).segmentLog)).toContain('+cart-abandoner');
  expect(await page.evaluate(() => (window as any).beckon.segments())).toContain('cart-abandoner');

  await page.goto('/cart');
  await profileOf(page);
  await page.evaluate(() => {
    (window as any).segmentLog = [];
    (window as any).beckon.on('segment_exit', (e: any) => (window as any).segmentLog.push(`-${e.segmentId}`));
  });
  await page.getByRole('button', { name: 'Remove Mud Hound' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).segmentLog)).toContain('-cart-abandoner');
  expect(await page.evaluate(() => (window as any).beckon.segments())).not.toContain('cart-abandoner');
});

test('a segment over behaviour in time: three products viewed this week', async ({ page }) => {
  for (const slug of ['swift-road', 'long-haul']) {
    await page.goto(`/products/${slug}`);
    expect(((await profileOf(page)) as any).segments).not.toContain('keen-browser');
  }
  await page.goto('/products/first-mile');
  await profileOf(page);
  expect(await page.evaluate(() => (window as any).beckon.segments())).toContain('keen-browser');
  const why = await page.evaluate(() => (window as any).beckon.explain('keen-browser'));
  expect(why).toEqual({
    id: 'keen-browser',
    result: true,
    // `actual`: the view_item events the clause counted.
    clauses: [{ path: '', op: '$event', expected: { name: 'view_item', within: '7d', count: { $gte: 3 } }, actual: 3, result: true }],
  });
});

test('the intent score rises as the visitor browses product after product', async ({ page }) => {
  await page.goto('/');
  const first: any = await profileOf(page);
  expect(first.intent.score).toBeGreaterThan(0);
  expect(['less_likely', 'likely', 'very_likely']).toContain(first.intent.bucket);
  for (const slug of ['swift-road', 'long-haul', 'first-mile', 'ridge-runner', 'mud-hound', 'iron-flat', 'studio-flex', 'cross-court']) {
    await page.goto(`/products/${slug}`);
    await profileOf(page);
  }
  const later: any = await profileOf(page);
  expect(later.intent.score).toBeGreaterThan(first.intent.score);
});
