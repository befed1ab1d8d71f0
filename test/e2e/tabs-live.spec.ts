import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { fakeHide, fakeShow, heard, ready, serve, storeHtml, widget } from './tabsHelpers.js';

// What changes with no event to tell of it, in real Chromium: time spent reading and how far
// down the page the visitor has scrolled. And what another tab's changes cost a tab: read
// once for a burst, and not at all while the tab is hidden.

const msg = (title: string) => ({ kind: 'message', title });

/** What the tracker heard on this page besides segments and campaigns: the names of `track` events. */
const tracked = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).tracked);
const listenTracked = `window.tracked = []; beckon('on', 'track', function (e) { window.tracked.push(e.name); });`;

test.describe('attributes that change as the visitor reads', () => {
  test('a segment on engaged time is entered once the visitor has read for 3 s, with no event in between, and its bar shows', async ({ page }) => {
    const config = {
      version: 1,
      segments: [{ id: 'reader', when: { 'behavior.engagedTime': { $gte: 3 } } }],
      campaigns: [{ id: 'deep', type: 'bar', audience: { segments: { $in: ['reader'] } }, content: msg('For our readers') }],
    };
    await page.clock.install(); // the reading seconds and the 5 s tick pass on Playwright's clock
    await serve(page, '/tabs/', storeHtml({ config }, listenTracked));
    await page.goto('/tabs/article');
    expect((await ready(page)).segments).toEqual([]);
    await expect(widget(page, 'deep')).toHaveCount(0);
    // The visitor reads: the pointer moves now and then, nothing is tracked.
    for (let i = 0; i < 4; i++) {
      await page.mouse.move(100 + i * 10, 200);
      await page.clock.runFor(1000);
    }
    await page.clock.runFor(5000); // the next tick reads the engaged time
    await expect(widget(page, 'deep')).toHaveCount(1, { timeout: 8000 });
    expect(await heard(page)).toEqual(['segment_enter reader', 'impression deep']);
    expect(await tracked(page)).toEqual(['page_view']);
  });

  test('a segment on scroll depth is entered once the visitor has scrolled to the end, with no event in between', async ({ page }) => {
    const config = {
      version: 1,
      segments: [{ id: 'scrolled', when: { 'behavior.scrollDepth': { $gte: 90 } } }],
      campaigns: [{ id: 'end', type: 'bar', placement: { position: 'bottom' }, audience: { segments: { $in: ['scrolled'] } }, content: msg('Read to the end? Here is 10% off') }],
    };
    await page.clock.install(); // the 5 s tick passes on Playwright's clock
    await serve(page, '/tabs/', storeHtml({ config }, listenTracked));
    await page.goto('/tabs/long-read');
    expect((await ready(page)).segments).toEqual([]);
    await page.mouse.move(200, 200);
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, 3000);
    await expect.poll(() => page.evaluate(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2)).toBe(true);
    await page.clock.runFor(5000); // the next tick reads the scroll depth
    await expect(widget(page, 'end')).toHaveCount(1, { timeout: 8000 });
    expect((await ready(page)).segments).toEqual(['scrolled']);
    expect(await tracked(page)).toEqual(['page_view']);
  });

  test('on an app shell (the page itself does not scroll, its main element does), scroll depth starts at 0 and follows that element', async ({ page }) => {
    const config = { version: 1, segments: [{ id: 'scrolled', when: { 'behavior.scrollDepth': { $gte: 90 } } }] };
    // The app's layout: <html> and <body> hide overflow, <main> fills the screen and scrolls.
    const shell = `document.addEventListener('DOMContentLoaded', function () {
      document.documentElement.style.cssText = 'height:100%;overflow:hidden';
      document.body.style.cssText = 'height:100%;margin:0;overflow:hidden';
      var main = document.createElement('main');
      main.id = 'app';
      main.style.cssText = 'height:100%;overflow-y:auto';
      while (document.body.firstChild) main.appendChild(document.body.firstChild);
      document.body.appendChild(main);
    });`;
    await serve(page, '/tabs/', storeHtml({ config }, listenTracked + shell));
    await page.goto('/tabs/app');
    await ready(page);
    await page.waitForTimeout(500);
    expect((await ready(page)).behavior.scrollDepth).toBe(0);
    await page.mouse.move(200, 200);
    await page.mouse.wheel(0, 1500);
    await expect.poll(async () => (await ready(page)).behavior.scrollDepth).toBeGreaterThan(0);
    expect((await ready(page)).behavior.scrollDepth).toBeLessThan(90);
    expect((await ready(page)).segments).toEqual([]);
    await page.mouse.wheel(0, 3000);
    await expect.poll(async () => (await ready(page)).segments, { timeout: 8000 }).toEqual(['scrolled']);
    expect(await tracked(page)).toEqual(['page_view']);
  });

  test('a config that reads nothing that changes with time does no work while the visitor reads', async ({ page }) => {
    const config = { version: 1, segments: [{ id: 'browsing', when: { 'session.pageviews': { $gte: 1 } } }] };
    // Counts the SDK's reads of the stored profile (IndexedDB transactions), after boot.
    await page.addInitScript(() => {
      (window as any).transactions = 0;
      const open = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: any[]) {
        (window as any).transactions++;
        return (open as any).apply(this, args);
      };
    });
    await page.clock.install(); // 6 s (more than a 5 s tick) pass on Playwright's clock
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/quiet');
    await ready(page);
    await page.waitForTimeout(500);
    const before = await page.evaluate(() => (window as any).transactions);
    await page.clock.runFor(6000);
    await page.waitForTimeout(500); // a moment for work a timer set off to open its transactions
    expect(await page.evaluate(() => (window as any).transactions)).toBe(before);
  });
});

