import type { Page, Route } from '@playwright/test';

/** Serves in-memory files under /sec/ with optional CSP, same origin as the SDK. */
export async function serve(page: Page, files: Record<string, string | object>, csp?: string) {
  await page.route('**/sec/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const name = url.pathname.slice('/sec/'.length);
    const body = files[name];
    if (body === undefined) return route.fulfill({ status: 404, body: 'nope' });
    const type = name.endsWith('.html') ? 'text/html' : name.endsWith('.js') ? 'text/javascript' : 'application/json';
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
    if (csp && name.endsWith('.html')) headers['content-security-policy'] = csp;
    return route.fulfill({ status: 200, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  });
}

/** A page: records violations/errors, then the snippet with `init` options from window.__init (set by pre.js). */
export const BOOT = `
window.violations = [];
window.events = [];
document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample||'')); });
window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
['impression','dismiss','click','submit','error','quiz_answer','quiz_complete'].forEach(function (n) { beckon('on', n, function (e) { window.events.push(Object.assign({ name: n }, e)); }); });
beckon('init', window.__init || { config: '/sec/config.json' });
`;

export function html(opts: { head?: string; body?: string; pre?: boolean } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Store</title>
${opts.pre ? '<script src="/sec/pre.js"></script>' : ''}
${opts.head ?? ''}
<script src="/sec/boot.js"></script>
<script async src="/beckon.js"></script>
</head><body><main><h1>Store</h1><section id="slot"><p>Slot</p></section><div id="guide" hidden>Guide</div>${opts.body ?? ''}</main></body></html>`;
}

/** Every shadow root's innerHTML under beckon-widget / beckon-debug. */
export const shadowHtml = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('beckon-widget, beckon-debug')].map((h) => (h.shadowRoot ? h.shadowRoot.innerHTML : '(no shadow)')).join('\n'));
