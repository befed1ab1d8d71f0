import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Locator, type Page } from '@playwright/test';
import { collectLog } from '../playwright.config.js';

/**
 * The lines the demo server's `/collect` has logged for one visitor. The log file only
 * exists once the first line arrives, so a test that polls before then reads nothing.
 */
export function collectedFor(visitorId: string): { [key: string]: any }[] {
  let text = '';
  try {
    text = readFileSync(collectLog, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((line) => line.visitorId === visitorId);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
  segments: string[];
  answers: Record<string, Record<string, unknown>>;
}

/** `await beckon.profile()` in the page, once the script has installed itself. */
export async function profileOf(page: Page): Promise<ProfileShape> {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  return page.evaluate(() => (window as any).beckon.profile());
}

/** What the SDK has stored under `key` in its IndexedDB database (undefined when nothing is). */
export function storedValue<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<any>((resolve, reject) => {
        const request = indexedDB.open('beckon');
        // Reading must not create the database when it is gone: that would leave one
        // without Beckon's store for the page to find.
        request.onupgradeneeded = () => request.transaction!.abort();
        request.onerror = () => (request.error?.name === 'AbortError' ? resolve(undefined) : reject(request.error));
        request.onsuccess = () => {
          if (!request.result.objectStoreNames.contains('state')) {
            request.result.close();
            resolve(undefined);
            return;
          }
          const read = request.result.transaction('state').objectStore('state').get(key);
          read.onsuccess = () => {
            resolve(read.result);
            request.result.close();
          };
        };
      }),
    key,
  );
}

/** Every key stored in Beckon's IndexedDB database, without creating it when it is absent. */
export function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes('beckon')) return [];
    return new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('beckon');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('state')) {
          db.close();
          return resolve([]);
        }
        const keys = db.transaction('state').objectStore('state').getAllKeys();
        keys.onsuccess = () => {
          resolve((keys.result as string[]).map(String).sort());
          db.close();
        };
      };
    });
  });
}

/** Writes `items` under 'outbox' in Beckon's database from a page of the site that does not run Beckon. */
export async function seedOutbox(page: Page, items: unknown[]) {
  await page.route('**/fixtures/seed.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto('/fixtures/seed.html');
  await page.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('beckon');
        request.onupgradeneeded = () => request.result.createObjectStore('state');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('state', 'readwrite');
          tx.objectStore('state').put(items, 'outbox');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    items,
  );
}

/**
 * From a demo store page with a cart: to the cart, through checkout as Ada, to the
 * thank-you page, once its own (deferred) script has pushed the purchase, as a store's
 * theme would.
 */
export async function checkout(page: Page) {
  await page.getByRole('link', { name: /Cart/ }).click();
  await page.waitForURL(/\/cart$/);
  await profileOf(page);
  await placeOrder(page);
}

/** From the demo store's cart page: through checkout as Ada, to the thank-you page and its purchase. */
export async function placeOrder(page: Page) {
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await page.waitForURL(/\/checkout$/);
  await profileOf(page);
  await page.getByLabel('Email').fill('runner@example.com');
  await page.getByLabel('Name').fill('Ada');
  await page.getByLabel('Address').fill('1 Track Road');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/thank-you$/);
  await page.waitForFunction(() => (window as any).dataLayer?.some((e: any) => e.event === 'purchase'));
}

/** axe-core on the whole page, shadow roots included; only serious and critical violations. */
export async function axe(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
}

/**
 * Answers the demo's shoe finder as a road runner who runs marathons, rating their shoes
 * with `stars` when given, and finishes it.
 */
export async function answerRoadMarathon(quiz: Locator, stars?: number) {
  await quiz.getByRole('radio', { name: 'Roads and paths' }).check();
  await quiz.getByRole('button', { name: 'Next' }).click();
  await quiz.getByRole('radio', { name: 'Half or full marathon' }).check();
  await quiz.getByRole('button', { name: 'Next' }).click();
  if (stars !== undefined) await quiz.getByRole('radio', { name: `${stars} of 5 stars` }).check();
  await quiz.getByRole('button', { name: 'Finish' }).click();
}
