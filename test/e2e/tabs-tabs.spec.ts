import { expect, test } from '@playwright/test';
import { heard, ready, serve, shown, storeHtml, storedValue, widget } from './tabsHelpers.js';

// Several tabs of one browser context open at once: frequency memory, one popup per tab,
// session page views, identify() and segment changes, forget(), consent, and IndexedDB
// deleted from a page, all shared through IndexedDB and BroadcastChannel (DESIGN §8).

const msg = (title: string) => ({ kind: 'message', title });

test.describe('frequency across tabs', () => {
  test('maxImpressions 1: a bar shown in tab A is not shown in tab B opened later', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'once', type: 'bar', frequency: { maxImpressions: 1, maxPerSession: 5 }, content: msg('Once ever') }] } }));
    const a = await context.newPage();
    await a.goto('/tabs/a');
    await ready(a);
    await expect(widget(a, 'once')).toHaveCount(1);
    const b = await context.newPage();
    await b.goto('/tabs/b');
    await ready(b);
    await b.waitForTimeout(1000);
    expect(await widget(b, 'once').count()).toBe(0);
    expect((await storedValue<any>(b, 'campaigns'))?.once?.n).toBe(1);
  });

  test('a popup dismissed in tab A is not shown in tab B opened later (cooldown), and B’s profile says so', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', trigger: { on: 'click', selector: '#offer' }, frequency: { maxPerSession: 5 }, content: msg('Offer') }] } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    await a.locator('#offer').click();
    await expect(widget(a, 'pop')).toHaveCount(1);
    await a.keyboard.press('Escape');
    await expect.poll(async () => (await storedValue<any>(a, 'campaigns'))?.pop?.dismissed).toBeGreaterThan(0);
    await expect.poll(async () => (await ready(b)).campaigns?.pop?.dismissedAt ?? null).not.toBeNull();
    await b.bringToFront();
    await b.locator('#offer').click();
    await b.waitForTimeout(800);
    expect(await widget(b, 'pop').count(), 'B already open: the click must respect A’s dismissal').toBe(0);
  });

  test('each tab shows its own popup: one popup at a time is per tab', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1, campaigns: [
      { id: 'pa', type: 'popup', pages: { include: ['/tabs/a'] }, content: msg('Popup A') },
      { id: 'pb', type: 'popup', pages: { include: ['/tabs/b'] }, content: msg('Popup B') },
    ] } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    await expect(widget(a, 'pa')).toHaveCount(1);
    await expect(widget(b, 'pb')).toHaveCount(1);
    await a.waitForTimeout(800);
    expect([await shown(a), await shown(b)]).toEqual([['pa'], ['pb']]);
  });

  test('pageviews trigger: the 3rd page view of the session, counted over two tabs, shows the message in the tab where it happens', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'third', type: 'message', trigger: { on: 'pageviews', count: 3 }, content: msg('Third page') }] } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await ready(a);
    await b.goto('/tabs/b');
    expect((await ready(b)).session.pageviews).toBe(2);
    await a.goto('/tabs/a2');
    expect((await ready(a)).session.pageviews).toBe(3);
    await expect(widget(a, 'third')).toHaveCount(1);
    await a.waitForTimeout(500);
    expect(await widget(b, 'third').count()).toBe(0);
  });
});

test.describe('what one tab learns of another', () => {
  test('identify() in tab A is seen by tab B (its profile and a campaign for the trait) without B doing anything', async ({ context }) => {
    // The campaign shows on B's page only, so A's impression (which announces) is not what tells B.
    const config = { version: 1, segments: [{ id: 'pro', when: { 'traits.plan': 'pro' } }], campaigns: [{ id: 'pro-bar', type: 'bar', pages: { include: ['/tabs/b'] }, audience: { segments: { $in: ['pro'] } }, content: msg('Pro perks') }] };
    await serve(context, '/tabs/', storeHtml({ config }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    // The store calls identify after the visitor logs in, in tab A.
    await a.evaluate(() => (window as any).beckon.identify({ plan: 'pro' }));
    expect((await ready(a)).traits.plan).toBe('pro');
    await expect.poll(async () => (await ready(b)).traits.plan, { timeout: 5000 }).toBe('pro');
    await expect(widget(b, 'pro-bar')).toHaveCount(1);
  });

  test('session.pageviews counts the page views of both tabs, loaded at the same moment', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1 } }));
    const first = await context.newPage();
    await first.goto('/tabs/first');
    await ready(first);
    const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
    await Promise.all(tabs.map((t, i) => t.goto(`/tabs/t${i}`)));
    await Promise.all(tabs.map(ready));
    await first.reload();
    const p = await ready(first);
    expect({ pageviews: p.session.pageviews, sessions: p.visitor.sessions, all: p.behavior.pageviews }).toEqual({ pageviews: 5, sessions: 1, all: 5 });
  });
});

