import { type BrowserContext, type Page } from '@playwright/test';

// Helpers for the tabs-* specs (several tabs, time passing). Pages are served ad hoc
// at /tabs/<name> and load /beckon.js the way a store does, with the snippet.

const SNIPPET = 'window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };';

export type Config = Record<string, unknown>;

/** A store page: the snippet, a listener recording every emitted event in `window.heard`, and `init(options)`. */
export const storeHtml = (init: Record<string, unknown>, extraHead = '', title = 'Probe store page') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>
  window.dataLayer = window.dataLayer || [];
  ${SNIPPET}
  window.heard = [];
  ['impression','holdout','dismiss','click','submit','conversion','segment_enter','segment_exit'].forEach(function (n) {
    beckon('on', n, function (e) { window.heard.push(n + ' ' + (e.campaignId || e.segmentId || '')); });
  });
  ${extraHead}
  beckon('init', ${JSON.stringify(init)});
</script>
<script async src="/beckon.js"></script></head>
<body><h1>${title}</h1><button type="button" id="offer">See the offer</button><a id="away" href="/tabs/away">Away</a>
<div style="height:3000px"></div></body></html>`;

/** Serves `html` at every path that starts with `prefix` (context-wide: every tab sees it). */
export async function serve(target: Page | BrowserContext, prefix: string, html: string) {
  await target.route((url) => url.pathname.startsWith(prefix), (route) => route.fulfill({ contentType: 'text/html', body: html }));
}

export async function ready(page: Page): Promise<any> {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  return page.evaluate(() => (window as any).beckon.profile());
}

export const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
export const shown = (page: Page) => page.locator('beckon-widget').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-campaign')).sort());
export const heard = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).heard);

/**
 * An endpoint at `/tabs-collect` (same origin) that records every line it receives,
 * by fetch or by beacon, without dropping repeats, and answers 204.
 */
export async function recordingEndpoint(context: BrowserContext) {
  const lines: any[] = [];
  const requests: { type: string; count: number; from: string }[] = [];
  await context.route('**/tabs-collect**', async (route) => {
    const body = route.request().postData() ?? '';
    const got = body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    lines.push(...got);
    let from = '?';
    try { from = new URL(route.request().frame().url()).pathname; } catch {}
    requests.push({ type: route.request().resourceType(), count: got.length, from });
    await route.fulfill({ status: 204, body: '' });
  });
  return {
    lines,
    requests,
    /** Ids that arrived more than once. */
    repeated: () => {
      const seen = new Map<string, number>();
      for (const line of lines) seen.set(line.id, (seen.get(line.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
    },
  };
}

/** Hides the page as a tab switch would (Playwright's pages always report visible). */
export async function fakeHide(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}
export async function fakeShow(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

// What the SDK has stored under a key: the suite's own reader.
export { storedValue } from './pageWatch.js';

