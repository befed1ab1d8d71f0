import { expect, test } from '@playwright/test';
import { events, msg, RECORD_ALL } from './measureHelpers.js';
import { ready, recordingEndpoint, serve, storeHtml, storedValue, widget } from './tabsHelpers.js';

// Measurement handed on: dataLayer, the endpoint and the outbox (kept from a probe round).


test('a conversion on a GA4 purchase carries value and currency to beckon.on, dataLayer (flat) and the endpoint', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = { version: 1, campaigns: [{ id: 'promo', type: 'message', goal: { event: 'purchase' }, content: msg('Promo') }] };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect', dataLayer: true }, RECORD_ALL));
  await page.goto('/probe/home');
  const { visitor } = await ready(page);
  await expect(widget(page, 'promo')).toHaveCount(1);
  await page.evaluate(() => {
    (window as any).dataLayer.push({ ecommerce: null });
    (window as any).dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T-9', currency: 'EUR', value: '129,00', items: [{ item_id: 'S1', item_name: 'Shoe', price: '129,00', quantity: 1 }] } });
  });
  await expect.poll(async () => (await events(page, 'conversion')).length).toBe(1);
  expect((await events(page, 'conversion'))[0]).toMatchObject({ campaignId: 'promo', variantId: 'default', goal: 'purchase', value: 129, currency: 'EUR', visitorId: visitor.id });
  const pushed = await page.evaluate(() => (window as any).dataLayer.find((e: any) => e.event === 'beckon_conversion'));
  expect(pushed).toMatchObject({ campaign_id: 'promo', variant_id: 'default', value: 129, currency: 'EUR', visitor_id: visitor.id });
  await expect.poll(() => endpoint.lines.find((l) => l.event === 'conversion'), { timeout: 10_000 }).toMatchObject({ value: 129, currency: 'EUR', campaignId: 'promo' });
});

