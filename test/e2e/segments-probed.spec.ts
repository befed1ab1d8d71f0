import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { serve, storePage } from './profileHelpers.js';
import { placeOrder, watchPage } from './pageWatch.js';
import { findChromium } from './chromium.mjs';

// Probes of segments and the profile in real Chromium (DESIGN §3 attributes, §4 conditions,
// §7 segment_enter / segment_exit), with data flowing in through the real tracking.

const beckon = (page: Page) => page.waitForFunction(() => typeof (window as any).beckon?.segments === 'function');
const segs = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).beckon.segments());
const explain = (page: Page, id: string): Promise<any> => page.evaluate((id) => (window as any).beckon.explain(id), id);
const entered = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).entered);
const exited = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).exited);
const push = (page: Page, obj: unknown) => page.evaluate((o) => { ((window as any).dataLayer = (window as any).dataLayer || []).push(o); }, obj);
const item = (id: string, price: number, quantity = 1, category = 'Trail') => ({ item_id: id, item_name: id, price, quantity, item_category: category });

// ---------------------------------------------------------------------------------------------
// Segments built from segments
// ---------------------------------------------------------------------------------------------

test.describe('segments built on segments', () => {
  test('a catch-all segment ({ segments: { $size: 0 } }) and a segment built on it both work: no cycle is reported', async ({ page }) => {
    const watch = watchPage(page);
    const config = {
      version: 1,
      segments: [
        { id: 'has-cart', when: { 'cart.count': { $gt: 0 } } },
        // "Visitors in no other segment": reads the whole list, names no id.
        { id: 'unsegmented', when: { segments: { $size: 0 } } },
        // Built on the catch-all by name: a plain dependency, no cycle written by the marketer.
        { id: 'unsegmented-new', when: { segments: { $in: ['unsegmented'] }, 'visitor.isNew': true } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    await page.waitForTimeout(300);
    expect(watch.beckonWarnings().filter((w) => /cycle/.test(w))).toEqual([]);
    expect(await segs(page)).toEqual(['unsegmented', 'unsegmented-new']);
  });

  test('"in no segment" and "in some segment" ($size 0 / $size ≥ 1) never hold together, whatever their order in the config', async ({ page }) => {
    for (const order of ['as written', 'reversed']) {
      const segments = [
        { id: 'unsegmented', when: { segments: { $size: 0 } } },
        { id: 'segmented', when: { segments: { $size: { $gte: 1 } } } },
        { id: 'has-cart', when: { 'cart.count': { $gt: 0 } } },
      ];
      if (order === 'reversed') segments.reverse();
      await serve(page, '**/probe/seg**', storePage({ version: 1, segments }));
      await page.goto(`/probe/seg?order=${order}`);
      await beckon(page);
      const member = await segs(page);
      expect.soft(member.includes('unsegmented') && member.includes('segmented'), `${order}: ${member.join(', ')}`).toBe(false);
      expect.soft(member, order).toEqual(['unsegmented']);
      await page.evaluate(() => (window as any).beckon.forget());
      await page.unroute('**/probe/seg**');
    }
  });

  test('a segment may name one defined later; membership chains through three levels', async ({ page }) => {
    const config = {
      version: 1,
      segments: [
        { id: 'top', when: { segments: { $all: ['mid', 'viewer'] } } },
        { id: 'mid', when: { segments: { $in: ['base'] }, 'session.pageviews': { $gte: 1 } } },
        { id: 'base', when: { 'cart.count': { $gte: 2 } } },
        { id: 'viewer', when: { 'behavior.productsViewed': { $in: ['TRL-001'] } } },
        { id: 'not-base', when: { segments: { $nin: ['base'] } } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    expect(await segs(page)).toEqual(['not-base']);
    await push(page, { event: 'view_item', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 298, items: [item('TRL-001', 149, 2)] } });
    await expect.poll(() => segs(page)).toEqual(['top', 'mid', 'base', 'viewer']);
    // view_item came first (viewer), then the add made base, mid and top, in config order.
    await expect.poll(() => entered(page)).toEqual(['not-base', 'viewer', 'top', 'mid', 'base']);
    expect(await exited(page)).toEqual(['not-base']);
    const why = await explain(page, 'top');
    expect(why).toMatchObject({ id: 'top', result: true, clauses: [{ path: 'segments', op: '$all', result: true }] });
  });

  test('a cycle and a missing reference are reported by name, and the other segments keep working', async ({ page }) => {
    const watch = watchPage(page);
    const config = {
      version: 1,
      segments: [
        { id: 'c1', when: { segments: { $in: ['c2'] } } },
        { id: 'c2', when: { segments: { $in: ['c1'] } } },
        { id: 'typo', when: { segments: { $nin: ['vipp'] } } },
        { id: 'vip', when: { 'traits.plan': 'vip' } },
        { id: 'ok', when: { 'session.pageviews': { $gte: 1 } } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    expect(await segs(page)).toEqual(['ok']);
    const warnings = watch.beckonWarnings().join('\n');
    expect(warnings).toMatch(/c1 → c2 → c1/);
    expect(warnings).toMatch(/segments\[2\]\.when: names no segment "vipp"; did you mean "vip"\?/);
  });
});

// ---------------------------------------------------------------------------------------------
// explain() against actual membership
// ---------------------------------------------------------------------------------------------

test.describe('explain() tells the truth', () => {
  test('explain() of a catch-all segment the visitor is in says result: true', async ({ page }) => {
    const config = {
      version: 1,
      segments: [
        { id: 'has-cart', when: { 'cart.count': { $gt: 0 } } },
        { id: 'unsegmented', when: { segments: { $size: 0 } } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    expect(await segs(page)).toEqual(['unsegmented']);
    const why = await explain(page, 'unsegmented');
    // The visitor IS in the segment: its reason tree must say so, with the list the condition read.
    expect(why.result).toBe(true);
    expect(why.clauses[0]).toMatchObject({ path: 'segments', op: '$size', expected: 0, actual: [], result: true });
  });

  test('explain() result equals membership for every segment along a store journey', async ({ page }) => {
    const config = {
      version: 1,
      segments: [
        { id: 'browser', when: { 'behavior.productViews': { $gte: 1 } } },
        { id: 'cart', when: { 'cart.count': { $gt: 0 } } },
        { id: 'big-cart', when: { 'cart.value': { $gte: 200 } } },
        { id: 'trail', when: { 'cart.items': { $elemMatch: { item_category: { $regexi: '^trail' } } } } },
        { id: 'two-adds', when: { $event: { name: 'add_to_cart', within: '1h', count: { $gte: 2 } } } },
        { id: 'no-order', when: { 'orders.count': 0 } },
        { id: 'either', when: { $or: [{ segments: { $in: ['cart'] } }, { 'orders.count': { $gt: 0 } }] } },
        { id: 'not-cart', when: { $not: { segments: { $in: ['cart'] } } } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    const check = async () => {
      const member = await segs(page);
      for (const s of config.segments) {
        const why = await explain(page, s.id);
        expect.soft(why.result, `${s.id} (member: ${member.join(',')})`).toBe(member.includes(s.id));
      }
      return member;
    };
    await check();
    await push(page, { event: 'view_item', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 89, items: [item('RD-7', 89, 1, 'Road')] } });
    await expect.poll(() => segs(page)).toContain('big-cart');
    expect(await check()).toEqual(['browser', 'cart', 'big-cart', 'trail', 'two-adds', 'no-order', 'either']);
    await push(page, { event: 'remove_from_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await expect.poll(() => segs(page)).not.toContain('trail');
    expect(await check()).toEqual(['browser', 'cart', 'two-adds', 'no-order', 'either']);
    await push(page, { event: 'purchase', ecommerce: { transaction_id: 'T-1', currency: 'EUR', value: 89, items: [item('RD-7', 89, 1, 'Road')] } });
    await expect.poll(() => segs(page)).not.toContain('cart');
    expect(await check()).toEqual(['browser', 'two-adds', 'either', 'not-cart']);
  });
});

// ---------------------------------------------------------------------------------------------
// GrowthBook conformance cases in the browser bundle
// ---------------------------------------------------------------------------------------------

const casesFile = fileURLToPath(new URL('../../../shared/conformance/growthbook-evalCondition.json', import.meta.url));
type Case = [string, any, any, boolean, Record<string, unknown[]>?];
const cases: Case[] = existsSync(casesFile) ? JSON.parse(readFileSync(casesFile, 'utf8')).evalCondition : [];

test.describe('GrowthBook conformance in Chromium', () => {
  test.skip(cases.length === 0, 'conformance file absent');

  test('every case passes through the browser build of the evaluator (dist/chunks/config.js)', async ({ page }) => {
    await serve(page, '**/probe/seg**', '<!doctype html><title>c</title>');
    await page.goto('/probe/seg');
    const failed = await page.evaluate(async (cases) => {
      const mod = await import('/chunks/config.js' as string);
      const out: string[] = [];
      for (const [name, condition, attributes, expected, lists] of cases) {
        let got: unknown;
        try {
          got = mod.compileCondition(condition, { lists })(attributes);
        } catch (e) {
          got = `threw ${e}`;
        }
        if (got !== expected) out.push(`${name}: expected ${expected}, got ${got}`);
      }
      return out;
    }, cases);
    expect(failed).toEqual([]);
  });

  test('every case holds end to end: the condition as a segment over traits set by identify()', async ({ page }) => {
    test.setTimeout(120_000);
    // Paths are prefixed with `traits.`; each case's lists get their own names.
    const prefix = (c: any, n: number): any => {
      if (typeof c !== 'object' || c === null || Array.isArray(c)) return c;
      const out: any = {};
      for (const [k, v] of Object.entries(c)) {
        if (k === '$and' || k === '$or' || k === '$nor') out[k] = Array.isArray(v) ? v.map((x) => prefix(x, n)) : v;
        else if (k === '$not') out[k] = prefix(v, n);
        else out[`traits.${k}`] = renameGroups(v, n);
      }
      return out;
    };
    const renameGroups = (v: any, n: number): any => {
      if (Array.isArray(v)) return v.map((x) => renameGroups(x, n));
      if (typeof v !== 'object' || v === null) return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, (k === '$inGroup' || k === '$notInGroup') && typeof x === 'string' ? `${x}__${n}` : renameGroups(x, n)]));
    };
    const lists: Record<string, unknown[]> = {};
    cases.forEach(([, , , , l], n) => Object.entries(l ?? {}).forEach(([k, v]) => (lists[`${k}__${n}`] = v)));
    const config = { version: 1, lists, segments: cases.map(([, condition], n) => ({ id: `c${n}`, when: prefix(condition, n) })) };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    const results = await page.evaluate(async (cases) => {
      const b = (window as any).beckon;
      const out: [number, boolean][] = [];
      let previous: Record<string, unknown> = {};
      for (let n = 0; n < cases.length; n++) {
        const attributes = cases[n]![2];
        const clear = Object.fromEntries(Object.keys(previous).map((k) => [k, undefined]));
        b.identify({ ...clear, ...attributes });
        previous = attributes;
        out.push([n, (await b.segments()).includes(`c${n}`)]);
      }
      return out;
    }, cases);
    const wrong = results.filter(([n, got]) => got !== cases[n]![3]).map(([n, got]) => `${cases[n]![0]}: expected ${cases[n]![3]}, got ${got}`);
    expect(wrong).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// segment_enter / segment_exit: once per real change
// ---------------------------------------------------------------------------------------------

const T0 = Date.parse('2026-11-18T10:00:00Z'); // a Wednesday

test.describe('segment_enter / segment_exit lifecycle', () => {
  const LIFECYCLE = {
    version: 1,
    segments: [
      { id: 'first-session', when: { 'session.isFirst': true } },
      { id: 'browsing', when: { 'session.pageviews': { $gte: 3 } } },
      { id: 'returning', when: { 'visitor.isReturning': true } },
      { id: 'cart', when: { 'cart.count': { $gt: 0 } } },
      { id: 'on-product', when: { 'page.type': 'product' } },
    ],
  };

  test('told once per change across reloads and a second tab; the session boundary (31 min idle) exits session segments once', async ({ context, page }) => {
    await context.clock.install({ time: T0 });
    const html = storePage(LIFECYCLE);
    await serve(context, '**/probe/seg**', html);
    await serve(context, '**/products/ridge**', html.replace('<title>Probe</title>', `<title>Ridge</title><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Ridge', sku: 'TRL-001', offers: { '@type': 'Offer', price: '149.00', priceCurrency: 'EUR' } })}</script>`));
    const load = async (p: Page, url: string) => {
      await p.goto(url);
      await beckon(p);
      await segs(p);
      await p.waitForTimeout(200);
      return { entered: await entered(p), exited: await exited(p) };
    };
    expect(await load(page, '/probe/seg')).toEqual({ entered: ['first-session'], exited: [] });
    expect(await load(page, '/products/ridge')).toEqual({ entered: ['on-product'], exited: [] });
    expect(await load(page, '/probe/seg')).toEqual({ entered: ['browsing'], exited: ['on-product'] });
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await expect.poll(() => entered(page)).toEqual(['browsing', 'cart']);
    // A reload changes nothing: nothing is told again.
    expect(await load(page, '/probe/seg')).toEqual({ entered: [], exited: [] });
    // A second tab of the same visitor, same kind of page: nothing new either.
    const tab = await context.newPage();
    expect(await load(tab, '/probe/seg')).toEqual({ entered: [], exited: [] });
    await tab.close();
    // 31 minutes idle, then the next page starts a new session.
    await page.clock.fastForward(31 * 60 * 1000);
    expect(await load(page, '/probe/seg')).toEqual({ entered: ['returning'], exited: ['first-session', 'browsing'] });
    expect(await segs(page)).toEqual(['returning', 'cart']);
    expect(await load(page, '/probe/seg')).toEqual({ entered: [], exited: [] });
  });

  test('a visitor idle 31 minutes on an open page: their next action starts a new session and the session segments exit', async ({ context, page }) => {
    await context.clock.install({ time: T0 });
    await serve(context, '**/probe/seg**', storePage(LIFECYCLE));
    for (let i = 0; i < 3; i++) {
      await page.goto('/probe/seg');
      await beckon(page);
      await segs(page);
    }
    expect(await segs(page)).toEqual(['first-session', 'browsing']);
    await page.clock.fastForward(31 * 60 * 1000);
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await expect.poll(() => segs(page)).toContain('cart');
    const p = await page.evaluate(() => (window as any).beckon.profile());
    expect({ sessions: p.visitor.sessions, pageviews: p.session.pageviews, isFirst: p.session.isFirst }).toEqual({ sessions: 2, pageviews: 0, isFirst: false });
    expect(await segs(page)).toEqual(['returning', 'cart']);
    expect(await exited(page)).toEqual(['first-session', 'browsing']);
    expect(await entered(page)).toEqual(['browsing', 'returning', 'cart']);
  });

  test('the documented payload: segmentId, segments, visitorId, ts; pushed to dataLayer as beckon_segment_enter with segment_ids', async ({ page }) => {
    await serve(page, '**/probe/seg**', storePage(LIFECYCLE, { init: { dataLayer: true } }).replace("window.entered = [];", "window.entered = []; window.payloads = []; beckon('on', 'segment_enter', function (e) { window.payloads.push(e); }); beckon('on', 'segment_exit', function (e) { window.payloads.push(e); });"));
    await page.goto('/probe/seg');
    await beckon(page);
    await expect.poll(() => page.evaluate(() => (window as any).payloads.length)).toBe(1);
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await expect.poll(() => page.evaluate(() => (window as any).payloads.length)).toBe(2);
    await push(page, { event: 'remove_from_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await expect.poll(() => page.evaluate(() => (window as any).payloads.length)).toBe(3);
    const { payloads, dl, id } = await page.evaluate(async () => ({
      payloads: (window as any).payloads,
      dl: (window as any).dataLayer.filter((e: any) => /^beckon_segment/.test(e?.event)),
      id: (await (window as any).beckon.profile()).visitor.id,
    }));
    expect(payloads).toMatchObject([
      { segmentId: 'first-session', segments: ['first-session'], visitorId: id },
      { segmentId: 'cart', segments: ['first-session', 'cart'], visitorId: id },
      { segmentId: 'cart', segments: ['first-session'], visitorId: id },
    ]);
    for (const p of payloads) expect(typeof p.ts).toBe('number');
    expect(dl.map((e: any) => [e.event, e.segment_ids])).toEqual([
      ['beckon_segment_enter', 'first-session'],
      ['beckon_segment_enter', 'first-session,cart'],
      ['beckon_segment_exit', 'first-session'],
    ]);
    expect(dl[1].beckon).toMatchObject({ segmentId: 'cart', visitorId: id });
  });
});

// ---------------------------------------------------------------------------------------------
// Time-based attributes while the page stays open
// ---------------------------------------------------------------------------------------------

test.describe('time-based attributes on an open page', () => {
  test.use({ timezoneId: 'Pacific/Auckland' });

  test('Friday 23:59 in Auckland (UTC Friday 10:59): the weekend segment is entered at local midnight, with no event', async ({ context, page }) => {
    // 2026-11-20 23:59:00 NZDT (UTC+13) = 10:59:00Z.
    await context.clock.install({ time: Date.parse('2026-11-20T10:59:00Z') });
    const config = {
      version: 1,
      segments: [
        { id: 'weekend', when: { 'time.weekend': true } },
        { id: 'saturday-morning', when: { 'time.dayOfWeek': 6, 'time.hour': { $lt: 12 }, 'time.date': '2026-11-21' } },
        { id: 'friday', when: { 'time.dayOfWeek': 5 } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    expect(await segs(page)).toEqual(['friday']);
    const t = (await page.evaluate(() => (window as any).beckon.profile())).time;
    expect(t).toMatchObject({ hour: 23, dayOfWeek: 5, weekend: false, date: '2026-11-20', month: 11 });
    await page.clock.runFor(90_000);
    await expect.poll(() => entered(page)).toEqual(['friday', 'weekend', 'saturday-morning']);
    expect(await exited(page)).toEqual(['friday']);
  });

  test('session.duration: a "long session" segment is entered while the visitor reads, with no event', async ({ context, page }) => {
    await context.clock.install({ time: T0 });
    await serve(page, '**/probe/seg**', storePage({ version: 1, segments: [{ id: 'long-session', when: { 'session.duration': { $gte: 120 } } }] }));
    await page.goto('/probe/seg');
    await beckon(page);
    expect(await segs(page)).toEqual([]);
    await page.clock.runFor(130_000);
    await expect.poll(() => entered(page)).toEqual(['long-session']);
  });

  test('orders.daysSinceLast / rfm move on an open page: segment_enter follows what segments() already says', async ({ context, page }) => {
    await context.clock.install({ time: T0 });
    const config = {
      version: 1,
      segments: [
        { id: 'lapsing', when: { 'orders.daysSinceLast': { $gte: 8 } } },
        { id: 'potential', when: { 'rfm.segment': 'potential_loyalist' } },
      ],
    };
    await serve(page, '**/probe/seg**', storePage(config));
    await page.goto('/probe/seg');
    await beckon(page);
    await push(page, { event: 'purchase', ecommerce: { transaction_id: 'T-9', currency: 'EUR', value: 437, items: [item('TRL-001', 437)] } });
    await expect.poll(async () => (await page.evaluate(() => (window as any).beckon.profile())).orders.count).toBe(1);
    expect(await segs(page)).toEqual([]);
    // The tab stays open (a kiosk, a long-lived app) for 8 days and some minutes: a jump,
    // as a machine that slept (running every 5 s tick of 8 days would take the test's time).
    await page.clock.fastForward(8 * 24 * 3600 * 1000 + 60_000);
    expect(await segs(page)).toEqual(['lapsing', 'potential']);
    // What segments() says now, the events must have told, and campaigns seen.
    await expect.poll(() => entered(page), { timeout: 10_000 }).toEqual(['lapsing', 'potential']);
  });
});

// ---------------------------------------------------------------------------------------------
// A store journey over weeks: RFM, funnel and intent
// ---------------------------------------------------------------------------------------------

test('journey over weeks: funnel stage and RFM follow DESIGN §3 at each step', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  const html = storePage({ version: 1, segments: [{ id: 'champ', when: { 'rfm.segment': 'champions' } }] });
  await serve(context, '**/probe/**', html);
  const state = async () => {
    const p = await page.evaluate(() => (window as any).beckon.profile());
    return { stage: p.funnel.stage, rfm: p.rfm.score, seg: p.rfm.segment, orders: p.orders.count, revenue: p.orders.revenue, cart: p.cart.count };
  };
  const open = async (path: string) => {
    await page.goto(path);
    await beckon(page);
    await segs(page); // init finished: the page view is stored before the visitor moves on
  };
  await open('/probe/home');
  expect(await state()).toMatchObject({ stage: 'visitor', rfm: '111', seg: 'prospect', orders: 0 });
  await open('/probe/category');
  await open('/probe/info');
  {
    const p = await page.evaluate(() => (window as any).beckon.profile());
    expect({ stage: p.funnel.stage, pv: p.behavior.pageviews, spv: p.session.pageviews }).toEqual({ stage: 'engaged', pv: 3, spv: 3 });
  }
  await open('/probe/p1');
  await push(page, { event: 'view_item', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
  await expect.poll(async () => (await state()).stage).toBe('considering');
  await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
  await expect.poll(async () => (await state()).stage).toBe('intending');
  await push(page, { event: 'remove_from_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
  await expect.poll(async () => (await state()).stage).toBe('considering');
  await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 298, items: [item('TRL-001', 149, 2)] } });
  await open('/probe/checkout');
  await push(page, { event: 'begin_checkout', ecommerce: { currency: 'EUR', value: 298, items: [item('TRL-001', 149, 2)] } });
  await open('/probe/thanks');
  await push(page, { event: 'purchase', ecommerce: { transaction_id: 'A-1', currency: 'EUR', value: 298, items: [item('TRL-001', 149, 2)] } });
  await expect.poll(async () => (await state()).orders).toBe(1);
  // f = 1 (1 order), m = 1 + |{50,150} ≤ 298| = 3, r = 5: new_customer.
  expect(await state()).toMatchObject({ stage: 'customer', rfm: '513', seg: 'new_customer', cart: 0 });
  // 20 days later: r = 5 − |{7} < 20| = 4; fm = 2 → potential_loyalist.
  await page.clock.fastForward(20 * 24 * 3600 * 1000);
  await open('/probe/home');
  expect(await state()).toMatchObject({ stage: 'customer', rfm: '413', seg: 'potential_loyalist' });
  // A second and a third order, 900 more: f = 1 + |{2,3}| = 3, m = 1 + |{50,150,400,1000}| = 5, r = 5: fm = 4 → champions.
  for (const [id, value] of [['A-2', 400], ['A-3', 500]] as const) {
    await push(page, { event: 'purchase', ecommerce: { transaction_id: id, currency: 'EUR', value, items: [item('RD-1', value)] } });
  }
  await expect.poll(async () => (await state()).orders).toBe(3);
  expect(await state()).toMatchObject({ stage: 'repeat_customer', rfm: '535', seg: 'champions' });
  await expect.poll(() => entered(page)).toEqual(['champ']);
  // 100 days later: r = 5 − |{7,30,90}| = 2; fm = 4 → cannot_lose. rfm.* is read again as
  // time passes, so the page left open through those days tells the exit; the next does not again.
  await page.clock.fastForward(100 * 24 * 3600 * 1000);
  await expect.poll(() => exited(page)).toEqual(['champ']);
  await open('/probe/home');
  expect(await state()).toMatchObject({ stage: 'repeat_customer', rfm: '235', seg: 'cannot_lose' });
  expect(await exited(page)).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Every operator of §4 over the demo store's own tracking (its pages push GA4 events)
// ---------------------------------------------------------------------------------------------

test('every operator of DESIGN §4 over data from the demo store (browse, cart, remove, checkout, buy)', async ({ page }) => {
  test.setTimeout(90_000);
  const segments = [
    { id: 'eq', when: { 'page.type': { $eq: 'cart' } } },
    { id: 'ne', when: { 'page.type': { $ne: 'checkout' } } },
    { id: 'gt', when: { 'cart.value': { $gt: 298 } } },
    { id: 'gte', when: { 'cart.count': { $gte: 2 } } },
    { id: 'lt', when: { 'cart.count': { $lt: 3 } } },
    { id: 'lte', when: { 'behavior.productViews': { $lte: 2 } } },
    { id: 'in', when: { 'page.path': { $in: ['/cart', '/checkout'] } } },
    { id: 'nin', when: { 'funnel.stage': { $nin: ['visitor', 'engaged'] } } },
    { id: 'all', when: { 'behavior.productsViewed': { $all: ['TRL-001', 'TRL-002'] } } },
    { id: 'elem', when: { 'cart.items': { $elemMatch: { item_id: 'TRL-001', quantity: { $gte: 2 } } } } },
    { id: 'size', when: { 'cart.items': { $size: 1 } } },
    { id: 'exists', when: { 'page.product': { $exists: false } } },
    { id: 'type', when: { 'orders.daysSinceLast': { $type: 'null' } } },
    { id: 'regex', when: { 'page.url': { $regex: '/cart$' } } },
    { id: 'ini', when: { 'behavior.categoriesViewed': { $ini: ['TRAIL'] } } },
    { id: 'nini', when: { 'cart.currency': { $nini: ['usd', 'gbp'] } } },
    { id: 'alli', when: { 'behavior.categoriesViewed': { $alli: ['trail'] } } },
    { id: 'regexi', when: { 'page.title': { $regexi: 'CART' } } },
    { id: 'vgte', when: { 'page.query.v': { $vgte: '1.10.0' } } },
    { id: 'ingroup', when: { 'behavior.productsViewed': { $elemMatch: { $inGroup: 'bestsellers' } } } },
    { id: 'notingroup', when: { 'page.path': { $notInGroup: 'hidden-paths' } } },
    { id: 'and-or', when: { $and: [{ $or: [{ 'cart.count': 0 }, { 'cart.value': { $gte: 100 } }] }, { $nor: [{ 'page.type': 'home' }] }, { $not: { 'orders.count': { $gt: 0 } } }] } },
    { id: 'event', when: { $event: { name: 'add_to_cart', within: '1h', where: { items: { $elemMatch: { item_category: 'Trail' } } }, count: { $gte: 3 } } } },
    { id: 'removed', when: { $event: { name: 'remove_from_cart', where: { items: { $elemMatch: { item_id: 'TRL-002' } } } } } },
  ];
  const config = { version: 1, lists: { bestsellers: ['TRL-002', 'RUN-001'], 'hidden-paths': ['/admin'] }, segments };
  await page.route('**/beckon.config.json', (route) => route.fulfill({ json: config }));
  const go = async (link: string | RegExp, url: RegExp) => {
    await page.getByRole('link', { name: link }).first().click();
    await page.waitForURL(url);
    await beckon(page);
    await segs(page);
  };
  const add = async (count: number) => {
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(async () => (await page.evaluate(() => (window as any).beckon.profile())).cart.count).toBe(count);
  };
  await page.goto('/');
  await beckon(page);
  await go('Trail', /\/category\/trail$/);
  await go(/Ridge Runner/, /\/products\/ridge-runner$/);
  await add(1);
  await add(2);
  await go('Trail', /\/category\/trail$/);
  await go(/Mud Hound/, /\/products\/mud-hound$/);
  await add(3);
  await page.goto('/cart?v=1.10.2');
  await beckon(page);
  await page.getByRole('button', { name: 'Remove Mud Hound' }).click();
  await expect.poll(async () => (await page.evaluate(() => (window as any).beckon.profile())).cart.count).toBe(2);
  const atCart = ['eq', 'ne', 'gte', 'lt', 'lte', 'in', 'nin', 'all', 'elem', 'size', 'exists', 'type', 'ini', 'nini', 'alli', 'regexi', 'vgte', 'ingroup', 'notingroup', 'and-or', 'event', 'removed'];
  await expect.poll(() => segs(page)).toEqual(atCart);
  // regex on page.url: the URL carries ?v=…, so /cart$ does not hold; gt: 298 is not > 298.
  for (const s of segments) {
    const why = await explain(page, s.id);
    expect.soft(why.result, s.id).toBe(atCart.includes(s.id));
  }
  await placeOrder(page);
  await beckon(page);
  await expect.poll(async () => (await page.evaluate(() => (window as any).beckon.profile())).orders.count).toBe(1);
  // The thank-you page is typed checkout (its purchase event, and /thank-you by convention).
  await expect.poll(() => segs(page)).toEqual(['lt', 'lte', 'nin', 'all', 'exists', 'ini', 'nini', 'alli', 'ingroup', 'notingroup', 'event', 'removed']);
});

// ---------------------------------------------------------------------------------------------
// Back to a page restored from the back/forward cache
// ---------------------------------------------------------------------------------------------

test.describe('back/forward cache', () => {

  test('Back (bfcache) to the product page: on-product is entered again, and the cart entered on the other page is not told twice', async ({ playwright, baseURL }) => {
    // Playwright starts Chromium with --disable-back-forward-cache; a store's visitors have it on.
    const browser = await playwright.chromium.launch({ executablePath: findChromium(), ignoreDefaultArgs: ['--disable-back-forward-cache'], args: ['--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const config = {
      version: 1,
      segments: [
        { id: 'on-product', when: { 'page.type': 'product' } },
        { id: 'cart', when: { 'cart.count': { $gt: 0 } } },
      ],
    };
    const html = storePage(config, { body: '<h1>Probe</h1><a href="/probe/other">Other</a>' });
    await serve(context, '**/probe/other**', html);
    await serve(context, '**/products/ridge**', html.replace('<title>Probe</title>', `<title>Ridge</title><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Ridge', sku: 'TRL-001', offers: { '@type': 'Offer', price: '149.00', priceCurrency: 'EUR' } })}</script>`));
    await page.goto('/products/ridge');
    await beckon(page);
    await expect.poll(() => entered(page)).toEqual(['on-product']);
    await page.evaluate(() => ((window as any).marker = 'A'));
    await page.getByRole('link', { name: 'Other' }).click();
    await page.waitForURL(/\/probe\/other$/);
    await beckon(page);
    await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
    await expect.poll(() => entered(page)).toEqual(['cart']);
    expect(await exited(page)).toEqual(['on-product']);
    await page.waitForTimeout(500);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => location.pathname === '/products/ridge');
    const restored = await page.evaluate(() => (window as any).marker === 'A');
    test.skip(!restored, 'the page was not restored from the back/forward cache');
    await expect.poll(() => segs(page)).toEqual(['on-product', 'cart']);
    await page.waitForTimeout(1000);
    // In this tab the visitor left the product page (its exit told on the other page) and is back on it:
    // on-product is entered again; the cart, entered once on the other page, is not told again.
    const told = { entered: await entered(page), exited: await exited(page) };
    await browser.close();
    expect(told).toEqual({ entered: ['on-product', 'on-product'], exited: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Traits and forget()
// ---------------------------------------------------------------------------------------------

test('identify() enters a trait segment once; removing the trait exits it; forget() leaves a fresh visitor in no history segment', async ({ page }) => {
  const config = {
    version: 1,
    lists: { staff: ['ada@stride.example'] },
    segments: [
      { id: 'pro', when: { 'traits.plan': { $in: ['pro', 'team'] } } },
      { id: 'staff', when: { 'traits.email': { $inGroup: 'staff' } } },
      { id: 'cart', when: { 'cart.count': { $gt: 0 } } },
    ],
  };
  await serve(page, '**/probe/seg**', storePage(config));
  await page.goto('/probe/seg');
  await beckon(page);
  await page.evaluate(() => {
    const b = (window as any).beckon;
    b.identify({ plan: 'pro', email: 'ada@stride.example' });
    b.identify({ plan: 'team' });
  });
  await push(page, { event: 'add_to_cart', ecommerce: { currency: 'EUR', value: 149, items: [item('TRL-001', 149)] } });
  await expect.poll(() => segs(page)).toEqual(['pro', 'staff', 'cart']);
  expect(await entered(page)).toEqual(['pro', 'staff', 'cart']);
  await page.evaluate(() => (window as any).beckon.identify({ plan: undefined }));
  await expect.poll(() => segs(page)).toEqual(['staff', 'cart']);
  expect(await exited(page)).toEqual(['pro']);
  await page.evaluate(() => (window as any).beckon.forget());
  await expect.poll(() => segs(page)).toEqual([]);
  const p = await page.evaluate(() => (window as any).beckon.profile());
  expect({ cart: p.cart.count, traits: p.traits }).toEqual({ cart: 0, traits: {} });
  // Next page: a new visitor; nothing of the old membership comes back.
  await page.reload();
  await beckon(page);
  expect(await segs(page)).toEqual([]);
});

test('a segment on campaigns.<id>.impressions is entered when the bar is shown (segment_enter, and the campaign for it shows), as segments() already says', async ({ page }) => {
  const config = {
    version: 1,
    segments: [{ id: 'saw-welcome', when: { 'campaigns.welcome.impressions': { $gte: 1 } } }],
    campaigns: [
      { id: 'welcome', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Welcome' } },
      { id: 'follow-up', type: 'message', placement: { position: 'bottom-right' }, audience: { segments: { $in: ['saw-welcome'] } }, content: { kind: 'message', title: 'Still here?' } },
    ],
  };
  await serve(page, '**/probe/seg**', storePage(config));
  await page.goto('/probe/seg');
  await beckon(page);
  await expect(page.locator('beckon-widget[data-campaign="welcome"]')).toHaveCount(1);
  await expect.poll(() => segs(page)).toEqual(['saw-welcome']);
  await page.waitForTimeout(1500);
  expect.soft(await entered(page)).toEqual(['saw-welcome']);
  await expect.soft(page.locator('beckon-widget[data-campaign="follow-up"]')).toHaveCount(1);
});

test('a segment on campaigns.<id>.dismissedAt is entered when the visitor closes the bar', async ({ page }) => {
  const config = {
    version: 1,
    segments: [{ id: 'closed-welcome', when: { 'campaigns.welcome.dismissedAt': { $type: 'number' } } }],
    campaigns: [{ id: 'welcome', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Welcome' } }],
  };
  await serve(page, '**/probe/seg**', storePage(config));
  await page.goto('/probe/seg');
  await beckon(page);
  const bar = page.locator('beckon-widget[data-campaign="welcome"]');
  await expect(bar).toHaveCount(1);
  await bar.getByRole('button', { name: /close/i }).click();
  await expect(bar).toHaveCount(0);
  await expect.poll(() => segs(page)).toEqual(['closed-welcome']);
  await page.waitForTimeout(1500);
  const onThisPage = await entered(page);
  // (The next page does tell it: its membership is compared with the stored one.)
  await page.reload();
  await beckon(page);
  await segs(page);
  await page.waitForTimeout(500);
  const onNextPage = await entered(page);
  expect({ onThisPage, onNextPage }).toEqual({ onThisPage: ['closed-welcome'], onNextPage: [] });
});

test('explain() of a campaign tells its audience: none (everyone) and one on a segment', async ({ page }) => {
  const config = {
    version: 1,
    segments: [{ id: 'anyone', when: { 'session.pageviews': { $gte: 1 } } }],
    campaigns: [
      { id: 'welcome', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Welcome' } },
      { id: 'follow-up', type: 'message', placement: { position: 'bottom-right' }, audience: { segments: { $in: ['anyone'] } }, content: { kind: 'message', title: 'Hi' } },
    ],
  };
  await serve(page, '**/probe/seg**', storePage(config));
  await page.goto('/probe/seg');
  await beckon(page);
  expect(await explain(page, 'welcome')).toEqual({ id: 'welcome', result: true, clauses: [] });
  expect(await explain(page, 'follow-up')).toMatchObject({ id: 'follow-up', result: true, clauses: [{ path: 'segments', op: '$in', result: true }] });
});
