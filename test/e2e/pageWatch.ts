import type { Page } from '@playwright/test';

/** Records what a page says about itself: uncaught errors, console warnings and errors. */
export function watchPage(page: Page) {
  const errors: string[] = [];
  const warnings: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { errors, warnings, consoleErrors, beckonWarnings: () => warnings.filter((w) => w.startsWith('[beckon]')) };
}

export interface ProfileShape {
  visitor: { id: string; sessions: number; isNew: boolean };
  session: { pageviews: number };
  page: { url: string; path: string; title: string };
  traits: Record<string, unknown>;
}

/** `await beckon.profile()` in the page, once the script has installed itself. */
export async function profileOf(page: Page): Promise<ProfileShape> {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  return page.evaluate(() => (window as any).beckon.profile());
}
