/** The controls inside `el` that can take focus, in document order. */
export const focusables = (el: Element) =>
  [...el.querySelectorAll<HTMLButtonElement>('[href],button,input,select,textarea')].filter((e) => !e.disabled);

/**
 * A dialog's keydown handler that keeps Tab inside it: a native modal dialog still lets Tab
 * leave for the browser's own UI. It wraps only when no control lies ahead of the focused
 * element, so focus on a heading given tabIndex=-1 moves on to the next control as usual.
 */
export function trapTab(e: KeyboardEvent) {
  if (e.key != 'Tab') return;
  const all = focusables(e.currentTarget as Element);
  // Bit 2: the control precedes the focused element; bit 4: it follows it.
  if (all.some((el) => (e.target as Node).compareDocumentPosition(el) & (e.shiftKey ? 2 : 4))) return;
  e.preventDefault();
  all[e.shiftKey ? all.length - 1 : 0]?.focus();
}
