import { expect, test, type Page } from '@playwright/test';
import { collectedFor, profileOf, storedValue, watchPage } from './pageWatch.js';

// the marketer's tools — the debug panel (README: "every campaign's state … with
// its audience's reasons and a Preview button per variant") and preview links.

const url = (extra = '') => `/fixtures/widgets.html?config=invalid-debug&endpoint=/collect&dataLayer=1&beckon_debug=1${extra}`;
const panelOf = (page: Page) => page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' });
const campaignRow = (page: Page, id: string) => panelOf(page).getByRole('region', { name: 'Campaigns' }).locator('summary', { hasText: `${id}:` });

test('debug panel: states of a held-out, an invalid and a waiting campaign', async ({ page }) => {
  await page.goto(url());
  await profileOf(page);
  await expect(campaignRow(page, 'held')).toHaveText('held: held out: in the control group, sees nothing');
  await expect(campaignRow(page, 'bad-type')).toHaveText('bad-type: skipped: invalid (see the console)');
  await expect(campaignRow(page, 'later')).toHaveText('later: eligible, waiting for its trigger');
  await expect(campaignRow(page, 'cart-note')).toHaveText('cart-note: blocked by its audience');
});

/** The cart fills and empties: the cart-note campaign shows (the panel says so) and goes. */
async function cartNoteComesAndGoes(page: Page) {
  const note = page.locator('beckon-widget[data-campaign="cart-note"]');
  const item = { item_id: 'A', item_name: 'A', price: 5, quantity: 1 };
  await page.evaluate((item) => (window as any).dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [item] } }), item);
  await expect(note).toHaveCount(1);
  await expect(campaignRow(page, 'cart-note')).toHaveText('cart-note: showing now');
  await page.evaluate((item) => (window as any).dataLayer.push({ event: 'remove_from_cart', ecommerce: { currency: 'EUR', items: [item] } }), item);
  await expect(note).toHaveCount(0);
}

test('debug panel follows a campaign that goes when its audience no longer holds (cart emptied), without a click on Refresh', async ({ page }) => {
  await page.goto(url());
  await profileOf(page);
  await cartNoteComesAndGoes(page);
  // The segment row follows (segment_exit refreshes the panel) …
  await expect(panelOf(page).getByRole('region', { name: 'Segments' }).locator('summary', { hasText: 'has-cart' })).toContainText('✗ has-cart');
  // … and so must the campaign row: the message is gone from the page.
  await expect(campaignRow(page, 'cart-note')).not.toHaveText('cart-note: showing now', { timeout: 3000 });
});

test('debug panel Preview button shows the chosen variant, and records nothing', async ({ page }) => {
  await page.goto(url());
  const { visitor }: any = await profileOf(page);
  await campaignRow(page, 'later').click();
  await panelOf(page).getByRole('button', { name: 'Preview y' }).click();
  const popup = page.locator('beckon-widget[data-campaign="later"]');
  await expect(popup).toHaveAttribute('data-variant', 'y');
  await expect(popup.getByRole('dialog', { name: 'Later Y' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as any).events.filter((e: any) => e.campaignId === 'later'))).toEqual([]);
  expect(collectedFor(visitor.id).filter((l) => l.campaignId === 'later')).toEqual([]);
  expect(((await storedValue<Record<string, unknown>>(page, 'campaigns')) ?? {})['later']).toBeUndefined();
});

test('preview link naming a variant that does not exist says so in one warning', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/fixtures/widgets.html?config=invalid-debug&beckon_preview=later:z');
  await profileOf(page);
  await expect(page.locator('beckon-widget[data-campaign="later"]')).toHaveCount(1);
  await expect.poll(() => watch.beckonWarnings().filter((w) => w.includes('"z"')).length).toBe(1);
});

test('preview link for a campaign the config lacks (typo) warns, and shows nothing', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/fixtures/widgets.html?config=invalid-debug&beckon_preview=latr');
  await profileOf(page);
  await expect.poll(() => watch.beckonWarnings().some((w) => w.includes('latr'))).toBe(true);
  await expect(page.locator('beckon-widget[data-campaign="latr"]')).toHaveCount(0);
});

test('debug panel follows a campaign that goes when its audience no longer holds, in a config without segments', async ({ page }) => {
  await page.goto('/fixtures/widgets.html?config=invalid-debug2&beckon_debug=1');
  await profileOf(page);
  await cartNoteComesAndGoes(page);
  // The runner says what happened on this page: the message was shown, and is gone.
  await expect(campaignRow(page, 'cart-note')).toHaveText('cart-note: shown on this page', { timeout: 3000 });
  // The Profile section is what the marketer reads next: cart.count must be 0 there too.
  const profileRegion = panelOf(page).getByRole('region', { name: 'Profile' });
  await profileRegion.locator('summary', { hasText: /^cart$/ }).click();
  await expect(profileRegion.locator('details[open] pre')).toContainText('"count": 0');
});
