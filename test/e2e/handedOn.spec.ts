import { expect, test, type Page, type Request } from '@playwright/test';
import { collectedFor, profileOf, storedValue, watchPage } from './pageWatch.js';

// what Beckon hands back — dataLayer pushes a GTM container can use (DESIGN §7),
// endpoint payloads, consent gating, and preview links that record nothing (README).

const url = (config: string, extra = '') => `/fixtures/widgets.html?config=${config}&endpoint=/collect&dataLayer=1${extra}`;
const hello = (page: Page) => page.locator('beckon-widget[data-campaign="hello"]');
const beckonPushes = (page: Page) => page.evaluate(() => ((window as any).dataLayer ?? []).filter((e: any) => typeof e?.event === 'string' && e.event.startsWith('beckon_')).map((e: any) => JSON.parse(JSON.stringify(e))));

/** GTM's data model after every push so far: data-layer-helper's merge, verbatim in behaviour (arrays and plain objects merged recursively, index by index). */
async function gtmModel(page: Page) {
  return page.evaluate(() => {
    const isPlain = (v: any) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
    const merge = (from: any, to: any) => {
      const allowMerge = !from._clear;
      for (const property in from) {
        if (!Object.prototype.hasOwnProperty.call(from, property)) continue;
        const value = from[property];
        if (Array.isArray(value) && allowMerge) {
          if (!Array.isArray(to[property])) to[property] = [];
          merge(value, to[property]);
        } else if (isPlain(value) && allowMerge) {
          if (!isPlain(to[property])) to[property] = {};
          merge(value, to[property]);
        } else to[property] = value;
      }
      delete to._clear;
    };
    const model: any = {};
    for (const push of (window as any).dataLayer) if (isPlain(push)) merge(push, model);
    return JSON.parse(JSON.stringify(model));
  });
}

test('GTM data model: beckon.segments after a segment_exit holds the segments the visitor is in now, not stale ones', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).beckon = function () { ((window as any).beckon.q = (window as any).beckon.q || []).push(arguments); };
    (window as any).beckon('identify', { a: true, b: true, c: true });
  });
  await page.goto(url('stack-events'));
  await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await expect.poll(async () => (await beckonPushes(page)).map((e: any) => e.event)).toContain('beckon_impression');
  await page.evaluate(() => (window as any).beckon.identify({ b: false, c: false }));
  await expect.poll(async () => (await beckonPushes(page)).filter((e: any) => e.event === 'beckon_segment_exit').length).toBe(2);
  const pushes = await beckonPushes(page);
  const last = pushes.at(-1);
  expect(last.beckon.segments).toEqual(['seg-a']);
  expect(last.segment_ids).toBe('seg-a');
  const model = await gtmModel(page);
  // What a GTM "Data Layer Variable" named beckon.segments reads when beckon_segment_exit fires:
  expect(model.beckon.segments).toEqual(['seg-a']);
});

test('dataLayer entries: event is always beckon_<name>, no key GA4 ecommerce tags read (ecommerce, items), flat values only at the top', async ({ page }) => {
  await page.goto(url('stack-events'));
  await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await hello(page).getByRole('link', { name: 'Shop' }).click();
  await page.evaluate(() => {
    (window as any).dataLayer.push({ ecommerce: null });
    (window as any).dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T-1', currency: 'EUR', value: 42, items: [{ item_id: 'A', item_name: 'A', price: 42, quantity: 1 }] } });
  });
  await expect.poll(async () => (await beckonPushes(page)).map((e: any) => e.event)).toContain('beckon_conversion');
  const pushes = await beckonPushes(page);
  for (const push of pushes) {
    expect(push.event).toMatch(/^beckon_[a-z_]+$/);
    expect(push).not.toHaveProperty('ecommerce');
    expect(push).not.toHaveProperty('items');
    for (const [key, value] of Object.entries(push)) if (key !== 'beckon') expect([typeof value, key]).toEqual([expect.stringMatching(/string|number|boolean/), key]);
    expect(Object.keys(push).every((k) => k === k.toLowerCase())).toBe(true);
  }
  const conversion = pushes.find((e: any) => e.event === 'beckon_conversion');
  expect(conversion).toMatchObject({ campaign_id: 'hello', variant_id: 'default', goal: 'purchase', value: 42, currency: 'EUR' });
  // the store's own purchase was counted once in Beckon, not twice because of Beckon's own push
  const p: any = await profileOf(page);
  expect(p.orders.count).toBe(1);
});

test('endpoint: text/plain JSON lines, one batch for a burst, every line with event, id, visitorId, ts', async ({ page }) => {
  const posts: Request[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/collect' && r.method() === 'POST') posts.push(r);
  });
  await page.addInitScript(() => {
    (window as any).beckon = function () { ((window as any).beckon.q = (window as any).beckon.q || []).push(arguments); };
    (window as any).beckon('identify', { a: true, b: true });
  });
  await page.goto(url('stack-events'));
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await expect.poll(() => collectedFor(visitor.id).map((l) => l.event).sort(), { timeout: 10_000 }).toEqual(['impression', 'segment_enter', 'segment_enter']);
  expect(posts.length).toBe(1);
  const req = posts[0]!;
  expect(req.headers()['content-type']).toMatch(/^text\/plain/);
  const lines = (req.postData() ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  expect(lines).toHaveLength(3);
  for (const line of lines) expect(line).toMatchObject({ event: expect.any(String), id: expect.any(String), visitorId: visitor.id, ts: expect.any(Number) });
  expect(new Set(lines.map((l) => l.id)).size).toBe(3);
  expect(lines.find((l) => l.event === 'impression')).toMatchObject({ campaignId: 'hello', variantId: 'default', segments: ['seg-a', 'seg-b'] });
});

