import { devices, expect, test, type Page } from '@playwright/test';
import { drag, events, host, settled, shot, widget } from './visitorHelpers.js';

// triggers and scrolling driven by a real (synthesized) finger: Chromium's own
// touch pipeline (CDP Input.synthesizeScrollGesture, gestureSourceType "touch"), so
// touchstart/touchmove/scroll arrive as a phone sends them, momentum included.

const { defaultBrowserType: _d, ...iphone } = devices['iPhone 13'];

const exitPopup = { id: 'on-exit', type: 'popup', trigger: { on: 'exit' }, content: { kind: 'message', title: 'Leaving already?' } };

test.describe('exit intent on a phone (DESIGN §5: a fast upward scroll)', () => {
  test.use(iphone);

  test('reading down slowly, then a slow scroll back up a few lines: no exit popup', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [exitPopup] } });
    for (let i = 0; i < 4; i++) await drag(page, 300, 600);
    await page.waitForTimeout(600);
    const y = await page.evaluate(() => scrollY);
    await drag(page, -80, 150);
    await page.waitForTimeout(800);
    expect(y).toBeGreaterThan(600);
    await expect(widget(page, 'on-exit')).toHaveCount(0);
  });

  test('reading down, then a fast flick up: the exit popup shows', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [exitPopup] } });
    for (let i = 0; i < 4; i++) await drag(page, 300, 600);
    await page.waitForTimeout(600);
    await drag(page, -500, 3000);
    await expect(widget(page, 'on-exit').getByRole('dialog')).toBeVisible({ timeout: 3000 });
  });

  test('a tap on the store’s “back to top” button (smooth scroll) is not exit intent', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [exitPopup] },
      body: `<main><h1>Host</h1><p class="filler">Filler</p><button type="button" id="top" style="position:fixed;bottom:20px;right:20px;padding:12px">Back to top</button><p class="filler">More</p></main>`,
      css: 'html{scroll-behavior:smooth}',
      preBoot: `document.addEventListener('click', function (e) { if (e.target.id === 'top') window.scrollTo({ top: 0, behavior: 'smooth' }); });`,
    });
    for (let i = 0; i < 4; i++) await drag(page, 300, 600);
    await page.waitForTimeout(800);
    await page.locator('#top').tap();
    await page.waitForFunction(() => scrollY === 0, undefined, { timeout: 5000 });
    await page.waitForTimeout(500);
    await expect(widget(page, 'on-exit')).toHaveCount(0);
  });

  test('a flick up at the very top of a short read (less than a screen down) is not exit intent', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [exitPopup] } });
    await drag(page, 200, 600);
    await page.waitForTimeout(500);
    await drag(page, -400, 3000);
    await page.waitForTimeout(800);
    await expect(widget(page, 'on-exit')).toHaveCount(0);
  });
});

test.describe('scroll and idle triggers with touch input', () => {
  test.use(iphone);

  test('scroll 50%: swiping down the page shows the bar; nothing before', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'half', type: 'bar', placement: { position: 'bottom' }, trigger: { on: 'scroll', percent: 50 }, content: { kind: 'message', title: 'Halfway there' } }] } });
    await page.waitForTimeout(500);
    await expect(widget(page, 'half')).toHaveCount(0);
    for (let i = 0; i < 6; i++) await drag(page, 300, 1200);
    await expect(widget(page, 'half')).toHaveCount(1, { timeout: 3000 });
  });

  test('idle 3 s: a visitor swiping through the page every 1.5 s is not idle; once they stop, it shows', async ({ page }) => {
    await page.clock.install(); // the pauses between swipes and the idle seconds pass on Playwright's clock
    await host(page, { config: { version: 1, campaigns: [{ id: 'idle', type: 'message', placement: { position: 'bottom-right' }, trigger: { on: 'idle', seconds: 3 }, content: { kind: 'message', title: 'Still there?' } }] } });
    for (let i = 0; i < 4; i++) {
      await drag(page, 150, 600);
      await page.clock.runFor(1200);
    }
    await expect(widget(page, 'idle')).toHaveCount(0);
    await page.clock.runFor(3500); // they stop: 3 s idle, and some
    await expect(widget(page, 'idle')).toHaveCount(1, { timeout: 6000 });
  });
});

