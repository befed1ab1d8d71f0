import { expect, test, type Page } from '@playwright/test';
import { axe } from './pageWatch.js';
import { host, settled, shot, widget } from './visitorHelpers.js';

// right-to-left pages, other languages and scripts, bidi text in templates.

const QUIZ = {
  id: 'q',
  title: 'ابحث عن حذائك',
  questions: [
    { id: 'sport', type: 'single', text: 'ما الذي تتدرب عليه؟', options: [{ value: 'running', label: 'الجري', next: 'nps' }, { value: 'gym', label: 'الصالة', next: 'nps' }] },
    { id: 'nps', type: 'rating', scale: 'nps', text: 'ما مدى احتمال أن توصي بنا؟', lowLabel: 'غير محتمل', highLabel: 'محتمل جدا' },
  ],
};

const AR = {
  version: 1,
  quizzes: [QUIZ],
  campaigns: [
    { id: 'bar', type: 'bar', placement: { position: 'top' }, content: { kind: 'message', title: 'شحن مجاني للطلبات فوق 50 يورو', cta: { label: 'التفاصيل' } } },
    { id: 'msg', type: 'message', placement: { position: 'bottom-left' }, content: { kind: 'message', title: 'هل تحتاج إلى مساعدة؟', body: 'نحن هنا **دائما**. [اتصل بنا](/contact)' } },
    { id: 'inl', type: 'inline', placement: { target: '#slot', mode: 'append' }, content: { kind: 'quiz', quiz: 'q' } },
  ],
};

const dirOf = (page: Page) =>
  page.locator('beckon-widget').evaluateAll((hs) =>
    Object.fromEntries(hs.map((h) => {
      const card = h.shadowRoot!.querySelector('.w')!;
      return [(h as HTMLElement).dataset.campaign, `${getComputedStyle(card).direction} ${card.matches(':lang(ar)') ? 'ar' : 'not-ar'}`];
    })),
  );

test.describe('direction and language from the page', () => {
  test('dir="rtl" lang="ar" on <html>: every widget is right-to-left and Arabic (control)', async ({ page }) => {
    await host(page, { config: AR, htmlAttrs: 'dir="rtl" lang="ar"' });
    await expect(page.locator('beckon-widget')).toHaveCount(3);
    expect(await dirOf(page)).toEqual({ bar: 'rtl ar', msg: 'rtl ar', inl: 'rtl ar' });
  });

  test('dir="rtl" lang="ar" on <body> (as many CMS themes set it): bars and corner messages are right-to-left and Arabic too', async ({ page }) => {
    await host(page, { config: AR, htmlAttrs: 'lang=""', bodyAttrs: 'dir="rtl" lang="ar"' });
    await expect(page.locator('beckon-widget')).toHaveCount(3);
    await settled(page);
    await shot(page, 'rtl-on-body');
    expect(await dirOf(page)).toEqual({ bar: 'rtl ar', msg: 'rtl ar', inl: 'rtl ar' });
  });

  test('axe-core on an Arabic RTL page with a bar, a corner message and an inline quiz: no serious violation', async ({ page }) => {
    await host(page, { config: AR, htmlAttrs: 'dir="rtl" lang="ar"' });
    await expect(page.locator('beckon-widget')).toHaveCount(3);
    await settled(page);
    expect(await axe(page)).toEqual([]);
  });
});

test.describe('RTL layout', () => {
  test('a quiz on an RTL page: Back sits at the start (right) edge, Next at the end (left), as Back/Next do left-to-right', async ({ page }) => {
    await host(page, { config: AR, htmlAttrs: 'dir="rtl" lang="ar"' });
    const quiz = widget(page, 'inl');
    await quiz.getByRole('radio', { name: 'الجري' }).check();
    await quiz.getByRole('button', { name: 'Next' }).click();
    await expect(quiz.getByRole('button', { name: 'Back' })).toBeVisible();
    await shot(page, 'rtl-quiz-nav');
    const pos = await quiz.evaluate((h) => {
      const nav = h.shadowRoot!.querySelector('.nv')!.getBoundingClientRect();
      const back = h.shadowRoot!.querySelector('.bk')!.getBoundingClientRect();
      const next = h.shadowRoot!.querySelector('.nv .cta')!.getBoundingClientRect();
      return { backAtStart: Math.abs(back.right - nav.right) < 2, nextAtEnd: Math.abs(next.left - nav.left) < 2 };
    });
    expect(pos).toEqual({ backAtStart: true, nextAtEnd: true });
  });

});

