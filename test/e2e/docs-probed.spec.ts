import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './pageWatch.js';

// The documentation as a contract: every snippet, command, attribute and event that
// README.md and DESIGN.md (§2, §3, §5, §6, §7) give a store developer or a marketer to
// copy, checked as written in real Chromium.

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const DESIGN = readFileSync(new URL('../../../shared/DESIGN.md', import.meta.url), 'utf8');

/** The fenced blocks of a language in a markdown text, in order. */
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

/** README's first embed snippet, verbatim. */
const EMBED = blocks(README, 'html')[0]!;
/** README's "or simply" data-config embed, verbatim. */
const EMBED_SIMPLE = blocks(README, 'html')[1]!;
const [README_SITE, README_CAMPAIGN, README_STRINGS, README_QUIZ] = blocks(README, 'json') as [string, string, string, string];
const DESIGN_CONFIG = JSON.parse(/## 5\. Config file \(contract\)\n\n```json\n([\s\S]*?)```/.exec(DESIGN)![1]!);

/** Serves `html` at `path` and the config at /beckon.config.json (the README's URL). */
async function open(page: Page, path: string, html: string, config?: unknown, query = '') {
  if (config !== undefined) await page.route('**/beckon.config.json', (route) => route.fulfill({ json: config }));
  await page.route(`**${path}*`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(path + query);
}

const doc = (head: string, body = '<h1>Docs probe</h1><button class="buy" type="button">Buy</button><a class="out" href="#x">Out</a>') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs probe</title>${head}</head><body>${body}<p style="height:3000px">filler</p></body></html>`;

/** A page embedding Beckon with README's snippet, `before` run in the stub before `init`, `init` options merged in. */
const embedded = (init: Record<string, unknown> = {}, before = '', extraHead = '') => {
  const snippet = EMBED.replace(
    "beckon('init', { config: '/beckon.config.json' });",
    `${before}\n  beckon('init', Object.assign({ config: '/beckon.config.json' }, ${JSON.stringify(init)}));`,
  );
  return doc(`<script>window.events = []; window.dataLayer = window.dataLayer || [];</script>${extraHead}${snippet}`);
};

/** Records every documented event into window.events (queued through the stub before init). */
const RECORD = ['impression', 'holdout', 'dismiss', 'click', 'submit', 'conversion', 'segment_enter', 'segment_exit', 'quiz_answer', 'quiz_complete', 'error', 'track']
  .map((name) => `beckon('on', '${name}', function (e) { window.events.push(Object.assign({ name_: '${name}' }, e)); });`)
  .join('\n');

const ready = async (page: Page) => {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  return page.evaluate(() => (window as any).beckon.profile());
};
const eventsNamed = (page: Page, name: string) => page.evaluate((n) => (window as any).events.filter((e: any) => e.name_ === n), name) as Promise<any[]>;
const widget = (page: Page, id: string) => page.locator(`beckon-widget[data-campaign="${id}"]`);

const popup = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'popup',
  frequency: { maxPerSession: 10, cooldownHours: 0 },
  content: { kind: 'message', title: `Hello from ${id}`, cta: { label: 'Go', href: '#go' } },
  ...extra,
});

test.describe('README: the embed', () => {
  test('the README snippet, verbatim, queues calls before the script loads and runs them in order', async ({ page }) => {
    const watch = watchPage(page);
    const html = doc(`<script>window.seen = [];</script>${EMBED.replace(
      "beckon('init'",
      "beckon('on', 'track', function (e) { window.seen.push(e.name); }); beckon('track', 'queued'); beckon('init'",
    )}`);
    await open(page, '/docs/embed', html, { version: 1 });
    await ready(page);
    await page.evaluate(() => {
      (window as any).beckon('track', 'signup');
      (window as any).beckon.track('signup');
    });
    await expect.poll(() => page.evaluate(() => (window as any).seen)).toEqual(['queued', 'page_view', 'signup', 'signup']);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('the README "or simply" data-config snippet, verbatim, starts Beckon with that config', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, '/docs/simple', doc(EMBED_SIMPLE), { version: 1, segments: [{ id: 'everyone', when: {} }] });
    await ready(page);
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(['everyone']);
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('DESIGN §2: with data-config, listeners and traits queued in the stub (no init) still see the first page view', async ({ page }) => {
    const html = doc(`<script>
      window.beckon = window.beckon || function () { (beckon.q = beckon.q || []).push(arguments) };
      window.seen = []; window.entered = [];
      beckon('on', 'track', function (e) { window.seen.push(e.name); });
      beckon('on', 'segment_enter', function (e) { window.entered.push(e.segmentId); });
      beckon('identify', { plan: 'pro' });
    </script><script async src="/beckon.js" data-config="/beckon.config.json"></script>`);
    await open(page, '/docs/data-config-queue', html, { version: 1, segments: [{ id: 'pro', when: { 'traits.plan': 'pro' } }] });
    await ready(page);
    await expect.poll(() => page.evaluate(() => (window as any).seen)).toContain('page_view');
    await expect.poll(() => page.evaluate(() => (window as any).entered)).toEqual(['pro']);
  });

  test('an init given something other than an options object starts nothing, with a warning, and a corrected call still can', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, '/docs/bad-init', doc(`<script>${EMBED.match(/window\.beckon = [^\n]*/)![0]}\nbeckon('init', '/beckon.config.json');</script><script async src="/beckon.js"></script>`), {
      version: 1,
      segments: [{ id: 'everyone', when: {} }],
    });
    await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
    await expect.poll(() => watch.beckonWarnings().length).toBeGreaterThan(0);
    await page.evaluate(() => (window as any).beckon('init', { config: '/beckon.config.json' }));
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(['everyone']);
  });

  test('reads wait for init, and say so in the console when it has not come 5 s later', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, '/docs/late-init', doc(`<script async src="/beckon.js"></script>`), { version: 1, segments: [{ id: 'everyone', when: {} }] });
    await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
    await page.evaluate(() => {
      (window as any).read = (window as any).beckon.segments().then((s: string[]) => ((window as any).got = s));
    });
    await page.waitForTimeout(5600);
    expect(watch.beckonWarnings().some((w) => /init/.test(w))).toBe(true);
    expect(await page.evaluate(() => (window as any).got)).toBeUndefined();
    await page.evaluate(() => (window as any).beckon.init({ config: '/beckon.config.json' }));
    await expect.poll(() => page.evaluate(() => (window as any).got)).toEqual(['everyone']);
  });

  test('no call ever throws into the page: an unknown command and bad arguments are console warnings', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, '/docs/no-throw', embedded(), { version: 1 });
    await ready(page);
    const thrown = await page.evaluate(async () => {
      const b = (window as any).beckon;
      const out: string[] = [];
      for (const call of [
        () => b('nope'),
        () => b.track(),
        () => b.track(42),
        () => b.identify('x'),
        () => b.identify(null),
        () => b.consent('maybe'),
        () => b.show('missing'),
        () => b.hide('missing'),
        () => b.on('impression'),
        () => b.off(),
        () => b.explain(),
      ]) {
        try {
          await call();
        } catch (error) {
          out.push(String(error));
        }
      }
      return out;
    });
    expect(thrown).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});

test.describe('README: commands as documented', () => {
  test('identify merges traits into profile().traits, and a trait set to undefined is removed', async ({ page }) => {
    await open(page, '/docs/identify', embedded(), { version: 1 });
    await ready(page);
    const traits = await page.evaluate(async () => {
      const b = (window as any).beckon;
      b.identify({ plan: 'pro', firstName: 'Ada' });
      b.identify({ plan: undefined, country: 'IT' });
      return (await b.profile()).traits;
    });
    expect(traits).toEqual({ firstName: 'Ada', country: 'IT' });
  });

  test('identify past 100,000 characters of traits is not kept, with a warning, and earlier traits stay', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, '/docs/identify-big', embedded(), { version: 1 });
    await ready(page);
    const traits = await page.evaluate(async () => {
      const b = (window as any).beckon;
      b.identify({ plan: 'pro' });
      // each string trait keeps 2,000 characters: 60 of them pass 100,000 characters of JSON
      b.identify(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`t${i}`, 'x'.repeat(2000)])));
      return (await b.profile()).traits;
    });
    expect(traits).toEqual({ plan: 'pro' });
    expect(watch.beckonWarnings().length).toBeGreaterThan(0);
  });

  test('explain(segmentId) gives { id, result, clauses } with path, op, expected, actual, result for each clause', async ({ page }) => {
    await open(page, '/docs/explain', embedded(), { version: 1, segments: [{ id: 'cart', when: { 'cart.count': { $gt: 0 } } }] });
    await ready(page);
    const tree = await page.evaluate(() => (window as any).beckon.explain('cart'));
    expect(tree).toMatchObject({ id: 'cart', result: false, clauses: [{ path: 'cart.count', op: '$gt', expected: 0, actual: 0, result: false }] });
  });

  test('DESIGN §2: explain(campaignId) gives the reason tree of a campaign audience', async ({ page }) => {
    await open(page, '/docs/explain-campaign', embedded(), {
      version: 1,
      campaigns: [popup('cart-pop', { audience: { 'cart.count': { $gt: 0 } } })],
    });
    await ready(page);
    const tree = await page.evaluate(() => (window as any).beckon.explain('cart-pop'));
    expect(tree).toMatchObject({ id: 'cart-pop', result: false, clauses: [{ path: 'cart.count', op: '$gt', expected: 0, actual: 0, result: false }] });
  });

  test('on/off: off stops a listener; each callback gets its own copy; a throwing or rejecting one is reported as an error event', async ({ page }) => {
    await open(page, '/docs/on-off', embedded({}, RECORD), { version: 1 });
    await ready(page);
    await page.evaluate(async () => {
      const b = (window as any).beckon;
      const w = window as any;
      w.offSeen = 0;
      const counted = () => w.offSeen++;
      b.on('track', counted);
      b.on('track', (e: any) => {
        e.name = 'changed';
        throw new Error('boom');
      });
      b.on('track', async () => {
        throw new Error('later');
      });
      b.track('one');
      await b.profile();
      b.off('track', counted);
      b.track('two');
      await b.profile();
    });
    await expect.poll(() => page.evaluate(() => (window as any).offSeen)).toBe(1);
    const tracked = (await eventsNamed(page, 'track')).map((e) => e.name);
    expect(tracked).toEqual(['page_view', 'one', 'two']);
    const errors = await eventsNamed(page, 'error');
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors[0]).toMatchObject({ message: expect.any(String), ts: expect.any(Number) });
  });

  test('track: every recorded event, page_view included, with its name, props and visitorId', async ({ page }) => {
    await open(page, '/docs/track', embedded({}, RECORD), { version: 1 });
    const { visitor } = await ready(page);
    await page.evaluate(() => (window as any).beckon.track('signup', { plan: 'pro' }));
    await expect.poll(() => eventsNamed(page, 'track')).toMatchObject([
      { name: 'page_view', visitorId: visitor.id, ts: expect.any(Number) },
      { name: 'signup', props: { plan: 'pro' }, visitorId: visitor.id, ts: expect.any(Number) },
    ]);
  });

  test('show(id, variantId) shows a campaign now whatever its audience, trigger and caps; hide() closes it without a dismiss', async ({ page }) => {
    await open(page, '/docs/show', embedded({}, RECORD), {
      version: 1,
      campaigns: [
        {
          id: 'ab',
          type: 'popup',
          audience: { 'traits.never': true },
          trigger: { on: 'exit' },
          frequency: { maxImpressions: 1 },
          variants: [
            { id: 'a', content: { kind: 'message', title: 'Variant A' } },
            { id: 'b', content: { kind: 'message', title: 'Variant B' } },
          ],
        },
      ],
    });
    await ready(page);
    await page.evaluate(() => (window as any).beckon.show('ab', 'b'));
    await expect(widget(page, 'ab')).toHaveAttribute('data-variant', 'b');
    await expect(widget(page, 'ab').getByRole('dialog')).toContainText('Variant B');
    await page.evaluate(() => (window as any).beckon.hide());
    await expect(widget(page, 'ab')).toHaveCount(0);
    // caps do not stop show() either: maxImpressions 1 was reached
    await page.evaluate(() => (window as any).beckon.show('ab', 'a'));
    await expect(widget(page, 'ab').getByRole('dialog')).toContainText('Variant A');
    await page.evaluate(() => (window as any).beckon.hide('ab'));
    await expect(widget(page, 'ab')).toHaveCount(0);
    await page.waitForTimeout(300);
    expect(await eventsNamed(page, 'dismiss')).toEqual([]);
  });

  test('consent: pending stops storing, granted stores what was kept in memory, denied wipes what was stored', async ({ page }) => {
    await open(page, '/docs/consent', embedded({ consent: 'pending' }), { version: 1, consent: { required: true } });
    await ready(page);
    const dbs = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    const visitorStored = () =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const r = indexedDB.open('beckon');
            r.onupgradeneeded = () => r.transaction!.abort();
            r.onerror = () => resolve(false);
            r.onsuccess = () => {
              const db = r.result;
              if (!db.objectStoreNames.contains('state')) return resolve(false), db.close();
              const g = db.transaction('state').objectStore('state').get('visitor');
              g.onsuccess = () => (resolve(g.result !== undefined), db.close());
            };
          }),
      );
    expect(await visitorStored()).toBe(false);
    await page.evaluate(async () => {
      (window as any).beckon.identify({ plan: 'pro' });
      (window as any).beckon.consent('granted');
      await (window as any).beckon.profile();
    });
    await expect.poll(visitorStored).toBe(true);
    await page.evaluate(async () => {
      (window as any).beckon.consent('denied');
      await (window as any).beckon.profile();
    });
    await expect.poll(visitorStored).toBe(false);
    void dbs;
  });
});

test.describe('README and DESIGN §7: emitted events and their payloads', () => {
  test('impression, click, dismiss carry campaignId, variantId, segments, visitorId, ts', async ({ page }) => {
    await open(page, '/docs/events', embedded({}, RECORD), {
      version: 1,
      segments: [{ id: 'everyone', when: {} }],
      campaigns: [popup('hi', { content: { kind: 'message', title: 'Hi', cta: { label: 'Go', href: '#go' } } })],
    });
    const { visitor } = await ready(page);
    await expect(widget(page, 'hi').getByRole('dialog')).toBeVisible();
    const base = { campaignId: 'hi', variantId: 'default', segments: ['everyone'], visitorId: visitor.id, ts: expect.any(Number) };
    await expect.poll(() => eventsNamed(page, 'impression')).toMatchObject([base]);
    await widget(page, 'hi').getByRole('link', { name: 'Go' }).click();
    await expect.poll(() => eventsNamed(page, 'click')).toMatchObject([base]);
    await page.evaluate(() => (window as any).beckon.show('hi'));
    await expect(widget(page, 'hi').getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect.poll(() => eventsNamed(page, 'dismiss')).toMatchObject([base]);
  });

  test('conversion carries the goal event’s value, currency and transaction_id', async ({ page }) => {
    await open(page, '/docs/conversion', embedded({}, RECORD), {
      version: 1,
      campaigns: [popup('goal', { goal: { event: 'purchase', within: '7d' } })],
    });
    const { visitor } = await ready(page);
    await expect.poll(() => eventsNamed(page, 'impression')).toHaveLength(1);
    await page.evaluate(() =>
      (window as any).dataLayer.push({ event: 'purchase', ecommerce: { transaction_id: 'T-9', currency: 'EUR', value: 129.5, items: [{ item_id: 'LH', item_name: 'Long Haul', price: 129.5, quantity: 1 }] } }),
    );
    await expect.poll(() => eventsNamed(page, 'conversion')).toMatchObject([
      { campaignId: 'goal', variantId: 'default', visitorId: visitor.id, ts: expect.any(Number), segments: [], value: 129.5, currency: 'EUR', transaction_id: 'T-9' },
    ]);
  });

  test('holdout carries campaignId, segments, visitorId, ts (and the holdout visitor sees nothing)', async ({ page }) => {
    await open(page, '/docs/holdout', embedded({}, RECORD), { version: 1, campaigns: [popup('held', { holdout: 99.99 })] });
    const { visitor } = await ready(page);
    await expect.poll(() => eventsNamed(page, 'holdout')).toMatchObject([{ campaignId: 'held', segments: [], visitorId: visitor.id, ts: expect.any(Number) }]);
    await expect(widget(page, 'held')).toHaveCount(0);
  });

  test('dataLayer: true pushes every event but track as beckon_<name> with flat snake_case parameters and _clear', async ({ page }) => {
    await open(page, '/docs/datalayer', embedded({ dataLayer: true }, RECORD), {
      version: 1,
      segments: [{ id: 'everyone', when: {} }, { id: 'pro', when: { 'traits.plan': 'pro' } }],
      campaigns: [popup('dl')],
    });
    const { visitor } = await ready(page);
    await expect(widget(page, 'dl').getByRole('dialog')).toBeVisible();
    await page.evaluate(() => (window as any).beckon.identify({ plan: 'pro' }));
    const pushes = () => page.evaluate(() => (window as any).dataLayer.filter((e: any) => String(e.event).startsWith('beckon_')));
    await expect.poll(async () => (await pushes()).map((e: any) => e.event)).toEqual(expect.arrayContaining(['beckon_impression', 'beckon_segment_enter']));
    const all = await pushes();
    expect(all.map((e: any) => e.event)).not.toContain('beckon_track');
    const impression = all.find((e: any) => e.event === 'beckon_impression');
    expect(impression).toMatchObject({ campaign_id: 'dl', variant_id: 'default', segment_ids: 'everyone', visitor_id: visitor.id, _clear: true, beckon: { campaignId: 'dl' } });
  });
});

test.describe('README: config examples do what the prose says', () => {
  test('the README site example validates in the browser with no warning and its segments hold', async ({ page }) => {
    const watch = watchPage(page);
    const config = JSON.parse(README_SITE);
    await open(page, '/p/shoe', embedded(), config, '?utm_campaign=Winter-SALE');
    await ready(page);
    await page.evaluate(() => (window as any).beckon.identify({ email: 'ada@stride.example' }));
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(expect.arrayContaining(['sale-link', 'staff']));
    expect((await ready(page)).page.type).toBe('product');
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('the README campaign example (cart-rescue) shows on exit intent to a cart abandoner, with its template fallback', async ({ page }) => {
    const watch = watchPage(page);
    const campaign = JSON.parse(README_CAMPAIGN);
    campaign.holdout = 0;
    const config = { version: 1, segments: [{ id: 'cart-abandoner', when: { 'cart.count': { $gt: 0 } } }], campaigns: [campaign] };
    await open(page, '/docs/cart-rescue', embedded(), config);
    await ready(page);
    await page.evaluate(() => (window as any).beckon.track('add_to_cart', { currency: 'EUR', value: 10, items: [{ item_id: 'S', item_name: 'Sock', price: 10, quantity: 1 }] }));
    await expect.poll(() => page.evaluate(async () => (await (window as any).beckon.segments()))).toContain('cart-abandoner');
    await page.mouse.move(400, 300);
    await page.mouse.move(400, 5);
    await page.mouse.move(400, -10);
    await page.evaluate(() => document.documentElement.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -5, relatedTarget: null })));
    const dialog = widget(page, 'cart-rescue').getByRole('dialog');
    await expect(dialog).toBeVisible();
    const variant = await widget(page, 'cart-rescue').getAttribute('data-variant');
    await expect(dialog).toContainText(variant === 'a' ? 'Still thinking, there?' : '10% off today');
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('the README strings example puts the close button and form words in German', async ({ page }) => {
    const strings = JSON.parse(`{${README_STRINGS}}`).strings;
    await open(page, '/docs/strings', embedded(), {
      version: 1,
      strings,
      campaigns: [
        popup('form', {
          content: { kind: 'form', title: 'Newsletter', fields: [{ name: 'email', type: 'email', label: 'E-Mail', required: true }], submit: {} },
        }),
      ],
    });
    await ready(page);
    const w = widget(page, 'form');
    await expect(w.getByRole('button', { name: 'Schließen' })).toBeVisible();
    await expect(w.getByRole('button', { name: 'Absenden' })).toBeVisible();
    await w.getByRole('button', { name: 'Absenden' }).click();
    await expect(w).toContainText('Pflichtfeld');
  });

  test('the README quiz example: answering "marathon" keeps answers.find-your-shoe.distance and shows its result', async ({ page }) => {
    const watch = watchPage(page);
    const quiz = JSON.parse(README_QUIZ);
    await open(page, '/docs/quiz', embedded({}, RECORD), {
      version: 1,
      quizzes: [quiz],
      segments: [{ id: 'marathoner', when: { 'answers.find-your-shoe.distance': 'marathon' } }],
      campaigns: [popup('quiz', { content: { kind: 'quiz', quiz: 'find-your-shoe' } })],
    });
    await ready(page);
    const w = widget(page, 'quiz');
    await w.getByRole('radio', { name: 'Roads and paths' }).check();
    await w.getByRole('button', { name: 'Next' }).click();
    await w.getByRole('radio', { name: 'Half or full marathon' }).check();
    await w.getByRole('button', { name: /Finish|Next/ }).click();
    await expect(w).toContainText('Long Haul is your shoe');
    const p = await ready(page);
    expect(p.answers['find-your-shoe']).toEqual({ terrain: 'road', distance: 'marathon' });
    expect(p.traits.persona).toBe('road-runner');
    expect(p.segments).toContain('marathoner');
    expect(watch.beckonWarnings()).toEqual([]);
  });

  test('the DESIGN §5 config example loads in the browser with no warning', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, '/docs/design-config', embedded(), DESIGN_CONFIG);
    await ready(page);
    await page.waitForTimeout(500);
    expect(watch.beckonWarnings()).toEqual([]);
  });
});

/** The date today in `timeZone`, as YYYY-MM-DD, and the day before/after. */
const dayIn = (timeZone: string, offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA', { timeZone });

test.describe('README and DESIGN §5: campaign settings as documented', () => {
  for (const timeZone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata']) {
    test(`schedule: a day without a time is the visitor's whole day (${timeZone})`, async ({ browser }) => {
      const context = await browser.newContext({ timezoneId: timeZone });
      const page = await context.newPage();
      const today = dayIn(timeZone);
      await open(page, '/docs/schedule', embedded(), {
        version: 1,
        campaigns: [
          { ...popup('ends-today', { schedule: { end: today } }), type: 'bar' },
          { ...popup('starts-today', { schedule: { start: today } }), type: 'message' },
          { ...popup('ended-yesterday', { schedule: { end: dayIn(timeZone, -1) } }), type: 'message', placement: { position: 'top-left' } },
          { ...popup('starts-tomorrow', { schedule: { start: dayIn(timeZone, 1) } }), type: 'message', placement: { position: 'top-right' } },
        ],
      });
      await ready(page);
      await expect(widget(page, 'ends-today')).toHaveCount(1);
      await expect(widget(page, 'starts-today')).toHaveCount(1);
      await page.waitForTimeout(300);
      await expect(widget(page, 'ended-yesterday')).toHaveCount(0);
      await expect(widget(page, 'starts-tomorrow')).toHaveCount(0);
      await context.close();
    });
  }

  test('schedule: "…T23:59" with no zone is the visitor’s own time, "…Z" the same moment everywhere', async ({ browser }) => {
    const timeZone = 'Pacific/Kiritimati'; // UTC+14
    const context = await browser.newContext({ timezoneId: timeZone });
    const page = await context.newPage();
    const localEnd = `${dayIn(timeZone)}T23:59`;
    const utcPast = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await open(page, '/docs/schedule-time', embedded(), {
      version: 1,
      campaigns: [
        { ...popup('local-end'), type: 'bar', schedule: { end: localEnd } },
        { ...popup('utc-ended'), type: 'message', schedule: { end: utcPast } },
      ],
    });
    await ready(page);
    await expect(widget(page, 'local-end')).toHaveCount(1);
    await page.waitForTimeout(300);
    await expect(widget(page, 'utc-ended')).toHaveCount(0);
    await context.close();
  });

  test('pages: "/checkout*" matches /checkout/ (a trailing slash is the same page) and a path reads as written (/café)', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { ...popup('not-checkout'), type: 'bar', pages: { exclude: ['/checkout*'] } },
        { ...popup('cafe'), type: 'message', pages: { include: ['/café'] } },
      ],
    };
    await open(page, '/checkout/', embedded(), config);
    await ready(page);
    await page.waitForTimeout(500);
    await expect(widget(page, 'not-checkout')).toHaveCount(0);
    await open(page, '/caf%C3%A9', embedded(), config);
    await ready(page);
    await expect(widget(page, 'cafe')).toHaveCount(1);
    await expect(widget(page, 'not-checkout')).toHaveCount(1);
  });

  test('pages: "*" stays within a path segment, "**" crosses them, and no include means every page', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { ...popup('one-level'), type: 'bar', pages: { include: ['/products/*'] } },
        { ...popup('any-depth'), type: 'message', pages: { include: ['/products/**'] } },
        { ...popup('everywhere'), type: 'bar', placement: { position: 'bottom' } },
      ],
    };
    await open(page, '/products/a/b', embedded(), config);
    await ready(page);
    await expect(widget(page, 'any-depth')).toHaveCount(1);
    await expect(widget(page, 'everywhere')).toHaveCount(1);
    await expect(widget(page, 'one-level')).toHaveCount(0);
  });

  test('triggers: pageviews (count), event (name), delay (seconds) fire as documented', async ({ page }) => {
    const config = {
      version: 1,
      campaigns: [
        { ...popup('second-view'), type: 'bar', trigger: { on: 'pageviews', count: 2 } },
        { ...popup('on-signup'), type: 'message', trigger: { on: 'event', name: 'signup' } },
        { ...popup('after-2s'), type: 'message', placement: { position: 'top-left' }, trigger: { on: 'delay', seconds: 2 } },
      ],
    };
    await open(page, '/docs/triggers', embedded(), config);
    await ready(page);
    await page.waitForTimeout(800);
    await expect(widget(page, 'second-view')).toHaveCount(0);
    await expect(widget(page, 'on-signup')).toHaveCount(0);
    await expect(widget(page, 'after-2s')).toHaveCount(0);
    await page.evaluate(() => (window as any).beckon.track('signup'));
    await expect(widget(page, 'on-signup')).toHaveCount(1);
    await expect(widget(page, 'after-2s')).toHaveCount(1, { timeout: 5000 });
    await page.reload();
    await ready(page);
    await expect(widget(page, 'second-view')).toHaveCount(1);
  });

  test('frequency defaults: maxPerSession 1, and a dismissal keeps it away (cooldown 168 h)', async ({ page }) => {
    await open(page, '/docs/defaults', embedded({}, RECORD), {
      version: 1,
      campaigns: [{ id: 'once', type: 'message', content: { kind: 'message', title: 'Once' } }],
    });
    await ready(page);
    await expect(widget(page, 'once')).toHaveCount(1);
    await page.reload();
    await ready(page);
    await page.waitForTimeout(800);
    await expect(widget(page, 'once')).toHaveCount(0);
  });

  test('stopAfterConversion off: a sent contact form is offered again within its caps', async ({ page }) => {
    const form = (stop?: boolean) => ({
      id: stop === undefined ? 'contact-default' : 'contact-again',
      type: stop === undefined ? 'bar' : 'message',
      frequency: { maxPerSession: 10, cooldownHours: 0, ...(stop === undefined ? {} : { stopAfterConversion: stop }) },
      content: { kind: 'form', title: 'Contact', fields: [{ name: 'note', type: 'text', label: 'Note' }], submit: { label: 'Send' } },
    });
    await open(page, '/docs/stop-after', embedded(), { version: 1, campaigns: [form(), form(false)] });
    await ready(page);
    for (const id of ['contact-default', 'contact-again']) {
      await widget(page, id).getByLabel('Note').fill('hi');
      await widget(page, id).getByRole('button', { name: 'Send' }).click();
      await expect(widget(page, id)).toContainText('Thank you!');
    }
    await page.reload();
    await ready(page);
    await expect(widget(page, 'contact-again')).toHaveCount(1);
    await expect(widget(page, 'contact-default')).toHaveCount(0);
  });

  test('a form: email trait only with remember, success message reads what it set, unlock removes hidden, submit event names fields', async ({ page }) => {
    const html = embedded({}, RECORD).replace('<h1>Docs probe</h1>', '<h1>Docs probe</h1><div id="guide" hidden>Size guide</div>');
    await open(page, '/docs/form', html, {
      version: 1,
      campaigns: [
        popup('signup', {
          content: {
            kind: 'form',
            title: 'Join',
            fields: [
              { name: 'firstName', type: 'text', label: 'First name' },
              { name: 'email', type: 'email', label: 'Email', required: true },
              { name: 'work', type: 'email', label: 'Work email', remember: true },
              { name: 'size', type: 'select', label: 'Size', options: [{ value: '42', label: 'EU 42' }] },
              { name: 'agree', type: 'consent', label: 'I agree', required: true },
            ],
            submit: { label: 'Join', successMessage: 'Thanks, {{traits.firstName|friend}}!', unlock: '#guide' },
          },
        }),
      ],
    });
    await ready(page);
    const w = widget(page, 'signup');
    await w.getByLabel('First name').fill('Ada');
    await w.getByRole('textbox', { name: /^Email/ }).fill('ada@example.com');
    await w.getByLabel('Work email').fill('ada@work.example');
    await w.getByLabel('Size').selectOption('42');
    await w.getByLabel('I agree').check();
    await w.getByRole('button', { name: 'Join' }).click();
    await expect(w).toContainText('Thanks, Ada!');
    await expect(page.locator('#guide')).toBeVisible();
    const { traits } = await ready(page);
    expect(traits).toMatchObject({ firstName: 'Ada', work: 'ada@work.example', size: '42' });
    expect(traits.email).toBeUndefined();
    const [submit] = await eventsNamed(page, 'submit');
    expect(submit).toMatchObject({ campaignId: 'signup', fields: expect.arrayContaining(['firstName', 'email', 'work', 'size', 'agree']) });
    expect(JSON.stringify(submit)).not.toContain('ada@');
  });

  test('a message: body markdown, image, cta, secondary link, countdown and coupon with a copy button', async ({ page }) => {
    const until = new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString();
    await open(page, '/docs/message', embedded(), {
      version: 1,
      campaigns: [
        popup('rich', {
          content: {
            kind: 'message',
            title: 'Sale <b>now</b>',
            body: 'Save **big** and *fast*: [terms](/terms)',
            image: { src: '/img/shoe.png', alt: 'A shoe' },
            cta: { label: 'Shop', href: '/sale' },
            secondary: { label: 'Later', href: '/later' },
            countdown: { until, label: 'Ends in' },
            coupon: { code: 'WELCOME10' },
          },
        }),
      ],
    });
    await ready(page);
    const d = widget(page, 'rich').getByRole('dialog');
    await expect(d).toBeVisible();
    await expect(d).toHaveAccessibleName('Sale <b>now</b>');
    await expect(d.locator('strong')).toHaveText('big');
    await expect(d.locator('em')).toHaveText('fast');
    await expect(d.getByRole('link', { name: 'terms' })).toHaveAttribute('href', '/terms');
    await expect(d.getByRole('img', { name: 'A shoe' })).toHaveCount(1);
    await expect(d.getByRole('link', { name: 'Shop' })).toHaveAttribute('href', '/sale');
    await expect(d.getByRole('link', { name: 'Later' })).toHaveAttribute('href', '/later');
    await expect(d).toContainText('Ends in');
    await expect(d).toContainText('WELCOME10');
    await expect(d.getByRole('button', { name: /copy/i })).toHaveCount(1);
  });

  test('DESIGN §6: widget hosts, open shadow roots, dialog and complementary roles with names', async ({ page }) => {
    await open(page, '/docs/dom', embedded(), {
      version: 1,
      campaigns: [
        popup('p', { content: { kind: 'message', title: 'Popup title', body: 'Popup body' } }),
        { ...popup('b'), type: 'bar', placement: { position: 'bottom' }, content: { kind: 'message', title: 'Bar title' } },
        { ...popup('m'), type: 'message', placement: { position: 'top-left' }, content: { kind: 'message', title: 'Corner title' } },
      ],
    });
    await ready(page);
    for (const [id, type] of [['p', 'popup'], ['b', 'bar'], ['m', 'message']] as const) {
      const host = widget(page, id);
      await expect(host).toHaveAttribute('data-type', type);
      await expect(host).toHaveAttribute('data-variant', 'default');
      expect(await host.evaluate((h) => h.shadowRoot?.mode)).toBe('open');
    }
    const dialog = widget(page, 'p').getByRole('dialog', { name: 'Popup title' });
    await expect(dialog).toHaveAccessibleDescription(/Popup body/);
    expect(await dialog.evaluate((d) => d.getAttribute('aria-modal') === 'true' || (d as HTMLDialogElement).open)).toBe(true);
    await expect(widget(page, 'b').getByRole('complementary', { name: 'Bar title' })).toHaveCount(1);
    await expect(widget(page, 'm').getByRole('complementary', { name: 'Corner title' })).toHaveCount(1);
  });

  test('theme: colors, radius and font are set as CSS custom properties inside the shadow root', async ({ page }) => {
    await open(page, '/docs/theme', embedded(), {
      version: 1,
      theme: { colors: { background: '#102030', text: 'white', accent: 'rgb(255, 200, 0)' }, radius: 12, font: 'Georgia, serif' },
      campaigns: [popup('t', { content: { kind: 'message', title: 'Themed', cta: { label: 'Go', href: '#go' } } })],
    });
    await ready(page);
    const css = await widget(page, 't').evaluate((h) => {
      const card = h.shadowRoot!.querySelector('.w') ?? h.shadowRoot!.querySelector('dialog')!;
      const s = getComputedStyle(card);
      return { bg: s.backgroundColor, color: s.color, radius: s.borderTopLeftRadius, font: s.fontFamily };
    });
    expect(css).toEqual({ bg: 'rgb(16, 32, 48)', color: 'rgb(255, 255, 255)', radius: '12px', font: 'Georgia, serif' });
  });
});

