import { expect, test, type BrowserContext } from '@playwright/test';
import { fakeHide, fakeShow, heard, ready, serve, storeHtml, storedValue, widget } from './tabsHelpers.js';

// Another tab's changes, read once per burst and not while this tab is hidden: what the
// visitor sees when they come back, explain(), and what must not wait (forget, denial).

const msg = (title: string) => ({ kind: 'message', title });

/** Tabs A (at /tabs/a) and B (at /tabs/b) of one store, both ready. */
async function twoTabs(context: BrowserContext, config: Record<string, unknown>) {
  await serve(context, '/tabs/', storeHtml({ config }));
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto('/tabs/a');
  await b.goto('/tabs/b');
  await Promise.all([ready(a), ready(b)]);
  return [a, b] as const;
}

test.describe('tabs: changed messages debounced / deferred while hidden', () => {
  // A popup would stay up once shown (its audience no longer matching does not close it); a
  // bar would flash, and use up its caps.
  for (const type of ['popup', 'bar']) {
    test(`a delay ${type} for non-VIPs in hidden tab B does not show once B is back, after tab A identified the visitor as VIP meanwhile`, async ({ context }) => {
      const config = {
        version: 1,
        campaigns: [{ id: 'non-vip', type, pages: { include: ['/tabs/b'] }, trigger: { on: 'delay', seconds: 3 }, audience: { 'traits.vip': { $ne: true } }, content: msg('Join VIP') }],
      };
      await context.clock.install(); // the 4 s and 1.5 s below pass on Playwright's clock
      const [a, b] = await twoTabs(context, config);
      await fakeHide(b);
      await a.evaluate(() => (window as any).beckon.identify({ vip: true }));
      expect((await ready(a)).traits.vip).toBe(true);
      // B's delay ends while it is hidden; then the visitor comes back to B.
      await context.clock.runFor(4000);
      await fakeShow(b);
      await context.clock.runFor(1500);
      await b.waitForTimeout(500); // a moment for what the clock set off (a widget's code loading)
      expect((await ready(b)).traits.vip).toBe(true);
      await expect(widget(b, 'non-vip'), 'the visitor became VIP before B was shown').toHaveCount(0);
      expect(await heard(b)).toEqual([]);
    });
  }

  test('visible tab B follows identify() in A: trait bar shows once, within a second', async ({ context }) => {
    const config = { version: 1, campaigns: [{ id: 'vip-bar', type: 'bar', pages: { include: ['/tabs/b'] }, audience: { 'traits.vip': true }, content: msg('VIP') }] };
    const [a, b] = await twoTabs(context, config);
    await a.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await expect(widget(b, 'vip-bar')).toHaveCount(1, { timeout: 1500 });
    await b.waitForTimeout(500);
    expect(await heard(b)).toEqual(['impression vip-bar']);
  });

  test('tab B goes hidden mid-burst: the bar shows when B is shown, once', async ({ context }) => {
    const config = { version: 1, campaigns: [{ id: 'vip-bar', type: 'bar', pages: { include: ['/tabs/b'] }, audience: { 'traits.vip': true }, content: msg('VIP') }] };
    const [a, b] = await twoTabs(context, config);
    // A burst: a ping first (B's 100 ms timer starts), then B goes hidden, then the trait.
    await a.evaluate(() => (window as any).beckon.track('ping'));
    await b.waitForTimeout(30);
    await fakeHide(b);
    await a.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await ready(a);
    await b.waitForTimeout(1000);
    expect(await widget(b, 'vip-bar').count(), 'nothing shows in a hidden tab').toBe(0);
    await fakeShow(b);
    await expect(widget(b, 'vip-bar')).toHaveCount(1, { timeout: 2000 });
    await b.waitForTimeout(500);
    expect(await heard(b)).toEqual(['impression vip-bar']);
  });

  test('maxImpressions 1 across three tabs after identify() in one: exactly one impression overall', async ({ context }) => {
    const config = { version: 1, campaigns: [{ id: 'vip-bar', type: 'bar', frequency: { maxImpressions: 1 }, audience: { 'traits.vip': true }, content: msg('VIP') }] };
    await serve(context, '/tabs/', storeHtml({ config }));
    const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
    for (const [i, t] of tabs.entries()) await t.goto(`/tabs/t${i}`);
    await Promise.all(tabs.map(ready));
    await tabs[0]!.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await tabs[0]!.waitForTimeout(2000);
    const all = (await Promise.all(tabs.map(heard))).flat();
    expect(all).toEqual(['impression vip-bar']);
    expect((await storedValue<any>(tabs[0]!, 'campaigns'))?.['vip-bar']?.n).toBe(1);
  });

  test('forget() in A reaches hidden tab B at once (not deferred until shown)', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1 } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    const [pa] = await Promise.all([ready(a), ready(b)]);
    await fakeHide(b);
    // a change first (B falls behind), then forget
    await a.evaluate(() => (window as any).beckon.identify({ x: 1 }));
    await ready(a);
    await a.evaluate(() => (window as any).beckon.forget());
    await ready(a);
    await b.waitForTimeout(500);
    // B, still hidden, tracks something (a timer in the store's page): nothing may be stored.
    await b.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'X', item_name: 'X', price: 1 }] }));
    await b.waitForTimeout(800);
    expect(await storedValue(a, 'visitor')).toBeUndefined();
    const pb = await ready(b);
    expect(pb.visitor.id).not.toBe(pa.visitor.id);
    expect(pb.traits).toEqual({});
    await fakeShow(b);
    await b.waitForTimeout(800);
    expect(await storedValue(a, 'visitor')).toBeUndefined();
    expect((await ready(b)).traits).toEqual({});
  });

  test('consent denied in A reaches hidden tab B at once', async ({ context }) => {
    await serve(context, '/tabs/', storeHtml({ config: { version: 1 } }));
    const [a, b] = [await context.newPage(), await context.newPage()];
    await a.goto('/tabs/a');
    await b.goto('/tabs/b');
    await Promise.all([ready(a), ready(b)]);
    await fakeHide(b);
    await a.evaluate(() => (window as any).beckon.identify({ x: 1 }));
    await ready(a);
    await a.evaluate(() => (window as any).beckon.consent('denied'));
    await ready(a);
    await b.waitForTimeout(500);
    await b.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'X', item_name: 'X', price: 1 }] }));
    await b.waitForTimeout(800);
    expect({ visitor: await storedValue(a, 'visitor'), consent: await storedValue(a, 'consent') }).toEqual({ visitor: undefined, consent: 'denied' });
    await fakeShow(b);
    await b.waitForTimeout(800);
    expect({ visitor: await storedValue(a, 'visitor'), consent: await storedValue(a, 'consent') }).toEqual({ visitor: undefined, consent: 'denied' });
  });

  test('explain() in a hidden tab agrees with segments(): both catch up with another tab’s identify()', async ({ context }) => {
    const config = { version: 1, segments: [{ id: 'vip', when: { 'traits.vip': true } }] };
    const [a, b] = await twoTabs(context, config);
    await fakeHide(b);
    await a.evaluate(() => (window as any).beckon.identify({ vip: true }));
    expect((await ready(a)).segments).toEqual(['vip']);
    await b.waitForTimeout(500);
    const explained = await b.evaluate(() => (window as any).beckon.explain('vip'));
    const segments = await b.evaluate(() => (window as any).beckon.segments());
    expect({ explained: explained.result, actual: explained.clauses[0].actual, segments }).toEqual({ explained: true, actual: true, segments: ['vip'] });
  });
});
