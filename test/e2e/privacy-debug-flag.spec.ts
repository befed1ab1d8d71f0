import { expect, test } from '@playwright/test';
import { BOOT, html, serve } from './securityHelpers.js';

// DESIGN §8 "with consent denied nothing is written"; README: the debug panel
// "stays on in the tab while storing is allowed; before consent add the parameter on each page".
// So under consent 'denied', ?beckon_debug=1 must open the panel without writing to sessionStorage.
test('consent denied + ?beckon_debug=1: the panel opens, nothing is written to sessionStorage', async ({ page }) => {
  await serve(page, { 'page.html': html({ pre: true }), 'pre.js': "window.__init = { config: { version: 1 }, consent: 'denied' };", 'boot.js': BOOT });
  await page.goto('/sec/page.html?beckon_debug=1');
  await expect(page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
});
