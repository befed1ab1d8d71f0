import { expect, test, type Locator, type Page } from '@playwright/test';
import { axe, watchPage } from './pageWatch.js';

// A store's own colours, in real Chromium: text on the accent (the call to action, a picked
// rating) is black or white, whichever reads on it, and a form's errors are a red that
// reads on the card, whatever syntax the marketer wrote the colours in.

async function open(page: Page, config: Record<string, unknown>) {
  const name = `theme-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  await page.goto(`/fixtures/widgets.html?config=${name}`);
}

/** The sRGB bytes a computed colour paints (Chromium gives relative colours as color(xyz-d65 …)). */
const painted = (locator: Locator, property: 'color' | 'backgroundColor' | 'borderTopColor') =>
  locator.evaluate((el, property) => {
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d')!;
    context.fillStyle = getComputedStyle(el)[property];
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, property);

/** WCAG 2 contrast ratio of two sRGB colours. */
function contrast(a: number[], b: number[]) {
  const weights = [0.2126, 0.7152, 0.0722];
  const luminance = (rgb: number[]) =>
    rgb.map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * weights[i]!, 0);
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const offer = (accent: string) => ({
  version: 1,
  theme: { colors: { accent } },
  campaigns: [{ id: 'offer', type: 'popup', content: { kind: 'message', title: 'Summer sale', body: 'Everything 20% off.', cta: { label: 'Shop the sale', href: '/sale' } } }],
});

for (const [accent, text] of [
  ['#ffd400', 'black'],
  ['gold', 'black'],
  ['hsl(48, 100%, 50%)', 'black'],
  ['#22c55e', 'black'],
  ['#1d4ed8', 'white'],
  ['navy', 'white'],
  ['rgb(127, 29, 29)', 'white'],
  ['rgba(29, 78, 216, 0.5)', 'white'],
] as const) {
  test(`a call to action on an accent of ${accent} is written in ${text}, and passes axe`, async ({ page }) => {
    const watch = watchPage(page);
    await open(page, offer(accent));
    const cta = page.getByRole('dialog', { name: 'Summer sale' }).getByRole('link', { name: 'Shop the sale' });
    await expect(cta).toBeVisible();
    expect(await painted(cta, 'color')).toEqual(text === 'black' ? [0, 0, 0] : [255, 255, 255]);
    // A half-transparent accent over the white card: its text is opaque.
    if (!accent.startsWith('rgba')) expect(contrast(await painted(cta, 'color'), await painted(cta, 'backgroundColor'))).toBeGreaterThanOrEqual(4.5);
    expect(await axe(page)).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });
}

const signup = (colors: Record<string, string>) => ({
  version: 1,
  theme: { colors },
  campaigns: [
    {
      id: 'join',
      type: 'popup',
      content: {
        kind: 'form',
        title: 'Join the club',
        fields: [
          { name: 'email', type: 'email', label: 'Email', required: true },
          { name: 'terms', type: 'consent', label: 'I agree to the terms', required: true },
        ],
      },
    },
  ],
});

for (const [label, colors, dark] of [
  ['a dark card (#111827)', { background: '#111827', text: '#f9fafb', accent: '#facc15' }, true],
  ['a black card (named)', { background: 'black', text: 'white' }, true],
  ['the default white card', {}, false],
  ['a cream card (hsl)', { background: 'hsl(40, 60%, 94%)' }, false],
] as const) {
  test(`a form's errors on ${label} read on it, and pass axe`, async ({ page }) => {
    const watch = watchPage(page);
    await open(page, signup(colors));
    const popup = page.getByRole('dialog', { name: 'Join the club' });
    await popup.getByRole('button', { name: 'Submit' }).click();
    const errors = popup.getByRole('alert');
    await expect(errors).toHaveText(['This field is required', 'Please tick this box to continue']);
    const card = popup.locator('.w');
    const background = await painted(card, 'backgroundColor');
    for (const error of await errors.all()) expect(contrast(await painted(error, 'color'), background)).toBeGreaterThanOrEqual(4.5);
    // The invalid field's outline is a boundary to see: 3:1 (WCAG 1.4.11).
    expect(contrast(await painted(popup.getByRole('textbox', { name: 'Email' }), 'borderTopColor'), background)).toBeGreaterThanOrEqual(3);
    // Dark text gives a clearly red error; light text, a pale one.
    const [r, g, b] = await painted(errors.first(), 'color');
    if (!dark) expect(r! - Math.max(g!, b!)).toBeGreaterThan(40);
    expect(await axe(page)).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.beckonWarnings()).toEqual([]);
  });
}
