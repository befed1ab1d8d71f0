import { expect, test } from '@playwright/test';
import { events, msg, RECORD_ALL } from './measureHelpers.js';
import { ready, recordingEndpoint, serve, storeHtml, storedValue, widget } from './tabsHelpers.js';

// Measurement with consent, holdouts, variants and tabs, as a store and a visitor meet it (kept from a probe round).


test('consent answered late for a returning visitor: the exposure and the conversion reach the endpoint under one visitor id', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = {
    version: 1,
    consent: { required: true },
    campaigns: [{ id: 'promo', type: 'message', frequency: { maxPerSession: 10 }, goal: { event: 'signup' }, content: msg('Promo') }],
  };
  // First visit: consent granted, the visitor is stored.
  await serve(page, '/probe/granted', storeHtml({ config, endpoint: '/tabs-collect', consent: 'granted' }, RECORD_ALL));
  // Later page: the store's consent tool has not answered yet when Beckon starts.
  await serve(page, '/probe/late', storeHtml({ config, endpoint: '/tabs-collect', consent: 'pending' }, RECORD_ALL));
  await page.goto('/probe/granted');
  const first = await ready(page);
  await expect(widget(page, 'promo')).toHaveCount(1);
  await expect.poll(() => new Set(endpoint.lines.filter((l) => l.event === 'impression').map((l) => l.id)).size, { timeout: 10_000 }).toBe(1);
  await page.goto('/probe/late');
  await ready(page);
  await expect(widget(page, 'promo')).toHaveCount(1);
  // The consent tool answers: granted (as on the first page).
  await page.evaluate(() => (window as any).beckon.consent('granted'));
  const after = await ready(page);
  expect(after.visitor.id, 'the stored visitor keeps its identity').toBe(first.visitor.id);
  await page.evaluate(() => (window as any).beckon.track('signup'));
  await expect.poll(() => new Set(endpoint.lines.filter((l) => l.event === 'conversion').map((l) => l.id)).size, { timeout: 10_000 }).toBe(1);
  await expect.poll(() => new Set(endpoint.lines.filter((l) => l.event === 'impression').map((l) => l.id)).size, { timeout: 10_000 }).toBe(2);
  const ids = endpoint.lines.map((l) => `${l.event} ${l.visitorId}`);
  // Every line is the one visitor's: a report joins exposures and conversions by visitorId.
  expect(ids).toEqual(ids.map((line) => `${line.split(' ')[0]} ${first.visitor.id}`));
});

test('a holdout visitor: one `holdout` per session across reloads, sent with holdout:true and no variant; a later conversion is sent as holdout', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = { version: 1, campaigns: [{ id: 'control', type: 'bar', holdout: 99.99, goal: { event: 'signup' }, content: msg('Held out') }] };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect', dataLayer: true }, RECORD_ALL));
  await page.goto('/probe/home');
  const { visitor } = await ready(page);
  await expect.poll(async () => (await events(page, 'holdout')).length).toBe(1);
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await ready(page);
    await page.waitForTimeout(500);
    expect((await events(page, 'holdout')).length).toBe(0);
  }
  const push = await page.evaluate(() => (window as any).dataLayer.filter((e: any) => String(e.event).startsWith('beckon_')));
  expect(push).toEqual([]);
  await page.evaluate(() => (window as any).beckon.track('signup'));
  await expect.poll(async () => (await events(page, 'conversion')).length).toBe(1);
  await expect.poll(() => [...new Map(endpoint.lines.map((l) => [l.id, l.event])).values()].sort(), { timeout: 10_000 }).toEqual(['conversion', 'holdout']);
  const holdout = endpoint.lines.find((l) => l.event === 'holdout');
  expect(holdout).toMatchObject({ campaignId: 'control', holdout: true, visitorId: visitor.id });
  expect(holdout.variantId).toBeUndefined();
  expect(endpoint.lines.find((l) => l.event === 'conversion')).toMatchObject({ campaignId: 'control', holdout: true, goal: 'signup', visitorId: visitor.id });
});

test('no exposure, no conversion: a campaign whose trigger never fired, and one only previewed, convert nothing', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      { id: 'click-only', type: 'popup', trigger: { on: 'click', selector: '#offer' }, goal: { event: 'signup' }, content: msg('Offer') },
      { id: 'previewed', type: 'message', audience: { 'traits.never': true }, goal: { event: 'signup' }, content: msg('Preview') },
    ],
  };
  await serve(page, '/probe/', storeHtml({ config }, RECORD_ALL));
  await page.goto('/probe/home?beckon_preview=previewed');
  await ready(page);
  await expect(widget(page, 'previewed')).toHaveCount(1);
  await page.goto('/probe/home');
  await ready(page);
  await page.evaluate(() => (window as any).beckon.track('signup'));
  await page.waitForTimeout(1000);
  expect((await events(page)).map((e) => e.name)).toEqual([]);
});

