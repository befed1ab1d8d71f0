import { describe, expect, it } from 'vitest';
import { answerQuiz, backQuiz, checkAnswer, parseCampaignSection, parseQuizzes, resultOf, startQuiz, stepOf, quizAttributes, type Problem, type Quiz } from '../../../sdk/core/index.js';

const SPORT = {
  id: 'sport-quiz',
  title: 'Find your shoe',
  questions: [
    { id: 'sport', type: 'single', text: 'What do you train for?', options: [
      { value: 'running', label: 'Running', next: 'distance', traits: { persona: 'runner' } },
      { value: 'gym', label: 'Gym', next: 'end' },
    ] },
    { id: 'distance', type: 'single', text: 'Typical distance?', options: [{ value: '5k', label: 'Up to 10 km' }, { value: 'marathon', label: 'Marathon' }],
      next: [{ when: { 'answers.sport-quiz.distance': 'marathon' }, to: 'surface' }, { to: 'end' }] },
    { id: 'surface', type: 'multiple', text: 'Where do you run?', min: 1, max: 2, options: [{ value: 'road', label: 'Road' }, { value: 'trail', label: 'Trail' }, { value: 'track', label: 'Track' }] },
  ],
  results: [
    { when: { 'answers.sport-quiz.distance': 'marathon' }, title: 'Try the Swift Marathon', cta: { label: 'See it', href: '/products/swift-marathon' } },
    { when: { 'answers.sport-quiz.sport': 'gym' }, title: 'Try the Gym Trainer' },
    { title: 'Thanks, {{traits.name|runner}}' },
  ],
};

function parse(quizzes: unknown) {
  const problems: Problem[] = [];
  return { quizzes: parseQuizzes({ quizzes, lists: {} }, problems), problems: problems.map((p) => `${p.severity} ${p.path}: ${p.message}`) };
}

/** Answers in order, from a fresh record; returns the record and the ids of the questions shown. */
function walk(quiz: Quiz, answers: unknown[]) {
  let record = startQuiz(quiz);
  const shown: string[] = [];
  for (const value of answers) {
    const step = stepOf(quiz, record, {});
    if ('done' in step) break;
    shown.push(step.question.id);
    const checked = checkAnswer(step.question, value);
    expect(checked.error).toBeUndefined();
    record = answerQuiz(quiz, record, step.question.id, checked.answer, {}, 1000);
  }
  return { record, shown };
}