test('endpoint answering 500 on the same origin: retried until taken, logged exactly once', async ({ page }) => {
  let refusals = 0;
  await page.route('**/collect', async (route) => {
    if (refusals < 2) {
      refusals++;
      return route.fulfill({ status: 500, body: 'boom' });
    }
    return route.continue();
  });
  await page.clock.install(); // the retries' backoff (2 s, then 4 s) passes on Playwright's clock
  await page.goto(url('stack-events'));
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await expect.poll(async () => (await page.clock.runFor(1000), collectedFor(visitor.id).map((l) => l.event)), { timeout: 20_000 }).toEqual(['impression']);
  expect(refusals).toBe(2);
  await expect.poll(() => storedValue(page, 'outbox')).toEqual([]);
});

test('slow endpoint: a request still in flight is not sent again meanwhile (no duplicate ids on the wire)', async ({ page }) => {
  const sent: string[] = [];
  await page.route('**/collect', async (route) => {
    for (const line of (route.request().postData() ?? '').split('\n').filter(Boolean)) sent.push(JSON.parse(line).id);
    await new Promise((r) => setTimeout(r, 6000));
    await route.continue().catch(() => undefined);
  });
  await page.goto(url('stack-events'));
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.identify({ a: true }));
  await page.waitForTimeout(3000);
  await page.evaluate(() => (window as any).beckon.identify({ b: true }));
  await expect.poll(() => collectedFor(visitor.id).length, { timeout: 25_000 }).toBe(3);
  // Until the last answer is in and the outbox is empty (it used to wait 2 s): with nothing
  // left to send, nothing is sent again.
  await expect.poll(() => storedValue(page, 'outbox'), { timeout: 10_000 }).toEqual([]);
  expect(sent.length).toBe(new Set(sent).size);
});

test('consent pending: nothing reaches the endpoint or dataLayer; granted on the page: all of it, in order', async ({ page }) => {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/collect' && r.method() === 'POST') posts.push(r.postData() ?? '');
  });
  await page.goto(url('stack-consent'));
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.identify({ a: true }));
  await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toEqual(['impression', 'segment_enter']);
  await page.waitForTimeout(2000);
  expect(posts).toEqual([]);
  expect(await beckonPushes(page)).toEqual([]);
  await page.evaluate(() => (window as any).beckon.consent('granted'));
  await expect.poll(async () => (await beckonPushes(page)).map((e: any) => e.event)).toEqual(['beckon_impression', 'beckon_segment_enter']);
  await expect.poll(() => collectedFor(visitor.id).map((l) => l.event).sort(), { timeout: 10_000 }).toEqual(['impression', 'segment_enter']);
});

test('consent denied: nothing is ever sent, even what happened before the denial', async ({ page }) => {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/collect' && r.method() === 'POST') posts.push(r.postData() ?? '');
  });
  // 2.5 s on each page pass on Playwright's clock (the events' 1 s batches and more), then a
  // moment for a request they set off.
  await page.clock.install();
  await page.goto(url('stack-consent'));
  await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.consent('denied'));
  await page.evaluate(() => (window as any).beckon.identify({ a: true }));
  await page.clock.runFor(2500);
  await page.waitForTimeout(500);
  await page.goto(url('stack-consent'));
  await profileOf(page);
  await page.clock.runFor(2500);
  await page.waitForTimeout(500);
  expect(posts).toEqual([]);
  expect(await beckonPushes(page)).toEqual([]);
});

test('preview link of a campaign the previewer is eligible for records nothing (no impression, no caps, no event out)', async ({ page }) => {
  await page.goto(url('stack-events', '&beckon_preview=hello:default'));
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await page.waitForTimeout(2000);
  expect(await page.evaluate(() => (window as any).events.map((e: any) => e.name))).toEqual([]);
  expect(await beckonPushes(page)).toEqual([]);
  expect(collectedFor(visitor.id)).toEqual([]);
  expect(((await storedValue<Record<string, unknown>>(page, 'campaigns')) ?? {})['hello']).toBeUndefined();
});

test('preview link of a variant for a visitor outside the audience shows exactly that variant, and nothing is recorded', async ({ page }) => {
  await page.goto(url('stack-events', '&beckon_preview=vip-only:v2'));
  const { visitor }: any = await profileOf(page);
  const bar = page.locator('beckon-widget[data-campaign="vip-only"]');
  await expect(bar).toHaveAttribute('data-variant', 'v2');
  await expect(bar.getByText('VIP two')).toBeVisible();
  await page.waitForTimeout(1500);
  const names = await page.evaluate(() => (window as any).events.map((e: any) => `${e.name}:${e.campaignId}`));
  expect(names).not.toContain('impression:vip-only');
  expect(collectedFor(visitor.id).filter((l) => l.campaignId === 'vip-only')).toEqual([]);
});
