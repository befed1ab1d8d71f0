import { expect, test } from '@playwright/test';
import { watchPage } from './pageWatch.js';
import { BOOT, html, serve, shadowHtml } from './securityHelpers.js';

// markup and prototype-pollution payloads through every input a store or a
// visitor controls. DESIGN §5: templates produce text, never HTML; URLs on an allow-list.
const X = '<img src=x onerror="window.__xss=1">';
const config = {
  version: 1,
  segments: [{ id: 'admin', when: { 'traits.isAdmin': true } }, { id: 'polluted', when: { 'traits.polluted': { $exists: true } } }],
  campaigns: [
    { id: 'pop', type: 'popup', content: { kind: 'message',
      title: 'Hi {{traits.name|there}} ' + X,
      body: '**{{page.query.q}}** *{{traffic.campaign}}* [{{page.product.name}}](/p) {{cart.items.0.item_name}} {{x|' + X + '}} [a](javascript:alert(1)) [b](java&#x09;script:alert(1)) [c](data:text/html,x) [d](&#106;avascript:alert(1))',
      image: { src: '/assets/favicon.svg', alt: '{{traits.name}}' },
      countdown: { until: '2099-01-01T00:00:00Z', label: '{{traits.name}} ends' },
      coupon: { code: '{{traits.name}}', label: '{{page.query.q}}' },
      cta: { label: '{{traits.name}}', href: '{{page.query.u}}' },
      secondary: { label: 'x', href: 'JaVaScRiPt:alert(1)' } } },
  ],
};
const JSONLD = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"<img src=x onerror=\\"window.__xss=1\\">","sku":"S1","offers":{"price":"1","priceCurrency":"EUR"},"__proto__":{"polluted":"jsonld"},"constructor":{"prototype":{"polluted":"jsonld2"}}}</script>`;

test('markup in traits, query, JSON-LD, dataLayer and fallbacks shows as text; no prototype pollution', async ({ page }) => {
  const watch = watchPage(page);
  await serve(page, {
    'page.html': html({ pre: true, head: JSONLD }),
    'pre.js': `
      window.dataLayer = window.dataLayer || [];
      dataLayer.push(JSON.parse('{"event":"add_to_cart","ecommerce":{"currency":"EUR","value":1,"items":[{"item_id":"S1","item_name":"<svg onload=window.__xss=2>","price":1,"quantity":1,"__proto__":{"polluted":"dl"}}]},"__proto__":{"polluted":"dl2"}}'));
      window.__init = { config: '/sec/config.json' };
      beckon = function () { (beckon.q = beckon.q || []).push(arguments) };
      beckon('identify', JSON.parse('{"name":"<img src=x onerror=window.__xss=3>","__proto__":{"polluted":"id","isAdmin":true},"constructor":{"prototype":{"polluted":"c"}}}'));
      beckon('track', 'custom', JSON.parse('{"__proto__":{"polluted":"track"}}'));
    `,
    'boot.js': BOOT,
    'config.json': config,
  });
  const q = encodeURIComponent('<script>window.__xss=4</script>');
  await page.goto(`/sec/page.html?q=${q}&utm_source=x&utm_medium=email&utm_campaign=${encodeURIComponent('<b onmouseover=x>c</b>')}&u=javascript:alert(1)&__proto__[polluted]=q&constructor[prototype][polluted]=q2`);
  const pop = page.locator('beckon-widget[data-campaign="pop"]').getByRole('dialog');
  await expect(pop).toBeVisible();
  await page.mouse.move(300, 300);
  await page.waitForTimeout(500);
  const shadow = await shadowHtml(page);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  expect(await page.evaluate(() => ({ a: ({} as any).polluted, b: ([] as any).polluted, c: (Object.prototype as any).isAdmin }))).toEqual({ a: undefined, b: undefined, c: undefined });
  // No element a payload could create.
  expect(shadow).not.toMatch(/<img[^>]*src="x"|<svg|<script|<b onmouseover/);
  // No javascript:/data: href anywhere.
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('beckon-widget')].flatMap((h) => [...h.shadowRoot!.querySelectorAll('[href]')].map((a) => a.getAttribute('href'))));
  for (const href of hrefs) expect(href!.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
  // The payloads are shown as characters.
  await expect(pop.getByRole('heading')).toContainText('Hi <img src=x onerror=window.__xss=3>');
  await expect(pop).toContainText('<script>window.__xss=4</script>');
  const segs = await page.evaluate(() => (window as any).beckon.segments());
  expect(segs).toEqual([]);
  expect(watch.errors).toEqual([]);
});
