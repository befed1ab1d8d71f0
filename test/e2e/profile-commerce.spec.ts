import { expect, test, type Page } from '@playwright/test';
import { checkout } from './pageWatch.js';
import { profile, segmentsOf } from './profileHelpers.js';

// behavior.*, page.type/product, cart.*, orders.*, rfm.*, funnel.stage and intent.* from
// the demo store's real flows (its pages push GA4 dataLayer events and carry JSON-LD).
const T0 = Date.parse('2026-11-18T10:00:00Z'); // a Wednesday

const click = async (page: Page, name: string | RegExp, url: RegExp) => {
  await page.getByRole('link', { name }).first().click();
  await page.waitForURL(url);
  return profile(page);
};
const addToCart = async (page: Page, count: number) => {
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect.poll(async () => (await profile(page)).cart.count).toBe(count);
  return profile(page);
};

test('browse a category, view two products, add three pairs, check out and buy: every counter follows', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await page.goto('/');
  let p = await profile(page);
  expect({ type: p.page.type, stage: p.funnel.stage, pv: p.behavior.pageviews, views: p.behavior.productViews }).toEqual({ type: 'home', stage: 'visitor', pv: 1, views: 0 });

  p = await click(page, 'Trail', /\/category\/trail$/);
  expect(p.page.type).toBe('category');
  await expect.poll(async () => (await profile(page)).behavior.categoriesViewed).toEqual(['Trail']);
  expect(p.behavior.productViews).toBe(0);

  p = await click(page, /Ridge Runner/, /\/products\/ridge-runner$/);
  expect(p.page).toMatchObject({ type: 'product', product: { id: 'TRL-001', name: 'Ridge Runner', price: 149, currency: 'EUR', category: 'Trail', brand: 'Stride' } });
  await expect.poll(async () => (await profile(page)).behavior.productViews).toBe(1);
  p = await profile(page);
  expect(p.behavior).toMatchObject({ pageviews: 3, productViews: 1, productsViewed: ['TRL-001'], categoriesViewed: ['Trail'] });
  expect(p.funnel.stage).toBe('considering');

  p = await addToCart(page, 1);
  expect(p.cart).toMatchObject({ count: 1, value: 149, currency: 'EUR', items: [{ item_id: 'TRL-001', item_name: 'Ridge Runner', price: 149, quantity: 1, item_category: 'Trail' }] });
  expect(p.funnel.stage).toBe('intending');
  expect(await segmentsOf(page)).toContain('cart-abandoner');
  p = await addToCart(page, 2);
  expect(p.cart).toMatchObject({ count: 2, value: 298 });

  await click(page, 'Trail', /\/category\/trail$/);
  p = await click(page, /Mud Hound/, /\/products\/mud-hound$/);
  p = await addToCart(page, 3);
  expect(p.cart.value).toBe(437);
  expect(p.behavior).toMatchObject({ pageviews: 5, productViews: 2, productsViewed: ['TRL-001', 'TRL-002'], categoriesViewed: ['Trail'] });

  // Cart, checkout (page.type checkout: no longer a cart abandoner), purchase.
  p = await click(page, /Cart/, /\/cart$/);
  await expect.poll(async () => (await profile(page)).page.type).toBe('cart');
  expect((await profile(page)).cart).toMatchObject({ count: 3, value: 437 });
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await page.waitForURL(/\/checkout$/);
  await expect.poll(async () => (await profile(page)).page.type).toBe('checkout');
  expect(await segmentsOf(page)).not.toContain('cart-abandoner');
  expect((await profile(page)).cart.count).toBe(3);
  await page.getByLabel('Email').fill('runner@example.com');
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('Address').fill('1 Track Road');
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/thank-you$/);
  await expect.poll(async () => (await profile(page)).orders.count).toBe(1);
  p = await profile(page);
  expect(p.orders).toMatchObject({ count: 1, revenue: 437, aov: 437, daysSinceLast: 0 });
  expect(p.cart.count).toBe(0);
  expect(p.funnel.stage).toBe('customer');
  expect(p.rfm).toEqual({ r: 5, f: 1, m: 4, score: '514', segment: 'new_customer' });
  expect(await segmentsOf(page)).toContain('new-customer');
  expect(await segmentsOf(page)).not.toContain('cart-abandoner');

  // Reloading the thank-you page buys nothing more.
  await page.reload();
  p = await profile(page);
  expect(p.orders.count).toBe(1);
});

test('RFM recency moves with the days since the order (new_customer → potential_loyalist → need_attention → at_risk → hibernating)', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await page.goto('/products/long-haul');
  await addToCart(page, 1);
  await checkout(page);
  await expect.poll(async () => (await profile(page)).orders.count).toBe(1);
  const seen: string[] = [];
  let elapsed = 0;
  for (const days of [0, 8, 31, 91, 181]) {
    await context.clock.fastForward((days - elapsed) * 86_400_000);
    elapsed = days;
    await page.goto('/');
    const p = await profile(page);
    seen.push(`${days}: ${p.orders.daysSinceLast} ${p.rfm.score} ${p.rfm.segment} ${p.orders.count} ${p.funnel.stage}`);
  }
  expect(seen).toEqual([
    '0: 0 513 new_customer 1 customer',
    '8: 8 413 potential_loyalist 1 customer',
    '31: 31 313 need_attention 1 customer',
    '91: 91 213 at_risk 1 customer',
    '181: 181 113 hibernating 1 customer',
  ]);
});

test('a long product-browsing session scores a higher purchase intent than a one-page visit', async ({ browser, baseURL }) => {
  const score = async (pages: string[], secondsEach: number) => {
    const context = await browser.newContext({ baseURL });
    await context.clock.install({ time: T0 });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(path);
      await profile(page);
      await page.mouse.move(10, 10);
      await context.clock.fastForward(secondsEach * 1000);
    }
    const p = await profile(page);
    const segments = await segmentsOf(page);
    await context.close();
    return { ...p.intent, segments };
  };
  const bounce = await score(['/'], 10);
  const shopper = await score(
    ['/category/running', '/products/swift-road', '/products/long-haul', '/products/first-mile', '/category/trail', '/products/ridge-runner', '/products/mud-hound', '/products/swift-road', '/cart'],
    90,
  );
  expect(bounce.score).toBeGreaterThanOrEqual(0);
  expect(bounce.score).toBeLessThanOrEqual(1);
  expect(bounce.bucket).toBe('less_likely');
  expect(shopper.score).toBeGreaterThan(bounce.score);
  expect(['likely', 'very_likely']).toContain(shopper.bucket);
  expect(shopper.segments).toContain('likely-buyer');
});
