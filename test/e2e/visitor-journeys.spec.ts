import { expect, test, type Page } from '@playwright/test';
import { host, settled, widget } from './visitorHelpers.js';

// What a keyboard, screen-reader or phone visitor meets on whole journeys (kept from a probe
// round): a popup that waits while they type, coupons, forms, countdowns.

const SEARCH_BODY = `<header class="site-header"><form role="search" onsubmit="event.preventDefault()"><label for="q">Search</label> <input id="q" type="search" autocomplete="off"></form></header>
<main><h1>Host page</h1><button type="button" id="open-offer" class="open-offer">See the offer</button><p class="filler">Filler</p></main>`;

const NEWSLETTER = {
  kind: 'form',
  title: 'Get 10% off',
  fields: [{ name: 'email', type: 'email', label: 'Email', required: true }],
  submit: { label: 'Sign up', successMessage: 'Thanks, check your inbox!' },
};

// A search box, and an email field such as a checkout's (no caret API there: selectionStart is null).
for (const [field, type] of [['search box', 'search'], ['email field', 'email']] as const)
test(`a delayed popup does not take the keystrokes of a visitor typing in the store’s ${field}`, async ({ page }) => {
  await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', trigger: { on: 'delay', seconds: 1 }, content: NEWSLETTER }] }, body: SEARCH_BODY.replace('type="search"', `type="${type}"`) });
  await page.locator('#q').focus();
  // The visitor types steadily (one key every 150 ms) through the moment the delay ends.
  for (const ch of 'running shoes for trail') await page.keyboard.type(ch, { delay: 150 });
  const state = await page.evaluate(() => {
    const w = document.querySelector('beckon-widget[data-campaign="pop"]');
    return {
      search: (document.getElementById('q') as HTMLInputElement).value,
      popupEmail: (w?.shadowRoot?.querySelector('input') as HTMLInputElement | null)?.value ?? null,
    };
  });
  // Correct: every character lands where the visitor is typing (the popup waits, or at least does not grab focus).
  expect({ search: state.search, popupEmail: state.popupEmail || '' }).toEqual({ search: 'running shoes for trail', popupEmail: '' });
});

test('keyboard: tabbing through the demo home page, no focused control is hidden under the bottom bar (WCAG 2.4.11)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect(page.locator('beckon-widget[data-campaign="winter-sale"]')).toHaveCount(1);
  await settled(page);
  const hidden: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      let el = document.activeElement as Element | null;
      if (!el || el === document.body) return null;
      if (el.tagName === 'BECKON-WIDGET') return { inWidget: true } as const;
      const b = el.getBoundingClientRect();
      const bar = document.querySelector('beckon-widget[data-campaign="winter-sale"]')?.shadowRoot?.querySelector('.b');
      if (!bar) return null;
      const bb = bar.getBoundingClientRect();
      const fullyUnder = b.top >= bb.top && b.bottom <= bb.bottom && b.height > 0;
      return { desc: el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30), fullyUnder, top: Math.round(b.top), barTop: Math.round(bb.top) };
    });
    if (!r) continue;
    if ('inWidget' in r) break;
    if (r.fullyUnder) hidden.push(`${r.desc} (top ${r.top}, bar from ${r.barTop})`);
  }
  expect(hidden).toEqual([]);
});

test('keyboard on a category page: the corner message does not hide the focused product link (WCAG 2.4.11)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/category/trail');
  await page.evaluate(() => (window as any).beckon?.show?.('help-corner'));
  await expect(page.locator('beckon-widget[data-campaign="help-corner"]')).toHaveCount(1);
  await settled(page);
  const hidden: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement as Element | null;
      if (!el || el === document.body) return null;
      if (el.tagName === 'BECKON-WIDGET') return { inWidget: true } as const;
      const b = el.getBoundingClientRect();
      const card = document.querySelector('beckon-widget[data-campaign="help-corner"]')?.shadowRoot?.querySelector('.m');
      if (!card) return null;
      const c = card.getBoundingClientRect();
      const fullyUnder = b.height > 0 && b.top >= c.top && b.bottom <= c.bottom && b.left >= c.left && b.right <= c.right;
      return { desc: el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30), fullyUnder };
    });
    if (!r) continue;
    if ('inWidget' in r) continue;
    if (r.fullyUnder) hidden.push(r.desc);
  }
  expect(hidden).toEqual([]);
});

