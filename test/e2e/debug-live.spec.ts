import { expect, test, type Page } from '@playwright/test';
import { profileOf, watchPage } from './pageWatch.js';

// the debug panel tells the truth, live.
const panelOf = (page: Page) => page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' });
const campaignRow = (page: Page, id: string) => panelOf(page).getByRole('region', { name: 'Campaigns' }).locator('summary', { hasText: `${id}:` });

async function withConfig(page: Page, config: object) {
  await page.route('**/fixtures/campaigns/debug-live.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }));
}
const bar = (id: string, extra: object = {}) => ({ id, type: 'bar', content: { kind: 'message', title: `Bar ${id}` }, ...extra });

test('identify() that lets a campaign in: the bar shows and the panel says so without Refresh', async ({ page }) => {
  await withConfig(page, { version: 1, campaigns: [bar('pro-bar', { audience: { 'traits.plan': 'pro' } })] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  await expect(campaignRow(page, 'pro-bar')).toHaveText('pro-bar: blocked by its audience');
  await page.evaluate(() => (window as any).beckon.identify({ plan: 'pro' }));
  await expect(page.locator('beckon-widget[data-campaign="pro-bar"]')).toHaveCount(1);
  await expect(campaignRow(page, 'pro-bar')).toHaveText('pro-bar: showing now', { timeout: 3000 });
});

test('while a preview shows, the panel says so (without Refresh)', async ({ page }) => {
  await withConfig(page, { version: 1, campaigns: [bar('pro-bar', { audience: { 'traits.plan': 'pro' } })] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  await campaignRow(page, 'pro-bar').click();
  await panelOf(page).getByRole('button', { name: 'Preview' }).click();
  await expect(page.locator('beckon-widget[data-campaign="pro-bar"]')).toHaveCount(1);
  await expect(campaignRow(page, 'pro-bar')).toContainText('showing', { timeout: 3000 });
});

test('after a preview is closed, the panel does not claim the campaign was shown on this page', async ({ page }) => {
  await withConfig(page, { version: 1, campaigns: [bar('pro-bar', { audience: { 'traits.plan': 'pro' } })] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  await campaignRow(page, 'pro-bar').click();
  await panelOf(page).getByRole('button', { name: 'Preview' }).click();
  const widget = page.locator('beckon-widget[data-campaign="pro-bar"]');
  await expect(widget).toHaveCount(1);
  await widget.getByRole('button', { name: /close/i }).click();
  await expect(widget).toHaveCount(0);
  await panelOf(page).getByRole('button', { name: 'Refresh' }).click();
  await expect(campaignRow(page, 'pro-bar')).toHaveText('pro-bar: blocked by its audience');
});

test('a schedule that ends while the page is open: the bar goes and the panel follows, with no event to tell it', async ({ page }) => {
  await page.clock.install(); // the 6 s to the schedule's end pass on Playwright's clock
  const end = new Date(Date.now() + 6000).toISOString();
  await withConfig(page, { version: 1, campaigns: [bar('ending', { schedule: { end } })] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  await expect(campaignRow(page, 'ending')).toHaveText('ending: showing now');
  await page.clock.runFor(6500);
  await expect(page.locator('beckon-widget[data-campaign="ending"]')).toHaveCount(0, { timeout: 10000 });
  // What happened on this page, as for a campaign whose audience left (marketerTools.spec.ts).
  await expect(campaignRow(page, 'ending')).toHaveText('ending: shown on this page', { timeout: 3000 });
});

test('hide() takes a bar away: the panel stops saying "showing now"', async ({ page }) => {
  await withConfig(page, { version: 1, campaigns: [bar('plain')] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  await expect(campaignRow(page, 'plain')).toHaveText('plain: showing now');
  await page.evaluate(() => (window as any).beckon.hide('plain'));
  await expect(page.locator('beckon-widget[data-campaign="plain"]')).toHaveCount(0);
  await expect(campaignRow(page, 'plain')).not.toHaveText('plain: showing now', { timeout: 3000 });
});

test('a pageviews trigger already past its count is not "waiting for its trigger"', async ({ page }) => {
  await withConfig(page, { version: 1, campaigns: [bar('second-page', { trigger: { on: 'pageviews', count: 2 } })] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1&p=2');
  await profileOf(page);
  await expect(page.locator('beckon-widget[data-campaign="second-page"]')).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.hide());
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1&p=3');
  const p: any = await profileOf(page);
  expect(p.session.pageviews).toBe(3);
  await page.waitForTimeout(500);
  await expect(campaignRow(page, 'second-page')).not.toHaveText('second-page: eligible, waiting for its trigger');
});

test('explain() of an $event condition says how many events matched', async ({ page }) => {
  await withConfig(page, {
    version: 1,
    segments: [{ id: 'wisher', when: { $event: { name: 'wishlist', within: '1h', count: { $gte: 3 } } } }],
  });
  await page.goto('/fixtures/widgets.html?config=debug-live');
  await profileOf(page);
  await page.evaluate(() => { (window as any).beckon.track('wishlist'); (window as any).beckon.track('wishlist'); });
  const why: any = await page.evaluate(() => (window as any).beckon.explain('wisher'));
  expect(why.result).toBe(false);
  expect(why.clauses[0].op).toBe('$event');
  expect(why.clauses[0].actual).toBe(2);
});

test('the debug panel is axe-clean and its folded tab and controls work from the keyboard', async ({ page }) => {
  const watch = watchPage(page);
  await withConfig(page, { version: 1, segments: [{ id: 's1', when: { 'page.path': { $regex: '^/' } } }], campaigns: [bar('plain')] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  await profileOf(page);
  const { axe } = await import('./pageWatch.js');
  expect(await axe(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
});

test('Reset visitor in the panel starts a new visitor', async ({ page }) => {
  await withConfig(page, { version: 1, campaigns: [bar('plain')] });
  await page.goto('/fixtures/widgets.html?config=debug-live&beckon_debug=1');
  const before: any = await profileOf(page);
  const reloaded = page.waitForEvent('load');
  await panelOf(page).getByRole('button', { name: 'Reset visitor' }).click();
  await reloaded;
  const after: any = await profileOf(page);
  expect(after.visitor.id).not.toBe(before.visitor.id);
  expect(after.visitor.isNew).toBe(true);
});
