/** Without input for this long, a visible page counts as idle. */
export const IDLE_MS = 30_000;

export interface Engagement {
  /** Deepest point of the page seen so far, in percent of its height. */
  scrollDepth(): number;
  /** Engaged milliseconds on this page (visible and not idle) not yet handed out by `take()`. */
  take(): number;
  /** Engaged milliseconds on this page so far, `take()`n or not. */
  engaged(): number;
  /** Starts over for a new page (an SPA navigation). */
  reset(): void;
}

/**
 * Measures how the visitor engages with the page: scroll depth, and time spent with
 * the page visible and not idle (input within the last 30 s). Listeners are passive
 * and no timer runs: time is accounted for when something happens or is asked.
 * `onHide` fires when the page is hidden or left, so engaged time can be stored then.
 */
export function watchEngagement(win: Window, now: () => number, onHide: () => void): Engagement {
  const { document } = win;
  let depth = 0;
  let engagedMs = 0;
  let taken = 0;
  let markAt = now();
  let lastInput = markAt;
  let visible = document.visibilityState !== 'hidden';

  const account = () => {
    const at = now();
    if (visible) {
      const activeUntil = Math.min(at, lastInput + IDLE_MS);
      if (activeUntil > markAt) engagedMs += activeUntil - markAt;
    }
    markAt = at;
  };
  const measureScroll = (event?: Event) => {
    const root = document.documentElement;
    const el = event?.target as Element | undefined;
    // An app shell, whose <html> or <body> hides overflow, scrolls an element of its own
    // (one taller than its box; a carousel scrolls sideways): the depth is that element's,
    // and nothing is seen of the page until it scrolls.
    const shell = [root, document.body].some((box) => box && /hidden|clip/.test(win.getComputedStyle(box).overflowY));
    const own = shell && el && el.scrollHeight > el.clientHeight;
    if (shell && !own) return;
    const [top, height, total] = own ? [el.scrollTop, el.clientHeight, el.scrollHeight] : [win.scrollY, win.innerHeight, Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0)];
    // As the page starts, one no taller than the window may be an app's, rendered a moment
    // later: not read as seen to its end before the visitor tries to scroll it.
    if (!event && total <= height) return;
    depth = Math.max(depth, total > 0 ? Math.min(100, Math.round(((top + height) / total) * 100)) : 100);
  };
  const onInput = () => {
    account();
    lastInput = markAt;
  };
  const onScroll = (event: Event) => {
    onInput();
    measureScroll(event);
  };
  const onVisibility = () => {
    account();
    visible = document.visibilityState !== 'hidden';
    if (visible) lastInput = markAt;
    else onHide();
  };
  const options = { passive: true, capture: true };
  for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel', 'mousemove']) win.addEventListener(type, onInput, options);
  win.addEventListener('scroll', onScroll, options);
  // A page too short to scroll is seen whole at the visitor's first try to scroll it.
  for (const type of ['wheel', 'touchmove']) win.addEventListener(type, measureScroll, options);
  document.addEventListener('visibilitychange', onVisibility);
  // pagehide, not unload: unload listeners keep the page out of the back/forward cache.
  win.addEventListener('pagehide', () => {
    account();
    onHide();
  });
  measureScroll();

  return {
    scrollDepth: () => depth,
    engaged() {
      account();
      return engagedMs;
    },
    take() {
      account();
      const delta = engagedMs - taken;
      taken = engagedMs;
      return delta;
    },
    reset() {
      account();
      depth = 0;
      engagedMs = 0;
      taken = 0;
      lastInput = markAt;
      measureScroll();
    },
  };
}
