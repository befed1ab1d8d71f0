import { expect, test } from '@playwright/test';
import { events, msg, RECORD_ALL } from './measureHelpers.js';
import { ready, recordingEndpoint, serve, storeHtml, widget } from './tabsHelpers.js';

// Exposures and conversions (kept from a probe round): what a store and a visitor do, checked
// against DESIGN §3, §5 and §7.


test('a holdout visitor has seen nothing: campaigns.<id>.impressions stays 0, and a follow-up campaign for those who saw it does not show', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      { id: 'control', type: 'bar', holdout: 99.99, goal: { event: 'signup' }, content: msg('Held out') },
      // "You saw our offer": for visitors who were shown `control`.
      { id: 'followup', type: 'message', audience: { 'campaigns.control.impressions': { $gte: 1 } }, content: msg('Remember our offer?') },
    ],
  };
  await serve(page, '/probe/', storeHtml({ config }, RECORD_ALL));
  await page.goto('/probe/home');
  await ready(page);
  await expect.poll(async () => (await events(page, 'holdout')).length).toBe(1);
  await page.waitForTimeout(1000);
  expect(await widget(page, 'control').count()).toBe(0);
  const profile = await ready(page);
  // DESIGN §3: `campaigns.<id>.impressions` is "what this visitor has seen".
  expect.soft(profile.campaigns.control.impressions, 'a held-out visitor was shown nothing').toBe(0);
  // The next page: the follow-up "remember our offer?" must not go to a visitor never shown it.
  await page.reload();
  await ready(page);
  await page.waitForTimeout(1000);
  expect(await widget(page, 'followup').count(), 'the follow-up is for visitors who saw the offer').toBe(0);
});

test('a repeated purchase (same transaction_id, thank-you page reloaded) after a new exposure is not a second conversion', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      {
        id: 'promo',
        type: 'message',
        pages: { exclude: ['/probe/thank-you'] },
        frequency: { maxPerSession: 10, cooldownHours: 0, stopAfterConversion: false },
        goal: { event: 'purchase', within: '7d' },
        content: msg('Promo'),
      },
    ],
  };
  const purchase = `dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T-1', currency: 'EUR', value: 59, items: [{ item_id: 'S1', item_name: 'Shoe', price: 59, quantity: 1 }] } });`;
  await serve(page, '/probe/thank-you', storeHtml({ config }, `${RECORD_ALL}\n${purchase}`));
  await serve(page, '/probe/home', storeHtml({ config }, RECORD_ALL));
  await page.goto('/probe/home');
  await ready(page);
  await expect(widget(page, 'promo')).toHaveCount(1);
  await page.goto('/probe/thank-you');
  await ready(page);
  await expect.poll(async () => (await events(page, 'conversion')).length).toBe(1);
  // Shown again, then the visitor reopens the order confirmation (a bookmark, the
  // e-mail's link, a reload): the page pushes the same purchase again.
  await page.goto('/probe/home');
  await ready(page);
  await expect(widget(page, 'promo')).toHaveCount(1);
  await page.goto('/probe/thank-you');
  const profile = await ready(page);
  expect(profile.orders.count, 'the order is counted once').toBe(1);
  await page.waitForTimeout(1000);
  expect((await events(page, 'conversion')).length, 'the same order must not convert twice (double revenue in the report)').toBe(0);
});

test('conversion only within the goal window: a goal 2 days after the only impression, with within 1d, is no conversion', async ({ page }) => {
  const start = Date.parse('2026-11-20T10:00:00Z');
  await page.clock.install({ time: start });
  const config = {
    version: 1,
    campaigns: [
      { id: 'win', type: 'message', frequency: { maxImpressions: 1 }, goal: { event: 'signup', within: '1d' }, content: msg('Win') },
    ],
  };
  await serve(page, '/probe/', storeHtml({ config }, RECORD_ALL));
  await page.goto('/probe/home');
  await page.clock.runFor(1000);
  await ready(page);
  await page.clock.runFor(1000);
  await expect(widget(page, 'win')).toHaveCount(1);
  await page.clock.setSystemTime(start + 2 * 86_400_000);
  await page.reload();
  await page.clock.runFor(1000);
  await ready(page);
  await page.evaluate(() => (window as any).beckon.track('signup'));
  await page.clock.runFor(2000);
  await ready(page);
  expect(await widget(page, 'win').count(), 'capped at one impression').toBe(0);
  expect((await events(page, 'conversion')).length).toBe(0);
});

test('a click on a CTA that leaves the page reaches the endpoint once, with campaign, variant, visitor and href', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = { version: 1, campaigns: [{ id: 'cta', type: 'message', content: msg('Go', { cta: { label: 'Shop now', href: '/probe/away' } }) }] };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect' }, RECORD_ALL));
  await page.goto('/probe/home');
  const { visitor } = await ready(page);
  await expect(widget(page, 'cta')).toHaveCount(1);
  await widget(page, 'cta').getByRole('link', { name: 'Shop now' }).click();
  await page.waitForURL(/\/probe\/away$/);
  await ready(page);
  // The same id may arrive twice (a beacon, then the next page's outbox): the endpoint drops repeats (README).
  const clickIds = () => new Set(endpoint.lines.filter((l) => l.event === 'click').map((l) => l.id));
  await expect.poll(() => clickIds().size, { timeout: 10_000 }).toBe(1);
  await page.waitForTimeout(2500);
  expect(clickIds().size).toBe(1);
  expect(endpoint.lines.find((l) => l.event === 'click')).toMatchObject({ campaignId: 'cta', variantId: 'default', visitorId: visitor.id, href: expect.stringContaining('/probe/away') });
});

test('one impression per show: SPA navigations, tab hidden and shown, and a bfcache round trip do not repeat it', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = { version: 1, campaigns: [{ id: 'bar', type: 'bar', frequency: { maxPerSession: 10, cooldownHours: 0 }, content: msg('Bar') }] };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect', dataLayer: true }, RECORD_ALL));
  await page.goto('/probe/home');
  const { visitor } = await ready(page);
  await expect(widget(page, 'bar')).toHaveCount(1);
  await page.evaluate(() => history.pushState({}, '', '/probe/p2'));
  await page.evaluate(() => history.pushState({}, '', '/probe/p3'));
  await page.evaluate(() => history.back());
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(1500);
  expect((await events(page, 'impression')).length).toBe(1);
  expect(await page.evaluate(() => (window as any).dataLayer.filter((e: any) => e.event === 'beckon_impression').length)).toBe(1);
  await expect.poll(() => new Set(endpoint.lines.filter((l) => l.event === 'impression' && l.visitorId === visitor.id).map((l) => l.id)).size, { timeout: 10_000 }).toBe(1);
});
