import { afterEach, describe, expect, it } from 'vitest';
import type { FormContent, QuizContent, QuizQuestion, QuizStep, Strings } from '../../../../sdk/core/index.js';
import { fieldError } from '../../../../widgets/content/form.js';
import { formatRemaining } from '../../../../widgets/content/message.js';
import { answerError } from '../../../../widgets/content/quiz.js';
import { cleanup, flush, showWidget } from './showWidget.js';

// A store in German: every word a widget says of its own comes from `strings`, with the
// placeholders filled; whatever the store left out stays in English.

afterEach(cleanup);

const de: Strings = {
  close: 'Schließen',
  announcement: 'Hinweis',
  message: 'Nachricht',
  copy: 'Code kopieren',
  days: '{n} T.',
  choose: 'Bitte wählen…',
  required: 'Pflichtfeld',
  tickRequired: 'Bitte ankreuzen',
  email: 'Bitte eine E-Mail-Adresse eingeben',
  phone: 'Bitte eine Telefonnummer eingeben',
  failed: 'Das hat nicht geklappt.',
  start: 'Quiz starten',
  result: 'Dein Ergebnis',
  progress: 'Frage {n} von {total}',
  next: 'Weiter',
  finish: 'Fertig',
  back: 'Zurück',
  thanks: 'Danke für deine Antworten!',
  answerRequired: 'Bitte beantworte die Frage',
  chooseAtLeast: 'Wähle mindestens {n}',
  chooseAtMost: 'Wähle höchstens {n}',
  stars: '{n} von 5 Sternen',
  notLikely: 'Unwahrscheinlich',
  veryLikely: 'Sehr wahrscheinlich',
};

const texts = (root: ParentNode, selector: string) => [...root.querySelectorAll(selector)].map((el) => el.textContent);