test.describe('README: profile attributes and commands, more closely', () => {
  test('campaigns.<id>.impressions and .dismissedAt are in the profile and conditions can read them', async ({ page }) => {
    await open(page, '/docs/campaign-memory', embedded(), {
      version: 1,
      segments: [{ id: 'saw-hi', when: { 'campaigns.hi.impressions': { $gte: 1 } } }],
      campaigns: [popup('hi')],
    });
    await ready(page);
    await expect(widget(page, 'hi').getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(widget(page, 'hi')).toHaveCount(0);
    await expect.poll(async () => (await ready(page)).campaigns?.hi).toMatchObject({ impressions: 1, dismissedAt: expect.any(Number) });
    expect(await page.evaluate(() => (window as any).beckon.segments())).toContain('saw-hi');
  });

  test('hide() counts no dismissal: the campaign comes back on the next page within its caps (no cooldown)', async ({ page }) => {
    await open(page, '/docs/hide', embedded(), {
      version: 1,
      campaigns: [{ ...popup('h'), frequency: { maxPerSession: 5 } }],
    });
    await ready(page);
    await expect(widget(page, 'h').getByRole('dialog')).toBeVisible();
    await page.evaluate(() => (window as any).beckon.hide('h'));
    await expect(widget(page, 'h')).toHaveCount(0);
    await page.reload();
    await ready(page);
    await expect(widget(page, 'h').getByRole('dialog')).toBeVisible();
    expect((await ready(page)).campaigns?.h?.dismissedAt ?? null).toBeNull();
  });

  test('identify({ country }) overrides geo.country', async ({ page }) => {
    await open(page, '/docs/geo', embedded(), { version: 1, segments: [{ id: 'it', when: { 'geo.country': 'IT' } }] });
    await ready(page);
    await page.evaluate(() => (window as any).beckon.identify({ country: 'IT' }));
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(['it']);
    expect((await ready(page)).geo).toMatchObject({ country: 'IT', continent: 'europe', eu: true });
  });

  test('DESIGN §4: an $event condition with within in m, h and d units', async ({ page }) => {
    await open(page, '/docs/event-within', embedded(), {
      version: 1,
      segments: [
        { id: 'signup-5m', when: { $event: { name: 'signup', within: '5m' } } },
        { id: 'signup-1h', when: { $event: { name: 'signup', within: '1h', where: { plan: 'pro' } } } },
        { id: 'twice-30d', when: { $event: { name: 'signup', within: '30d', count: { $gte: 2 } } } },
      ],
    });
    await ready(page);
    await page.evaluate(() => (window as any).beckon.track('signup', { plan: 'pro' }));
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(['signup-5m', 'signup-1h']);
    await page.evaluate(() => (window as any).beckon.track('signup', { plan: 'free' }));
    expect(await page.evaluate(() => (window as any).beckon.segments())).toEqual(['signup-5m', 'signup-1h', 'twice-30d']);
  });

  test('endpoint: events go as text/plain JSON lines {"event":…,"id":…}', async ({ page }) => {
    const bodies: { type: string | null; body: string }[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/collect') bodies.push({ type: r.headers()['content-type'] ?? null, body: r.postData() ?? '' });
    });
    await open(page, '/docs/endpoint', embedded({ endpoint: '/collect' }), { version: 1, campaigns: [popup('e')] });
    const { visitor } = await ready(page);
    await expect(widget(page, 'e').getByRole('dialog')).toBeVisible();
    await expect.poll(() => bodies.length, { timeout: 8000 }).toBeGreaterThan(0);
    expect(bodies[0]!.type).toMatch(/^text\/plain/);
    const lines = bodies.flatMap((b) => b.body.split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'impression', campaignId: 'e', variantId: 'default', visitorId: visitor.id, id: expect.any(String), ts: expect.any(Number) }));
  });

  test('init({ debug: true }) and ?beckon_debug=1 open the debug panel; ?beckon_debug=0 closes it', async ({ page }) => {
    await open(page, '/docs/debug', embedded({ debug: true }), { version: 1, segments: [{ id: 'everyone', when: {} }] });
    await ready(page);
    await expect(page.locator('beckon-debug')).toHaveCount(1);
    await open(page, '/docs/debug2', embedded(), { version: 1, segments: [{ id: 'everyone', when: {} }] }, '?beckon_debug=1');
    await ready(page);
    await expect(page.locator('beckon-debug')).toHaveCount(1);
    await page.goto('/docs/debug2');
    await ready(page);
    await expect(page.locator('beckon-debug')).toHaveCount(1); // stays on in the tab
    await page.goto('/docs/debug2?beckon_debug=0');
    await ready(page);
    await page.waitForTimeout(800);
    await expect(page.locator('beckon-debug')).toHaveCount(0);
  });

  test('?beckon_preview=id:variant shows that variant whatever its audience and caps, and records nothing', async ({ page }) => {
    await open(page, '/docs/preview', embedded({}, RECORD), {
      version: 1,
      campaigns: [
        {
          id: 'cart-rescue',
          type: 'popup',
          audience: { 'cart.count': { $gt: 0 } },
          trigger: { on: 'exit' },
          variants: [
            { id: 'reminder', content: { kind: 'message', title: 'Reminder' } },
            { id: 'discount', content: { kind: 'message', title: 'Discount' } },
          ],
        },
      ],
    }, '?beckon_preview=cart-rescue:discount');
    await ready(page);
    await expect(widget(page, 'cart-rescue').getByRole('dialog')).toContainText('Discount');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    expect([...(await eventsNamed(page, 'impression')), ...(await eventsNamed(page, 'dismiss'))]).toEqual([]);
    const p = await ready(page);
    expect(p.campaigns?.['cart-rescue']?.impressions ?? 0).toBe(0);
  });

  test('forget() deletes everything stored, in every open tab', async ({ context }) => {
    const a = await context.newPage();
    await open(a, '/docs/forget', embedded(), { version: 1 });
    const first = await ready(a);
    await a.evaluate(() => (window as any).beckon.identify({ plan: 'pro' }));
    const b = await context.newPage();
    await b.goto('/docs/forget');
    const inB = await ready(b);
    expect(inB.visitor.id).toBe(first.visitor.id);
    await a.evaluate(() => (window as any).beckon.forget());
    await expect.poll(async () => (await ready(b)).visitor.id).not.toBe(first.visitor.id);
    expect((await ready(b)).traits).toEqual({});
    const left = await a.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const r = indexedDB.open('beckon');
          r.onsuccess = () => {
            const db = r.result;
            if (!db.objectStoreNames.contains('state')) return resolve(0), db.close();
            const c = db.transaction('state').objectStore('state').count();
            c.onsuccess = () => (resolve(c.result), db.close());
          };
        }),
    );
    expect(left).toBe(0);
  });

  test('a quiz in a bar shows a button that opens the quiz in a dialog', async ({ page }) => {
    await open(page, '/docs/quiz-bar', embedded(), {
      version: 1,
      quizzes: [JSON.parse(README_QUIZ)],
      campaigns: [{ ...popup('quiz-bar'), type: 'bar', content: { kind: 'quiz', quiz: 'find-your-shoe' } }],
    });
    await ready(page);
    const w = widget(page, 'quiz-bar');
    await w.getByRole('button', { name: /Find your shoe|Start|quiz/i }).first().click();
    await expect(w.getByRole('dialog')).toBeVisible();
    await expect(w.getByRole('radio', { name: 'Roads and paths' })).toBeVisible();
  });
});

