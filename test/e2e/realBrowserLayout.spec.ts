import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchPage } from './pageWatch.js';

// Behaviours first tested only in happy-dom or Node (or not at all), checked in Chromium:
// layout (fixed boxes sharing the viewport's edges, text wider than a phone), the top layer
// and its stack of dialogs, scrolling under a modal, CSS selectors happy-dom does not match
// (:has, :focus-visible), real timers and the keyboard. Six of these failed before the
// fixes they came with: a corner message covered a bar's × on its edge; on a phone two
// corner messages covered each other; an email in a title ran out of a 320 px card; the
// debug panel's Fold dropped focus to <body>, and its reason trees closed at every event;
// the wheel over a popup scrolled the page behind.

/** Opens the widgets fixture with an inline config object served in place of a file; `query` adds to the URL. */
async function open(page: Page, config: Record<string, unknown>, query = '') {
  const name = `inline-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  await page.goto(`/fixtures/widgets.html?config=${name}${query}`);
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
const events = (page: Page, name?: string) =>
  page.evaluate((name) => (window as any).events.filter((e: any) => !name || e.name === name), name) as Promise<any[]>;
/** Every widget's entrance animation has ended: boxes are where they stay. */
const settled = (page: Page) =>
  page.locator('beckon-widget').evaluateAll((hosts) => Promise.all(hosts.flatMap((h) => h.shadowRoot!.getAnimations().map((a) => a.finished))).then(() => {}));
/** Which campaign's widget the visitor's pointer meets at the centre of `el` (elementFromPoint stops at the shadow host). */
const hitAt = (el: Locator) =>
  el.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return (document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) as HTMLElement | null)?.dataset.campaign ?? null;
  });
/** What has focus, through shadow roots: "campaign > tag: name". */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const host = (el as HTMLElement | null)?.dataset?.campaign ?? el?.tagName.toLowerCase();
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const name = el?.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent?.replace(' *', '') || el?.textContent?.trim().slice(0, 40);
    return `${host} > ${el?.tagName.toLowerCase()}: ${name}`;
  });

test.describe('bars and corner messages on the same edge', () => {
  // widgets/bar.tsx and widgets/message.tsx: containers.test.tsx checks each one's classes
  // (`w b top`, `w m top right`, …) in happy-dom, which lays nothing out; a bar and a message
  // on the same edge show together (each edge and each corner is its own slot), and the
  // runner sets the message clear of the bar (clearBars). Only a real layout says what the
  // visitor can still see and reach of each.
  const message = (id: string, position: string) => ({ id, type: 'message', placement: { position }, content: { kind: 'message', title: `Help ${position}`, body: 'Ask us anything.' } });

  test('a bar’s close button is not hidden under a corner message on its edge: a click there closes the bar', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'top-bar', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Free shipping over €50', cta: { label: 'Details', href: '#d' } } },
        { id: 'bottom-bar', type: 'bar', placement: { position: 'bottom' }, content: { kind: 'message', title: 'New arrivals' } },
        message('top-message', 'top-right'),
        message('bottom-message', 'bottom-right'),
      ],
    });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    const closeOf = (id: string) => widget(page, id).getByRole('button', { name: 'Close' });
    // Where each bar's × is, the pointer should meet that bar; a click there closes it (and nothing else).
    const hit = { top: await hitAt(closeOf('top-bar')), bottom: await hitAt(closeOf('bottom-bar')) };
    const box = (await closeOf('top-bar').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(300);
    const dismissed = (await events(page, 'dismiss')).map((e) => e.campaignId);
    expect({ hit, dismissed }).toEqual({ hit: { top: 'top-bar', bottom: 'bottom-bar' }, dismissed: ['top-bar'] });
    await expect(widget(page, 'top-message')).toHaveCount(1);
    expect(watch.errors).toEqual([]);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 700 }, isMobile: true, hasTouch: true });

    // Below 752 px two corner cards of up to 360 px overlap: the edge is one slot there.
    test('one message per edge: the two bottom corners would cover each other, so the higher priority shows and only it counts', async ({ page }) => {
      await open(page, { version: 1, campaigns: [message('left', 'bottom-left'), { ...message('right', 'bottom-right'), priority: 2 }] });
      await expect(widget(page, 'right')).toHaveCount(1);
      await settled(page);
      await page.waitForTimeout(300);
      expect((await events(page, 'impression')).map((e) => e.campaignId)).toEqual(['right']);
      await expect(widget(page, 'left')).toHaveCount(0);
      expect(await hitAt(widget(page, 'right').getByRole('heading'))).toBe('right');
    });
  });
});

test.describe('long words on a narrow screen', () => {
  test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

  // widgets/shared/mountWidget.tsx BASE and each container's CSS: messageContent.test.tsx and
  // the templating tests check the text in happy-dom, which has no layout, so nothing there
  // says whether it fits. A visitor's email (templated into a title) or a link written out in
  // the body is one unbroken word wider than a 320 px phone's card.
  test('a visitor’s email in a title and a URL in a body wrap inside a popup, a bar and a corner message', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as any;
      w.beckon = w.beckon || ((...args: unknown[]) => (w.beckon.q = w.beckon.q || []).push(args));
      w.beckon('identify', { email: 'christopher.montgomery@example.com' });
    });
    const content = { kind: 'message', title: 'Welcome back, {{traits.email}}', body: 'Track your order at https://www.stride-shoes.example/account/orders?ref=newsletter' };
    await open(page, {
      version: 1,
      campaigns: [
        { id: 'pop', type: 'popup', content: { ...content, cta: { label: 'Shop' } } },
        { id: 'bar', type: 'bar', placement: { position: 'top' }, content },
        { id: 'corner', type: 'message', placement: { position: 'bottom-right' }, content },
      ],
    });
    await expect(page.locator('beckon-widget')).toHaveCount(3);
    await settled(page);
    // For each widget: how far its card scrolls sideways, and which texts reach past its edges or the screen's.
    const overflow = (id: string) =>
      widget(page, id).evaluate((host) => {
        const card = host.shadowRoot!.querySelector<HTMLElement>('.w')!;
        const edge = card.getBoundingClientRect();
        const left = Math.max(0, edge.left);
        const right = Math.min(innerWidth, edge.right);
        const cut = [...card.querySelectorAll<HTMLElement>('h2, p')].filter((el) => {
          const box = el.getBoundingClientRect();
          return box.left < left - 0.5 || box.right > right + 0.5 || el.scrollWidth > el.clientWidth + 1;
        });
        return { scrollsSideways: card.scrollWidth > card.clientWidth + 1, cut: cut.map((el) => el.tagName.toLowerCase()) };
      });
    expect({ pop: await overflow('pop'), bar: await overflow('bar'), corner: await overflow('corner') }).toEqual({
      pop: { scrollsSideways: false, cut: [] },
      bar: { scrollsSideways: false, cut: [] },
      corner: { scrollsSideways: false, cut: [] },
    });
  });
});

test.describe('the debug panel from the keyboard', () => {
  // widgets/debug.tsx has no unit test; debug.spec.ts drives it with the mouse only. Where
  // focus goes when the element holding it is replaced is a real browser's answer (to
  // <body>), which a keyboard user then has to find their way back from.
  const config = {
    version: 1,
    segments: [{ id: 'vip', when: { 'traits.vip': true } }],
    campaigns: [{ id: 'note', type: 'message', content: { kind: 'message', title: 'Hello' } }],
  };
  const panelOf = (page: Page) => page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' });

  test('Fold and the folded tab keep focus on the panel, so it can be unfolded and folded again with Enter', async ({ page }) => {
    await open(page, config, '&beckon_debug=1');
    const panel = panelOf(page);
    await panel.getByRole('button', { name: 'Fold' }).focus();
    await page.keyboard.press('Enter');
    const tab = page.locator('beckon-debug').getByRole('button', { name: 'Beckon debug' });
    await expect(tab).toBeVisible();
    const afterFold = await focused(page);
    await tab.focus();
    await page.keyboard.press('Enter');
    await expect(panel).toBeVisible();
    const afterUnfold = await focused(page);
    expect({ afterFold, afterUnfold }).toEqual({ afterFold: 'beckon-debug > button: Beckon debug', afterUnfold: 'beckon-debug > button: Fold' });
  });

  test('a reason tree opened with Enter stays open, its row focused, when the profile changes under it', async ({ page }) => {
    await open(page, config, '&beckon_debug=1');
    const segments = panelOf(page).getByRole('region', { name: 'Segments' });
    const row = segments.locator('summary', { hasText: 'vip' });
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(segments.locator('details[open] .tree')).toContainText('traits.vip $eq true');
    // The visitor becomes a vip (segment_enter): the panel refreshes what it shows.
    await page.evaluate(() => (window as any).beckon.identify({ vip: true }));
    await expect(row).toContainText('✓ vip');
    await page.waitForTimeout(300);
    expect({ open: await segments.locator('details').first().evaluate((d: HTMLDetailsElement) => d.open), focus: await focused(page) }).toEqual({
      open: true,
      focus: 'beckon-debug > summary: ✓ vip',
    });
  });
});

test.describe('the page behind an open popup', () => {
  // widgets/popup.tsx opens a modal <dialog> (the page behind goes inert); popup.test.tsx
  // checks the dialog, focus and clicks in happy-dom, which neither scrolls nor lays out.
  // Inert stops clicks and focus, not scrolling: the wheel over the dialog chains to the page.
  test('the wheel over the backdrop or the card does not scroll the store’s page behind', async ({ page }) => {
    await open(page, { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off', body: 'Today only.' } }] });
    const dialog = widget(page, 'pop').getByRole('dialog', { name: 'Ten percent off' });
    await expect(dialog).toBeVisible();
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight * 2)).toBe(true);
    await page.mouse.move(40, 40);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(400);
    const overBackdrop = await page.evaluate(() => scrollY);
    const title = (await dialog.getByRole('heading').boundingBox())!;
    await page.mouse.move(title.x + 4, title.y + 4);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(400);
    expect({ overBackdrop, overCard: await page.evaluate(() => scrollY) }).toEqual({ overBackdrop: 0, overCard: 0 });
    await expect(dialog).toBeVisible();
  });
});

test.describe('a popup over a bar’s quiz dialog', () => {
  // widgets/content/quiz.tsx opens a bar's quiz in a <dialog> of its own, whose Escape
  // closes only it (quizContent.test.tsx: "leaves dismissing to the bar's own ×"); a popup
  // shown meanwhile opens another modal dialog above it (popup.test.tsx: Escape as keydown
  // and cancel). Which dialog gets the key, and where focus goes back to across two shadow
  // roots, is the top layer's and Chromium's to decide.
  test('Escape closes the popup only, focus goes back to the answer in the quiz; a second Escape closes the quiz and focus returns to its button', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, {
      version: 1,
      quizzes: [
        {
          id: 'size-quiz',
          title: 'Not sure of your size?',
          start: 'Find my size',
          questions: [{ id: 'fit', type: 'single', text: 'How do your shoes usually fit?', options: [{ value: 'tight', label: 'Tight' }, { value: 'right', label: 'Just right' }] }],
          results: [{ title: 'Take your usual size' }],
        },
      ],
      campaigns: [
        { id: 'size-bar', type: 'bar', placement: { position: 'bottom' }, content: { kind: 'quiz', quiz: 'size-quiz' } },
        { id: 'late-offer', type: 'popup', trigger: { on: 'event', name: 'later' }, content: { kind: 'message', title: 'Wait, an offer', secondary: { label: 'No thanks' } } },
      ],
    });
    const bar = widget(page, 'size-bar');
    const start = bar.getByRole('button', { name: 'Find my size' });
    await start.click();
    const quiz = bar.getByRole('dialog', { name: 'Not sure of your size?' });
    const answer = quiz.getByRole('radio', { name: 'Just right' });
    await answer.check();
    await expect(answer).toBeFocused();
    await page.evaluate(() => (window as any).beckon.track('later'));
    const popup = widget(page, 'late-offer').getByRole('dialog', { name: 'Wait, an offer' });
    await expect(popup).toBeVisible();
    await expect(popup.getByRole('button', { name: 'No thanks' })).toBeFocused();
    // The popup is on top: the pointer meets it, not the quiz under it.
    expect(await hitAt(popup.getByRole('button', { name: 'No thanks' }))).toBe('late-offer');

    await page.keyboard.press('Escape');
    await expect(widget(page, 'late-offer')).toHaveCount(0);
    await expect(quiz).toBeVisible();
    await expect(answer).toBeFocused();
    await expect(answer).toBeChecked();

    await page.keyboard.press('Escape');
    await expect(quiz).toHaveCount(0);
    await expect(start).toBeFocused();
    await expect(bar).toHaveCount(1);
    expect((await events(page, 'dismiss')).map((e) => e.campaignId)).toEqual(['late-offer']);
    expect(watch.errors).toEqual([]);
  });
});

test.describe('quiz choices in a real browser', () => {
  // widgets/content/quiz.tsx answerError and the rating scale's CSS. quizContent.test.tsx
  // ("asks for at least min and at most max choices", "shows the stars …") clicks inputs
  // in happy-dom, which neither matches :has() (the stars up to the picked one light up) nor
  // :focus-visible (the ring on the star, whose radio is invisible), nor moves radios with arrows.
  const config = {
    version: 1,
    quizzes: [
      {
        id: 'shoe-quiz',
        title: 'Your next pair',
        questions: [
          { id: 'goals', type: 'multiple', text: 'What matters to you?', help: 'Choose two or three.', min: 2, max: 3, options: ['Cushioning', 'Speed', 'Grip', 'Weight'].map((label) => ({ value: label.toLowerCase(), label })) },
          { id: 'comfort', type: 'rating', scale: 'stars', text: 'How comfortable are your current shoes?', lowLabel: 'Painful', highLabel: 'Perfect' },
        ],
        results: [{ title: 'Thanks, we have your match' }],
      },
    ],
    campaigns: [{ id: 'finder', type: 'popup', content: { kind: 'quiz', quiz: 'shoe-quiz' } }],
  };

  test('too few or too many choices are announced on the group and focus its first box; the stars light up to the one picked, by mouse or arrow keys, with a focus ring', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, config);
    const quiz = widget(page, 'finder');
    const goals = quiz.getByRole('group', { name: 'What matters to you?' });
    await expect(quiz.getByRole('checkbox', { name: 'Cushioning' })).toBeFocused();
    const next = quiz.getByRole('button', { name: 'Next' });
    const problem = async () => {
      const alert = quiz.getByRole('alert');
      return [await alert.textContent(), await goals.getAttribute('aria-invalid'), (await goals.getAttribute('aria-describedby'))!.split(' ').includes((await alert.getAttribute('id'))!), await focused(page)];
    };

    await page.keyboard.press('Space');
    await next.click();
    expect(await problem()).toEqual(['Choose at least 2', 'true', true, 'finder > input: Cushioning']);
    for (const label of ['Speed', 'Grip', 'Weight']) await quiz.getByRole('checkbox', { name: label }).check();
    await next.click();
    expect(await problem()).toEqual(['Choose at most 3', 'true', true, 'finder > input: Cushioning']);
    await quiz.getByRole('checkbox', { name: 'Weight' }).uncheck();
    await next.click();

    const comfort = quiz.getByRole('group', { name: 'How comfortable are your current shoes?' });
    await expect(comfort.getByText('How comfortable are your current shoes?')).toBeFocused();
    const stars = comfort.locator('label.c > span');
    const lit = () => stars.evaluateAll((spans) => spans.map((s) => (getComputedStyle(s).color === 'rgb(29, 78, 216)' ? '★' : '☆')).join(''));
    // The visitor clicks the fourth star where it shows.
    const fourth = (await stars.nth(3).boundingBox())!;
    await page.mouse.click(fourth.x + fourth.width / 2, fourth.y + fourth.height / 2);
    await expect(comfort.getByRole('radio', { name: '4 of 5 stars' })).toBeChecked();
    expect(await lit()).toBe('★★★★☆');
    await page.keyboard.press('ArrowLeft');
    const three = comfort.getByRole('radio', { name: '3 of 5 stars' });
    await expect(three).toBeChecked();
    await expect(three).toBeFocused();
    expect(await lit()).toBe('★★★☆☆');
    // The radio itself is invisible: the ring is drawn on its star.
    expect(await stars.nth(2).evaluate((s) => getComputedStyle(s).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(quiz.getByRole('heading', { name: 'Thanks, we have your match' })).toBeFocused();
    const { answers } = await page.evaluate(() => (window as any).beckon.profile());
    expect(answers).toEqual({ 'shoe-quiz': { goals: ['cushioning', 'speed', 'grip'], comfort: 3 } });
    expect(watch.errors).toEqual([]);
  });
});

test.describe('a countdown of more than a day', () => {
  // widgets/content/message.tsx formatRemaining and Timer: messageContent.test.tsx formats
  // seconds in Node and ticks with fake timers. Here Chromium's own clock and interval, and
  // what its accessibility tree gives a screen reader (the fixed end, not the digits).
  test('shows days then hours, minutes and seconds, ticks down each second, and gives screen readers the end date', async ({ page }) => {
    const until = new Date(Date.now() + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 500).toISOString();
    await open(page, { version: 1, campaigns: [{ id: 'sale', type: 'bar', content: { kind: 'message', title: 'Winter sale', countdown: { until, label: 'Ends in' } } }] });
    const bar = widget(page, 'sale').getByRole('complementary', { name: 'Winter sale' });
    const digits = bar.locator('.cd b');
    await expect(digits).toHaveText(/^2d 03:04:0\d$/);
    const first = await digits.textContent();
    const width = await digits.evaluate((b) => b.getBoundingClientRect().width);
    await expect(digits).not.toHaveText(first!, { timeout: 2500 });
    // The digits keep their width as they change (tabular figures): the centred bar does not jiggle.
    expect(await digits.evaluate((b) => b.getBoundingClientRect().width)).toBe(width);
    // The end as a date and a time in the page's language (the browser's, where it names none).
    const end = await page.evaluate((until) => new Date(until).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'long', timeStyle: 'short' }), until);
    expect(await bar.ariaSnapshot()).toContain(`paragraph: Ends in ${end}`);
  });
});

test.describe('a form in a popup, from the keyboard', () => {
  // widgets/content/form.tsx fieldError and Form.send: formContent.test.tsx ("flags every
  // invalid field, focuses the first", "clears the messages of fields that were fixed")
  // sets values and submits in happy-dom. Here typed keys, Enter's implicit submission,
  // a closed <select> changed with an arrow key, and focus moving inside a modal dialog.
  test('a phone number and a required choice: each error is tied to its field, a fixed one clears, focus moves to the next still wrong, then it succeeds', async ({ page }) => {
    const watch = watchPage(page);
    await open(page, {
      version: 1,
      campaigns: [
        {
          id: 'callback',
          type: 'popup',
          content: {
            kind: 'form',
            title: 'Call me back',
            fields: [
              { name: 'phone', type: 'tel', label: 'Phone', required: true },
              { name: 'slot', type: 'select', label: 'Best time', required: true, options: [{ value: 'am', label: 'Morning' }, { value: 'pm', label: 'Afternoon' }] },
              { name: 'offers', type: 'consent', label: 'Call me about offers too' },
            ],
            submit: { label: 'Request a call', successMessage: 'We will call you.' },
          },
        },
      ],
    });
    const dialog = widget(page, 'callback').getByRole('dialog', { name: 'Call me back' });
    await expect(dialog).toBeVisible();
    expect(await focused(page)).toBe('callback > input: Phone');
    /** Each field: name, aria-invalid, and the text of what aria-describedby points at. */
    const state = () =>
      dialog.locator('input, select').evaluateAll((controls) =>
        controls.map((c) => {
          const said = c.getAttribute('aria-describedby');
          return `${c.getAttribute('name')} ${c.getAttribute('aria-invalid')}${said ? `: ${(c.getRootNode() as ShadowRoot).getElementById(said)?.textContent}` : ''}`;
        }),
      );
    await page.keyboard.type('call me');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveCount(2);
    expect(await state()).toEqual(['phone true: Enter a phone number with at least 6 digits', 'slot true: This field is required', 'offers false']);
    expect(await focused(page)).toBe('callback > input: Phone');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('+39 06 1234 5678');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveCount(1);
    expect(await state()).toEqual(['phone false', 'slot true: This field is required', 'offers false']);
    expect(await focused(page)).toBe('callback > select: Best time');
    expect(await events(page, 'submit')).toEqual([]);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('callback > button: Request a call');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('status')).toHaveText('We will call you.');
    await expect(dialog.getByRole('status')).toBeFocused();
    const { traits } = await page.evaluate(() => (window as any).beckon.profile());
    expect(traits).toEqual({ phone: '+39 06 1234 5678', slot: 'am', offers: false });
    expect((await events(page, 'submit')).map((e) => e.campaignId)).toEqual(['callback']);
    expect(watch.errors).toEqual([]);
  });
});
