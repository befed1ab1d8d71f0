import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './pageWatch.js';

// The documentation as a contract: every snippet, command, attribute and event that
// README.md and DESIGN.md (§2, §3, §5, §6, §7) give a store developer or a marketer to
// copy, checked as written in real Chromium. From a probe round that also checked each
// command, event payload, campaign setting and profile attribute the docs name; those
// checks held and repeat other specs (campaigns, events, forms, triggers, debug), so only
// what reads the docs themselves is kept here: the snippets and config examples verbatim,
// the size table, templates, globs, consent('pending') and the demo server.

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
