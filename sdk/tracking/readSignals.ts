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

/** Where a session keeps its time zone (see readTimezone). */
export const ZONE_KEY = 'beckon.zone';

/**
 * The browser's IANA time zone, or '' when the engine cannot tell. Asking Intl costs 20–60 ms
 * on a page that has not used it yet (Chromium loads its locale data), a long task on every
 * page of a store that targets by country: `notes` (the session's storage, when the visitor
 * allows storing) keep the zone beside the UTC offset it was read at, so it is read anew
 * only on a session's first page, or when the offset moves.
 */
export function readTimezone(notes?: Storage): string {
  const offset = `${new Date().getTimezoneOffset()} `;
  try {
    const kept = notes?.getItem(ZONE_KEY);
    if (kept?.startsWith(offset)) return kept.slice(offset.length);
  } catch {
    // Read anew below.
  }
  let zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
    notes?.setItem(ZONE_KEY, offset + zone);
  } catch {
    // An engine without Intl time zones (the locale alone will have to do), or storage full.
  }
  return zone;
}

/** The time zone and locale, from which `geo.*` is derived without any network call. */
export function readGeoSignals(win: Window, countryHint?: unknown, notes?: Storage): GeoSignals {
  const timezone = readTimezone(notes);
  const signals: GeoSignals = { timezone, locale: win.navigator?.language ?? '' };
  if (typeof countryHint === 'string') signals.countryHint = countryHint;
  return signals;
}
