import type { Locator, Page } from '@playwright/test';

export async function open(page: Page, config: Record<string, unknown>) {
  const name = `theme-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  await page.goto(`/fixtures/widgets.html?config=${name}`);
}

export type Colors = Record<string, string>;

export const where: Record<string, Record<string, unknown>> = {
  popup: { type: 'popup' },
  'bar-top': { type: 'bar', placement: { position: 'top' } },
  'bar-bottom': { type: 'bar', placement: { position: 'bottom' } },
  message: { type: 'message', placement: { position: 'bottom-right' } },
  inline: { type: 'inline', placement: { target: '#slot', mode: 'append' } },
};

export const messageContent = {
  kind: 'message',
  title: 'Summer sale',
  body: 'Everything **20% off**, see [the terms](/terms).',
  image: { src: '/assets/favicon.svg', alt: 'A shoe' },
  countdown: { until: '2099-01-01T00:00:00Z', label: 'Ends in' },
  coupon: { code: 'SUMMER20' },
  cta: { label: 'Shop the sale', href: '/sale' },
  secondary: { label: 'No thanks' },
};

export const formContent = {
  kind: 'form',
  title: 'Join the club',
  body: 'Members get [early access](/early).',
  fields: [
    { name: 'email', type: 'email', label: 'Email', required: true },
    { name: 'name', type: 'text', label: 'Name', required: true },
    { name: 'phone', type: 'tel', label: 'Phone', required: true },
    { name: 'size', type: 'select', label: 'Usual size', required: true, options: [{ value: '42', label: 'EU 42' }, { value: '43', label: 'EU 43' }] },
    { name: 'newsletter', type: 'checkbox', label: 'Send me the newsletter', required: true },
    { name: 'terms', type: 'consent', label: 'I agree to the terms', required: true },
  ],
  submit: { label: 'Join', successMessage: 'Welcome to the club!' },
};

export const quiz = {
  id: 'fit-quiz',
  title: 'Find your fit',
  body: 'A few questions.',
  questions: [
    { id: 'terrain', type: 'single', required: true, text: 'Where do you run most?', options: [{ value: 'road', label: 'Road' }, { value: 'trail', label: 'Trail' }] },
    { id: 'goals', type: 'multiple', required: true, text: 'What matters to you?', help: 'Choose up to two.', max: 2, options: [{ value: 'cushion', label: 'Cushioning' }, { value: 'speed', label: 'Speed' }, { value: 'grip', label: 'Grip' }] },
    { id: 'look', type: 'image', required: true, text: 'Which look?', options: [{ value: 'bold', label: 'Bold', image: { src: '/assets/favicon.svg', alt: 'A bright shoe' } }, { value: 'classic', label: 'Classic', image: { src: '/assets/favicon.svg', alt: 'A plain shoe' } }] },
    { id: 'recommend', type: 'rating', scale: 'nps', required: true, text: 'Would you recommend us?' },
    { id: 'comfort', type: 'rating', scale: 'stars', required: true, text: 'How comfortable?', lowLabel: 'Poor', highLabel: 'Great' },
    { id: 'wish', type: 'text', required: true, text: 'What would you change?' },
    { id: 'email', type: 'email', required: true, text: 'Where should we send your match?' },
  ],
  results: [{ title: 'Your match: the Trail Grip', body: 'Picked from **your answers**, see [details](/d).', cta: { label: 'See it', href: '/products/trail-grip' } }],
};

export function config(kind: 'message' | 'form' | 'quiz', at: string, colors?: Colors) {
  const content = kind == 'message' ? messageContent : kind == 'form' ? formContent : { kind: 'quiz', quiz: 'fit-quiz' };
  return {
    version: 1,
    ...(colors ? { theme: { colors } } : {}),
    ...(kind == 'quiz' ? { quizzes: [quiz] } : {}),
    campaigns: [{ id: 'c-' + at, frequency: { maxImpressions: 999, maxPerSession: 999 }, ...where[at], content }],
  };
}

export const host = (page: Page) => page.locator('beckon-widget');

/** The sRGB bytes a computed colour paints, alpha included. */
export const paintedA = (locator: Locator, property: string) =>
  locator.evaluate((el, property) => {
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d')!;
    context.fillStyle = (getComputedStyle(el) as any)[property];
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data];
  }, property);

/** The background an element's own box shows, composited over its ancestors' (shadow hosts crossed) and white. */
export const backdrop = (locator: Locator, self = true) =>
  locator.evaluate((el, self) => {
    const chain: Element[] = [];
    let e: Element | null = self ? el : (el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null));
    while (e) {
      chain.push(e);
      e = e.parentElement ?? (((e.getRootNode() as ShadowRoot).host as Element) || null);
    }
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 1, 1);
    for (const a of chain.reverse()) {
      context.fillStyle = getComputedStyle(a).backgroundColor;
      context.fillRect(0, 0, 1, 1);
    }
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, self);

/** A colour with alpha composited over `under`. */
export const over = (c: number[], under: number[]) => {
  const a = (c[3] ?? 255) / 255;
  return [0, 1, 2].map((i) => Math.round(c[i]! * a + under[i]! * (1 - a)));
};

export function contrast(a: number[], b: number[]) {
  const weights = [0.2126, 0.7152, 0.0722];
  const luminance = (rgb: number[]) =>
    rgb
      .slice(0, 3)
      .map((c) => c / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * weights[i]!, 0);
  const [x, y] = [luminance(a), luminance(b)];
  return Math.round(((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)) * 100) / 100;
}

/** Text colour vs its own box's composited backdrop. */
export async function textContrast(locator: Locator) {
  const bg = await backdrop(locator);
  return contrast(over(await paintedA(locator, 'color'), bg), bg);
}

export const textSpacing =
  '*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}p{margin-bottom:2em!important}';

/** Injects the WCAG 1.4.12 text-spacing bookmarklet's rules into the page and every widget's shadow root. */
export async function injectTextSpacing(page: Page) {
  await page.evaluate((css) => {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
    for (const h of document.querySelectorAll('beckon-widget')) {
      const r = h.shadowRoot!;
      r.adoptedStyleSheets = [...r.adoptedStyleSheets, s];
    }
  }, textSpacing);
}

/** A quiz popup in these colours, answered up to its scale question. */
export async function quizAt(page: Page, colors?: Colors) {
  await open(page, config('quiz', 'popup', colors));
  const q = host(page);
  await q.getByRole('radio', { name: 'Road' }).check();
  await q.getByRole('button', { name: 'Next' }).click();
  await q.getByRole('checkbox', { name: 'Speed' }).check();
  await q.getByRole('button', { name: 'Next' }).click();
  await q.getByRole('radio', { name: 'Bold' }).check();
  await q.getByRole('button', { name: 'Next' }).click();
  return q;
}
