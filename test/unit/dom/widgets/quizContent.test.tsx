import { afterEach, describe, expect, it } from 'vitest';
import type { Answer, CampaignType, QuizContent, QuizQuestion, QuizResult, QuizStep } from '../../../../sdk/core/index.js';
import { answerError } from '../../../../widgets/content/quiz.js';
import { cleanup, expectNoInlineStyles, flush, press, showWidget } from './showWidget.js';

afterEach(cleanup);

const options = (...labels: string[]) => labels.map((label) => ({ value: label.toLowerCase(), label }));
const skin: QuizQuestion = { id: 'skin', type: 'single', text: 'Your skin type?', help: 'Pick the closest', required: true, options: options('Dry', 'Oily') };
const concerns: QuizQuestion = { id: 'concerns', type: 'multiple', text: 'What bothers you?', required: true, min: 2, max: 3, options: options('Acne', 'Pores', 'Lines', 'Spots') };
const shade: QuizQuestion = {
  id: 'shade',
  type: 'image',
  text: 'Pick a shade',
  required: true,
  options: [
    { value: 'red', label: 'Red', image: { src: '/red.png', alt: 'Red swatch' } },
    { value: 'nude', label: 'Nude', image: { src: '/nude.png', alt: 'Nude swatch' } },
  ],
};
const stars: QuizQuestion = { id: 'stars', type: 'rating', scale: 'stars', text: 'How was it?', required: true };
const nps: QuizQuestion = { id: 'nps', type: 'rating', scale: 'nps', text: 'Would you recommend us?', required: false, highLabel: 'Extremely likely' };
const note: QuizQuestion = { id: 'note', type: 'text', text: 'Anything else?', required: false, maxLength: 200 };
const email: QuizQuestion = { id: 'email', type: 'email', text: 'Where do we send it?', required: true };

const result: QuizResult = {
  title: 'Your routine: Calm',
  body: ['For ', { b: ['dry'] }, ' skin.'],
  image: { src: '/calm.png', alt: 'The Calm set' },
  cta: { label: 'Shop the set', href: '/calm' },
};

/**
 * Shows a quiz whose runtime is a fixed script: the questions in order, each step carrying the
 * answer given before, then `end`. `calls` logs what the widget asked of it.
 */
function showQuiz(questions: QuizQuestion[], { type = 'inline' as CampaignType, end = result, title = 'Find your routine' } = {}) {
  const calls: string[] = [];
  const answers = new Map<string, Answer>();
  let at = 0;
  const step = (): QuizStep => {
    const question = questions[at];
    return question ? { question, answer: answers.get(question.id), number: at + 1, total: questions.length } : { done: true, result: end };
  };
  const content: QuizContent = { kind: 'quiz', quizId: 'routine', title, body: ['Three quick questions'], step: step(), start: 'Take the quiz' };
  const widget = showWidget(
    { type, content },
    {
      answer: (id, answer) => {
        calls.push(`answer ${id} ${JSON.stringify(answer)}`);
        if (answer == null) answers.delete(id);
        else answers.set(id, answer);
        at++;
        return step();
      },
      back: () => {
        calls.push('back');
        at--;
        return step();
      },
    },
  );
  const { root } = widget;
  const controls = () => [...root.querySelectorAll<HTMLInputElement>('form input,form textarea')];
  /** Ticks the options with these labels (or types into the text box), leaving the others as they are. */
  const pick = (...labels: string[]) => {
    for (const label of labels) [...root.querySelectorAll('label.c')].find((l) => l.textContent == label)!.querySelector('input')!.click();
  };
  const type_ = (text: string) => (controls()[0]!.value = text);
  const click = async (selector: string) => {
    root.querySelector<HTMLElement>(selector)!.click();
    await flush();
  };
  const next = () => click('button[type=submit]');
  const back = () => click('button.bk');
  /** The error shown, as the invalid group or control points at it. */
  const error = () => {
    const invalid = root.querySelector('[aria-invalid=true]');
    const described = invalid?.getAttribute('aria-describedby')?.split(' ') ?? [];
    const alert = root.querySelector('[role=alert]');
    return alert && described.includes(alert.id) ? `${invalid!.tagName.toLowerCase()}: ${alert.textContent}` : null;
  };
  const checked = () => controls().filter((el) => el.checked).map((el) => el.value);
  return { ...widget, calls, controls, pick, type: type_, next, back, click, error, checked };
}

