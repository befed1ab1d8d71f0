import { expect, test } from '@playwright/test';
import { openQuizPage, widget, shoeQuiz, ready } from './quizPageHelpers.js';

// Quiz behaviours a probe round checked and found to hold: kept as regression checks.

test('reduced motion: no animation runs in a quiz popup or a bar quiz dialog', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openQuizPage(page, {
    config: { version: 1, quizzes: [shoeQuiz], campaigns: [
      { id: 'p', type: 'popup', content: { kind: 'quiz', quiz: 'shoe' } },
      { id: 'b', type: 'bar', content: { kind: 'quiz', quiz: 'shoe' } },
    ] },
    body: '<main><h1>Store</h1></main>',
  });
  await expect(widget(page, 'p').getByRole('radio', { name: 'Running' })).toBeVisible();
  const running = await page.locator('beckon-widget').evaluateAll((hs) => hs.flatMap((h) => h.shadowRoot!.getAnimations()).length);
  expect(running).toBe(0);
});

test('click-triggered popup quiz: keyboard only through to the result, Escape returns focus to the opener', async ({ page }) => {
  await openQuizPage(page, {
    config: { version: 1, quizzes: [shoeQuiz], campaigns: [{ id: 'p', type: 'popup', trigger: { on: 'click', selector: '#open' }, content: { kind: 'quiz', quiz: 'shoe' } }] },
    body: '<main><h1>Store</h1><button id="open">Find my shoe</button></main>',
  });
  await page.locator('#open').focus();
  await page.keyboard.press('Enter');
  const p = widget(page, 'p');
  await expect(p.getByRole('radio', { name: 'Running' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(p.getByText('Typical distance?')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(p.getByText('Anything else?')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('<script>x</script>');
  await page.keyboard.press('Tab'); // Back
  await page.keyboard.press('Tab'); // Finish
  await page.keyboard.press('Enter');
  await expect(p.getByRole('heading', { name: 'Long Haul is your shoe' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#open')).toBeFocused();
});

test('gated content: a form in an inline slot unlocks the block, also after the app renders it again and after a reload', async ({ page }) => {
  await openQuizPage(page, {
    config: { version: 1, campaigns: [{ id: 'f', type: 'inline', placement: { target: '#slot' }, content: { kind: 'form', title: 'Size guide', fields: [{ name: 'email', type: 'email', label: 'Email', required: true }], submit: { label: 'Unlock', unlock: '#guide' } } }] },
    body: '<main><div id="app"><section id="slot"></section><div id="guide" hidden>EU 42 = US 9</div></div></main>',
  });
  const f = widget(page, 'f');
  await f.getByLabel('Email').fill('a@example.com');
  await f.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.locator('#guide')).toBeVisible();
  await page.evaluate(() => (document.getElementById('app')!.innerHTML = '<section id="slot"></section><div id="guide" hidden>EU 42 = US 9</div>'));
  await expect(page.locator('#guide')).toBeVisible();
  await page.reload();
  await ready(page);
  await expect(page.locator('#guide')).toBeVisible();
});