test.describe('consent across tabs', () => {
  const required = { version: 1, consent: { required: true } };

  test('consent granted in tab A: tab B, open meanwhile, keeps what the visitor does next (one visitor, the cart stored)', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: required }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    // The visitor accepts in tab A's banner.
    await a.evaluate(() => (window as any).beckon.consent('granted'));
    const granted = await ready(a);
    await expect.poll(() => storedValue(a, 'visitor')).toBeTruthy();
    // Then adds to cart in tab B, whose banner they had not touched.
    await b.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'SKU-1', item_name: 'Shoe', price: 50, quantity: 1 }] }));
    const inB = await ready(b);
    await b.waitForTimeout(500);
    const third = await context.newPage();
    await third.goto('/tabs/c');
    const later = await ready(third);
    expect({ sameVisitorInB: inB.visitor.id === granted.visitor.id, storedCart: later.cart.count }).toEqual({ sameVisitorInB: true, storedCart: 1 });
  });

  test('consent denied in tab A: tab B stops storing at once, and its next events are not stored', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1 } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    await a.evaluate(() => (window as any).beckon.consent('denied'));
    await ready(a);
    await b.waitForTimeout(500);
    await b.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'SKU-1', item_name: 'Shoe', price: 50, quantity: 1 }] }));
    await ready(b);
    await b.waitForTimeout(500);
    expect({ visitor: await storedValue(b, 'visitor'), consent: await storedValue(b, 'consent') }).toEqual({ visitor: undefined, consent: 'denied' });
  });
});

test.describe('forget() and storage cleared with tabs open', () => {
  test('forget() in tab A while B shows a capped bar: after the next page loads, one new visitor in both tabs, caps reset', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1, campaigns: [{ id: 'once', type: 'bar', frequency: { maxImpressions: 1, maxPerSession: 5 }, content: msg('Once') }] } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await b.goto('/tabs/b');
    const before = await ready(b);
    await expect(widget(b, 'once')).toHaveCount(1);
    await a.goto('/tabs/a');
    await ready(a);
    await a.evaluate(() => (window as any).beckon.forget());
    await expect.poll(async () => (await ready(b)).visitor.id).not.toBe(before.visitor.id);
    // B keeps being used meanwhile: nothing may be stored.
    await b.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'X', item_name: 'X', price: 1 }] }));
    await ready(b);
    await b.waitForTimeout(500);
    expect(await storedValue(a, 'visitor'), 'nothing stored after forget() until a page load').toBeUndefined();
    await a.goto('/tabs/a2');
    const fresh = await ready(a);
    await b.goto('/tabs/b2');
    const freshB = await ready(b);
    expect({ newId: fresh.visitor.id !== before.visitor.id, same: freshB.visitor.id === fresh.visitor.id, pageviews: freshB.session.pageviews, cart: freshB.cart.count }).toEqual({ newId: true, same: true, pageviews: 2, cart: 0 });
    // The new visitor has seen nothing: the bar capped at one impression ever shows again, once.
    await expect.poll(async () => (await widget(a, 'once').count()) + (await widget(b, 'once').count())).toBe(1);
  });

  test('indexedDB.deleteDatabase("beckon") from a page while two tabs are open: not blocked, and both tabs go on with one visitor', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1 } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    const [pa] = await Promise.all([ready(a), ready(b)]);
    const result = await a.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const req = indexedDB.deleteDatabase('beckon');
          req.onblocked = () => resolve('blocked');
          req.onsuccess = () => resolve('deleted');
          req.onerror = () => resolve('error');
          setTimeout(() => resolve('timeout'), 5000);
        }),
    );
    expect(result).toBe('deleted');
    // Both tabs go on: a cart add in each.
    for (const [tab, sku] of [[a, 'A'], [b, 'B']] as const) {
      await tab.evaluate((sku) => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: sku, item_name: sku, price: 1 }] }), sku);
      await ready(tab);
    }
    await a.waitForTimeout(500);
    const third = await context.newPage();
    await third.goto('/tabs/c');
    const p = await ready(third);
    const [ia, ib] = await Promise.all([ready(a), ready(b)]);
    expect({ sameInAll: ia.visitor.id === p.visitor.id && ib.visitor.id === p.visitor.id, cart: p.cart.items.map((i: any) => i.item_id).sort(), newVisitor: p.visitor.id !== pa.visitor.id }).toEqual({
      sameInAll: true,
      cart: ['A', 'B'],
      newVisitor: true,
    });
  });
});
