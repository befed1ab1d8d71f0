import { expect, test } from '@playwright/test';
import { watchPage } from './pageWatch.js';
import { BOOT, html, serve } from './securityHelpers.js';

// DESIGN §9 "never break the host page; a storage failure is contained" and §8
// "tabs learn of changes through BroadcastChannel". When BroadcastChannel is unusable
// (a store's shim that throws, a privacy extension), Beckon must still start: track,
// show campaigns, answer profile().
const config = { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Hello' } }] };

test('BroadcastChannel constructor throws: Beckon still starts, profile() settles, the popup shows', async ({ page }) => {
  const watch = watchPage(page);
  await serve(page, {
    'page.html': html({ pre: true }),
    'pre.js': "window.BroadcastChannel = function () { throw new DOMException('blocked', 'SecurityError'); };\nwindow.__init = { config: '/sec/config.json' };",
    'boot.js': BOOT,
    'config.json': config,
  });
  await page.goto('/sec/page.html');
  await page.waitForTimeout(1500);
  test.info().annotations.push({ type: 'console', description: JSON.stringify({ w: watch.warnings, e: watch.errors, beckon: await page.evaluate(() => typeof (window as any).beckon?.profile) }) });
  expect(await page.evaluate(() => typeof (window as any).beckon?.profile)).toBe('function');
  const settled = await page.evaluate(() => Promise.race([(window as any).beckon.profile().then((p: any) => p.session.pageviews), new Promise((r) => setTimeout(() => r('hung'), 4000))]));
  expect(settled).toBe(1);
  await expect(page.locator('beckon-widget[data-campaign="pop"]').getByRole('dialog', { name: 'Hello' })).toBeVisible();
  expect(watch.errors).toEqual([]);
});
