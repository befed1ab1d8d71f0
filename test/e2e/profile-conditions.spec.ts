import { devices, expect, test } from '@playwright/test';
import { serve, storePage } from './profileHelpers.js';

// DESIGN §4 conditions over the profile attributes of §3, evaluated in the page: segments(),
// segment_enter, explain(), campaign audiences and templates, the debug panel. No profile()
// call comes first, so the attribute readers load only because a condition reads them.
const { defaultBrowserType: _ignored, ...iphone } = devices['iPhone 13'] as any;
test.use({ ...iphone, timezoneId: 'Europe/Rome', locale: 'it-IT' });

const SEGMENTS = [
  { id: 'mobile-ios', when: { 'device.type': 'mobile', 'device.os': { $regex: '^i' } } },
  { id: 'italy', when: { 'geo.country': { $ini: ['it', 'sm', 'va'] }, 'geo.eu': true } },
  { id: 'not-desktop', when: { $not: { 'device.type': 'desktop' } } },
  { id: 'email-visit', when: { 'traffic.channel': 'email', 'traffic.campaign': { $regexi: 'sale' } } },
  { id: 'first-touch-email', when: { 'firstTouch.medium': 'email' } },
  { id: 'daytime', when: { 'time.hour': { $gte: 0, $lte: 23 }, 'time.month': { $gte: 1 } } },
  { id: 'viewed-ridge', when: { 'behavior.productsViewed': { $in: ['TRL-001'] } } },
  { id: 'trail-fan', when: { 'behavior.categoriesViewed': { $alli: ['trail'] } } },
  { id: 'pricey-page', when: { 'page.product.price': { $gt: 100 }, 'page.type': 'product' } },
  { id: 'trail-in-cart', when: { 'cart.items': { $elemMatch: { item_category: 'Trail', quantity: { $gte: 1 } } } } },
  { id: 'two-views', when: { $event: { name: 'view_item', within: '1h', count: { $gte: 2 } } } },
  { id: 'considering', when: { 'funnel.stage': { $in: ['considering', 'intending'] } } },
  { id: 'prospect', when: { 'rfm.segment': 'prospect', 'orders.count': 0 } },
  { id: 'scored', when: { 'intent.score': { $type: 'number' }, 'intent.bucket': { $exists: true } } },
  { id: 'utm-sale', when: { 'page.query.utm_campaign': { $regexi: 'sale' } } },
  { id: 'anonymous', when: { 'traits.email': { $exists: false } } },
  { id: 'new-mobile-shopper', when: { segments: { $all: ['mobile-ios', 'italy', 'email-visit'] }, 'visitor.isNew': true } },
];

test('segments over device, geo, traffic, time, behavior, page, cart, $event, funnel, rfm and intent hold in the page', async ({ page, baseURL }) => {
  const html = storePage({ version: 1, segments: SEGMENTS });
  // A product page of the store's own, with Product JSON-LD, a view_item push and an add to cart.
  const product = (sku: string, name: string, price: number) =>
    html.replace(
      '<title>Probe</title>',
      `<title>${name}</title><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name, sku, category: 'Trail', offers: { '@type': 'Offer', price: price.toFixed(2), priceCurrency: 'EUR' } })}</script>
      <script>window.dataLayer = [{ event: 'view_item', ecommerce: { currency: 'EUR', value: ${price}, items: [{ item_id: '${sku}', item_name: '${name}', price: ${price}, item_category: 'Trail', quantity: 1 }] } }];</script>`,
    );
  await serve(page, '**/p/ridge**', product('TRL-001', 'Ridge Runner', 149));
  await serve(page, '**/p/mud**', product('TRL-002', 'Mud Hound', 139));
  await page.goto(`${baseURL}/p/ridge?utm_source=newsletter&utm_medium=email&utm_campaign=Winter-Sale`);
  await page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
  // Wait for the replayed view_item to be stored (see profile-fast for pages left sooner).
  await expect.poll(() => page.evaluate(() => (window as any).beckon.segments())).toContain('viewed-ridge');
  await page.waitForTimeout(500);
  await page.goto(`${baseURL}/p/mud`);
  await page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
  await page.evaluate(() => (window as any).dataLayer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'TRL-002', item_name: 'Mud Hound', price: 139, item_category: 'Trail', quantity: 1 }] } }));
  await expect
    .poll(() => page.evaluate(() => (window as any).beckon.segments()))
    .toEqual([
      'mobile-ios', 'italy', 'not-desktop', 'email-visit', 'first-touch-email', 'daytime', 'viewed-ridge', 'trail-fan', 'pricey-page',
      'trail-in-cart', 'two-views', 'considering', 'prospect', 'scored', 'anonymous', 'new-mobile-shopper',
    ]);
  const explained = await page.evaluate(() => (window as any).beckon.explain('italy'));
  expect(explained).toMatchObject({ id: 'italy', result: true, clauses: [{ path: 'geo.country', op: '$ini', actual: 'IT', result: true }, { path: 'geo.eu', actual: true, result: true }] });
});

test('segment_enter is told for a device/geo/traffic segment on the first page, without asking profile()', async ({ page }) => {
  await serve(page, '**/probe/cond**', storePage({ version: 1, segments: SEGMENTS.slice(0, 5) }));
  await page.goto('/probe/cond?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale');
  await expect.poll(() => page.evaluate(() => (window as any).entered)).toEqual(['mobile-ios', 'italy', 'not-desktop', 'email-visit', 'first-touch-email']);
});

test('a campaign whose audience reads geo and device directly shows, and its template fills in geo.country', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      {
        id: 'it-mobile', type: 'bar', placement: { position: 'top' },
        audience: { 'geo.country': 'IT', 'device.type': 'mobile' },
        content: { kind: 'message', title: 'Spedizione gratuita in {{geo.country|your country}} on {{device.os|your phone}}' },
      },
    ],
  };
  await serve(page, '**/probe/cond**', storePage(config));
  await page.goto('/probe/cond');
  const bar = page.locator('beckon-widget[data-campaign="it-mobile"]');
  await expect(bar).toHaveCount(1);
  await expect(bar.getByText(/Spedizione gratuita/)).toHaveText('Spedizione gratuita in IT on ios');
});

test('a template reading geo, device and traffic in a campaign for everyone fills them in', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [{ id: 'hello', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Ciao {{geo.country|?}} / {{device.type|?}} / {{traffic.channel|?}} / {{intent.bucket|?}}' } }],
  };
  await serve(page, '**/probe/cond**', storePage(config));
  await page.goto('/probe/cond?utm_medium=email');
  await expect(page.locator('beckon-widget[data-campaign="hello"]').getByText(/Ciao/)).toHaveText('Ciao IT / mobile / email / less_likely');
});

test('the debug panel ticks the segments the visitor is in', async ({ page }) => {
  await serve(page, '**/probe/cond**', storePage({ version: 1, segments: SEGMENTS.slice(0, 6) }));
  await page.goto('/probe/cond?beckon_debug=1&utm_medium=email&utm_campaign=sale');
  const panel = page.locator('beckon-widget').filter({ has: page.locator('xpath=.') }).last();
  const segments = page.getByRole('region', { name: 'Segments' });
  await expect(segments).toBeVisible({ timeout: 10000 });
  for (const id of ['mobile-ios', 'italy', 'not-desktop', 'email-visit', 'first-touch-email', 'daytime']) {
    await expect(segments.getByText(new RegExp(`✓\\s*${id}\\b`)).first()).toBeVisible();
  }
  void panel;
});