test.describe('README: the demo server', () => {
  test('POST /collect?fail=2 refuses each message twice (503) and then takes it; the log shows it once', async ({ request }) => {
    const id = `docs-${Math.random().toString(36).slice(2)}`;
    const line = JSON.stringify({ event: 'probe', id, visitorId: id }) + '\n';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await request.post('/collect?fail=2', { data: line, headers: { 'content-type': 'text/plain' } })).status());
    expect(statuses.slice(0, 2)).toEqual([503, 503]);
    expect(statuses[2]).toBeLessThan(300);
    const { collectedFor } = await import('./pageWatch.js');
    expect(collectedFor(id)).toHaveLength(1);
  });

  test('POST /collect/outage?name=x&down=1 makes /collect?outage=x answer 503 until down=0', async ({ request }) => {
    const name = `docs${Date.now()}`;
    const send = async () => (await request.post(`/collect?outage=${name}`, { data: JSON.stringify({ event: 'probe', id: `${name}-${Math.random()}` }) + '\n', headers: { 'content-type': 'text/plain' } })).status();
    expect(await send()).toBeLessThan(300);
    expect((await request.post(`/collect/outage?name=${name}&down=1`)).status()).toBeLessThan(300);
    expect(await send()).toBe(503);
    expect((await request.post(`/collect/outage?name=${name}&down=0`)).status()).toBeLessThan(300);
    expect(await send()).toBeLessThan(300);
  });
});

