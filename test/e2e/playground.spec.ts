import { expect, test, type Page } from '@playwright/test';
import { answerRoadMarathon, axe, profileOf, watchPage } from './pageWatch.js';

const panelOf = (page: Page) => page.locator('beckon-debug').getByRole('complementary', { name: 'Beckon debug panel' });
const editorOf = (page: Page) => page.getByLabel('beckon.config.json');
const problemsOf = (page: Page) => page.locator('[data-problem-list]').getByRole('listitem');

/** The playground with the demo config loaded into the editor and Beckon started. */
async function openPlayground(page: Page, path = '/playground') {
  await page.goto(path);
  await expect(editorOf(page)).toHaveValue(/"cart-rescue"/);
  await profileOf(page);
}

const segmentsOf = (page: Page) => page.evaluate(() => (window as any).beckon.segments() as Promise<string[]>);

test('the editor lists the validator’s problems with their paths as you type, and JSON syntax errors with line and column', async ({ page }) => {
  const watch = watchPage(page);
  await openPlayground(page);
  await expect(page.getByText('No problems: the validator accepts this config.')).toBeVisible();

  const misspelled = ['{', '  "version": 1,', '  "segments": [', '    { "id": "on-sale-page", "when": { "page.path": { "$regx": "^/sale" } } }', '  ]', '}'].join('\n');
  await editorOf(page).fill(misspelled);
  await expect(problemsOf(page)).toHaveText(['Error segments[0].when.page.path.$regx: unknown operator "$regx"; did you mean "$regex"? line 4, column 54']);
  await expect(page.getByText('1 error, 0 warnings')).toBeVisible();
  await expect(editorOf(page)).toHaveAttribute('aria-invalid', 'true');
  // The line button puts the caret on the misspelled key.
  await page.getByRole('button', { name: 'Go to line 4, column 54' }).click();
  await expect(editorOf(page)).toBeFocused();
  expect(await editorOf(page).evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(misspelled.indexOf('"$regx"'));
  // A line typed above moves the problem down; the list keeps it and says where it is now.
  await editorOf(page).press('Control+Home');
  await editorOf(page).press('Enter');
  await expect(page.getByRole('button', { name: 'Go to line 5, column 54' })).toBeVisible();

  await editorOf(page).fill('{\n  "version": 1,\n}');
  await expect(problemsOf(page)).toHaveText(['Error JSON syntax: a comma before "}": JSON allows no trailing comma line 3, column 1']);
  // Text that is not JSON is not applied: the page stays as it is.
  await page.evaluate(() => ((window as any).notReloaded = true));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not applied' })).toHaveText('Not applied: the text is not JSON yet. Fix the syntax error listed below.');
  expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true);

  await editorOf(page).fill('{ "version": 1, "segments": [{ "id": "x", "when": { "page.path": { "$regex": "^/" } } }] }');
  await expect(page.getByText('No problems: the validator accepts this config.')).toBeVisible();
  await expect(problemsOf(page)).toHaveCount(0);
  expect(watch.errors).toEqual([]);
});

test('an applied config runs after the reload: the debug panel lists its segment and campaign, and the campaign shows', async ({ page }) => {
  const watch = watchPage(page);
  await openPlayground(page);
  const config = {
    version: 1,
    segments: [{ id: 'playground-tester', name: 'On the playground', when: { 'page.path': '/playground' } }],
    campaigns: [
      {
        id: 'playground-hello',
        type: 'bar',
        audience: { segments: { $in: ['playground-tester'] } },
        content: { kind: 'message', title: 'Hello from the playground' },
      },
    ],
  };
  const text = JSON.stringify(config, null, 2);
  await editorOf(page).fill(text);
  await expect(page.getByText('No problems: the validator accepts this config.')).toBeVisible();
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Apply' }).click();
  await reloaded;

  const panel = panelOf(page);
  await expect(panel.getByRole('region', { name: 'Segments' }).locator('summary')).toHaveText(['✓ playground-tester · On the playground']);
  await expect(panel.getByRole('region', { name: 'Campaigns' }).locator('summary')).toHaveText(['playground-hello: showing now']);
  await expect(page.locator('beckon-widget[data-campaign="playground-hello"]')).toContainText('Hello from the playground');
  await expect(editorOf(page)).toHaveValue(text);
  await expect(page.getByText(/^This page runs the config you applied/)).toBeVisible();
  expect(await segmentsOf(page)).toEqual(['playground-tester']);

  // Reset brings the demo config back, in the editor and on the page.
  await page.getByRole('button', { name: 'Reset to the demo config' }).click();
  await expect(editorOf(page)).toHaveValue(/"cart-rescue"/);
  await expect(panelOf(page).getByRole('region', { name: 'Segments' }).locator('summary', { hasText: 'cart-abandoner' })).toContainText('✗ cart-abandoner');
  await expect(page.getByText('This page runs the demo config (/beckon.config.json).')).toBeVisible();
  await expect(page.locator('beckon-widget[data-campaign="playground-hello"]')).toHaveCount(0);
  expect(watch.errors).toEqual([]);
});

