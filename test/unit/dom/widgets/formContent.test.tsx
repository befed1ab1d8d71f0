import { afterEach, describe, expect, it } from 'vitest';
import type { FormContent, FormField, FormValues } from '../../../../sdk/core/index.js';
import { fieldError } from '../../../../widgets/content/form.js';
import { cleanup, expectNoInlineStyles, flush, showWidget } from './showWidget.js';

afterEach(cleanup);

const fields: FormField[] = [
  { name: 'email', type: 'email', label: 'Email', required: true },
  { name: 'firstName', type: 'text', label: 'First name', required: false },
  { name: 'phone', type: 'tel', label: 'Phone', required: false },
  { name: 'size', type: 'select', label: 'Size', required: true, options: [{ value: 's', label: 'Small' }, { value: 'm', label: 'Medium' }] },
  { name: 'news', type: 'checkbox', label: 'Send me news', required: false },
  { name: 'terms', type: 'consent', label: 'I accept the privacy policy', required: true },
];
const content: FormContent = { kind: 'form', title: 'Join the club', body: ['Get ', { b: ['10%'] }, ' off'], fields, submit: { label: 'Sign up', successMessage: 'Welcome aboard!' } };

function showForm(type: 'popup' | 'bar' | 'message' | 'inline' = 'inline', submit?: (values: FormValues) => Promise<void>) {
  const widget = showWidget({ type, content }, submit ? { submit } : {});
  const control = <E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(name: string) =>
    widget.root.querySelector(`[name="${name}"]`) as E;
  const fill = (values: Record<string, string | boolean>) => {
    for (const [name, value] of Object.entries(values)) {
      const el = control(name);
      if (typeof value == 'boolean') (el as HTMLInputElement).checked = value;
      else el.value = value;
    }
  };
  const send = async () => {
    widget.$<HTMLButtonElement>('button[type=submit]').click();
    await flush();
  };
  /** Each invalid field: its name, aria-describedby target's text. */
  const errors = () =>
    [...widget.root.querySelectorAll('[aria-invalid=true]')].map(
      (el) => `${el.getAttribute('name')}: ${widget.root.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent}`,
    );
  return { ...widget, control, fill, send, errors };
}

