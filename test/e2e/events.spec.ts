import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { collectedFor, profileOf, storedValue, watchPage } from './pageWatch.js';

// DESIGN §7: the events go to `beckon.on`, to `window.dataLayer` with `dataLayer: true`,
// and to an `endpoint` through the outbox.
const page1 = '/fixtures/widgets.html?config=events&endpoint=/collect&dataLayer=1';
const hello = (page: Page) => page.locator('beckon-widget[data-campaign="hello"]');
/** What the demo server logged for this visitor: event lines only. */
const logged = (visitorId: string) => collectedFor(visitorId).filter((line) => typeof line.event === 'string');

test('dataLayer receives beckon_impression with flat GA4 parameters and the whole payload', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto(page1);
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  const entry = () => page.evaluate(() => (window as any).dataLayer?.find((e: any) => e.event === 'beckon_impression'));
  await expect.poll(entry).toMatchObject({
    event: 'beckon_impression',
    campaign_id: 'hello',
    variant_id: 'default',
    segment_ids: '',
    visitor_id: visitor.id,
    ts: expect.any(Number),
    beckon: { campaignId: 'hello', variantId: 'default', segments: [], visitorId: visitor.id },
  });
  expect(watch.errors).toEqual([]);
  expect(watch.beckonWarnings()).toEqual([]);
});

test('dataLayer: each push clears what earlier pushes set, so GTM’s merged data model holds the latest event alone', async ({ page }) => {
  await page.goto(page1);
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  const names = () => page.evaluate(() => (window as any).dataLayer.map((e: any) => e.event));
  await expect.poll(names).toContain('beckon_segment_enter');
  // GTM's data model: every push merged into what the earlier ones left, plain objects key
  // by key, except in a push marked `_clear` (whose values are set as they are; the mark
  // itself is not kept).
  const model = await page.evaluate(() => {
    const merge = (into: any, from: any) => {
      for (const [key, value] of Object.entries(from)) {
        if (key === '_clear') continue;
        if (!from._clear && value && typeof value === 'object' && !Array.isArray(value)) merge((into[key] = into[key] && typeof into[key] === 'object' ? into[key] : {}), value);
        else into[key] = value;
      }
      return into;
    };
    const merged: any = {};
    for (const push of (window as any).dataLayer) {
      if (!String(push.event).startsWith('beckon_')) continue;
      merge(merged, push);
      if (push.event === 'beckon_segment_enter') return { ...merged, beckon: { ...merged.beckon }, has: Object.keys(merged).filter((key) => merged[key] !== undefined).sort() };
    }
  });
  expect(model).toMatchObject({ event: 'beckon_segment_enter', segment_id: 'vip', campaign_id: undefined, variant_id: undefined, beckon: { segmentId: 'vip', campaignId: undefined, variantId: undefined, visitorId: visitor.id } });
  expect(model.has).toEqual(['beckon', 'event', 'segment_id', 'segment_ids', 'ts', 'visitor_id']);
});

test('the endpoint gets every event exactly once across a navigation and an offline spell', async ({ page, context }) => {
  await page.goto(page1);
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  // An event, then at once another page: the first page's last events leave by beacon,
  // or wait in the outbox for the next page.
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toContain('segment_enter');
  await page.goto(page1);
  await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  // Both pages' events arrive: the first page's by beacon or from the second page's outbox.
  await expect.poll(() => logged(visitor.id).map((line) => line.event).sort(), { timeout: 10_000 }).toEqual(['impression', 'impression', 'segment_enter']);

  await context.setOffline(true);
  await page.evaluate(() => (window as any).beckon.identify({ vip: false }));
  await hello(page).getByRole('button', { name: 'Close' }).click();
  await expect.poll(async () => ((await storedValue<{ body: { event: string } }[]>(page, 'outbox')) ?? []).map((item) => item.body.event).sort()).toEqual(['dismiss', 'segment_exit']);
  // Offline past the batching second, nothing more arrives.
  await page.waitForTimeout(1500);
  expect(logged(visitor.id)).toHaveLength(3);

  await context.setOffline(false);
  await expect.poll(() => logged(visitor.id).map((line) => line.event).sort(), { timeout: 10_000 }).toEqual(['dismiss', 'impression', 'impression', 'segment_enter', 'segment_exit']);
  const lines = logged(visitor.id);
  expect(new Set(lines.map((line) => line.id)).size).toBe(5);
  expect(lines.find((line) => line.event === 'segment_enter')).toMatchObject({ segmentId: 'vip', segments: ['vip'], visitorId: visitor.id, ts: expect.any(Number) });
  expect(lines.find((line) => line.event === 'dismiss')).toMatchObject({ campaignId: 'hello', variantId: 'default', visitorId: visitor.id });
  await expect.poll(() => storedValue(page, 'outbox')).toEqual([]);
});

