import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isValidSelector, waitForElement, watchTrigger, type DomTrigger } from '../../../sdk/tracking/index.js';

const setProperty = (target: object, name: string, value: unknown) =>
  Object.defineProperty(target, name, { configurable: true, get: () => value });

/** A page `height` px tall in a viewport `inner` px tall, scrolled to `y`. */
function page(height: number, inner: number, y = 0) {
  setProperty(document.documentElement, 'scrollHeight', height);
  setProperty(window, 'innerHeight', inner);
  setProperty(window, 'scrollY', y);
}

/** Scrolls the window to `y` at `at` ms, as the browser reports it. */
/** A finger on the screen: `touchstart` as it lands, `touchmove` as it drags. */
const thumb = (type: 'touchstart' | 'touchmove') => window.dispatchEvent(new Event(type));

function scrollTo(y: number, at = 0) {
  setProperty(window, 'scrollY', y);
  const event = new Event('scroll');
  Object.defineProperty(event, 'timeStamp', { value: at });
  window.dispatchEvent(event);
}

const mouseOut = (init: MouseEventInit) => document.documentElement.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, ...init }));

function setVisibility(state: 'visible' | 'hidden') {
  setProperty(document, 'visibilityState', state);
  document.dispatchEvent(new Event('visibilitychange'));
}

function touchDevice() {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) => ({ matches: query.includes('coarse'), media: query }) as MediaQueryList,
  );
}

const click = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true }));

/** Records every listener added to and removed from the window and the document. */
function spyListeners() {
  const listeners = { added: [] as string[], removed: [] as string[] };
  for (const [name, target] of [['window', window], ['document', document]] as const) {
    const { addEventListener, removeEventListener } = target;
    vi.spyOn(target, 'addEventListener').mockImplementation(function (this: EventTarget, ...args: Parameters<typeof addEventListener>) {
      listeners.added.push(`${name} ${args[0]}`);
      addEventListener.apply(this, args);
    });
    vi.spyOn(target, 'removeEventListener').mockImplementation(function (this: EventTarget, ...args: Parameters<typeof removeEventListener>) {
      listeners.removed.push(`${name} ${args[0]}`);
      removeEventListener.apply(this, args);
    });
  }
  return listeners;
}

/** Watches `trigger`, logging each call of `fire` as the event type it got (or `fire`). */
function watch(trigger: DomTrigger) {
  const log: string[] = [];
  const stop = watchTrigger(window, trigger, (event) => log.push(event?.type ?? 'fire'));
  return { log, stop };
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
  page(1000, 1000, 0);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  setVisibility('visible');
});

