import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_MS, watchEngagement } from '../../../sdk/tracking/index.js';

let clock = 0;
const now = () => clock;
const setVisibility = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
};

afterEach(() => {
  setVisibility('visible');
});

describe('watchEngagement', () => {
  it('counts time with the page visible and the visitor active, not idle or hidden time', () => {
    clock = 1_000_000;
    const hides: number[] = [];
    const engagement = watchEngagement(window, now, () => hides.push(clock));
    clock += 10_000; // active: the landing counts as input
    window.dispatchEvent(new Event('keydown'));
    clock += 100_000; // 30 s of it engaged, then idle
    expect(engagement.engaged()).toBe(10_000 + IDLE_MS);
    window.dispatchEvent(new Event('pointerdown'));
    clock += 5_000;
    setVisibility('hidden');
    clock += 60_000; // hidden: nothing counts
    setVisibility('visible');
    clock += 2_000;
    expect(engagement.engaged()).toBe(10_000 + IDLE_MS + 5_000 + 2_000);
    expect(hides).toHaveLength(1);
  });

  it('hands out each engaged millisecond once, and starts over for a new page', () => {
    clock = 0;
    const engagement = watchEngagement(window, now, () => {});
    clock += 4_000;
    expect(engagement.take()).toBe(4_000);
    clock += 1_000;
    expect(engagement.take()).toBe(1_000);
    expect(engagement.take()).toBe(0);
    engagement.reset();
    clock += 3_000;
    expect(engagement.engaged()).toBe(3_000);
  });

  it('keeps the deepest scroll position', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => 4000 });
    Object.defineProperty(window, 'innerHeight', { configurable: true, get: () => 1000 });
    const engagement = watchEngagement(window, now, () => {});
    expect(engagement.scrollDepth()).toBe(25);
    for (const y of [1000, 3000, 500]) {
      Object.defineProperty(window, 'scrollY', { configurable: true, get: () => y });
      window.dispatchEvent(new Event('scroll'));
    }
    expect(engagement.scrollDepth()).toBe(100);
  });

  it('reads a page no taller than the window (an app about to render) as unseen at load, and seen whole at the first try to scroll it', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => 600 });
    Object.defineProperty(window, 'innerHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(window, 'scrollY', { configurable: true, get: () => 0 });
    const engagement = watchEngagement(window, now, () => {});
    expect(engagement.scrollDepth()).toBe(0);
    engagement.reset(); // a single-page app's next page
    expect(engagement.scrollDepth()).toBe(0);
    window.dispatchEvent(new Event('wheel'));
    expect(engagement.scrollDepth()).toBe(100);
  });

  it('on an app shell (<body> hiding overflow), takes the depth of the element that scrolls, and none at load', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => 1000 });
    Object.defineProperty(window, 'innerHeight', { configurable: true, get: () => 1000 });
    document.body.style.overflowY = 'hidden';
    const main = document.createElement('main');
    const carousel = document.createElement('div');
    document.body.append(main, carousel);
    Object.defineProperties(main, { scrollHeight: { value: 5000 }, clientHeight: { value: 1000 }, scrollTop: { value: 0, writable: true } });
    Object.defineProperties(carousel, { scrollHeight: { value: 200 }, clientHeight: { value: 200 } });
    try {
      const engagement = watchEngagement(window, now, () => {});
      expect(engagement.scrollDepth()).toBe(0);
      // A carousel scrolled sideways says nothing of the page.
      carousel.dispatchEvent(new Event('scroll'));
      expect(engagement.scrollDepth()).toBe(0);
      (main as { scrollTop: number }).scrollTop = 1500;
      main.dispatchEvent(new Event('scroll'));
      expect(engagement.scrollDepth()).toBe(50);
    } finally {
      document.body.style.overflowY = '';
      main.remove();
      carousel.remove();
    }
  });
});
