import {
  answerQuiz,
  answersOnPath,
  backQuiz,
  checkAnswer,
  coerceQuizRecord,
  fillContent,
  questionView,
  quizAttributes,
  quizTraits,
  resultOf,
  startQuiz,
  stepOf,
  type Answer,
  type Quiz,
  type QuizContent,
  type QuizRecord,
  type QuizStep,
  type WidgetCallbacks,
} from '../core/index.js';
import type { KeyValueStore } from '../storage/index.js';

const KEY = 'quizzes';

export interface QuizRuntimeHost {
  quizzes: Quiz[];
  storage: KeyValueStore;
  now(): number;
  /** The current profile, for conditions and templates. */
  profile(): unknown;
  warn(message: string): void;
  announce(): void;
  /** Sets the traits of the options chosen; segments and campaigns re-check. */
  identify(traits: Record<string, unknown>): void;
  /** An answer changed the profile: segments and campaigns re-check. */
  changed(): void;
}

/** What the campaign runner asks of the quizzes of a page (the `quizzes` chunk). */
export interface QuizRuntime {
  /** Reads what is stored (again, after another tab changed it). */
  load(): Promise<void>;
  /** A quiz's record as on this page. */
  record(id: string): QuizRecord | undefined;
  /** `answers.<quizId>.<questionId>` for the profile. */
  answers(): Record<string, Record<string, Answer>>;
  /** The content a campaign shows for the quiz: its first screen, or where a half-answered one stopped; a preview's stores nothing. */
  content(id: string, preview?: boolean): QuizContent | undefined;
  /**
   * The widget's `answer` and `back` for a campaign showing quiz `id`; `emit` sends
   * `quiz_answer` and `quiz_complete` with the campaign's fields. A `preview` steps
   * through a record of its own: nothing stored, emitted or set as traits.
   */
  callbacks(id: string, emit: (name: string, extra: Record<string, unknown>) => void, preview?: boolean): Pick<WidgetCallbacks, 'answer' | 'back'>;
}

/**
 * The quizzes of a page: their records (in storage under `quizzes`, written after every
 * answer so a reload resumes), the screens the widget shows, templated with the profile
 * and the answers so far, and the checks on every answer the widget sends.
 */
/** Where a quiz offered now starts: a half-answered one where it stopped; a finished one over, its earlier answers there to prefill. */
const resumed = (quiz: Quiz, stored: QuizRecord | undefined) => (stored && stored.done === undefined ? stored : startQuiz(quiz, stored));

