import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

// When and where campaigns show, in real Chromium: page globs against the paths stores
// really have (a trailing slash, letters outside ASCII), and priority between campaigns
// whose triggers fire on the same input, where each detector is its own listener or timer
// and the browser runs microtasks between them (happy-dom's dispatch cannot show that).

const here = path.dirname(fileURLToPath(import.meta.url));
const widgetsHtml = readFileSync(path.join(here, 'fixtures/widgets.html'), 'utf8');

type Config = Record<string, unknown>;

/** Serves `config` under a fresh name; returns the name. */
async function serveConfig(target: Page | BrowserContext, config: Config) {
  const name = `when-${Math.random().toString(36).slice(2)}`;
  await target.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  return name;
}

/** Serves the widgets fixture (or `html`) at every path under `prefix`. */
async function servePathAt(target: Page | BrowserContext, prefix: string, html = widgetsHtml) {
  await target.route(
    (url) => url.pathname.startsWith(prefix),
    (route) => route.fulfill({ contentType: 'text/html', body: html }),
  );
}

async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

async function open(page: Page, config: Config) {
  await page.goto(`/fixtures/widgets.html?config=${await serveConfig(page, config)}`);
  await ready(page);
}

const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
const shown = (page: Page) => page.locator('beckon-widget').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-campaign')).sort());
const settle = (page: Page, ms = 1500) => page.waitForTimeout(ms);
const msg = (title: string) => ({ kind: 'message', title });

const SLOTS = Array.from({ length: 14 }, (_, i) => `<div id="s${i}"></div>`).join('');
const SLOT_HTML = widgetsHtml.replace('<div id="later"></div>', `<div id="later"></div>${SLOTS}`);

test.describe('pages globs', () => {
  const globs: [string, { include?: string[]; exclude?: string[] }][] = [
    ['star', { include: ['/gp/*'] }],
    ['deep', { include: ['/gp/**'] }],
    ['mid', { include: ['/gp/*/red'] }],
    ['exact', { include: ['/gp/shoes'] }],
    ['exclude-red', { include: ['/gp/**'], exclude: ['/gp/**/red'] }],
    ['accent', { include: ['/gp/café'] }],
    ['noinclude', { exclude: ['/gp/shoes'] }],
  ];
  const config = {
    version: 1,
    campaigns: globs.map(([id, pages], i) => ({ id, type: 'inline', placement: { target: `#s${i}` }, pages, frequency: { maxPerSession: 999 }, content: msg(id) })),
  };
  const cases: [string, string[]][] = [
    ['/gp/shoes', ['deep', 'exact', 'exclude-red', 'star']],
    ['/gp/shoes?color=red&x=1', ['deep', 'exact', 'exclude-red', 'star']],
    ['/gp/shoes/', ['deep', 'exact', 'exclude-red', 'star']],
    ['/gp/shoes/red', ['deep', 'mid', 'noinclude']],
    ['/gp', ['deep', 'exclude-red', 'noinclude']],
    ['/gp/', ['deep', 'exclude-red', 'noinclude', 'star']],
    ['/gp/café', ['accent', 'deep', 'exclude-red', 'noinclude', 'star']],
  ];
  for (const [at, expected] of cases) {
    test(`on ${at}`, async ({ page }) => {
      await servePathAt(page, '/gp', SLOT_HTML);
      const name = await serveConfig(page, config);
      await page.goto(`${at}${at.includes('?') ? '&' : '?'}config=${name}`);
      await ready(page);
      await settle(page, 1500);
      const got = await shown(page);
      expect(got).toEqual(expected.sort());
    });
  }
});

test.describe('priority between triggers of one input', () => {
  test('two exit popups of different priority: the higher one shows on exit', async ({ page }) => {
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'exit-low', type: 'popup', priority: 1, trigger: { on: 'exit' }, content: msg('Low') },
        { id: 'exit-high', type: 'popup', priority: 9, trigger: { on: 'exit' }, content: msg('High') },
      ],
    });
    await page.mouse.move(300, 300);
    await page.mouse.move(300, -10, { steps: 5 });
    await settle(page, 1500);
    expect(await shown(page)).toEqual(['exit-high']);
    // Closed; the next exit shows the other one (the detector stays armed).
    await page.keyboard.press('Escape');
    await page.mouse.move(300, 300, { steps: 5 });
    await page.mouse.move(300, -10, { steps: 5 });
    await expect.poll(() => shown(page)).toEqual(['exit-low']);
  });

  test('two click popups on the same button: the higher priority shows', async ({ page }) => {
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'click-low', type: 'popup', priority: 1, trigger: { on: 'click', selector: '#open-offer' }, content: msg('Low') },
        { id: 'click-high', type: 'popup', priority: 9, trigger: { on: 'click', selector: '#open-offer' }, content: msg('High') },
      ],
    });
    await page.locator('#open-offer').click();
    await settle(page, 1500);
    expect(await shown(page)).toEqual(['click-high']);
  });

  test('two delay popups with the same seconds: the higher priority shows', async ({ page }) => {
    await page.clock.install(); // the 2 s delay passes on Playwright's clock
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'delay-low', type: 'popup', priority: 1, trigger: { on: 'delay', seconds: 2 }, content: msg('Low') },
        { id: 'delay-high', type: 'popup', priority: 9, trigger: { on: 'delay', seconds: 2 }, content: msg('High') },
      ],
    });
    await page.clock.runFor(2500);
    await expect(widget(page, 'delay-high')).toHaveCount(1);
    await page.waitForTimeout(1000); // real time for the lower one to come up too, were it going to
    expect(await shown(page)).toEqual(['delay-high']);
  });

  test('two scroll bars on the same edge crossing 50% in one scroll: the higher priority shows', async ({ page }) => {
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'scroll-low', type: 'bar', priority: 1, trigger: { on: 'scroll', percent: 40 }, content: msg('Low') },
        { id: 'scroll-high', type: 'bar', priority: 9, trigger: { on: 'scroll', percent: 50 }, content: msg('High') },
      ],
    });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.7));
    await settle(page, 1500);
    expect(await shown(page)).toEqual(['scroll-high']);
  });
});