describe('quizzes: validation', () => {
  it('reads a valid quiz without problems', () => {
    const { quizzes, problems } = parse([SPORT]);
    expect(problems).toEqual([]);
    expect(quizzes.map((q) => q.questions.map((x) => x.id))).toEqual([['sport', 'distance', 'surface']]);
  });

  it.each([
    ['an unknown question type', { type: 'slider' }, 'error quizzes[0].questions[0].type: expected one of single, multiple, rating, text, email, image, got "slider"'],
    ['an option without a value', { options: [{ label: 'Running' }, { value: 'gym' }] }, 'error quizzes[0].questions[0].options[0].value: expected the value the answer records (text, at most 200 characters), got undefined'],
    ['a next pointing nowhere', { options: [{ value: 'running', next: 'pace' }, { value: 'gym' }] }, 'error quizzes[0].questions[0].options[0].next: no question "pace" in this quiz (or "end")'],
  ])('skips a quiz with %s, naming the path', (_what, change, message) => {
    const quiz = { ...SPORT, questions: [{ ...SPORT.questions[0], ...change }, ...SPORT.questions.slice(1)] };
    const { quizzes, problems } = parse([quiz]);
    expect(quizzes).toEqual([]);
    expect(problems).toContain(message);
  });

  it('says a quiz without questions has an empty list, not that it lacks one', () => {
    const { quizzes, problems } = parse([{ ...SPORT, questions: [] }, { ...SPORT, id: 'b', questions: 'sport' }]);
    expect(quizzes).toEqual([]);
    expect(problems).toEqual(['error quizzes[0].questions: expected an array of questions, got an empty one', 'error quizzes[1].questions: expected an array of questions, got "sport"']);
  });

  it('reports duplicate quiz, question and option ids', () => {
    const dupQuestion = { ...SPORT, id: 'b', questions: [SPORT.questions[0], { ...SPORT.questions[1], id: 'sport' }] };
    const dupOption = { ...SPORT, id: 'c', questions: [{ ...SPORT.questions[0], options: [{ value: 'a' }, { value: 'a' }] }] };
    const { quizzes, problems } = parse([SPORT, { ...SPORT }, dupQuestion, dupOption]);
    expect(quizzes.map((q) => q.id)).toEqual(['sport-quiz']);
    expect(problems).toEqual(expect.arrayContaining([
      'error quizzes[1].id: duplicate quiz id "sport-quiz"',
      'error quizzes[2].questions[1].id: duplicate question id "sport"',
      'error quizzes[3].questions[0].options[1].value: duplicate option value "a"',
    ]));
  });

  it('names a loop in the branching', () => {
    const loop = { id: 'loop', questions: [
      { id: 'a', type: 'single', text: 'A?', options: [{ value: 'x', next: 'b' }, { value: 'y', next: 'end' }] },
      { id: 'b', type: 'text', text: 'B?', next: 'a' },
    ] };
    const { quizzes, problems } = parse([loop]);
    expect(quizzes).toEqual([]);
    expect(problems).toContain('error quizzes[0].questions[1].next: the branching loops: a → b → a');
  });

  it('checks the conditions of rules and results like any condition', () => {
    const bad = { ...SPORT, results: [{ when: { 'answers.sport-quiz.sport': { $regex: '(a+)+' } }, title: 'x' }] };
    const { quizzes, problems } = parse([bad]);
    expect(quizzes).toEqual([]);
    expect(problems.some((p) => p.startsWith('error quizzes[0].results[0].when'))).toBe(true);
  });

  it('refuses a rule or result that names a segment the config lacks, when the segments are known', () => {
    const rule = { when: { segments: { $nin: ['vipp'] } }, to: 'end' };
    const bad = { ...SPORT, id: 'bad', questions: [SPORT.questions[0], { ...SPORT.questions[1], next: [rule] }, SPORT.questions[2]] };
    const withResult = { ...SPORT, id: 'result', results: [{ when: { segments: 'vip' }, title: 'For our best customers' }, { title: 'Thanks' }] };
    const problems: Problem[] = [];
    const quizzes = parseQuizzes({ quizzes: [bad, withResult], lists: {}, segments: [{ id: 'vip', when: {} }] }, problems);
    expect(quizzes.map((q) => q.id)).toEqual(['result']);
    expect(problems).toEqual([
      { path: 'quizzes[0].questions[1].next[0].when', message: 'names no segment "vipp" (none in the config, or skipped for an error); did you mean "vip"?', severity: 'error' },
    ]);
    // Without the list (a caller that does not know the segments) nothing is said of them.
    expect(parse([bad]).problems).toEqual([]);
  });

  it('skips a campaign showing a missing or broken quiz, and says which', () => {
    const problems: Problem[] = [];
    const quizzes = parseQuizzes({ quizzes: [SPORT, { id: 'broken', questions: [] }], lists: {} }, problems);
    const section = parseCampaignSection(
      {
        lists: {},
        theme: undefined,
        campaigns: [
          { id: 'ok', type: 'inline', placement: { target: '#q' }, content: { kind: 'quiz', quiz: 'sport-quiz' } },
          { id: 'missing', type: 'popup', content: { kind: 'quiz', quiz: 'sport-quizz' } },
          { id: 'broken', type: 'popup', content: { kind: 'quiz', quiz: 'broken' } },
        ],
      },
      { valid: quizzes, all: [SPORT, { id: 'broken' }] },
    );
    expect(section.campaigns.map((c) => [c.id, c.quiz])).toEqual([['ok', { id: 'sport-quiz' }]]);
    expect(section.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'campaigns[1].content.quiz: no quiz "sport-quizz" in "quizzes"; did you mean "sport-quiz"?',
      'campaigns[2].content.quiz: the quiz "broken" has errors, so it is skipped',
    ]);
  });
});

