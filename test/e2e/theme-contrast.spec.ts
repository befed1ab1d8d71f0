import { expect, test, type Locator, type Page } from '@playwright/test';
import { backdrop, config, contrast, host, open, over, paintedA, quizAt, textContrast, type Colors } from './themeHelpers.js';

// Contrast of themed widget parts (mountWidget.tsx BASE: --bk-on, --bk-err, --bk-line, focus
// rings in the text colour; lit stars outlined). A translucent accent is a known gap.

/** Focuses `el` as the keyboard would and returns its ring's contrast with what surrounds it. */
async function ringContrast(el: Locator) {
  await el.focus();
  const style = await el.evaluate((e) => {
    const s = getComputedStyle(e);
    return { visible: e.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(style.visible).toBe(true);
  expect(style.style).not.toBe('none');
  expect(style.width).toBeGreaterThanOrEqual(2);
  // The ring sits outside the element (offset 2px), so it is seen against the parent's backdrop.
  const around = await backdrop(el, false);
  return contrast(over(await paintedA(el, 'outlineColor'), around), around);
}

async function submitEmptyForm(page: Page, colors: Colors, at = 'popup') {
  await open(page, config('form', at, colors));
  const h = host(page);
  await h.getByRole('button', { name: 'Join' }).click();
  await expect(h.locator('.er').first()).toBeVisible();
  return h;
}

// 1. Error red on cards whose lightness is mid-range: the red is only ever #b91c1c-like or #fca5a5-like.
for (const [name, colors] of [
  ['a brand-blue card with white text', { background: '#1d4ed8', text: '#ffffff' }],
  ['a light grey card (#d1d5db) with dark text', { background: '#d1d5db', text: '#111827' }],
  ['a mid grey card (#6b7280) with white text', { background: '#6b7280', text: '#ffffff' }],
] as const) {
  test(`form errors read (4.5:1) on ${name}`, async ({ page }) => {
    const h = await submitEmptyForm(page, colors);
    // The theme itself is fine: its own text reads.
    expect(await textContrast(h.locator('h2'))).toBeGreaterThanOrEqual(4.5);
    expect(await textContrast(h.locator('.er').first())).toBeGreaterThanOrEqual(4.5);
  });
}

// 2. A half-transparent card background: the error red is chosen as if the card were opaque.
test('form errors read (4.5:1) on an inline card with a translucent dark tint (rgba)', async ({ page }) => {
  const h = await submitEmptyForm(page, { background: 'rgba(17, 24, 39, 0.08)', text: '#111827' }, 'inline');
  expect(await textContrast(h.locator('h2'))).toBeGreaterThanOrEqual(4.5);
  expect(await textContrast(h.locator('.er').first())).toBeGreaterThanOrEqual(4.5);
});

// 3. Text on the accent, near the white/black switch point (lab() is D50, WCAG luminance D65).
for (const accent of ['#e11d48']) {
  test(`call to action text reads (4.5:1) on an accent of ${accent}`, async ({ page }) => {
    await open(page, config('message', 'popup', { accent }));
    expect(await textContrast(host(page).getByRole('link', { name: 'Shop the sale' }))).toBeGreaterThanOrEqual(4.5);
  });
}

// 5. Focus rings are drawn in the accent against the card: 3:1 (WCAG 2.4.11 / 1.4.11).
for (const [name, colors] of [
  ['a yellow accent on the default white card', { accent: '#ffd400' }],
  ['a lime accent on the default white card', { accent: '#a3e635' }],
  ['a dark card with the default accent', { background: '#111827', text: '#f9fafb' }],
  ['a card the colour of the accent', { background: '#1d4ed8', text: '#ffffff', accent: '#1d4ed8' }],
] as const) {
  test(`focus rings are visible (3:1) with ${name}`, async ({ page }) => {
    await open(page, config('message', 'popup', colors));
    const h = host(page);
    await expect(h.getByRole('link', { name: 'Shop the sale' })).toBeVisible();
    const rings = {
      close: await ringContrast(h.getByRole('button', { name: 'Close' })),
      link: await ringContrast(h.getByRole('link', { name: 'the terms' })),
      copy: await ringContrast(h.getByRole('button', { name: 'Copy code' })),
      cta: await ringContrast(h.getByRole('link', { name: 'Shop the sale' })),
      secondary: await ringContrast(h.getByRole('button', { name: 'No thanks' })),
    };
    for (const [what, ratio] of Object.entries(rings)) expect.soft(ratio, what).toBeGreaterThanOrEqual(3);
  });
}

async function toStars(page: Page, colors: Colors) {
  const q = await quizAt(page, colors);
  await q.getByRole('radio', { name: '7' }).check();
  await q.getByRole('button', { name: 'Next' }).click();
  await expect(q.getByRole('radio', { name: /^4 of 5/ })).toBeAttached();
  return q;
}

// 6. Star ratings: the lit stars are the accent on the card; the unlit ones #767676.
for (const [name, colors] of [
  ['a mid grey card with white text', { background: '#6b7280', text: '#ffffff', accent: '#facc15' }],
] as const) {
  test(`picked and unpicked stars are visible (3:1) with ${name}`, async ({ page }) => {
    const q = await toStars(page, colors);
    await q.getByRole('radio', { name: /^4 of 5/ }).check();
    const stars = q.locator('.st span');
    const card = await backdrop(q.locator('.w'));
    const lit = contrast(over(await paintedA(stars.nth(3), 'color'), card), card);
    const unlit = contrast(over(await paintedA(stars.nth(4), 'color'), card), card);
    expect.soft(lit, 'picked star vs card').toBeGreaterThanOrEqual(3);
    expect.soft(unlit, 'unpicked star vs card').toBeGreaterThanOrEqual(3);
  });
}

// 6b. A light accent on a white card: the lit star's fill is 1.43:1, its outline (in the
// colour that reads on the accent) gives it an edge.
test('a lit star in a yellow accent on a white card has an edge that stands out (3:1)', async ({ page }) => {
  const q = await toStars(page, { accent: '#ffd400' });
  await q.getByRole('radio', { name: /^4 of 5/ }).check();
  const stars = q.locator('.st span');
  const card = await backdrop(q.locator('.w'));
  for (const n of [0, 3]) {
    const star = stars.nth(n);
    expect(parseFloat(await star.evaluate((e) => getComputedStyle(e).webkitTextStrokeWidth))).toBeGreaterThanOrEqual(1);
    const fill = contrast(over(await paintedA(star, 'color'), card), card);
    const edge = contrast(over(await paintedA(star, 'webkitTextStrokeColor'), card), card);
    expect(Math.max(fill, edge), `star ${n + 1}`).toBeGreaterThanOrEqual(3);
  }
  // An unlit star has no outline: lit and unlit stay apart by more than colour.
  expect(await stars.nth(4).evaluate((e) => getComputedStyle(e).webkitTextStrokeWidth)).toBe('0px');
});

// 7. Field and choice borders are a fixed #767676: 3:1 against the card (WCAG 1.4.11).
test('form field borders are visible (3:1) on a mid grey card', async ({ page }) => {
  await open(page, config('form', 'popup', { background: '#6b7280', text: '#ffffff' }));
  const h = host(page);
  const card = await backdrop(h.locator('.w'));
  expect(await textContrast(h.locator('h2'))).toBeGreaterThanOrEqual(4.5);
  const border = contrast(over(await paintedA(h.getByRole('textbox', { name: 'Email' }), 'borderTopColor'), card), card);
  expect(border).toBeGreaterThanOrEqual(3);
});

// 8. The picked NPS value (.z span) is filled with the accent: it must stand out from the card.
test('a picked scale value stands out (3:1) from the card with a yellow accent', async ({ page }) => {
  const q = await toStars(page, { accent: '#ffd400' });
  await q.getByRole('button', { name: 'Back' }).click();
  const picked = q.locator('.z :checked + span');
  await expect(picked).toHaveText('7');
  const card = await backdrop(q.locator('.w'));
  const fill = contrast(over(await paintedA(picked, 'backgroundColor'), card), card);
  const edge = contrast(over(await paintedA(picked, 'borderTopColor'), card), card);
  expect(Math.max(fill, edge)).toBeGreaterThanOrEqual(3);
  expect(await textContrast(picked)).toBeGreaterThanOrEqual(4.5);
});
