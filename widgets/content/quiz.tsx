import { Component } from 'preact';
import type { ComponentChildren } from 'preact';
import type { QuizContent, QuizQuestion, QuizResult, QuizStep, Strings } from '../../sdk/core/index.js';
// Straight from the files: through index.ts esbuild would tie this chunk to the mount's.
import { Heading, richText, say } from '../shared/Heading.js';
import { trapTab } from '../shared/index.js';
import type { ContentProps } from '../shared/mountWidget.js';

type Asked = Extract<QuizStep, { question: QuizQuestion }>;

interface State {
  step: QuizStep;
  error?: string;
  /** In a bar: the quiz's own dialog is open. */
  open?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * Why `given` does not answer `q`, or undefined when it does. `given` is the trimmed text
 * of a text or email question and the picked values of any other; `t`, the store's words.
 */
export function answerError(q: QuizQuestion, given: string | string[], t?: Strings): string | undefined {
  const [min = 1, max = Infinity] = q.type == 'multiple' ? [q.min, q.max] : [];
  const least = say(t, 'chooseAtLeast', 'Choose at least {n}', { n: min });
  if (!given.length) return q.required ? (min > 1 ? least : say(t, 'answerRequired', 'Please answer this question')) : undefined;
  if (given.length < min) return least;
  if (given.length > max) return say(t, 'chooseAtMost', 'Choose at most {n}', { n: max });
  // 254 characters is the longest address SMTP carries, and all the runtime records.
  if (q.type == 'email' && !(given.length < 255 && EMAIL.test(given as string))) return say(t, 'email', 'Enter an email address like name@example.com');
}

/**
 * A button's second click of a double click: the screen it answered is gone, and the
 * click would land on the next screen's button in its place (answering what was not seen).
 */
const again = (e: MouseEvent) => e.detail > 1;

/** The words at the two ends of a scale: NPS has its own by default, stars only those given. */
const ends = (q: QuizQuestion, t?: Strings) =>
  q.scale == 'nps' ? [q.lowLabel || say(t, 'notLikely', 'Not likely'), q.highLabel || say(t, 'veryLikely', 'Very likely')] : [q.lowLabel, q.highLabel];

/** A choice question's options: value, what its label shows, and its name when that is not what it shows. */
function options(q: QuizQuestion, t?: Strings): [string, ComponentChildren, string?][] {
  if (q.type != 'rating')
    return (q.options || []).map((o) => [o.value, q.type == 'image' && o.image ? [<img src={o.image.src} alt={o.image.alt} />, o.label] : o.label]);
  const [low, high] = ends(q, t);
  if (q.scale != 'nps') {
    return [1, 2, 3, 4, 5].map((n) => ['' + n, '★', say(t, 'stars', '{n} of 5 stars', { n }) + (n == 1 && low ? ', ' + low : n == 5 && high ? ', ' + high : '')]);
  }
  return [...Array(11).keys()].map((n) => ['' + n, n, n == 0 ? '0, ' + low : n == 10 ? '10, ' + high : undefined]);
}

class Quiz extends Component<ContentProps, State> {
  override state: State = { step: (this.props.content as QuizContent).step };
  /** What focus moves to when the screen changes: the question's legend or label, or the result's title. */
  declare head: HTMLElement | null;
  declare start: HTMLElement | null;
  declare dialog: HTMLDialogElement | null;

  // The screen is replaced under the visitor's focus; moving focus to its heading keeps
  // it in the widget and has a screen reader announce the new question.
  go = (step: QuizStep) => this.setState({ step, error: undefined }, () => this.head?.focus());

  setHead = (el: HTMLElement | null) => void (this.head = el);

  shut = (e?: Event) => {
    e?.preventDefault();
    this.setState({ open: false }, () => this.start?.focus());
  };

  next(form: HTMLFormElement, q: QuizQuestion) {
    const controls = [...form.querySelectorAll<HTMLInputElement>('input,textarea')];
    const given =
      q.type == 'text' || q.type == 'email' ? (controls[0]?.value.trim() ?? '') : controls.filter((c) => c.checked).map((c) => c.value);
    const error = answerError(q, given, this.props.t);
    if (error) return this.setState({ error }, () => controls[0]?.focus());
    const value = !given.length ? null : typeof given == 'string' || q.type == 'multiple' ? given : q.type == 'rating' ? +given[0]! : given[0]!;
    this.go(this.props.callbacks.answer!(q.id, value));
  }

