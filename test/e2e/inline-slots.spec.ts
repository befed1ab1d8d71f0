import { expect, test, type Page } from '@playwright/test';
import { openQuizPage, widget } from './quizPageHelpers.js';

// Inline widgets put back at a target the app rendered anew, one per element (campaignRunner.ts placeHost `again`, holders), never fighting the app.

/** Whether the page's main thread answers within `ms` (an endless microtask loop never does). */
async function responsive(page: Page, ms = 3000) {
  return Promise.race([page.evaluate(() => 'ok').catch(() => 'error'), new Promise((r) => setTimeout(() => r('hung'), ms))]);
}

test('two replace-mode inline campaigns naming one late-rendered element by different selectors: the page stays responsive, one widget', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      { id: 'a', type: 'inline', priority: 5, placement: { target: '#slot', mode: 'replace' }, content: { kind: 'message', title: 'Offer A' } },
      { id: 'b', type: 'inline', priority: 1, placement: { target: '.slot', mode: 'replace' }, content: { kind: 'message', title: 'Offer B' } },
    ],
  };
  // A client-rendered store: the slot appears a moment after load.
  const body = `<main><div id="app"></div></main><script>setTimeout(function () { document.getElementById('app').innerHTML = '<section id="slot" class="slot"><p id="orig">Store content</p></section>'; }, 1500);</script>`;
  await page.clock.install(); // the store renders its slot 1.5 s after load, on Playwright's clock
  await openQuizPage(page, { config, body });
  await page.clock.runFor(1500);
  await page.waitForTimeout(1000); // real time after the slot appears, as before, for a fight over it to show
  expect(await responsive(page)).toBe('ok');
  expect(await page.locator('#slot beckon-widget').count()).toBe(1);
});

test('replace + append inline campaigns naming one late-rendered element: one widget in it (one per element)', async ({ page }) => {
  const config = {
    version: 1,
    campaigns: [
      { id: 'a', type: 'inline', priority: 5, placement: { target: '#slot', mode: 'replace' }, content: { kind: 'message', title: 'Offer A' } },
      { id: 'b', type: 'inline', priority: 1, placement: { target: '.slot', mode: 'append' }, content: { kind: 'message', title: 'Offer B' } },
    ],
  };
  const body = `<main><div id="app"></div></main><script>setTimeout(function () { document.getElementById('app').innerHTML = '<section id="slot" class="slot"><p id="orig">Store content</p></section>'; }, 1500);</script>`;
  await page.clock.install(); // the store renders its slot 1.5 s after load, on Playwright's clock
  await openQuizPage(page, { config, body });
  await page.clock.runFor(1500);
  await page.waitForTimeout(1000); // real time after the slot appears, as before, for a fight over it to show
  expect(await responsive(page)).toBe('ok');
  expect(await page.locator('#slot beckon-widget').count()).toBe(1);
});

test('an app that clears foreign children of its slot on every mutation (its own observer): the page stays responsive', async ({ page }) => {
  const config = { version: 1, campaigns: [{ id: 'm', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Offer' } }] };
  // A guard some apps use: what it did not render is removed.
  const body = `<main><section id="slot"><p>Store content</p></section></main><script>
    window.removed = 0;
    new MutationObserver(function () {
      var s = document.getElementById('slot');
      for (var c of [...s.children]) if (c.tagName !== 'P') { c.remove(); window.removed++; }
    }).observe(document.getElementById('slot'), { childList: true });
  </script>`;
  await openQuizPage(page, { config, body });
  await page.waitForTimeout(1500);
  expect(await responsive(page)).toBe('ok');
  const removed = await page.evaluate(() => (window as any).removed);
  // A fight would put it back thousands of times; a few re-places are tolerable.
  expect(removed).toBeLessThan(50);
});

for (const when of ['sync', 'slow'] as const) {
  test(`SPA navigation (${when} render) to a page with the same #slot: the inline widget is closed and shown afresh for the new page (one impression each page), whatever the app's render timing`, async ({ page }) => {
    const config = { version: 1, campaigns: [{ id: 'm', type: 'inline', frequency: { maxPerSession: 10 }, placement: { target: '#slot' }, content: { kind: 'message', title: 'Offer on {{page.path}}' } }] };
    const body = `<main><div id="app"><section id="slot"><p>Page A</p></section></div></main><script>
      window.go = function (slow) {
        history.pushState({}, '', '/qp/b.html');
        var render = function () { document.getElementById('app').innerHTML = '<section id="slot"><p>Page B</p></section>'; };
        if (slow) setTimeout(render, 300); else render();
      };
    </script>`;
    await openQuizPage(page, { config, body, path: '/qp/a.html' });
    await expect(widget(page, 'm')).toHaveCount(1);
    await page.evaluate((slow) => (window as any).go(slow), when === 'slow');
    await page.waitForTimeout(1500);
    await expect(page.locator('#slot beckon-widget')).toHaveCount(1);
    const impressions = await page.evaluate(() => (window as any).events.filter((e: any) => e.name == 'impression').length);
    expect(impressions).toBe(2);
  });
}

test('replace-mode inline re-placed after the app re-rendered its slot: hide() gives the slot back the app\'s latest content', async ({ page }) => {
  const config = { version: 1, campaigns: [{ id: 'r', type: 'inline', placement: { target: '#slot', mode: 'replace' }, content: { kind: 'message', title: 'Offer R' } }] };
  const body = `<main><div id="app"><section id="slot"><p>v1</p></section></div></main>`;
  await openQuizPage(page, { config, body });
  await expect(widget(page, 'r')).toHaveCount(1);
  await page.evaluate(() => (document.getElementById('app')!.innerHTML = '<section id="slot"><p>v2</p></section>'));
  await expect(page.locator('#slot > beckon-widget')).toHaveCount(1);
  await page.evaluate(() => (window as any).beckon('hide', 'r'));
  await page.waitForTimeout(300);
  await expect(page.locator('#slot beckon-widget')).toHaveCount(0);
  await expect(page.locator('#slot')).toHaveText('v2');
  // And it does not come back by itself on the next mutation.
  await page.evaluate(() => document.body.append(document.createElement('div')));
  await page.waitForTimeout(300);
  await expect(page.locator('#slot beckon-widget')).toHaveCount(0);
});

test('dismissed inline widget does not come back when the app re-renders its slot', async ({ page }) => {
  const config = { version: 1, campaigns: [{ id: 'm', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Offer' } }] };
  const body = `<main><div id="app"><section id="slot"><p>A</p></section></div></main>`;
  await openQuizPage(page, { config, body });
  await expect(widget(page, 'm')).toHaveCount(1);
  await widget(page, 'm').getByRole('button', { name: /close|dismiss/i }).first().click();
  await expect(widget(page, 'm')).toHaveCount(0);
  await page.evaluate(() => (document.getElementById('app')!.innerHTML = '<section id="slot"><p>B</p></section>'));
  await page.waitForTimeout(500);
  await expect(widget(page, 'm')).toHaveCount(0);
});