test('every event of a variant visitor names the same variant: impression, click, dismiss, conversion', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      {
        id: 'ab',
        type: 'popup',
        trigger: { on: 'click', selector: '#offer' },
        frequency: { maxPerSession: 10, cooldownHours: 0, stopAfterConversion: false },
        goal: { event: 'signup' },
        variants: [
          { id: 'a', content: msg('A', { cta: { label: 'Go', href: '#go' } }) },
          { id: 'b', content: msg('B', { cta: { label: 'Go', href: '#go' } }) },
        ],
      },
    ],
  };
  await serve(page, '/probe/', storeHtml({ config }, RECORD_ALL));
  await page.goto('/probe/home');
  await ready(page);
  await page.locator('#offer').click();
  await expect(widget(page, 'ab')).toHaveCount(1);
  const variant = await widget(page, 'ab').getAttribute('data-variant');
  await widget(page, 'ab').getByRole('link', { name: 'Go' }).click();
  await page.keyboard.press('Escape');
  await expect(widget(page, 'ab')).toHaveCount(0);
  await page.evaluate(() => (window as any).beckon.track('signup'));
  await expect.poll(async () => (await events(page)).map((e) => e.name)).toEqual(['impression', 'click', 'dismiss', 'conversion']);
  expect((await events(page)).map((e) => e.variantId)).toEqual([variant, variant, variant, variant]);
  // hide() closes without a dismissal.
  await page.locator('#offer').click();
  await expect(widget(page, 'ab')).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.hide('ab'));
  await expect(widget(page, 'ab')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect((await events(page)).map((e) => e.name)).toEqual(['impression', 'click', 'dismiss', 'conversion', 'impression']);
});

test('an exposure in tab A converts on a goal tracked in tab B, open all along', async ({ context }) => {
  const config = {
    version: 1,
    campaigns: [{ id: 'promo', type: 'message', pages: { include: ['/probe/a'] }, goal: { event: 'signup' }, content: msg('Promo') }],
  };
  await serve(context, '/probe/', storeHtml({ config }, RECORD_ALL));
  const b = await context.newPage();
  await b.goto('/probe/b');
  await ready(b);
  const a = await context.newPage();
  await a.goto('/probe/a');
  await ready(a);
  await expect(widget(a, 'promo')).toHaveCount(1);
  await a.waitForTimeout(500);
  await b.bringToFront();
  await b.evaluate(() => (window as any).beckon.track('signup'));
  await expect.poll(async () => (await events(b, 'conversion')).map((e) => e.campaignId)).toEqual(['promo']);
});

test('consent pending on page 1 (never granted there), granted on page 2: page 1’s events are not sent, page 2’s are', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = { version: 1, consent: { required: true }, campaigns: [{ id: 'promo', type: 'message', pages: { include: ['/probe/one'] }, content: msg('Promo') }] };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect', dataLayer: true }, RECORD_ALL));
  await page.goto('/probe/one');
  await ready(page);
  await expect(widget(page, 'promo')).toHaveCount(1);
  await page.goto('/probe/two');
  await ready(page);
  await page.evaluate(() => (window as any).beckon.consent('granted'));
  await page.evaluate(() => (window as any).beckon.identify({ x: 1 }));
  await page.waitForTimeout(2500);
  expect(endpoint.lines.map((l) => l.event)).toEqual([]);
  expect(await page.evaluate(() => (window as any).dataLayer.filter((e: any) => String(e.event).startsWith('beckon_')).length)).toBe(0);
});

test('consent answered late for a returning visitor: the page keeps their variant and their dismissal (cooldown) while consent is pending', async ({ page }) => {
  const config = {
    version: 1,
    consent: { required: true },
    campaigns: [
      {
        id: 'ab',
        type: 'message',
        frequency: { maxPerSession: 50, cooldownHours: 0 },
        variants: ['a', 'b', 'c', 'd'].map((id) => ({ id, content: msg(`Variant ${id}`) })),
      },
      { id: 'pop', type: 'popup', frequency: { maxPerSession: 50, cooldownHours: 168 }, content: msg('Newsletter') },
    ],
  };
  await serve(page, '/probe/granted', storeHtml({ config, consent: 'granted' }, RECORD_ALL));
  await serve(page, '/probe/late', storeHtml({ config, consent: 'pending' }, RECORD_ALL));
  await page.goto('/probe/granted');
  await ready(page);
  await expect(widget(page, 'ab')).toHaveCount(1);
  const variant = await widget(page, 'ab').getAttribute('data-variant');
  await expect(widget(page, 'pop')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(widget(page, 'pop')).toHaveCount(0);
  // The dismissal is stored before the visitor goes on (the write takes a moment).
  await expect.poll(async () => ((await storedValue(page, 'campaigns')) as any)?.pop?.dismissed).toBeGreaterThan(0);
  const seen: string[] = [];
  let popups = 0;
  for (let i = 0; i < 4; i++) {
    await page.goto('/probe/late');
    await ready(page);
    await expect(widget(page, 'ab')).toHaveCount(1);
    seen.push((await widget(page, 'ab').getAttribute('data-variant'))!);
    await page.waitForTimeout(300);
    popups += await widget(page, 'pop').count();
  }
  expect.soft(seen, 'a visitor keeps their variant').toEqual([variant, variant, variant, variant]);
  expect(popups, 'the popup the visitor closed stays away for its cooldown').toBe(0);
});