test('endpoint down for a long visit: more than 200 events wait and all arrive once it is back (nothing lost), or the loss is reported', async ({ page, context }) => {
  test.setTimeout(90_000);
  let down = true;
  const lines: any[] = [];
  await context.route('**/tabs-collect**', async (route) => {
    if (down) return route.fulfill({ status: 503, body: '' });
    lines.push(...(route.request().postData() ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    await route.fulfill({ status: 204, body: '' });
  });
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  // A config of 150 micro-segments on one trait: a visitor entering and leaving them makes 300 events.
  const config = { version: 1, segments: Array.from({ length: 150 }, (_, i) => ({ id: `s${i}`, when: { 'traits.vip': true } })) };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect' }, RECORD_ALL));
  await page.goto('/probe/home');
  await ready(page);
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  await expect.poll(async () => (await events(page)).length, { timeout: 20_000 }).toBe(150);
  await page.waitForTimeout(1500);
  await page.evaluate(() => (window as any).beckon.identify({ vip: false }));
  await expect.poll(async () => (await events(page)).length, { timeout: 20_000 }).toBe(300);
  await page.waitForTimeout(1500);
  const waiting = ((await storedValue<any[]>(page, 'outbox')) ?? []).length;
  down = false;
  await page.reload();
  await ready(page);
  await expect.poll(() => new Set(lines.map((l) => l.id)).size, { timeout: 20_000 }).toBeGreaterThanOrEqual(200);
  // The rest get the same 5 s to arrive as before, but the wait ends once all 300 have.
  await expect.poll(() => new Set(lines.map((l) => l.id)).size, { timeout: 5000 }).toBe(300).catch(() => undefined);
  const lost = 300 - new Set(lines.map((l) => l.id)).size;
  
  const reported = warnings.filter((w) => /outbox|lost|dropped|discard/i.test(w));
  // Nothing lost; or, if the outbox must be bounded, never silently.
  expect(lost === 0 || reported.length > 0, `${lost} of 300 events lost (outbox held ${waiting}), with no warning`).toBe(true);
});

test('bfcache: leaving and coming back with Back shows no second impression and sends nothing under a new id', async ({ page, context }) => {
  const endpoint = await recordingEndpoint(context);
  const config = { version: 1, campaigns: [{ id: 'bar', type: 'bar', pages: { include: ['/probe/home'] }, frequency: { maxPerSession: 10, cooldownHours: 0 }, content: msg('Bar') }] };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect', dataLayer: true }, RECORD_ALL));
  await page.goto('/probe/home');
  const { visitor } = await ready(page);
  await expect(widget(page, 'bar')).toHaveCount(1);
  await page.evaluate(() => ((window as any).marker = 1));
  await page.goto('/probe/other');
  await ready(page);
  await page.goBack();
  await ready(page);
  const restored = await page.evaluate(() => (window as any).marker === 1);
  test.info().annotations.push({ type: 'bfcache', description: String(restored) });
  await page.waitForTimeout(2500);
  const impressions = endpoint.lines.filter((l) => l.event === 'impression' && l.visitorId === visitor.id);
  // Restored from bfcache: the same show, one impression; a fresh load: a second show.
  expect(new Set(impressions.map((l) => l.id)).size).toBe(restored ? 1 : 2);
  expect((await events(page, 'impression')).length).toBe(1);
});

test('stopAfterConversion across tabs: converted in tab A, tab B (open, exit intent armed) does not show the campaign', async ({ context }) => {
  const config = {
    version: 1,
    campaigns: [{ id: 'exit', type: 'popup', trigger: { on: 'exit' }, frequency: { maxPerSession: 10 }, goal: { event: 'signup' }, content: msg('Wait!') }],
  };
  await serve(context, '/probe/', storeHtml({ config }, RECORD_ALL));
  const a = await context.newPage();
  await a.goto('/probe/a');
  await ready(a);
  const b = await context.newPage();
  await b.goto('/probe/b');
  await ready(b);
  await a.bringToFront();
  await a.mouse.move(300, 300);
  await a.mouse.move(300, 5, { steps: 3 });
  await a.mouse.move(300, -5);
  await a.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null, bubbles: true })));
  await expect(widget(a, 'exit')).toHaveCount(1);
  await a.keyboard.press('Escape');
  await a.evaluate(() => (window as any).beckon.track('signup'));
  await expect.poll(async () => (await events(a, 'conversion')).length).toBe(1);
  await b.bringToFront();
  await b.waitForTimeout(500);
  await b.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null, bubbles: true })));
  await b.waitForTimeout(800);
  expect(await widget(b, 'exit').count()).toBe(0);
});

test('a form submission waiting for a down server is not pushed out of the outbox by a burst of analytics events', async ({ page, context }) => {
  test.setTimeout(90_000);
  let down = true;
  const got: any[] = [];
  await context.route('**/tabs-*', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    if (down) return route.fulfill({ status: 503, body: '' });
    got.push(...(route.request().postData() ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    await route.fulfill({ status: 204, body: '' });
  });
  const config = {
    version: 1,
    segments: Array.from({ length: 120 }, (_, i) => ({ id: `s${i}`, when: { 'traits.vip': true } })),
    campaigns: [
      {
        id: 'lead',
        type: 'message',
        content: { kind: 'form', title: 'Call me back', fields: [{ name: 'phone', type: 'tel', label: 'Phone', required: true }], submit: { label: 'Send', endpoint: '/tabs-leads' } },
      },
    ],
  };
  await serve(page, '/probe/', storeHtml({ config, endpoint: '/tabs-collect' }, RECORD_ALL));
  await page.goto('/probe/home');
  await ready(page);
  await widget(page, 'lead').getByLabel('Phone').fill('+39 055 123456');
  await widget(page, 'lead').getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await events(page, 'submit')).length).toBe(1);
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  await expect.poll(async () => (await events(page, 'segment_enter')).length, { timeout: 20_000 }).toBe(120);
  await page.waitForTimeout(1500);
  await page.evaluate(() => (window as any).beckon.identify({ vip: false }));
  await expect.poll(async () => (await events(page, 'segment_exit')).length, { timeout: 20_000 }).toBe(120);
  await page.waitForTimeout(1500);
  down = false;
  await page.reload();
  await ready(page);
  await expect.poll(() => got.filter((l) => l.type === 'submit').length, { timeout: 30_000 }).toBe(1);
});