describe('widgets in the store’s language', () => {
  it('names the close button and an untitled popup, bar and message', () => {
    const content = { kind: 'message' as const, body: ['Gratis Versand'] };
    const popup = showWidget({ type: 'popup', content, strings: de });
    const bar = showWidget({ type: 'bar', content, strings: de });
    const message = showWidget({ type: 'message', content, strings: de });
    expect(popup.$('.x').getAttribute('aria-label')).toBe('Schließen');
    expect(popup.$('dialog').getAttribute('aria-label')).toBe('Hinweis');
    expect(bar.$('aside').getAttribute('aria-label')).toBe('Hinweis');
    expect(message.$('aside').getAttribute('aria-label')).toBe('Nachricht');
  });

  it('keeps the English where the store gave no strings', () => {
    const { $ } = showWidget({ type: 'message', content: { kind: 'message', coupon: { code: 'WINTER' } } });
    expect($('.x').getAttribute('aria-label')).toBe('Close');
    expect($('aside').getAttribute('aria-label')).toBe('Message');
    expect($('.cp button').textContent).toBe('Copy code');
  });

  it("words the coupon's button and the countdown's days", () => {
    const { $ } = showWidget({ type: 'bar', content: { kind: 'message', title: 'Sale', coupon: { code: 'WINTER' }, countdown: { until: 2 * 86_400_000 + 5_000 } }, strings: de });
    expect($('.cp button').textContent).toBe('Code kopieren');
    expect($('.cd b').textContent).toBe('2 T. 00:00:05');
    expect(formatRemaining(90_061, de)).toBe('1 T. 01:01:01');
    expect(formatRemaining(90_061)).toBe('1d 01:01:01');
  });

  it("words a form's messages and its select's empty option", async () => {
    const content: FormContent = {
      kind: 'form',
      fields: [
        { name: 'email', type: 'email', label: 'E-Mail', required: true },
        { name: 'size', type: 'select', label: 'Größe', required: true, options: [{ value: 's', label: 'S' }] },
        { name: 'terms', type: 'consent', label: 'Ich stimme zu', required: true },
      ],
      submit: { label: 'Absenden', successMessage: 'Danke!' },
    };
    const { root, $ } = showWidget({ type: 'inline', content, strings: de }, { submit: () => Promise.reject(new Error('offline')) });
    expect($('select option').textContent).toBe('Bitte wählen…');
    $('button[type=submit]').click();
    await flush();
    expect(texts(root, '.er')).toEqual(['Pflichtfeld', 'Pflichtfeld', 'Bitte ankreuzen']);
    root.querySelector<HTMLInputElement>('[name=email]')!.value = 'anna@';
    $('button[type=submit]').click();
    await flush();
    expect(texts(root, '.er')[0]).toBe('Bitte eine E-Mail-Adresse eingeben');
    root.querySelector<HTMLInputElement>('[name=email]')!.value = 'anna@example.de';
    root.querySelector<HTMLSelectElement>('[name=size]')!.value = 's';
    root.querySelector<HTMLInputElement>('[name=terms]')!.checked = true;
    $('button[type=submit]').click();
    await flush();
    expect(texts(root, '[role=alert]')).toEqual(['Das hat nicht geklappt.']);
    expect(fieldError({ name: 'tel', type: 'tel', label: 'Telefon', required: false }, '12', de)).toBe('Bitte eine Telefonnummer eingeben');
  });

  const stars: QuizQuestion = { id: 'stars', type: 'rating', scale: 'stars', text: 'Wie war es?', required: true };
  const nps: QuizQuestion = { id: 'nps', type: 'rating', scale: 'nps', text: 'Würdest du uns empfehlen?', required: false };
  const colours: QuizQuestion = { id: 'colours', type: 'multiple', text: 'Farben?', required: true, min: 2, max: 2, options: ['Rot', 'Blau', 'Grün'].map((label) => ({ value: label, label })) };

  function showQuiz(questions: QuizQuestion[], type: 'inline' | 'bar' = 'inline') {
    let at = 0;
    const step = (): QuizStep => (questions[at] ? { question: questions[at]!, number: at + 1, total: questions.length } : { done: true, result: {} });
    const content: QuizContent = { kind: 'quiz', quizId: 'q', title: 'Dein Schuh', step: step() };
    return showWidget(
      { type, content, strings: de },
      {
        answer: () => (at++, step()),
        back: () => (at--, step()),
      },
    );
  }

  it("words a quiz's progress, buttons, errors, scales and thanks", async () => {
    const { root, $ } = showQuiz([stars, nps, colours]);
    expect($('.pg').textContent).toBe('Frage 1 von 3');
    expect([...root.querySelectorAll('input')].map((el) => el.getAttribute('aria-label'))).toEqual([1, 2, 3, 4, 5].map((n) => `${n} von 5 Sternen`));
    expect($('button[type=submit]').textContent).toBe('Weiter');
    $('button[type=submit]').click();
    await flush();
    expect(texts(root, '[role=alert]')).toEqual(['Bitte beantworte die Frage']);
    root.querySelector<HTMLInputElement>('input[value="4"]')!.click();
    $('button[type=submit]').click();
    await flush();
    expect($('.pg').textContent).toBe('Frage 2 von 3');
    expect($('button.bk').textContent).toBe('Zurück');
    expect(texts(root, '.en span')).toEqual(['Unwahrscheinlich', 'Sehr wahrscheinlich']);
    expect(root.querySelector('input[value="0"]')!.getAttribute('aria-label')).toBe('0, Unwahrscheinlich');
    $('button[type=submit]').click();
    await flush();
    expect($('button[type=submit]').textContent).toBe('Fertig');
    expect(answerError(colours, ['Rot'], de)).toBe('Wähle mindestens 2');
    expect(answerError(colours, ['Rot', 'Blau', 'Grün'], de)).toBe('Wähle höchstens 2');
    expect(answerError(colours, [])).toBe('Choose at least 2');
    root.querySelector<HTMLInputElement>('input[value="Rot"]')!.click();
    root.querySelector<HTMLInputElement>('input[value="Blau"]')!.click();
    $('button[type=submit]').click();
    await flush();
    expect($('h2[tabindex]').textContent).toBe('Danke für deine Antworten!');
  });

  it("words a bar's quiz button, and offers the result once the quiz is done", async () => {
    const { root, $ } = showQuiz([nps], 'bar');
    expect($('.b > button.cta').textContent).toBe('Quiz starten');
    $('.b > button.cta').click();
    await flush();
    expect(root.querySelector('dialog .x')!.getAttribute('aria-label')).toBe('Schließen');
    root.querySelector<HTMLElement>('dialog button[type=submit]')!.click();
    await flush();
    expect(root.querySelector('dialog h2[tabindex]')!.textContent).toBe('Danke für deine Antworten!');
    root.querySelector<HTMLElement>('dialog .x')!.click();
    await flush();
    expect($('.b > button.cta').textContent).toBe('Dein Ergebnis');
  });
});
