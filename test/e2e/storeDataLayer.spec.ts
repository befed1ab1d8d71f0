import { expect, test } from '@playwright/test';
import { watchPage } from './pageWatch.js';
import { doc, profile, servePage, snippet } from './storePages.js';

// what real GA4 / GTM stacks push to window.dataLayer, and whether Beckon's
// profile (cart, orders, behavior, page) follows it (DESIGN §3).

const GTAG = `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-XXXX');</script>`;
const item = (id: string, price: unknown, quantity: unknown = 1, extra = {}) => ({ item_id: id, item_name: `Shoe ${id}`, price, quantity, item_category: 'Running', ...extra });

test('gtag() pushes (arguments objects) before and after the SDK loads build the cart', async ({ page }) => {
  const watch = watchPage(page);
  const early = `gtag('event', 'view_item', { currency: 'EUR', value: 89, items: [${JSON.stringify(item('RUN-1', 89))}] });
    gtag('event', 'add_to_cart', { currency: 'EUR', value: 89, items: [${JSON.stringify(item('RUN-1', 89))}] });`;
  await servePage(page, '/stack/gtag.html', doc(`${GTAG}<script>${early}</script>${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/gtag.html');
  let p: any = await profile(page);
  expect(p.cart.count).toBe(1);
  expect(p.page.product).toMatchObject({ id: 'RUN-1', price: 89, currency: 'EUR' });
  await page.evaluate(() => (window as any).gtag('event', 'add_to_cart', { currency: 'EUR', value: 120, items: [{ item_id: 'TRL-2', item_name: 'Trail', price: 120, quantity: 1 }] }));
  await expect.poll(async () => ((await profile(page)) as any).cart.count).toBe(2);
  p = await profile(page);
  expect(p.cart.value).toBe(209);
  expect(p.cart.currency).toBe('EUR');
  expect(watch.errors).toEqual([]);
});

test('GTM pattern: { ecommerce: null } before each push, string prices and quantities', async ({ page }) => {
  const watch = watchPage(page);
  await servePage(page, '/stack/gtm.html', doc(`<script>window.dataLayer = window.dataLayer || []; dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });</script>${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/gtm.html');
  await profile(page);
  await page.evaluate((items) => {
    const dl = (window as any).dataLayer;
    dl.push({ ecommerce: null });
    dl.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: '39.80', items: [items[0]] } });
    dl.push({ ecommerce: null });
    dl.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: '10', items: [items[1]] } });
  }, [item('A', '19.90', '2'), item('B', '10.00', '1')]);
  await expect.poll(async () => ((await profile(page)) as any).cart.count).toBe(3);
  const p: any = await profile(page);
  expect(p.cart.value).toBe(49.8);
  expect(p.cart.items.map((i: any) => [i.item_id, i.price, i.quantity])).toEqual([['A', 19.9, 2], ['B', 10, 1]]);
  expect(watch.beckonWarnings()).toEqual([]);
  expect(watch.errors).toEqual([]);
});

