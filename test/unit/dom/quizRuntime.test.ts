import { describe, expect, it } from 'vitest';
import { parseQuizzes, type Answer, type Problem, type QuizStep } from '../../../sdk/core/index.js';
import { createQuizRuntime } from '../../../sdk/runtime/index.js';
import { createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';

const NOW = Date.UTC(2026, 5, 10, 12);

/**
 * Espresso (traits, falls through) → milk (rules: yes → note, else end); filter (option
 * next) → cups → note; instant ends at once. Texts template the profile and the answers.
 */
const COFFEE = {
  id: 'coffee-quiz',
  title: 'Your coffee, {{traits.name|friend}}',
  body: 'Three questions, *one* bag.',
  start: 'Find my roast',
  questions: [
    { id: 'brew', type: 'single', text: 'How do you brew, {{traits.name|friend}}?', options: [
      { value: 'espresso', label: 'Espresso', traits: { brewer: 'espresso' } },
      { value: 'filter', label: 'Filter', next: 'cups' },
      { value: 'instant', label: 'Instant', next: 'end' },
    ] },
    { id: 'milk', type: 'single', text: 'Milk in your {{answers.coffee-quiz.brew}}?', options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }],
      next: [{ when: { 'answers.coffee-quiz.milk': 'yes' }, to: 'note' }, { to: 'end' }] },
    { id: 'cups', type: 'rating', text: 'Cups a day?' },
    { id: 'note', type: 'text', text: 'Anything else?', required: false, maxLength: 20 },
  ],
  results: [
    { when: { 'answers.coffee-quiz.brew': 'instant' }, title: 'Try our instant sticks' },
    { when: { 'answers.coffee-quiz.milk': 'yes' }, title: 'Milk and {{answers.coffee-quiz.brew}}: try the Crema blend', cta: { label: 'See Crema', href: '/products/crema' } },
    { title: 'Thanks, {{traits.name|friend}}', body: 'You wrote: {{answers.coffee-quiz.note|nothing}}' },
  ],
};

/** Two branches whose options set traits, a rule on an answer of one branch, and a result on a trait. */
const BRANCH = {
  id: 'branch',
  questions: [
    { id: 'sport', type: 'single', text: 'Sport?', options: [
      { value: 'run', label: 'Run', traits: { runner: true }, next: 'distance' },
      { value: 'gym', label: 'Gym', traits: { gym: true }, next: 'shoes' },
    ] },
    { id: 'distance', type: 'single', text: 'Distance?', next: 'shoes', options: [
      { value: 'marathon', label: 'Marathon', traits: { distance: 'long' } },
      { value: '5k', label: '5 km' },
    ] },
    { id: 'shoes', type: 'single', text: 'Shoes?', options: [{ value: 'new', label: 'New' }, { value: 'old', label: 'Old' }],
      next: [{ when: { 'answers.branch.distance': 'marathon' }, to: 'race' }, { to: 'end' }] },
    { id: 'race', type: 'text', text: 'Which race?', required: false },
  ],
  results: [{ when: { 'traits.runner': true }, title: 'For runners' }, { title: 'For everyone' }],
};

/** A quiz that asks for an email address. */
const LEAD = {
  id: 'lead',
  questions: [
    { id: 'size', type: 'rating', text: 'Fit?' },
    { id: 'mail', type: 'email', text: 'Where do we send your size guide?' },
  ],
};

/** One multiple-choice question whose options each set a trait. */
const GOALS = {
  id: 'goals',
  questions: [
    { id: 'want', type: 'multiple', text: 'What matters?', min: 1, options: [
      { value: 'energy', label: 'Energy', traits: { goal_energy: true } },
      { value: 'taste', label: 'Taste', traits: { goal_taste: true } },
      { value: 'price', label: 'Price' },
    ] },
  ],
};

const BREW_QUESTION = {
  id: 'brew',
  type: 'single',
  text: 'How do you brew, Ana?',
  required: true,
  options: [{ value: 'espresso', label: 'Espresso' }, { value: 'filter', label: 'Filter' }, { value: 'instant', label: 'Instant' }],
};

/** Lets the store's promise and the runtime's `announce` after it settle. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A store that reads like an empty one and fails every write, as a full or blocked IndexedDB does. */
function failingStore(): KeyValueStore {
  return {
    get: async () => undefined,
    update: async () => Promise.reject(new Error('disk full')),
    entries: async () => [],
    clear: async () => undefined,
  };
}

