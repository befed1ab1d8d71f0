import { expect, test } from '@playwright/test';
import { profile, segmentsOf, serve, storePage } from './profileHelpers.js';

// geo.* (DESIGN §3: from the time zone and locale, or identify({ country })) and time.* (the visitor's local time).
const CONFIG = {
  version: 1,
  segments: [
    { id: 'eu', when: { 'geo.eu': true } },
    { id: 'dach', when: { 'geo.country': { $in: ['DE', 'AT', 'CH'] } } },
    { id: 'americas', when: { 'geo.continent': { $in: ['north_america', 'south_america'] } } },
  ],
};

const places: [string, string, Record<string, unknown>][] = [
  ['Europe/Vienna', 'de-AT', { country: 'AT', continent: 'europe', eu: true }],
  ['Europe/Zurich', 'de-CH', { country: 'CH', continent: 'europe', eu: false }],
  ['Europe/London', 'en-GB', { country: 'GB', continent: 'europe', eu: false }],
  ['Europe/Dublin', 'en-IE', { country: 'IE', continent: 'europe', eu: true }],
  ['Europe/Kyiv', 'uk-UA', { country: 'UA', continent: 'europe', eu: false }],
  ['Europe/Istanbul', 'tr-TR', { country: 'TR', continent: 'asia', eu: false }],
  ['Asia/Nicosia', 'el-CY', { country: 'CY', continent: 'europe', eu: true }],
  ['Atlantic/Canary', 'es-ES', { country: 'ES', continent: 'europe', eu: true }],
  ['America/New_York', 'en-US', { country: 'US', continent: 'north_america', eu: false }],
  ['America/Sao_Paulo', 'pt-BR', { country: 'BR', continent: 'south_america', eu: false }],
  ['America/Argentina/Buenos_Aires', 'es-AR', { country: 'AR', continent: 'south_america', eu: false }],
  ['America/Mexico_City', 'es-MX', { country: 'MX', continent: 'north_america', eu: false }],
  ['America/Indiana/Indianapolis', 'en-US', { country: 'US', continent: 'north_america', eu: false }],
  ['America/Nuuk', 'kl-GL', { country: 'GL', continent: 'north_america', eu: false }],
  ['Asia/Kolkata', 'hi-IN', { country: 'IN', continent: 'asia', eu: false }],
  ['Asia/Ho_Chi_Minh', 'vi-VN', { country: 'VN', continent: 'asia', eu: false }],
  ['Asia/Kathmandu', 'ne-NP', { country: 'NP', continent: 'asia', eu: false }],
  ['Asia/Tokyo', 'ja-JP', { country: 'JP', continent: 'asia', eu: false }],
  ['Australia/Sydney', 'en-AU', { country: 'AU', continent: 'oceania', eu: false }],
  ['Pacific/Auckland', 'en-NZ', { country: 'NZ', continent: 'oceania', eu: false }],
  ['Africa/Johannesburg', 'en-ZA', { country: 'ZA', continent: 'africa', eu: false }],
  ['Africa/Casablanca', 'ar-MA', { country: 'MA', continent: 'africa', eu: false }],
  // No country in the zone: the locale's region decides.
  ['UTC', 'de-DE', { country: 'DE', continent: 'europe', eu: true }],
  ['Etc/GMT-1', 'fr-FR', { country: 'FR', continent: 'europe', eu: true }],
];

for (const [timezoneId, locale, expected] of places) {
  test.describe(`${timezoneId} ${locale}`, () => {
    test.use({ timezoneId, locale });
    test(`${timezoneId} with ${locale} is ${expected.country}`, async ({ page }) => {
      await serve(page, '**/probe/geo', storePage(CONFIG));
      await page.goto('/probe/geo');
      const p = await profile(page);
      expect(p.geo).toMatchObject(expected);
      const want = [expected.eu && 'eu', ['DE', 'AT', 'CH'].includes(expected.country as string) && 'dach', /america/.test(expected.continent as string) && 'americas'].filter(Boolean);
      expect((await segmentsOf(page)).sort()).toEqual(want.sort());
    });
  });
}

test.describe('local time in another zone', () => {
  test.use({ timezoneId: 'Pacific/Auckland', locale: 'en-NZ' });
  test('time.* is the visitor’s local time, not the server’s or UTC', async ({ page }) => {
    // Saturday 2026-11-14 22:30 UTC = Sunday 2026-11-15 11:30 in Auckland (NZDT, +13).
    await page.clock.install({ time: Date.parse('2026-11-14T22:30:00Z') });
    await serve(page, '**/probe/geo', storePage({ version: 1, segments: [{ id: 'sunday-morning', when: { 'time.dayOfWeek': 0, 'time.hour': { $gte: 9, $lt: 12 }, 'time.weekend': true } }] }));
    await page.goto('/probe/geo');
    const p = await profile(page);
    expect(p.time).toEqual({ hour: 11, dayOfWeek: 0, weekend: true, month: 11, date: '2026-11-15' });
    expect(await segmentsOf(page)).toEqual(['sunday-morning']);
  });
});

test.describe('a country given by the site', () => {
  test.use({ timezoneId: 'Europe/Berlin', locale: 'de-DE' });
  test('identify({ country }) wins over the time zone, in any case; a non-code is ignored', async ({ page }) => {
    await serve(page, '**/probe/geo', storePage(CONFIG));
    await page.goto('/probe/geo');
    expect((await profile(page)).geo).toMatchObject({ country: 'DE', eu: true });
    await page.evaluate(() => (window as any).beckon.identify({ country: 'uk' }));
    expect((await profile(page)).geo).toMatchObject({ country: 'GB', continent: 'europe', eu: false });
    expect(await segmentsOf(page)).toEqual([]);
    await page.evaluate(() => (window as any).beckon.identify({ country: 'Narnia' }));
    expect((await profile(page)).geo).toMatchObject({ country: 'DE', eu: true });
  });
});