export function createQuizRuntime(host: QuizRuntimeHost): QuizRuntime {
  const byId = new Map(host.quizzes.map((q) => [q.id, q]));
  // A Map, not an object: a quiz may be called "constructor" or "toString" (#8).
  let state = new Map<string, QuizRecord>();

  const save = async (id: string, record: QuizRecord) => {
    state.set(id, record);
    try {
      await host.storage.update<Record<string, unknown>>(KEY, (stored) => ({ ...(stored && typeof stored === 'object' ? stored : {}), [id]: record }));
      host.announce();
    } catch (error) {
      host.warn(`quiz "${id}" could not be stored: ${String(error)}`);
    }
  };

  /**
   * A record as the widget's screen, its text templated with the profile and the answers
   * along the way taken. `traits` just chosen are in it already: the profile gets them a
   * moment later, and a result screen may depend on them.
   */
  const view = (quiz: Quiz, record: QuizRecord, traits?: Record<string, unknown>): QuizStep => {
    const base = host.profile() as { traits?: Record<string, unknown> } | undefined;
    // A trait taken back is undefined here, as a condition reads a missing one.
    const profile = traits && base ? { ...base, traits: { ...base.traits, ...traits } } : base;
    const attributes = quizAttributes(profile, quiz.id, answersOnPath(record));
    const step = stepOf(quiz, record, profile);
    if ('done' in step) return { done: true, result: fillContent(resultOf(quiz, attributes), () => attributes) };
    const { question, ...rest } = step;
    return { ...rest, question: fillContent(questionView(question), () => attributes) };
  };

  return {
    async load() {
      const stored = await host.storage.get<unknown>(KEY).catch(() => undefined);
      const next = new Map<string, QuizRecord>();
      if (stored && typeof stored === 'object') {
        for (const [id, raw] of Object.entries(stored)) {
          const record = coerceQuizRecord(raw);
          if (record) next.set(id, record);
        }
      }
      state = next;
    },
    record: (id) => state.get(id),
    answers: () => Object.fromEntries([...state].map(([id, record]) => [id, answersOnPath(record)])),
    content(id, preview) {
      const quiz = byId.get(id);
      if (!quiz) return undefined;
      const record = resumed(quiz, state.get(id));
      // A preview starts from the same place, but on a copy of its own (see callbacks).
      if (!preview) state.set(id, record);
      const intro = fillContent({ title: quiz.title, body: quiz.body }, () => host.profile());
      return { kind: 'quiz', quizId: id, start: quiz.start, step: view(quiz, record), ...(intro.title !== undefined && { title: intro.title }), ...(intro.body !== undefined && { body: intro.body }) };
    },
    callbacks(id, emit, preview = false) {
      const quiz = byId.get(id)!;
      let own = preview ? resumed(quiz, state.get(id)) : undefined;
      const current = () => own ?? state.get(id) ?? startQuiz(quiz);
      /**
       * The traits of the answers along the way taken: the options of every question
       * answered set theirs or take them back, so a choice changed, or a branch left by Back
       * or by another choice, takes its traits with it. Questions not yet answered touch
       * nothing (a trait the store set stays until the visitor answers).
       */
      const traitsOf = (record: QuizRecord) =>
        quizTraits(
          // Own keys only: a question may be called "constructor" (#8).
          quiz.questions.filter((q) => Object.hasOwn(record.answers, q.id)),
          answersOnPath(record),
        );
      /** Tells the host what a step changed in the traits (or, with none, that the answers did). */
      const tell = (before: QuizRecord, after: Record<string, unknown>) => {
        const was = traitsOf(before);
        const changed = Object.fromEntries(Object.entries(after).filter(([key, value]) => !(key in was) || was[key] !== value));
        if (Object.keys(changed).length > 0) host.identify(changed);
        else host.changed();
      };
      const keep = (record: QuizRecord) => {
        if (own) own = record;
        else void save(id, record);
      };
      return {
        answer(questionId, value) {
          const record = current();
          // Only the question on screen: a stale screen (two campaigns showing one quiz)
          // answering a later question would finish the quiz past the required ones.
          const step = stepOf(quiz, record, host.profile());
          const question = 'done' in step ? undefined : step.question;
          const checked = question?.id === questionId ? checkAnswer(question, value) : { error: 'not the question shown' };
          if (!question || checked.error !== undefined) {
            host.warn(`quiz "${id}", question "${questionId}": ${checked.error}; not recorded.`);
            return view(quiz, record);
          }
          if (checked.cut) host.warn(`quiz "${id}", question "${questionId}": the answer was cut to ${checked.cut} characters.`);
          const next = answerQuiz(quiz, record, questionId, checked.answer, host.profile(), host.now());
          keep(next);
          const traits = traitsOf(next);
          if (own) return view(quiz, next, traits);
          // An email address stays in the browser (answers.*), as a form's values stay out of
          // its submit event: events go on to analytics (GA4 takes no personal data).
          const isEmail = (q: string) => quiz.questions.some((x) => x.id === q && x.type === 'email');
          emit('quiz_answer', { quizId: id, questionId, ...(!isEmail(questionId) && { answer: checked.answer ?? null }) });
          if (next.done !== undefined) emit('quiz_complete', { quizId: id, answers: Object.fromEntries(Object.entries(next.answers).filter(([q]) => !isEmail(q))) });
          // The answers and the traits re-check segments and campaigns at once.
          tell(record, traits);
          return view(quiz, next, traits);
        },
        back() {
          const before = current();
          const record = backQuiz(before);
          keep(record);
          const traits = traitsOf(record);
          // Back leaves the question it came from: what its answer set goes, and segments
          // and campaigns that read it see so at once.
          if (!own) tell(before, traits);
          return view(quiz, record, traits);
        },
      };
    },
  };
}
