import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The Chromium to test and measure with: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a
 * browser Playwright downloaded itself. Playwright cannot download browsers on machines
 * without internet access, so say what to install instead of failing obscurely.
 */
export function findChromium() {
  /** @type {[string, string | undefined][]} */
  const candidates = [
    ['$CHROMIUM_PATH', process.env.CHROMIUM_PATH],
    ['Debian chromium', '/usr/bin/chromium'],
    ["Playwright's own Chromium", safe(() => chromium.executablePath())],
  ];
  for (const [, path] of candidates) if (path && existsSync(path)) return path;
  throw new Error(
    [
      'No Chromium found for the end-to-end tests. Looked at:',
      ...candidates.map(([name, path]) => `  - ${name}: ${path ?? '(not set)'}`),
      'Install one (on Debian: apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium binary.',
    ].join('\n'),
  );
}

/** @param {() => string} read */
function safe(read) {
  try {
    return read();
  } catch {
    return undefined;
  }
}
