import { devices, expect, test, type Page } from '@playwright/test';
import { cardBox, events, host, settled, shot, widget } from './visitorHelpers.js';

// what a visitor on a phone meets — every container with every content kind on
// common phone screens: it fits, every control can be reached and tapped, × closes it with a
// tap, tap targets are at least 24 px (WCAG 2.5.8).

const QUIZ = {
  id: 'q',
  title: 'Find your shoe',
  questions: [
    { id: 'sport', type: 'single', text: 'What do you train for?', options: [{ value: 'running', label: 'Running', next: 'nps' }, { value: 'gym', label: 'Gym', next: 'nps' }] },
    { id: 'nps', type: 'rating', scale: 'nps', text: 'How likely are you to recommend us?' },
  ],
};

const CONTENT: Record<string, Record<string, unknown>> = {
  message: {
    kind: 'message',
    title: 'Ten percent off your first order',
    body: 'Today only. [Terms](/terms)',
    cta: { label: 'Shop now', href: '#shop' },
    secondary: { label: 'No thanks' },
    coupon: { code: 'WELCOME10' },
  },
  form: {
    kind: 'form',
    title: 'Join the club',
    body: 'Early access to every sale.',
    fields: [
      { name: 'email', type: 'email', label: 'Email', required: true },
      { name: 'size', type: 'select', label: 'Shoe size', options: [{ value: '42', label: 'EU 42' }, { value: '43', label: 'EU 43' }] },
      { name: 'ok', type: 'consent', label: 'I agree to the privacy policy', required: true },
    ],
    submit: { label: 'Sign up', successMessage: 'Welcome!' },
  },
  quiz: { kind: 'quiz', quiz: 'q' },
};

/** Pages (campaign layouts) per device: one popup; two bars; two corner messages on opposite edges plus inline. */
function layouts(kind: string, corners: [string, string]) {
  const c = CONTENT[kind];
  return {
    popup: [{ id: 'pop', type: 'popup', content: c }],
    bars: [
      { id: 'bar-top', type: 'bar', placement: { position: 'top' }, content: c },
      { id: 'bar-bottom', type: 'bar', placement: { position: 'bottom' }, content: kind === 'quiz' ? CONTENT.message : c },
    ],
    corners: [
      { id: 'msg-a', type: 'message', placement: { position: corners[0] }, content: c },
      { id: 'msg-b', type: 'message', placement: { position: corners[1] }, content: CONTENT.message },
      { id: 'inl', type: 'inline', placement: { target: '#slot', mode: 'append' }, content: c },
    ],
  } as Record<string, Record<string, unknown>[]>;
}

function strip(d: (typeof devices)[string]) {
  const { defaultBrowserType: _ignored, ...rest } = d;
  return rest;
}