/**
 * A page with the coffee and goals quizzes: one log of what the runtime did (warnings,
 * announces, identify/changed, emitted events), in order, and the storage it wrote to.
 */
function page(options: { storage?: KeyValueStore; profile?: Record<string, unknown> } = {}) {
  const problems: Problem[] = [];
  const quizzes = parseQuizzes({ quizzes: [COFFEE, GOALS, BRANCH, LEAD], lists: {} }, problems);
  if (problems.length > 0) throw new Error(`invalid test quiz: ${JSON.stringify(problems)}`);
  const storage = options.storage ?? createMemoryStore();
  const log: string[] = [];
  const runtime = createQuizRuntime({
    quizzes,
    storage,
    now: () => NOW,
    profile: () => options.profile ?? { traits: { name: 'Ana' } },
    warn: (message) => void log.push(`warn ${message}`),
    announce: () => void log.push('announce'),
    // A trait taken back is `undefined`, which JSON would leave out.
    identify: (traits) => void log.push(`identify ${JSON.stringify(traits, (_key, value: unknown) => (value === undefined ? '(removed)' : value))}`),
    changed: () => void log.push('changed'),
  });
  /** The widget's callbacks for a campaign showing quiz `id`. */
  const widget = (id = 'coffee-quiz') => runtime.callbacks(id, (name, extra) => void log.push(`${name} ${JSON.stringify(extra)}`));
  const stored = () => storage.get<Record<string, unknown>>('quizzes');
  return { runtime, storage, log, widget, stored };
}

/** The id of the question a step shows, or `done`. */
const shown = (step: QuizStep) => ('done' in step ? 'done' : step.question.id);

describe('quiz runtime: screens', () => {
  it('shows a fresh quiz from its first question, with progress, templated with the profile', () => {
    const { runtime, log } = page();
    expect(runtime.content('coffee-quiz')).toEqual({
      kind: 'quiz',
      quizId: 'coffee-quiz',
      start: 'Find my roast',
      title: 'Your coffee, Ana',
      body: ['Three questions, ', { i: ['one'] }, ' bag.'],
      step: { question: BREW_QUESTION, number: 1, total: 2 },
    });
    expect(runtime.record('coffee-quiz')).toEqual({ answers: {}, path: ['brew'] });
    expect(log).toEqual([]);
  });

  it('has no content for a quiz the config does not have', () => {
    const { runtime } = page();
    expect(runtime.content('tea-quiz')).toBeUndefined();
    expect(runtime.record('tea-quiz')).toBeUndefined();
  });

  it('templates a question with the answers so far, over a stale copy in the profile', () => {
    const { runtime, widget } = page({ profile: { traits: { name: 'Ana' }, answers: { 'coffee-quiz': { brew: 'filter' }, goals: { want: ['taste'] } } } });
    runtime.content('coffee-quiz');
    const step = widget().answer!('brew', 'espresso');
    expect(step).toEqual({
      question: { id: 'milk', type: 'single', text: 'Milk in your espresso?', required: true, options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] },
      number: 2,
      total: 2,
    });
  });

  it('falls back in templates when the profile has no value', () => {
    const { runtime } = page({ profile: {} });
    const content = runtime.content('coffee-quiz')!;
    expect(content.title).toBe('Your coffee, friend');
    expect(content.step).toMatchObject({ question: { text: 'How do you brew, friend?' } });
  });
});