test.describe('DESIGN §5\'s example exclusion', () => {
  test('exclude ["/checkout*"] (DESIGN §5 example) on a store whose checkout is /checkout/', async ({ page }) => {
    await servePathAt(page, '/checkout');
    const name = await serveConfig(page, {
      version: 1,
      site: { pages: { checkout: ['/checkout*'] } },
      campaigns: [{ id: 'rescue', type: 'bar', pages: { include: ['/**'], exclude: ['/checkout*'] }, content: msg('Come back') }],
    });
    await page.goto(`/checkout/?config=${name}`);
    await ready(page);
    await settle(page, 1500);
    const type = (await page.evaluate(() => (window as any).beckon.profile())).page.type;
    expect(type).toBe('checkout');
    expect(await widget(page, 'rescue').count()).toBe(0);
  });
});

/** A client-rendered store page: "Loading…" first, the long page `renderMs` later; links route with pushState. */
const CSR_HTML = (renderMs: number) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>CSR</title>
<link rel="stylesheet" href="/fixtures/widgets.css">
<script src="/fixtures/widgets-boot.js"></script>
<script async src="/beckon.js"></script>
</head><body><main id="view"><p>Loading…</p></main>
<script>
  function render() {
    document.getElementById('view').innerHTML = '<p>Loading…</p>';
    setTimeout(function () {
      document.getElementById('view').innerHTML = '<h1>' + location.pathname + '</h1><a href="/csr-page/next" id="next">Next</a><p class="filler">Long product page.</p>';
      window.rendered = (window.rendered || 0) + 1;
    }, ${renderMs});
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a');
    if (a && a.id === 'next') { e.preventDefault(); history.pushState({}, '', a.getAttribute('href') + location.search); render(); }
  });
  render();
</script></body></html>`;

test.describe('scroll triggers on client-rendered pages', () => {
  test('scroll 50% on a page that renders its content after load: shows only once the visitor scrolls', async ({ page }) => {
    await servePathAt(page, '/csr-page/', CSR_HTML(4000));
    const name = await serveConfig(page, { version: 1, campaigns: [{ id: 'half', type: 'bar', trigger: { on: 'scroll', percent: 50 }, content: msg('Half way') }] });
    await page.goto(`/csr-page/first?config=${name}`);
    await ready(page);
    await page.waitForFunction(() => (window as any).rendered === 1, undefined, { timeout: 15000 });
    await settle(page, 1000);
    expect(await widget(page, 'half').count()).toBe(0);
  });

  test('scroll 50% after an SPA navigation to a page rendered a moment later', async ({ page }) => {
    await servePathAt(page, '/csr-page/', CSR_HTML(1500));
    const name = await serveConfig(page, { version: 1, campaigns: [{ id: 'half', type: 'bar', frequency: { maxPerSession: 5 }, pages: { include: ['/csr-page/next'] }, trigger: { on: 'scroll', percent: 50 }, content: msg('Half way') }] });
    await page.goto(`/csr-page/first?config=${name}`);
    await ready(page);
    await page.waitForFunction(() => (window as any).rendered === 1, undefined, { timeout: 15000 });
    await page.locator('#next').click();
    await page.waitForFunction(() => (window as any).rendered === 2, undefined, { timeout: 15000 });
    await settle(page, 1000);
    expect(await widget(page, 'half').count()).toBe(0);
  });
});

test.describe('a schedule while the visitor reads', () => {
  test('a bar goes when its end passes, and one comes when its start does, with nothing else happening on the page', async ({ page }) => {
    await page.clock.install(); // the 4 s to the schedule's edge pass on Playwright's clock
    const at = new Date(Date.now() + 4000).toISOString();
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'ending', type: 'bar', placement: { position: 'top' }, schedule: { end: at }, content: msg('Sale today') },
        { id: 'starting', type: 'bar', placement: { position: 'bottom' }, schedule: { start: at }, content: msg('Sale now') },
      ],
    });
    await expect(widget(page, 'ending')).toHaveCount(1);
    expect(await widget(page, 'starting').count()).toBe(0);
    await page.clock.runFor(4500);
    await expect(widget(page, 'ending')).toHaveCount(0, { timeout: 10_000 });
    await expect(widget(page, 'starting')).toHaveCount(1);
  });
});

test.describe('a scroll trigger on a page too short to scroll', () => {
  const short = widgetsHtml.replace('<p class="filler">Filler text.</p>', '<label>Search <input id="q"></label>');
  test('waits for the visitor to try to scroll: typing a space in a field is not that, the End key is', async ({ page }) => {
    await servePathAt(page, '/short-page', short);
    const name = await serveConfig(page, { version: 1, campaigns: [{ id: 'half', type: 'bar', trigger: { on: 'scroll', percent: 50 }, content: msg('Half way') }] });
    await page.goto(`/short-page?config=${name}`);
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
    await settle(page, 1000);
    await page.locator('#q').pressSequentially('a b');
    await settle(page, 500);
    expect(await widget(page, 'half').count()).toBe(0);
    await page.locator('#q').blur();
    await page.keyboard.press('End');
    await expect(widget(page, 'half')).toHaveCount(1);
  });
});
