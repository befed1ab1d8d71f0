import { expect, test, type Page } from '@playwright/test';
import { profileOf, storedKeys, watchPage } from './pageWatch.js';

test.describe('privacy', () => {
  test('with consent required, two loads store nothing and are two visitors; a grant persists and survives a reload', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/fixtures/consent.html');
    const first = await profileOf(page);
    await page.reload();
    const second = await profileOf(page);
    expect(await storedKeys(page)).toEqual([]);
    expect(second.visitor.id).not.toBe(first.visitor.id);

    await page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => storedKeys(page)).toEqual(['consent', expect.stringMatching(/^day:\d{4}-\d{2}-\d{2}$/), 'visitor']);
    await page.reload();
    const third = await profileOf(page);
    expect(third.visitor.id).toBe(second.visitor.id);
    expect(third.session.pageviews).toBe(2);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('Global Privacy Control means nothing is stored', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    await page.goto('/products/swift-road');
    const profile: any = await profileOf(page);
    expect(profile.session.pageviews).toBe(1);
    expect(await storedKeys(page)).toEqual([]);
  });

  test('Global Privacy Control turned on outweighs an earlier grant; a grant given with it on is kept', async ({ page }) => {
    await page.addInitScript(() => {
      if (localStorage.getItem('gpc')) Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    });
    await page.goto('/fixtures/consent.html');
    await profileOf(page);
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => storedKeys(page)).toContain('visitor');
    // The visitor turns GPC on: the stored grant was given before it, so nothing is kept.
    await page.evaluate(() => localStorage.setItem('gpc', '1'));
    await page.reload();
    await profileOf(page);
    await expect.poll(() => storedKeys(page)).toEqual([]);
    // Asked again with GPC on, they accept: that grant holds on the next page.
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => storedKeys(page)).toContain('visitor');
    const granted = await profileOf(page);
    await page.reload();
    const next = await profileOf(page);
    expect({ visitor: next.visitor.id, pageviews: next.session.pageviews }).toEqual({ visitor: granted.visitor.id, pageviews: 2 });
  });

  test('forget() deletes the visitor and drops it in every open tab', async ({ context }) => {
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/');
    const before = await profileOf(a);
    await b.goto('/cart');
    expect((await profileOf(b)).visitor.id).toBe(before.visitor.id);
    await a.evaluate(() => (window as any).beckon.forget());
    await expect.poll(async () => (await profileOf(b)).visitor.id).not.toBe(before.visitor.id);
    expect((await profileOf(a)).visitor.id).not.toBe(before.visitor.id);
    await b.evaluate(() => (window as any).beckon.track('after_forget'));
    await profileOf(b);
    expect(await storedKeys(a)).toEqual([]);
    await a.reload();
    const fresh = await profileOf(a);
    expect(fresh.visitor.id).not.toBe(before.visitor.id);
    expect(fresh.session.pageviews).toBe(1);
  });
});

test('a tab learns of another tab’s changes without tracking anything itself', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto('/');
  await b.goto('/category/gym');
  await Promise.all([profileOf(a), profileOf(b)]);
  await a.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'GYM-001', item_name: 'Iron Flat', price: 99 }] }));
  await profileOf(a);
  await expect.poll(async () => ((await profileOf(b)) as any).cart.count).toBe(1);
});

test('two tabs on different pages each tell their own segment changes, not the other tab’s on every event', async ({ context }) => {
  // Listeners queued with the snippet, before Beckon loads: the first page's changes are heard too.
  await context.addInitScript(() => {
    const w = window as any;
    w.changes = [];
    w.beckon = w.beckon || ((...args: unknown[]) => (w.beckon.q = w.beckon.q || []).push(args));
    w.beckon('on', 'segment_enter', (e: any) => e.segmentId === 'on-product' && w.changes.push('+on-product'));
    w.beckon('on', 'segment_exit', (e: any) => e.segmentId === 'on-product' && w.changes.push('-on-product'));
  });
  const product = await context.newPage();
  await product.goto('/products/swift-road');
  await profileOf(product);
  const cart = await context.newPage();
  await cart.goto('/cart');
  await profileOf(cart);
  for (let i = 0; i < 3; i++) {
    for (const tab of [product, cart]) {
      await tab.evaluate(() => (window as any).beckon.track('scroll_depth'));
      await profileOf(tab);
    }
  }
  // The product tab moves on to another product: still on a product page, nothing to tell.
  await product.goto('/products/long-haul');
  await profileOf(product);
  await product.evaluate(() => (window as any).beckon.track('scroll_depth'));
  await profileOf(product);
  const changes = await Promise.all([product, cart].map((tab) => tab.evaluate(() => (window as any).changes)));
  expect(changes).toEqual([[], ['-on-product']]);
});
