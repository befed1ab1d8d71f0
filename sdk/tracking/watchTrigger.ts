import { isValidSelector } from './waitForElement.js';

/** The campaign triggers detected in the page (`load`, `event` and `pageviews` are the runtime's). */
export type DomTrigger =
  | { on: 'delay'; seconds: number }
  | { on: 'scroll'; percent: number }
  | { on: 'exit' }
  | { on: 'idle'; seconds: number }
  | { on: 'click'; selector: string };

type Fire = (event?: Event) => void;
type Detector<T> = (win: Window, trigger: T, fire: Fire) => () => void;

/** Touch exit intent is armed once the visitor has scrolled this far down: a reader, not a bounce. */
const EXIT_ARM_PX = 300;
/**
 * A flick up of more than this many pixels within EXIT_WINDOW_MS (0.4 px/ms) is the thumb
 * racing to the address bar or the back gesture; reading scrolls back a line or two slowly.
 */
const EXIT_UP_PX = 100;
const EXIT_WINDOW_MS = 250;

/**
 * The visitor's input, which ends idleness (pointermove covers mice too; reading a long page
 * by scrolling is not idle: the wheel, a touch, a key or the scrollbar's pointer moves it),
 * and visibilitychange, which a window capture listener gets from the document. Not
 * `scroll` itself: the page's own carousel scrolling every few seconds is no visitor.
 */
const INPUT = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'visibilitychange'];

/** Keys that scroll a page down (Space does outside a text field; a short page ignores them all). */
const SCROLL_KEYS = /^(PageDown|ArrowDown|End| )$/;

// Capture on the window: a store's stopPropagation must not hide events from us.
const passive = { passive: true, capture: true };

function listen(target: EventTarget, types: string[], handler: (event: Event) => void, options: AddEventListenerOptions = passive) {
  for (const type of types) target.addEventListener(type, handler, options);
  return () => {
    for (const type of types) target.removeEventListener(type, handler, options);
  };
}

/**
 * A timer of `ms` for `fire`, shared with the others of that length set in the same moment
 * (one pass of the campaign runner, one input event's listeners): they end in one task and
 * settle by priority together. Apart, they could end on either side of the runner's
 * settling pass, as Chromium runs a 0 ms timer ahead of another timer already due.
 * It counts only the time the page is seen: a delay of 10 s is 10 s of the visitor looking
 * at the page, not a popup waiting behind a background tab to show the moment it returns.
 * The group pauses and resumes as one, so its timers stay together.
 */
const together = new Map<number, { win: Window; fires: Set<Fire>; stop(): void }>();
function shared(win: Window, ms: number, fire: Fire) {
  let group = together.get(ms);
  if (group?.win != win) {
    const fires = new Set<Fire>();
    const doc = win.document;
    let left = ms;
    let since = 0;
    let timer: number | undefined;
    // Hidden, it stops and keeps what is left; seen, it runs what is left.
    const seen = () => {
      if (timer !== undefined) {
        win.clearTimeout(timer);
        left -= performance.now() - since;
        timer = undefined;
      }
      if (doc?.visibilityState != 'hidden') {
        since = performance.now();
        timer = win.setTimeout(() => {
          made.stop();
          fires.forEach((each) => each());
        }, left);
      }
    };
    // Once it has ended or been stopped, or the moment has passed, no later timer joins it.
    const close = () => together.get(ms) == made && together.delete(ms);
    const made = {
      win,
      fires,
      stop() {
        doc?.removeEventListener('visibilitychange', seen);
        win.clearTimeout(timer);
        win.clearTimeout(moment);
        close();
      },
    };
    seen();
    const moment = win.setTimeout(close);
    doc?.addEventListener('visibilitychange', seen);
    together.set(ms, (group = made));
  }
  const { fires, stop } = group;
  fires.add(fire);
  return () => {
    fires.delete(fire);
    if (!fires.size) stop();
  };
}

