import { Component } from 'preact';
import type { FormContent, FormField, FormValues, Strings } from '../../sdk/core/index.js';
// Straight from the file: through index.ts esbuild would tie this chunk to the mount's.
import { Heading, say } from '../shared/Heading.js';
import type { ContentProps } from '../shared/mountWidget.js';

interface State {
  /** Error message per field index. */
  errors?: (string | undefined)[];
  busy?: boolean;
  /** Sent: true, or the success message filled with what the visitor just gave. */
  done?: boolean | string;
  failed?: boolean;
  /** Sends refused for errors: a new one puts the alerts in again, so they are read again. */
  tries?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Why `value` is not acceptable for `f`, or undefined when it is; `t`, the store's words. */
export function fieldError(f: FormField, value: string | boolean, t?: Strings): string | undefined {
  if (!value) return f.required ? (value === false ? say(t, 'tickRequired', 'Please tick this box to continue') : say(t, 'required', 'This field is required')) : undefined;
  if (f.type == 'email' && !EMAIL.test(value as string)) return say(t, 'email', 'Enter an email address like name@example.com');
  // Digits of any script (Arabic-Indic, Persian…), and the separators people write (030/1234567).
  // Full-width forms (a Japanese keyboard's ０９０－１２３４) read as their ASCII ones.
  if (f.type == 'tel' && !(/^[\p{Nd}\s+()./-]+$/u.test((value as string).normalize('NFKC')) && (value as string).replace(/\P{Nd}/gu, '').length > 5))
    return say(t, 'phone', 'Enter a phone number with at least 6 digits');
}

const focus = (el: HTMLElement | null) => el?.focus();

function field(f: FormField, id: string, error: string | undefined, tries?: number, t?: Strings) {
  const box = f.type == 'checkbox' || f.type == 'consent';
  const attrs = {
    id,
    name: f.name,
    required: f.required,
    'aria-required': f.required,
    'aria-invalid': !!error,
    'aria-describedby': error && id + 'e',
  };
  const label = (
    <label for={id}>
      {f.label}
      {f.required && <span aria-hidden="true"> *</span>}
    </label>
  );
  const control = box ? (
    <input type="checkbox" {...attrs} />
  ) : f.type == 'select' ? (
    <select {...attrs}>
      <option value="">{say(t, 'choose', 'Choose…')}</option>
      {f.options?.map((o) => <option value={o.value}>{o.label}</option>)}
    </select>
  ) : (
    // A trait keeps 2,000 characters: the field takes no more, so the store gets what it keeps.
    <input type={f.type as 'text'} autocomplete={f.type == 'text' ? undefined : f.type} maxLength={2000} {...attrs} />
  );
  return (
    <div class={box ? 'f k' : 'f'}>
      {box ? [control, label] : [label, control]}
      {error && (
        <span key={tries} id={id + 'e'} class="er" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

class Form extends Component<ContentProps, State> {
  /** Set at once, where `busy` waits for a render: two submits in one task send once. */
  declare sending: boolean;
  async send(form: HTMLFormElement) {
    const { content, callbacks, t } = this.props;
    if (this.sending) return;
    const values: FormValues = {};
    // One control per field, in order, so form.elements[i] belongs to fields[i].
    const controls = form.elements as unknown as HTMLInputElement[];
    const errors = (content as FormContent).fields.map((f, i) => {
      const el = controls[i]!;
      return fieldError(f, (values[f.name] = el.type == 'checkbox' ? el.checked : el.value.trim()), t);
    });
    const invalid = controls[errors.findIndex(Boolean)];
    if (invalid) return this.setState({ errors, failed: false, tries: (this.state.tries ?? 0) + 1 }, () => invalid.focus());
    this.setState({ errors, busy: (this.sending = true), failed: false });
    try {
      this.setState({ done: (await callbacks.submit(values)) ?? true });
    } catch {
      this.setState({ busy: (this.sending = false), failed: true });
    }
  }

  render({ content, callbacks, id, t }: ContentProps, { errors = [], busy, done, failed, tries }: State) {
    const c = content as FormContent;
    return (
      <>
        <Heading c={c} cb={callbacks} id={id} />
        {done ? (
          // Focused because the button that sent it is gone; the visitor was already here.
          <p role="status" tabIndex={-1} ref={focus}>
            {done === true ? c.submit.successMessage : done}
          </p>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void this.send(e.currentTarget);
            }}
            // A flagged field put right stops reading as wrong as the visitor puts it right
            // (not as they leave it: the message going would move the button they press).
            onInput={(e) => {
              const el = e.target as HTMLInputElement;
              const i = [...e.currentTarget.elements].indexOf(el);
              const f = c.fields[i];
              if (f && errors[i] && !fieldError(f, el.type == 'checkbox' ? el.checked : el.value.trim(), t)) this.setState({ errors: errors.map((x, j) => (j == i ? undefined : x)) });
            }}
          >
            {c.fields.map((f, i) => field(f, id + '-' + i, errors[i], tries, t))}
            {failed && (
              <p class="er" role="alert">
                {say(t, 'failed', 'Something went wrong. Please try again.')}
              </p>
            )}
            <button type="submit" class="cta" disabled={busy}>
              {c.submit.label}
            </button>
          </form>
        )}
      </>
    );
  }
}

/** The `form` kind: labelled fields, validated on submit, then the success message. */
export const Content = (p: ContentProps) => <Form {...p} />;

Content.css =
  '.f{margin:0 0 12px}' +
  'label{display:block;margin:0 0 4px;font-weight:600}' +
  'input,select{display:block;width:100%;padding:8px 10px;border:1px solid var(--bk-line);border-radius:4px;background:var(--bk-bg);color:inherit;font:inherit}' +
  // A box's error goes under its row, not beside its label.
  '.k{display:flex;flex-wrap:wrap;gap:0 8px;align-items:flex-start}.k label{flex:1}.k .er{flex-basis:100%}' +
  '.k input{flex:none;width:20px;height:20px;margin:2px 0 0;accent-color:var(--bk-accent)}' +
  '.k label{margin:0;font-weight:400}' +
  '[aria-invalid=true]{border-color:var(--bk-err)}' +
  '.er{display:block;margin:4px 0 12px;color:var(--bk-err);font-size:.9em}';