  question({ question: q, answer, number, total }: Asked, error?: string) {
    const { id, callbacks, t } = this.props;
    const aria = {
      'aria-invalid': !!error,
      'aria-describedby': [q.help && id + 'h', error && id + 'e'].filter(Boolean).join(' ') || undefined,
    };
    const help = q.help && (
      <p id={id + 'h'} class="h">
        {q.help}
      </p>
    );
    const before = answer == null ? [] : ([] as unknown[]).concat(answer).map(String);
    const scale = q.type == 'rating' && (q.scale == 'nps' ? 'z np' : 'z st');
    return (
      // Keyed, so the controls of one question never keep the state of the previous one.
      <form
        key={q.id}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          this.next(e.currentTarget, q);
        }}
      >
        <p class="pg" id={id + 'p'}>
          {say(t, 'progress', 'Question {n} of {total}', { n: number, total })}
          <progress aria-hidden="true" value={number} max={total} />
        </p>
        {q.type == 'text' || q.type == 'email' ? (
          <>
            <label for={id + 'c'} class="lg" tabIndex={-1} ref={this.setHead} aria-describedby={id + 'p'}>
              {q.text}
            </label>
            {help}
            {q.type == 'text' ? (
              <textarea id={id + 'c'} maxLength={q.maxLength ?? 500} required={q.required} defaultValue={before[0]} {...aria} />
            ) : (
              <input id={id + 'c'} type="email" autocomplete="email" maxLength={254} required={q.required} defaultValue={before[0]} {...aria} />
            )}
          </>
        ) : (
          <fieldset {...aria}>
            <legend class="lg" tabIndex={-1} ref={this.setHead} aria-describedby={id + 'p'}>
              {q.text}
            </legend>
            {help}
            <div class={'ch ' + (scale || (q.type == 'image' ? 'im' : ''))}>
              {options(q, t).map(([value, shown, name]) => (
                <label class="c">
                  <input
                    type={q.type == 'multiple' ? 'checkbox' : 'radio'}
                    name={id + 'a'}
                    value={value}
                    defaultChecked={before.includes(value)}
                    required={q.required && q.type != 'multiple'}
                    aria-label={name}
                  />
                  <span aria-hidden={!!name || undefined}>{shown}</span>
                </label>
              ))}
            </div>
            {(scale == 'z np' || q.lowLabel || q.highLabel) && (
              <p class="en" aria-hidden="true">
                {ends(q, t).map((end) => (
                  <span>{end}</span>
                ))}
              </p>
            )}
          </fieldset>
        )}
        {error && (
          <p id={id + 'e'} class="er" role="alert">
            {error}
          </p>
        )}
        <p class="nv">
          {number > 1 && (
            <button type="button" class="bk" onClick={(e) => again(e) || this.go(callbacks.back!())}>
              {say(t, 'back', 'Back')}
            </button>
          )}
          <button type="submit" class="cta" onClick={(e) => again(e) && e.preventDefault()}>
            {number == total ? say(t, 'finish', 'Finish') : say(t, 'next', 'Next')}
          </button>
        </p>
      </form>
    );
  }

  result({ title, image, body, cta }: QuizResult) {
    const cb = this.props.callbacks;
    return (
      <>
        <h2 tabIndex={-1} ref={this.setHead}>
          {title || say(this.props.t, 'thanks', 'Thanks for your answers!')}
        </h2>
        {image && <img class="ri" src={image.src} alt={image.alt} />}
        {body && <p>{richText(body, cb)}</p>}
        {cta &&
          (cta.href ? (
            <a class="cta" href={cta.href} onClick={() => cb.click('cta', cta.href)}>
              {cta.label}
            </a>
          ) : (
            <button
              type="button"
              class="cta"
              onClick={() => {
                cb.click('cta');
                cb.dismiss();
              }}
            >
              {cta.label}
            </button>
          ))}
      </>
    );
  }

  render({ content, callbacks, id, type, t }: ContentProps, { step, error, open }: State) {
    const c = content as QuizContent;
    const done = 'done' in step;
    // The body introduces the questions; the result replaces it.
    const quiz = (titleId: string) => [
      <Heading c={done ? { title: c.title } : c} cb={callbacks} id={titleId} />,
      done ? this.result(step.result) : this.question(step, error),
    ];
    if (type != 'bar') return quiz(id);
    // A bar has room for a title and a button; the quiz opens in its own modal dialog. Once
    // the quiz is done, the button shows its result again.
    const start = done ? say(t, 'result', 'See your result') : c.start || say(t, 'start', 'Start the quiz');
    return (
      <>
        {c.title && <h2 id={id}>{c.title}</h2>}
        <button
          type="button"
          class="cta"
          ref={(el) => void (this.start = el)}
          onClick={() =>
            this.setState({ open: true }, () => {
              // The guard is for test DOMs, as in popup.tsx.
              this.dialog?.showModal?.();
              this.head?.focus();
            })
          }
        >
          {start}
        </button>
        {open && (
          // Escape and its × close only this dialog: the campaign stays, and the bar's own × dismisses it.
          <dialog
            class="d"
            role="dialog"
            aria-modal="true"
            aria-labelledby={c.title ? id + 't' : undefined}
            aria-label={c.title ? undefined : start}
            ref={(el) => void (this.dialog = el)}
            onCancel={this.shut}
            onKeyDown={(e) => (e.key == 'Escape' ? this.shut(e) : trapTab(e))}
          >
            <button type="button" class="x" aria-label={say(t, 'close', 'Close')} onClick={() => this.shut()}>
              ×
            </button>
            {quiz(id + 't')}
          </dialog>
        )}
      </>
    );
  }
}

