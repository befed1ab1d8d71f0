import { expect, test } from '@playwright/test';
import { heard, ready, serve, shown, storeHtml, widget } from './tabsHelpers.js';

// Delay and idle triggers of one length share one timer and settle by priority; slots on
// short screens, also when the phone is turned while two bars show.

const msg = (title: string) => ({ kind: 'message', title });

test.describe('shared delay/idle timers', () => {
  test('three delay popups of equal seconds: the highest priority shows, only it', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'low', type: 'popup', priority: 1, trigger: { on: 'delay', seconds: 2 }, content: msg('Low') },
        { id: 'high', type: 'popup', priority: 9, trigger: { on: 'delay', seconds: 2 }, content: msg('High') },
        { id: 'mid', type: 'popup', priority: 5, trigger: { on: 'delay', seconds: 2 }, content: msg('Mid') },
      ],
    };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await expect(widget(page, 'high')).toHaveCount(1, { timeout: 5000 });
    await page.waitForTimeout(1000);
    expect(await shown(page)).toEqual(['high']);
    expect(await heard(page)).toEqual(['impression high']);
  });

  test('a delay bar and a delay popup of equal seconds both show', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'pop', type: 'popup', priority: 1, trigger: { on: 'delay', seconds: 2 }, content: msg('Pop') },
        { id: 'bar', type: 'bar', priority: 9, trigger: { on: 'delay', seconds: 2 }, content: msg('Bar') },
      ],
    };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await expect.poll(() => shown(page), { timeout: 5000 }).toEqual(['bar', 'pop']);
  });

  test('two idle popups of 2 s: none while the visitor keeps moving the mouse for 6 s; the higher shows once they stop', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'idle-low', type: 'popup', priority: 1, trigger: { on: 'idle', seconds: 2 }, content: msg('Low') },
        { id: 'idle-high', type: 'popup', priority: 9, trigger: { on: 'idle', seconds: 2 }, content: msg('High') },
      ],
    };
    await page.clock.install(); // the visitor's 6 s and the idle seconds pass on Playwright's clock
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    let x = 100;
    for (let moved = 0; moved < 6000; moved += 150) {
      x = x === 100 ? 300 : 100;
      await page.mouse.move(x, 200, { steps: 5 });
      await page.clock.runFor(150);
    }
    expect(await shown(page)).toEqual([]);
    await page.clock.runFor(2500); // they stop: 2 s idle, and some
    await expect(widget(page, 'idle-high')).toHaveCount(1, { timeout: 4000 });
    await page.waitForTimeout(500);
    expect(await shown(page)).toEqual(['idle-high']);
  });

  test('idle and delay of the same seconds: the delay fires on time even though mouse movement restarts the idle timer', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'idle-bar', type: 'bar', placement: { position: 'top' }, trigger: { on: 'idle', seconds: 3 }, content: msg('Idle') },
        { id: 'delay-bar', type: 'bar', placement: { position: 'bottom' }, trigger: { on: 'delay', seconds: 3 }, content: msg('Delay') },
      ],
    };
    await page.clock.install(); // the visitor's 5 s and the idle seconds pass on Playwright's clock
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    let x = 100;
    for (let moved = 0; moved < 5000; moved += 200) {
      x = x === 100 ? 300 : 100;
      await page.mouse.move(x, 200, { steps: 3 });
      await page.clock.runFor(200);
    }
    // The delay fired at 3 s (its bar's code may still be loading); no idle second has passed.
    await expect.poll(() => shown(page)).toEqual(['delay-bar']);
    await page.clock.runFor(3500); // they stop: 3 s idle, and some
    await expect.poll(() => shown(page), { timeout: 6000 }).toEqual(['delay-bar', 'idle-bar']);
  });

  test('a delay campaign disarmed (audience stops matching) does not stop the other sharing its timer', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'gone', type: 'bar', placement: { position: 'top' }, audience: { 'traits.x': { $ne: 1 } }, trigger: { on: 'delay', seconds: 3 }, content: msg('Gone') },
        { id: 'stays', type: 'bar', placement: { position: 'bottom' }, trigger: { on: 'delay', seconds: 3 }, content: msg('Stays') },
      ],
    };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await page.evaluate(() => (window as any).beckon.identify({ x: 1 }));
    await ready(page);
    await expect(widget(page, 'stays')).toHaveCount(1, { timeout: 5000 });
    await page.waitForTimeout(500);
    expect(await shown(page)).toEqual(['stays']);
  });

  test('SPA navigation re-arms delays: two equal delays on the new page settle by priority', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'p1', type: 'popup', priority: 1, pages: { include: ['/tabs/two'] }, trigger: { on: 'delay', seconds: 2 }, content: msg('P1') },
        { id: 'p2', type: 'popup', priority: 2, pages: { include: ['/tabs/two'] }, trigger: { on: 'delay', seconds: 2 }, content: msg('P2') },
      ],
    };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await page.waitForTimeout(1000);
    await page.evaluate(() => history.pushState({}, '', '/tabs/two'));
    await expect.poll(async () => (await ready(page)).page.path).toBe('/tabs/two');
    await page.waitForTimeout(1000);
    expect(await shown(page)).toEqual([]);
    await expect(widget(page, 'p2')).toHaveCount(1, { timeout: 4000 });
    await page.waitForTimeout(500);
    expect(await shown(page)).toEqual(['p2']);
  });

  test('SPA navigation during a delay: the timer of the old page does not show the new page campaign early', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { id: 'd', type: 'bar', trigger: { on: 'delay', seconds: 4 }, frequency: { maxPerSession: 5 }, content: msg('D') },
      ],
    };
    await page.clock.install(); // the seconds below pass on Playwright's clock
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await page.clock.runFor(2500);
    await page.evaluate(() => history.pushState({}, '', '/tabs/two'));
    await expect.poll(async () => (await ready(page)).page.path).toBe('/tabs/two');
    await page.clock.runFor(2500); // past the 4 s of the old page's timer
    await page.waitForTimeout(500); // a moment for a bar it set off to load its code
    expect(await shown(page), 'the delay starts over on the new page').toEqual([]);
    await page.clock.runFor(2000);
    await expect(widget(page, 'd')).toHaveCount(1, { timeout: 3000 });
  });
});