test('Escape that closes an open <select> inside a popup form leaves the popup open', async ({ page }) => {
  const content = { kind: 'form', title: 'Your size', fields: [{ name: 'size', type: 'select', label: 'Usual size', options: [{ value: '42', label: 'EU 42' }, { value: '43', label: 'EU 43' }] }], submit: { label: 'Save' } };
  await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content }] } });
  const dialog = widget(page, 'pop').getByRole('dialog');
  await expect(dialog).toBeVisible();
  const select = widget(page, 'pop').getByRole('combobox', { name: 'Usual size' });
  await expect(select).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await expect(widget(page, 'pop')).toHaveCount(1);
});

async function couponMessage(page: Page) {
  await host(page, { config: { version: 1, campaigns: [{ id: 'msg', type: 'message', content: { kind: 'message', title: 'A code for you', coupon: { code: 'WELCOME10' } } }] } });
  await expect(widget(page, 'msg')).toHaveCount(1);
}

test('coupon: copying with the keyboard is announced in a live region (clipboard allowed)', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await couponMessage(page);
  const btn = widget(page, 'msg').getByRole('button', { name: 'Copy code' });
  await btn.focus();
  await page.keyboard.press('Enter');
  await expect(widget(page, 'msg').locator('[aria-live]')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('WELCOME10');
  await expect(btn).toBeFocused();
});

test('coupon: without clipboard permission the code still reaches the clipboard or the visitor is told how', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await couponMessage(page);
  const btn = widget(page, 'msg').getByRole('button', { name: 'Copy code' });
  await btn.focus();
  await page.keyboard.press('Enter');
  const live = widget(page, 'msg').locator('[aria-live]');
  await expect(live).not.toHaveText('');
  const note = await live.textContent();
  const sel = await page.evaluate(() => String(getSelection()));
  // The visitor hears either "Copied" or a hint, and the selection holds the code for the hint.
  expect(note === 'Copied' || /C to copy/.test(note!)).toBe(true);
  if (note !== 'Copied') expect(sel).toBe('WELCOME10');
  // Keyboard focus stays on the button.
  await expect(btn).toBeFocused();
});

test('form in a bar: after success focus is on the success message, which is read', async ({ page }) => {
  await host(page, { config: { version: 1, campaigns: [{ id: 'bar', type: 'bar', placement: { position: 'bottom' }, content: NEWSLETTER }] } });
  const bar = widget(page, 'bar');
  await bar.getByLabel('Email').focus();
  await page.keyboard.type('a@b.co');
  await page.keyboard.press('Enter');
  await expect(bar.getByRole('status')).toHaveText('Thanks, check your inbox!');
  await expect(bar.getByRole('status')).toBeFocused();
});

test('countdown: no live region ticks, and at zero the campaign retires', async ({ page }) => {
  await page.clock.install(); // the 4 s to zero pass on Playwright's clock
  const until = new Date(Date.now() + 4000).toISOString();
  await host(page, { config: { version: 1, campaigns: [{ id: 'bar', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Flash sale', countdown: { until, label: 'Ends in' } } }] } });
  const bar = widget(page, 'bar');
  await expect(bar).toHaveCount(1);
  const cdp = await page.context().newCDPSession(page);
  const live = async () => {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as any;
    return nodes.filter((n: any) => n.properties?.some((p: any) => p.name === 'live' && p.value.value !== 'off')).map((n: any) => n.name?.value ?? '');
  };
  const liveNow = await live();
  const tree = await bar.evaluate((h) => h.shadowRoot!.querySelector('.cd')!.textContent);
  expect(liveNow.join('|')).not.toMatch(/\d\d:\d\d:\d\d/);
  expect(tree).toContain('Ends in');
  await page.clock.runFor(4500);
  await expect(bar).toHaveCount(0, { timeout: 8000 });
});
