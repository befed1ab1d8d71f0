import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGeo, type Geo, type GeoSignals } from '../../../sdk/core/readGeo.js';

const EU_27 = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');

describe('readGeo', () => {
  it.each<[string, Partial<GeoSignals>, Omit<Geo, 'timezone'>]>([
    ['Europe/Rome', { timezone: 'Europe/Rome' }, { country: 'IT', continent: 'europe', eu: true }],
    ['America/New_York', { timezone: 'America/New_York' }, { country: 'US', continent: 'north_america', eu: false }],
    ['America/Sao_Paulo', { timezone: 'America/Sao_Paulo' }, { country: 'BR', continent: 'south_america', eu: false }],
    ['America/Argentina/Ushuaia', { timezone: 'America/Argentina/Ushuaia' }, { country: 'AR', continent: 'south_america', eu: false }],
    ['America/Indiana/Knox', { timezone: 'America/Indiana/Knox' }, { country: 'US', continent: 'north_america', eu: false }],
    ['Asia/Tokyo', { timezone: 'Asia/Tokyo' }, { country: 'JP', continent: 'asia', eu: false }],
    ['Australia/Sydney', { timezone: 'Australia/Sydney' }, { country: 'AU', continent: 'oceania', eu: false }],
    ['Pacific/Auckland', { timezone: 'Pacific/Auckland' }, { country: 'NZ', continent: 'oceania', eu: false }],
    ['Africa/Lagos', { timezone: 'Africa/Lagos' }, { country: 'NG', continent: 'africa', eu: false }],
    ['Europe/London', { timezone: 'Europe/London' }, { country: 'GB', continent: 'europe', eu: false }],
    ['Europe/Zurich', { timezone: 'Europe/Zurich' }, { country: 'CH', continent: 'europe', eu: false }],
    ['Europe/Vaduz, a per-country link', { timezone: 'Europe/Vaduz' }, { country: 'LI', continent: 'europe', eu: false }],
    ['Europe/Amsterdam, a link since 2022', { timezone: 'Europe/Amsterdam' }, { country: 'NL', continent: 'europe', eu: true }],
    ['Asia/Vladivostok, Russia in Asia', { timezone: 'Asia/Vladivostok' }, { country: 'RU', continent: 'europe', eu: false }],
    ['Atlantic/Canary', { timezone: 'Atlantic/Canary' }, { country: 'ES', continent: 'europe', eu: true }],
    ['Atlantic/Reykjavik', { timezone: 'Atlantic/Reykjavik' }, { country: 'IS', continent: 'europe', eu: false }],
    ['Indian/Reunion, an outermost region', { timezone: 'Indian/Reunion' }, { country: 'RE', continent: 'africa', eu: true }],
    ['America/Bahia, not America/Bahia_Banderas', { timezone: 'America/Bahia' }, { country: 'BR', continent: 'south_america', eu: false }],
    ['America/Bahia_Banderas, not America/Bahia', { timezone: 'America/Bahia_Banderas' }, { country: 'MX', continent: 'north_america', eu: false }],
    ['the alias Asia/Calcutta', { timezone: 'Asia/Calcutta' }, { country: 'IN', continent: 'asia', eu: false }],
    ['the alias Europe/Kiev', { timezone: 'Europe/Kiev' }, { country: 'UA', continent: 'europe', eu: false }],
    ['the alias Asia/Saigon', { timezone: 'Asia/Saigon' }, { country: 'VN', continent: 'asia', eu: false }],
    ['the legacy US/Eastern', { timezone: 'US/Eastern' }, { country: 'US', continent: 'north_america', eu: false }],
    ['the legacy Canada/Atlantic', { timezone: 'Canada/Atlantic' }, { country: 'CA', continent: 'north_america', eu: false }],
    ['the legacy Australia/NSW', { timezone: 'Australia/NSW' }, { country: 'AU', continent: 'oceania', eu: false }],
    ['an unknown zone, with the locale region', { timezone: 'Mars/Olympus', locale: 'de-AT' }, { country: 'AT', continent: 'europe', eu: true }],
    ['UTC, with the locale region', { timezone: 'UTC', locale: 'en-GB' }, { country: 'GB', continent: 'europe', eu: false }],
    ['a locale with a script', { timezone: 'Etc/UTC', locale: 'zh-Hant-TW' }, { country: 'TW', continent: 'asia', eu: false }],
    ['a locale with an underscore', { timezone: '', locale: 'pt_BR' }, { country: 'BR', continent: 'south_america', eu: false }],
    ['a locale with a numeric region', { timezone: '', locale: 'es-419' }, { country: '', continent: '', eu: false }],
    ['a locale with a fake region', { timezone: '', locale: 'en-ZZ' }, { country: '', continent: '', eu: false }],
    ['a locale whose extension looks like a region', { timezone: '', locale: 'en-u-ca-gregory-nu-ar' }, { country: '', continent: '', eu: false }],
    ['an unknown zone in a known area', { timezone: 'Asia/Atlantis' }, { country: '', continent: 'asia', eu: false }],
    ['an unknown zone in America/', { timezone: 'America/Atlantis' }, { country: '', continent: '', eu: false }],
    ['a hint over the zone', { timezone: 'America/New_York', countryHint: 'it' }, { country: 'IT', continent: 'europe', eu: true }],
    ['a hint with spaces', { timezone: '', countryHint: ' fr ' }, { country: 'FR', continent: 'europe', eu: true }],
    ['UK as a hint', { timezone: '', countryHint: 'UK' }, { country: 'GB', continent: 'europe', eu: false }],
    ['an invalid hint', { timezone: 'Europe/Rome', countryHint: 'XYZ' }, { country: 'IT', continent: 'europe', eu: true }],
    ['an unassigned hint', { timezone: 'Europe/Rome', countryHint: 'QQ' }, { country: 'IT', continent: 'europe', eu: true }],
    ['nothing at all', { timezone: '', locale: '' }, { country: '', continent: '', eu: false }],
  ])('reads %s', (_name, signals, expected) => {
    const input: GeoSignals = { timezone: '', locale: 'en', ...signals };
    expect(readGeo(input)).toEqual({ timezone: input.timezone.trim(), ...expected });
  });

  it.each(EU_27)('counts %s in the EU', (country) => {
    expect(readGeo({ timezone: '', locale: '', countryHint: country })).toMatchObject({ country, continent: 'europe', eu: true });
  });

  it.each(['GB', 'CH', 'NO', 'IS', 'US', 'TR'])('does not count %s in the EU', (country) => {
    expect(readGeo({ timezone: '', locale: '', countryHint: country }).eu).toBe(false);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an empty object', {}],
    ['wrong types', { timezone: 5, locale: ['it-IT'], countryHint: {} }],
    ['names of Object.prototype', { timezone: 'constructor/toString', locale: 'en-__proto__', countryHint: 'constructor' }],
  ])('never throws on %s', (_name, input) => {
    expect(readGeo(input as GeoSignals)).toMatchObject({ country: '', continent: '', eu: false });
  });
});

// The table is abbreviated to fit the size budget; these hold it to the real zone lists.
describe('readGeo zone table', () => {
  const zoneTab = '/usr/share/zoneinfo/zone.tab';

  it.skipIf(!existsSync(zoneTab))('maps every zone of the system zone.tab to its country', () => {
    const rows = readFileSync(zoneTab, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t'));
    const wrong = rows
      .map(([country, , zone]) => [zone, country, readGeo({ timezone: zone ?? '', locale: '' }).country])
      .filter(([, expected, actual]) => expected !== actual);
    expect(rows.length).toBeGreaterThan(400);
    expect(wrong).toEqual([]);
  });

  it('gives a country to every zone this runtime knows, CLDR aliases included', () => {
    const zones = Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/') && !zone.startsWith('Etc/'));
    expect(zones.filter((zone) => readGeo({ timezone: zone, locale: '' }).country === '')).toEqual([]);
  });
});
