import type { BrowserContext, Page } from '@playwright/test';
import { profileOf } from './pageWatch.js';

export const SNIPPET = 'window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };';

/** An HTML page of the store that embeds Beckon with `config` (an object), as a store pastes the snippet. */
export function storePage(config: unknown, { title = 'Probe', body = '<h1>Probe</h1>', head = '', init = {} as Record<string, unknown> } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}
<script>
  ${SNIPPET}
  window.entered = []; window.exited = [];
  beckon('on', 'segment_enter', function (e) { window.entered.push(e.segmentId || e.segment || e.id); });
  beckon('on', 'segment_exit', function (e) { window.exited.push(e.segmentId || e.segment || e.id); });
  beckon('init', Object.assign({ config: ${JSON.stringify(config)} }, ${JSON.stringify(init)}));
</script>
<script async src="/beckon.js"></script></head><body>${body}</body></html>`;
}

/** Serves `body` as an HTML page at any URL matching `url` (a glob or full URL). */
export const serve = (target: Page | BrowserContext, url: string, body: string) =>
  target.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));

export async function segmentsOf(page: Page): Promise<string[]> {
  await page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
  return page.evaluate(() => (window as any).beckon.segments());
}

export const profile = (page: Page): Promise<any> => profileOf(page) as Promise<any>;