describe('quiz runtime: answers', () => {
  it('records an answer, stores it, emits quiz_answer and sets the option traits', async () => {
    const { runtime, widget, log, stored } = page();
    runtime.content('coffee-quiz');
    const step = widget().answer!('brew', 'espresso');
    expect(shown(step)).toBe('milk');
    expect(runtime.record('coffee-quiz')).toEqual({ answers: { brew: 'espresso' }, path: ['brew', 'milk'] });
    expect(await stored()).toEqual({ 'coffee-quiz': { answers: { brew: 'espresso' }, path: ['brew', 'milk'] } });
    await settle();
    expect(log).toEqual([
      'quiz_answer {"quizId":"coffee-quiz","questionId":"brew","answer":"espresso"}',
      'identify {"brewer":"espresso"}',
      'announce',
    ]);
  });

  it('takes back the traits of the options not chosen, and tells the host the profile changed where no option sets one', async () => {
    const { runtime, widget, log } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'filter');
    widget().answer!('cups', 4);
    await settle();
    expect(log).toEqual([
      'quiz_answer {"quizId":"coffee-quiz","questionId":"brew","answer":"filter"}',
      'identify {"brewer":"(removed)"}',
      'quiz_answer {"quizId":"coffee-quiz","questionId":"cups","answer":4}',
      'changed',
      'announce',
      'announce',
    ]);
  });

  it('takes a branch left by Back out of the rules, the answers and the traits', () => {
    const { runtime, widget, log } = page();
    runtime.content('branch');
    widget('branch').answer!('sport', 'run');
    widget('branch').answer!('distance', 'marathon');
    widget('branch').back!();
    widget('branch').back!();
    widget('branch').answer!('sport', 'gym');
    // The marathon is the other branch's: not an answer of this visitor, not a rule's reason to ask for the race.
    expect(runtime.answers().branch).toEqual({ sport: 'gym' });
    const step = widget('branch').answer!('shoes', 'new');
    expect(step).toEqual({ done: true, result: { title: 'For everyone' } });
    expect(log.filter((line) => line.startsWith('identify'))).toEqual([
      'identify {"runner":true,"gym":"(removed)"}',
      'identify {"distance":"long"}',
      // Back out of the running branch takes its distance at once, not when the quiz ends.
      'identify {"distance":"(removed)"}',
      'identify {"runner":"(removed)","gym":true}',
    ]);
  });

  it('picks the result with the traits the last answers set, before the profile has them', () => {
    const { runtime, widget } = page();
    runtime.content('branch');
    widget('branch').answer!('sport', 'run');
    widget('branch').answer!('distance', '5k');
    expect(widget('branch').answer!('shoes', 'old')).toEqual({ done: true, result: { title: 'For runners' } });
  });

  it('steps a preview through a record of its own: nothing stored, emitted or set', async () => {
    const { runtime, log, stored } = page();
    runtime.content('branch');
    const preview = runtime.callbacks('branch', (name, extra) => void log.push(`${name} ${JSON.stringify(extra)}`), true);
    expect(shown(preview.answer!('sport', 'run'))).toBe('distance');
    expect(shown(preview.back!())).toBe('sport');
    expect(shown(preview.answer!('sport', 'gym'))).toBe('shoes');
    expect(preview.answer!('shoes', 'new')).toEqual({ done: true, result: { title: 'For everyone' } });
    await settle();
    expect({ log, stored: await stored(), record: runtime.record('branch'), answers: runtime.answers() }).toEqual({
      log: [],
      stored: undefined,
      record: { answers: {}, path: ['sport'] },
      answers: { branch: {} },
    });
  });

  it('keeps an email answer in the browser: in answers, not in the events', () => {
    const { runtime, widget, log } = page();
    runtime.content('lead');
    widget('lead').answer!('size', 4);
    widget('lead').answer!('mail', 'ann@example.com');
    expect(log.filter((line) => line.startsWith('quiz_'))).toEqual([
      'quiz_answer {"quizId":"lead","questionId":"size","answer":4}',
      'quiz_answer {"quizId":"lead","questionId":"mail"}',
      'quiz_complete {"quizId":"lead","answers":{"size":4}}',
    ]);
    expect(runtime.answers().lead).toEqual({ size: 4, mail: 'ann@example.com' });
  });

  it('merges the traits of every option chosen in a multiple-choice answer', async () => {
    const { runtime, widget, log } = page();
    runtime.content('goals');
    widget('goals').answer!('want', ['price', 'taste', 'energy']);
    await settle();
    expect(log).toEqual([
      'quiz_answer {"quizId":"goals","questionId":"want","answer":["price","taste","energy"]}',
      'quiz_complete {"quizId":"goals","answers":{"want":["price","taste","energy"]}}',
      'identify {"goal_energy":true,"goal_taste":true}',
      'announce',
    ]);
  });

  it('finishes on the last step: quiz_complete with the answers, a done record, the result screen', async () => {
    const { runtime, widget, log, stored } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'espresso');
    widget().answer!('milk', 'yes');
    const step = widget().answer!('note', 'strong please');
    expect(step).toEqual({ done: true, result: { title: 'Milk and espresso: try the Crema blend', cta: { label: 'See Crema', href: '/products/crema' } } });
    const done = { answers: { brew: 'espresso', milk: 'yes', note: 'strong please' }, path: [], done: NOW };
    expect(runtime.record('coffee-quiz')).toEqual(done);
    expect(await stored()).toEqual({ 'coffee-quiz': done });
    expect(log.filter((line) => line.startsWith('quiz_'))).toEqual([
      'quiz_answer {"quizId":"coffee-quiz","questionId":"brew","answer":"espresso"}',
      'quiz_answer {"quizId":"coffee-quiz","questionId":"milk","answer":"yes"}',
      'quiz_answer {"quizId":"coffee-quiz","questionId":"note","answer":"strong please"}',
      'quiz_complete {"quizId":"coffee-quiz","answers":{"brew":"espresso","milk":"yes","note":"strong please"}}',
    ]);
  });

  it('skips an optional question with null: quiz_answer says null, the answers leave it out', () => {
    const { runtime, widget, log } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'filter');
    widget().answer!('cups', 2);
    const step = widget().answer!('note', null);
    expect(step).toEqual({ done: true, result: { title: 'Thanks, Ana', body: ['You wrote: nothing'] } });
    expect(log.filter((line) => line.startsWith('quiz_')).slice(-2)).toEqual([
      'quiz_answer {"quizId":"coffee-quiz","questionId":"note","answer":null}',
      'quiz_complete {"quizId":"coffee-quiz","answers":{"brew":"filter","cups":2}}',
    ]);
  });

  // The way through the quiz for each set of answers, and the result screen it ends on.
  it.each<[string, (Answer | null)[], string[], string]>([
    ['an option next that ends', ['instant'], ['brew'], 'Try our instant sticks'],
    ['an option next to a later question', ['filter', 5, 'decaf'], ['brew', 'cups', 'note'], 'Thanks, Ana'],
    ['the order of the questions, then a rule to the end', ['espresso', 'no'], ['brew', 'milk'], 'Thanks, Ana'],
    ['a rule over the answer just given', ['espresso', 'yes', 'oat'], ['brew', 'milk', 'note'], 'Milk and espresso: try the Crema blend'],
  ])('branches by %s', (_how, answers, questions, result) => {
    const { runtime, widget } = page();
    let step = runtime.content('coffee-quiz')!.step;
    const seen: string[] = [];
    for (const value of answers) {
      seen.push(shown(step));
      step = widget().answer!(shown(step), value);
    }
    expect(seen).toEqual(questions);
    expect(step).toMatchObject({ done: true, result: { title: result } });
  });

  it('counts progress along the way the answers lead', () => {
    const { runtime, widget } = page();
    const progress = (step: QuizStep) => ('done' in step ? 'done' : `${step.number}/${step.total}`);
    const steps = [runtime.content('coffee-quiz')!.step, widget().answer!('brew', 'filter'), widget().answer!('cups', 3), widget().answer!('note', 'hi')];
    expect(steps.map(progress)).toEqual(['1/2', '2/3', '3/3', 'done']);
  });
});

