import { FIXED, focusables, trapTab } from './shared/index.js';
import type { ContainerProps } from './shared/index.js';

function open(dialog: HTMLDialogElement | null) {
  if (!dialog) return;
  // The top layer sits above any z-index the store uses, and the page behind turns inert.
  // Every browser with constructable stylesheets has showModal; the guard is for test DOMs.
  dialog.showModal?.();
  // Hidden by the store's CSS (`beckon-widget { display: none }`), a modal would leave the
  // page behind it inert with nothing to close: it is not left open.
  if (dialog.open && !dialog.getClientRects().length) return dialog.close();
  // The close button comes first, so this is the content's first control when it has one.
  const all = focusables(dialog);
  (all[1] || all[0])?.focus();
}

/** A modal dialog (WAI-ARIA dialog pattern) centred over the dimmed page. */
export function Container({ view, callbacks: cb, id, children }: ContainerProps) {
  const title = view.content.title;
  let down: EventTarget | null = null;
  let up: EventTarget | null = null;
  const close = (e: Event) => {
    e.preventDefault();
    cb.dismiss();
  };
  return (
    <dialog
      class="o"
      // Implicit for a modal <dialog>; stated for tools and tests that read the attributes (DESIGN §6).
      role="dialog"
      aria-modal="true"
      aria-labelledby={title ? id : undefined}
      aria-label={title ? undefined : view.strings?.announcement || 'Announcement'}
      // Read as the dialog opens, before the control that takes focus (a coupon's Copy).
      aria-describedby={(view.content as { body?: unknown }).body ? id + 'b' : undefined}
      ref={open}
      onCancel={close}
      onKeyDown={(e) => (e.key == 'Escape' ? close(e) : trapTab(e))}
      // A dismissal is pressed and released on the backdrop: a drag between it and the card
      // (selecting text, either way) is not, though the browser clicks the dialog for it.
      onMouseDown={(e) => {
        down = e.target;
      }}
      onMouseUp={(e) => {
        up = e.target;
      }}
      onClick={(e) => {
        if (e.target == e.currentTarget && down == e.target && up == e.target) cb.dismiss();
      }}
    >
      <div class="w p">{children}</div>
    </dialog>
  );
}

// The dialog itself is the full-screen backdrop, so a click on it is a click outside the card.
// The top layer gives it `position: fixed; inset: 0` and puts it above every z-index. As a
// scroll container that keeps its scrolling, it stops the wheel scrolling the page behind.
Container.css =
  FIXED +
  '.o{display:flex;width:auto;height:auto;max-width:none;max-height:none;padding:16px;border:0;background:#0009;overflow:auto;overscroll-behavior:contain}' +
  '.p{width:100%;max-width:440px;max-height:100%;margin:auto;overflow:auto}';
