import { expect, test, type Locator, type Page } from '@playwright/test';
import { axe } from './pageWatch.js';
import { backdrop, config, contrast, host, open, over, paintedA, quizAt, where, type Colors } from './themeHelpers.js';

// Windows High Contrast / forced colours: every boundary drawn, picked values distinguishable.

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
});

const drawn = async (el: Locator) =>
  el.evaluate((e) => {
    const s = getComputedStyle(e);
    return { style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), color: s.borderTopColor };
  });

for (const at of Object.keys(where)) {
  test(`forced colours: the ${at} card, its buttons and fields have visible borders`, async ({ page }) => {
    await open(page, config('form', at));
    const h = host(page);
    await expect(h.getByRole('button', { name: 'Join' })).toBeVisible();
    for (const el of [h.locator('.w'), h.getByRole('button', { name: 'Join' }), h.getByRole('button', { name: 'Close' }), h.getByRole('textbox', { name: 'Email' })]) {
      const b = await drawn(el);
      expect(b.style).not.toBe('none');
      expect(b.width).toBeGreaterThanOrEqual(1);
      expect((await paintedA(el, 'borderTopColor'))[3]).toBe(255);
    }
    expect(await axe(page)).toEqual([]);
  });
}


test('forced colours: a picked NPS value differs from the others', async ({ page }) => {
  const q = await quizAt(page);
  await q.getByRole('radio', { name: '7' }).check();
  const spans = q.locator('.z span');
  const picked = await paintedA(spans.nth(7), 'backgroundColor');
  const other = await paintedA(spans.nth(6), 'backgroundColor');
  expect(picked).not.toEqual(other);
  expect(await paintedA(spans.nth(7), 'color')).not.toEqual(picked);
  expect(await axe(page)).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const)
  test(`forced colours (${colorScheme}): every star up to the picked one, the picked one too, is lit in the system highlight and readable`, async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active', colorScheme });
    const q = await quizAt(page);
    await q.getByRole('radio', { name: '7' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await q.getByRole('radio', { name: /^3 of 5/ }).check();
    const spans = q.locator('.st span');
    const card = await backdrop(q.locator('.w'));
    const look = async (i: number) => {
      const bg = over(await paintedA(spans.nth(i), 'backgroundColor'), card);
      const fg = over(await paintedA(spans.nth(i), 'color'), bg);
      return { bg, fg, contrast: contrast(fg, bg) };
    };
    const lit = [await look(0), await look(1), await look(2)];
    const unlit = [await look(3), await look(4)];
    // The picked star looks like the ones before it, and unlike the ones after it.
    expect.soft(lit[2], 'picked star vs star 1').toEqual(lit[0]);
    expect.soft(lit[0]!.bg, 'lit vs unlit background').not.toEqual(unlit[0]!.bg);
    // A lit star's glyph reads on its highlight (3:1 for a graphic).
    for (const [i, s] of lit.entries()) expect.soft(s.contrast, `star ${i + 1}: ${JSON.stringify(s)}`).toBeGreaterThanOrEqual(3);
  });

test('forced colours: a focused scale value shows a ring', async ({ page }) => {
  const q = await quizAt(page);
  await q.getByRole('radio', { name: '7' }).check();
  // Moved onto by the keyboard, so :focus-visible holds.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  expect(await q.getByRole('radio', { name: '7' }).evaluate((e) => e.matches(':focus-visible'))).toBe(true);
  const span = q.locator('.z span').nth(7);
  const ring = await span.evaluate((e) => {
    const s = getComputedStyle(e);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  const outline = await paintedA(span, 'outlineColor');
  // The ring sits 2px outside the span, on the card (Canvas): it must differ from it.
  expect(outline).not.toEqual(await paintedA(q.locator('.w'), 'backgroundColor'));
});