/** The `quiz` kind: one question at a time, as the runtime steps through them, then the result. */
export const Content = (p: ContentProps) => <Quiz {...p} />;

Content.css =
  // Headings take focus only to be announced; a ring would make them look operable.
  '[tabindex="-1"]{outline:0}' +
  // Clear of the close button, as the title is, when it is the first line (a quiz without a title).
  '.pg{display:flex;align-items:center;gap:8px;margin-right:28px;font-size:.875em}' +
  'progress{flex:1;height:6px;accent-color:var(--bk-accent)}' +
  'fieldset{min-width:0;margin:0;padding:0;border:0}' +
  '.lg{display:block;margin:0 0 8px;padding:0;font-weight:600}' +
  '.h{margin:-4px 0 8px;font-size:.9em}' +
  '.ch{display:grid;gap:8px}' +
  '.c{display:flex;gap:10px;align-items:center;min-height:44px;padding:8px 12px;border:1px solid var(--bk-line);border-radius:calc(var(--bk-radius)/2);cursor:pointer}' +
  '.c:has(:checked){border-color:var(--bk-accent);box-shadow:inset 0 0 0 1px var(--bk-accent)}' +
  '.c input{flex:none;width:20px;height:20px;margin:0;accent-color:var(--bk-accent)}' +
  '.im{grid-template-columns:repeat(auto-fill,minmax(120px,1fr))}' +
  '.im .c{flex-wrap:wrap}' +
  'img{display:block;max-width:100%;height:auto;border-radius:4px}' +
  '.ri{margin:0 0 12px}' +
  '.z{display:flex;flex-wrap:wrap;gap:4px}' +
  '.z .c{position:relative;flex:1 0 28px;padding:0;border:0;box-shadow:none}' +
  '.z input{position:absolute;opacity:0}' +
  '.z span{flex:1;padding:10px 0;border:1px solid var(--bk-line);border-radius:4px;text-align:center}' +
  // The picked value's edge in the text colour: it stands out on any card, whatever the accent.
  '.z :checked+span{border-color:var(--bk-text);background:var(--bk-accent);color:var(--bk-on)}' +
  '.z :focus-visible+span{outline:2px solid var(--bk-text);outline-offset:2px}' +
  // A scale that wraps (0–10 in a narrow card) keeps one width for every value.
  '.np{display:grid;grid-template-columns:repeat(auto-fit,minmax(28px,1fr))}' +
  '.st .c{flex:none}' +
  '.st span{padding:0 6px;border:0;font-size:1.75em;line-height:1.4;color:var(--bk-line)}' +
  // Lit stars are the accent outlined in the colour that reads on it (black around a light
  // accent, white around a dark one): a yellow star on a white card keeps a visible edge.
  '.st :checked+span{background:none;color:var(--bk-accent);-webkit-text-stroke:1px var(--bk-on)}' +
  // Stars up to the picked one light up where :has() is supported; elsewhere only the picked one.
  '.st .c:has(~.c :checked) span{color:var(--bk-accent);-webkit-text-stroke:1px var(--bk-on)}' +
  // Forced colours drop the accent: the picked value, and the stars up to it, take the
  // system's highlight instead (after the rules above, which would win otherwise; in :is(),
  // whose list is forgiving, so a browser without :has() keeps the rest).
  '@media(forced-colors:active){:is(.z :checked+span,.st :checked+span,.st .c:has(~.c :checked) span){forced-color-adjust:none;background:Highlight;color:HighlightText;-webkit-text-stroke:0}}' +
  '.en{display:flex;justify-content:space-between;margin:4px 0 0;font-size:.875em}' +
  'input[type=email],textarea{display:block;width:100%;padding:8px 10px;border:1px solid var(--bk-line);border-radius:4px;background:var(--bk-bg);color:inherit;font:inherit}' +
  'textarea{min-height:96px;resize:vertical}' +
  '[aria-invalid=true]{border-color:var(--bk-err)}' +
  '.er{margin:8px 0 0;color:var(--bk-err);font-size:.9em}' +
  '.nv{display:flex;justify-content:flex-end;gap:8px;margin:16px 0 0}' +
  '.bk{margin-inline-end:auto;padding:9px 17px;border:1px solid;border-radius:var(--bk-radius);background:none;color:inherit;font:600 1em/1.2 var(--bk-font);cursor:pointer}' +
  // In the bar's top layer, centred: `dialog.d` outweighs the bar's `.b>*{margin:0}`.
  'dialog.d{width:calc(100% - 32px);max-width:440px;margin:auto;padding:20px;border:0;border-radius:var(--bk-radius);background:var(--bk-bg);color:var(--bk-text);font:medium/1.45 var(--bk-font);box-shadow:0 4px 24px #0003;animation:bk .2s ease-out}' +
  '.d::backdrop{background:#0009}';
