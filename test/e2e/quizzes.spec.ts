import { expect, test, type Page } from '@playwright/test';
import { storedValue } from './pageWatch.js';

async function open(page: Page, name: string) {
  await page.goto(`/fixtures/widgets.html?config=${name}`);
  await ready(page);
}

async function ready(page: Page) {
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);
const profile = (page: Page) => page.evaluate(() => (window as any).beckon.profile());
/** The quiz records the SDK has written to IndexedDB. */
const storedQuizzes = async (page: Page) => (await storedValue<Record<string, { path: string[] }>>(page, 'quizzes')) ?? {};
const events = (page: Page, name: string) => page.evaluate((name) => ((window as any).events as { name: string }[]).filter((e) => e.name === name), name);

test.describe('quizzes', () => {
  test('the marathon path records its answers, ends on its result, and the follow-up campaign shows without a reload', async ({ page }) => {
    await open(page, 'quiz');
    const quiz = widget(page, 'shoe-finder');
    await expect(quiz.getByRole('group', { name: 'What do you train for?' })).toBeVisible();
    await quiz.getByRole('radio', { name: 'Running' }).check();
    await quiz.getByRole('button', { name: 'Next' }).click();
    await quiz.getByRole('radio', { name: 'Half or full marathon' }).check();
    await quiz.getByRole('button', { name: 'Finish' }).click();
    await expect(quiz.getByRole('heading', { name: 'The Swift Marathon is for you' })).toBeVisible();
    await expect(quiz.getByRole('link', { name: 'See it' })).toHaveAttribute('href', '/products/swift-marathon');
    await expect(widget(page, 'marathon-offer')).toContainText('Marathon week: 15% off');
    const p = await profile(page);
    expect(p.answers).toEqual({ 'sport-quiz': { sport: 'running', distance: 'marathon' } });
    expect(p.traits.persona).toBe('runner');
    expect(p.segments).toContain('marathoner');
    expect((await events(page, 'quiz_answer')).length).toBe(2);
    expect(await events(page, 'quiz_complete')).toHaveLength(1);
  });

  test('the gym path ends after one question; a reload mid-quiz resumes where it stopped', async ({ page }) => {
    await open(page, 'quiz');
    let quiz = widget(page, 'shoe-finder');
    await quiz.getByRole('radio', { name: 'Running' }).check();
    await quiz.getByRole('button', { name: 'Next' }).click();
    await expect(quiz.getByRole('group', { name: 'Typical distance?' })).toBeVisible();
    await expect.poll(async () => (await profile(page)).answers?.['sport-quiz']).toEqual({ sport: 'running' });
    // A visitor reloads after the answer is stored.
    await expect.poll(async () => (await storedQuizzes(page))['sport-quiz']?.path).toEqual(['sport', 'distance']);
    await page.reload();
    await ready(page);
    quiz = widget(page, 'shoe-finder');
    await expect(quiz.getByRole('group', { name: 'Typical distance?' })).toBeVisible();
    await quiz.getByRole('button', { name: 'Back' }).click();
    await expect(quiz.getByRole('radio', { name: 'Running' })).toBeChecked();
    await quiz.getByRole('radio', { name: 'Gym' }).check();
    await quiz.getByRole('button', { name: 'Next' }).click();
    await expect(quiz.getByRole('heading', { name: 'Thanks!' })).toBeVisible();
    const p = await profile(page);
    expect(p.answers['sport-quiz']).toEqual({ sport: 'gym' });
    expect(p.segments).toContain('gym-goer');
    expect(p.segments).not.toContain('marathoner');
  });
});
