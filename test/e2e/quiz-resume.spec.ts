import { expect, test } from '@playwright/test';
import { openQuizPage, widget, shoeQuiz, ready } from './quizPageHelpers.js';
import { storedValue } from './pageWatch.js';

// "A half-answered quiz resumes after a reload" (README), also one taken Back to its first question.

const body = `<main><h1>Store</h1><section id="slot"></section></main>`;

for (const type of ['inline', 'popup']) {
  test(`${type}: a quiz answered, then taken Back to its first question, is still offered after a reload (prefilled)`, async ({ page }) => {
    await openQuizPage(page, { config: { version: 1, quizzes: [shoeQuiz], campaigns: [{ id: 'q', type, ...(type == 'inline' && { placement: { target: '#slot' } }), content: { kind: 'quiz', quiz: 'shoe' } }] }, body });
    const q = widget(page, 'q');
    await q.getByRole('radio', { name: 'Running' }).check();
    await q.getByRole('button', { name: 'Next' }).click();
    await expect(q.getByRole('group', { name: 'Typical distance?' })).toBeVisible();
    // The visitor goes Back to change the first answer, and the page reloads (or they come back to it).
    await q.getByRole('button', { name: 'Back' }).click();
    await expect(q.getByRole('radio', { name: 'Running' })).toBeChecked();
    await expect.poll(async () => (await storedValue<any>(page, 'quizzes'))?.shoe?.path).toEqual(['sport']);
    await page.reload();
    await ready(page);
    // Half-answered (its first answer is stored and in the profile): it resumes, with that answer prefilled.
    expect((await page.evaluate(() => (window as any).beckon.profile())).answers).toEqual({ shoe: { sport: 'running' } });
    await expect(q.getByRole('radio', { name: 'Running' })).toBeChecked({ timeout: 3000 });
  });
}