/** An input's accessible name as a screen reader gets it: aria-label, else its label's images' alt and text. */
function nameOf(el: Element) {
  const label = el.closest('label') ?? (el.getRootNode() as ShadowRoot).querySelector(`label[for="${el.id}"]`);
  return el.getAttribute('aria-label') ?? [...label!.querySelectorAll('img')].map((img) => img.alt).concat(label!.textContent!).join(' ');
}

/** The question's group or label, and each control with its type and name. */
function screen(root: ShadowRoot) {
  const legend = root.querySelector('fieldset > legend');
  const question = legend ? `fieldset: ${legend.textContent}` : `label: ${root.querySelector('form label')?.textContent}`;
  const controls = [...root.querySelectorAll('form input,form textarea')].map((el) => `${el.getAttribute('type') ?? el.tagName.toLowerCase()}: ${nameOf(el)}`);
  return [question, ...controls];
}

describe('quiz content', () => {
  it.each<[string, QuizQuestion, string[]]>([
    ['single', skin, ['fieldset: Your skin type?', 'radio: Dry', 'radio: Oily']],
    ['multiple', concerns, ['fieldset: What bothers you?', 'checkbox: Acne', 'checkbox: Pores', 'checkbox: Lines', 'checkbox: Spots']],
    ['image', shade, ['fieldset: Pick a shade', 'radio: Red swatch Red', 'radio: Nude swatch Nude']],
    ['stars', stars, ['fieldset: How was it?', ...[1, 2, 3, 4, 5].map((n) => `radio: ${n} of 5 stars`)]],
    ['nps', nps, ['fieldset: Would you recommend us?', 'radio: 0, Not likely', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `radio: ${n}`), 'radio: 10, Extremely likely']],
    ['text', note, ['label: Anything else?', 'textarea: Anything else?']],
    ['email', email, ['label: Where do we send it?', 'email: Where do we send it?']],
  ])('names the %s question and each of its controls', (_, question, expected) => {
    const { root } = showQuiz([question]);
    expect(screen(root)).toEqual(expected);
    expectNoInlineStyles(root);
  });

  it('groups the choices of a question under one name, so arrow keys move within them', () => {
    const { controls } = showQuiz([shade]);
    expect(new Set(controls().map((el) => el.name)).size).toBe(1);
    expect(controls().map((el) => el.required)).toEqual([true, true]);
  });

  it('shows the stars and the ends of the NPS scale without naming them twice', () => {
    const a = showQuiz([stars]);
    expect([...a.root.querySelectorAll('label.c span')].map((s) => `${s.textContent} ${s.getAttribute('aria-hidden')}`)).toEqual(Array(5).fill('★ true'));
    const b = showQuiz([nps]);
    const ends = b.root.querySelector('.en');
    expect([ends?.textContent, ends?.getAttribute('aria-hidden')]).toEqual(['Not likelyExtremely likely', 'true']);
    expect(a.root.querySelector('.en')).toBeNull();
  });

  it('shows the words given for the ends of a star scale, and names the first and last star with them', () => {
    const { root } = showQuiz([{ ...stars, lowLabel: 'Poor', highLabel: 'Perfect' }]);
    expect([root.querySelector('.en')?.textContent, screen(root)]).toEqual([
      'PoorPerfect',
      ['fieldset: How was it?', 'radio: 1 of 5 stars, Poor', ...[2, 3, 4].map((n) => `radio: ${n} of 5 stars`), 'radio: 5 of 5 stars, Perfect'],
    ]);
  });

  it('sets up the text box and the email field', () => {
    const { root, controls } = showQuiz([note, email]);
    const textarea = controls()[0] as unknown as HTMLTextAreaElement;
    expect([textarea.maxLength, textarea.required]).toEqual([200, false]);
    const other = showQuiz([{ ...note, maxLength: undefined }]);
    expect((other.controls()[0] as unknown as HTMLTextAreaElement).maxLength).toBe(500);
    expect(root.querySelector('form')?.noValidate).toBe(true);
  });

  it('shows the title, body, help, progress and the one button of a first question', () => {
    const { root, $ } = showQuiz([skin, concerns, note]);
    const help = $('fieldset .h');
    expect([$('h2').textContent, root.querySelector('p')?.textContent]).toEqual(['Find your routine', 'Three quick questions']);
    expect($('h2').id).toMatch(/^bk\d+$/);
    expect([help.textContent, $('fieldset').getAttribute('aria-describedby')]).toEqual(['Pick the closest', help.id]);
    expect($('.pg').textContent).toBe('Question 1 of 3');
    const progress = $<HTMLProgressElement>('progress');
    expect([progress.getAttribute('aria-hidden'), progress.value, progress.max]).toEqual(['true', 1, 3]);
    expect([...root.querySelectorAll('form button')].map((b) => `${b.getAttribute('type')} ${b.textContent}`)).toEqual(['submit Next']);
  });

  it('offers Back after the first question and Finish on the last', async () => {
    const { root, pick, next } = showQuiz([skin, note]);
    pick('Oily');
    await next();
    expect(root.querySelector('.pg')?.textContent).toBe('Question 2 of 2');
    expect([...root.querySelectorAll('form button')].map((b) => b.textContent)).toEqual(['Back', 'Finish']);
  });

  it('flags a required question left unanswered and sends nothing', async () => {
    const { root, next, calls, error, controls } = showQuiz([skin]);
    await next();
    expect(error()).toBe('fieldset: Please answer this question');
    expect(root.activeElement).toBe(controls()[0]);
    expect(calls).toEqual([]);
  });

  it.each<[string, QuizQuestion, string, string]>([
    ['empty', email, '', 'input: Please answer this question'],
    ['not an address', email, 'ada@example', 'input: Enter an email address like name@example.com'],
    ['required text', { ...note, required: true }, '   ', 'textarea: Please answer this question'],
  ])('flags a text answer that is %s', async (_, question, text, expected) => {
    const { next, calls, error, type, root, controls } = showQuiz([question]);
    type(text);
    await next();
    expect(error()).toBe(expected);
    expect(root.activeElement).toBe(controls()[0]);
    expect(calls).toEqual([]);
  });

  it('asks for at least min and at most max choices', async () => {
    const { next, pick, calls, error, root } = showQuiz([concerns]);
    await next();
    expect(error()).toBe('fieldset: Choose at least 2');
    pick('Acne');
    await next();
    expect(error()).toBe('fieldset: Choose at least 2');
    pick('Pores', 'Lines', 'Spots');
    await next();
    expect(error()).toBe('fieldset: Choose at most 3');
    pick('Spots');
    await next();
    expect(calls).toEqual(['answer concerns ["acne","pores","lines"]']);
    expect(root.querySelector('[role=alert]')).toBeNull();
  });

  it('skips an optional question with null', async () => {
    const { next, calls } = showQuiz([nps, note]);
    await next();
    await next();
    expect(calls).toEqual(['answer nps null', 'answer note null']);
  });

  it('answers each kind of question with its own type of value', async () => {
    const { next, pick, type, calls } = showQuiz([skin, concerns, shade, stars, nps, note, email]);
    pick('Dry');
    await next();
    pick('Acne', 'Spots');
    await next();
    pick('Red');
    await next();
    pick('★');
    await next();
    pick('0');
    await next();
    type('  Fragrance-free, please ');
    await next();
    type(' ada@example.com ');
    await next();
    expect(calls).toEqual([
      'answer skin "dry"',
      'answer concerns ["acne","spots"]',
      'answer shade "red"',
      'answer stars 1',
      'answer nps 0',
      'answer note "Fragrance-free, please"',
      'answer email "ada@example.com"',
    ]);
  });

  it('fills in the answers given before when the visitor goes back', async () => {
    const { next, back, pick, type, checked, controls, calls } = showQuiz([skin, concerns, note, stars]);
    pick('Oily');
    await next();
    pick('Pores', 'Lines');
    await next();
    type('Sensitive eyes');
    await next();
    await back();
    expect(controls()[0]!.value).toBe('Sensitive eyes');
    await back();
    expect(checked()).toEqual(['pores', 'lines']);
    await back();
    expect(checked()).toEqual(['oily']);
    expect(calls.slice(3)).toEqual(['back', 'back', 'back']);
  });

  it('keeps what the visitor picked when an error shows', async () => {
    const { next, pick, checked } = showQuiz([concerns]);
    pick('Spots');
    await next();
    expect(checked()).toEqual(['spots']);
  });

  it('keeps text as typed and shows markup as text', async () => {
    const html = '<img src=x onerror=alert(1)>';
    const { root, next, back, type, calls, controls } = showQuiz([{ ...note, text: html, help: html }, skin], { title: html });
    type(`  ${html} & <b>bold</b>  `);
    await next();
    await back();
    expect(calls[0]).toBe(`answer note ${JSON.stringify(`${html} & <b>bold</b>`)}`);
    expect(controls()[0]!.value).toBe(`${html} & <b>bold</b>`);
    expect(root.querySelector('[onerror],b')).toBeNull();
    expect([root.querySelector('h2')?.textContent, root.querySelector('form label')?.textContent, root.querySelector('.h')?.textContent]).toEqual([html, html, html]);
  });

  it('shows the result with its image and link, and reports the click', async () => {
    const { root, next, pick, events, $ } = showQuiz([skin]);
    pick('Dry');
    await next();
    expect(root.querySelector('form')).toBeNull();
    const titles = [...root.querySelectorAll('h2')].map((h) => h.textContent);
    expect(titles).toEqual(['Find your routine', 'Your routine: Calm']);
    expect(root.querySelector('h2 + img')?.getAttribute('alt')).toBe('The Calm set');
    expect(root.querySelector('p strong')?.textContent).toBe('dry');
    const cta = $<HTMLAnchorElement>('a.cta');
    expect([cta.getAttribute('href'), cta.textContent]).toEqual(['/calm', 'Shop the set']);
    cta.addEventListener('click', (e) => e.preventDefault());
    cta.click();
    expect(events).toEqual(['click cta /calm']);
    expect(root.textContent).not.toContain('Three quick questions');
  });

  it('thanks the visitor when the result has no title, and a link-less action dismisses', async () => {
    const { root, next, pick, events, click } = showQuiz([skin], { end: { cta: { label: 'Done' } } });
    pick('Dry');
    await next();
    expect(root.querySelectorAll('h2')[1]?.textContent).toBe('Thanks for your answers!');
    await click('button.cta');
    expect(events).toEqual(['click cta', 'dismiss']);
  });

  it("moves focus to each new screen's heading", async () => {
    const { root, next, back, pick } = showQuiz([skin, note]);
    const focused = () => {
      const el = root.activeElement as HTMLElement | null;
      return el && `${el.tagName.toLowerCase()} ${el.tabIndex}: ${el.textContent}`;
    };
    const log: (string | null)[] = [focused()];
    pick('Dry');
    await next();
    log.push(focused());
    await back();
    log.push(focused());
    await next();
    await next();
    log.push(focused());
    expect(log).toEqual([null, 'label -1: Anything else?', 'legend -1: Your skin type?', 'h2 -1: Your routine: Calm']);
  });

  it('lets Tab move on from a focused heading in a popup', async () => {
    const { root, next, pick, $ } = showQuiz([skin, note], { type: 'popup' });
    expect($('dialog').getAttribute('aria-labelledby')).toBe($('h2').id);
    pick('Dry');
    await next();
    expect(root.activeElement).toBe($('label.lg'));
    expect(press($('label.lg'), 'Tab').defaultPrevented).toBe(false);
    expect(press($('button.x'), 'Tab', { shiftKey: true }).defaultPrevented).toBe(true);
    expect(root.activeElement).toBe($('button[type=submit]'));
  });
});

