import { expect, test } from '@playwright/test';
import { openQuizPage, widget, shoeQuiz } from './quizPageHelpers.js';

// Inline widgets on a store whose app re-renders its DOM (found by a probe round). Each test
// asserts what a visitor and DESIGN §5/§6 expect.

const slotBody = `<main><h1>Store</h1><div id="app"><section id="slot" class="slot"><p id="orig">Original slot content.</p></section></div></main>`;
const quizCampaign = { version: 1, quizzes: [shoeQuiz], campaigns: [{ id: 'q', type: 'inline', placement: { target: '#slot' }, content: { kind: 'quiz', quiz: 'shoe' } }] };

test.describe('inline widgets when the app re-renders (no navigation)', () => {
  test('the app replaces its root (hydration, a data refetch): the inline quiz comes back in the new #slot, where the visitor left it', async ({ page }) => {
    await openQuizPage(page, { config: quizCampaign, body: slotBody });
    const q = widget(page, 'q');
    await q.getByRole('radio', { name: 'Running' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await expect(q.getByRole('group', { name: 'Typical distance?' })).toBeVisible();
    // React-like: same URL, the app renders its tree again into fresh elements.
    await page.evaluate(() => {
      document.getElementById('app')!.innerHTML = '<section id="slot" class="slot"><p>Re-rendered.</p></section>';
    });
    await expect(page.locator('#slot > beckon-widget[data-campaign="q"]')).toHaveCount(1, { timeout: 3000 });
    await expect(q.getByRole('group', { name: 'Typical distance?' })).toBeVisible();
    // The same widget, put back: one impression.
    expect(await page.evaluate(() => (window as any).events.filter((e: any) => e.name == 'impression').length)).toBe(1);
  });

  test('the app re-renders the slot\'s own children: the inline message is put back in #slot', async ({ page }) => {
    await openQuizPage(page, {
      config: { version: 1, campaigns: [{ id: 'm', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Free returns on running shoes' } }] },
      body: slotBody,
    });
    await expect(widget(page, 'm').getByText('Free returns on running shoes')).toBeVisible();
    await page.evaluate(() => (document.getElementById('slot')!.innerHTML = '<p>Price updated: 89 EUR</p>'));
    await expect(widget(page, 'm').getByText('Free returns on running shoes')).toBeVisible({ timeout: 3000 });
  });
});

test.describe('two inline campaigns on the same element', () => {
  // `#slot` and `.slot` are one element, so one slot: two `replace` campaigns do not stack on
  // it (closed out of order, the second put the first one's dead host back, not the store's content).
  test('two `replace` campaigns on one element via different selectors: when both have gone, the store content is back', async ({ page }) => {
    await openQuizPage(page, {
      config: {
        version: 1,
        campaigns: [
          { id: 'a', type: 'inline', audience: { 'traits.showA': { $ne: false } }, placement: { target: '#slot', mode: 'replace' }, content: { kind: 'message', title: 'Offer A' } },
          { id: 'b', type: 'inline', audience: { 'traits.vip': true }, placement: { target: '.slot', mode: 'replace' }, content: { kind: 'message', title: 'VIP offer B' } },
        ],
      },
      body: slotBody,
    });
    await expect(widget(page, 'a').getByText('Offer A')).toBeVisible();
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    // One element, one slot: B waits while A shows there.
    await page.waitForTimeout(800);
    await expect(page.locator('#slot beckon-widget')).toHaveCount(1);
    await expect(widget(page, 'b')).toHaveCount(0);
    // A's audience ends: B, held back while A showed there, takes the slot (alone, not
    // stacked on A's host).
    await page.evaluate(() => (window as any).beckon.identify({ showA: false }));
    await expect(widget(page, 'a')).toHaveCount(0);
    await expect(widget(page, 'b').getByText('VIP offer B')).toBeVisible();
    await expect(page.locator('#slot beckon-widget')).toHaveCount(1);
    // B's audience ends too: the slot holds what the store put there.
    await page.evaluate(() => (window as any).beckon.identify({ vip: false }));
    await expect(page.locator('#slot beckon-widget')).toHaveCount(0);
    await expect(page.locator('#slot > #orig')).toHaveText('Original slot content.');
  });

  test('one widget per inline target: a second campaign whose selector names the same element does not stack on it', async ({ page }) => {
    await openQuizPage(page, {
      config: {
        version: 1,
        campaigns: [
          { id: 'a', type: 'inline', priority: 5, placement: { target: '#slot', mode: 'append' }, content: { kind: 'message', title: 'Offer A' } },
          { id: 'b', type: 'inline', placement: { target: 'main .slot', mode: 'append' }, content: { kind: 'message', title: 'Offer B' } },
        ],
      },
      body: slotBody,
    });
    await expect(widget(page, 'a').getByText('Offer A')).toBeVisible();
    await page.waitForTimeout(800);
    await expect(page.locator('#slot > beckon-widget')).toHaveCount(1);
  });
});
