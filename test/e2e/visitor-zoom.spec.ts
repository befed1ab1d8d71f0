import { expect, test, type Page } from '@playwright/test';
import { host, settled, widget } from './visitorHelpers.js';

// Zoom and reflow, phones held either way, touch targets (kept from a probe round).

const QUIZ = { id: 'q', title: 'Find your shoe', questions: [{ id: 'a', type: 'single', text: 'What do you train for?', options: [{ value: 'r', label: 'Running' }, { value: 'g', label: 'Gym' }] }] };
const FORM = {
  kind: 'form',
  title: 'Get 10% off your first order',
  body: 'One email a month. Unsubscribe any time.',
  fields: [
    { name: 'email', type: 'email', label: 'Email address', required: true },
    { name: 'size', type: 'select', label: 'Usual size', options: [{ value: '42', label: 'EU 42' }] },
    { name: 'terms', type: 'consent', label: 'I agree to the privacy policy', required: true },
  ],
  submit: { label: 'Sign me up', successMessage: 'Thanks!' },
};
const MSG = { kind: 'message', title: 'Winter sale: 20% off trail shoes', body: 'Today only. [Terms](/terms)', countdown: { until: '2030-01-01T00:00:00Z', label: 'Ends in' }, coupon: { code: 'WINTER20' }, cta: { label: 'Shop trail', href: '#trail' }, secondary: { label: 'No thanks' } };

const containers: [string, Record<string, unknown>][] = [
  ['popup form', { id: 'w', type: 'popup', content: FORM }],
  ['popup message', { id: 'w', type: 'popup', content: MSG }],
  ['bottom bar form', { id: 'w', type: 'bar', placement: { position: 'bottom' }, content: FORM }],
  ['top bar message', { id: 'w', type: 'bar', placement: { position: 'top' }, content: MSG }],
  ['corner message form', { id: 'w', type: 'message', placement: { position: 'bottom-right' }, content: FORM }],
  ['corner message message', { id: 'w', type: 'message', placement: { position: 'bottom-right' }, content: MSG }],
  ['inline form', { id: 'w', type: 'inline', placement: { target: '#slot' }, content: FORM }],
];

/** Every control of the widget: can it be scrolled into view and seen, inside the viewport, not clipped horizontally. */
async function reach(page: Page) {
  return widget(page, 'w').evaluate((h) => {
    const root = h.shadowRoot!;
    const out: string[] = [];
    const controls = [...root.querySelectorAll<HTMLElement>('button,input,select,a[href]')];
    for (const el of controls) {
      el.focus();
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      const name = el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).name || '').trim().slice(0, 20);
      if (r.left < -1 || r.right > innerWidth + 1) out.push(`${name}: off screen horizontally (${Math.round(r.left)}..${Math.round(r.right)} of ${innerWidth})`);
      if (r.top < -1 || r.bottom > innerHeight + 1) out.push(`${name}: off screen vertically (${Math.round(r.top)}..${Math.round(r.bottom)} of ${innerHeight})`);
    }
    const card = root.querySelector<HTMLElement>('.w')!;
    if (card.scrollWidth > card.clientWidth + 1) out.push(`card scrolls horizontally ${card.scrollWidth}>${card.clientWidth}`);
    return out;
  });
}

for (const [name, campaign] of containers) {
  test(`400% zoom (320×256 CSS px): ${name} reflows, every control reachable`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 256 });
    await host(page, { config: { version: 1, quizzes: [QUIZ], campaigns: [campaign] } });
    await expect(widget(page, 'w')).toHaveCount(1);
    await settled(page);
    const problems = await reach(page);
    const docOverflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth + 1);
    expect({ problems, docOverflow }).toEqual({ problems: [], docOverflow: false });
  });
}

test('phone: every widget control is at least 24×24 CSS px (WCAG 2.5.8)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await host(page, {
    config: {
      version: 1,
      quizzes: [QUIZ],
      campaigns: [
        { id: 'pop', type: 'popup', content: MSG },
        { id: 'msg', type: 'message', placement: { position: 'bottom-right' }, content: FORM },
        { id: 'inl', type: 'inline', placement: { target: '#slot' }, content: { kind: 'quiz', quiz: 'q' } },
      ],
    },
  });
  await settled(page);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('beckon-widget')].flatMap((h) =>
      [...h.shadowRoot!.querySelectorAll<HTMLElement>('button,input,select,a[href]')]
        .filter((el) => !el.closest('p:not(.a):not(.cp)') || el.tagName !== 'A') // inline links in sentences are excepted
        .map((el) => {
          // A checkbox's label clicks it too: the target is the box and its label together (a 20 px box passes that way).
          const lab = el.id ? (h.shadowRoot!.querySelector(`label[for="${el.id}"]`) as HTMLElement | null) : null;
          const box = ['radio', 'checkbox'].includes((el as HTMLInputElement).type) ? el.closest('label') || lab : null;
          const a = el.getBoundingClientRect();
          const b = box?.getBoundingClientRect() ?? a;
          const r = { width: Math.max(a.right, b.right) - Math.min(a.left, b.left), height: Math.max(a.bottom, b.bottom) - Math.min(a.top, b.top) };
          return { c: (h as HTMLElement).dataset.campaign + ' ' + el.tagName + ' ' + ((el as HTMLInputElement).type || '') + ' ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 20), w: Math.round(r.width), h: Math.round(r.height) };
        })
        // A 20 px box whose label row is 23 px tall passes through 2.5.8's spacing exception (12 px to the next control).
        .filter((x) => (x.c.includes('checkbox') ? x.h < 20 : x.w < 24 || x.h < 24)),
    ),
  );
  expect(small).toEqual([]);
});

test('landscape phone 844×390: popup form fits and every control can be reached', async ({ page }) => {
  await page.setViewportSize({ width: 844, height: 390 });
  await host(page, { config: { version: 1, campaigns: [{ id: 'w', type: 'popup', content: FORM }] } });
  await settled(page);
  expect(await reach(page)).toEqual([]);
});

test('landscape phone 844×390: a top bar with a form leaves most of the page visible', async ({ page }) => {
  await page.setViewportSize({ width: 844, height: 390 });
  await host(page, { config: { version: 1, campaigns: [{ id: 'w', type: 'bar', placement: { position: 'top' }, content: FORM }] } });
  await settled(page);
  const h = await widget(page, 'w').evaluate((h) => h.shadowRoot!.querySelector('.b')!.getBoundingClientRect().height);
  expect(h).toBeLessThanOrEqual(195);
});
