import { isRecord } from './configReport.js';
import { END, type Next, type QuestionDef, type Quiz } from './parseQuizzes.js';
import type { Answer, QuizQuestion, QuizResult } from './widgetTypes.js';

/** What the visitor's browser keeps of one quiz: the answers, the questions seen in order, and when it was finished. */
export interface QuizRecord {
  answers: Record<string, Answer>;
  /** Question ids in the order they were shown; the last is the current one until `done`. */
  path: string[];
  done?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** Where the widget's input ends and a stored answer is cut, whatever a question allows. */
const HARD_MAX = 2000;

/** A stored quiz record, or undefined when it is not one (old or tampered storage). */
export function coerceQuizRecord(raw: unknown): QuizRecord | undefined {
  if (!isRecord(raw) || !isRecord(raw.answers) || !Array.isArray(raw.path)) return undefined;
  const record: QuizRecord = { answers: {}, path: raw.path.filter((id): id is string => typeof id === 'string') };
  for (const [id, value] of Object.entries(raw.answers)) {
    const ok = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (ok) record.answers[id] = value as Answer;
  }
  if (typeof raw.done === 'number') record.done = raw.done;
  return record;
}

/** The profile a quiz's conditions read: the visitor's, with this quiz's answers so far as `answers.<quizId>`. */
export function quizAttributes(profile: unknown, quizId: string, answers: Record<string, Answer>): Record<string, unknown> {
  const base = isRecord(profile) ? profile : {};
  return { ...base, answers: { ...(isRecord(base.answers) ? base.answers : {}), [quizId]: answers } };
}

/** A question as the widget sees it: without the branching and the traits. */
export function questionView(q: QuestionDef): QuizQuestion {
  const { next: _next, options, ...view } = q;
  return options ? { ...view, options: options.map(({ next: _n, traits: _t, ...option }) => option) } : view;
}

/**
 * The answer as stored, or why it is not acceptable. Text is trimmed and cut at the
 * question's length (`cut` says at what length); choices must be the question's options.
 */
export function checkAnswer(q: QuestionDef, value: unknown): { answer?: Answer; error?: string; cut?: number } {
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return q.required ? { error: 'an answer is required' } : {};
  const values = new Set(q.options?.map((o) => o.value));
  switch (q.type) {
    case 'single':
    case 'image':
      return typeof value === 'string' && values.has(value) ? { answer: value } : { error: `${JSON.stringify(value)} is not one of the options` };
    case 'multiple': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && values.has(v))) return { error: 'expected some of the options' };
      const picked = [...new Set(value as string[])];
      if (picked.length < (q.min ?? 0) || picked.length > (q.max ?? Infinity)) return { error: `expected from ${q.min ?? 0} to ${q.max ?? values.size} options` };
      return { answer: picked };
    }
    case 'rating': {
      const [low, high] = q.scale === 'nps' ? [0, 10] : [1, 5];
      return typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high ? { answer: value } : { error: `expected a whole number from ${low} to ${high}` };
    }
    case 'email':
      return typeof value === 'string' && EMAIL.test(value.trim()) && value.length <= 254 ? { answer: value.trim() } : { error: 'expected an email address' };
    default: {
      if (typeof value !== 'string') return { error: 'expected text' };
      const text = value.trim();
      const max = Math.min(q.maxLength ?? HARD_MAX, HARD_MAX);
      return text.length > max ? { answer: text.slice(0, max), cut: max } : { answer: text };
    }
  }
}

/** Where the quiz goes after `q`: the chosen option's `next`, the question's `next`, or the question after it. */
export function nextOf(quiz: Quiz, q: QuestionDef, answer: Answer | undefined, attributes: unknown): Next {
  const option = typeof answer === 'string' ? q.options?.find((o) => o.value === answer) : undefined;
  if (option?.next !== undefined) return option.next;
  if (typeof q.next === 'string') return q.next;
  const rule = q.next?.find((r) => r.test(attributes));
  if (rule) return rule.to;
  return quiz.questions[quiz.questions.indexOf(q) + 1]?.id ?? END;
}

