import { devices, expect, test } from '@playwright/test';
import { profile, segmentsOf, serve, storePage } from './profileHelpers.js';

// device.* (DESIGN §3) against what Playwright's device emulation makes real Chromium report.
const CONFIG = {
  version: 1,
  segments: [
    { id: 'phone', when: { 'device.type': 'mobile' } },
    { id: 'tablet', when: { 'device.type': 'tablet' } },
    { id: 'desktop', when: { 'device.type': 'desktop' } },
    { id: 'apple', when: { 'device.os': { $in: ['ios', 'macos'] } } },
    { id: 'touch', when: { 'device.touch': true } },
    { id: 'narrow', when: { 'device.viewport.width': { $lt: 768 } } },
  ],
};

const emulate = (name: string) => {
  const { defaultBrowserType: _ignored, ...options } = devices[name] as any;
  return options;
};

const cases: [string, Record<string, unknown>, string[], Record<string, unknown>?][] = [
  ['iPhone 13', { type: 'mobile', os: 'ios', browser: 'safari', touch: true, viewport: { width: 390 } }, ['phone', 'apple', 'touch', 'narrow']],
  ['Pixel 7', { type: 'mobile', os: 'android', browser: 'chrome', touch: true, viewport: { width: 412 } }, ['phone', 'touch', 'narrow']],
  ['iPad Pro 11', { type: 'tablet', os: 'ios', browser: 'safari', touch: true, viewport: { width: 834 } }, ['tablet', 'apple', 'touch']],
  ['Galaxy Tab S4', { type: 'tablet', os: 'android', browser: 'chrome', touch: true }, ['tablet', 'touch', 'narrow']],
  ['Desktop Chrome', { type: 'desktop', os: 'windows', browser: 'chrome', touch: false, viewport: { width: 1280 } }, ['desktop']],
  ['Desktop Edge', { type: 'desktop', os: 'windows', browser: 'edge', touch: false }, ['desktop']],
  ['Desktop Safari', { type: 'desktop', os: 'macos', browser: 'safari', touch: false }, ['desktop', 'apple']],
];

for (const [name, expected, segments] of cases) {
  test.describe(`device emulation: ${name}`, () => {
    test.use(emulate(name));
    test(`${name} reads as ${expected.type}/${expected.os}/${expected.browser} and its segments match`, async ({ page }) => {
      await serve(page, '**/probe/device', storePage(CONFIG));
      await page.goto('/probe/device');
      const p = await profile(page);
      expect(p.device).toMatchObject(expected);
      expect((await segmentsOf(page)).sort()).toEqual([...segments].sort());
    });
  });
}

// What a real iPad's Safari reports: no navigator.userAgentData (WebKit has no UA Client Hints), 5 touch points.
test.describe('a real iPad', () => {
  test.use(emulate('iPad Pro 11'));
  test('an iPad whose browser has no Client Hints (Safari) is a tablet', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
      Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { get: () => 5 });
    });
    await serve(page, '**/probe/device', storePage(CONFIG));
    await page.goto('/probe/device');
    expect((await profile(page)).device).toMatchObject({ type: 'tablet', os: 'ios', browser: 'safari', touch: true });
  });

  test('iPadOS Safari asking for the desktop site (Mac UA, 5 touch points) is an iOS tablet', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => undefined });
      Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { get: () => 5 });
      Object.defineProperty(Navigator.prototype, 'userAgent', {
        get: () => 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      });
    });
    await serve(page, '**/probe/device', storePage(CONFIG));
    await page.goto('/probe/device');
    expect((await profile(page)).device).toMatchObject({ type: 'tablet', os: 'ios', browser: 'safari' });
  });
});

// A Samsung tablet's Chrome reports mobile: false in Client Hints.
test.describe('a real Android tablet', () => {
  test.use(emulate('Galaxy Tab S4'));
  test('an Android tablet whose Client Hints say mobile:false is a tablet', async ({ page }) => {
    await page.addInitScript(() => {
      const real = (navigator as any).userAgentData;
      const hints = { mobile: false, platform: 'Android', brands: real?.brands ?? [] };
      Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => hints });
    });
    await serve(page, '**/probe/device', storePage(CONFIG));
    await page.goto('/probe/device');
    expect((await profile(page)).device).toMatchObject({ type: 'tablet', os: 'android' });
  });
});

test.describe('preferences', () => {
  test.use({ ...emulate('Pixel 7'), colorScheme: 'dark', reducedMotion: 'reduce', locale: 'de-AT' });
  test('dark mode, reduced motion and the browser language are read', async ({ page }) => {
    await serve(page, '**/probe/device', storePage({ version: 1, segments: [{ id: 'dark', when: { 'device.darkMode': true, 'device.reducedMotion': true, 'device.language': { $regexi: '^de' } } }] }));
    await page.goto('/probe/device');
    expect((await profile(page)).device).toMatchObject({ darkMode: true, reducedMotion: true, language: 'de-AT' });
    expect(await segmentsOf(page)).toEqual(['dark']);
  });
});

test.describe('a resized window', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('device.viewport.width follows the window after a resize', async ({ page }) => {
    await serve(page, '**/probe/device', storePage(CONFIG));
    await page.goto('/probe/device');
    expect((await profile(page)).device.viewport.width).toBe(1280);
    await page.setViewportSize({ width: 600, height: 800 });
    await expect.poll(async () => (await profile(page)).device.viewport.width).toBe(600);
  });
});