const DEVICES: [string, Record<string, unknown>, [string, string]][] = [
  ['iPhone 13', strip(devices['iPhone 13']), ['top-left', 'bottom-right']],
  ['Pixel 7', strip(devices['Pixel 7']), ['top-right', 'bottom-left']],
  ['iPhone 13 landscape', strip(devices['iPhone 13 landscape']), ['bottom-left', 'top-right']],
  ['320x568 small phone', { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, ['bottom-right', 'top-left']],
];

/** For every widget showing: which controls cannot be reached (scrolled to, on screen, not covered), and which are under 24×24 without spacing. */
async function audit(page: Page) {
  return page.locator('beckon-widget').evaluateAll((hosts) => {
    const problems: string[] = [];
    for (const h of hosts) {
      const id = (h as HTMLElement).dataset.campaign;
      const root = h.shadowRoot!;
      const card = root.querySelector<HTMLElement>('dialog[open] .w, dialog.d[open], .w')!;
      const cr = card.getBoundingClientRect();
      if (cr.left < -0.5 || cr.right > innerWidth + 0.5) problems.push(`${id}: card ${Math.round(cr.left)}..${Math.round(cr.right)} outside 0..${innerWidth}`);
      if (card.scrollWidth > card.clientWidth + 1) problems.push(`${id}: card scrolls sideways (${card.scrollWidth} > ${card.clientWidth})`);
      const controls = [...card.querySelectorAll<HTMLElement>('button,a,input,select,textarea')].filter((e) => e.getClientRects().length);
      for (const e of controls) {
        // An inline widget scrolls with the page: the visitor brings a control to the middle of the screen, clear of fixed corner cards.
        e.scrollIntoView({ block: (h as HTMLElement).dataset.type === 'inline' ? 'center' : 'nearest', inline: 'nearest' });
        const r = e.getBoundingClientRect();
        const name = (e.getAttribute('aria-label') || e.textContent || (e as HTMLInputElement).labels?.[0]?.textContent || e.tagName).trim().slice(0, 24);
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (x < 0 || x > innerWidth || y < 0 || y > innerHeight) {
          problems.push(`${id}: "${name}" off screen at ${Math.round(x)},${Math.round(y)}`);
          continue;
        }
        // For opacity-0 inputs (rating scale) their label's span is what is hit.
        const hit = root.elementFromPoint(x, y);
        const own = hit && (e.contains(hit) || hit.contains(e) || (e as HTMLInputElement).labels?.[0]?.contains(hit));
        // An inline widget sits under fixed corner cards by design (they overlay the page).
        if (!own && (h as HTMLElement).dataset.type !== 'inline') problems.push(`${id}: "${name}" covered by ${hit ? hit.tagName + '.' + hit.className : document.elementFromPoint(x, y)?.tagName}`);
        if (getComputedStyle(e).opacity === '0') continue;
        if (r.width >= 24 && r.height >= 24) continue;
        if (e.tagName === 'A' && e.closest('p') && !e.classList.length) continue; // inline link in a sentence: excepted
        const labels = [...((e as HTMLInputElement).labels ?? [])];
        if (labels.some((l) => l.getBoundingClientRect().height >= 24)) continue;
        const cx = x, cy = y;
        const near = [...root.querySelectorAll('button,a,input,select,textarea,label')].some((o) => {
          if (o === e || labels.includes(o as HTMLLabelElement) || o.contains(e)) return false;
          const b = o.getBoundingClientRect();
          const dx = Math.max(b.left - cx, 0, cx - b.right), dy = Math.max(b.top - cy, 0, cy - b.bottom);
          return Math.hypot(dx, dy) < 12;
        });
        if (near) problems.push(`${id}: "${name}" ${Math.round(r.width)}×${Math.round(r.height)} < 24 px and crowded`);
      }
    }
    return problems;
  });
}

for (const [dname, device, corners] of DEVICES) {
  test.describe(`on ${dname}`, () => {
    test.use(device);
    for (const kind of ['message', 'form', 'quiz']) {
      for (const layout of ['popup', 'bars', 'corners']) {
        test(`${layout} with ${kind}: fits, every control reachable and ≥ 24 px, × closes with a tap`, async ({ page }) => {
          let campaigns = layouts(kind, corners)[layout]!;
          await host(page, { config: { version: 1, quizzes: [QUIZ], campaigns } });
          // On a phone two corners of one edge share a slot; ours are on opposite edges, so all
          // show, except on a phone shorter than 600 px, where the four corners are one slot,
          // and so are the two edges for bars (two form bars would cover each other there).
          const [narrow, short] = await page.evaluate(() => [innerWidth < 752, innerHeight < 600]);
          if (narrow && short && layout === 'corners') campaigns = campaigns.filter((c) => c.id !== 'msg-b');
          if (short && layout === 'bars') campaigns = campaigns.filter((c) => c.id !== 'bar-bottom');
          await expect(page.locator('beckon-widget')).toHaveCount(campaigns.length);
          await settled(page);
          await shot(page, `phone-${dname.replace(/\W+/g, '_')}-${layout}-${kind}`);
          const problems = await audit(page);
          // A tap on each fixed widget's ×, in turn: it goes, and a dismissal is counted.
          const closed: string[] = [];
          for (const c of campaigns) {
            if (c.type === 'inline') continue;
            const x = widget(page, c.id as string).locator('.x').first();
            await x.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
            await x.tap({ timeout: 3000 }).catch((e) => problems.push(`${c.id}: × not tappable: ${String(e).split('\n')[0]}`));
            await expect(widget(page, c.id as string)).toHaveCount(0, { timeout: 2000 }).catch(() => problems.push(`${c.id}: still shown after tapping ×`));
            closed.push(...(await events(page, 'dismiss')).map((e) => e.campaignId).filter((id: string) => id === c.id));
          }
          expect(problems).toEqual([]);
          expect(closed).toEqual(campaigns.filter((c) => c.type !== 'inline').map((c) => c.id));
        });
      }
    }
  });
}

const FORM_MSG = (id: string, position: string) => ({ id, type: 'message', placement: { position }, content: CONTENT.form });
const NOTE_MSG = (id: string, position: string) => ({ id, type: 'message', placement: { position }, content: { kind: 'message', title: 'Need help choosing a size?', body: 'Chat with our fitting team, every day 9–21.', cta: { label: 'Chat now', href: '#chat' } } });

/** Which campaign the finger meets at the centre of each widget's ×. */
const xHits = (page: Page) =>
  page.locator('beckon-widget').evaluateAll((hs) =>
    Object.fromEntries(hs.map((h) => {
      const b = h.shadowRoot!.querySelector('.x')!.getBoundingClientRect();
      const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) as HTMLElement | null;
      return [(h as HTMLElement).dataset.campaign, hit?.dataset?.campaign ?? hit?.tagName ?? null];
    })),
  );