test.describe('DESIGN §5 and §7: slots, priority and the quiz events', () => {
  test('one popup at a time: higher priority wins, then config order', async ({ page }) => {
    await open(page, '/docs/priority', embedded(), {
      version: 1,
      campaigns: [popup('low', { priority: 1 }), popup('high', { priority: 5 }), popup('high-later', { priority: 5 })],
    });
    await ready(page);
    await expect(widget(page, 'high').getByRole('dialog')).toBeVisible();
    await page.waitForTimeout(300);
    await expect(page.locator('beckon-widget')).toHaveCount(1);
  });

  test('one bar per edge and one message per corner, higher priority first', async ({ page }) => {
    await open(page, '/docs/slots', embedded(), {
      version: 1,
      campaigns: [
        { ...popup('bar-low'), type: 'bar', priority: 1 },
        { ...popup('bar-high'), type: 'bar', priority: 2 },
        { ...popup('bar-bottom'), type: 'bar', placement: { position: 'bottom' } },
        { ...popup('msg-1'), type: 'message' },
        { ...popup('msg-2'), type: 'message' },
      ],
    });
    await ready(page);
    await expect(widget(page, 'bar-high')).toHaveCount(1);
    await expect(widget(page, 'bar-bottom')).toHaveCount(1);
    await expect(widget(page, 'msg-1')).toHaveCount(1);
    await page.waitForTimeout(300);
    await expect(widget(page, 'bar-low')).toHaveCount(0);
    await expect(widget(page, 'msg-2')).toHaveCount(0);
    await page.evaluate(() => (window as any).beckon.hide());
    await expect(page.locator('beckon-widget')).toHaveCount(0);
  });

  test('quiz_answer and quiz_complete carry campaignId, variantId, segments, visitorId, ts and the quiz ids', async ({ page }) => {
    await open(page, '/docs/quiz-events', embedded({}, RECORD), {
      version: 1,
      quizzes: [JSON.parse(README_QUIZ)],
      campaigns: [popup('quiz', { content: { kind: 'quiz', quiz: 'find-your-shoe' } })],
    });
    const { visitor } = await ready(page);
    const w = widget(page, 'quiz');
    await w.getByRole('radio', { name: 'In the gym' }).check();
    await w.getByRole('button', { name: /Finish|Next/ }).click();
    await expect(w).toContainText('Thanks!');
    const base = { campaignId: 'quiz', variantId: 'default', segments: [], visitorId: visitor.id, ts: expect.any(Number), quizId: 'find-your-shoe' };
    await expect.poll(() => eventsNamed(page, 'quiz_answer')).toMatchObject([{ ...base, questionId: 'terrain', answer: 'gym' }]);
    await expect.poll(() => eventsNamed(page, 'quiz_complete')).toMatchObject([{ ...base, answers: { terrain: 'gym' } }]);
  });

  test('segment_enter and segment_exit carry segmentId, segments, visitorId, ts', async ({ page }) => {
    await open(page, '/docs/segment-events', embedded({}, RECORD), { version: 1, segments: [{ id: 'pro', when: { 'traits.plan': 'pro' } }] });
    const { visitor } = await ready(page);
    await page.evaluate(async () => {
      (window as any).beckon.identify({ plan: 'pro' });
      await (window as any).beckon.profile();
      (window as any).beckon.identify({ plan: undefined });
      await (window as any).beckon.profile();
    });
    await expect.poll(() => eventsNamed(page, 'segment_enter')).toMatchObject([{ segmentId: 'pro', segments: ['pro'], visitorId: visitor.id, ts: expect.any(Number) }]);
    await expect.poll(() => eventsNamed(page, 'segment_exit')).toMatchObject([{ segmentId: 'pro', segments: [], visitorId: visitor.id, ts: expect.any(Number) }]);
  });
});

