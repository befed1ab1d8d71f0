import { expect, test } from '@playwright/test';
import { profile, segmentsOf, serve, storePage } from './profileHelpers.js';

// visitor.* and session.* (DESIGN §3) across reloads, tabs, idle time and browser restarts
// (a new context with the first one's storageState, IndexedDB included).
const T0 = Date.parse('2026-11-20T10:00:00Z');
const CONFIG = {
  version: 1,
  segments: [
    { id: 'returning', when: { 'visitor.isReturning': true } },
    { id: 'new', when: { 'visitor.isNew': true } },
    { id: 'third-visit', when: { 'visitor.sessions': { $gte: 3 } } },
    { id: 'week-old', when: { 'visitor.daysSinceFirstVisit': { $gte: 7 } } },
  ],
};

test('a new browser (storageState with IndexedDB) 2 hours later is the same visitor, returning, in a second session', async ({ browser, baseURL }) => {
  const a = await browser.newContext({ baseURL });
  await a.clock.install({ time: T0 });
  const pa = await a.newPage();
  await serve(pa, '**/probe/visit**', storePage(CONFIG));
  await pa.goto('/probe/visit');
  const first = await profile(pa);
  await pa.goto('/probe/visit?x=2');
  await profile(pa);
  const state = await a.storageState({ indexedDB: true });
  await a.close();

  const b = await browser.newContext({ baseURL, storageState: state });
  await b.clock.install({ time: T0 + 2 * 3600_000 });
  const pb = await b.newPage();
  await serve(pb, '**/probe/visit**', storePage(CONFIG));
  await pb.goto('/probe/visit/later');
  const later = await profile(pb);
  expect(later.visitor).toMatchObject({ id: first.visitor.id, sessions: 2, isNew: false, isReturning: true, firstSeen: first.visitor.firstSeen });
  expect(later.session).toMatchObject({ pageviews: 1, landingPage: '/probe/visit/later', isFirst: false });
  expect(await segmentsOf(pb)).toEqual(['returning']);
  expect(await pb.evaluate(() => (window as any).entered)).toEqual(['returning']);
  expect(await pb.evaluate(() => (window as any).exited)).toEqual(['new']);

  // 8 days after the first visit: a third session, a week-old visitor.
  await b.clock.fastForward(8 * 24 * 3600_000);
  await pb.goto('/probe/visit');
  const week = await profile(pb);
  expect(week.visitor).toMatchObject({ sessions: 3, daysSinceFirstVisit: 8, isReturning: true });
  expect((await segmentsOf(pb)).sort()).toEqual(['returning', 'third-visit', 'week-old']);
  await b.close();
});

test('session.duration counts from the session’s first hit, across pages', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await serve(page, '**/probe/visit**', storePage(CONFIG));
  await page.goto('/probe/visit');
  await profile(page);
  await context.clock.fastForward('05:00');
  await page.goto('/probe/visit/2');
  await context.clock.fastForward('02:00');
  const p = await profile(page);
  expect(p.session.duration).toBeGreaterThanOrEqual(420);
  expect(p.session.duration).toBeLessThan(430);
  expect(p.visitor.sessions).toBe(1);
});

test('29 minutes between page views keep the session; 31 end it', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await serve(page, '**/probe/visit**', storePage(CONFIG));
  await page.goto('/probe/visit');
  await profile(page);
  await context.clock.fastForward('29:00');
  await page.goto('/probe/visit/2');
  expect((await profile(page)).visitor.sessions).toBe(1);
  await context.clock.fastForward('31:00');
  await page.goto('/probe/visit/3');
  const p = await profile(page);
  expect(p.visitor.sessions).toBe(2);
  expect(p.session).toMatchObject({ pageviews: 1, landingPage: '/probe/visit/3' });
});

test('the demo store welcomes a returning visitor in the cart (returning-welcome), not a new one', async ({ context, page }) => {
  await context.clock.install({ time: T0 });
  await page.goto('/cart');
  await profile(page);
  await expect(page.locator('beckon-widget[data-campaign="returning-welcome"]')).toHaveCount(0);
  await context.clock.fastForward('45:00');
  await page.goto('/cart');
  expect((await profile(page)).visitor.isReturning).toBe(true);
  await expect(page.locator('beckon-widget[data-campaign="returning-welcome"]')).toHaveCount(1);
});
