import { expect, test, type Locator, type Page } from '@playwright/test';
import { axe } from './pageWatch.js';

async function open(page: Page, name: string) {
  await page.goto(`/fixtures/widgets.html?config=${name}`);
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
  await page.evaluate(() => (window as any).beckon.profile());
}

const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);

/** axe once every widget's entrance animation has ended: colours mid-fade fail its contrast check. */
async function audit(page: Page) {
  await page
    .locator('beckon-widget')
    .evaluateAll((hosts) => Promise.all(hosts.flatMap((h) => h.shadowRoot!.getAnimations().map((a) => a.finished))).then(() => {}));
  return axe(page);
}

test.describe('quiz accessibility', () => {
  test('axe-core finds no serious or critical violation on any question type, an error, or the result', async ({ page }) => {
    const found: Record<string, string[]> = {};
    await open(page, 'quiz-types');
    const quiz = widget(page, 'fit-finder');
    const next = quiz.getByRole('button', { name: 'Next' });
    const screen = async (name: string, shown: Locator) => {
      await expect(shown).toBeVisible();
      found[name] = await audit(page);
    };

    await screen('single choice', quiz.getByRole('group', { name: 'Where do you run most?' }));
    await next.click();
    await screen('a required question left empty', quiz.getByRole('alert').filter({ hasText: 'Please answer this question' }));
    await quiz.getByRole('radio', { name: 'Trail' }).check();
    await next.click();

    await screen('multiple choice', quiz.getByRole('group', { name: 'What matters to you?' }));
    await quiz.getByRole('checkbox', { name: 'Grip' }).check();
    await quiz.getByRole('checkbox', { name: 'Speed' }).check();
    await next.click();

    await screen('1–5 stars', quiz.getByRole('group', { name: 'How comfortable are your current shoes?' }));
    await quiz.getByRole('radio', { name: '4 of 5 stars' }).check();
    await next.click();

    await screen('0–10 NPS', quiz.getByRole('group', { name: 'How likely are you to recommend us to a friend?' }));
    await quiz.getByRole('radio', { name: '9', exact: true }).check();
    await next.click();

    const wish = quiz.getByRole('textbox', { name: 'What would you change about them?' });
    await screen('short text', wish);
    await wish.fill('More colours');
    await next.click();

    const email = quiz.getByRole('textbox', { name: 'Where should we send your match?' });
    await screen('email', email);
    await email.fill('runner@example');
    await next.click();
    await screen('an email that is not one', quiz.getByRole('alert').filter({ hasText: 'Enter an email address' }));
    await email.fill('runner@example.com');
    await next.click();

    await screen('image choice', quiz.getByRole('group', { name: 'Which look do you prefer?' }));
    await quiz.getByRole('radio', { name: /Classic/ }).check();
    await quiz.getByRole('button', { name: 'Finish' }).click();

    await screen('result', quiz.getByRole('heading', { name: 'Your match: the Trail Grip' }));
    expect(found).toEqual({
      'single choice': [],
      'a required question left empty': [],
      'multiple choice': [],
      '1–5 stars': [],
      '0–10 NPS': [],
      'short text': [],
      email: [],
      'an email that is not one': [],
      'image choice': [],
      result: [],
    });
  });

  test('arrow keys move the choice within a single-choice group, and Enter on Next moves focus to the next question', async ({ page }) => {
    await open(page, 'quiz-types');
    const quiz = widget(page, 'fit-finder');
    // The popup puts focus on its first control, the first option.
    await expect(quiz.getByRole('radio', { name: 'Road' })).toBeFocused();
    const moves: string[] = [];
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft']) {
      await page.keyboard.press(key);
      const [value, focused] = await quiz
        .locator('input:checked')
        .evaluate((i: HTMLInputElement) => [i.value, i === (i.getRootNode() as ShadowRoot).activeElement]);
      moves.push(`${key}: ${value}${focused ? '' : ' (not focused)'}`);
    }
    expect(moves).toEqual(['ArrowDown: trail', 'ArrowDown: track', 'ArrowDown: road', 'ArrowUp: track', 'ArrowRight: road', 'ArrowLeft: track']);
    await page.keyboard.press('Tab');
    await expect(quiz.getByRole('button', { name: 'Next' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(quiz.getByText('What matters to you?')).toBeFocused();
  });

  test('a bar opens its quiz in a dialog: axe-core passes the bar, the dialog, an error and the result; Escape returns focus', async ({ page }) => {
    const found: Record<string, string[]> = {};
    await open(page, 'quiz-bar');
    const bar = widget(page, 'size-bar');
    const start = bar.getByRole('button', { name: 'Find my size' });
    await expect(start).toBeVisible();
    found.bar = await audit(page);

    await start.focus();
    await page.keyboard.press('Enter');
    const dialog = bar.getByRole('dialog', { name: 'Not sure of your size?' });
    await expect(dialog.getByText('How do your shoes usually fit?')).toBeFocused();
    found.dialog = await audit(page);

    await dialog.getByRole('button', { name: 'Finish' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Please answer this question');
    found['a required question left empty'] = await audit(page);

    await dialog.getByRole('radio', { name: 'Just right' }).check();
    await dialog.getByRole('button', { name: 'Finish' }).click();
    await expect(dialog.getByRole('heading', { name: 'Take your usual size' })).toBeFocused();
    found.result = await audit(page);

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    // The button that opened the quiz has focus back; the quiz done, it offers the result
    // again rather than to start a quiz already finished.
    await expect(bar.getByRole('button', { name: 'See your result' })).toBeFocused();
    await expect(start).toHaveCount(0);
    expect(found).toEqual({ bar: [], dialog: [], 'a required question left empty': [], result: [] });
  });
});
