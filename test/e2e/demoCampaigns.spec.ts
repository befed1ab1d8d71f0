import { expect, test } from '@playwright/test';
import { answerRoadMarathon, profileOf, watchPage } from './pageWatch.js';

// The demo config exercises every container and content kind, so `npm start` shows them all.
test.describe('demo store campaigns', () => {
  test('the home page shows the sale bar with its countdown, and the hero button opens the newsletter form', async ({ page }) => {
    const watch = watchPage(page);
    // The demo server moves the sale's dates on a year at a time once they pass
    // (rollDates): the page's clock is set 30 days and 14 hours before the end it serves.
    const served = await (await page.request.get('/beckon.config.json')).json();
    const until = Date.parse(served.campaigns.find((c: { id: string }) => c.id === 'winter-sale').content.countdown.until);
    await page.clock.setFixedTime(until - (30 * 24 + 14) * 3_600_000);
    await page.goto('/');
    await profileOf(page);
    const bar = page.locator('beckon-widget[data-campaign="winter-sale"]');
    await expect(bar.getByRole('complementary', { name: /Winter sale/ })).toContainText('Ends in 30d 14:00:00');
    await page.getByRole('button', { name: 'Get 10% off' }).click();
    const dialog = page.locator('beckon-widget[data-campaign="newsletter"]').getByRole('dialog', { name: 'Get 10% off your first order' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Email').fill('runner@example.com');
    await dialog.getByLabel('What do you train for?').selectOption('trail');
    await dialog.getByLabel('Send me the monthly newsletter').check();
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Welcome aboard! Your code is WELCOME10.');
    // `remember: true` keeps this email as a trait.
    expect((await profileOf(page)).traits).toEqual({ email: 'runner@example.com', sport: 'trail', newsletter: true });
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('the hero button opens the newsletter popup again after it was closed, as its caps allow', async ({ page }) => {
    await page.goto('/');
    await profileOf(page);
    const dialog = page.locator('beckon-widget[data-campaign="newsletter"]').getByRole('dialog');
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Get 10% off' }).click();
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
    await expect(page.getByRole('button', { name: 'Get 10% off' })).toBeFocused();
  });

  test('a product page offers the size guide behind a form, and keeps it open afterwards', async ({ page }) => {
    await page.goto('/products/swift-road');
    await profileOf(page);
    await expect(page.locator('#size-guide')).toBeHidden();
    const form = page.locator('beckon-widget[data-campaign="size-guide"]');
    await form.getByLabel('Email').fill('size@example.com');
    await form.getByRole('button', { name: 'Show the guide' }).click();
    await expect(page.locator('#size-guide')).toBeVisible();
    await page.goto('/products/long-haul');
    await profileOf(page);
    await expect(page.locator('#size-guide')).toBeVisible();
    await expect(page.locator('beckon-widget[data-campaign="size-guide"]')).toHaveCount(0);
    // An email without `remember: true` never becomes a trait.
    expect((await profileOf(page)).traits).toEqual({});
  });

  test('the home page shoe finder leads a marathon runner to Long Haul, and the marathon offer follows at once', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    await profileOf(page);
    const quiz = page.locator('beckon-widget[data-campaign="shoe-finder"]');
    await answerRoadMarathon(quiz, 4);
    await expect(quiz.getByRole('heading', { name: 'Long Haul is your shoe' })).toBeVisible();
    await expect(quiz.getByRole('link', { name: 'See Long Haul' })).toHaveAttribute('href', '/products/long-haul');
    // The answers put the visitor in the marathoner segment; its campaign shows without a reload.
    await expect(page.locator('beckon-widget[data-campaign="marathon-week"]')).toContainText('Marathon week: 15% off Long Haul');
    const profile = await profileOf(page);
    expect(profile.answers).toEqual({ 'find-your-shoe': { terrain: 'road', distance: 'marathon', comfort: 4 } });
    expect(profile.traits).toEqual({ persona: 'road-runner' });
    expect(profile.segments).toEqual(expect.arrayContaining(['road-runner', 'marathoner']));
    // A finished quiz is not offered again: the category pages' quiz bar stays away.
    await page.goto('/category/running');
    await profileOf(page);
    // Nothing announces a campaign that stays away: give it the time a shown one takes.
    await page.waitForTimeout(500);
    await expect(page.locator('beckon-widget[data-campaign="shoe-finder-bar"]')).toHaveCount(0);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('a category page bar opens the shoe finder in a dialog; the trail path ends on Mud Hound', async ({ page }) => {
    await page.goto('/category/trail');
    await profileOf(page);
    const bar = page.locator('beckon-widget[data-campaign="shoe-finder-bar"]');
    await bar.getByRole('button', { name: 'Find my shoe' }).click();
    const dialog = bar.getByRole('dialog', { name: 'Find your shoe' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'Trails and mountains' }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByText('Question 2 of 3')).toBeVisible();
    await dialog.getByRole('radio', { name: 'Wet and muddy' }).check();
    await dialog.getByRole('button', { name: 'Next' }).click();
    // The last question is optional.
    await dialog.getByRole('button', { name: 'Finish' }).click();
    await expect(dialog.getByRole('heading', { name: 'Mud Hound is your shoe' })).toBeVisible();
    await expect(page.locator('beckon-widget[data-campaign="trail-kit"]')).toContainText('Trail runners: free gaiters');
    expect((await profileOf(page)).answers).toEqual({ 'find-your-shoe': { terrain: 'trail', ground: 'muddy' } });
  });
});
