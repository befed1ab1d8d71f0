import { afterEach, describe, expect, it } from 'vitest';
import type { FormContent, MessageContent } from '../../../../sdk/core/index.js';
import { cleanup, expectNoInlineStyles, press, showWidget } from './showWidget.js';

afterEach(cleanup);

const message: MessageContent = {
  kind: 'message',
  title: 'Still thinking?',
  body: ['Your cart is saved.'],
  cta: { label: 'Back to cart', href: '/cart' },
  secondary: { label: 'No thanks' },
};
const form: FormContent = {
  kind: 'form',
  title: 'Join',
  fields: [{ name: 'email', type: 'email', label: 'Email', required: true }],
  submit: { label: 'Sign up', successMessage: 'Thanks!' },
};

const focused = (root: ShadowRoot) => root.activeElement as HTMLElement | null;
const describeFocus = (el: HTMLElement | null) => (el ? `${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}` : 'none');

describe('popup', () => {
  it('opens a modal dialog labelled by the title', () => {
    const { $, root } = showWidget({ content: message });
    const dialog = $<HTMLDialogElement>('dialog');
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe($('h2').id);
    expect(dialog.hasAttribute('aria-label')).toBe(false);
    expectNoInlineStyles(root);
  });

  it('names an untitled dialog with aria-label', () => {
    const { $ } = showWidget({ content: { kind: 'message', body: ['Hello'] } });
    expect($('dialog').getAttribute('aria-label')).toBe('Announcement');
    expect($('dialog').hasAttribute('aria-labelledby')).toBe(false);
  });

  it('has a labelled close button that dismisses', () => {
    const { $, events } = showWidget({ content: message });
    const close = $<HTMLButtonElement>('button.x');
    expect([close.type, close.getAttribute('aria-label'), close.textContent]).toEqual(['button', 'Close', '×']);
    close.click();
    expect(events).toEqual(['dismiss']);
  });

  it.each([
    ['a message with actions', message, 'a.cta'],
    ['a form', form, 'input'],
    ['a message without controls', { kind: 'message', title: 'Hi' } as MessageContent, 'button.x'],
  ])('moves focus into the dialog: %s', (_, content, expected) => {
    const { host, root } = showWidget({ content });
    expect(document.activeElement).toBe(host);
    expect(describeFocus(focused(root))).toBe(expected);
  });

  it('wraps Tab and Shift+Tab inside the dialog', () => {
    const { $, root } = showWidget({ content: message });
    const log: string[] = [];
    const tab = (shiftKey = false) => {
      const event = press(focused(root)!, 'Tab', { shiftKey });
      log.push(`${event.defaultPrevented ? 'wrap' : 'pass'} to ${describeFocus(focused(root))}`);
    };
    $<HTMLElement>('button.s').focus();
    tab();
    $<HTMLElement>('button.x').focus();
    tab(true);
    $<HTMLElement>('a.cta').focus();
    tab(true);
    expect(log).toEqual(['wrap to button.x', 'wrap to button.s', 'pass to a.cta']);
  });

  it('calls dismiss once for Escape, whether it arrives as keydown, cancel or both', () => {
    const { $, root, events } = showWidget({ content: message });
    const escape = press(focused(root)!, 'Escape');
    const cancel = new Event('cancel', { cancelable: true });
    $('dialog').dispatchEvent(cancel);
    expect([escape.defaultPrevented, cancel.defaultPrevented, $<HTMLDialogElement>('dialog').open]).toEqual([true, true, true]);
    expect(events).toEqual(['dismiss']);
  });

  it('dismisses on a click on the backdrop, not inside the card or on a drag between them', () => {
    const { $, events } = showWidget({ content: message });
    const dialog = $('dialog');
    // As a browser does: the click goes to the nearest element holding both press and release.
    const click = (down: Element, up: Element) => {
      down.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      up.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      const target = down === up || down.contains(up) ? down : up.contains(down) ? up : dialog;
      target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    };
    click($('p'), $('p'));
    click($('p'), dialog);
    click(dialog, $('p'));
    expect(events).toEqual([]);
    click(dialog, dialog);
    expect(events).toEqual(['dismiss']);
  });

  it('returns focus to where it was on unmount', () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const { widget, host } = showWidget({ content: message });
    expect(document.activeElement).toBe(host);
    widget.unmount();
    expect(document.activeElement).toBe(opener);
  });
});

describe('popup without HTMLDialogElement.showModal', () => {
  it('still renders, takes focus and traps Tab', () => {
    const showModal = HTMLDialogElement.prototype.showModal;
    // @ts-expect-error: simulating a DOM without the method
    delete HTMLDialogElement.prototype.showModal;
    try {
      const { $, root } = showWidget({ content: message });
      expect(describeFocus(focused(root))).toBe('a.cta');
      $<HTMLElement>('button.s').focus();
      expect(press($('button.s'), 'Tab').defaultPrevented).toBe(true);
    } finally {
      HTMLDialogElement.prototype.showModal = showModal;
    }
  });
});