/** How many questions are left after `q` along the way the answers so far lead (an estimate where options decide). */
function remaining(quiz: Quiz, q: QuestionDef, attributes: unknown, answers: Record<string, Answer>): number {
  let count = 0;
  const seen = new Set<string>();
  for (let id = nextOf(quiz, q, answers[q.id], attributes); id !== END && !seen.has(id); ) {
    seen.add(id);
    count++;
    const next = quiz.questions.find((x) => x.id === id);
    if (!next) break;
    id = nextOf(quiz, next, answers[id], attributes);
  }
  return count;
}

/** The first result screen whose condition holds, or an empty one (the widget thanks the visitor). */
export function resultOf(quiz: Quiz, attributes: unknown): QuizResult {
  return quiz.results.find((r) => !r.test || r.test(attributes))?.content ?? {};
}

export type Step = { question: QuestionDef; answer?: Answer; number: number; total: number } | { done: true };

/**
 * The answers along the way the visitor is taking: those of questions left behind by Back
 * and a different choice stay in the record to prefill, but say nothing about the visitor.
 */
export const answersOnPath = (record: QuizRecord): Record<string, Answer> =>
  record.done !== undefined ? record.answers : Object.fromEntries(Object.entries(record.answers).filter(([id]) => record.path.includes(id)));

/**
 * The traits the options of `asked` set for these answers: each chosen option's traits,
 * and `undefined` (removed) for every other key those options can set, so a choice taken
 * back takes its traits with it.
 */
export function quizTraits(asked: readonly QuestionDef[], answers: Record<string, Answer>): Record<string, unknown> {
  const traits: Record<string, unknown> = {};
  for (const question of asked) for (const option of question.options ?? []) for (const key of Object.keys(option.traits ?? {})) traits[key] = undefined;
  for (const question of asked) {
    const answer = answers[question.id];
    const chosen = Array.isArray(answer) ? answer : [answer];
    for (const option of question.options ?? []) if (chosen.includes(option.value)) Object.assign(traits, option.traits);
  }
  return traits;
}

/** Where a record stands: its current question (the first, for a fresh record) or the end. */
export function stepOf(quiz: Quiz, record: QuizRecord, profile: unknown): Step {
  if (record.done !== undefined && record.path.length === 0) return { done: true };
  const id = record.path[record.path.length - 1] ?? quiz.questions[0]!.id;
  const question = quiz.questions.find((q) => q.id === id) ?? quiz.questions[0]!;
  const number = Math.max(1, record.path.length);
  const attributes = quizAttributes(profile, quiz.id, answersOnPath(record));
  const step: Step = { question, number, total: number + remaining(quiz, question, attributes, record.answers) };
  const answer = record.answers[question.id];
  return answer === undefined ? step : { ...step, answer };
}

/** A record that starts the quiz (again): answers given before stay, to prefill. */
export const startQuiz = (quiz: Quiz, before?: QuizRecord): QuizRecord => ({ answers: { ...before?.answers }, path: [quiz.questions[0]!.id] });

/**
 * Records the answer to the current question and moves on. On `end` the record is
 * finished at `now`, keeping only the answers along the way taken.
 */
export function answerQuiz(quiz: Quiz, record: QuizRecord, questionId: string, answer: Answer | undefined, profile: unknown, now: number): QuizRecord {
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) return record;
  const answers = { ...record.answers };
  if (answer === undefined) delete answers[questionId];
  else answers[questionId] = answer;
  const at = record.path.lastIndexOf(questionId);
  const path = at < 0 ? [...record.path, questionId] : record.path.slice(0, at + 1);
  // Rules read the answers along this way only, not those of a branch left behind.
  const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => path.includes(id)));
  const next = nextOf(quiz, question, answer, quizAttributes(profile, quiz.id, kept));
  if (next === END || path.includes(next)) return { answers: kept, path: [], done: now };
  return { answers, path: [...path, next] };
}

/** Back to the question before the current one (its answer stays, to prefill). */
export function backQuiz(record: QuizRecord): QuizRecord {
  return record.path.length > 1 ? { ...record, path: record.path.slice(0, -1) } : record;
}
