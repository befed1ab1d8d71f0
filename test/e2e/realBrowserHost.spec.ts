import { expect, test, type Page } from '@playwright/test';
import { axe, watchPage } from './pageWatch.js';
import { BODY, host, settled, widget, type HostPage } from './visitorHelpers.js';

// Beckon's widgets on unusual host pages (transforms on <body>, hostile global CSS, an
// app shell, the store's own top layer) and for visitors with accessibility needs (forced
// colours, 400% zoom, text spacing, keyboard only). Each page is served by a route: the
// widgets fixture's boot script and /beckon.js, plus whatever CSS, attributes and markup
// the case needs.

// The page, its route and its boot: shared with the visitor-* specs.
/** The box of the container (first element of the shadow root, or the card of a popup) in viewport coordinates. */
const cardBox = (page: Page, campaign: string) =>
  widget(page, campaign).evaluate((h) => {
    const el = h.shadowRoot!.querySelector('.w')!;
    const r = el.getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), vh: innerHeight, vw: innerWidth };
  });
const inView = (b: { top: number; bottom: number; left: number; right: number; vh: number; vw: number }) =>
  b.top >= -1 && b.bottom <= b.vh + 1 && b.left >= -1 && b.right <= b.vw + 1 && b.bottom > b.top;

const FOUR = {
  version: 1,
  campaigns: [
    { id: 'top-bar', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Free shipping over €50', cta: { label: 'Details', href: '#d' } } },
    { id: 'bottom-bar', type: 'bar', placement: { position: 'bottom' }, content: { kind: 'message', title: 'New arrivals' } },
    { id: 'tl', type: 'message', placement: { position: 'top-left' }, content: { kind: 'message', title: 'Help top-left', body: 'Ask us.' } },
    { id: 'br', type: 'message', placement: { position: 'bottom-right' }, content: { kind: 'message', title: 'Help bottom-right', body: 'Ask us.' } },
  ],
};

test.describe('fixed widgets when the host gives <body> or <html> a containing block for fixed boxes', () => {
  for (const [where, css] of [
    ['body transform', 'body{transform:translateZ(0)}'],
    ['body filter', 'body{filter:saturate(1.01)}'],
    ['body will-change', 'body{will-change:transform}'],
    ['body contain:paint', 'body{contain:paint}'],
    ['html filter', 'html{filter:saturate(1.01)}'],
  ] as const) {
    test(`${where}: bars and corner messages stay in the viewport after scrolling`, async ({ page }) => {
      await host(page, { config: FOUR, css });
      await expect(page.locator('beckon-widget')).toHaveCount(4);
      await settled(page);
      await page.evaluate(() => window.scrollTo(0, 1200));
      await page.waitForTimeout(300);
      const boxes: Record<string, unknown> = {};
      for (const id of ['top-bar', 'bottom-bar', 'tl', 'br']) {
        const b = await cardBox(page, id);
        boxes[id] = inView(b) ? 'in view' : b;
      }
      expect(boxes).toEqual({ 'top-bar': 'in view', 'bottom-bar': 'in view', tl: 'in view', br: 'in view' });
    });
  }
});

test.describe('a popup under host CSS that hides undefined custom elements', () => {
  for (const [what, css] of [
    [':not(:defined){display:none}', ':not(:defined){display:none}'],
    [':not(:defined){visibility:hidden}', ':not(:defined){visibility:hidden}'],
  ] as const) {
    test(`${what}: the page is never left inert behind an invisible dialog`, async ({ page }) => {
      await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off', body: 'Today only.' } }] }, css });
      await expect(widget(page, 'pop')).toHaveCount(1);
      await page.waitForTimeout(500);
      const state = await page.evaluate(() => {
        const dialog = document.querySelector('beckon-widget')!.shadowRoot!.querySelector('dialog')!;
        const r = dialog.getBoundingClientRect();
        const deep = document.getElementById('open-offer')!;
        const b = deep.getBoundingClientRect();
        const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
        return { dialogOpen: dialog.open, dialogVisible: r.width > 0 && r.height > 0 && getComputedStyle(dialog).visibility === 'visible', pageButtonHit: hit === deep };
      });
      // Either the visitor sees the popup, or the page stays usable: never an inert page with nothing on it.
      expect(state.dialogVisible || state.pageButtonHit, JSON.stringify(state)).toBe(true);
    });
  }
});

test.describe('focus return when a popup closes', () => {
  test('the page does not jump back to the control that had focus before the visitor scrolled down', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', trigger: { on: 'event', name: 'later' }, content: { kind: 'message', title: 'Ten percent off', body: 'Today only.' } }] },
    });
    await page.locator('#open-offer').click();
    await page.mouse.move(200, 300);
    await page.mouse.wheel(0, 1400);
    await page.waitForFunction(() => scrollY > 1000);
    const before = await page.evaluate(() => scrollY);
    await page.evaluate(() => (window as any).beckon.track('later'));
    const dialog = widget(page, 'pop').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(widget(page, 'pop')).toHaveCount(0);
    await page.waitForTimeout(300);
    expect({ scrollY: await page.evaluate(() => scrollY) }).toEqual({ scrollY: before });
  });

  test('a native <dialog> closing does not scroll either (control: what the platform does)', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [] }, body: BODY + '<dialog id="d"><button>ok</button></dialog>' });
    await page.locator('#open-offer').click();
    await page.mouse.move(200, 300);
    await page.mouse.wheel(0, 1400);
    await page.waitForFunction(() => scrollY > 1000);
    const before = await page.evaluate(() => scrollY);
    await page.evaluate(() => (document.getElementById('d') as HTMLDialogElement).showModal());
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect({ scrollY: await page.evaluate(() => scrollY), focused: await page.evaluate(() => document.activeElement?.id) }).toEqual({ scrollY: before, focused: 'open-offer' });
  });
});

