import { afterEach, describe, expect, it } from 'vitest';
import { createBeckon } from '../../../sdk/runtime/index.js';
import { testChunks } from './testChunks.js';
import { createMemoryStore } from '../../../sdk/storage/index.js';

type Win = Window & { dataLayer?: unknown[] };

function setup() {
  const warnings: string[] = [];
  const beckon = createBeckon({
    storage: createMemoryStore(),
    loadChunk: testChunks,
    console: { warn: (m: string) => warnings.push(m) },
    window: window as Win,
  });
  return { beckon, warnings };
}

const shoe = { item_id: 'RUN-001', item_name: 'Swift Road', price: 129, quantity: 1, item_category: 'Running' };

afterEach(() => {
  delete (window as Win).dataLayer;
  document.head.innerHTML = '';
  history.replaceState(null, '', '/');
});

describe('ecommerce signals', () => {
  it('replays dataLayer events pushed before init exactly once, then follows later pushes', async () => {
    const win = window as Win;
    win.dataLayer = [{ event: 'gtm.js' }, { ecommerce: null }, { event: 'view_item', ecommerce: { currency: 'EUR', items: [shoe] } }];
    const gtmSaw: unknown[] = [];
    const gtmPush = win.dataLayer.push;
    // Google Tag Manager wraps push the same way; it must keep seeing every entry.
    win.dataLayer.push = function (...entries: unknown[]) {
      gtmSaw.push(...entries);
      return gtmPush.apply(this, entries);
    };
    const { beckon } = setup();
    const seen: string[] = [];
    beckon.on('track', (e) => seen.push(String(e.name)));
    beckon.init({ config: { version: 1 } });
    await beckon.profile();
    win.dataLayer.push({ ecommerce: null }, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 129, items: [shoe] } });
    const profile = await beckon.profile();
    expect(seen).toEqual(['page_view', 'view_item', 'add_to_cart']);
    expect(gtmSaw).toHaveLength(2);
    expect(win.dataLayer).toHaveLength(5);
    expect(profile?.cart).toMatchObject({ count: 1, value: 129, currency: 'EUR' });
    expect(profile?.page).toMatchObject({ type: 'product', product: { id: 'RUN-001', name: 'Swift Road', price: 129, category: 'Running' } });
    expect(profile?.behavior).toMatchObject({ pageviews: 1, productViews: 1, productsViewed: ['RUN-001'], categoriesViewed: ['Running'] });
  });

  it('reads gtag() calls too', async () => {
    const win = window as Win;
    win.dataLayer = [];
    const { beckon } = setup();
    beckon.init({});
    await beckon.profile();
    (function gtag(..._args: unknown[]) {
      // gtag pushes its `arguments` object.
      // eslint-disable-next-line prefer-rest-params
      win.dataLayer!.push(arguments);
    })('event', 'add_to_cart', { currency: 'USD', items: [{ ...shoe, quantity: 2 }] });
    expect((await beckon.profile())?.cart).toMatchObject({ count: 2, value: 258, currency: 'USD' });
  });

  it('types the page from Product JSON-LD and counts the product view once with its view_item', async () => {
    document.head.innerHTML = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList"},{"@type":"Product","sku":"TRL-001","name":"Ridge Runner","category":"Trail","brand":{"@type":"Brand","name":"Stride"},"offers":{"@type":"Offer","price":"149,00","priceCurrency":"eur"}}]}</script><script type="application/ld+json">{broken</script>`;
    history.replaceState(null, '', '/shoes/ridge-runner');
    (window as Win).dataLayer = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'TRL-001', item_name: 'Ridge Runner', price: 149 }] } }];
    const { beckon } = setup();
    beckon.init({});
    const profile = await beckon.profile();
    expect(profile?.page).toMatchObject({
      path: '/shoes/ridge-runner',
      type: 'product',
      product: { id: 'TRL-001', name: 'Ridge Runner', price: 149, currency: 'EUR', category: 'Trail', brand: 'Stride' },
    });
    expect(profile?.behavior).toMatchObject({ productViews: 1, productsViewed: ['TRL-001'], categoriesViewed: ['Trail'] });
  });

  it('takes ecommerce events through track() with the same payload, flat or under ecommerce', async () => {
    const { beckon, warnings } = setup();
    beckon.init({ config: { site: { currency: 'eur' } } });
    beckon.track('add_to_cart', { items: [{ ...shoe, price: '129,00', quantity: 'two' }] });
    beckon.track('add_to_cart', { ecommerce: { items: [{ ...shoe, item_id: 'X', price: 10 }] } });
    beckon.track('purchase', { transaction_id: 'T1', value: 139, items: [shoe] });
    beckon.track('purchase', { transaction_id: 'T1', value: 139, items: [shoe] });
    const profile = await beckon.profile();
    expect(profile?.cart).toMatchObject({ count: 0, currency: 'EUR' });
    expect(profile?.orders).toMatchObject({ count: 1, revenue: 139 });
    expect(warnings).toEqual(['[beckon] track("add_to_cart"): ecommerce.items[0].quantity "two" is not a positive number; counted as 1']);
  });

  it('records a page view on each SPA navigation that changes the path', async () => {
    const { beckon } = setup();
    const paths: unknown[] = [];
    beckon.on('track', (e) => e.name === 'page_view' && paths.push((e.props as { path: string }).path));
    beckon.init({});
    await beckon.profile();
    history.pushState(null, '', '/collections/trail');
    history.replaceState(null, '', '/collections/trail?sort=price');
    history.pushState(null, '', '/products/mud-hound');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const profile = await beckon.profile();
    expect(paths).toEqual(['/', '/collections/trail', '/products/mud-hound']);
    expect(profile?.session.pageviews).toBe(3);
    expect(profile?.page).toMatchObject({ path: '/products/mud-hound', type: 'product' });
  });
});