test.describe('a popup taller than a landscape phone', () => {
  const { defaultBrowserType: _l, ...landscape } = devices['iPhone 13 landscape'];
  test.use(landscape);
  const form = {
    kind: 'form',
    title: 'Join the club',
    body: 'Members get early access to every sale, free returns and a birthday gift every year.',
    fields: [
      { name: 'firstName', type: 'text', label: 'First name' },
      { name: 'email', type: 'email', label: 'Email', required: true },
      { name: 'phone', type: 'tel', label: 'Phone' },
      { name: 'size', type: 'select', label: 'Shoe size', options: [{ value: '42', label: 'EU 42' }] },
      { name: 'ok', type: 'consent', label: 'I agree to the privacy policy', required: true },
    ],
    submit: { label: 'Join', successMessage: 'Welcome!' },
  };

  test('a swipe over the card scrolls the card to its submit button, which then takes a tap', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: form }] } });
    const dialog = widget(page, 'pop').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await settled(page);
    const card = await widget(page, 'pop').evaluate((h) => {
      const c = h.shadowRoot!.querySelector('.w')!;
      return { h: c.clientHeight, sh: c.scrollHeight, vh: innerHeight };
    });
    expect(card.sh).toBeGreaterThan(card.vh);
    for (let i = 0; i < 4; i++) await drag(page, 250, 800, { x: 420, y: 170 });
    await page.waitForTimeout(600);
    const join = dialog.getByRole('button', { name: 'Join' });
    const box = (await join.boundingBox())!;
    await shot(page, 'landscape-tall-popup');
    expect(box.y + box.height).toBeLessThanOrEqual(card.vh);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await join.tap();
    // Nothing filled: the first invalid field gets focus and its message.
    await expect(dialog.getByRole('alert').first()).toBeVisible();
    expect(await page.evaluate(() => scrollY)).toBe(0);
  });
});

test.describe('iPhone safe areas (viewport-fit=cover: notch and home indicator)', () => {
  test.use(iphone);
  const FOUR = {
    version: 1,
    campaigns: [
      { id: 'bar-bottom', type: 'bar', placement: { position: 'bottom' }, content: { kind: 'message', title: 'Free returns', cta: { label: 'Details' } } },
      { id: 'bar-top', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Free shipping over €50' } },
    ],
  };
  test('bars keep their text and × out of the notch and the home indicator', async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride' as any, { insets: { top: 47, bottom: 34, left: 0, right: 0 } });
    await host(page, { config: FOUR, viewportMeta: 'width=device-width, initial-scale=1, viewport-fit=cover' });
    await expect(page.locator('beckon-widget')).toHaveCount(2);
    await settled(page);
    await shot(page, 'safe-area-bars');
    const vh = await page.evaluate(() => innerHeight);
    const inUnsafe = await page.locator('beckon-widget').evaluateAll((hs, vh) =>
      hs.flatMap((h) =>
        [...h.shadowRoot!.querySelectorAll<HTMLElement>('.x, h2, .cta')].flatMap((e) => {
          const r = e.getBoundingClientRect();
          return r.top < 47 || r.bottom > vh - 34 ? [`${(h as HTMLElement).dataset.campaign}: ${e.className || e.tagName} ${Math.round(r.top)}..${Math.round(r.bottom)}`] : [];
        }),
      ), vh);
    expect(inUnsafe).toEqual([]);
  });

  test('a corner message in landscape keeps clear of the notch side', async ({ page }) => {
    await page.setViewportSize({ width: 844, height: 390 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride' as any, { insets: { top: 0, bottom: 21, left: 47, right: 47 } });
    await host(page, {
      config: { version: 1, campaigns: [{ id: 'bl', type: 'message', placement: { position: 'bottom-left' }, content: { kind: 'message', title: 'Need a size?', body: 'Ask us.' } }] },
      viewportMeta: 'width=device-width, initial-scale=1, viewport-fit=cover',
    });
    await expect(widget(page, 'bl')).toHaveCount(1);
    await settled(page);
    const r = await widget(page, 'bl').evaluate((h) => h.shadowRoot!.querySelector('.w')!.getBoundingClientRect().toJSON());
    expect({ left: r.left >= 47, bottom: r.bottom <= 390 - 21 }).toEqual({ left: true, bottom: true });
  });
});

test.describe('tap outside a popup on a phone', () => {
  test.use(iphone);
  test('a tap on the dimmed backdrop closes it (as a click does) and counts a dismissal', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off', body: 'Today only.' } }] } });
    await expect(widget(page, 'pop').getByRole('dialog')).toBeVisible();
    await settled(page);
    await page.touchscreen.tap(20, 20);
    await expect(widget(page, 'pop')).toHaveCount(0);
    expect((await events(page, 'dismiss')).map((e) => e.campaignId)).toEqual(['pop']);
  });
});

test.describe('a real finger over an open popup (realBrowserHost’s swipe test uses synthesizeScrollGesture, which scrolls nothing here)', () => {
  test.use(iphone);
  for (const [name, content] of [
    ['a short card', { kind: 'message', title: 'Ten percent off', body: 'Today only.' }],
    ['a card taller than the screen', { kind: 'message', title: 'Ten percent off', body: 'Today only. '.repeat(120) }],
  ] as const) {
    test(`${name}: swipes over the backdrop and the card do not scroll the page behind`, async ({ page }) => {
      await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content }] } });
      await expect(widget(page, 'pop').getByRole('dialog')).toBeVisible();
      await settled(page);
      const results: Record<string, number> = {};
      // Up and down a few times, over the backdrop's edge strip and the card's middle.
      for (const [where, x] of [['backdrop', 8], ['card', 195]] as const) {
        for (let i = 0; i < 3; i++) await drag(page, 300, 900, { x, y: 400 });
        await drag(page, -300, 900, { x, y: 400 });
        await drag(page, 300, 900, { x, y: 400 });
        await page.waitForTimeout(600);
        results[where] = await page.evaluate(() => scrollY);
      }
      expect(results).toEqual({ backdrop: 0, card: 0 });
    });
  }
});
