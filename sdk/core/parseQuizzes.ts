import { compileCondition, type Lists, type Test } from './compileCondition.js';
import { MAX_TEXT, Reader, parseAction, parseBody, parseImage } from './configReader.js';
import { checkKeys, createReport, describe, isRecord } from './configReport.js';
import type { Config } from './parseConfig.js';
import { templateReads } from './richText.js';
import { isUnsafeKey } from './session.js';
import type { Problem } from './types.js';
import { QUESTION_TYPES, type QuizOption, type QuizQuestion, type QuizResult, type Rich } from './widgetTypes.js';

/** Where a quiz goes after a question: a question id, or `end`. */
export type Next = string;
export const END = 'end';

export interface QuizOptionDef extends QuizOption {
  next?: Next;
  /** Traits set when the option is chosen. */
  traits?: Record<string, string | number | boolean>;
}

export interface QuestionDef extends Omit<QuizQuestion, 'options'> {
  options?: QuizOptionDef[];
  /** A fixed next question, or rules over the answers so far (the first that holds wins). */
  next?: Next | { test: Test; to: Next; always?: true }[];
}

export interface Quiz {
  id: string;
  path: string;
  title?: string;
  body?: Rich;
  /** The label of the button that opens the quiz from a bar (the strings' `start` without). */
  start?: string;
  questions: QuestionDef[];
  /** Result screens, the first whose condition holds; templated with the profile when shown. */
  results: { test?: Test; content: QuizResult }[];
  /** A finished quiz is offered again after this many days; never without it. */
  repeatAfterDays?: number;
}

const QUIZ_KEYS = ['id', 'name', 'description', 'title', 'body', 'start', 'questions', 'results', 'repeatAfterDays'];
const QUESTION_KEYS = ['id', 'type', 'text', 'help', 'required', 'options', 'min', 'max', 'scale', 'lowLabel', 'highLabel', 'maxLength', 'next'];
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TEXT_MAX_LENGTH = 500;

function parseOption(r: Reader, raw: unknown, at: string, image: boolean): QuizOptionDef | undefined {
  const input = r.object(raw, at, ['value', 'label', 'image', 'next', 'traits']);
  if (!input) return void r.error(at, `expected an option { "value", "label" }, got ${describe(raw)}`);
  const value = typeof input.value === 'number' ? String(input.value) : input.value;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) return void r.error(`${at}.value`, `expected the value the answer records (text, at most 200 characters), got ${describe(input.value)}`);
  const option: QuizOptionDef = { value, label: r.text(input.label, `${at}.label`) ?? value };
  if (image) {
    if (input.image === undefined) r.error(`${at}.image`, 'an image question gives every option an image: { "src", "alt" }');
    const parsed = parseImage(r, input.image, `${at}.image`);
    if (parsed) option.image = parsed;
  } else if (input.image !== undefined) r.warn(`${at}.image`, 'only options of an "image" question show images; ignored');
  if (input.next !== undefined) {
    if (typeof input.next === 'string') option.next = input.next;
    else r.error(`${at}.next`, `expected a question id or "end", got ${describe(input.next)}`);
  }
  if (input.traits !== undefined) {
    if (!isRecord(input.traits)) r.error(`${at}.traits`, `expected an object of traits, got ${describe(input.traits)}`);
    else {
      option.traits = {};
      for (const [name, v] of Object.entries(input.traits)) {
        if (isUnsafeKey(name)) r.error(`${at}.traits.${name}`, 'this name is reserved');
        else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') option.traits[name] = v;
        else r.error(`${at}.traits.${name}`, `expected text, a number or true/false, got ${describe(v)}`);
      }
    }
  }
  return option;
}

/** What a quiz's conditions are compiled against, and where their problems go. */
interface Scope {
  lists: Lists;
  problems: Problem[];
  reads: Set<string> | undefined;
  segments: readonly string[] | undefined;
}

