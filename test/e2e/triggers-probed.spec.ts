import { expect, test, type Page } from '@playwright/test';
import { serve, storePage } from './profileHelpers.js';
import { drag } from './visitorHelpers.js';

// When campaigns show, on realistic store pages, from a tenth round of probes in Chromium:
// each test failed before its fix.

type Config = Record<string, unknown>;
const msg = (title: string) => ({ kind: 'message', title });
const widget = (page: Page, id: string) => page.locator(`beckon-widget[data-campaign="${id}"]`);
const FILLER = '<p style="height:3000px">Long read</p>';
const SHELL = '<style>html,body{height:100%;margin:0;overflow:hidden}#app{height:100%;overflow-y:auto}</style>';

async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

/** Serves a store page embedding Beckon with `config` under a fresh path prefix and opens it. */
async function openStore(page: Page, config: Config, opts: { body?: string; head?: string; init?: Record<string, unknown> } = {}) {
  const prefix = `/probe-${Math.random().toString(36).slice(2)}`;
  await serve(page, `**${prefix}/**`, storePage(config, { body: opts.body ?? `<h1>Store</h1>${FILLER}`, head: opts.head ?? '', init: opts.init ?? {} }));
  await page.goto(`${prefix}/page`);
  await ready(page);
  return `${prefix}/page`;
}

test.describe('priority: a campaign held back by one already showing shows once that one closes', () => {
  test('a VIP popup (priority 9) that becomes eligible while a newsletter popup (priority 1) is open shows once that one is closed', async ({ page }) => {
    await openStore(page, { version: 1, campaigns: [
      { id: 'low', type: 'popup', priority: 1, content: msg('Newsletter') },
      { id: 'high', type: 'popup', priority: 9, audience: { 'traits.vip': true }, content: msg('VIP offer') },
    ] });
    await expect(widget(page, 'low').getByRole('dialog')).toBeVisible();
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await page.waitForTimeout(800);
    await page.keyboard.press('Escape');
    await expect(widget(page, 'low')).toHaveCount(0);
    await expect(widget(page, 'high')).toHaveCount(1, { timeout: 3000 });
  });

  test('a top bar of priority 10 fired by add_to_cart while a priority-1 top bar shows: it takes the edge once the lower one is closed', async ({ page }) => {
    await openStore(page, { version: 1, campaigns: [
      { id: 'low', type: 'bar', priority: 1, placement: { position: 'top' }, content: msg('Free shipping over 50 EUR') },
      { id: 'high', type: 'bar', priority: 10, placement: { position: 'top' }, trigger: { on: 'event', name: 'add_to_cart' }, content: msg('You are 10 EUR from free shipping') },
    ] });
    await expect(widget(page, 'low')).toHaveCount(1);
    await page.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', value: 40, items: [{ item_id: 'A', price: 40, quantity: 1 }] }));
    await page.waitForTimeout(1000);
    await widget(page, 'low').locator('button').last().click();
    await expect(widget(page, 'low')).toHaveCount(0);
    await expect(widget(page, 'high')).toHaveCount(1, { timeout: 3000 });
  });
});

test.describe('touch exit intent on an app shell (the page scrolls an element, not the window)', () => {
  test.use({ viewport: { width: 390, height: 700 }, isMobile: true, hasTouch: true });
  test('reading down #app, then a fast flick up: the exit popup shows', async ({ page }) => {
    await openStore(page, { version: 1, campaigns: [{ id: 'exit-pop', type: 'popup', trigger: { on: 'exit' }, content: msg('Leaving?') }] }, { head: SHELL, body: '<div id="app"><h1>Store</h1><p style="height:4000px">Long read</p></div>' });
    for (let i = 0; i < 4; i++) await drag(page, 300, 600);
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.getElementById('app')!.scrollTop)).toBeGreaterThan(600);
    await drag(page, -500, 3000); // ~450 px up in ~270 ms (measured), as on a window-scrolling page where it fires
    await expect(widget(page, 'exit-pop')).toHaveCount(1, { timeout: 3000 });
  });
});

test.describe('idle: a scroll the page makes itself is not the visitor', () => {
  test('idle 3 s shows on a page whose hero carousel advances itself every second, with no input from the visitor', async ({ page }) => {
    const body = `<h1>Store</h1><div id="car" style="display:flex;overflow-x:auto;width:300px">
      ${Array.from({ length: 8 }, (_, i) => `<div style="flex:0 0 300px;height:100px">Slide ${i}</div>`).join('')}</div>
      <script>setInterval(function(){var c=document.getElementById('car');c.scrollLeft=(c.scrollLeft+300)%2400;},1000)</script>${FILLER}`;
    await openStore(page, { version: 1, campaigns: [{ id: 'idle-pop', type: 'popup', trigger: { on: 'idle', seconds: 3 }, content: msg('Still there?') }] }, { body });
    await expect(widget(page, 'idle-pop')).toHaveCount(1, { timeout: 8000 });
  });
});

test.describe('click triggers: a store’s stopPropagation at the window does not hide the click', () => {
  test('a click on the offer button opens the click popup although a store script stops click propagation at window capture', async ({ page }) => {
    const body = `<h1>Store</h1><button class="open-offer">Get offer</button><script>window.addEventListener('click', function (e) { e.stopPropagation(); }, true)</script>`;
    await openStore(page, { version: 1, campaigns: [{ id: 'clk', type: 'popup', trigger: { on: 'click', selector: '.open-offer' }, content: msg('Offer') }] }, { body });
    await page.locator('.open-offer').click();
    await expect(widget(page, 'clk')).toHaveCount(1, { timeout: 2000 });
  });
});

test.describe('schedule: hours past midnight belong to the day they start on', () => {
  test.use({ timezoneId: 'Europe/Berlin' });
  test('days [5] hours [22, 2] ("Friday late sale") still shows at 01:00 on the Saturday', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-11-14T01:00:00+01:00')); // Saturday 01:00 in Berlin
    await openStore(page, { version: 1, campaigns: [{ id: 'night', type: 'bar', placement: { position: 'top' }, schedule: { days: [5], hours: [22, 2] }, content: msg('Friday late sale') }] });
    await expect(widget(page, 'night')).toHaveCount(1, { timeout: 3000 });
  });
});
