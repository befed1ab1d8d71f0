import { expect, test, type Page } from '@playwright/test';
import { axe, watchPage } from './pageWatch.js';

// A store in German, in real Chromium: the config's `strings` replace every word Beckon's
// widgets say of their own, a campaign's own strings win over the config's, and what the
// store left out stays in English. Each config is served in place of a fixture file.

async function open(page: Page, config: Record<string, unknown>) {
  const name = `strings-${Math.random().toString(36).slice(2)}`;
  await page.route(`**/fixtures/campaigns/${name}.json`, (route) => route.fulfill({ json: config }));
  await page.goto(`/fixtures/widgets.html?config=${name}`);
  await page.waitForFunction(() => typeof (window as any).beckon?.profile === 'function');
}
const widget = (page: Page, campaign: string) => page.locator(`beckon-widget[data-campaign="${campaign}"]`);

const strings = {
  close: 'Schließen',
  required: 'Pflichtfeld',
  tickRequired: 'Bitte ankreuzen',
  email: 'Bitte eine gültige E-Mail-Adresse',
  choose: 'Bitte wählen…',
  submit: 'Absenden',
  success: 'Danke!',
  progress: 'Frage {n} von {total}',
  next: 'Weiter',
  finish: 'Fertig',
  back: 'Zurück',
  start: 'Quiz starten',
  result: 'Dein Ergebnis',
  answerRequired: 'Bitte wähle eine Antwort',
};

test('a German form popup: its close button, empty option, errors, button and thanks', async ({ page }) => {
  const watch = watchPage(page);
  await open(page, {
    version: 1,
    strings,
    campaigns: [
      {
        id: 'join',
        type: 'popup',
        content: {
          kind: 'form',
          title: 'Newsletter',
          fields: [
            { name: 'email', type: 'email', label: 'E-Mail', required: true },
            { name: 'size', type: 'select', label: 'Größe', options: [{ value: '42', label: 'EU 42' }] },
            { name: 'terms', type: 'consent', label: 'Ich stimme der Datenschutzerklärung zu', required: true },
          ],
        },
      },
    ],
  });
  const popup = widget(page, 'join').getByRole('dialog', { name: 'Newsletter' });
  await expect(popup).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Schließen' })).toBeVisible();
  await expect(popup.getByRole('combobox', { name: 'Größe' }).locator('option').first()).toHaveText('Bitte wählen…');
  await popup.getByRole('button', { name: 'Absenden' }).click();
  await expect(popup.getByRole('alert')).toHaveText(['Pflichtfeld', 'Bitte ankreuzen']);
  await expect(popup.getByRole('textbox', { name: 'E-Mail' })).toBeFocused();
  await popup.getByRole('textbox', { name: 'E-Mail' }).fill('anna@');
  await popup.getByRole('button', { name: 'Absenden' }).click();
  await expect(popup.getByRole('alert').first()).toHaveText('Bitte eine gültige E-Mail-Adresse');
  await popup.getByRole('textbox', { name: 'E-Mail' }).fill('anna@example.de');
  await popup.getByRole('checkbox').check();
  await popup.getByRole('button', { name: 'Absenden' }).click();
  await expect(popup.getByRole('status')).toHaveText('Danke!');
  expect(await axe(page)).toEqual([]);
  expect(watch.errors).toEqual([]);
});

test("a quiz in a bar speaks the campaign's own words over the config's, and offers the result once done", async ({ page }) => {
  const watch = watchPage(page);
  await open(page, {
    version: 1,
    strings,
    quizzes: [
      {
        id: 'fit',
        title: 'Dein Laufschuh',
        questions: [
          { id: 'surface', type: 'single', text: 'Wo läufst du?', required: true, options: [{ value: 'road', label: 'Straße' }, { value: 'trail', label: 'Gelände' }] },
          { id: 'stars', type: 'rating', scale: 'stars', text: 'Wie gefällt dir dein Schuh?' },
        ],
      },
    ],
    campaigns: [{ id: 'quiz', type: 'bar', placement: { position: 'bottom' }, strings: { next: 'Nächste Frage' }, content: { kind: 'quiz', quiz: 'fit' } }],
  });
  const bar = widget(page, 'quiz');
  await bar.getByRole('button', { name: 'Quiz starten' }).click();
  const dialog = bar.getByRole('dialog', { name: 'Dein Laufschuh' });
  await expect(dialog.getByText('Frage 1 von 2')).toBeVisible();
  await dialog.getByRole('button', { name: 'Nächste Frage' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Bitte wähle eine Antwort');
  await dialog.getByRole('radio', { name: 'Straße' }).check();
  await dialog.getByRole('button', { name: 'Nächste Frage' }).click();
  await expect(dialog.getByText('Frage 2 von 2')).toBeVisible();
  // Left out of the store's strings: still English.
  await expect(dialog.getByRole('radio', { name: '4 of 5 stars' })).toBeAttached();
  await expect(dialog.getByRole('button', { name: 'Zurück' })).toBeVisible();
  await dialog.getByRole('radio', { name: '4 of 5 stars' }).check();
  await dialog.getByRole('button', { name: 'Fertig' }).click();
  await expect(dialog.getByRole('heading', { name: 'Thanks for your answers!' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Dein Ergebnis' })).toBeFocused();
  expect(watch.errors).toEqual([]);
});