test.describe('bidi text in templates', () => {
  /** Where (x) each of `words` starts on screen inside the widget's h2/p. */
  const xOf = (page: Page, id: string, sel: string, words: string[]) =>
    widget(page, id).evaluate(
      (h, [sel, words]) => {
        const el = h.shadowRoot!.querySelector(sel as string)!;
        const text = el.firstChild as Text;
        const out: Record<string, number> = {};
        for (const w of words as string[]) {
          const i = text.data.indexOf(w);
          const r = document.createRange();
          r.setStart(text, i);
          r.setEnd(text, i + w.length);
          const rects = [...r.getClientRects()];
          out[w] = Math.round(Math.min(...rects.map((b) => b.left)));
        }
        return out;
      },
      [sel, words] as const,
    );

  test('an Arabic first name in an English title does not drag the marketer’s “10%” in front of it', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Hi {{traits.firstName|there}}: 10% off today' } }] },
      preBoot: `beckon('identify', { firstName: 'هادي' });`,
    });
    await expect(widget(page, 't').getByRole('heading')).toContainText('هادي');
    await shot(page, 'bidi-name');
    const x = await xOf(page, 't', 'h2', ['Hi', 'هادي', '10%', 'off']);
    // Reading order left to right in an English sentence: Hi, the name, 10%, off.
    expect(x['Hi']! < x['هادي']! && x['هادي']! < x['10%']! && x['10%']! < x['off']!, JSON.stringify(x)).toBe(true);
  });

  test('a value from the URL with a right-to-left override (U+202E) does not reverse the marketer’s text after it', async ({ page }) => {
    await host(
      page,
      { config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Your code: {{page.query.code|WELCOME}} is valid today' } }] } },
      '&code=%E2%80%AESAVE',
    );
    await expect(widget(page, 't').getByRole('heading')).toContainText('SAVE');
    await shot(page, 'bidi-rlo');
    const x = await xOf(page, 't', 'h2', ['Your', 'valid', 'today']);
    expect(x['Your']! < x['valid']! && x['valid']! < x['today']!, JSON.stringify(x)).toBe(true);
  });
});

test.describe('scripts, long words, emoji and combining marks at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const long = 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz';
  const texts = {
    kind: 'message',
    title: `${long} 🏃🏽‍♀️👨‍👩‍👧‍👦 日本語のテキストはここで折り返されるべきです`,
    body: `Z̷̢͓a̶͎l̸g̵o͠ ${long}${long} ‌‍ ส่งฟรีเมื่อซื้อครบ ٥٠٠ บาท`,
    coupon: { code: 'SUMMERSALE2026EXTRAVALENTINESDAYSPECIALCODE' },
    cta: { label: `Jetzt${long}`, href: '#go' },
  };
  test('popup, bar, corner message and inline quiz with such text: nothing runs out of its card or the screen', async ({ page }) => {
    await host(page, {
      config: {
        version: 1,
        quizzes: [{ id: 'q', title: long, questions: [{ id: 'a', type: 'single', text: `${long}?`, options: [{ value: 'x', label: `${long}${long}` }, { value: 'y', label: '中文选项非常长的中文选项非常长的中文选项非常长的中文选项' }] }] }],
        campaigns: [
          { id: 'pop', type: 'popup', content: texts },
          { id: 'bar', type: 'bar', placement: { position: 'top' }, content: texts },
          { id: 'msg', type: 'message', placement: { position: 'bottom-left' }, content: texts },
          { id: 'inl', type: 'inline', placement: { target: '#slot' }, content: { kind: 'quiz', quiz: 'q' } },
        ],
      },
    });
    await expect(page.locator('beckon-widget')).toHaveCount(4);
    await settled(page);
    await shot(page, 'long-words-320');
    const cut = await page.locator('beckon-widget').evaluateAll((hs) =>
      hs.flatMap((h) => {
        const card = h.shadowRoot!.querySelector<HTMLElement>('.w')!;
        const edge = card.getBoundingClientRect();
        const left = Math.max(0, edge.left), right = Math.min(innerWidth, edge.right);
        const out: string[] = [];
        if (card.scrollWidth > card.clientWidth + 1) out.push(`${(h as HTMLElement).dataset.campaign}: card scrolls sideways ${card.scrollWidth}>${card.clientWidth}`);
        for (const el of card.querySelectorAll<HTMLElement>('h2,p,a,button,code,label,legend,span')) {
          const b = el.getBoundingClientRect();
          if (!b.width) continue;
          if (b.left < left - 0.5 || b.right > right + 0.5 || el.scrollWidth > el.clientWidth + 1) out.push(`${(h as HTMLElement).dataset.campaign}: ${el.tagName.toLowerCase()}.${el.className} ${Math.round(b.left)}..${Math.round(b.right)} in ${Math.round(left)}..${Math.round(right)}`);
        }
        return out;
      }),
    );
    expect(cut).toEqual([]);
  });

  test('a 200+ character trait cut by the template limit does not leave half an emoji (a lone surrogate shown as �)', async ({ page }) => {
    await host(page, {
      config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Hi {{traits.nick}}' } }] },
      preBoot: `beckon('identify', { nick: '${'x'.repeat(199)}🏃🏽' });`,
    });
    const title = await widget(page, 't').getByRole('heading').textContent();
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(title!);
    expect({ lone, end: [...title!.slice(-2)].map((c) => c.codePointAt(0)!.toString(16)) }).toEqual({ lone: false, end: expect.anything() });
  });
});

test.describe('built-in words in the page’s language', () => {
});

test.describe('templates with traits named or filled in other scripts', () => {
  test('a trait named in German ({{traits.größe|42}}) is filled, or at least never shown to the visitor as raw braces', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await host(page, {
      config: { version: 1, campaigns: [{ id: 't', type: 'inline', placement: { target: '#slot' }, content: { kind: 'message', title: 'Deine Größe: {{traits.größe|42}}' } }] },
      preBoot: `beckon('identify', { 'größe': 44 });`,
    });
    const title = await widget(page, 't').getByRole('heading').textContent();
    expect({ title, warned: warnings.some((w) => /größe|template/i.test(w)) }).toEqual({ title: 'Deine Größe: 44', warned: false });
  });

});
