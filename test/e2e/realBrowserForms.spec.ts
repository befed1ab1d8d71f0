import { expect, test, type Page } from '@playwright/test';
import { formConfig as sharedFormConfig } from './formsHelpers.js';
import { axe, collectedFor, storedValue, watchPage } from './pageWatch.js';

// Quizzes and forms as a visitor uses them in real Chromium: double clicks and double
// submits, errors where they can be seen, Back out of a quiz branch, and a submission made
// before consent. Each config is served in place of a fixture file.

async function open(page: Page, config: Record<string, unknown>, query = '') {
  const name = `forms-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  await page.goto(`/fixtures/widgets.html?config=${name}${query}`);
  await ready(page);
  return name;
}
async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}
const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
const profile = (page: Page) => page.evaluate(() => (window as any).beckon.profile());
const events = (page: Page, name?: string) =>
  page.evaluate((name) => (window as any).events.filter((e: any) => !name || e.name === name), name) as Promise<any[]>;
/** What has focus, through shadow roots: tag, role/type and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return 'none';
    const t = (el as HTMLInputElement).type ? `[${(el as HTMLInputElement).type}${(el as HTMLInputElement).value ? '=' + (el as HTMLInputElement).value : ''}]` : '';
    return `${el.tagName.toLowerCase()}${t} ${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}`.trim();
  });

const formFields = [
  { name: 'email', type: 'email', label: 'Email', required: true },
  { name: 'name', type: 'text', label: 'First name' },
  { name: 'phone', type: 'tel', label: 'Phone' },
  { name: 'size', type: 'select', label: 'Usual size', options: [{ value: '42', label: 'EU 42' }, { value: '43', label: 'EU 43' }] },
  { name: 'newsletter', type: 'checkbox', label: 'Send me the newsletter' },
  { name: 'terms', type: 'consent', label: 'I agree to the privacy policy', required: true },
];
const formConfig = (type: string, submit: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, fields: unknown[] = formFields) =>
  sharedFormConfig(type, { endpoint: '/collect', unlock: '#guide', ...submit }, extra, fields);

const shoeQuiz = {
  id: 'shoe',
  title: 'Find your shoe',
  questions: [
    { id: 'sport', type: 'single', text: 'What do you train for?', options: [
      { value: 'running', label: 'Running', next: 'distance', traits: { persona: 'runner' } },
      { value: 'gym', label: 'Gym', next: 'end' },
    ] },
    { id: 'distance', type: 'single', text: 'Typical distance?', options: [
      { value: '5k', label: 'Up to 10 km', traits: { plan: 'short' } },
      { value: 'marathon', label: 'Half or full marathon', traits: { plan: 'long' } },
    ] },
    { id: 'note', type: 'text', text: 'Anything else?', required: false },
  ],
  results: [{ when: { 'answers.shoe.distance': 'marathon' }, title: 'Long Haul is yours' }, { title: 'Thanks!' }],
};
const quizConfig = (type: string, quiz: Record<string, unknown> = shoeQuiz, more: Record<string, unknown> = {}) => ({
  version: 1,
  segments: [{ id: 'marathoner', when: { 'answers.shoe.distance': 'marathon' } }, { id: 'long-plan', when: { 'traits.plan': 'long' } }],
  quizzes: [quiz],
  campaigns: [
    {
      id: 'q',
      type,
      ...(type === 'inline' && { placement: { target: '#slot' } }),
      ...(type === 'bar' && { placement: { position: 'bottom' } }),
      content: { kind: 'quiz', quiz: (quiz as any).id },
    },
    { id: 'follow', type: 'message', placement: { position: 'top-left' }, audience: { segments: { $in: ['marathoner'] } }, content: { kind: 'message', title: 'Marathon week' } },
    ...((more.campaigns as unknown[]) ?? []),
  ],
});


test.describe('forms and quizzes in a real browser', () => {
  test('two submit events in one task (requestSubmit twice) submit once', async ({ page }) => {
    const posts: string[] = [];
    page.on('request', (r) => new URL(r.url()).pathname === '/collect' && posts.push(r.postData() ?? ''));
    await open(page, formConfig('inline', {}, {}, [{ name: 'email', type: 'email', label: 'Email', required: true }]));
    const form = widget(page, 'f');
    await form.getByLabel('Email').fill('enter@example.com');
    await form.getByLabel('Email').evaluate((el: HTMLInputElement) => {
      // Two implicit submissions in a row, as two Enter key presses in the same frame.
      el.form!.requestSubmit();
      el.form!.requestSubmit();
    });
    await expect(form.getByRole('status')).toBeVisible();
    await page.waitForTimeout(2000);
    expect((await events(page, 'submit')).length).toBe(1);
    expect(posts.join('').trim().split('\n').length).toBe(1);
  });

  test('at 320 px a popup form and its errors fit, nothing overflows sideways', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await open(page, formConfig('popup'));
    const form = widget(page, 'f');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('alert').first()).toBeVisible();
    const boxes = await form.locator('input,select,button,.er,label').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { what: e.tagName + ' ' + (e.textContent || (e as HTMLInputElement).name || '').trim().slice(0, 20), left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width) };
      }),
    );
    const out = boxes.filter((b) => b.left < 0 || b.right > 320);
    expect(out).toEqual([]);
    // The consent checkbox's error sits under its label, not squeezed beside it.
    const consentError = boxes.find((b) => b.what.startsWith('SPAN Please tick'))!;
    expect(consentError.width).toBeGreaterThan(150);
  });

  test('an email answer longer than 254 characters gets an error the visitor can see', async ({ page }) => {
    const quiz = { id: 'em', title: 'Mail', questions: [{ id: 'mail', type: 'email', text: 'Email?' }] };
    const watch = watchPage(page);
    await open(page, quizConfig('inline', quiz));
    const q = widget(page, 'q');
    await q.getByLabel('Email?').fill('a'.repeat(250) + '@example.com');
    await q.getByRole('button', { name: 'Finish' }).click();
    await page.waitForTimeout(500);
    const state = {
      result: await q.getByRole('heading', { name: 'Thanks for your answers!' }).count(),
      alert: await q.getByRole('alert').count(),
      warnings: watch.beckonWarnings(),
    };
    expect(state.result + state.alert).toBe(1);
  });

  test('consent pending: a form\'s submission waits, and goes once the visitor grants consent', async ({ page }) => {
    const config = { ...formConfig('inline', {}, {}, [{ name: 'email', type: 'email', label: 'Email', required: true }]), consent: { required: true } };
    const posts: string[] = [];
    page.on('request', (r) => new URL(r.url()).pathname === '/collect' && posts.push(r.postData() ?? ''));
    await open(page, config);
    const form = widget(page, 'f');
    await form.getByLabel('Email').fill('consent@example.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('status')).toBeVisible();
    await page.waitForTimeout(1500);
    expect(posts).toEqual([]);
    const { visitor } = await profile(page);
    await page.evaluate(() => (window as any).beckon.consent('granted'));
    // Up to the 6 s it used to wait, until the submission has reached the endpoint and left the outbox.
    await expect
      .poll(async () => collectedFor(visitor.id).length > 0 && ((await storedValue<unknown[]>(page, 'outbox')) ?? []).length === 0, { timeout: 6000 })
      .toBe(true)
      .catch(() => undefined);
    const onGrant = collectedFor(visitor.id).length;
    const storedAfterGrant = ((await storedValue<unknown[]>(page, 'outbox')) ?? []).length;
    // The next page load.
    await page.reload();
    await ready(page);
    await page.waitForTimeout(3000);
    expect({ onGrant, storedAfterGrant, afterReload: collectedFor(visitor.id).length }).toEqual({ onGrant: 1, storedAfterGrant: 0, afterReload: 1 });
  });

  test('double-clicking Next in a quiz answers one question, without an error on the next', async ({ page }) => {
    await open(page, quizConfig('inline'));
    const q = widget(page, 'q');
    await q.getByRole('radio', { name: 'Running' }).check();
    await q.getByRole('button', { name: 'Next' }).dblclick();
    await expect(q.getByText('Typical distance?')).toBeVisible();
    await page.waitForTimeout(300);
    expect(await q.getByRole('alert').count()).toBe(0);
  });

  test('double-clicking Next on a prefilled question (after Back) does not skip the next one', async ({ page }) => {
    await open(page, quizConfig('inline'));
    const q = widget(page, 'q');
    await q.getByRole('radio', { name: 'Running' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await q.getByRole('radio', { name: 'Up to 10 km' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await expect(q.getByText('Anything else?')).toBeVisible();
    await q.getByRole('button', { name: 'Back' }).click();
    await q.getByRole('button', { name: 'Back' }).click();
    await expect(q.getByText('What do you train for?')).toBeVisible();
    await q.getByRole('button', { name: 'Next' }).dblclick();
    await page.waitForTimeout(300);
    await expect(q.getByText('Typical distance?')).toBeVisible();
  });

  test('Back out of a quiz branch: its answers and traits stop counting at once (segments, follow-up)', async ({ page }) => {
    await open(page, quizConfig('inline'));
    const q = widget(page, 'q');
    await q.getByRole('radio', { name: 'Running' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await q.getByRole('radio', { name: 'Half or full marathon' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await expect(q.getByText('Anything else?')).toBeVisible();
    await expect(widget(page, 'follow')).toHaveCount(1);
    await q.getByRole('button', { name: 'Back' }).click();
    await q.getByRole('button', { name: 'Back' }).click();
    await expect(q.getByText('What do you train for?')).toBeVisible();
    await page.waitForTimeout(1000);
    const p = await profile(page);
    const seen = { answers: p.answers.shoe, traits: p.traits, segments: p.segments, follow: await widget(page, 'follow').count() };
    // Back on question 1 its own answer may stay (prefilled); the branch's trait and the follow-up must go.
    expect(seen).toEqual({ answers: { sport: 'running' }, traits: { persona: 'runner' }, segments: [], follow: 0 });
  });

  test('a trait of a quiz branch left by Back stays while the visitor goes on down another branch', async ({ page }) => {
    const quiz = {
      id: 'shoe',
      title: 'Find your shoe',
      questions: [
        { id: 'sport', type: 'single', text: 'What do you train for?', options: [
          { value: 'running', label: 'Running', next: 'distance' },
          { value: 'gym', label: 'Gym', next: 'focus' },
        ] },
        { id: 'distance', type: 'single', text: 'Typical distance?', options: [
          { value: '5k', label: 'Up to 10 km', traits: { plan: 'short' } },
          { value: 'marathon', label: 'Half or full marathon', traits: { plan: 'long' } },
        ] },
        { id: 'size', type: 'single', text: 'Shoe size?', next: 'end', options: [{ value: '42', label: 'EU 42' }, { value: '43', label: 'EU 43' }] },
        { id: 'focus', type: 'single', text: 'Your focus?', options: [{ value: 'str', label: 'Strength' }, { value: 'car', label: 'Cardio' }] },
      ],
    };
    const config = quizConfig('inline', quiz, { campaigns: [{ id: 'long-offer', type: 'message', placement: { position: 'bottom-left' }, audience: { segments: { $in: ['long-plan'] } }, content: { kind: 'message', title: 'Long-distance plan' } }] });
    await open(page, config);
    const q = widget(page, 'q');
    await q.getByRole('radio', { name: 'Running' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await q.getByRole('radio', { name: 'Half or full marathon' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await expect(q.getByText('Shoe size?')).toBeVisible();
    await expect(widget(page, 'long-offer')).toHaveCount(1);
    // The visitor changes their mind: back to the start, and down the gym branch.
    await q.getByRole('button', { name: 'Back' }).click();
    await q.getByRole('button', { name: 'Back' }).click();
    await q.getByRole('radio', { name: 'Gym' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await expect(q.getByText('Your focus?')).toBeVisible();
    await page.waitForTimeout(1000);
    const p = await profile(page);
    const seen = { answers: p.answers.shoe, plan: p.traits.plan ?? null, segments: p.segments, longOffer: await widget(page, 'long-offer').count() };
    expect(seen).toEqual({ answers: { sport: 'gym' }, plan: null, segments: [], longOffer: 0 });
  });

  test('a gate the store renders after Beckon looked is unlocked: later on the page, on a later visit, and after a single-page navigation', async ({ page }) => {
    await open(page, formConfig('inline', { unlock: '.gate' }, {}, [{ name: 'email', type: 'email', label: 'Email', required: true }]));
    const form = widget(page, 'f');
    await form.getByLabel('Email').fill('gate@example.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.getByRole('status')).toBeVisible();
    const render = (id: string) => page.evaluate((id) => document.querySelector('#later')!.insertAdjacentHTML('beforeend', `<div class="gate" id="${id}" hidden>Gated</div>`), id);
    // The same page: a gated section the store renders lazily.
    await render('g1');
    await expect(page.locator('#g1')).toBeVisible();
    // A later visit: the store's script renders it after Beckon has started.
    await page.reload();
    await ready(page);
    await render('g2');
    await expect(page.locator('#g2')).toBeVisible();
    // The app navigates, then renders the new page with its gate a moment later.
    await page.evaluate(() => {
      history.pushState({}, '', '/fixtures/widgets.html?page=2');
      setTimeout(() => document.querySelector('#later')!.insertAdjacentHTML('beforeend', '<div class="gate" id="g3" hidden>Gated</div>'), 200);
    });
    await expect(page.locator('#g3')).toBeVisible();
  });
});