test.describe('reflow at 320 CSS px and 400% zoom (WCAG 1.4.10)', () => {
  test.use({ viewport: { width: 320, height: 256 } });
  const form = {
    kind: 'form',
    title: 'Join the club',
    body: 'Members get early access to every sale and free returns.',
    fields: [
      { name: 'email', type: 'email', label: 'Email', required: true },
      { name: 'terms', type: 'consent', label: 'I agree to the privacy policy', required: true },
    ],
    submit: { label: 'Join', successMessage: 'Welcome!' },
  };
  for (const type of ['bar', 'message', 'popup'] as const) {
    test(`a ${type} with a form: every control can be reached on a 320×256 viewport`, async ({ page }) => {
      await host(page, { config: { version: 1, campaigns: [{ id: 'c', type, placement: type === 'bar' ? { position: 'bottom' } : type === 'message' ? { position: 'bottom-right' } : undefined, content: form }] } });
      await expect(widget(page, 'c')).toHaveCount(1);
      await settled(page);
      const join = widget(page, 'c').getByRole('button', { name: 'Join' });
      const close = widget(page, 'c').getByRole('button', { name: 'Close' });
      // A visitor scrolls what can scroll to reach a control: scrollIntoView does the same.
      const reach = async (l: typeof join) => {
        await l.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
        const b = (await l.boundingBox())!;
        return b.y >= 0 && b.y + b.height <= 256 && b.x >= 0 && b.x + b.width <= 320;
      };
      const card = await cardBox(page, 'c');
      expect({ join: await reach(join), close: await reach(close) }, JSON.stringify(card)).toEqual({ join: true, close: true });
    });
  }
});

const ALL_KINDS = {
  version: 1,
  quizzes: [
    {
      id: 'q',
      title: 'Find your shoe',
      questions: [
        { id: 'sport', type: 'single', text: 'What do you train for?', options: [{ value: 'running', label: 'Running' }, { value: 'gym', label: 'Gym' }] },
      ],
    },
  ],
  campaigns: [
    {
      id: 'pop',
      type: 'popup',
      content: { kind: 'message', title: 'Ten percent off', body: 'Today only. [Terms](/terms)', cta: { label: 'Shop now', href: '#shop' }, secondary: { label: 'No thanks' }, coupon: { code: 'TEN' } },
    },
    { id: 'top-bar', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'Free shipping over €50', cta: { label: 'Details' } } },
    {
      id: 'br',
      type: 'message',
      placement: { position: 'bottom-right' },
      content: { kind: 'form', title: 'Newsletter', fields: [{ name: 'email', type: 'email', label: 'Email', required: true }, { name: 'ok', type: 'consent', label: 'I agree', required: true }], submit: { label: 'Sign up' } },
    },
    { id: 'slot', type: 'inline', placement: { target: '#slot', mode: 'append' }, content: { kind: 'quiz', quiz: 'q' } },
  ],
};