describe('quiz runtime: invalid answers', () => {
  it.each<[string, string, unknown, string]>([
    ['a value that is not an option', 'brew', 'decaf', '"decaf" is not one of the options'],
    ['no answer to a required question', 'brew', null, 'an answer is required'],
    ['an empty text for a required question', 'brew', '', 'an answer is required'],
    ['a question the quiz does not have', 'grind', 'fine', 'not the question shown'],
    ['a later question than the one on screen', 'milk', 'no', 'not the question shown'],
  ])('warns about %s, records nothing and shows the same screen', async (_what, questionId, value, reason) => {
    const { runtime, widget, log, stored } = page();
    const first = runtime.content('coffee-quiz')!.step;
    const step = widget().answer!(questionId, value as Answer);
    expect(step).toEqual(first);
    expect(runtime.record('coffee-quiz')).toEqual({ answers: {}, path: ['brew'] });
    expect(await stored()).toBeUndefined();
    await settle();
    expect(log).toEqual([`warn quiz "coffee-quiz", question "${questionId}": ${reason}; not recorded.`]);
  });

  it('refuses the answer of a stale screen when two widgets show one quiz, and shows where the quiz is', () => {
    const { runtime, widget, log } = page();
    runtime.content('coffee-quiz');
    const [inline, popup] = [widget(), widget()];
    expect(shown(inline.answer!('brew', 'instant'))).toBe('done');
    const step = popup.answer!('brew', 'filter');
    expect(step).toEqual({ done: true, result: { title: 'Try our instant sticks' } });
    expect(runtime.record('coffee-quiz')).toEqual({ answers: { brew: 'instant' }, path: [], done: NOW });
    expect(log.at(-1)).toBe('warn quiz "coffee-quiz", question "brew": not the question shown; not recorded.');
  });

  it('cuts a text answer to the question\'s length, trimmed, and says so', async () => {
    const { runtime, widget, log, stored } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'filter');
    widget().answer!('cups', 1);
    log.length = 0;
    widget().answer!('note', '   single origin beans only please   ');
    expect(log).toEqual([
      'warn quiz "coffee-quiz", question "note": the answer was cut to 20 characters.',
      'quiz_answer {"quizId":"coffee-quiz","questionId":"note","answer":"single origin beans "}',
      'quiz_complete {"quizId":"coffee-quiz","answers":{"brew":"filter","cups":1,"note":"single origin beans "}}',
      // No trait changes with the last answer (brewer went with the first): the answers did.
      'changed',
    ]);
    expect(await stored()).toMatchObject({ 'coffee-quiz': { answers: { note: 'single origin beans ' } } });
  });

  it('keeps HTML and markdown in a text answer as the text it is, in the event and on the result screen', () => {
    const { runtime, widget, log } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'filter');
    widget().answer!('cups', 1);
    const step = widget().answer!('note', '<b>*decaf*</b>');
    expect(step).toEqual({ done: true, result: { title: 'Thanks, Ana', body: ['You wrote: <b>*decaf*</b>'] } });
    expect(log).toContain('quiz_answer {"quizId":"coffee-quiz","questionId":"note","answer":"<b>*decaf*</b>"}');
  });

  it('does not fill templates written in an answer', () => {
    const { runtime, widget } = page({ profile: { traits: { name: 'Ana', email: 'ana@example.com' } } });
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'filter');
    widget().answer!('cups', 1);
    const step = widget().answer!('note', '{{traits.email}}');
    expect(step).toEqual({ done: true, result: { title: 'Thanks, Ana', body: ['You wrote: {{traits.email}}'] } });
  });
});

