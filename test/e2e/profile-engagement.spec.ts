import { expect, test, type Page } from '@playwright/test';
import { profile, segmentsOf, serve, storePage } from './profileHelpers.js';

// behavior.scrollDepth / timeOnPage / engagedTime (DESIGN §3) on a long page in real Chromium.
const T0 = Date.parse('2026-11-20T10:00:00Z');
const TALL = '<main><h1>A long read</h1><div style="height:3200px">text</div><p>The end.</p></main>';
const CONFIG = {
  version: 1,
  segments: [
    { id: 'deep-reader', when: { 'behavior.scrollDepth': { $gte: 90 } } },
    { id: 'engaged-minute', when: { 'behavior.engagedTime': { $gte: 60 } } },
    { id: 'funnel-engaged', when: { 'funnel.stage': 'engaged' } },
  ],
};

/** Makes the page hidden or visible as a tab switch does (Playwright's pages are always visible). */
const setVisibility = (page: Page, state: 'hidden' | 'visible') =>
  page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

test.use({ viewport: { width: 1000, height: 800 } });

test('time with the tab hidden is not engaged time', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await serve(page, '**/probe/long**', storePage(CONFIG, { body: TALL }));
  await page.goto('/probe/long');
  await profile(page);
  for (let i = 0; i < 5; i++) {
    await page.mouse.move(100 + i * 10, 100);
    await context.clock.fastForward('00:02');
  }
  await setVisibility(page, 'hidden');
  await context.clock.fastForward('10:00');
  await setVisibility(page, 'visible');
  const p = await profile(page);
  expect(p.behavior.engagedTime).toBeGreaterThanOrEqual(9);
  expect(p.behavior.engagedTime).toBeLessThanOrEqual(12);
  expect(p.behavior.timeOnPage).toBeGreaterThanOrEqual(610);
});

test('a visible page left idle counts 30 s of engaged time, not the whole idle stretch', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await serve(page, '**/probe/long**', storePage(CONFIG, { body: TALL }));
  await page.goto('/probe/long');
  await profile(page);
  await context.clock.fastForward('05:00');
  const p = await profile(page);
  expect(p.behavior.engagedTime).toBeLessThanOrEqual(31);
  expect(p.behavior.timeOnPage).toBeGreaterThanOrEqual(300);
});

test('scroll depth is the deepest point seen, in percent of the page', async ({ page }) => {
  await serve(page, '**/probe/long**', storePage(CONFIG, { body: TALL }));
  await page.goto('/probe/long');
  const start = await profile(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(start.behavior.scrollDepth).toBe(Math.round((800 / height) * 100));
  await page.mouse.move(200, 200);
  await page.mouse.wheel(0, 1200);
  await expect.poll(() => page.evaluate(() => scrollY)).toBe(1200);
  await expect.poll(async () => (await profile(page)).behavior.scrollDepth).toBe(Math.round((2000 / height) * 100));
  await page.mouse.wheel(0, -1200);
  await expect.poll(() => page.evaluate(() => scrollY)).toBe(0);
  expect((await profile(page)).behavior.scrollDepth).toBe(Math.round((2000 / height) * 100));
  await page.keyboard.press('End');
  await expect.poll(async () => (await profile(page)).behavior.scrollDepth).toBe(100);
});

test('an SPA navigation starts scroll depth and time on page over', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await serve(page, '**/probe/long**', storePage(CONFIG, { body: TALL }));
  await page.goto('/probe/long');
  await profile(page);
  await page.mouse.move(200, 200);
  await page.keyboard.press('End');
  await expect.poll(async () => (await profile(page)).behavior.scrollDepth).toBe(100);
  await context.clock.fastForward('01:00');
  await page.evaluate(() => { scrollTo(0, 0); history.pushState(null, '', '/probe/long/next'); });
  await expect.poll(async () => (await profile(page)).session.pageviews).toBe(2);
  const p = await profile(page);
  expect(p.behavior.scrollDepth).toBeLessThan(30);
  expect(p.behavior.timeOnPage).toBeLessThan(5);
});