describe('quizzes: flow', () => {
  const [quiz] = parse([SPORT]).quizzes as [Quiz];

  it('follows option next: gym ends at once with its result', () => {
    const { record, shown } = walk(quiz, ['gym']);
    expect(shown).toEqual(['sport']);
    expect(record).toEqual({ answers: { sport: 'gym' }, path: [], done: 1000 });
    expect(resultOf(quiz, quizAttributes({}, quiz.id, record.answers)).title).toBe('Try the Gym Trainer');
  });

  it('follows question rules over the answers: a marathon runner is asked about surfaces', () => {
    const { record, shown } = walk(quiz, ['running', 'marathon', ['trail', 'road']]);
    expect(shown).toEqual(['sport', 'distance', 'surface']);
    expect(record.answers).toEqual({ sport: 'running', distance: 'marathon', surface: ['trail', 'road'] });
    expect(resultOf(quiz, quizAttributes({}, quiz.id, record.answers)).cta).toEqual({ label: 'See it', href: '/products/swift-marathon' });
    const short = walk(quiz, ['running', '5k']);
    expect(short.shown).toEqual(['sport', 'distance']);
    expect(short.record.done).toBe(1000);
  });

  it('counts progress along the way the answers lead', () => {
    let record = startQuiz(quiz);
    expect(stepOf(quiz, record, {})).toMatchObject({ number: 1, total: 2 });
    record = answerQuiz(quiz, record, 'sport', 'running', {}, 0);
    expect(stepOf(quiz, record, {})).toMatchObject({ question: { id: 'distance' }, number: 2, total: 2 });
  });

  it('goes back with the answer kept, and a changed answer drops what the new way skips', () => {
    let record = walk(quiz, ['running', 'marathon']).record;
    expect(record.path).toEqual(['sport', 'distance', 'surface']);
    record = backQuiz(backQuiz(record));
    expect(stepOf(quiz, record, {})).toMatchObject({ question: { id: 'sport' }, answer: 'running' });
    record = answerQuiz(quiz, record, 'sport', 'gym', {}, 5);
    expect(record).toEqual({ answers: { sport: 'gym' }, path: [], done: 5 });
  });

  it('checks answers: options only, min and max, scales, email, text cut to its length', () => {
    const [sport, , surface] = quiz.questions;
    expect(checkAnswer(sport!, 'swimming').error).toBeDefined();
    expect(checkAnswer(sport!, undefined).error).toBe('an answer is required');
    expect(checkAnswer(surface!, ['road', 'trail', 'track']).error).toBeDefined();
    expect(checkAnswer(surface!, ['road', 'road']).answer).toEqual(['road']);
    const nps = { id: 'n', type: 'rating', scale: 'nps', text: 'NPS', required: true } as const;
    expect(checkAnswer(nps, 0).answer).toBe(0);
    expect(checkAnswer(nps, 11).error).toBeDefined();
    expect(checkAnswer({ ...nps, scale: 'stars' }, 0).error).toBeDefined();
    expect(checkAnswer({ id: 'e', type: 'email', text: 'Email', required: true }, 'nope').error).toBeDefined();
    expect(checkAnswer({ id: 't', type: 'text', text: 'T', required: false, maxLength: 5 }, '  <b>hello world</b> ')).toEqual({ answer: '<b>he', cut: 5 });
    expect(checkAnswer({ id: 't', type: 'text', text: 'T', required: false }, '')).toEqual({});
  });
});