describe('watchTrigger', () => {
  it('fires a delay after its seconds and not before', () => {
    const { log } = watch({ on: 'delay', seconds: 5 });
    vi.advanceTimersByTime(4_999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['fire']);
  });

  it('counts a delay only while the page is seen, and starts a page loaded hidden once it is shown', () => {
    const { log } = watch({ on: 'delay', seconds: 5 });
    vi.advanceTimersByTime(2_000);
    setVisibility('hidden');
    vi.advanceTimersByTime(60_000);
    expect(log).toEqual([]);
    setVisibility('visible');
    vi.advanceTimersByTime(2_999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['fire']);

    setVisibility('hidden');
    const hidden = watch({ on: 'delay', seconds: 2 });
    vi.advanceTimersByTime(10_000);
    expect(hidden.log).toEqual([]);
    setVisibility('visible');
    vi.advanceTimersByTime(2_000);
    expect(hidden.log).toEqual(['fire']);
  });

  it('pauses and resumes delays that share a timer together: still one timer', () => {
    const one = watch({ on: 'delay', seconds: 2 });
    const two = watch({ on: 'delay', seconds: 2 });
    vi.advanceTimersByTime(500);
    setVisibility('hidden');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    setVisibility('visible');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_499);
    expect([one.log, two.log]).toEqual([[], []]);
    vi.advanceTimersByTime(1);
    expect([one.log, two.log]).toEqual([['fire'], ['fire']]);
  });

  it('gives delays of one length armed together one timer, so they end in one task; stopping one leaves the other', () => {
    const timers: { run: () => void; ms: number }[] = [];
    const cleared: number[] = [];
    const win = { setTimeout: (run: () => void, ms: number) => timers.push({ run, ms }) - 1, clearTimeout: (id: number) => void cleared.push(id) } as unknown as Window;
    const log: string[] = [];
    const stopLow = watchTrigger(win, { on: 'delay', seconds: 2 }, () => log.push('low'));
    watchTrigger(win, { on: 'delay', seconds: 2 }, () => log.push('high'));
    watchTrigger(win, { on: 'delay', seconds: 3 }, () => log.push('later'));
    // Besides the two timers, one of 0 ms each: the moment after which a timer is not shared.
    expect(timers.map((t) => t.ms ?? 0)).toEqual([2000, 0, 3000, 0]);
    stopLow();
    expect(cleared).toEqual([]);
    timers[0]!.run();
    expect(log).toEqual(['high']);
  });

  it('gives a delay armed in a later task a timer of its own', async () => {
    const { log } = watch({ on: 'delay', seconds: 2 });
    await Promise.resolve();
    vi.advanceTimersByTime(1_000);
    const later = watch({ on: 'delay', seconds: 2 });
    vi.advanceTimersByTime(1_000);
    expect([log, later.log]).toEqual([['fire'], []]);
    vi.advanceTimersByTime(1_000);
    expect(later.log).toEqual(['fire']);
  });

  it('fires a scroll trigger once the visitor has seen the percent of the page', () => {
    page(4000, 1000);
    const firedAt: number[] = [];
    watchTrigger(window, { on: 'scroll', percent: 50 }, () => firedAt.push(window.scrollY));
    for (const y of [500, 990, 1000, 3000]) scrollTo(y); // 37.5 %, 49.75 %, 50 %, 100 %
    expect(firedAt).toEqual([1000]);
  });

  it('fires a scroll trigger on a page too short to scroll at the visitor\'s first try to scroll it', () => {
    page(800, 1000);
    const listeners = spyListeners();
    const { log } = watch({ on: 'scroll', percent: 100 });
    vi.advanceTimersByTime(5000);
    expect(log).toEqual([]);
    window.dispatchEvent(new Event('wheel'));
    expect({ log, removed: listeners.removed }).toEqual({ log: ['fire'], removed: listeners.added });
  });

  it('fires a scroll trigger on a page too short to scroll when a key that scrolls down is pressed, not any key', () => {
    page(800, 1000);
    const { log } = watch({ on: 'scroll', percent: 100 });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    document.body.innerHTML = '<input>';
    document.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(log).toEqual([]);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown' }));
    expect(log).toEqual(['fire']);
  });

  it('waits for the visitor on a page that starts short and grows (an app rendering it a moment later)', () => {
    page(0, 1000);
    const { log } = watch({ on: 'scroll', percent: 50 });
    vi.advanceTimersByTime(300);
    page(4000, 1000);
    vi.advanceTimersByTime(5000);
    window.dispatchEvent(new Event('wheel'));
    expect(log).toEqual([]);
    scrollTo(1000);
    expect(log).toEqual(['fire']);
  });

  it('reads an app shell\'s own scroller, and never takes its unscrolled page for one seen whole', () => {
    document.body.innerHTML = '<main style="height: 1000px; overflow: auto"></main>';
    document.documentElement.style.overflowY = 'hidden';
    try {
      page(1000, 1000);
      const scroller = document.querySelector('main')!;
      setProperty(scroller, 'scrollHeight', 4000);
      setProperty(scroller, 'clientHeight', 1000);
      const { log } = watch({ on: 'scroll', percent: 50 });
      vi.advanceTimersByTime(5000);
      window.dispatchEvent(new Event('wheel'));
      expect(log).toEqual([]);
      setProperty(scroller, 'scrollTop', 1000);
      scroller.dispatchEvent(new Event('scroll'));
      expect(log).toEqual(['fire']);
    } finally {
      document.documentElement.style.overflowY = '';
    }
  });

  it.each<[string, MouseEventInit, string[]]>([
    ['through the top edge', { clientY: 0 }, ['mouseout']],
    ['above the top edge', { clientY: -4 }, ['mouseout']],
    ['onto another element', { clientY: 0, relatedTarget: document.body }, []],
    ['through the side or bottom', { clientY: 300 }, []],
  ])('fires exit intent only when the pointer leaves the window upward: %s', (_, init, expected) => {
    const { log } = watch({ on: 'exit' });
    mouseOut(init);
    expect(log).toEqual(expected);
  });

  it('fires exit intent on a touch device for a fast upward flick after scrolling down', () => {
    touchDevice();
    page(5000, 700);
    const { log } = watch({ on: 'exit' });
    scrollTo(400, 0);
    scrollTo(1200, 1000);
    scrollTo(1150, 2000);
    thumb('touchstart');
    thumb('touchmove');
    scrollTo(1100, 2100);
    expect(log).toEqual([]);
    scrollTo(1000, 2200); // 150 px up within 200 ms
    expect(log).toEqual(['scroll']);
  });

  it('takes no smooth scroll to the top for exit intent on a touch device: the thumb only tapped', () => {
    touchDevice();
    page(5000, 700);
    const { log } = watch({ on: 'exit' });
    thumb('touchstart');
    thumb('touchmove');
    scrollTo(2000, 0);
    // A tap on "back to top": the page scrolls up 80 px every 16 ms.
    thumb('touchstart');
    for (let i = 1; i <= 20; i++) scrollTo(2000 - i * 80, 2000 + i * 16);
    expect(log).toEqual([]);
  });

  it('ignores a slow upward scroll, and a flick near the top of the page', () => {
    touchDevice();
    page(5000, 700);
    const { log } = watch({ on: 'exit' });
    scrollTo(250, 0);
    scrollTo(100, 100); // fast, but the visitor never got past the first screenful
    for (let i = 1; i <= 20; i++) scrollTo(100 + i * 100, 1000 + i * 100);
    for (let i = 1; i <= 20; i++) scrollTo(2100 - i * 50, 4000 + i * 200); // 1000 px up, 0.25 px/ms
    expect(log).toEqual([]);
  });

  it('does not watch scrolling for exit intent on a desktop', () => {
    page(5000, 700);
    const { log } = watch({ on: 'exit' });
    scrollTo(2000, 0);
    scrollTo(500, 50);
    expect(log).toEqual([]);
  });

  it('fires idle after its seconds without input; input and hidden time start over', () => {
    const { log } = watch({ on: 'idle', seconds: 10 });
    vi.advanceTimersByTime(9_000);
    window.dispatchEvent(new Event('pointermove'));
    vi.advanceTimersByTime(9_000);
    document.body.dispatchEvent(new Event('keydown', { bubbles: true }));
    vi.advanceTimersByTime(9_000);
    setVisibility('hidden');
    vi.advanceTimersByTime(60_000);
    expect(log).toEqual([]);
    setVisibility('visible');
    vi.advanceTimersByTime(9_999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['fire']);
  });

  it('fires a click trigger for matching elements added later and their children, even if the store stops propagation', () => {
    const { log } = watch({ on: 'click', selector: '.buy' });
    document.body.innerHTML = '<p id="other">x</p><button class="buy"><span id="label">Buy</span></button>';
    document.querySelector('.buy')?.addEventListener('click', (event) => event.stopPropagation());
    click(document.getElementById('other') as Element);
    expect(log).toEqual([]);
    click(document.getElementById('label') as Element);
    expect(log).toEqual(['click']);
  });

  it('lets the runtime cancel the click', () => {
    document.body.innerHTML = '<a href="/cart">Cart</a>';
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    watchTrigger(window, { on: 'click', selector: 'a' }, (e) => e?.preventDefault());
    document.querySelector('a')?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('fires at most once', () => {
    document.body.innerHTML = '<button>Go</button>';
    const button = document.querySelector('button') as Element;
    const clicks = watch({ on: 'click', selector: 'button' });
    const exits = watch({ on: 'exit' });
    click(button);
    click(button);
    mouseOut({ clientY: 0 });
    mouseOut({ clientY: 0 });
    expect([clicks.log, exits.log]).toEqual([['click'], ['mouseout']]);
  });

  it.each<[DomTrigger, () => void]>([
    [{ on: 'delay', seconds: 1 }, () => vi.advanceTimersByTime(1_000)],
    [{ on: 'scroll', percent: 50 }, () => scrollTo(3000)],
    [{ on: 'exit' }, () => mouseOut({ clientY: 0 })],
    [{ on: 'idle', seconds: 1 }, () => vi.advanceTimersByTime(1_000)],
    [{ on: 'click', selector: 'body' }, () => click(document.body)],
  ])('stops watching %j', (trigger, happen) => {
    page(4000, 1000);
    const { log, stop } = watch(trigger);
    stop();
    stop();
    happen();
    expect(log).toEqual([]);
  });

  it.each<DomTrigger>([
    { on: 'delay', seconds: 1 },
    { on: 'scroll', percent: 50 },
    { on: 'exit' },
    { on: 'idle', seconds: 1 },
    { on: 'click', selector: 'body' },
  ])('removes every listener and timer of %j', (trigger) => {
    touchDevice();
    page(4000, 1000);
    const listeners = spyListeners();
    const stop = watchTrigger(window, trigger, () => {});
    const watching = listeners.added.length + vi.getTimerCount();
    stop();
    expect({ watching: watching > 0, removed: listeners.removed.sort(), timers: vi.getTimerCount() }).toEqual({
      watching: true,
      removed: listeners.added.sort(),
      timers: 0,
    });
  });

  it('stops watching touch exit intent', () => {
    touchDevice();
    page(5000, 700);
    const { log, stop } = watch({ on: 'exit' });
    scrollTo(2000, 0);
    stop();
    scrollTo(1000, 100);
    expect(log).toEqual([]);
  });

  it('keeps a throwing fire from the page', () => {
    const stop = watchTrigger(window, { on: 'exit' }, () => {
      throw new Error('campaign bug');
    });
    expect(() => mouseOut({ clientY: 0 })).not.toThrow();
    expect(() => stop()).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['an invalid click selector', { on: 'click', selector: 'button[' }],
    ['an unknown trigger', { on: 'shake' }],
    ['no trigger', null],
  ])('watches nothing and does not throw for %s', (_, trigger) => {
    document.body.innerHTML = '<button>Go</button>';
    const log: string[] = [];
    const stop = watchTrigger(window, trigger as DomTrigger, () => log.push('fire'));
    click(document.querySelector('button') as Element);
    stop();
    expect(log).toEqual([]);
  });
});

describe('waitForElement', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  const mutationsDelivered = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('finds an element already in the page', () => {
    document.body.innerHTML = '<div id="hero"></div>';
    const found: string[] = [];
    waitForElement(window, '#hero', (el) => found.push(el.id));
    expect(found).toEqual(['hero']);
  });

  it('finds an element added later, once', async () => {
    const found: string[] = [];
    waitForElement(window, '.slot', (el) => found.push(el.id));
    document.body.innerHTML = '<main><section></section></main>';
    await mutationsDelivered();
    expect(found).toEqual([]);
    document.querySelector('section')?.insertAdjacentHTML('beforeend', '<div class="slot" id="a"></div>');
    await mutationsDelivered();
    document.body.insertAdjacentHTML('beforeend', '<div class="slot" id="b"></div>');
    await mutationsDelivered();
    expect(found).toEqual(['a']);
  });

  it('stops waiting', async () => {
    const found: string[] = [];
    const stop = waitForElement(window, '.slot', (el) => found.push(el.id));
    stop();
    document.body.innerHTML = '<div class="slot" id="a"></div>';
    await mutationsDelivered();
    expect(found).toEqual([]);
  });

  it('never finds an invalid selector, and does not throw', async () => {
    const found: string[] = [];
    expect(() => waitForElement(window, 'div[', (el) => found.push(el.id))).not.toThrow();
    document.body.innerHTML = '<div id="a"></div>';
    await mutationsDelivered();
    expect(found).toEqual([]);
  });
});

describe('isValidSelector', () => {
  it.each<[string, unknown, boolean]>([
    ['a class', '.buy', true],
    ['a compound selector', 'main > .grid a[href^="/p"]:not(.ad)', true],
    ['an unclosed attribute', 'div[', false],
    ['an empty string', '', false],
    ['junk', '!!', false],
  ])('judges %s', (_, selector, valid) => {
    expect(isValidSelector(document, selector as string)).toBe(valid);
  });
});
