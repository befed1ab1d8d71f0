import type { DeviceSignals, GeoSignals } from '../core/index.js';

interface NavigatorWithHints extends Navigator {
  userAgentData?: { mobile?: boolean; platform?: string; brands?: { brand: string; version: string }[] };
}

const matches = (win: Window, query: string) => {
  try {
    return win.matchMedia?.(query).matches === true;
  } catch {
    return false;
  }
};

/** What the browser says about the device: User-Agent Client Hints where available, else the UA string. */
export function readDeviceSignals(win: Window): DeviceSignals {
  const navigator = win.navigator as NavigatorWithHints;
  const hints = navigator.userAgentData;
  const signals: DeviceSignals = {
    userAgent: navigator.userAgent ?? '',
    viewportWidth: win.innerWidth ?? 0,
    maxTouchPoints: navigator.maxTouchPoints ?? 0,
    language: navigator.language ?? '',
    darkMode: matches(win, '(prefers-color-scheme: dark)'),
    reducedMotion: matches(win, '(prefers-reduced-motion: reduce)'),
  };
  if (hints) signals.uaData = { mobile: hints.mobile, platform: hints.platform, brands: hints.brands };
  return signals;
}

/** The time zone and locale, from which `geo.*` is derived without any network call. */
export function readGeoSignals(win: Window, countryHint?: unknown): GeoSignals {
  let timezone = '';
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    // An engine without Intl time zones: the locale alone will have to do.
  }
  const signals: GeoSignals = { timezone, locale: win.navigator?.language ?? '' };
  if (typeof countryHint === 'string') signals.countryHint = countryHint;
  return signals;
}