describe('form content', () => {
  it('labels every field and marks the required ones', () => {
    const { root, control } = showForm();
    const rows = fields.map((f) => {
      const el = control(f.name);
      const label = root.querySelector(`label[for="${el.id}"]`);
      return [f.name, el.tagName.toLowerCase(), el.getAttribute('type'), label?.textContent, el.required, el.getAttribute('aria-required')];
    });
    expect(rows).toEqual([
      ['email', 'input', 'email', 'Email *', true, 'true'],
      ['firstName', 'input', 'text', 'First name', false, 'false'],
      ['phone', 'input', 'tel', 'Phone', false, 'false'],
      ['size', 'select', null, 'Size *', true, 'true'],
      ['news', 'input', 'checkbox', 'Send me news', false, 'false'],
      ['terms', 'input', 'checkbox', 'I accept the privacy policy *', true, 'true'],
    ]);
    expect(root.querySelector('form')?.noValidate).toBe(true);
    expect(root.querySelector('label span')?.getAttribute('aria-hidden')).toBe('true');
    expectNoInlineStyles(root);
  });

  it('offers an empty choice first in a select', () => {
    const { control } = showForm();
    expect([...control<HTMLSelectElement>('size').options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Choose…'],
      ['s', 'Small'],
      ['m', 'Medium'],
    ]);
  });

  it('flags every invalid field, focuses the first, and sends nothing', async () => {
    const { root, events, fill, send, errors } = showForm();
    fill({ phone: '12-34' });
    await send();
    expect(errors()).toEqual([
      'email: This field is required',
      'phone: Enter a phone number with at least 6 digits',
      'size: This field is required',
      'terms: Please tick this box to continue',
    ]);
    expect([...root.querySelectorAll('.er')].map((el) => el.getAttribute('role'))).toEqual(['alert', 'alert', 'alert', 'alert']);
    expect((root.activeElement as HTMLInputElement | null)?.name).toBe('email');
    expect(events).toEqual([]);
  });

  it('clears the messages of fields that were fixed', async () => {
    const { fill, send, errors, control } = showForm();
    await send();
    fill({ email: 'ada@example', size: 'm', terms: true });
    await send();
    expect(errors()).toEqual(['email: Enter an email address like name@example.com']);
    expect(control('size').hasAttribute('aria-describedby')).toBe(false);
  });

  it('sends trimmed strings and booleans, then shows the success message in its place', async () => {
    const { root, events, fill, send, $ } = showForm('popup');
    fill({ email: '  ada@example.com ', size: 'm', terms: true, phone: '+44 (20) 7946-0958' });
    await send();
    expect(events).toEqual([
      'submit {"email":"ada@example.com","firstName":"","phone":"+44 (20) 7946-0958","size":"m","news":false,"terms":true}',
    ]);
    expect(root.querySelector('form')).toBeNull();
    expect($('[role=status]').textContent).toBe('Welcome aboard!');
    expect(root.activeElement).toBe($('[role=status]'));
    expect($('h2').textContent).toBe('Join the club');
  });

  it('disables the button while sending and offers a retry when sending fails', async () => {
    let reject!: (error: Error) => void;
    const { root, fill, send, $ } = showForm('message', () => new Promise((_, no) => (reject = no)));
    fill({ email: 'ada@example.com', size: 's', terms: true });
    await send();
    const button = $<HTMLButtonElement>('button[type=submit]');
    expect(button.disabled).toBe(true);
    reject(new Error('offline'));
    await flush();
    expect(button.disabled).toBe(false);
    expect(root.querySelector('form [role=alert]')?.textContent).toBe('Something went wrong. Please try again.');
    expect(root.querySelector('[role=status]')).toBeNull();
  });

  it('ignores a second submit while the first is pending', async () => {
    const calls: FormValues[] = [];
    const { fill, send } = showForm('inline', (values) => (calls.push(values), new Promise(() => {})));
    fill({ email: 'ada@example.com', size: 's', terms: true });
    await send();
    await send();
    expect(calls).toHaveLength(1);
  });

  it('keeps text in labels and messages as text', () => {
    const html = '<img src=x onerror=alert(1)>';
    const { root } = showWidget({
      type: 'inline',
      content: { kind: 'form', title: html, fields: [{ name: 'a', type: 'text', label: html, required: false }], submit: { label: html, successMessage: html } },
    });
    expect(root.querySelector('img,[onerror]')).toBeNull();
    expect([root.querySelector('h2')?.textContent, root.querySelector('label')?.textContent, root.querySelector('button[type=submit]')?.textContent]).toEqual([html, html, html]);
  });
});

describe('fieldError', () => {
  const field = (type: FormField['type'], required = false): FormField => ({ name: 'f', type, label: 'F', required });
  it.each<[FormField, string | boolean, string | undefined]>([
    [field('text'), '', undefined],
    [field('text', true), '', 'This field is required'],
    [field('text', true), 'x', undefined],
    [field('email'), '', undefined],
    [field('email'), 'ada@example.com', undefined],
    [field('email'), 'ada.lovelace+news@mail.example.co.uk', undefined],
    [field('email'), 'ada@example', 'Enter an email address like name@example.com'],
    [field('email'), 'ada example.com', 'Enter an email address like name@example.com'],
    [field('email'), 'ada@@example.com', 'Enter an email address like name@example.com'],
    [field('tel'), '+44 (20) 7946-0958', undefined],
    [field('tel'), '123456', undefined],
    [field('tel'), '555.123.4567', undefined],
    [field('tel'), '12345', 'Enter a phone number with at least 6 digits'],
    [field('tel'), '12345a6', 'Enter a phone number with at least 6 digits'],
    [field('select', true), '', 'This field is required'],
    [field('select', true), 'm', undefined],
    [field('checkbox'), false, undefined],
    [field('consent', true), false, 'Please tick this box to continue'],
    [field('consent', true), true, undefined],
  ])('%o with %o: %s', (f, value, expected) => {
    expect(fieldError(f, value)).toBe(expected);
  });
});