for (const name of ['iPhone SE', 'iPhone SE (3rd gen)', 'iPhone 12 Mini', 'Moto G4', 'iPhone SE landscape', 'Moto G4 landscape']) {
  test.describe(`${name}: corner messages on opposite edges`, () => {
    test.use(strip(devices[name]!));
    test('a top corner message and a bottom corner form message do not cover each other’s ×', async ({ page }) => {
      await host(page, { config: { version: 1, campaigns: [FORM_MSG('form-msg', 'bottom-right'), NOTE_MSG('note', 'top-left')] } });
      // Shorter than 600 px, the two cards would overlap: the four corners are one slot there.
      if (await page.evaluate(() => innerWidth < 752 && innerHeight < 600)) {
        await expect(widget(page, 'form-msg')).toHaveCount(1);
        await page.waitForTimeout(300);
        await expect(widget(page, 'note')).toHaveCount(0);
        return;
      }
      await expect(page.locator('beckon-widget')).toHaveCount(2);
      await settled(page);
      await shot(page, `opposite-corners-${name.replace(/\W+/g, '_')}`);
      const a = await cardBox(widget(page, 'form-msg'));
      const b = await cardBox(widget(page, 'note'));
      expect({ hits: await xHits(page), overlap: Math.max(0, b.bottom - a.top) }).toEqual({ hits: { 'form-msg': 'form-msg', note: 'note' }, overlap: 0 });
    });

    test('a bottom bar with a form and a bottom corner message: the message is still usable (its × on screen and tappable)', async ({ page }) => {
      await host(page, { config: { version: 1, campaigns: [{ id: 'bar', type: 'bar', placement: { position: 'bottom' }, content: CONTENT.form }, NOTE_MSG('note', 'bottom-right')] } });
      await expect(page.locator('beckon-widget')).toHaveCount(2);
      await settled(page);
      await shot(page, `bottom-bar-form-and-message-${name.replace(/\W+/g, '_')}`);
      const box = await cardBox(widget(page, 'note'));
      expect({ hits: await xHits(page), noteHeight: box.bottom - box.top >= 80 }).toEqual({ hits: { bar: 'bar', note: 'note' }, noteHeight: true });
    });
  });
}

test.describe('iPhone SE: a bar’s quiz in its dialog, by touch', () => {
  test.use(strip(devices['iPhone SE']));
  test('tap Start, answer by taps (an NPS 0–10 scale included), Finish; the dialog fits and its × closes it with a tap', async ({ page }) => {
    await host(page, { config: { version: 1, quizzes: [QUIZ], campaigns: [{ id: 'bar', type: 'bar', placement: { position: 'bottom' }, content: CONTENT.quiz }] } });
    const bar = widget(page, 'bar');
    await bar.getByRole('button', { name: 'Start the quiz' }).tap();
    const dialog = bar.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByText('Running').tap();
    await dialog.getByRole('button', { name: 'Next' }).tap();
    await dialog.getByRole('radio', { name: '7', exact: true }).tap();
    await shot(page, 'se-bar-quiz-nps');
    const fit = await bar.evaluate((h) => {
      const d = h.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
      return d.left >= 0 && d.right <= innerWidth && d.top >= 0 && d.bottom <= innerHeight;
    });
    // The bar's own controls lie under its modal quiz dialog, as they should.
    const problems = (await audit(page)).filter((p) => !/covered by DIALOG\.d/.test(p));
    await dialog.getByRole('button', { name: 'Finish' }).tap();
    await expect(dialog.getByRole('heading', { level: 2 }).last()).toBeVisible();
    await dialog.locator('.x').tap();
    await expect(dialog).toHaveCount(0);
    expect({ fit, problems, answered: (await events(page, 'quiz_answer')).map((e) => e.value ?? e.answer) }).toEqual({ fit: true, problems: [], answered: expect.any(Array) });
  });
});
