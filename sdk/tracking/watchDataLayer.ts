import { isEcommerceEvent, isPlainObject, type EcommerceEventName } from '../core/index.js';

/** `earlier`: pushed before the watch began (replayed once), not as it happens. */
export type EcommerceListener = (name: EcommerceEventName, ecommerce: unknown, earlier: boolean) => void;

/**
 * Reads one dataLayer entry: `{ event: 'add_to_cart', ecommerce: {...} }` as GTM
 * setups push it, or gtag's `arguments` (`['event', 'add_to_cart', {...params}]`).
 * Returns undefined for everything else, `{ ecommerce: null }` resets included.
 */
export function readDataLayerEntry(entry: unknown): [EcommerceEventName, unknown] | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  // An `arguments` object has Object.prototype as its prototype, so it is told apart by its tag.
  if (Array.isArray(entry) || Object.prototype.toString.call(entry) === '[object Arguments]') {
    const list = entry as ArrayLike<unknown>;
    return list[0] === 'event' && isEcommerceEvent(list[1]) ? [list[1], list[2]] : undefined;
  }
  if (!isPlainObject(entry) || !isEcommerceEvent(entry.event)) return undefined;
  return [entry.event, isPlainObject(entry.ecommerce) ? entry.ecommerce : entry];
}

/**
 * Sends every GA4 ecommerce event on `window.dataLayer` to `listener`: first those
 * pushed before the SDK loaded (replayed once), then each later push. The existing
 * `push` (Array's, or Google Tag Manager's own wrapper) is kept and called first, so
 * GTM and other listeners see exactly what they saw before. Returns a function that
 * stops listening.
 */
export function watchDataLayer(win: { dataLayer?: unknown }, listener: EcommerceListener, warn: (message: string) => void): () => void {
  if (win.dataLayer === undefined) win.dataLayer = [];
  const dataLayer = win.dataLayer;
  if (!Array.isArray(dataLayer)) {
    warn('window.dataLayer is not an array; GA4 ecommerce events are not read.');
    return () => {};
  }
  const handle = (entry: unknown, earlier = false) => {
    try {
      const event = readDataLayerEntry(entry);
      if (event) listener(event[0], event[1], earlier);
    } catch (error) {
      warn(`a dataLayer entry could not be read: ${String(error)}`);
    }
  };
  for (const entry of dataLayer.slice()) handle(entry, true);

  const previous = dataLayer.push;
  function push(this: unknown, ...entries: unknown[]) {
    const result = previous.apply(this, entries);
    for (const entry of entries) handle(entry);
    return result;
  }
  dataLayer.push = push;
  return () => {
    if (dataLayer.push === push) dataLayer.push = previous;
  };
}
