import { describe, expect, it } from 'vitest';
import { readDevice, type Device, type DeviceSignals } from '../../../sdk/core/readDevice.js';

const base: DeviceSignals = {
  userAgent: '',
  viewportWidth: 1280,
  maxTouchPoints: 0,
  language: 'en-US',
  darkMode: false,
  reducedMotion: false,
};

const UA = {
  iPhoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iPadSafari:
    'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  macChrome:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  androidPhoneChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  androidTabletChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  androidPhoneFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  androidTabletFirefox: 'Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0',
  samsungInternet:
    'Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  androidEdge:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 EdgA/124.0.2478.64',
  kindleSilk:
    'Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/124.2.1 like Chrome/124.0.6367.219 Safari/537.36',
  androidStock:
    'Mozilla/5.0 (Linux; U; Android 4.0.3; ko-kr; LG-L160L Build/IML74K) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  windowsOpera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 OPR/109.0.0.0',
  linuxFirefox: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  iPhoneCriOS:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  iPhoneFxiOS:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15',
  iPhoneEdgiOS:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/124.2478.50 Mobile/15E148 Safari/605.1.15',
  iPhoneFacebook:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21E219 [FBAN/FBIOS;FBAV/460.0.0.38.107;FBBV/583445040]',
} as const;

type Expected = Pick<Device, 'type' | 'os' | 'browser'>;