test.describe('another tab’s changes', () => {
  const countReads = () => {
    (window as any).reads = 0;
    const getAllKeys = IDBObjectStore.prototype.getAllKeys;
    IDBObjectStore.prototype.getAllKeys = function (this: IDBObjectStore, ...args: any[]) {
      (window as any).reads++;
      return (getAllKeys as any).apply(this, args);
    };
  };
  const reads = (page: Page): Promise<number> => page.evaluate(() => (window as any).reads);
  /** Tabs A and B of one store, both ready; B counts its reads of the stored profile. */
  async function twoTabs(context: BrowserContext, config: Record<string, unknown>) {
    await serve(context, '/tabs/', storeHtml({ config }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await b.addInitScript(countReads);
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    return [a, b] as const;
  }

  test('a burst of 40 events in tab A: tab B reads the stored profile again a few times, not 40', async ({ context }) => {
    const config = { version: 1, segments: [{ id: 'pinged', when: { $event: { name: 'ping', count: { $gte: 40 } } } }] };
    const [a, b] = await twoTabs(context, config);
    const before = await reads(b);
    await a.evaluate(() => {
      for (let i = 0; i < 40; i++) (window as any).beckon.track('ping');
    });
    // B follows: it is in the segment that 40 pings make, without a page of its own.
    await expect.poll(async () => heard(b), { timeout: 10_000 }).toContain('segment_enter pinged');
    await b.waitForTimeout(1000);
    const after = await reads(b);
    expect(after - before).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(8);
  });

  test('a hidden tab reads nothing while the other tab changes things, and catches up when shown (or asked)', async ({ context }) => {
    const config = {
      version: 1,
      segments: [{ id: 'vip', when: { 'traits.vip': true } }],
      campaigns: [{ id: 'vip-bar', type: 'bar', pages: { include: ['/tabs/b'] }, audience: { segments: { $in: ['vip'] } }, content: msg('VIP early access') }],
    };
    const [a, b] = await twoTabs(context, config);
    await fakeHide(b);
    const before = await reads(b);
    await a.evaluate(() => {
      (window as any).beckon.identify({ vip: true });
      for (let i = 0; i < 10; i++) (window as any).beckon.track('ping');
    });
    expect((await ready(a)).segments).toEqual(['vip']);
    await b.waitForTimeout(1500);
    expect(await reads(b)).toBe(before);
    expect(await heard(b)).toEqual([]);
    // Shown again: B reads once, enters the segment and shows the bar.
    await fakeShow(b);
    await expect(widget(b, 'vip-bar')).toHaveCount(1, { timeout: 5000 });
    expect(await heard(b)).toEqual(['segment_enter vip', 'impression vip-bar']);

    // Hidden again, and asked: profile() catches up first.
    await fakeHide(b);
    await a.evaluate(() => (window as any).beckon.identify({ tier: 'gold' }));
    await expect.poll(async () => (await ready(a)).traits.tier).toBe('gold');
    await b.waitForTimeout(500);
    expect((await ready(b)).traits).toEqual({ vip: true, tier: 'gold' });
  });
});
