import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from '../../../../sdk/core/index.js';
import { formatRemaining } from '../../../../widgets/content/message.js';
import { cleanup, expectNoInlineStyles, flush, showWidget } from './showWidget.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const HTML = '<img src=x onerror=alert(1)>';

/** A click the way a visitor makes it; returns whether the widget let the default action (navigation) happen. */
const visit = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));

describe('message content', () => {
  it('shows markup in any text as the characters it is', () => {
    const { root } = showWidget({
      type: 'message',
      content: {
        kind: 'message',
        title: HTML,
        body: [HTML, { b: [HTML] }],
        image: { src: '/a.png', alt: HTML },
        cta: { label: HTML, href: '/cart' },
        secondary: { label: HTML },
        countdown: { until: 60_000, label: HTML },
        coupon: { code: HTML, label: HTML },
      },
    });
    expect(root.querySelectorAll('img')).toHaveLength(1);
    expect(root.querySelector('img')?.getAttribute('alt')).toBe(HTML);
    expect(root.querySelector('[onerror]')).toBeNull();
    for (const selector of ['h2', 'p', 'strong', 'a.cta', 'button.s', '.cd', 'code', '.cp button']) {
      expect(root.querySelector(selector)?.textContent, selector).toContain(HTML);
    }
    expectNoInlineStyles(root);
  });

  it('renders rich body text as text, strong, em and links', () => {
    const { $ } = showWidget({
      type: 'inline',
      content: { kind: 'message', body: ['Get ', { b: ['20% ', { i: ['off'] }] }, ' — ', { a: ['see ', { i: ['terms'] }], href: '/terms' }, '.'] },
    });
    expect($('p').innerHTML).toBe('Get <strong>20% <em>off</em></strong> — <a href="/terms" rel="noopener">see <em>terms</em></a>.');
  });

  it('reports link, CTA and secondary links and lets them navigate', () => {
    const { $, events } = showWidget({
      type: 'bar',
      content: {
        kind: 'message',
        body: [{ a: ['terms'], href: '/terms' }],
        cta: { label: 'Shop', href: '/shop' },
        secondary: { label: 'Details', href: 'https://example.com/d' },
      },
    });
    expect([visit($('p a')), visit($('a.cta')), visit($('a.s'))]).toEqual([true, true, true]);
    expect(events).toEqual(['click link /terms', 'click cta /shop', 'click secondary https://example.com/d']);
  });

  it('makes link-less actions buttons that report and close', () => {
    const { $, events } = showWidget({
      type: 'message',
      content: { kind: 'message', cta: { label: 'Got it' }, secondary: { label: 'Later' } },
    });
    expect([$<HTMLButtonElement>('.cta').type, $<HTMLButtonElement>('.s').type]).toEqual(['button', 'button']);
    $('.s').click();
    expect(events).toEqual(['click secondary', 'dismiss']);
  });

  it('renders the image with its alt, empty alt included', () => {
    const { $ } = showWidget({ type: 'inline', content: { kind: 'message', image: { src: '/hero.jpg', alt: '' } } });
    expect([$('img').getAttribute('src'), $('img').getAttribute('alt')]).toEqual(['/hero.jpg', '']);
  });

  it('leaves out what the content does not have', () => {
    const { root } = showWidget({ type: 'inline', content: { kind: 'message', title: 'Only a title' } });
    expect([...root.querySelectorAll('.i > *')].map((el) => el.tagName.toLowerCase())).toEqual(['button', 'h2']);
  });
});