test('the cart buttons push GA4 events that put the visitor in the cart-abandoner segment and take them out again', async ({ page }) => {
  const watch = watchPage(page);
  await openPlayground(page);
  expect(await segmentsOf(page)).not.toContain('cart-abandoner');

  await page.getByRole('button', { name: 'Add Swift Road to the cart' }).click();
  await expect(page.locator('.cart-link [data-cart-count]')).toHaveText('1');
  await expect.poll(() => segmentsOf(page)).toContain('cart-abandoner');
  await expect(panelOf(page).getByRole('region', { name: 'Segments' }).locator('summary', { hasText: 'cart-abandoner' })).toContainText('✓ cart-abandoner');
  const added = await page.evaluate(() => (window as any).dataLayer.find((e: any) => e.event === 'add_to_cart'));
  expect(added.ecommerce).toEqual({ currency: 'EUR', value: 129, items: [{ item_id: 'RUN-001', item_name: 'Swift Road', price: 129, item_category: 'Running', quantity: 1 }] });

  await page.getByRole('button', { name: 'Remove Swift Road from the cart' }).click();
  await expect(page.locator('.cart-link [data-cart-count]')).toHaveText('0');
  await expect.poll(() => segmentsOf(page)).not.toContain('cart-abandoner');
  expect(await page.evaluate(() => (window as any).dataLayer.filter((e: any) => e.event).map((e: any) => e.event).filter((name: string) => !name.startsWith('beckon_')))).toEqual([
    'add_to_cart',
    'remove_from_cart',
  ]);
  expect(watch.errors).toEqual([]);
});

test('a visitor arrives from an ad, says who they are, answers the shoe finder, and is forgotten', async ({ page }) => {
  const watch = watchPage(page);
  await openPlayground(page);
  await page.getByRole('link', { name: 'Google Ads click' }).click();
  await page.waitForURL(/\/playground\?utm_source=google&utm_medium=cpc$/);
  await expect(page.locator('[data-traffic]')).toHaveText('channel paid_search · source google · medium cpc · campaign —');

  // The form comes filled in with an address on the demo's staff list.
  await page.getByRole('button', { name: 'Identify' }).click();
  await expect(page.locator('[data-traits]')).toHaveText('{"email":"ada@stride.example"}');
  await expect.poll(() => segmentsOf(page)).toContain('staff');

  // The demo's shoe finder runs on the home page only: one click adds the playground to its pages and applies that.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Run shoe-finder on this page (inline at .shoe-finder)' }).click();
  await reloaded;
  await expect(editorOf(page)).toHaveValue(/"include": \[\s*"\/",\s*"\/playground"\s*\]/);
  const quiz = page.locator('.shoe-finder beckon-widget[data-campaign="shoe-finder"]');
  await answerRoadMarathon(quiz);
  await expect(quiz.getByRole('heading', { name: 'Long Haul is your shoe' })).toBeVisible();
  await expect(page.locator('[data-answers]')).toHaveText('{"find-your-shoe":{"terrain":"road","distance":"marathon"}}');
  // The answers make a marathoner, whose message follows at once.
  const offer = page.locator('beckon-widget[data-campaign="marathon-week"]');
  await expect(offer).toContainText('Marathon week: 15% off Long Haul');
  // It sits in the corner over the page's last buttons: close it, as a visitor would.
  await offer.getByRole('button', { name: 'Close' }).click();
  await expect(offer).toHaveCount(0);

  const before = await profileOf(page);
  await page.getByRole('button', { name: 'Add Iron Flat to the cart' }).click();
  await expect(page.locator('.cart-link [data-cart-count]')).toHaveText('1');
  await page.getByRole('button', { name: 'Forget me' }).click();
  await page.waitForURL((url) => url.pathname === '/playground' && url.search === '');
  const after = await profileOf(page);
  expect(after.visitor.id).not.toBe(before.visitor.id);
  expect(after.traits).toEqual({});
  // The shoe finder (now on this page) lists its quiz, with no answer.
  expect(Object.values(after.answers).filter((answers) => Object.keys(answers).length > 0)).toEqual([]);
  await expect(page.locator('[data-answers]')).toHaveText('none');
  expect(after.segments).not.toContain('cart-abandoner');
  await expect(page.locator('.cart-link [data-cart-count]')).toHaveText('0');
  expect(watch.errors).toEqual([]);
});

test('the playground has no serious or critical accessibility violations, problems listed or not', async ({ page }) => {
  await openPlayground(page);
  await expect(panelOf(page)).toBeVisible();
  await expect(page.getByText('No problems: the validator accepts this config.')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await editorOf(page).fill('{ "version": 2, "segments": [{ "id": "x", "when": { "cart.count": { "$gtt": 0 } } }] }');
  await expect(problemsOf(page)).toHaveCount(2);
  expect(await axe(page)).toEqual([]);
});