test.describe('README: events before consent, and the size table', () => {
  test('dataLayer before consent: nothing pushed; granted on the same page, the held events are pushed in order', async ({ page }) => {
    await open(page, '/docs/dl-consent', embedded({ dataLayer: true }), {
      version: 1,
      consent: { required: true },
      segments: [{ id: 'pro', when: { 'traits.plan': 'pro' } }],
      campaigns: [popup('c')],
    });
    await ready(page);
    await expect(widget(page, 'c').getByRole('dialog')).toBeVisible();
    await page.evaluate(() => (window as any).beckon.identify({ plan: 'pro' }));
    await ready(page);
    await page.waitForTimeout(500);
    const pushed = () => page.evaluate(() => (window as any).dataLayer.filter((e: any) => String(e.event).startsWith('beckon_')).map((e: any) => e.event));
    expect(await pushed()).toEqual([]);
    await page.evaluate(() => (window as any).beckon.consent('granted'));
    await expect.poll(pushed).toEqual(['beckon_impression', 'beckon_segment_enter']);
  });

  test('the README size table states the budgets `npm run size` enforces', async () => {
    const size = readFileSync(new URL('../bench/size.mjs', import.meta.url), 'utf8');
    const campaignsBudget = Number(/chunks\/campaigns\.js',\s*budget:\s*([\d.]+)\s*\*\s*KB/.exec(size)![1]);
    const ceiling = Number(/POPUP_PAGE_CEILING = ([\d.]+) \* KB/.exec(size)![1]);
    const readmeCampaigns = Number(/`dist\/chunks\/campaigns\.js`[^|]*\|\s*≤ ([\d.]+) KB/.exec(README)![1]);
    const readmeCeiling = Number(/enforced: ≤ ([\d.]+) KB/.exec(README)![1]);
    expect({ campaigns: readmeCampaigns, ceiling: readmeCeiling }).toEqual({ campaigns: campaignsBudget, ceiling });
  });
});

test.describe('README: templates read any attribute', () => {
  test('{{path|fallback}} reads device, geo, time, traffic, intent, rfm and funnel values (their readers load with the campaign)', async ({ page }) => {
    await open(page, '/docs/template', embedded(), {
      version: 1,
      campaigns: [
        popup('tpl', {
          content: {
            kind: 'message',
            title: 'T',
            body: 'device={{device.type|none}} country={{geo.country|none}} month={{time.month|none}} channel={{traffic.channel|none}} bucket={{intent.bucket|none}} stage={{funnel.stage|none}} rfm={{rfm.segment|none}} cart={{cart.count|none}} pv={{session.pageviews|none}}',
          },
        }),
      ],
    });
    const p = await ready(page);
    const d = widget(page, 'tpl').getByRole('dialog');
    await expect(d).toBeVisible();
    await expect(d).toContainText(
      `device=${p.device.type} country=${p.geo.country} month=${p.time.month} channel=${p.traffic.channel} bucket=${p.intent.bucket} stage=${p.funnel.stage} rfm=${p.rfm.segment} cart=0 pv=1`,
    );
  });
});

test.describe('README: forms and globs, the finer print', () => {
  const slashConfig = {
    version: 1,
    campaigns: [
      { ...popup('slash-glob'), type: 'bar', pages: { include: ['/sale/'] } },
      { ...popup('bare-glob'), type: 'message', pages: { include: ['/sale'] } },
      { ...popup('never-on-sale'), type: 'bar', placement: { position: 'bottom' }, pages: { exclude: ['/sale/'] } },
    ],
  };
  test('a trailing slash is the same page: "/sale" matches /sale/ (as "/checkout*" matches /checkout/)', async ({ page }) => {
    await open(page, '/sale/', embedded(), slashConfig);
    await ready(page);
    await expect(widget(page, 'slash-glob')).toHaveCount(1);
    await expect(widget(page, 'bare-glob')).toHaveCount(1);
    await page.waitForTimeout(300);
    await expect(widget(page, 'never-on-sale')).toHaveCount(0);
  });

  test('a trailing slash is the same page the other way too: "/sale/" matches /sale', async ({ page }) => {
    await open(page, '/sale', embedded(), slashConfig);
    await ready(page);
    await expect(widget(page, 'bare-glob')).toHaveCount(1);
    // an exclude written with the slash must keep the campaign off the page without it
    await expect(widget(page, 'never-on-sale')).toHaveCount(0);
    await expect(widget(page, 'slash-glob')).toHaveCount(1);
  });

  test('a sent form: closing it is no dismissal, and its unlock stays open on later visits', async ({ page }) => {
    const html = embedded({}, RECORD).replace('<h1>Docs probe</h1>', '<h1>Docs probe</h1><div id="guide" hidden>Size guide</div>');
    await open(page, '/docs/unlock', html, {
      version: 1,
      campaigns: [
        popup('gate', {
          content: { kind: 'form', title: 'Get the guide', fields: [{ name: 'shoe', type: 'text', label: 'Shoe size' }], submit: { label: 'Unlock', unlock: '#guide' } },
        }),
      ],
    });
    await ready(page);
    const w = widget(page, 'gate');
    await w.getByLabel('Shoe size').fill('42');
    await w.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.locator('#guide')).toBeVisible();
    await w.getByRole('button', { name: 'Close' }).click();
    await expect(w).toHaveCount(0);
    await page.waitForTimeout(300);
    expect(await eventsNamed(page, 'dismiss')).toEqual([]);
    await page.reload();
    await ready(page);
    await expect(page.locator('#guide')).toBeVisible();
  });
});

test.describe('README: consent("pending") as a command', () => {
  test('consent("pending") stops storing: a trait given after it is not written to IndexedDB', async ({ page }) => {
    await open(page, '/docs/pending', embedded(), { version: 1 });
    await ready(page);
    const storedTraits = () =>
      page.evaluate(
        () =>
          new Promise<any>((resolve) => {
            const r = indexedDB.open('beckon');
            r.onsuccess = () => {
              const db = r.result;
              if (!db.objectStoreNames.contains('state')) return resolve(undefined), db.close();
              const g = db.transaction('state').objectStore('state').get('visitor');
              g.onsuccess = () => (resolve(g.result?.traits), db.close());
            };
          }),
      );
    await page.evaluate(async () => {
      (window as any).beckon.identify({ before: 1 });
      await (window as any).beckon.profile();
    });
    await expect.poll(storedTraits).toEqual({ before: 1 });
    await page.evaluate(async () => {
      (window as any).beckon.consent('pending');
      (window as any).beckon.identify({ after: 2 });
      await (window as any).beckon.profile();
    });
    await page.waitForTimeout(300);
    expect(await storedTraits()).not.toHaveProperty('after');
    expect((await ready(page)).traits).toMatchObject({ after: 2 });
  });
});