describe('readDevice', () => {
  it.each<[string, Partial<DeviceSignals>, Expected]>([
    ['iPhone Safari', { userAgent: UA.iPhoneSafari, maxTouchPoints: 5 }, { type: 'mobile', os: 'ios', browser: 'safari' }],
    ['iPad Safari', { userAgent: UA.iPadSafari, maxTouchPoints: 5 }, { type: 'tablet', os: 'ios', browser: 'safari' }],
    ['iPadOS Safari posing as a Mac', { userAgent: UA.macSafari, maxTouchPoints: 5 }, { type: 'tablet', os: 'ios', browser: 'safari' }],
    ['macOS Safari', { userAgent: UA.macSafari }, { type: 'desktop', os: 'macos', browser: 'safari' }],
    ['macOS Chrome', { userAgent: UA.macChrome }, { type: 'desktop', os: 'macos', browser: 'chrome' }],
    ['Android phone Chrome', { userAgent: UA.androidPhoneChrome }, { type: 'mobile', os: 'android', browser: 'chrome' }],
    ['Android tablet Chrome', { userAgent: UA.androidTabletChrome }, { type: 'tablet', os: 'android', browser: 'chrome' }],
    ['Android phone Firefox', { userAgent: UA.androidPhoneFirefox }, { type: 'mobile', os: 'android', browser: 'firefox' }],
    ['Android tablet Firefox', { userAgent: UA.androidTabletFirefox }, { type: 'tablet', os: 'android', browser: 'firefox' }],
    ['Samsung Internet', { userAgent: UA.samsungInternet }, { type: 'mobile', os: 'android', browser: 'samsung' }],
    ['Edge on Android', { userAgent: UA.androidEdge }, { type: 'mobile', os: 'android', browser: 'edge' }],
    ['a Kindle Fire', { userAgent: UA.kindleSilk }, { type: 'tablet', os: 'android', browser: 'chrome' }],
    ['the old Android browser', { userAgent: UA.androidStock }, { type: 'mobile', os: 'android', browser: 'other' }],
    ['Windows Chrome', { userAgent: UA.windowsChrome }, { type: 'desktop', os: 'windows', browser: 'chrome' }],
    ['Windows Edge', { userAgent: UA.windowsEdge }, { type: 'desktop', os: 'windows', browser: 'edge' }],
    ['Windows Firefox', { userAgent: UA.windowsFirefox }, { type: 'desktop', os: 'windows', browser: 'firefox' }],
    ['Windows Opera', { userAgent: UA.windowsOpera }, { type: 'desktop', os: 'windows', browser: 'opera' }],
    ['Linux Firefox', { userAgent: UA.linuxFirefox }, { type: 'desktop', os: 'linux', browser: 'firefox' }],
    ['headless Chromium', { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36' }, { type: 'desktop', os: 'linux', browser: 'chrome' }],
    ['ChromeOS', { userAgent: UA.chromeOs }, { type: 'desktop', os: 'chromeos', browser: 'chrome' }],
    ['Chrome on iOS', { userAgent: UA.iPhoneCriOS }, { type: 'mobile', os: 'ios', browser: 'chrome' }],
    ['Firefox on iOS', { userAgent: UA.iPhoneFxiOS }, { type: 'mobile', os: 'ios', browser: 'firefox' }],
    ['Edge on iOS', { userAgent: UA.iPhoneEdgiOS }, { type: 'mobile', os: 'ios', browser: 'edge' }],
    ['an in-app browser on iOS', { userAgent: UA.iPhoneFacebook }, { type: 'mobile', os: 'ios', browser: 'other' }],
    [
      'Client Hints over a desktop-site UA string',
      {
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
        uaData: { mobile: true, platform: 'Android', brands: [{ brand: 'Chromium', version: '124' }, { brand: 'Google Chrome', version: '124' }] },
      },
      { type: 'mobile', os: 'android', browser: 'chrome' },
    ],
    [
      'Client Hints of an Android tablet',
      { userAgent: UA.androidTabletChrome, uaData: { mobile: false, platform: 'Android' } },
      { type: 'tablet', os: 'android', browser: 'chrome' },
    ],
    [
      'Client Hints brands over the UA string',
      { userAgent: UA.windowsChrome, uaData: { mobile: false, platform: 'Windows', brands: [{ brand: 'Not-A.Brand', version: '99' }, { brand: 'Microsoft Edge', version: '124' }] } },
      { type: 'desktop', os: 'windows', browser: 'edge' },
    ],
    [
      'a Chromium fork that names no known brand',
      { userAgent: UA.macChrome, uaData: { mobile: false, platform: 'macOS', brands: [{ brand: 'Brave', version: '124' }, { brand: 'Chromium', version: '124' }] } },
      { type: 'desktop', os: 'macos', browser: 'chrome' },
    ],
    ['an unknown UA on a narrow viewport', { userAgent: 'curl/8.5.0', viewportWidth: 390 }, { type: 'mobile', os: 'other', browser: 'other' }],
    ['an unknown UA on a medium viewport', { userAgent: 'curl/8.5.0', viewportWidth: 820 }, { type: 'tablet', os: 'other', browser: 'other' }],
    ['an unknown UA on a wide viewport', { userAgent: 'curl/8.5.0', viewportWidth: 1440 }, { type: 'desktop', os: 'other', browser: 'other' }],
    ['an empty UA with no viewport', { userAgent: '', viewportWidth: 0 }, { type: 'desktop', os: 'other', browser: 'other' }],
  ])('reads %s', (_name, signals, expected) => {
    const { type, os, browser } = readDevice({ ...base, ...signals });
    expect({ type, os, browser }).toEqual(expected);
  });

  it('passes the preferences and the viewport through', () => {
    expect(
      readDevice({ ...base, userAgent: UA.iPhoneSafari, viewportWidth: 390.4, maxTouchPoints: 5, language: ' it-IT ', darkMode: true, reducedMotion: true }),
    ).toEqual({
      type: 'mobile',
      os: 'ios',
      browser: 'safari',
      language: 'it-IT',
      touch: true,
      darkMode: true,
      reducedMotion: true,
      viewport: { width: 390 },
    });
  });

  it('caps the language tag at 35 characters', () => {
    expect(readDevice({ ...base, language: 'x'.repeat(50) }).language).toHaveLength(35);
  });

  it.each<[string, unknown]>([
    ['an empty object', {}],
    ['null', null],
    ['wrong types everywhere', { userAgent: 42, uaData: 'yes', viewportWidth: 'wide', maxTouchPoints: null, language: {}, darkMode: 'true', reducedMotion: 1 }],
    ['malformed Client Hints', { userAgent: UA.windowsChrome, uaData: { mobile: 'no', platform: 7, brands: [null, 3, { brand: {} }] } }],
    ['a non-array of brands', { userAgent: UA.windowsChrome, uaData: { brands: { brand: 'Google Chrome' } } }],
  ])('never throws on %s', (_name, signals) => {
    const device = readDevice(signals as DeviceSignals);
    expect(device).toMatchObject({ touch: false, darkMode: false, reducedMotion: false });
    expect(['mobile', 'tablet', 'desktop']).toContain(device.type);
  });
});
