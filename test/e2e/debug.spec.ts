import { expect, test, type Page } from '@playwright/test';
import { answerRoadMarathon, axe, collectedFor, profileOf, storedValue, watchPage } from './pageWatch.js';

const panelOf = (page: Page) => page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' });

test('?beckon_debug=1 opens a panel with each segment and why each campaign shows or not, kept for the tab until ?beckon_debug=0', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/products/swift-road?beckon_debug=1');
  await profileOf(page);
  const panel = panelOf(page);
  const segments = panel.getByRole('region', { name: 'Segments' });
  const campaigns = panel.getByRole('region', { name: 'Campaigns' });
  await expect(segments.locator('summary', { hasText: 'on-product' })).toContainText('✓ on-product');
  await expect(segments.locator('summary', { hasText: 'cart-abandoner' })).toContainText('✗ cart-abandoner');
  await expect(campaigns.locator('summary', { hasText: 'cart-rescue' })).toHaveText('cart-rescue: blocked by its audience');
  await expect(campaigns.locator('summary', { hasText: 'winter-sale' })).toHaveText('winter-sale: blocked: not on this page (pages)');
  await expect(campaigns.locator('summary', { hasText: 'size-guide' })).toHaveText('size-guide: showing now');
  // A row opens on its reason tree.
  await segments.locator('summary', { hasText: 'on-product' }).click();
  await expect(segments.locator('details[open] .tree')).toContainText('✓ page.path $regex "^/products/" · is "/products/swift-road"');
  await campaigns.locator('summary', { hasText: 'cart-rescue' }).click();
  await expect(campaigns.locator('details[open] .tree')).toContainText('✗ segments $in ["cart-abandoner"]');
  expect(await axe(page)).toEqual([]);

  // The panel follows the visitor through the tab, and updates as segments change.
  await page.goto('/products/long-haul');
  await profileOf(page);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(panelOf(page).getByRole('region', { name: 'Segments' }).locator('summary', { hasText: 'cart-abandoner' })).toContainText('✓ cart-abandoner');
  await page.goto('/cart?beckon_debug=0');
  await profileOf(page);
  await page.goto('/');
  await profileOf(page);
  await expect(page.locator('beckon-debug')).toHaveCount(0);
  expect(watch.errors).toEqual([]);
});

test('a preview link shows a campaign to a visitor outside its audience, and records nothing', async ({ page }) => {
  await page.goto('/?beckon_preview=cart-rescue:discount');
  const { visitor, segments }: any = await profileOf(page);
  expect(segments).not.toContain('cart-abandoner');
  const dialog = page.locator('beckon-widget[data-campaign="cart-rescue"]').getByRole('dialog', { name: '10% off if you finish today' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // No frequency memory, and nothing about it reached the endpoint (the demo sends its events to /collect).
  await expect.poll(async () => ((await storedValue<Record<string, unknown>>(page, 'campaigns')) ?? {})['winter-sale']).toBeTruthy();
  expect(((await storedValue<Record<string, unknown>>(page, 'campaigns')) ?? {})['cart-rescue']).toBeUndefined();
  await page.waitForTimeout(1500);
  const impressions = collectedFor(visitor.id)
    .filter((line) => line.event === 'impression')
    .map((line) => line.campaignId);
  expect(impressions).toContain('winter-sale');
  expect(impressions).not.toContain('cart-rescue');
  // A preview link alone opens no panel.
  await expect(page.locator('beckon-debug')).toHaveCount(0);
});

test('a previewed quiz can be answered to its result, and leaves no answers, traits or events behind', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/?beckon_preview=shoe-finder');
  const { visitor }: any = await profileOf(page);
  const quiz = page.locator('beckon-widget[data-campaign="shoe-finder"]');
  await answerRoadMarathon(quiz);
  await expect(quiz.getByRole('heading', { name: 'Long Haul is your shoe' })).toBeVisible();
  const profile: any = await profileOf(page);
  const answered = Object.values(profile.answers as Record<string, object>).flatMap((answers) => Object.keys(answers));
  expect({ answered, traits: profile.traits, segments: profile.segments.filter((id: string) => ['road-runner', 'marathoner'].includes(id)) }).toEqual({ answered: [], traits: {}, segments: [] });
  expect(await storedValue(page, 'quizzes')).toBeUndefined();
  await page.waitForTimeout(1500);
  expect(collectedFor(visitor.id).filter((line) => String(line.event).startsWith('quiz_'))).toEqual([]);
  // The real quiz is still offered: a preview does not count as having answered it.
  await page.goto('/category/running');
  await profileOf(page);
  await expect(page.locator('beckon-widget[data-campaign="shoe-finder-bar"]').getByRole('button', { name: 'Find my shoe' })).toBeVisible();
  expect(watch.errors).toEqual([]);
});