test.describe('forced colors (Windows high contrast)', () => {
  test('every widget keeps a visible edge and every button a visible boundary', async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    await host(page, { config: ALL_KINDS });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    const report = await page.evaluate(() => {
      const edge = (el: Element) => {
        const s = getComputedStyle(el);
        const border = ['Top', 'Right', 'Bottom', 'Left'].some((k) => parseFloat((s as any)[`border${k}Width`]) > 0 && (s as any)[`border${k}Style`] !== 'none');
        const outline = parseFloat(s.outlineWidth) > 0 && s.outlineStyle !== 'none';
        return border || outline || s.boxShadow !== 'none';
      };
      const out: Record<string, unknown> = {};
      for (const h of document.querySelectorAll('beckon-widget')) {
        const root = h.shadowRoot!;
        const card = root.querySelector('.w')!;
        out[(h as HTMLElement).dataset.campaign + ' card'] = edge(card);
        for (const b of root.querySelectorAll('button,.cta')) out[`${(h as HTMLElement).dataset.campaign} ${b.getAttribute('aria-label') || b.textContent}`] = edge(b);
      }
      return out;
    });
    const invisible = Object.entries(report).filter(([, v]) => !v).map(([k]) => k);
    expect(invisible).toEqual([]);
  });
});

/** What has focus, through shadow roots: "campaign > tag: name" or the page element's id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const host = (el as HTMLElement).dataset?.campaign;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!host) return '#' + el!.id;
    return `${host} > ${el?.tagName.toLowerCase()}: ${el?.getAttribute('aria-label') || el?.textContent?.trim().slice(0, 30)}`;
  });

const POP = { version: 1, campaigns: [{ id: 'pop', type: 'popup', trigger: { on: 'event', name: 'later' }, content: { kind: 'message', title: 'Ten percent off', body: 'Today only.', cta: { label: 'Shop now', href: '#shop' }, secondary: { label: 'No thanks' } } }] };

test.describe('a popup over the store’s own top layer', () => {
  test('over an open modal <dialog>: the popup is on top, focus is in it and trapped; closing it returns to the store’s dialog', async ({ page }) => {
    await host(page, { config: POP, body: BODY + '<dialog id="store"><h2>Cookies</h2><button id="accept">Accept</button> <button id="reject">Reject</button></dialog>' });
    await page.evaluate(() => (document.getElementById('store') as HTMLDialogElement).showModal());
    await expect(page.locator('#accept')).toBeFocused();
    await page.evaluate(() => (window as any).beckon.track('later'));
    const dialog = widget(page, 'pop').getByRole('dialog', { name: 'Ten percent off' });
    await expect(dialog).toBeVisible();
    await settled(page);
    const hit = await page.evaluate(() => {
      const b = document.querySelector('beckon-widget')!.shadowRoot!.querySelector('.w')!.getBoundingClientRect();
      return (document.elementFromPoint(b.x + b.width / 2, b.y + 10) as HTMLElement)?.tagName.toLowerCase();
    });
    const seen: string[] = [await focused(page)];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    await page.keyboard.press('Escape');
    await expect(widget(page, 'pop')).toHaveCount(0);
    const after = { storeOpen: await page.evaluate(() => (document.getElementById('store') as HTMLDialogElement).open), focus: await focused(page) };
    expect({ hit, seen, after }).toEqual({
      hit: 'beckon-widget',
      seen: ['pop > a: Shop now', 'pop > button: No thanks', 'pop > button: Close', 'pop > a: Shop now', 'pop > button: No thanks'],
      after: { storeOpen: true, focus: '#accept' },
    });
  });

  test('over an open popover: the popup is on top and usable', async ({ page }) => {
    await host(page, { config: POP, body: BODY + '<div id="pv" popover="manual" style="inset:0;width:100vw;height:100vh;margin:0">Store overlay <button id="pvb">x</button></div>' });
    await page.evaluate(() => (document.getElementById('pv') as any).showPopover());
    await page.evaluate(() => (window as any).beckon.track('later'));
    const dialog = widget(page, 'pop').getByRole('dialog', { name: 'Ten percent off' });
    await expect(dialog).toBeVisible();
    await settled(page);
    await dialog.getByRole('button', { name: 'No thanks' }).click({ timeout: 5000 });
    await expect(widget(page, 'pop')).toHaveCount(0);
  });

});

test.describe('host typography and direction', () => {
  test('html{font-size:10px} (62.5% rem trick): widget text stays at its own size', async ({ page }) => {
    await host(page, { config: ALL_KINDS, css: 'html{font-size:10px}body{font-size:1.6rem}' });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    const sizes = await page.locator('beckon-widget').evaluateAll((hs) =>
      hs.map((h) => {
        const r = h.shadowRoot!;
        const small = [...r.querySelectorAll('*')].filter((e) => e.textContent?.trim() && parseFloat(getComputedStyle(e).fontSize) < 13).map((e) => e.tagName + ' ' + getComputedStyle(e).fontSize);
        return (h as HTMLElement).dataset.campaign + ': ' + (small.join(',') || 'ok');
      }),
    );
    expect(sizes.filter((s) => !s.endsWith('ok'))).toEqual([]);
  });

  test('dir="rtl" page: the close button overlaps no text, and text follows the page direction', async ({ page }) => {
    await host(page, { config: ALL_KINDS, htmlAttrs: 'dir="rtl" lang="ar"' });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    const overlaps = await page.locator('beckon-widget').evaluateAll((hs) =>
      hs.flatMap((h) => {
        const r = h.shadowRoot!;
        const x = r.querySelector('.x')!.getBoundingClientRect();
        return [...r.querySelectorAll('h2,p,label,legend,button:not(.x),a')]
          .filter((e) => {
            const b = e.getBoundingClientRect();
            // Text boxes only: ranges of text, not block boxes.
            const range = document.createRange();
            range.selectNodeContents(e);
            return [...range.getClientRects()].some((t) => t.left < x.right && t.right > x.left && t.top < x.bottom && t.bottom > x.top) && b.width > 0;
          })
          .map((e) => `${(h as HTMLElement).dataset.campaign}: ${e.tagName} "${e.textContent?.slice(0, 20)}"`);
      }),
    );
    const dirs = await page.locator('beckon-widget').evaluateAll((hs) => hs.map((h) => getComputedStyle(h.shadowRoot!.querySelector('.w')!).direction));
    expect({ overlaps, dirs }).toEqual({ overlaps: [], dirs: ['rtl', 'rtl', 'rtl', 'rtl'] });
  });

  test('body{zoom:2}: widgets and their controls stay on screen and clickable', async ({ page }) => {
    await host(page, { config: FOUR, css: 'body{zoom:2}' });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    await page.evaluate(() => window.scrollTo(0, 800));
    await page.waitForTimeout(200);
    const boxes: Record<string, unknown> = {};
    for (const id of ['top-bar', 'bottom-bar', 'tl', 'br']) {
      const b = await cardBox(page, id);
      boxes[id] = inView(b) ? 'in view' : b;
    }
    expect(boxes).toEqual({ 'top-bar': 'in view', 'bottom-bar': 'in view', tl: 'in view', br: 'in view' });
    await widget(page, 'br').getByRole('button', { name: 'Close' }).click({ timeout: 5000 });
    await expect(widget(page, 'br')).toHaveCount(0);
  });
});


test.describe('target size (WCAG 2.5.8: 24×24 CSS px, or spaced 24 px apart)', () => {
  test('every control in every container and content kind', async ({ page }) => {
    await host(page, { config: ALL_KINDS });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    const small = await page.locator('beckon-widget').evaluateAll((hs) =>
      hs.flatMap((h) =>
        [...h.shadowRoot!.querySelectorAll<HTMLElement>('button,a,input,select,textarea')]
          .filter((e) => getComputedStyle(e).opacity !== '0')
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ e, r }) => (r.width < 24 || r.height < 24) && !(e.tagName === 'A' && e.closest('p') && !e.classList.length))
          // An input whose label is clickable: the label is part of its target.
          .filter(({ e }) => !((e as HTMLInputElement).labels?.length && [...(e as HTMLInputElement).labels!].some((l) => { const b = l.getBoundingClientRect(); return b.height >= 24; })))
          // The spacing exception: a 24 px circle on its centre meets no other target.
          .filter(({ e, r }) => {
            const cx = r.x + r.width / 2, cy = r.y + r.height / 2;
            const own = new Set<Element>([e, ...((e as HTMLInputElement).labels ?? [])]);
            return [...h.shadowRoot!.querySelectorAll('button,a,input,select,textarea,label')].some((o) => {
              if (own.has(o) || o.contains(e)) return false;
              const b = o.getBoundingClientRect();
              const dx = Math.max(b.left - cx, 0, cx - b.right), dy = Math.max(b.top - cy, 0, cy - b.bottom);
              return Math.hypot(dx, dy) < 12;
            });
          })
          .map(({ e, r }) => `${(h as HTMLElement).dataset.campaign}: ${e.tagName.toLowerCase()}[${(e as HTMLInputElement).type ?? ''}] ${e.getAttribute('aria-label') || e.textContent || (e as HTMLInputElement).labels?.[0]?.textContent} ${Math.round(r.width)}×${Math.round(r.height)}`),
      ),
    );
    expect(small).toEqual([]);
  });
});

test.describe('focus visible on every control (WCAG 2.4.7), keyboard only', () => {
  test('each control reached by Tab shows an outline', async ({ page }) => {
    const config = { ...ALL_KINDS, campaigns: ALL_KINDS.campaigns.filter((c) => c.id !== 'pop') };
    await host(page, { config });
    await expect(page.locator('beckon-widget')).toHaveCount(3);
    await settled(page);
    await page.locator('#deep').focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.keyboard.press('Shift+Tab'); // back to a known point, then walk forward through the page
    const noRing: string[] = [];
    const reached: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const r = await page.evaluate(() => {
        let el = document.activeElement;
        const host = (el as HTMLElement)?.dataset?.campaign;
        if (!host) return null;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const s = getComputedStyle(el!);
        let ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        // Visually hidden inputs draw their ring on the next sibling.
        const next = el!.nextElementSibling;
        if (!ring && next) {
          const n = getComputedStyle(next);
          ring = n.outlineStyle !== 'none' && parseFloat(n.outlineWidth) > 0;
        }
        return { id: `${host} > ${el!.tagName.toLowerCase()} ${el!.getAttribute('aria-label') || el!.textContent?.trim().slice(0, 20) || ''}`, ring };
      });
      if (!r) continue;
      reached.push(r.id);
      if (!r.ring) noRing.push(r.id);
    }
    expect({ noRing, reachedSome: reached.length > 5 }).toEqual({ noRing: [], reachedSome: true });
  });
});

test.describe('text spacing (WCAG 1.4.12)', () => {
  test.use({ viewport: { width: 390, height: 740 } });
  test('no text is clipped with line-height 1.5, paragraph spacing 2em, letter 0.12em and word 0.16em', async ({ page }) => {
    await host(page, { config: ALL_KINDS });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    const clipped = await page.locator('beckon-widget').evaluateAll((hs) => {
      const out: string[] = [];
      for (const h of hs) {
        const r = h.shadowRoot!;
        const s = new CSSStyleSheet();
        s.replaceSync('*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}p{margin-bottom:2em!important}');
        r.adoptedStyleSheets = [...r.adoptedStyleSheets, s];
        for (const e of r.querySelectorAll<HTMLElement>('*')) {
          const cs = getComputedStyle(e);
          if (cs.overflow.includes('hidden') || cs.overflowX === 'hidden' || cs.overflowY === 'hidden') {
            if (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) if (!e.classList.contains('sr')) out.push(`${(h as HTMLElement).dataset.campaign}: ${e.tagName}.${e.className}`);
          }
        }
        // Controls whose text is wider than the control.
        for (const e of r.querySelectorAll<HTMLElement>('button,a.cta')) if (e.scrollWidth > e.clientWidth + 1) out.push(`${(h as HTMLElement).dataset.campaign}: ${e.tagName} "${e.textContent}" overflows`);
      }
      return out;
    });
    expect(clipped).toEqual([]);
  });
});

test.describe('the page behind an open popup, from the keyboard and touch', () => {
  test('arrow keys, Page Down, End and Space with focus in the popup do not scroll the page behind', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off', body: 'Today only.' } }] } });
    const dialog = widget(page, 'pop').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await settled(page);
    const moved: Record<string, number> = {};
    for (const key of ['ArrowDown', 'PageDown', 'End', 'Space']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(300);
      moved[key] = await page.evaluate(() => scrollY);
    }
    expect(moved).toEqual({ ArrowDown: 0, PageDown: 0, End: 0, Space: 0 });
  });
});

test.describe('phone: touch scrolling over an open popup', () => {
  test.use({ viewport: { width: 390, height: 700 }, isMobile: true, hasTouch: true });
  test('a swipe over the backdrop or the card does not scroll the page behind', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off', body: 'Today only.' } }] } });
    const dialog = widget(page, 'pop').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await settled(page);
    const cdp = await page.context().newCDPSession(page);
    const results: Record<string, number> = {};
    for (const [name, y] of [['backdrop', 80], ['card', 350]] as const) {
      await cdp.send('Input.synthesizeScrollGesture', { x: 195, y, yDistance: -400, speed: 800, gestureSourceType: 'touch' });
      await page.waitForTimeout(500);
      results[name] = await page.evaluate(() => scrollY);
    }
    expect(results).toEqual({ backdrop: 0, card: 0 });
  });
});

test.describe('focus return from a bar, a message or an inline widget closed from the keyboard', () => {
  for (const [type, placement] of [['message', { position: 'bottom-right' }], ['bar', { position: 'bottom' }], ['inline', { target: '#slot', mode: 'append' }]] as const) {
    test(`${type}: focus goes back near where the visitor was, and the page does not jump`, async ({ page }) => {
      await host(page, {
        config: { version: 1, campaigns: [{ id: 'w', type, placement, content: { kind: 'message', title: 'Need help?', body: 'Ask us.' } }] },
        body: BODY.replace('<h1>Host page</h1>', '<h1>Host page</h1><input id="search" aria-label="Search" autofocus>'),
      });
      await expect(widget(page, 'w')).toHaveCount(1);
      await expect(page.locator('#search')).toBeFocused();
      // The visitor scrolls down, uses a control there, then tabs on into the widget and closes it.
      await page.mouse.wheel(0, 1600);
      await page.waitForFunction(() => scrollY > 1000);
      await page.locator('#deep').click();
      const start = await page.evaluate(() => scrollY);
      let guard = 0;
      while (!(await focused(page)).startsWith('w > button: Close') && guard++ < 15) await page.keyboard.press(type === 'inline' ? 'Shift+Tab' : 'Tab');
      expect(await focused(page)).toBe('w > button: Close');
      const atClose = await page.evaluate(() => scrollY);
      await page.keyboard.press('Enter');
      await expect(widget(page, 'w')).toHaveCount(0);
      await page.waitForTimeout(300);
      const after = { focus: await focused(page), scrollY: await page.evaluate(() => scrollY) };
      // Focus goes back to the control the visitor left for the widget, and the page stays
      // where it was when they closed it (for an inline widget, where the widget was).
      expect({ focus: after.focus, moved: Math.abs(after.scrollY - atClose) > 50 }, JSON.stringify({ start, atClose, ...after })).toEqual({ focus: '#deep', moved: false });
    });
  }
});

test.describe('axe-core on every container under unusual host conditions', () => {
  const conditions: [string, HostPage['css'], string?, Record<string, unknown>?][] = [
    ['rtl Arabic page', '', 'dir="rtl" lang="ar"'],
    ['dark color-scheme', ':root{color-scheme:dark;background:#111;color:#eee}'],
    ['html font-size 10px', 'html{font-size:10px}'],
    ['body transform', 'body{transform:translateZ(0)}'],
  ];
  for (const [name, css, htmlAttrs] of conditions) {
    test(`${name}: no serious or critical violation`, async ({ page }) => {
      await host(page, { config: ALL_KINDS, css, htmlAttrs });
      await expect(page.locator('beckon-widget')).toHaveCount(4);
      await settled(page);
      expect(await axe(page)).toEqual([]);
    });
  }
  for (const [name, media] of [['forced colors', { forcedColors: 'active' }], ['reduced motion + dark', { reducedMotion: 'reduce', colorScheme: 'dark' }]] as const) {
    test(`${name}: no serious or critical violation`, async ({ page }) => {
      await page.emulateMedia(media as any);
      await host(page, { config: ALL_KINDS });
      await expect(page.locator('beckon-widget')).toHaveCount(4);
      await settled(page);
      expect(await axe(page)).toEqual([]);
    });
  }
  test.describe('320 px', () => {
    test.use({ viewport: { width: 320, height: 640 } });
    test('no serious or critical violation', async ({ page }) => {
      await host(page, { config: ALL_KINDS });
      await expect(page.locator('beckon-widget')).toHaveCount(4);
      await settled(page);
      expect(await axe(page)).toEqual([]);
    });
  });
});

test.describe('a store header at the very top of the z-index range', () => {
  test('z-index 2147483647 sticky header and a fixed chat button: bars and messages are still on top', async ({ page }) => {
    await host(page, {
      config: FOUR,
      css: '.site-header{z-index:2147483647;position:sticky;top:0;height:80px}#chat{position:fixed;right:0;bottom:0;width:420px;height:220px;z-index:2147483647;background:#c00}',
      body: BODY + '<div id="chat">chat</div>',
    });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    const hits = await page.evaluate(() =>
      [...document.querySelectorAll('beckon-widget')].map((h) => {
        const x = h.shadowRoot!.querySelector('.x')!.getBoundingClientRect();
        return [(h as HTMLElement).dataset.campaign, (document.elementFromPoint(x.x + 16, x.y + 16) as HTMLElement)?.dataset?.campaign ?? document.elementFromPoint(x.x + 16, x.y + 16)?.id];
      }),
    );
    expect(hits.filter(([a, b]) => a !== b)).toEqual([]);
  });
});


test.describe('an app-shell page: html and body do not scroll, an inner element does', () => {
  const SHELL = 'html,body{height:100%;overflow:hidden}#app{height:100%;overflow:auto}';
  const shellBody = `<div id="app">${BODY}</div>`;

  test('a popup triggered at 75% scroll does not show at load, and shows once the visitor scrolls the page down', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [{ id: 'deep', type: 'popup', trigger: { on: 'scroll', percent: 75 }, content: { kind: 'message', title: 'You read a lot' } }] },
      css: SHELL,
      body: shellBody,
    });
    await page.waitForTimeout(1500);
    const atLoad = await widget(page, 'deep').count();
    await page.locator('#app').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(1500);
    const atEnd = await widget(page, 'deep').count();
    expect({ atLoad, atEnd }).toEqual({ atLoad: 0, atEnd: 1 });
  });

  test('bars and messages are on screen, and the popup closing leaves the inner scroll where it was', async ({ page }) => {
    await host(page, {
      config: { ...FOUR, campaigns: [...FOUR.campaigns, ...POP.campaigns] },
      css: SHELL,
      body: shellBody,
    });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await page.locator('#open-offer').click();
    await page.locator('#app').evaluate((el) => el.scrollTo(0, 1500));
    await page.evaluate(() => (window as any).beckon.track('later'));
    await expect(widget(page, 'pop').getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(widget(page, 'pop')).toHaveCount(0);
    await page.waitForTimeout(300);
    const boxes: Record<string, unknown> = {};
    for (const id of ['top-bar', 'bottom-bar', 'tl', 'br']) boxes[id] = inView(await cardBox(page, id)) ? 'in view' : 'off';
    expect({ boxes, innerScroll: await page.locator('#app').evaluate((el) => el.scrollTop) }).toEqual({ boxes: { 'top-bar': 'in view', 'bottom-bar': 'in view', tl: 'in view', br: 'in view' }, innerScroll: 1500 });
  });
});

test.describe('a message appearing does not take focus', () => {
  test('the visitor typing in a search field keeps focus when a corner message and a bar appear', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [{ id: 'm', type: 'message', trigger: { on: 'event', name: 'later' }, content: { kind: 'message', title: 'Psst' } }, { id: 'b', type: 'bar', trigger: { on: 'event', name: 'later' }, content: { kind: 'message', title: 'Bar' } }] },
      body: BODY.replace('<h1>Host page</h1>', '<h1>Host page</h1><input id="search" aria-label="Search">'),
    });
    await page.locator('#search').click();
    await page.keyboard.type('sho');
    await page.evaluate(() => (window as any).beckon.track('later'));
    await expect(page.locator('beckon-widget')).toHaveCount(2);
    await page.keyboard.type('es');
    expect({ focus: await focused(page), value: await page.locator('#search').inputValue() }).toEqual({ focus: '#search', value: 'shoes' });
  });
});

test.describe('forced colors: a rating scale shows which value is picked', () => {
  for (const [scale, forced] of [['nps', true], ['stars', true], ['nps', false], ['stars', false]] as const) {
    test(`${scale}${forced ? '' : ' (control, no forced colors)'}: picking a value changes what the visitor sees`, async ({ page }) => {
      if (forced) await page.emulateMedia({ forcedColors: 'active' });
      await host(page, {
        config: {
          version: 1,
          quizzes: [{ id: 'r', title: 'Rate us', questions: [{ id: 'score', type: 'rating', scale, text: 'How likely are you to recommend us?' }] }],
          campaigns: [{ id: 'slot', type: 'inline', placement: { target: '#slot', mode: 'append' }, content: { kind: 'quiz', quiz: 'r' } }],
        },
      });
      const quiz = widget(page, 'slot');
      await expect(quiz.getByRole('radio').first()).toBeAttached();
      const pick = scale === 'nps' ? 3 : 1; // NPS: "3"; stars: the second star ("2 of 5 stars")
      await page.locator('h1').click();
      await page.waitForTimeout(300);
      const before = await quiz.screenshot({ animations: 'disabled' });
      await quiz.getByRole('radio').nth(pick).check({ force: true });
      // Click elsewhere so the focus ring does not count as the difference.
      await page.locator('h1').click();
      await page.waitForTimeout(300);
      const after = await quiz.screenshot({ animations: 'disabled' });
      expect(await quiz.getByRole('radio').nth(pick).isChecked()).toBe(true);
      // Not forced colors: the same steps change the picture (control).
      expect({ pickedLooksDifferent: !before.equals(after) }).toEqual({ pickedLooksDifferent: true });
      void forced;
    });
  }
});

test.describe('more hostile global host CSS', () => {
  test('* { all: unset } on the host: bars, messages and a popup still show, and their × works', async ({ page }) => {
    await host(page, { config: { ...FOUR, campaigns: [...FOUR.campaigns, { ...POP.campaigns[0], trigger: { on: 'load' } }] }, css: '*{all:unset}head,style,script,title{display:none}' });
    await expect(page.locator('beckon-widget')).toHaveCount(5);
    await settled(page);
    const dialog = widget(page, 'pop').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click({ timeout: 5000 });
    await expect(widget(page, 'pop')).toHaveCount(0);
    const boxes: Record<string, unknown> = {};
    for (const id of ['top-bar', 'bottom-bar', 'tl', 'br']) boxes[id] = inView(await cardBox(page, id)) ? 'in view' : await cardBox(page, id);
    expect(boxes).toEqual({ 'top-bar': 'in view', 'bottom-bar': 'in view', tl: 'in view', br: 'in view' });
    await widget(page, 'br').getByRole('button', { name: 'Close' }).click({ timeout: 5000 });
    await expect(widget(page, 'br')).toHaveCount(0);
  });

  test('beckon-widget { display: none !important } (a store hiding Beckon): a popup does not leave the page inert', async ({ page }) => {
    await host(page, { config: { version: 1, campaigns: [{ id: 'pop', type: 'popup', content: { kind: 'message', title: 'Ten percent off' } }] }, css: 'beckon-widget{display:none!important}' });
    await expect(widget(page, 'pop')).toHaveCount(1);
    await page.waitForTimeout(500);
    const clicked = await page.locator('#open-offer').click({ timeout: 3000 }).then(() => 'clicked', (e) => String(e).split('\n').find((l) => /inert|intercepts|not/.test(l)) ?? 'blocked');
    expect(clicked).toBe('clicked');
  });

  test('sticky-footer flex column with space-between on a short page: no layout shift when a bar appears', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [{ id: 'b', type: 'bar', placement: { position: 'bottom' }, trigger: { on: 'event', name: 'later' }, content: { kind: 'message', title: 'New arrivals' } }] },
      css: 'body{min-height:100vh;display:flex;flex-direction:column;justify-content:space-between}',
      body: '<header class="site-header">Shop</header><main><h1>Short page</h1></main><footer id="foot">Footer</footer>',
    });
    const y = () => page.evaluate(() => Math.round(document.querySelector('main')!.getBoundingClientRect().top));
    const before = await y();
    await page.evaluate(() => (window as any).beckon.track('later'));
    await expect(widget(page, 'b')).toHaveCount(1);
    await page.waitForTimeout(300);
    expect({ mainMoved: (await y()) - before, cls: await page.evaluate(() => (window as any).cls) }).toEqual({ mainMoved: 0, cls: 0 });
  });
});
