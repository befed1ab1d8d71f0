export type DeviceType = 'mobile' | 'tablet' | 'desktop';
export type DeviceOs = 'ios' | 'android' | 'windows' | 'macos' | 'linux' | 'chromeos' | 'other';
export type Browser = 'chrome' | 'edge' | 'firefox' | 'safari' | 'samsung' | 'opera' | 'other';

export interface DeviceSignals {
  userAgent: string;
  /** `navigator.userAgentData` (User-Agent Client Hints), where the browser has it. */
  uaData?: { mobile?: boolean; platform?: string; brands?: { brand: string; version: string }[] };
  viewportWidth: number;
  maxTouchPoints: number;
  language: string;
  darkMode: boolean;
  reducedMotion: boolean;
}

export interface Device {
  type: DeviceType;
  os: DeviceOs;
  browser: Browser;
  language: string;
  touch: boolean;
  darkMode: boolean;
  reducedMotion: boolean;
  viewport: { width: number };
}

/** UA-CH `platform` values, which Chromium keeps accurate while it freezes the UA string. */
const PLATFORMS = new Map<unknown, DeviceOs>([
  ['Android', 'android'],
  ['Windows', 'windows'],
  ['macOS', 'macos'],
  ['Linux', 'linux'],
  ['Chrome OS', 'chromeos'],
  ['Chromium OS', 'chromeos'],
  ['iOS', 'ios'],
]);

/**
 * UA-CH brands that name a browser. Brave and other forks announce only "Chromium" besides
 * their own name, and then the UA string decides.
 */
const BRANDS = new Map<unknown, Browser>([
  ['Google Chrome', 'chrome'],
  ['Microsoft Edge', 'edge'],
  ['Opera', 'opera'],
  ['Opera GX', 'opera'],
  ['Samsung Internet', 'samsung'],
]);

/**
 * UA string tokens, first match wins: Edge, Opera and Samsung Internet also say "Chrome", and
 * every browser on iOS says "Safari" (Chrome there is CriOS, Firefox FxiOS, Edge EdgiOS).
 * Safari needs an Apple device, or the old Android stock browser would count as Safari.
 */
const BROWSERS: [RegExp, Browser][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'edge'],
  [/\bOPR\/|\bOPiOS\/|\bOPT\/|\bOpera\b/, 'opera'],
  [/\bSamsungBrowser\//, 'samsung'],
  [/\bFirefox\/|\bFxiOS\//, 'firefox'],
  // Headless Chromium (automation, previews) says "HeadlessChrome/".
  [/(?:\b|Headless)Chrome\/|\bCriOS\/|\bChromium\//, 'chrome'],
  [/\b(?:iPhone|iPad|iPod|Macintosh)\b.*\bSafari\//, 'safari'],
];

/** "Mobi" as MDN recommends, which also catches "Mobile" and "IEMobile". */
const MOBILE = /Mobi|\biPhone\b|\biPod\b|Windows Phone|BlackBerry|BB10|Opera Mini/;
/** Amazon's Fire tablets run Silk; the PlayBook was BlackBerry's. */
const TABLET = /\biPad\b|\bKindle\b|\bSilk\/|\bPlayBook\b/;
const DESKTOP = /Windows NT|Macintosh|CrOS|X11|Linux/;

function uaOs(ua: string, ipadAsMac: boolean): DeviceOs {
  if (ipadAsMac || /\b(?:iPhone|iPad|iPod)\b/.test(ua)) return 'ios';
  // Before Linux, which Android UAs also name.
  if (/\bAndroid\b/.test(ua)) return 'android';
  if (/\bCrOS\b/.test(ua)) return 'chromeos';
  if (/\bWindows\b/.test(ua)) return 'windows';
  if (/\bMacintosh\b|\bMac OS X\b/.test(ua)) return 'macos';
  if (/\bLinux\b|\bX11\b/.test(ua)) return 'linux';
  return 'other';
}

function hintType(mobile: unknown, os: DeviceOs | undefined): DeviceType | undefined {
  if (mobile === true) return 'mobile';
  if (mobile !== false || !os || os === 'ios') return undefined;
  // Chromium on an Android tablet reports mobile: false, which does not make it a desktop.
  return os === 'android' ? 'tablet' : 'desktop';
}

function uaType(ua: string, ipadAsMac: boolean): DeviceType | undefined {
  if (ipadAsMac || TABLET.test(ua)) return 'tablet';
  // Android phones carry a "Mobile" token that Android tablets leave out.
  if (/\bAndroid\b/.test(ua)) return MOBILE.test(ua) ? 'mobile' : 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  if (DESKTOP.test(ua)) return 'desktop';
  return undefined;
}

/** Common CSS breakpoints, for when neither Client Hints nor the UA string tell. */
function viewportType(width: number): DeviceType {
  if (width > 0 && width < 768) return 'mobile';
  if (width >= 768 && width < 1024) return 'tablet';
  return 'desktop';
}

function hintBrowser(brands: unknown): Browser | undefined {
  if (!Array.isArray(brands)) return undefined;
  for (const entry of brands as unknown[]) {
    const browser = BRANDS.get((entry as { brand?: unknown } | null)?.brand);
    if (browser) return browser;
  }
  return undefined;
}

/**
 * What the visitor browses with. Client Hints come first because Chromium freezes its UA
 * string; the UA string fills in for Safari and Firefox, which have no Client Hints; the
 * viewport decides only when neither says what kind of device this is.
 */
export function readDevice(signals: DeviceSignals): Device {
  const ua = typeof signals?.userAgent === 'string' ? signals.userAgent : '';
  const uaData = signals?.uaData && typeof signals.uaData === 'object' ? signals.uaData : undefined;
  const touchPoints = Number(signals?.maxTouchPoints) || 0;
  const width = Number(signals?.viewportWidth);
  // iPadOS 13+ Safari asks for desktop sites with a Mac UA; only touch gives it away.
  const ipadAsMac = touchPoints > 1 && /\bMacintosh\b/.test(ua);
  const hintedOs = PLATFORMS.get(uaData?.platform);
  const fromUa = uaType(ua, ipadAsMac);
  return {
    // A tablet the UA names (an iPad, an Android UA without "Mobile") is one, whatever the
    // `mobile` hint says: DevTools' and Playwright's tablet emulation report mobile: true.
    type: fromUa == 'tablet' ? fromUa : (hintType(uaData?.mobile, hintedOs) ?? fromUa ?? viewportType(width)),
    os: hintedOs ?? uaOs(ua, ipadAsMac),
    browser: hintBrowser(uaData?.brands) ?? BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'other',
    language: typeof signals?.language === 'string' ? signals.language.trim().slice(0, 35) : '',
    touch: touchPoints > 0,
    darkMode: signals?.darkMode === true,
    reducedMotion: signals?.reducedMotion === true,
    viewport: { width: Number.isFinite(width) && width > 0 ? Math.round(width) : 0 },
  };
}
