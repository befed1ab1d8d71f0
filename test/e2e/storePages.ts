import type { Page } from '@playwright/test';

/**
 * Serves `html` at `path` (a URL the demo server does not know), so a probe can build the
 * page a real store would: its own inline scripts, its dataLayer, its JSON-LD, and
 * `/beckon.js` loaded from the demo server like any store loads it.
 */
export async function servePage(page: Page, path: string, html: string) {
  await page.route(`**${path}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

/** The standard stub + init, with `options` as the init object (JSON). */
export function snippet(options: Record<string, unknown>, before = ''): string {
  return `<script>
  window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
  window.events = [];
  ['impression','holdout','dismiss','click','submit','conversion','segment_enter','segment_exit','quiz_answer','quiz_complete','error'].forEach(function (name) {
    beckon('on', name, function (e) { window.events.push(Object.assign({ name: name }, e)); });
  });
  ${before}
  beckon('init', ${JSON.stringify(options)});
</script>
<script async src="/beckon.js"></script>`;
}

export const doc = (head: string, body = '<h1>Probe</h1>') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title>${head}</head><body>${body}</body></html>`;

export const profile = (page: Page) =>
  page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function').then(() => page.evaluate(() => (window as any).beckon.profile()));
