import { mkdirSync } from 'node:fs';
import { type Locator, type Page } from '@playwright/test';

// Shared helpers for the visitor-* specs (phones, touch, RTL and languages, user
// preferences) and realBrowserHost.spec.ts: a host page served by a route, its boot, its widgets.

export interface HostPage {
  config: Record<string, unknown>;
  css?: string;
  htmlAttrs?: string;
  bodyAttrs?: string;
  body?: string;
  head?: string;
  viewportMeta?: string;
  /** Boot code run before /beckon.js (e.g. identify) — appended after widgets-boot.js. */
  preBoot?: string;
}

export const BODY = `<header class="site-header"><a href="#">Stride Shoes</a> <button type="button" id="before">Menu</button></header>
<main>
  <h1>Host page</h1>
  <p id="first">A page tall enough to scroll.</p>
  <button type="button" class="open-offer" id="open-offer">See the offer</button>
  <section id="slot"><p>Original slot content.</p></section>
  <p class="filler">Filler text.</p>
  <button type="button" id="deep">Deep button</button>
  <p class="filler">More filler.</p>
</main>`;

export async function host(page: Page, h: HostPage, query = '') {
  const name = `host-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: h.config }));
  const html = `<!doctype html><html ${/\blang=/.test(h.htmlAttrs ?? '') ? '' : 'lang="en"'} ${h.htmlAttrs ?? ''}><head><meta charset="utf-8">
<meta name="viewport" content="${h.viewportMeta ?? 'width=device-width, initial-scale=1'}"><title>Host page</title>
<style>body{margin:0;font:16px/1.5 sans-serif}.site-header{position:sticky;top:0;z-index:1000;background:#222;color:#fff;padding:12px}.site-header a{color:#fff}main{padding:16px}.filler{height:1500px}
${h.css ?? ''}</style>${h.head ?? ''}
<script src="/fixtures/widgets-boot.js"></script>${h.preBoot ? `<script src="/fixtures/${name}-pre.js"></script>` : ''}<script async src="/beckon.js"></script></head>
<body ${h.bodyAttrs ?? ''}>${h.body ?? BODY}</body></html>`;
  if (h.preBoot) await page.route(`**/fixtures/${name}-pre.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: h.preBoot! }));
  await page.route(`**/fixtures/${name}.html*`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`/fixtures/${name}.html?config=${name}${query}`);
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

export const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
export const settled = (page: Page) =>
  page.locator('beckon-widget').evaluateAll((hosts) => Promise.all(hosts.flatMap((h) => h.shadowRoot!.getAnimations().map((a) => a.finished))).then(() => {}));
export const events = (page: Page, name?: string) =>
  page.evaluate((name) => (window as any).events.filter((e: any) => !name || e.name === name), name) as Promise<any[]>;

export async function shot(page: Page, name: string) {
  mkdirSync('test-results/visitor-shots', { recursive: true });
  await page.screenshot({ path: `test-results/visitor-shots/${name}.png` });
}

/** Box of the card (.w) of a widget, viewport coordinates. */
export const cardBox = (l: Locator) =>
  l.evaluate((h) => {
    const el = h.shadowRoot!.querySelector('.w')!;
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), vh: innerHeight, vw: innerWidth };
  });

/**
 * A finger drag through CDP Input.dispatchTouchEvent (Input.synthesizeScrollGesture with a
 * touch source scrolls nothing in this headless Chromium): positive dy moves the content up
 * (the page scrolls down); `speed` in px/s, one touchmove per 16 ms frame.
 */
export async function drag(page: Page, dy: number, speed: number, at = { x: 195, y: 400 }) {
  const cdp = await page.context().newCDPSession(page);
  const steps = Math.max(2, Math.round(Math.abs(dy) / speed / 0.016));
  // Centred on at.y: the finger goes from at.y + dy/2 to at.y - dy/2.
  const from = at.y + dy / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at.x, y: from }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at.x, y: from - (dy * i) / steps }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