describe('countdown', () => {
  it.each([
    [0, '00:00:00'],
    [59, '00:00:59'],
    [3_661, '01:01:01'],
    [86_399, '23:59:59'],
    [86_400, '1d 00:00:00'],
    [2 * 86_400 + 3 * 3_600 + 4 * 60 + 5, '2d 03:04:05'],
    [40 * 86_400, '40d 00:00:00'],
  ])('formats %i seconds as %s', (seconds, text) => {
    expect(formatRemaining(seconds)).toBe(text);
  });

  it('ticks every second from callbacks.now(), expires once at zero and stops', async () => {
    vi.useFakeTimers();
    const { $, events, clock } = showWidget({
      type: 'bar',
      content: { kind: 'message', title: 'Sale', countdown: { until: 3_000, label: 'Ends in' } },
    });
    const seen = [$('.cd b').textContent];
    for (let i = 0; i < 4; i++) {
      clock.now += 1_000;
      vi.advanceTimersByTime(1_000);
      await flush();
      seen.push($('.cd b').textContent);
    }
    expect(seen).toEqual(['00:00:03', '00:00:02', '00:00:01', '00:00:00', '00:00:00']);
    expect(events).toEqual(['expire']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('expires at once, not a second later, when it has ended before it shows', async () => {
    vi.useFakeTimers();
    // The widget's clock starts at 0: one countdown ends in 3 s, the other has ended.
    const live = showWidget({ type: 'bar', content: { kind: 'message', title: 'Sale', countdown: { until: 3_000 } } });
    const ended = showWidget({ type: 'bar', content: { kind: 'message', title: 'Over', countdown: { until: 0 } } });
    vi.advanceTimersByTime(0);
    await flush();
    expect({ live: live.events, ended: ended.events }).toEqual({ live: [], ended: ['expire'] });
  });

  it('hides the ticking digits from screen readers and gives them the fixed end', () => {
    const until = Date.UTC(2026, 11, 31, 23, 0, 0);
    const { $ } = showWidget({ type: 'message', content: { kind: 'message', countdown: { until, label: 'Ends in' } } });
    expect($('.cd').firstChild?.textContent).toBe('Ends in ');
    expect($('.cd b').getAttribute('aria-hidden')).toBe('true');
    expect($('.cd .sr').textContent).toBe(new Date(until).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' }));
  });

  it('gives the fixed end in the page\'s language', () => {
    document.documentElement.lang = 'de';
    try {
      const until = Date.UTC(2026, 11, 31, 23, 0, 0);
      const { $ } = showWidget({ type: 'message', content: { kind: 'message', countdown: { until } } });
      expect($('.cd .sr').textContent).toBe(new Date(until).toLocaleString('de', { dateStyle: 'long', timeStyle: 'short' }));
      expect($('.cd .sr').textContent).toContain('Dezember 2026');
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('clears its interval on unmount', () => {
    vi.useFakeTimers();
    const { widget } = showWidget({ type: 'bar', content: { kind: 'message', countdown: { until: 10_000_000 } } });
    expect(vi.getTimerCount()).toBe(1);
    widget.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('coupon', () => {
  const content: MessageContent = { kind: 'message', coupon: { code: 'WELCOME10' } };

  it('copies the code, reports it and announces it politely', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const { $, events } = showWidget({ type: 'message', content });
    expect([$('code').textContent, $('.cp button').textContent, $('[aria-live=polite]').textContent]).toEqual(['WELCOME10', 'Copy code', '']);
    $('.cp button').click();
    await flush();
    expect(writeText).toHaveBeenCalledWith('WELCOME10');
    expect(events).toEqual(['click coupon']);
    expect($('[aria-live=polite]').textContent).toBe('Copied');
  });

  it('uses the coupon label for the button', () => {
    const { $ } = showWidget({ type: 'message', content: { kind: 'message', coupon: { code: 'X', label: 'Copy' } } });
    expect($('.cp button').textContent).toBe('Copy');
  });

  it.each([
    ['the clipboard refuses', () => vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))],
    ['there is no clipboard', () => vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue(undefined as unknown as Clipboard)],
  ])('selects the code and says how to copy it when %s', async (_, setup) => {
    setup();
    const { $, events } = showWidget({ type: 'message', content });
    $('.cp button').click();
    await flush();
    expect(events).toEqual(['click coupon']);
    expect($('[aria-live=polite]').textContent).toBe('Selected: press Ctrl+C to copy');
    expect(document.getSelection()?.toString()).toBe('WELCOME10');
  });

  it('announces a second copy too: the note clears a while after each', async () => {
    vi.useFakeTimers();
    try {
      vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
      const { $ } = showWidget({ type: 'message', content });
      const heard: string[] = [];
      for (let i = 0; i < 2; i++) {
        $('.cp button').click();
        await vi.advanceTimersByTimeAsync(10);
        heard.push($('[aria-live=polite]').textContent ?? '');
        await vi.advanceTimersByTimeAsync(5000);
        heard.push($('[aria-live=polite]').textContent ?? '');
      }
      expect(heard).toEqual(['Copied', '', 'Copied', '']);
    } finally {
      vi.useRealTimers();
    }
  });
});