test('remove_from_cart, begin_checkout, add_payment_info, purchase, refund: cart and orders follow', async ({ page }) => {
  await servePage(page, '/stack/flow.html', doc(`${GTAG}${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/flow.html');
  await profile(page);
  await page.evaluate((items) => {
    const g = (window as any).gtag;
    g('event', 'add_to_cart', { currency: 'EUR', items: [items[0]] });
    g('event', 'add_to_cart', { currency: 'EUR', items: [items[1]] });
    g('event', 'remove_from_cart', { currency: 'EUR', items: [{ item_id: 'A', quantity: 1 }] });
  }, [item('A', 50, 2), item('B', 20, 1)]);
  await expect.poll(async () => ((await profile(page)) as any).cart.count).toBe(2);
  let p: any = await profile(page);
  expect(p.cart.value).toBe(70);
  await page.evaluate((items) => {
    const g = (window as any).gtag;
    g('event', 'begin_checkout', { currency: 'EUR', value: 70, items });
    g('event', 'add_payment_info', { currency: 'EUR', value: 70, payment_type: 'Credit Card', items });
  }, [item('A', 50, 1), item('B', 20, 1)]);
  await expect.poll(async () => ((await profile(page)) as any).funnel.stage).toBe('intending');
  await page.evaluate((items) => {
    const g = (window as any).gtag;
    g('event', 'purchase', { transaction_id: 'T-100', currency: 'EUR', value: 70, tax: 5, shipping: 4.9, items });
    // the thank-you page reloaded: the same order again
    g('event', 'purchase', { transaction_id: 'T-100', currency: 'EUR', value: 70, items });
  }, [item('A', 50, 1), item('B', 20, 1)]);
  await expect.poll(async () => ((await profile(page)) as any).orders.count).toBe(1);
  p = await profile(page);
  expect(p.orders.revenue).toBe(70);
  expect(p.cart.count).toBe(0);
  await page.evaluate(() => (window as any).gtag('event', 'refund', { transaction_id: 'T-100', currency: 'EUR', items: [{ item_id: 'B', quantity: 1 }] }));
  await expect.poll(async () => ((await profile(page)) as any).orders.revenue).toBe(50);
});

test('view_item_list and select_item feed behavior.categoriesViewed; a list does not make the page a product page', async ({ page }) => {
  await servePage(page, '/stack/list.html', doc(`${GTAG}${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/list.html');
  await profile(page);
  await page.evaluate(() => {
    const g = (window as any).gtag;
    g('event', 'view_item_list', { item_list_id: 'trail', item_list_name: 'Trail', items: [{ item_id: 'T1', item_name: 'T1', item_category: 'Trail', price: 10 }, { item_id: 'T2', item_name: 'T2', item_category: 'Trail', price: 12 }] });
    g('event', 'select_item', { item_list_id: 'trail', items: [{ item_id: 'T2', item_name: 'T2', item_category: 'Hiking' }] });
  });
  await expect.poll(async () => ((await profile(page)) as any).behavior.categoriesViewed).toEqual(['Trail', 'Hiking']);
  const p: any = await profile(page);
  expect(p.page.type).not.toBe('product');
  expect(p.cart.count).toBe(0);
});

test('GTM (data-layer-helper) wrapping dataLayer.push after the SDK: both still see every push, each once', async ({ page }) => {
  await servePage(page, '/stack/gtm-late.html', doc(`${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/gtm-late.html');
  await profile(page);
  await page.evaluate(() => {
    // What data-layer-helper / gtm.js do when they load: keep the current push, wrap it.
    const dl = (window as any).dataLayer;
    (window as any).gtmSeen = [];
    const old = dl.push;
    dl.push = function (...states: any[]) {
      const result = old.apply(dl, states);
      for (const s of states) (window as any).gtmSeen.push(s.event);
      return result;
    };
    dl.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'X', item_name: 'X', price: 5, quantity: 2 }] } });
  });
  await expect.poll(async () => ((await profile(page)) as any).cart.count).toBe(2);
  await page.waitForTimeout(500);
  expect(((await profile(page)) as any).cart.count).toBe(2);
  expect(await page.evaluate(() => (window as any).gtmSeen)).toEqual(['add_to_cart']);
});

test('huge and cyclic objects pushed to dataLayer neither break the page nor stop later events', async ({ page }) => {
  const watch = watchPage(page);
  await servePage(page, '/stack/cyclic.html', doc(`${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/cyclic.html');
  await profile(page);
  const took = await page.evaluate(() => {
    const dl = (window as any).dataLayer;
    const cyclic: any = { event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'C', item_name: 'C', price: 1, quantity: 1 }] } };
    cyclic.self = cyclic;
    cyclic.ecommerce.items[0].parent = cyclic;
    cyclic.el = document.body;
    const huge = { event: 'view_item_list', ecommerce: { items: Array.from({ length: 50_000 }, (_, i) => ({ item_id: `I${i}`, item_name: 'x'.repeat(100), price: i, item_category: `cat${i}` })) } };
    const big = { event: 'custom_thing', payload: 'x'.repeat(2_000_000) };
    const last = { event: 'add_to_cart', ecommerce: { currency: 'EUR', items: [{ item_id: 'D', item_name: 'D', price: 2, quantity: 1 }] } };
    const t0 = performance.now();
    dl.push(cyclic);
    dl.push(huge);
    dl.push(big);
    dl.push(last);
    return performance.now() - t0;
  });
  expect(took).toBeLessThan(50);
  await expect.poll(async () => ((await profile(page)) as any).cart.count).toBe(2);
  const p: any = await profile(page);
  // a list of 50,000 items: Beckon caps what it keeps (200 items), so categoriesViewed stays bounded
  expect(p.behavior.categoriesViewed.length).toBeLessThanOrEqual(200);
  expect(watch.errors).toEqual([]);
});

test('a Universal Analytics (legacy) purchase push is not counted as a nameless order at every reload', async ({ page }) => {
  const ua = { event: 'purchase', ecommerce: { currencyCode: 'EUR', purchase: { actionField: { id: 'UA-T1', revenue: '35.43' }, products: [{ id: 'P1', name: 'Shoe', price: '35.43', quantity: 1 }] } } };
  await servePage(page, '/stack/ua.html', doc(`<script>window.dataLayer=[${JSON.stringify(ua)}];</script>${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/ua.html');
  await profile(page);
  await page.reload();
  await profile(page);
  await page.waitForTimeout(300);
  // Beckon reads GA4's shape: a UA order names none of transaction_id, value or items, so it is not counted.
  const { orders }: any = await profile(page);
  expect(orders).toMatchObject({ count: 0, revenue: 0 });
});

test('purchase with string value and items in gtag array form counts revenue once', async ({ page }) => {
  await servePage(page, '/stack/thanks.html', doc(`${GTAG}<script>gtag('event','purchase',{transaction_id:'T-9',value:'1.299,00',currency:'EUR',items:[{item_id:'Z',item_name:'Z',price:'1.299,00',quantity:'1'}]});</script>${snippet({ config: { version: 1 } })}`));
  await page.goto('/stack/thanks.html');
  await profile(page);
  await page.reload();
  await profile(page);
  await page.waitForTimeout(300);
  const { orders }: any = await profile(page);
  expect({ count: orders.count, revenue: orders.revenue }).toEqual({ count: 1, revenue: 1299 });
});
