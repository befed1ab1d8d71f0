import { expect, test, type Page } from '@playwright/test';
import { fakeHide, fakeShow, heard, ready, recordingEndpoint, serve, storeHtml, storedValue, widget } from './tabsHelpers.js';

// Time passing: a tab left open overnight (the machine asleep: the wall clock jumps, the
// page's timers do not run meanwhile; Playwright's clock.setSystemTime models exactly
// that), cooldowns expiring, a visit after 30+ idle minutes being a new session, and the
// clock jumping backwards.

test.use({ timezoneId: 'UTC' });

const msg = (title: string) => ({ kind: 'message', title });
const H = 3_600_000;

/** The visitor comes back to the tab: it was hidden, is shown again, the pointer moves, the page scrolls a little. */
async function visitorReturns(page: Page) {
  await fakeHide(page);
  await fakeShow(page);
  await page.mouse.move(200, 200);
  await page.mouse.move(220, 260, { steps: 3 });
  await page.mouse.wheel(0, 200);
}

test.describe('a tab left open overnight', () => {
  test('a bar whose schedule ended while the machine slept goes when the visitor is back', async ({ page }) => {
    await page.clock.install({ time: Date.parse('2026-11-20T22:00:00Z') });
    await serve(page, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'sale', type: 'bar', placement: { position: 'top' }, schedule: { end: '2026-11-20T23:00:00Z' }, content: msg('Sale ends at 23:00') }] } }));
    await page.goto('/tabs/home');
    await page.clock.runFor(500);
    await ready(page);
    await page.clock.runFor(500);
    await expect(widget(page, 'sale')).toHaveCount(1);
    // 22:05: the lid closes. 08:00 next morning: it opens (no timer ran in between).
    await page.clock.runFor(5 * 60_000);
    await page.clock.setSystemTime(Date.parse('2026-11-21T08:00:00Z'));
    await visitorReturns(page);
    await page.clock.runFor(5_000);
    expect(await page.evaluate(() => new Date().toISOString())).toMatch(/^2026-11-21T08:00/);
    await expect(widget(page, 'sale'), 'the sale ended 9 hours ago').toHaveCount(0);
  });

  test('a bar shown during opening hours [9, 17) goes when the visitor is back after 17:00', async ({ page }) => {
    await page.clock.install({ time: Date.parse('2026-11-20T16:30:00Z') });
    await serve(page, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'chat', type: 'bar', placement: { position: 'bottom' }, schedule: { hours: [9, 17] }, content: msg('Our team is online now') }] } }));
    await page.goto('/tabs/home');
    await page.clock.runFor(500);
    await ready(page);
    await page.clock.runFor(500);
    await expect(widget(page, 'chat')).toHaveCount(1);
    await page.clock.setSystemTime(Date.parse('2026-11-20T19:00:00Z'));
    await visitorReturns(page);
    await page.clock.runFor(5_000);
    await expect(widget(page, 'chat'), 'the team went offline at 17:00').toHaveCount(0);
  });

  test('a countdown bar whose date passed while the machine slept goes when the visitor is back', async ({ page }) => {
    await page.clock.install({ time: Date.parse('2026-11-20T22:00:00Z') });
    await serve(page, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'count', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Sale ends soon', countdown: { until: '2026-11-20T23:00:00Z' } } }] } }));
    await page.goto('/tabs/home');
    await page.clock.runFor(500);
    await ready(page);
    await page.clock.runFor(500);
    await expect(widget(page, 'count')).toHaveCount(1);
    await page.clock.setSystemTime(Date.parse('2026-11-21T08:00:00Z'));
    await visitorReturns(page);
    await page.clock.runFor(5_000);
    await expect(widget(page, 'count')).toHaveCount(0);
  });
});

/** The store's home page loaded at the wall-clock time `at` (the page's clock installed), its SDK booted. */
async function loadAt(page: Page, at: number) {
  await page.clock.setSystemTime(at);
  await page.goto('/tabs/home');
  await page.clock.runFor(500);
  await ready(page);
  await page.clock.runFor(1500);
}

test.describe('frequency over time', () => {
  test('cooldownHours: a popup closed stays away 167 h and comes back after 169 h', async ({ page }) => {
    const start = Date.parse('2026-11-02T10:00:00Z');
    await page.clock.install({ time: start });
    // Defaults: maxPerSession 1, cooldownHours 168 after a dismissal.
    await serve(page, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'welcome', type: 'popup', content: msg('Welcome') }] } }));
    await loadAt(page, start);
    await expect(widget(page, 'welcome')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(widget(page, 'welcome')).toHaveCount(0);
    await expect.poll(async () => (await storedValue<any>(page, 'campaigns'))?.welcome?.dismissed).toBeGreaterThan(0);
    await loadAt(page, start + 167 * H);
    expect(await widget(page, 'welcome').count(), '167 h later: still cooling down').toBe(0);
    await loadAt(page, start + 169 * H);
    await expect(widget(page, 'welcome'), '169 h later: the cooldown is over, a new session').toHaveCount(1);
  });

  test('maxPerSession: after 31 idle minutes the next page is a new session and the popup shows again', async ({ page }) => {
    const start = Date.parse('2026-11-02T10:00:00Z');
    await page.clock.install({ time: start });
    await serve(page, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'hello', type: 'message', frequency: { maxPerSession: 1, maxImpressions: 5 }, content: msg('Hello') }] } }));
    await loadAt(page, start);
    await expect(widget(page, 'hello')).toHaveCount(1);
    await loadAt(page, start + 10 * 60_000);
    expect(await widget(page, 'hello').count(), 'same session').toBe(0);
    await loadAt(page, start + 41 * 60_000 + 1000);
    await expect(widget(page, 'hello'), '31 idle minutes later: a new session').toHaveCount(1);
    expect(((await ready(page)) as any).visitor.sessions).toBe(2);
  });

});

test.describe('the clock jumping backwards', () => {
  test('events waiting for a retry are sent on the next page after the clock was set back a day', async ({ page, context }) => {
    const start = Date.parse('2026-11-20T12:00:00Z');
    let down = true;
    const received: string[] = [];
    await context.route('**/tabs-collect**', async (route) => {
      if (down) return route.fulfill({ status: 503, body: '' });
      received.push(...(route.request().postData() ?? '').split('\n').filter(Boolean));
      return route.fulfill({ status: 204, body: '' });
    });
    await page.clock.install({ time: start });
    const config = { version: 1, segments: [{ id: 'vip', when: { 'traits.vip': true } }] };
    await serve(page, '/tabs/', storeHtml({ config, endpoint: '/tabs-collect' }));
    await page.goto('/tabs/home');
    await page.clock.runFor(500);
    await ready(page);
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await ready(page);
    // The batch goes a second later and is refused: it waits for a retry.
    await page.clock.runFor(1500);
    await expect.poll(async () => (await storedValue<any[]>(page, 'outbox'))?.[0]?.tries ?? 0).toBeGreaterThan(0);
    // The visitor's clock was a day fast; it is corrected (NTP). The endpoint is back.
    down = false;
    await page.clock.setSystemTime(start - 24 * H);
    await page.goto('/tabs/other');
    await page.clock.runFor(500);
    await ready(page);
    await page.clock.runFor(10_000);
    await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThan(0);
  });
});
