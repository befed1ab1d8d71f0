import { expect, test } from '@playwright/test';
import { profile, segmentsOf } from './profileHelpers.js';

// Back to a page restored from the back/forward cache: its profile must know what happened on the page after it.
test('Back (bfcache) to a product page after adding to the cart on another: the restored page knows the cart and the page views', async ({ page }) => {
  await page.goto('/products/swift-road');
  await profile(page);
  await page.getByRole('link', { name: 'Running' }).first().click();
  await page.waitForURL(/\/category\/running$/);
  await page.getByRole('link', { name: /Long Haul/ }).click();
  await page.waitForURL(/long-haul$/);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect.poll(async () => (await profile(page)).cart.count).toBe(1);
  await page.goBack();
  await page.goBack();
  await page.waitForURL(/swift-road$/);
  const restored = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as any).type);
  await expect.poll(async () => (await profile(page)).cart.count).toBe(1);
  const p = await profile(page);
  expect(p.page.path).toBe('/products/swift-road');
  expect(p.behavior.productsViewed).toEqual(['RUN-001', 'RUN-002']);
  expect(p.funnel.stage).toBe('intending');
  expect(await segmentsOf(page)).toContain('cart-abandoner');
  test.info().annotations.push({ type: 'navigation', description: restored });
});

test('cart.updatedAt is the time of the last cart change', async ({ context, page }) => {
  await context.clock.install({ time: Date.parse('2026-11-20T10:00:00Z') });
  await page.goto('/products/swift-road');
  expect((await profile(page)).cart.updatedAt).toBeNull();
  await context.clock.fastForward('01:00');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect.poll(async () => (await profile(page)).cart.count).toBe(1);
  const at = (await profile(page)).cart.updatedAt;
  expect(at).toBeGreaterThanOrEqual(Date.parse('2026-11-20T10:01:00Z'));
  expect(at).toBeLessThan(Date.parse('2026-11-20T10:01:10Z'));
});
