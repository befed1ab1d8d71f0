import { expect, test } from '@playwright/test';
import { watchPage } from './pageWatch.js';
import { doc, profile, servePage, snippet } from './storePages.js';

// schema.org JSON-LD as real shops emit it (Shopify, WooCommerce/Yoast, Shopware,
// Magento): DESIGN §3 — "schema.org Product JSON-LD on the page sets the page's type and product".

const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const INIT = snippet({ config: { version: 1 } });

async function productOn(page: any, name: string, head: string, body?: string) {
  await servePage(page, `/stack/ld/${name}`, doc(head + INIT, body));
  await page.goto(`/stack/ld/${name}`);
  return (await profile(page)) as any;
}

test('Yoast/WooCommerce style @graph with WebPage, BreadcrumbList and Product; price as a string', async ({ page }) => {
  const watch = watchPage(page);
  const p = await productOn(page, 'graph.html', ld({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', '@id': 'https://shop.example/p/swift#webpage', name: 'Swift' },
      { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Home' }] },
      { '@type': 'Product', '@id': 'https://shop.example/p/swift#product', name: 'Swift Road', sku: 'SW-1', category: 'Running', brand: { '@type': 'Brand', name: 'Stride' },
        offers: [{ '@type': 'Offer', price: '119.90', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' }] },
    ],
  }));
  expect(p.page.type).toBe('product');
  expect(p.page.product).toEqual({ id: 'SW-1', name: 'Swift Road', price: 119.9, currency: 'EUR', category: 'Running', brand: 'Stride' });
  expect(p.behavior.productsViewed).toEqual(['SW-1']);
  expect(p.behavior.categoriesViewed).toEqual(['Running']);
  expect(watch.errors).toEqual([]);
});

test('several JSON-LD scripts, one of them invalid JSON, the Product in the last', async ({ page }) => {
  const p = await productOn(page, 'several.html',
    ld({ '@context': 'https://schema.org', '@type': 'Organization', name: 'Stride' }) +
    '<script type="application/ld+json">{ "@type": "WebSite", "name": "oops", }</script>' +
    ld([{ '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [] }, { '@context': 'https://schema.org', '@type': 'Product', name: 'Trail X', sku: 'TX', offers: { '@type': 'AggregateOffer', lowPrice: '79', highPrice: '99', priceCurrency: 'usd' } }]));
  expect(p.page.type).toBe('product');
  expect(p.page.product).toMatchObject({ id: 'TX', price: 79, currency: 'USD' });
});

test('Shopify/Google style ProductGroup with hasVariant: product id from productGroupID, a price from the variants', async ({ page }) => {
  const p = await productOn(page, 'group.html', ld({
    '@context': 'https://schema.org/',
    '@type': 'ProductGroup',
    name: 'Wool Sweater',
    productGroupID: 'WS-GROUP',
    variesBy: ['https://schema.org/size'],
    brand: { '@type': 'Brand', name: 'Good Knits' },
    hasVariant: [
      { '@type': 'Product', sku: 'WS-S', name: 'Wool Sweater S', size: 'small', offers: { '@type': 'Offer', price: '39.99', priceCurrency: 'USD' } },
      { '@type': 'Product', sku: 'WS-M', name: 'Wool Sweater M', size: 'medium', offers: { '@type': 'Offer', price: '39.99', priceCurrency: 'USD' } },
    ],
  }));
  expect(p.page.type).toBe('product');
  expect(p.page.product).toMatchObject({ id: 'WS-GROUP', price: 39.99, currency: 'USD', brand: 'Good Knits' });
});

test('Product inside WebPage.mainEntity, price in priceSpecification (Shopware/Magento)', async ({ page }) => {
  const p = await productOn(page, 'mainentity.html', ld({
    '@context': 'https://schema.org', '@type': 'ItemPage',
    mainEntity: { '@type': 'Product', name: 'Road Z', sku: 'RZ', offers: { '@type': 'Offer', priceCurrency: 'EUR', priceSpecification: { '@type': 'UnitPriceSpecification', price: 89.5, priceCurrency: 'EUR' } } },
  }));
  expect(p.page.type).toBe('product');
  expect(p.page.product).toMatchObject({ id: 'RZ', price: 89.5, currency: 'EUR' });
});

test('@type written as a full IRI ("http://schema.org/Product") is still a Product', async ({ page }) => {
  const p = await productOn(page, 'iri.html', ld({ '@context': 'http://schema.org', '@type': 'http://schema.org/Product', name: 'Iri', sku: 'IRI-1', offers: { price: 10, priceCurrency: 'EUR' } }));
  expect(p.page.type).toBe('product');
  expect(p.page.product?.id).toBe('IRI-1');
});

test('a category page listing products in an ItemList is not a product page', async ({ page }) => {
  const p = await productOn(page, 'category.html', ld({
    '@context': 'https://schema.org', '@type': 'ItemList',
    itemListElement: [1, 2, 3].map((i) => ({ '@type': 'ListItem', position: i, item: { '@type': 'Product', name: `P${i}`, sku: `P${i}`, offers: { price: i, priceCurrency: 'EUR' } } })),
  }));
  expect(p.page.type).not.toBe('product');
  expect(p.behavior.productsViewed).toEqual([]);
});

test('a product page that renders its JSON-LD client-side a moment after load is still a product page', async ({ page }) => {
  const late = `<script>setTimeout(function(){ var s=document.createElement('script'); s.type='application/ld+json'; s.textContent=${JSON.stringify(JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Late', sku: 'LATE-1', offers: { price: '20', priceCurrency: 'EUR' } }))}; document.head.appendChild(s); }, 400);</script>`;
  await servePage(page, '/stack/ld/late.html', doc(late + INIT));
  await page.goto('/stack/ld/late.html');
  await profile(page);
  await page.waitForTimeout(1000);
  await expect.poll(async () => ((await profile(page)) as any).page.type, { timeout: 3000 }).toBe('product');
  const p: any = await profile(page);
  expect(p.page.product?.id).toBe('LATE-1');
  expect(p.behavior.productsViewed).toContain('LATE-1');
});

test('SPA navigation to a product whose JSON-LD arrives after a fetch (200 ms) sets page.type product', async ({ page }) => {
  const app = `<script>
    window.go = function(){ history.pushState({}, '', '/stack/ld/spa-product/swift'); document.title='Swift';
      setTimeout(function(){ var s=document.createElement('script'); s.type='application/ld+json'; s.textContent=${JSON.stringify(JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Swift', sku: 'SPA-1', offers: { price: '50', priceCurrency: 'EUR' } }))}; document.head.appendChild(s); }, 200); };
  </script>`;
  await servePage(page, '/stack/ld/spa-home', doc(app + INIT));
  await page.goto('/stack/ld/spa-home');
  await profile(page);
  await page.evaluate(() => (window as any).go());
  await page.waitForTimeout(1200);
  const p: any = await profile(page);
  expect(p.page.path).toBe('/stack/ld/spa-product/swift');
  expect(p.page.type).toBe('product');
  expect(p.page.product?.id).toBe('SPA-1');
});

test('SPA: leaving a product page for a page without JSON-LD drops page.product (old JSON-LD script removed)', async ({ page }) => {
  const head = ld({ '@context': 'https://schema.org', '@type': 'Product', name: 'First', sku: 'F-1', offers: { price: 5, priceCurrency: 'EUR' } }) +
    `<script>window.go = function(){ document.querySelectorAll('script[type="application/ld+json"]').forEach(function(s){ s.remove(); }); history.pushState({}, '', '/stack/ld/spa2-about'); };</script>`;
  await servePage(page, '/stack/ld/spa2-product', doc(head + INIT));
  await page.goto('/stack/ld/spa2-product');
  expect(((await profile(page)) as any).page.type).toBe('product');
  await page.evaluate(() => (window as any).go());
  await expect.poll(async () => ((await profile(page)) as any).page.path).toBe('/stack/ld/spa2-about');
  const p: any = await profile(page);
  expect(p.page.type).not.toBe('product');
  expect(p.page.product ?? null).toBeNull();
});