function parseQuestion(r: Reader, raw: unknown, at: string, scope: Scope): QuestionDef | undefined {
  const input = r.object(raw, at, QUESTION_KEYS);
  if (!input) return void r.error(at, `expected a question object, got ${describe(raw)}`);
  const { id } = input;
  if (typeof id !== 'string' || !ID.test(id) || id === END) return void r.error(`${at}.id`, `expected an id of letters, digits, "-" and "_" (not "end"), got ${describe(id)}`);
  const type = r.oneOf(input.type, `${at}.type`, QUESTION_TYPES);
  const text = r.text(input.text, `${at}.text`, true);
  if (type === undefined || text === undefined) return undefined;
  const question: QuestionDef = { id, type, text, required: r.boolean(input.required, `${at}.required`, true) };
  const help = r.text(input.help, `${at}.help`);
  if (help !== undefined) question.help = help;
  const choice = type === 'single' || type === 'multiple' || type === 'image';
  if (choice) {
    if (!Array.isArray(input.options) || input.options.length < 2) r.error(`${at}.options`, `a "${type}" question needs at least two options`);
    const values = new Set<string>();
    question.options = ((Array.isArray(input.options) ? input.options : []) as unknown[]).flatMap((o, i) => {
      const option = parseOption(r, o, `${at}.options[${i}]`, type === 'image');
      if (!option) return [];
      if (values.has(option.value)) {
        r.error(`${at}.options[${i}].value`, `duplicate option value "${option.value}"`);
        return [];
      }
      values.add(option.value);
      if (option.next !== undefined && type === 'multiple') r.warn(`${at}.options[${i}].next`, 'a multiple-choice answer has several options: use the question\'s "next" rules; ignored');
      return [option];
    });
  } else if (input.options !== undefined) r.warn(`${at}.options`, `a "${type}" question has no options; ignored`);
  if (type === 'multiple') {
    const count = question.options?.length ?? 0;
    const min = r.number(input.min, `${at}.min`, 0, count, true);
    const max = r.number(input.max, `${at}.max`, 1, count, true);
    if (min !== undefined) question.min = min;
    if (max !== undefined) question.max = max;
    if (min !== undefined && max !== undefined && min > max) r.error(`${at}.max`, `expected at least min (${min}), got ${max}`);
  }
  if (type === 'rating') {
    question.scale = r.oneOf(input.scale, `${at}.scale`, ['stars', 'nps'] as const, 'stars');
    for (const key of ['lowLabel', 'highLabel'] as const) {
      const label = r.text(input[key], `${at}.${key}`);
      if (label !== undefined) question[key] = label;
    }
  }
  if (type === 'text') question.maxLength = r.number(input.maxLength, `${at}.maxLength`, 1, MAX_TEXT, true) ?? TEXT_MAX_LENGTH;
  if (input.next !== undefined) {
    if (typeof input.next === 'string') question.next = input.next;
    else if (Array.isArray(input.next)) {
      question.next = [];
      input.next.forEach((rule, i) => {
        const rat = `${at}.next[${i}]`;
        const parsed = r.object(rule, rat, ['when', 'to']);
        if (!parsed) r.error(rat, `expected a rule { "when", "to" }, got ${describe(rule)}`);
        else if (typeof parsed.to !== 'string') r.error(`${rat}.to`, `expected a question id or "end", got ${describe(parsed.to)}`);
        else if (parsed.when === undefined) (question.next as unknown[]).push({ test: () => true, to: parsed.to, always: true });
        else if (!isRecord(parsed.when)) r.error(`${rat}.when`, `expected a condition over the answers, got ${describe(parsed.when)}`);
        else (question.next as unknown[]).push({ test: compileWithin(r, parsed.when, `${rat}.when`, scope), to: parsed.to });
      });
    } else r.error(`${at}.next`, `expected a question id, "end", or rules [{ "when", "to" }], got ${describe(input.next)}`);
  }
  return question;
}

/** Compiles a condition of a quiz; its errors, and a segment it names that the config lacks, make the quiz fail. */
function compileWithin(r: Reader, condition: Record<string, unknown>, path: string, { lists, problems, reads, segments }: Scope): Test {
  const own: Problem[] = [];
  const test = compileCondition(condition, { lists, path: `${r.path}${path}`, problems: own, ...(reads && { reads }) });
  if (own.some((p) => p.severity === 'error')) r.failed = true;
  else r.segmentsKnown(condition, path, segments);
  problems.push(...own);
  return test;
}

/** Every place a question can lead, for the checks of `next`. */
function targets(question: QuestionDef, following: Next): Next[] {
  const out = (question.options ?? []).flatMap((o) => (o.next === undefined ? [] : [o.next]));
  if (typeof question.next === 'string') return [...out, question.next];
  if (question.next) out.push(...question.next.map((rule) => rule.to));
  // A required single choice whose every option names its next never falls through.
  const decided = question.required && (question.type === 'single' || question.type === 'image') && question.options?.every((o) => o.next !== undefined);
  if (!decided && !question.next?.some((rule) => rule.always)) out.push(following);
  return out;
}

/** `next` names a question that exists, and no path through the quiz comes back to a question. */
function checkBranching(r: Reader, questions: QuestionDef[]) {
  const at = (i: number) => `.questions[${i}]`;
  const index = new Map(questions.map((q, i) => [q.id, i]));
  questions.forEach((q, i) => {
    const where = at(i);
    q.options?.forEach((o, j) => {
      if (o.next !== undefined && o.next !== END && !index.has(o.next)) r.error(`${where}.options[${j}].next`, `no question "${o.next}" in this quiz (or "end")`);
    });
    if (typeof q.next === 'string' && q.next !== END && !index.has(q.next)) r.error(`${where}.next`, `no question "${q.next}" in this quiz (or "end")`);
    if (Array.isArray(q.next)) q.next.forEach((rule, j) => rule.to !== END && !index.has(rule.to) && r.error(`${where}.next[${j}].to`, `no question "${rule.to}" in this quiz (or "end")`));
  });
  if (r.failed) return;
  // Depth-first over the possible moves; a move back onto the current path is a loop.
  // The path is kept in a list, not on the call stack, which a quiz of a few thousand
  // questions overflows (#8). Each step holds a question and the moves left from it (a
  // first step leads to the first question: parseQuiz calls this only for a quiz with
  // questions); onPath says where a question sits in the path, false once it was left.
  const trail: [string, Next[]][] = [['', [questions[0]!.id]]];
  const onPath = new Map<string | undefined, number | false>();
  while (trail.length) {
    const [id, moves] = trail.at(-1)!;
    const to = moves.shift();
    const from = onPath.get(to);
    if (!to) onPath.set(trail.pop()![0], false);
    else if (from) return r.error(`${at(index.get(id)!)}.next`, `the branching loops: ${[...trail.slice(from).map(([step]) => step), to].join(' → ')}`);
    else if (to !== END && from === undefined) {
      const i = index.get(to)!;
      onPath.set(to, trail.length);
      trail.push([to, targets(questions[i]!, questions[i + 1]?.id ?? END)]);
    }
  }
}