test.describe('slots on short screens', () => {
  const form = (title: string) => ({ kind: 'form', title, body: 'Get 10% off your first order and news of new arrivals.', fields: [{ name: 'email', type: 'email', label: 'Email', required: true }, { name: 'agree', type: 'consent', label: 'I agree to receive emails' }], submit: { label: 'Sign up' } });
  const boxes = (page: import('@playwright/test').Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('beckon-widget[data-type="bar"]')].map((h) => {
        const r = (h.shadowRoot!.querySelector('aside') as HTMLElement).getBoundingClientRect();
        return { id: h.getAttribute('data-campaign'), top: Math.round(r.top), bottom: Math.round(r.bottom) };
      }),
    );
  test('two form bars on a 320 x 568 phone held upright show at both edges; turned sideways (568 x 320) the lower-priority bar goes (one bar at a time), so they do not cover each other', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await serve(page, '/tabs/', storeHtml({ config: { version: 1, campaigns: [
      { id: 'top', type: 'bar', priority: 5, placement: { position: 'top' }, content: form('Top') },
      { id: 'bottom', type: 'bar', priority: 1, placement: { position: 'bottom' }, content: form('Bottom') },
    ] } }));
    await page.goto('/tabs/one');
    await ready(page);
    await expect.poll(() => shown(page)).toEqual(['bottom', 'top']);
    await page.waitForTimeout(500);
    await page.setViewportSize({ width: 568, height: 320 });
    await page.waitForTimeout(1500);
    const [first, second] = await boxes(page);
    const overlap = second ? Math.min(first!.bottom, second.bottom) - Math.max(first!.top, second.top) : 0;
    expect(overlap, `bars after rotation: ${JSON.stringify(await boxes(page))}`).toBeLessThanOrEqual(0);
    expect(await shown(page), 'on a screen shorter than 600 px, one bar at a time').toEqual(['top']);
  });

  test('short and narrow (568 x 320): one message at a time among two corners', async ({ page }) => {
    await page.setViewportSize({ width: 568, height: 320 });
    const config = {
      version: 1,
      campaigns: [
        { id: 'tl', type: 'message', priority: 1, placement: { position: 'top-left' }, content: msg('TL') },
        { id: 'br', type: 'message', priority: 2, placement: { position: 'bottom-right' }, content: msg('BR') },
      ],
    };
    await serve(page, '/tabs/', storeHtml({ config }));
    await page.goto('/tabs/one');
    await ready(page);
    await expect.poll(() => shown(page)).toEqual(['br']);
    await page.waitForTimeout(800);
    expect(await shown(page)).toEqual(['br']);
  });
});
