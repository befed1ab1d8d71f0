import { expect, test } from '@playwright/test';
import { doc, profile, servePage, snippet } from './storePages.js';

// single-page stores, where the route, the dataLayer push and the JSON-LD of the
// new page come in some order (DESIGN §3: page_view on every SPA navigation; JSON-LD and
// dataLayer set page.type / page.product).

const ldText = (sku: string, name: string) => JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name, sku, offers: { price: '10', priceCurrency: 'EUR' } });
const app = `<script type="application/ld+json" id="ld">${ldText('SKU-A', 'Shoe A')}</script>
<script>
  window.dataLayer = window.dataLayer || [];
  window.goB = function (delay) {
    history.pushState({}, '', '/stack/spa/p/b'); document.title = 'Shoe B';
    var swap = function () { document.getElementById('ld').textContent = ${JSON.stringify(ldText('SKU-B', 'Shoe B'))}; };
    if (delay === 0) swap(); else setTimeout(swap, delay);
  };
  window.goBWithPush = function (delay) {
    history.pushState({}, '', '/stack/spa/c/b');
    var push = function () { dataLayer.push({ ecommerce: null }); dataLayer.push({ event: 'view_item', ecommerce: { currency: 'EUR', value: 10, items: [{ item_id: 'SKU-B', item_name: 'Shoe B', price: 10, item_category: 'Trail' }] } }); };
    if (delay === 0) push(); else setTimeout(push, delay);
  };
</script>`;

for (const delay of [0, 100]) {
  test(`SPA product A → product B, JSON-LD swapped ${delay} ms after pushState: page.product is B, never A on B's URL`, async ({ page }) => {
    await servePage(page, '/stack/spa/p/a', doc(app + snippet({ config: { version: 1 } })));
    await page.goto('/stack/spa/p/a');
    expect(((await profile(page)) as any).page.product.id).toBe('SKU-A');
    await page.evaluate((d) => (window as any).goB(d), delay);
    await expect.poll(async () => ((await profile(page)) as any).page.path).toBe('/stack/spa/p/b');
    await page.waitForTimeout(500);
    const p: any = await profile(page);
    expect(p.page.product?.id).toBe('SKU-B');
    expect(p.behavior.productsViewed).toEqual(['SKU-A', 'SKU-B']);
  });
}

for (const delay of [0, 50]) {
  test(`SPA: view_item pushed ${delay} ms after pushState types the new page as a product page with that product`, async ({ page }) => {
    await servePage(page, '/stack/spa/home', doc(app.replace(/<script type="application\/ld\+json"[^<]*<\/script>/, '<script type="text/plain" id="ld"></script>') + snippet({ config: { version: 1 } })));
    await page.goto('/stack/spa/home');
    await profile(page);
    await page.evaluate((d) => (window as any).goBWithPush(d), delay);
    await expect.poll(async () => ((await profile(page)) as any).page.path).toBe('/stack/spa/c/b');
    await page.waitForTimeout(500);
    const p: any = await profile(page);
    expect(p.page.type).toBe('product');
    expect(p.page.product?.id).toBe('SKU-B');
  });
}