const DETECTORS: { [K in DomTrigger['on']]: Detector<Extract<DomTrigger, { on: K }>> } = {
  delay: (win, { seconds }, fire) => shared(win, seconds * 1000, fire),

  scroll(win, { percent }, fire) {
    const doc = win.document;
    const root = doc.documentElement;
    // A page too short to scroll has been seen whole once the visitor tries to scroll it
    // (the wheel, a swipe, a key that scrolls down): not at once, as a page an app renders
    // a moment later (or after a single-page navigation) starts out short. An app shell,
    // whose <html> or <body> hides overflow, scrolls an element of its own: only that
    // element's scrolling counts.
    const shell = () => [root, doc.body].some((el) => el && /hidden|clip/.test(win.getComputedStyle(el).overflowY));
    return listen(win, ['scroll', 'wheel', 'touchmove', 'keydown'], (event) => {
      const el = event.target as Element;
      // In a field, those keys type or move within it.
      if (event.type == 'keydown' && (!SCROLL_KEYS.test((event as KeyboardEvent).key) || el.closest?.('input,textarea,select,[contenteditable]'))) return;
      // The shell's scroller is taller than its box; a carousel scrolling sideways is not.
      const isShell = shell();
      const own = isShell && event.type == 'scroll' && el.scrollHeight > el.clientHeight;
      if (isShell && !own) return;
      const [top, height, total] = own ? [el.scrollTop, el.clientHeight, el.scrollHeight] : [win.scrollY, win.innerHeight, Math.max(root.scrollHeight, doc.body?.scrollHeight ?? 0)];
      if (((top + height) / total) * 100 >= percent) fire();
    });
  },

  exit(win, _, fire) {
    let deepest = 0;
    let recent: [y: number, at: number][] = [];
    // The thumb moved since it last touched down: the scroll is its flick (or the flick's
    // momentum), not a "back to top" button or an anchor link scrolling smoothly.
    let dragged = false;
    const touch = win.matchMedia?.('(pointer: coarse), (hover: none)').matches;
    // What scrolled: the page, or an app shell's own scroller (its <html> and <body> hide
    // overflow). A flick is read on one scroller: another one (a carousel) starts afresh.
    let scroller: EventTarget | null = null;
    return listen(win, touch ? ['mouseout', 'scroll', 'touchstart', 'touchmove'] : ['mouseout'], (event) => {
      const el = event.target as Element;
      const at = event.timeStamp;
      const { relatedTarget, clientY } = event as MouseEvent;
      if (event.type.startsWith('touch')) dragged = event.type === 'touchmove';
      else if (event.type === 'scroll') {
        // The document's scroll is the window's; an element's, its own.
        const y = el.scrollTop ?? win.scrollY;
        if (scroller != el) {
          scroller = el;
          recent = [];
          deepest = 0;
        }
        recent = recent.filter(([, then]) => at - then <= EXIT_WINDOW_MS);
        recent.push([y, at]);
        deepest = Math.max(deepest, y);
        if (dragged && deepest >= EXIT_ARM_PX && recent.some(([top]) => top - y > EXIT_UP_PX)) fire(event);
      } else if (!relatedTarget && clientY <= 0) fire(event);
    });
  },

  idle(win, { seconds }, fire) {
    let stop = () => {};
    const restart = () => {
      stop();
      stop = win.document.visibilityState !== 'hidden' ? shared(win, seconds * 1000, fire) : () => {};
    };
    const stopListening = listen(win, INPUT, restart);
    restart();
    return () => {
      stopListening();
      stop();
    };
  },

  click(win, { selector }, fire) {
    const doc = win.document;
    // One delegated listener, on the window in the capture phase (a store's stopPropagation
    // must not hide the click), so elements added after watching starts count too; not
    // passive, so a caller may cancel the click. The campaign runner does not: the click
    // still does what it does on the page (a link is followed, a form sent), as a campaign
    // that may not show (caps, another tab) must never leave a store's button dead.
    return isValidSelector(doc, selector)
      ? listen(win, ['click'], (event) => (event.target as Element | null)?.closest?.(selector) && fire(event), { capture: true })
      : () => {};
  },
};

/** Calls `fire` once when the trigger happens; returns a function that stops watching. Never throws. */
export function watchTrigger(win: Window, trigger: DomTrigger, fire: (event?: Event) => void): () => void {
  let done = false;
  let stopDetector: (() => void) | undefined;
  const stop = () => {
    done = true;
    stopDetector?.();
  };
  const once: Fire = (event) => {
    if (done) return;
    stop();
    try {
      fire(event);
    } catch {
      // The campaign's failure is not the page's.
    }
  };
  try {
    stopDetector = (DETECTORS[trigger.on] as Detector<DomTrigger>)(win, trigger, once);
  } catch {
    // An unknown trigger or a broken window: nothing to watch.
  }
  // The trigger may have fired while being set up (a short page is already scrolled to 100%).
  if (done) stop();
  return stop;
}