describe('quiz content in a bar', () => {
  const showBar = () => showQuiz([skin, note], { type: 'bar' });

  it('shows only the title and a start button', () => {
    const { root, $ } = showBar();
    expect([...root.querySelectorAll('aside > *')].map((el) => `${el.tagName.toLowerCase()}: ${el.textContent}`)).toEqual([
      'button: ×',
      'h2: Find your routine',
      'button: Take the quiz',
    ]);
    expect(root.querySelector('form,dialog')).toBeNull();
    expect($('aside').getAttribute('aria-label')).toBe('Find your routine');
  });

  it('opens the quiz in a modal dialog labelled by its title, focused on the question', async () => {
    const { root, click, $ } = showBar();
    await click('button.cta');
    const dialog = $<HTMLDialogElement>('dialog');
    expect([dialog.open, dialog.getAttribute('aria-modal'), dialog.getAttribute('role')]).toEqual([true, 'true', 'dialog']);
    const title = root.getElementById(dialog.getAttribute('aria-labelledby')!);
    expect([title?.tagName, title?.textContent, dialog.contains(title)]).toEqual(['H2', 'Find your routine', true]);
    expect(root.activeElement).toBe(dialog.querySelector('legend'));
    expect(dialog.querySelector('button.x')?.getAttribute('aria-label')).toBe('Close');
    expectNoInlineStyles(root);
  });

  it('wraps Tab inside the dialog', async () => {
    const { root, click, $ } = showBar();
    await click('button.cta');
    const submit = $('dialog button[type=submit]');
    submit.focus();
    expect(press(submit, 'Tab').defaultPrevented).toBe(true);
    expect(root.activeElement).toBe($('dialog button.x'));
    expect(press($('dialog legend'), 'Tab').defaultPrevented).toBe(false);
  });

  it.each([
    ['Escape', (dialog: HTMLElement) => press((dialog.getRootNode() as ShadowRoot).activeElement!, 'Escape')],
    ['cancel', (dialog: HTMLElement) => dialog.dispatchEvent(new Event('cancel', { cancelable: true }))],
    ['its ×', (dialog: HTMLElement) => dialog.querySelector<HTMLElement>('button.x')!.click()],
  ])('closes on %s, back to the start button, without dismissing the campaign', async (_, close) => {
    const { root, click, $, events, pick, next } = showBar();
    await click('button.cta');
    pick('Dry');
    await next();
    close($('dialog'));
    await flush();
    expect(root.querySelector('dialog')).toBeNull();
    expect(root.activeElement).toBe($('button.cta'));
    expect(events).toEqual([]);
    await click('button.cta');
    expect(root.querySelector('dialog .pg')?.textContent).toBe('Question 2 of 2');
  });

  it("leaves dismissing to the bar's own ×", async () => {
    const { click, events } = showBar();
    await click('aside > button.x');
    expect(events).toEqual(['dismiss']);
  });

  it('opens without HTMLDialogElement.showModal', async () => {
    const showModal = HTMLDialogElement.prototype.showModal;
    // @ts-expect-error: simulating a DOM without the method
    delete HTMLDialogElement.prototype.showModal;
    try {
      const { root, click, $ } = showBar();
      await click('button.cta');
      expect(root.activeElement).toBe($('dialog legend'));
    } finally {
      HTMLDialogElement.prototype.showModal = showModal;
    }
  });
});

