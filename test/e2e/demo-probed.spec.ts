import { expect, test, type Page } from '@playwright/test';
import { checkout, profileOf, watchPage } from './pageWatch.js';

// The demo store and the marketer's tools against README's "Try it" and "Debug panel and
// previews", from a tenth round of probes in Chromium: each test failed before its fix.

test('README: the cart-rescue popup is "with something in the cart": a visitor who opened checkout with an empty cart is no cart abandoner', async ({ page }) => {
  await page.goto('/cart');
  await profileOf(page);
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await page.waitForURL(/\/checkout$/);
  await profileOf(page);
  await page.goto('/category/running');
  const p: any = await profileOf(page);
  expect(p.cart.count).toBe(0);
  expect(p.segments).not.toContain('cart-abandoner');
});

test('README: a customer who buys again and fills the cart is a cart abandoner ("with something in the cart")', async ({ page }) => {
  await page.goto('/products/swift-road');
  await profileOf(page);
  await page.getByRole('button', { name: /Add to cart/i }).click();
  await checkout(page);
  await page.goto('/products/long-haul');
  await profileOf(page);
  await page.getByRole('button', { name: /Add to cart/i }).click();
  await page.goto('/category/running');
  const p: any = await profileOf(page);
  expect(p.cart.count).toBe(1);
  expect(p.segments).toContain('cart-abandoner');
});

/** The text of a campaign's row in the debug panel. */
const panelRow = (page: Page, id: string) =>
  page.locator('beckon-debug').locator('summary', { hasText: new RegExp(`^\\s*${id}:`) });

test('debug panel: a previewed inline campaign whose target is not on the page is not "showing now", and the preview says why nothing shows', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/?beckon_preview=size-guide&beckon_debug=1');
  await profileOf(page);
  await page.waitForTimeout(1500);
  await expect(page.locator('beckon-widget[data-campaign="size-guide"]')).toHaveCount(0);
  await expect(panelRow(page, 'size-guide')).not.toContainText('showing now');
  expect(watch.beckonWarnings().join('\n')).toMatch(/size-guide/);
});

test('debug panel: an inline campaign whose selector matches nothing is not "showing now"', async ({ page }) => {
  await page.goto('/playground');
  await profileOf(page);
  const config = JSON.parse(await (await page.request.get('/beckon.config.json')).text());
  config.campaigns = [{ id: 'typo-slot', type: 'inline', placement: { target: '.no-such-slot' }, content: { kind: 'message', title: 'Hi' } }];
  await page.evaluate((text) => localStorage.setItem('beckon-playground.config', JSON.stringify({ text, appliedAt: new Date().toISOString() })), JSON.stringify(config));
  await page.reload();
  await profileOf(page);
  await page.waitForTimeout(1500);
  await expect(page.locator('beckon-widget[data-campaign="typo-slot"]')).toHaveCount(0);
  await expect(panelRow(page, 'typo-slot')).toBeVisible();
  await expect(panelRow(page, 'typo-slot')).not.toContainText('showing now');
});

for (const viewport of [{ width: 1280, height: 720 }, { width: 375, height: 667 }]) {
  test(`debug panel ${viewport.width}px: its controls are not covered by the home page's sale bar`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/?beckon_debug=1');
    await profileOf(page);
    await expect(page.locator('beckon-widget[data-campaign="winter-sale"]')).toHaveCount(1);
    const reset = page.locator('beckon-debug').getByRole('button', { name: 'Reset visitor' });
    await expect(reset).toHaveCount(1);
    await reset.scrollIntoViewIfNeeded();
    const hit = await reset.evaluate((button) => {
      const box = button.getBoundingClientRect();
      return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.tagName;
    });
    expect(hit).toBe('BECKON-DEBUG');
  });
}

test('category pages: the shoe-finder bar leaves the store\'s sticky header (nav, Cart link) visible and clickable', async ({ page }) => {
  await page.goto('/category/trail');
  await profileOf(page);
  await expect(page.locator('beckon-widget[data-campaign="shoe-finder-bar"]')).toHaveCount(1);
  await page.waitForTimeout(500);
  for (const name of [/Cart/, 'Running', 'Gym']) {
    const link = page.locator('.site-header').getByRole('link', { name });
    const hit = await link.evaluate((a) => {
      const box = a.getBoundingClientRect();
      const el = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return el === a || a.contains(el) ? 'link' : el?.tagName;
    });
    expect(hit, String(name)).toBe('link');
  }
});
