/** True when `selector` is a valid CSS selector in this browser (querySelector would not throw). */
export function isValidSelector(doc: Document, selector: string): boolean {
  try {
    // An empty fragment: the browser parses the selector without searching the page.
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls `found(element)` once when `selector` matches an element, now or when one is added
 * later (SPAs render after load); returns stop. An invalid selector is never found.
 */
export function waitForElement(win: Window, selector: string, found: (el: Element) => void): () => void {
  const doc = win.document;
  let observer: MutationObserver | undefined;
  const stop = () => observer?.disconnect();
  const look = () => {
    const el = doc.querySelector(selector);
    if (el) {
      stop();
      try {
        found(el);
      } catch {
        // The caller's failure is not the page's.
      }
    }
    return el;
  };
  try {
    // An invalid selector throws here, before anything is observed.
    if (!look()) {
      // Window's type lacks the constructors its global object carries.
      observer = new (win as Window & typeof globalThis).MutationObserver(look);
      observer.observe(doc.documentElement, { childList: true, subtree: true });
    }
  } catch {
    stop();
  }
  return stop;
}
