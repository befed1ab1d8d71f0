import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { profileOf, watchPage } from './pageWatch.js';

// the playground's problems are the CLI's problems, and a broken config never breaks the page.
const editorOf = (page: Page) => page.getByLabel('beckon.config.json');
const problemsOf = (page: Page) => page.locator('[data-problem-list]').getByRole('listitem');

async function openPlayground(page: Page) {
  await page.goto('/playground');
  await expect(editorOf(page)).toHaveValue(/"cart-rescue"/);
  await profileOf(page);
}

function cliProblems(config: object): string[] {
  const file = test.info().outputPath('playground-lint-config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  let out: string;
  try {
    out = execFileSync('node', ['dist/cli.js', 'validate', file, '--json'], { encoding: 'utf8' });
  } catch (error: any) {
    out = error.stdout;
  }
  return JSON.parse(out).problems.map((p: any) => `${p.severity} ${p.path}: ${p.message}`).sort();
}

async function playgroundProblems(page: Page, config: object): Promise<string[]> {
  await editorOf(page).fill(JSON.stringify(config, null, 2));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForTimeout(800);
  const items = await problemsOf(page).evaluateAll((lis) =>
    lis.map((li) => {
      const severity = li.querySelector('.pg-severity')?.textContent === 'Error' ? 'error' : 'warning';
      const path = li.querySelector('.pg-path')?.textContent;
      const text = li.textContent!.replace(/^(Error|Warning) /, '').replace(/ line \d+, column \d+$/, '');
      return `${severity} ${text.replace(`${path}: `, `${path}: `)}`;
    }),
  );
  return items.sort();
}

const configs: Record<string, object> = {
  'control: a misspelled operator (both list it)': {
    version: 1,
    segments: [{ id: 'on-sale', when: { 'page.path': { $regx: '^/sale' } } }],
  },
  'a selector the browser cannot parse': {
    version: 1,
    campaigns: [{ id: 'in', type: 'inline', placement: { target: '#size-guide[' }, content: { kind: 'message', title: 'Hi' } }],
  },
  '"segments": "vip" (matches only a visitor in no other segment)': {
    version: 1,
    segments: [{ id: 'vip', when: { 'traits.plan': 'pro' } }, { id: 'x', when: { segments: 'vip' } }],
  },
};

for (const [name, config] of Object.entries(configs)) {
  test(`playground lists what beckon validate lists: ${name}`, async ({ page }) => {
    await openPlayground(page);
    const cli = cliProblems(config);
    expect(cli.length).toBeGreaterThan(0);
    expect(await playgroundProblems(page, config)).toEqual(cli);
  });
}

test('an applied config with wrong shapes everywhere leaves the playground and the store working', async ({ page }) => {
  const watch = watchPage(page);
  await openPlayground(page);
  const broken = { version: 1, segments: { a: 1 }, campaigns: [null, 5, { id: 'x', type: 'popup', content: null }, { id: 'y', type: 'bar', variants: [{}], content: { kind: 'message' } }], quizzes: 'nope', theme: [], strings: 7, lists: [1], rfm: { recencyDays: 'x' }, intent: { buckets: null } };
  await editorOf(page).fill(JSON.stringify(broken));
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Apply' }).click();
  await reloaded;
  await profileOf(page);
  await expect(page.locator('beckon-debug')).toHaveCount(1);
  await expect(page.locator('[data-problem-list] li').first()).toBeVisible();
  await page.getByRole('button', { name: 'Reset' }).click().catch(() => undefined);
  expect(watch.errors).toEqual([]);
});