test('events of a page hidden while offline stay in the outbox, though sendBeacon says it queued them, and arrive once back online', async ({ page, context }) => {
  await page.goto(page1);
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await expect.poll(() => logged(visitor.id).map((line) => line.event), { timeout: 10_000 }).toEqual(['impression']);
  await context.setOffline(true);
  // Chromium's sendBeacon answers true offline too, and the request then fails unseen;
  // the stub answers the same, and sends nothing.
  await page.evaluate(() => {
    navigator.sendBeacon = () => true;
  });
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toContain('segment_enter');
  // The visitor leaves at once: the page is hidden before the batch's second has passed.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  const waiting = async () => ((await storedValue<{ body: { event: string } }[]>(page, 'outbox')) ?? []).map((item) => item.body.event);
  await expect.poll(waiting).toEqual(['segment_enter']);
  await context.setOffline(false);
  await expect.poll(() => logged(visitor.id).map((line) => line.event).sort(), { timeout: 10_000 }).toEqual(['impression', 'segment_enter']);
  await expect.poll(waiting).toEqual([]);
});

test('an endpoint down for three page loads gets every event exactly once when it returns', async ({ page, request }) => {
  // The demo server's `/collect?outage=NAME` answers 503 while that outage is on, to
  // fetches and beacons alike (a browser's beacons are beyond Playwright's routing).
  const outage = `down-${test.info().workerIndex}-${Date.now()}`;
  const down = async (on: boolean) => expect((await request.post(`/collect/outage?name=${outage}&down=${on ? 1 : 0}`)).status()).toBe(204);
  const url = `/fixtures/widgets.html?config=events&endpoint=${encodeURIComponent(`/collect?outage=${outage}`)}`;
  const refused: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/collect' && response.status() === 503) refused.push(503);
  });
  await down(true);
  await page.goto(url);
  const { visitor }: any = await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
  // The second page is left as soon as it has an event to send: a beacon may carry it as
  // the page goes, to an endpoint known to be down, so it must stay in the outbox too.
  await page.goto(url);
  await expect(hello(page)).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toContain('segment_enter');
  await page.goto(url);
  await expect(hello(page)).toHaveCount(1);
  // Three impressions and the segment_enter wait in the outbox; none reached the log.
  const waiting = async () => ((await storedValue<{ body: { event: string } }[]>(page, 'outbox')) ?? []).map((item) => item.body.event).sort();
  await expect.poll(waiting).toEqual(['impression', 'impression', 'impression', 'segment_enter']);
  expect(logged(visitor.id)).toEqual([]);

  // The third page goes before the endpoint is back: a retry it sent just as it was left
  // reached the server unseen here (its keepalive request outlives the page, and Playwright
  // reports no answer for it), which would look like a delivery the page never made.
  await page.goto('about:blank');
  // Back up. Every batch the next page sends is recorded, with the server's answer.
  await down(false);
  const sent: { ids: string[]; status: number }[] = [];
  page.on('requestfinished', async (request) => {
    if (new URL(request.url()).pathname !== '/collect') return;
    const ids = (request.postData() ?? '').split('\n').filter(Boolean).map((line) => JSON.parse(line).id);
    sent.push({ ids, status: (await request.response())?.status() ?? 0 });
  });
  await page.goto(url);
  await expect(hello(page)).toHaveCount(1);
  // The oldest messages were refused most often: each waits out its backoff (doubling, up
  // to 5 minutes) before it is sent again, however soon the endpoint is back. On a slow
  // machine that passed 30 s; the wait follows what the outbox itself says.
  const due = Math.max(...((await storedValue<{ next: number }[]>(page, 'outbox')) ?? []).map((item) => item.next));
  const wait = Math.max(0, due - Date.now()) + 20_000;
  test.setTimeout(wait + 60_000);
  await expect.poll(() => logged(visitor.id).map((line) => line.event).sort(), { timeout: wait }).toEqual(['impression', 'impression', 'impression', 'impression', 'segment_enter']);
  await expect.poll(() => storedValue(page, 'outbox')).toEqual([]);
  // Each event has its own id, and the page sent each once after the endpoint returned.
  const ids = logged(visitor.id).map((line) => line.id);
  expect(new Set(ids).size).toBe(5);
  expect(sent.filter((batch) => batch.status === 204).flatMap((batch) => batch.ids).sort()).toEqual([...ids].sort());
});

test('dataLayer: with consent required, nothing is pushed before consent, and what happened meanwhile is pushed in order once it is given', async ({ page }) => {
  const config = JSON.parse(readFileSync(new URL('fixtures/campaigns/events.json', import.meta.url), 'utf8'));
  await page.route('**/fixtures/campaigns/consent-events.json', (route) => route.fulfill({ json: { ...config, consent: { required: true } } }));
  await page.goto('/fixtures/widgets.html?config=consent-events&dataLayer=1');
  await profileOf(page);
  await expect(hello(page)).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
  await expect.poll(() => page.evaluate(() => (window as any).events.map((e: any) => e.name))).toContain('segment_enter');
  const pushed = () => page.evaluate(() => ((window as any).dataLayer ?? []).map((e: any) => e.event).filter((name: unknown) => String(name).startsWith('beckon_')));
  expect(await pushed()).toEqual([]);
  await page.evaluate(() => (window as any).beckon.consent('granted'));
  await expect.poll(pushed).toEqual(['beckon_impression', 'beckon_segment_enter']);
});
