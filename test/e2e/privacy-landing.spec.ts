import { expect, test } from '@playwright/test';
import { BOOT, html, serve } from './securityHelpers.js';

// what of a token-bearing URL ends up stored in IndexedDB.
test('a landing URL with a reset token and an email: what is stored', async ({ page }) => {
  await serve(page, { 'page.html': html({ pre: true }), 'pre.js': "window.__init = { config: { version: 1 } };", 'boot.js': BOOT });
  await page.goto('/sec/page.html?utm_source=news&utm_medium=email&token=SECRET123&email=ada%40x.example');
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
  await page.waitForTimeout(500);
  const dump = await page.evaluate(() => new Promise<string>((resolve) => {
    const r = indexedDB.open('beckon');
    r.onsuccess = () => { const all = r.result.transaction('state').objectStore('state').getAll(); const keys = r.result.transaction('state').objectStore('state').getAllKeys();
      all.onsuccess = () => keys.onsuccess = () => resolve(JSON.stringify(Object.fromEntries(keys.result.map((k, i) => [k, all.result[i]])))); ; };
  }));
  test.info().annotations.push({ type: 'stored', description: dump.slice(0, 3000) });
  expect(dump).not.toContain('SECRET123');
  expect(dump).not.toContain('ada@x.example');
});
