import { expect, test } from '@playwright/test';
import { watchPage } from './pageWatch.js';
import { BOOT, html, serve } from './securityHelpers.js';

// the strictest policies a store may run (DESIGN §6): no inline script or style,
// Trusted Types required with NO policy allowed ('none'), connect only to self. Every
// widget kind, the quiz, a form that sends, and the debug panel must work with no violation.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";

const config = {
  version: 1,
  quizzes: [
    { id: 'fit', title: 'Find your fit', questions: [
      { id: 'terrain', type: 'single', text: 'Where do you run?', options: [{ value: 'road', label: 'Road' }, { value: 'trail', label: 'Trail' }] },
      { id: 'words', type: 'text', text: 'Anything else?' },
    ] },
  ],
  campaigns: [
    { id: 'pop', type: 'popup', content: { kind: 'message', title: 'Popup title', body: 'Some **bold** and [a link](/terms)',
      image: { src: '/assets/favicon.svg', alt: 'Logo' }, countdown: { until: '2099-01-01T00:00:00Z', label: 'Ends in' },
      coupon: { code: 'SAVE10' }, cta: { label: 'Shop', href: '/shop' } } },
    { id: 'topbar', type: 'bar', placement: { position: 'top' }, content: { kind: 'quiz', quiz: 'fit' } },
    { id: 'corner', type: 'message', placement: { position: 'bottom-left' }, content: { kind: 'form', title: 'Join',
      fields: [{ name: 'email', type: 'email', label: 'Email', required: true }], submit: { label: 'Send', endpoint: '/collect', successMessage: 'Thanks!' } } },
    { id: 'inl', type: 'inline', placement: { target: '#slot', mode: 'append' }, content: { kind: 'message', title: 'Inline hello' } },
  ],
};

test('strict CSP + trusted-types none: all widget kinds, quiz, form, debug panel work with no violation', async ({ page }) => {
  const watch = watchPage(page);
  await serve(page, {
    'page.html': html({ pre: true }),
    'pre.js': "window.__init = { config: '/sec/config.json', debug: true, endpoint: '/collect', dataLayer: true };",
    'boot.js': BOOT,
    'config.json': config,
  }, CSP);
  await page.goto('/sec/page.html?utm_source=x&utm_medium=cpc');
  const pop = page.locator('beckon-widget[data-campaign="pop"]').getByRole('dialog', { name: 'Popup title' });
  await expect(pop).toBeVisible();
  await expect(pop.getByRole('img', { name: 'Logo' })).toBeVisible();
  await expect(pop.getByText('Ends in')).toBeVisible();
  await expect(page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' })).toBeVisible();
  await expect(page.locator('beckon-widget[data-campaign="inl"]').getByText('Inline hello')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pop).toHaveCount(0);
  // The quiz in the bar.
  const bar = page.locator('beckon-widget[data-campaign="topbar"]');
  await bar.getByRole('button', { name: 'Start the quiz' }).click();
  await page.getByText('Road').click();
  await page.getByRole('button', { name: /Next/ }).click();
  await page.getByRole('textbox', { name: 'Anything else?' }).fill('<b>x</b>');
  await page.getByRole('button', { name: /Finish|Done|Next/ }).click();
  await page.keyboard.press('Escape');
  // The form in the corner.
  const corner = page.locator('beckon-widget[data-campaign="corner"]');
  await corner.getByLabel('Email').fill('csp@example.com');
  await corner.getByLabel('Email').press('Enter');
  await expect(corner.getByText('Thanks!')).toBeVisible();
  // Debug panel: open the profile section and a campaign row.
  const dbg = page.locator('beckon-debug');
  await dbg.getByText('pop:').click();
  await dbg.getByRole('button', { name: 'Refresh' }).click();
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  // The policy is really in force.
  const blocked = await page.evaluate(() => { try { document.createElement('div').innerHTML = 'x'; return 'assigned'; } catch (e) { return (e as Error).name; } });
  expect(blocked).toBe('TypeError');
});
