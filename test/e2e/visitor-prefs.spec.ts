import { expect, test, type Page } from '@playwright/test';
import { axe } from './pageWatch.js';
import { host, settled, shot, widget } from './visitorHelpers.js';

// the visitor's own settings — larger default text, reduced motion, dark mode,
// more contrast, forced colours — and what assistive technology reads from each container.

const QUIZ = { id: 'q', title: 'Find your shoe', questions: [{ id: 'a', type: 'single', text: 'What do you train for?', options: [{ value: 'r', label: 'Running' }, { value: 'g', label: 'Gym' }] }] };
const ALL = {
  version: 1,
  quizzes: [QUIZ],
  campaigns: [
    { id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off', body: 'Today only. [Terms](/terms)', cta: { label: 'Shop now', href: '#shop' }, coupon: { code: 'TEN' } } },
    { id: 'bar', type: 'bar', placement: { position: 'top' }, content: { kind: 'quiz', quiz: 'q' } },
    { id: 'msg', type: 'message', placement: { position: 'bottom-right' }, content: { kind: 'form', title: 'Newsletter', fields: [{ name: 'email', type: 'email', label: 'Email', required: true }], submit: { label: 'Sign up', successMessage: 'Thanks!' } } },
    { id: 'inl', type: 'inline', placement: { target: '#slot' }, content: { kind: 'quiz', quiz: 'q' } },
  ],
};

test.describe('the visitor’s default font size (browser setting “Font size: very large”)', () => {
  // Chromium's font-size preference changes what `medium` (and 1rem on an unstyled root) is.
  test('widget text grows with the visitor’s preferred size, as the store’s own text does', async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await host(page, { config: ALL, css: 'body{font:1rem/1.5 sans-serif}' });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    await shot(page, 'font-size-32');
    const sizes = await page.evaluate(() => {
      const px = (el: Element | null | undefined) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
      const w = (id: string, sel: string) => px(document.querySelector(`beckon-widget[data-campaign="${id}"]`)?.shadowRoot?.querySelector(sel));
      return { page: px(document.querySelector('#first')), popupBody: w('pop', '.w p'), barTitle: w('bar', 'h2'), messageLabel: w('msg', 'label'), inlineLegend: w('inl', 'legend') };
    });
    expect(sizes.page).toBe(32);
    expect(sizes).toEqual({ page: 32, popupBody: 32, barTitle: expect.any(Number), messageLabel: 32, inlineLegend: 32 });
  });
});

test.describe('prefers-reduced-motion: reduce', () => {
  test.use({ reducedMotion: 'reduce' });
  test('no container runs an animation or transition, the bar’s quiz dialog included', async ({ page }) => {
    await host(page, { config: ALL });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    const popupAnimations = await widget(page, 'pop').evaluate((h) => h.shadowRoot!.getAnimations().length);
    await page.keyboard.press('Escape');
    await expect(widget(page, 'pop')).toHaveCount(0);
    await widget(page, 'bar').getByRole('button', { name: 'Start the quiz' }).click();
    await expect(widget(page, 'bar').getByRole('dialog')).toBeVisible();
    const running = await page.evaluate(() =>
      [...document.querySelectorAll('beckon-widget')].flatMap((h) => h.shadowRoot!.getAnimations().map((a) => `${(h as HTMLElement).dataset.campaign}: ${(a as CSSAnimation).animationName ?? a.constructor.name}`)),
    );
    const profile = await page.evaluate(() => (window as any).beckon.profile());
    expect({ popupAnimations, running, reducedMotion: profile.device.reducedMotion }).toEqual({ popupAnimations: 0, running: [], reducedMotion: true });
  });
});

for (const [mode, use] of [
  ['dark colour scheme', { colorScheme: 'dark' as const }],
  ['prefers-contrast: more', { contrast: 'more' as const }],
  ['forced colours', { forcedColors: 'active' as const }],
] as const) {
  test.describe(mode, () => {
    test.use(use);
    test(`axe-core: no serious or critical violation with every container open (${mode})`, async ({ page }) => {
      await host(page, { config: ALL });
      await expect(page.locator('beckon-widget')).toHaveCount(4);
      await settled(page);
      await shot(page, `mode-${mode.replace(/\W+/g, '_')}`);
      const found = await axe(page);
      expect(found).toEqual([]);
    });
  });
}

test.describe('dark colour scheme', () => {
  test.use({ colorScheme: 'dark' });

});

test.describe('the accessibility tree of each container', () => {
  test('names and roles: the popup is a dialog named by its title, bars and messages named landmarks, controls named', async ({ page }) => {
    await host(page, { config: ALL });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    const snaps: Record<string, string> = {};
    snaps.pop = await widget(page, 'pop').locator('dialog').ariaSnapshot();
    await page.keyboard.press('Escape');
    await expect(widget(page, 'pop')).toHaveCount(0);
    for (const id of ['bar', 'msg']) snaps[id] = await widget(page, id).locator('aside').ariaSnapshot();
    snaps.inl = await widget(page, 'inl').locator('.w').ariaSnapshot();
    console.log(JSON.stringify(snaps, null, 1));
    expect(snaps.pop).toContain('dialog "Ten percent off"');
    expect(snaps.bar).toContain('complementary "Find your shoe"');
    expect(snaps.msg).toContain('complementary "Newsletter"');
  });

  test('a form message sent: its success is announced (status) and the landmark keeps its name', async ({ page }) => {
    await host(page, { config: { ...ALL, campaigns: ALL.campaigns.filter((c) => c.id !== 'pop') } });
    const msg = widget(page, 'msg');
    await msg.getByLabel('Email').fill('a@example.com');
    await msg.getByRole('button', { name: 'Sign up' }).click();
    await expect(msg.getByRole('status')).toHaveText('Thanks!');
    console.log(await msg.locator('aside').ariaSnapshot());
  });
});