describe('answerError', () => {
  const q = (type: QuizQuestion['type'], more: Partial<QuizQuestion> = {}): QuizQuestion => ({ id: 'q', type, text: 'Q', required: false, ...more });
  it.each<[QuizQuestion, string | string[], string | undefined]>([
    [q('single'), [], undefined],
    [q('single', { required: true }), [], 'Please answer this question'],
    [q('single', { required: true }), ['a'], undefined],
    [q('multiple', { required: true }), [], 'Please answer this question'],
    [q('multiple', { required: true, min: 2 }), [], 'Choose at least 2'],
    [q('multiple', { min: 2 }), [], undefined],
    [q('multiple', { min: 2 }), ['a'], 'Choose at least 2'],
    [q('multiple', { max: 2 }), ['a', 'b', 'c'], 'Choose at most 2'],
    [q('multiple', { min: 1, max: 2 }), ['a', 'b'], undefined],
    [q('text', { required: true }), '', 'Please answer this question'],
    [q('text', { min: 5 }), 'ok', undefined],
    [q('email'), '', undefined],
    [q('email'), 'ada@example.com', undefined],
    [q('email'), 'ada@example', 'Enter an email address like name@example.com'],
    [q('email'), 'ada lovelace@example.com', 'Enter an email address like name@example.com'],
  ])('%o with %o: %s', (question, given, expected) => {
    expect(answerError(question, given)).toBe(expected);
  });
});