function parseQuiz(raw: unknown, path: string, seen: Set<string>, scope: Scope): Quiz | undefined {
  const r = new Reader(path, createReport(scope.problems));
  if (!isRecord(raw)) return void r.error('', `expected a quiz object, got ${describe(raw)}`);
  checkKeys(raw, QUIZ_KEYS, path, r.report);
  const { id } = raw;
  if (typeof id !== 'string' || !ID.test(id)) r.error('.id', `expected an id of letters, digits, "-" and "_" (at most 64), got ${describe(id)}`);
  else if (seen.has(id)) r.error('.id', `duplicate quiz id "${id}"`);
  else seen.add(id);
  const quiz: Quiz = { id: id as string, path, start: r.text(raw.start, '.start'), questions: [], results: [] };
  const title = r.text(raw.title, '.title');
  const body = parseBody(r, raw.body, '.body');
  if (title !== undefined) quiz.title = title;
  if (body !== undefined) quiz.body = body;
  const repeat = r.number(raw.repeatAfterDays, '.repeatAfterDays', 0, 3650);
  if (repeat !== undefined) quiz.repeatAfterDays = repeat;
  const ids = new Set<string>();
  for (const [i, item] of r.list(raw.questions, '.questions', 'questions').entries()) {
    const question = parseQuestion(r, item, `.questions[${i}]`, scope);
    if (!question) {
      // A question that cannot be read leaves a hole in the branching: the quiz is skipped.
      r.failed = true;
      continue;
    }
    if (ids.has(question.id)) r.error(`.questions[${i}].id`, `duplicate question id "${question.id}"`);
    ids.add(question.id);
    quiz.questions.push(question);
  }
  // Every question was read (or the quiz failed), so their indices are the config's.
  if (!r.failed) checkBranching(r, quiz.questions);
  if (raw.results !== undefined && !Array.isArray(raw.results)) r.error('.results', `expected an array of result screens, got ${describe(raw.results)}`);
  ((Array.isArray(raw.results) ? raw.results : []) as unknown[]).forEach((item, i) => {
    const at = `.results[${i}]`;
    const input = r.object(item, at, ['when', 'title', 'body', 'image', 'cta']);
    if (!input) return void r.error(at, `expected a result { "when", "title", "body", "cta" }, got ${describe(item)}`);
    const content: QuizResult = {};
    const resultTitle = r.text(input.title, `${at}.title`);
    const resultBody = parseBody(r, input.body, `${at}.body`);
    const image = parseImage(r, input.image, `${at}.image`);
    const cta = parseAction(r, input.cta, `${at}.cta`);
    if (resultTitle !== undefined) content.title = resultTitle;
    if (resultBody !== undefined) content.body = resultBody;
    if (image) content.image = image;
    if (cta) content.cta = cta;
    if (input.when !== undefined && !isRecord(input.when)) return void r.error(`${at}.when`, `expected a condition over the answers, got ${describe(input.when)}`);
    quiz.results.push(input.when === undefined ? { content } : { test: compileWithin(r, input.when, `${at}.when`, scope), content });
  });
  return r.failed ? undefined : quiz;
}

/**
 * Validates the `quizzes` section (DESIGN §5): each problem with its JSON path; a quiz
 * with an error is skipped, and so are the campaigns that show it. A condition may name
 * only the config's valid `segments`, when they are given.
 */
export function parseQuizzes(config: Pick<Config, 'quizzes' | 'lists'> & Partial<Pick<Config, 'segments'>>, problems: Problem[], reads?: Set<string>): Quiz[] {
  const { quizzes: raw, lists, segments } = config;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ path: 'quizzes', message: `expected an array of quizzes, got ${describe(raw)}`, severity: 'error' });
    return [];
  }
  const seen = new Set<string>();
  const scope = { lists, problems, reads, segments: segments?.map((segment) => segment.id) };
  templateReads(raw, reads);
  return raw.flatMap((item, i) => parseQuiz(item, `quizzes[${i}]`, seen, scope) ?? []);
}