describe('quiz runtime: back', () => {
  it('returns to the previous question with its answer, and stores where the quiz is', async () => {
    const { runtime, widget, stored } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'espresso');
    const step = widget().back!();
    expect(step).toEqual({ question: BREW_QUESTION, answer: 'espresso', number: 1, total: 2 });
    expect(await stored()).toEqual({ 'coffee-quiz': { answers: { brew: 'espresso' }, path: ['brew'] } });
  });

  it('stays on the first question', () => {
    const { runtime, widget } = page();
    const first = runtime.content('coffee-quiz')!.step;
    expect(widget().back!()).toEqual(first);
    expect(runtime.record('coffee-quiz')).toEqual({ answers: {}, path: ['brew'] });
  });

  it('drops the answers a changed answer no longer leads to', async () => {
    const { runtime, widget, log, stored } = page();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'espresso');
    widget().answer!('milk', 'yes');
    widget().back!();
    widget().back!();
    expect(shown(widget().answer!('brew', 'instant'))).toBe('done');
    expect(await stored()).toEqual({ 'coffee-quiz': { answers: { brew: 'instant' }, path: [], done: NOW } });
    expect(log).toContain('quiz_complete {"quizId":"coffee-quiz","answers":{"brew":"instant"}}');
  });
});

describe('quiz runtime: storage', () => {
  it('resumes a half-answered quiz where it stopped after a reload', async () => {
    const first = page();
    first.runtime.content('coffee-quiz');
    first.widget().answer!('brew', 'filter');
    await settle();
    const { runtime, widget } = page({ storage: first.storage });
    await runtime.load();
    expect(runtime.record('coffee-quiz')).toEqual({ answers: { brew: 'filter' }, path: ['brew', 'cups'] });
    expect(runtime.content('coffee-quiz')!.step).toEqual({ question: { id: 'cups', type: 'rating', text: 'Cups a day?', required: true, scale: 'stars' }, number: 2, total: 3 });
    expect(shown(widget().answer!('cups', 5))).toBe('note');
    expect(runtime.answers()).toEqual({ 'coffee-quiz': { brew: 'filter', cups: 5 } });
  });

  it('keeps the other quizzes\' records when it stores one', async () => {
    const storage = createMemoryStore([['quizzes', { goals: { answers: { want: ['taste'] }, path: [], done: 1 } }]]);
    const { runtime, widget, stored } = page({ storage });
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'instant');
    expect(await stored()).toEqual({
      goals: { answers: { want: ['taste'] }, path: [], done: 1 },
      'coffee-quiz': { answers: { brew: 'instant' }, path: [], done: NOW },
    });
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ['a value that is not an object', 'quizzes!', {}],
    ['records that are not records', { 'coffee-quiz': 'garbage', goals: { answers: 'x', path: [] }, old: { answers: {}, path: 'brew' } }, {}],
    ['answers of the wrong type and path entries that are not ids', { 'coffee-quiz': { answers: { brew: 'filter', cups: { n: 1 }, note: [1] }, path: ['brew', 7, 'cups'], done: 'yes' } }, { 'coffee-quiz': { answers: { brew: 'filter' }, path: ['brew', 'cups'] } }],
  ])('ignores %s when it loads', async (_what, value, records) => {
    const { runtime } = page({ storage: createMemoryStore([['quizzes', value]]) });
    await runtime.load();
    expect(Object.fromEntries(['coffee-quiz', 'goals', 'old'].flatMap((id) => (runtime.record(id) ? [[id, runtime.record(id)]] : [])))).toEqual(records);
  });

  it('resumes on the first question when the stored one has left the config', async () => {
    const { runtime, widget } = page({ storage: createMemoryStore([['quizzes', { 'coffee-quiz': { answers: {}, path: ['grind'] } }]]) });
    await runtime.load();
    expect(runtime.content('coffee-quiz')!.step).toMatchObject({ question: { id: 'brew' } });
    expect(shown(widget().answer!('brew', 'instant'))).toBe('done');
  });

  it('starts a fresh quiz when the stored record was corrupt', async () => {
    const { runtime } = page({ storage: createMemoryStore([['quizzes', { 'coffee-quiz': { answers: null, path: ['milk'] } }]]) });
    await runtime.load();
    expect(runtime.content('coffee-quiz')!.step).toEqual({ question: BREW_QUESTION, number: 1, total: 2 });
  });

  it('loads nothing, and does not throw, when the store cannot be read', async () => {
    const storage: KeyValueStore = { ...createMemoryStore(), get: async () => Promise.reject(new Error('blocked')) };
    const { runtime } = page({ storage });
    await expect(runtime.load()).resolves.toBeUndefined();
    expect(runtime.answers()).toEqual({});
  });

  it('starts a finished quiz over when it is offered again, its answers there to prefill', async () => {
    const storage = createMemoryStore([['quizzes', { 'coffee-quiz': { answers: { brew: 'instant' }, path: [], done: NOW - 1000 } }]]);
    const { runtime } = page({ storage });
    await runtime.load();
    expect(runtime.record('coffee-quiz')).toEqual({ answers: { brew: 'instant' }, path: [], done: NOW - 1000 });
    expect(runtime.content('coffee-quiz')!.step).toEqual({ question: BREW_QUESTION, answer: 'instant', number: 1, total: 1 });
    expect(runtime.record('coffee-quiz')).toEqual({ answers: { brew: 'instant' }, path: ['brew'] });
  });

  it('gives the answers of every quiz as answers.<quizId>.<questionId>', async () => {
    const storage = createMemoryStore([['quizzes', { goals: { answers: { want: ['energy'] }, path: [], done: 1 } }]]);
    const { runtime, widget } = page({ storage });
    await runtime.load();
    runtime.content('coffee-quiz');
    widget().answer!('brew', 'filter');
    widget().answer!('cups', 3);
    expect(runtime.answers()).toEqual({ goals: { want: ['energy'] }, 'coffee-quiz': { brew: 'filter', cups: 3 } });
  });

  it('warns when the store fails, and goes on without throwing', async () => {
    const { runtime, widget, log } = page({ storage: failingStore() });
    runtime.content('coffee-quiz');
    expect(shown(widget().answer!('brew', 'filter'))).toBe('cups');
    expect(shown(widget().back!())).toBe('brew');
    await settle();
    expect(runtime.record('coffee-quiz')).toEqual({ answers: { brew: 'filter' }, path: ['brew'] });
    expect(log).toEqual([
      'quiz_answer {"quizId":"coffee-quiz","questionId":"brew","answer":"filter"}',
      'identify {"brewer":"(removed)"}',
      // Back re-checks what reads the answers.
      'changed',
      'warn quiz "coffee-quiz" could not be stored: Error: disk full',
      'warn quiz "coffee-quiz" could not be stored: Error: disk full',
    ]);
  });
});
