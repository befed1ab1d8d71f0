import { expect, test, type Page } from '@playwright/test';
import { fakeHide, fakeShow, heard, ready, serve, storeHtml, widget } from './tabsHelpers.js';

// Attributes that change with time alone, read again every 5 s while the page is seen:
// segments and campaigns follow them, SPA navigations reset them, each event once.

const msg = (title: string) => ({ kind: 'message', title });
const consoleWatch = (page: Page) => {
  const bad: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') bad.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => bad.push(`pageerror: ${e.message}`));
  return bad;
};

// The tests below run on Playwright's clock: it keeps flowing in real time, and runFor()
// jumps it ahead, firing the 5 s tick on the way. After a jump, ready() (profile(), queued
// behind whatever the tick set off) tells that the tick's work is done.
const TICK = 5000;

test.describe('live attributes', () => {
  test('timeOnPage: segment enters with no event, SPA navigation resets it (segment exits, bar goes), then enters again; each event once', async ({ page }) => {
    const bad = consoleWatch(page);
    const config = {
      version: 1,
      segments: [{ id: 'lingerer', when: { 'behavior.timeOnPage': { $gte: 4 } } }],
      campaigns: [{ id: 'linger-bar', type: 'bar', frequency: { maxPerSession: 5 }, audience: { segments: { $in: ['lingerer'] } }, content: msg('Still here?') }],
    };
    await page.clock.install();
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    expect((await ready(page)).segments).toEqual([]);
    await page.clock.runFor(2 * TICK); // 10 s on the page: a tick has read time on page >= 4
    await expect(widget(page, 'linger-bar')).toHaveCount(1);
    expect(await heard(page)).toEqual(['segment_enter lingerer', 'impression linger-bar']);
    // SPA navigation: a new page, time on page starts over.
    await page.evaluate(() => history.pushState({}, '', '/tabs/two'));
    await expect.poll(async () => (await ready(page)).page.path).toBe('/tabs/two');
    const p = await ready(page);
    expect(p.behavior.timeOnPage).toBeLessThan(3);
    expect(p.segments).toEqual([]);
    await expect(widget(page, 'linger-bar')).toHaveCount(0, { timeout: 7000 });
    expect(await heard(page)).toEqual(['segment_enter lingerer', 'impression linger-bar', 'segment_exit lingerer']);
    // And enters again after 4 s on the new page, without events (the second tick after it at the latest).
    await page.clock.runFor(2 * TICK);
    await expect.poll(async () => heard(page)).toContain('segment_enter lingerer');
    // A tick more (6 s) adds no second enter or exit.
    await page.clock.runFor(6000);
    await ready(page);
    const h = await heard(page);
    expect(h.filter((x) => x === 'segment_enter lingerer')).toHaveLength(2);
    expect(h.filter((x) => x === 'segment_exit lingerer')).toHaveLength(1);
    expect(bad).toEqual([]);
  });

  test('scrollDepth: SPA navigation (app scrolls to top) resets scroll depth, and a segment on it exits', async ({ page }) => {
    const config = { version: 1, segments: [{ id: 'scrolled', when: { 'behavior.scrollDepth': { $gte: 90 } } }] };
    await page.clock.install();
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await page.mouse.move(200, 200);
    await page.mouse.wheel(0, 5000);
    await expect.poll(async () => (await ready(page)).behavior.scrollDepth).toBeGreaterThanOrEqual(90);
    await page.clock.runFor(TICK);
    await expect.poll(async () => heard(page)).toEqual(['segment_enter scrolled']);
    await page.evaluate(() => {
      history.pushState({}, '', '/tabs/two');
      window.scrollTo(0, 0);
    });
    await expect.poll(async () => (await ready(page)).page.path).toBe('/tabs/two');
    await expect.poll(async () => (await ready(page)).behavior.scrollDepth).toBeLessThan(50);
    await page.clock.runFor(TICK);
    await expect.poll(async () => heard(page)).toEqual(['segment_enter scrolled', 'segment_exit scrolled']);
  });

  test('a popup whose audience (time on page) stops matching after an SPA navigation stays; a bar goes', async ({ page }) => {
    const config = {
      version: 1,
      segments: [{ id: 'lingerer', when: { 'behavior.timeOnPage': { $gte: 3 } } }],
      campaigns: [
        { id: 'linger-pop', type: 'popup', audience: { segments: { $in: ['lingerer'] } }, content: msg('Popup') },
        { id: 'linger-bar', type: 'bar', audience: { 'behavior.timeOnPage': { $gte: 3 } }, content: msg('Bar') },
      ],
    };
    await page.clock.install();
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await page.clock.runFor(2 * TICK);
    await expect(widget(page, 'linger-pop')).toHaveCount(1);
    await expect(widget(page, 'linger-bar')).toHaveCount(1);
    await page.evaluate(() => history.pushState({}, '', '/tabs/two'));
    await expect.poll(async () => (await ready(page)).page.path).toBe('/tabs/two');
    await expect(widget(page, 'linger-bar')).toHaveCount(0, { timeout: 7000 });
    await expect(widget(page, 'linger-pop')).toHaveCount(1);
  });

  test('$event within 1m: segment enters on the event and exits a minute later with no event (fake clock)', async ({ page }) => {
    await page.clock.install({ time: Date.parse('2026-11-20T10:00:00Z') });
    const config = {
      version: 1,
      segments: [{ id: 'recent', when: { $event: { name: 'ping', within: '1m' } } }],
      campaigns: [{ id: 'recent-bar', type: 'bar', audience: { segments: { $in: ['recent'] } }, content: msg('Recent ping') }],
    };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await page.clock.runFor(500);
    await ready(page);
    await page.evaluate(() => (window as any).beckon.track('ping'));
    await page.clock.runFor(500);
    expect((await ready(page)).segments).toEqual(['recent']);
    await page.clock.runFor(1000);
    await expect(widget(page, 'recent-bar')).toHaveCount(1);
    await page.clock.runFor(50_000);
    expect((await heard(page)).filter((h) => h.startsWith('segment_exit'))).toEqual([]);
    await page.clock.runFor(15_000);
    await expect.poll(async () => heard(page)).toEqual(['segment_enter recent', 'impression recent-bar', 'segment_exit recent']);
    await expect(widget(page, 'recent-bar')).toHaveCount(0);
  });

  test('a hidden tab does not evaluate (no segment_enter while hidden), and catches up within a tick once shown', async ({ page }) => {
    const config = { version: 1, segments: [{ id: 'lingerer', when: { 'session.duration': { $gte: 3 } } }] };
    await page.clock.install();
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await fakeHide(page);
    await page.clock.runFor(8000); // a tick or more, hidden
    await page.waitForTimeout(300); // (not profile(): asking catches a hidden tab up) let whatever a tick set off finish
    expect(await heard(page)).toEqual([]);
    await fakeShow(page);
    await page.clock.runFor(TICK);
    await expect.poll(async () => heard(page)).toEqual(['segment_enter lingerer']);
  });

  test('consent pending, then granted: a live segment enters once while pending and not again after the grant', async ({ page }) => {
    const bad = consoleWatch(page);
    const config = {
      version: 1,
      consent: { required: true },
      segments: [{ id: 'lingerer', when: { 'session.duration': { $gte: 3 } } }],
      campaigns: [{ id: 'linger-bar', type: 'bar', audience: { segments: { $in: ['lingerer'] } }, content: msg('Still here?') }],
    };
    await page.clock.install();
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await page.clock.runFor(2 * TICK);
    await expect.poll(async () => heard(page)).toEqual(['segment_enter lingerer', 'impression linger-bar']);
    await page.evaluate(() => (window as any).beckon.consent('granted'));
    await ready(page);
    await page.clock.runFor(6000); // a tick or more after the grant
    await ready(page);
    expect(await heard(page)).toEqual(['segment_enter lingerer', 'impression linger-bar']);
    await expect(widget(page, 'linger-bar')).toHaveCount(1);
    // reload: stored membership, no second enter
    await page.reload();
    await ready(page);
    await page.clock.runFor(6000);
    await ready(page);
    expect((await heard(page)).filter((h) => h.startsWith('segment_'))).toEqual([]);
    expect(bad).toEqual([]);
  });

  test('a config read only by a template {{time.hour}}: the bar shows with the hour; no errors', async ({ page }) => {
    const bad = consoleWatch(page);
    const config = { version: 1, campaigns: [{ id: 'hour', type: 'bar', content: msg('It is {{time.hour}} o’clock') }] };
    await page.clock.install();
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await expect(widget(page, 'hour')).toHaveCount(1);
    const hour = await page.evaluate(() => new Date().getHours());
    await expect(widget(page, 'hour')).toContainText(`It is ${hour} o`);
    await page.clock.runFor(6000); // a tick or more: no second impression
    await ready(page);
    expect(await heard(page)).toEqual(['impression hour']);
    expect(bad).toEqual([]);
  });

  test('time.hour: a segment for 11:00 onwards is entered when the hour turns, with no event (fake clock)', async ({ page }) => {
    await page.clock.install({ time: new Date(2026, 10, 20, 10, 59, 50).getTime() });
    const config = { version: 1, segments: [{ id: 'late-morning', when: { 'time.hour': { $gte: 11 } } }] };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await page.clock.runFor(500);
    expect((await ready(page)).segments).toEqual([]);
    await page.clock.runFor(16_000);
    await expect.poll(async () => heard(page)).toEqual(['segment_enter late-morning']);
  });

  test('funnel.stage "engaged" after 60 s engaged: entered with no event (fake clock, pointer moving)', async ({ page }) => {
    await page.clock.install({ time: Date.parse('2026-11-20T10:00:00Z') });
    const config = { version: 1, segments: [{ id: 'engaged', when: { 'funnel.stage': 'engaged' } }] };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await page.clock.runFor(500);
    expect((await ready(page)).segments).toEqual([]);
    for (let i = 0; i < 14; i++) {
      await page.mouse.move(100 + i * 3, 200);
      await page.clock.runFor(5_000);
    }
    await expect.poll(async () => heard(page)).toEqual(['segment_enter engaged']);
  });
});

