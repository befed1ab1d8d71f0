// Hostile content (#8), through the whole runtime as a store would run it: a config with
// markup, scripts and template tricks in every text, traits and quiz answers with markup
// filled into templates, and unsafe URLs in every URL field. The widgets show text as
// text (no element comes from it) and drop unsafe URLs with a warning naming the path,
// while the rest of each campaign still shows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBeckon } from '../../../sdk/runtime/index.js';
import { createMemoryStore } from '../../../sdk/storage/index.js';
import { testChunks } from '../dom/testChunks.js';
import { settle, shownWidget } from './hostile.js';

const PAGE = { url: 'https://shop.test/products/a', path: '/products/a', title: 'A', query: {} };

const MARKUP = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<svg onload=alert(1)><circle/></svg>',
  '</p><iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '&lt;b&gt;not bold&lt;/b&gt; &amp;',
  '<!-- x --><style>:host{display:none}</style>',
  '<b onclick=alert(1)>b</b>',
  '"><img src=x onerror=alert(1)>',
  '<math><mtext></p><img src=x onerror=alert(1)></mtext></math>',
];
/** Markup for the n-th field: a different payload each, numbered so a swap would show. */
const markup = (n: number) => `${n}${MARKUP[n % MARKUP.length]}`;


afterEach(() => {
  document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
  vi.restoreAllMocks();
});

/** A page load of the store with this config: what was warned, and each campaign's widget once it shows. */
async function visit(config: Record<string, unknown>, traits?: Record<string, unknown>) {
  document.body.innerHTML = '<main><div class="slot"></div></main>';
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
  const warnings: string[] = [];
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 204 }));
  const beckon = createBeckon({
    storage: createMemoryStore(),
    loadChunk: testChunks,
    window,
    channel: null,
    page: () => PAGE,
    console: { warn: (message: string) => warnings.push(message) },
    fetch,
  });
  if (traits) beckon.identify(traits);
  beckon.init({ config });
  await beckon.profile();
  const widget = (id: string) => shownWidget(id, warnings);
  return { beckon, warnings, fetch, widget };
}

/** The elements of a widget, as tag and attribute names: what markup in a text would change. */
const shape = (root: ParentNode) => [...root.querySelectorAll('*')].map((el) => [el.localName, ...el.getAttributeNames().sort()].join(' '));

/** Elements that no widget makes, anywhere in the page or the widget. */
function foreignElements(root: ShadowRoot): string[] {
  const selector = 'script,iframe,svg,math,style,object,embed,[onerror],[onload],[onclick],[srcdoc]';
  return [...root.querySelectorAll(selector), ...document.querySelectorAll(selector)].map((el) => el.outerHTML);
}

const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent;
const click = (root: ParentNode, selector: string) => (root.querySelector(selector) as HTMLElement).click();

/** Config paths of the warnings logged. */
const warnedPaths = (warnings: string[]) => warnings.flatMap((w) => /^\[beckon\] config (\S+): /.exec(w)?.[1] ?? []).sort();

describe('markup in text', () => {
  const message = (t: (n: number) => string) => ({
    kind: 'message',
    title: t(0),
    body: t(1),
    image: { src: '/hero.png', alt: t(2) },
    cta: { label: t(3), href: '/cart' },
    secondary: { label: t(4) },
    countdown: { until: '2099-01-01T00:00:00Z', label: t(5) },
    coupon: { code: t(6), label: t(7) },
  });

  it('shows every text of a message as the characters it is', async () => {
    const plain = await visit({ campaigns: [{ id: 'm', type: 'popup', content: message((n) => `text ${n}`) }] });
    const expected = shape(await plain.widget('m'));
    const { widget, warnings } = await visit({ campaigns: [{ id: 'm', type: 'popup', content: message(markup) }] });
    const root = await widget('m');
    expect(warnings).toEqual([]);
    expect(shape(root)).toEqual(expected);
    expect(foreignElements(root)).toEqual([]);
    expect([text(root, 'h2'), text(root, '.w > p'), root.querySelector('img')?.getAttribute('alt'), text(root, 'a.cta'), text(root, '.a button.s')]).toEqual([
      markup(0),
      markup(1),
      markup(2),
      markup(3),
      markup(4),
    ]);
    expect(text(root, '.cd')?.startsWith(`${markup(5)} `)).toBe(true);
    expect([text(root, 'code'), text(root, '.cp button')]).toEqual([markup(6), markup(7)]);
  });

  const form = (t: (n: number) => string) => ({
    kind: 'form',
    title: t(0),
    body: t(1),
    fields: [
      { name: 'name', type: 'text', label: t(2) },
      { name: 'size', type: 'select', label: t(3), options: [{ value: '<b>v</b>', label: t(4) }] },
      { name: 'news', type: 'consent', label: t(5) },
    ],
    submit: { label: t(6), successMessage: t(7) },
  });

  it('shows every text of a form as the characters it is, and what the visitor typed comes back as text', async () => {
    const plain = await visit({ campaigns: [{ id: 'f', type: 'popup', content: form((n) => `text ${n}`) }] });
    const expected = shape(await plain.widget('f'));
    const { widget, warnings, beckon } = await visit({
      campaigns: [
        { id: 'f', type: 'popup', content: form(markup) },
        { id: 'thanks', type: 'bar', trigger: { on: 'event', name: 'never' }, content: { kind: 'message', title: 'Thanks, {{traits.name}}' } },
      ],
    });
    const root = await widget('f');
    expect(warnings).toEqual([]);
    expect(shape(root)).toEqual(expected);
    expect(foreignElements(root)).toEqual([]);
    const labels = [...root.querySelectorAll('label')].map((l) => l.firstChild?.textContent);
    expect([text(root, 'h2'), text(root, '.w > p'), ...labels, text(root, 'option:not([value=""])'), text(root, 'button[type=submit]')]).toEqual([
      markup(0),
      markup(1),
      markup(2),
      markup(3),
      markup(5),
      markup(4),
      markup(6),
    ]);
    // The visitor types markup; it becomes a trait, and a template shows it as text.
    (root.querySelector('input[name=name]') as HTMLInputElement).value = MARKUP[0]!;
    (root.querySelector('select') as HTMLSelectElement).value = '<b>v</b>';
    click(root, 'button[type=submit]');
    for (let i = 0; i < 5; i++) await settle();
    expect(text(root, '[role=status]')).toBe(markup(7));
    expect((await beckon.profile())?.traits).toMatchObject({ name: MARKUP[0], size: '<b>v</b>' });
    beckon.show('thanks');
    const thanks = await widget('thanks');
    expect(text(thanks, 'h2')).toBe(`Thanks, ${MARKUP[0]}`);
    expect(foreignElements(thanks)).toEqual([]);
  });

  const quiz = (t: (n: number) => string) => ({
    id: 'hostile',
    title: t(0),
    body: t(1),
    start: t(2),
    questions: [
      {
        id: 'pick',
        type: 'image',
        text: t(3),
        help: t(4),
        options: [
          { value: 'a', label: t(5), image: { src: '/a.png', alt: t(6) }, traits: { persona: MARKUP[1] } },
          { value: 'b', label: t(7), image: { src: '/b.png', alt: t(8) } },
        ],
      },
      { id: 'note', type: 'text', text: t(9), required: false },
      { id: 'score', type: 'rating', scale: 'nps', text: t(10), lowLabel: t(11), highLabel: t(12), required: false },
    ],
    results: [{ title: t(13), body: `${t(14)} {{traits.persona}} / {{answers.hostile.note}}`, image: { src: '/r.png', alt: t(15) }, cta: { label: t(16), href: '/r' } }],
  });

  it('shows every text of a quiz as the characters it is, and answers with markup come back as text', async () => {
    const plainVisit = await visit({ campaigns: [{ id: 'q', type: 'popup', content: { kind: 'quiz', quiz: 'hostile' } }], quizzes: [quiz((n) => `text ${n}`)] });
    const plain = await plainVisit.widget('q');
    const expected = shape(plain);
    const { widget, warnings } = await visit({ campaigns: [{ id: 'q', type: 'popup', content: { kind: 'quiz', quiz: 'hostile' } }], quizzes: [quiz(markup)] });
    const root = await widget('q');
    expect(warnings).toEqual([]);
    expect(shape(root)).toEqual(expected);
    expect(foreignElements(root)).toEqual([]);
    expect([text(root, 'h2'), text(root, '.w > p'), text(root, 'legend'), text(root, '.h')]).toEqual([markup(0), markup(1), markup(3), markup(4)]);
    expect([...root.querySelectorAll('label.c')].map((l) => [l.textContent, l.querySelector('img')?.getAttribute('alt')])).toEqual([
      [markup(5), markup(6)],
      [markup(7), markup(8)],
    ]);

    // Choose the option that sets a trait with markup; type markup as the answer to the text question.
    (root.querySelector('input[value=a]') as HTMLInputElement).click();
    click(root, 'button[type=submit]');
    await settle();
    expect(text(root, 'label.lg')).toBe(markup(9));
    (root.querySelector('textarea') as HTMLTextAreaElement).value = MARKUP[2]!;
    click(root, 'button[type=submit]');
    await settle();
    expect([text(root, 'legend'), ...[...root.querySelectorAll('.en span')].map((s) => s.textContent)]).toEqual([markup(10), markup(11), markup(12)]);
    click(root, 'button[type=submit]');
    await settle();
    expect(foreignElements(root)).toEqual([]);
    expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([markup(0), markup(13)]);
    expect([text(root, '.w > p'), root.querySelector('img.ri')?.getAttribute('alt'), text(root, 'a.cta')]).toEqual([
      `${markup(14)} ${MARKUP[1]} / ${MARKUP[2]}`,
      markup(15),
      markup(16),
    ]);
  });

  it('fills templates with text only: no markup, no second template, nothing from a prototype', async () => {
    const traits = {
      firstName: MARKUP[0],
      md: '**bold** [link](javascript:alert(1))',
      echo: '{{traits.secret}}',
      secret: 'LEAKED',
      url: 'javascript:alert(1)',
      long: `<b>${'x'.repeat(500)}</b>`,
    };
    const { widget, warnings } = await visit(
      {
        campaigns: [
          {
            id: 't',
            type: 'popup',
            content: {
              kind: 'message',
              title: 'Hi {{traits.firstName}} {{traits.echo}}',
              body: '**{{traits.md}}** {{ constructor.name |none}} {{__proto__.polluted|none}} {{toString|none}} {{traits.missing|<i>fallback</i>}} {{traits.firstName',
              cta: { label: '{{traits.long}}', href: '{{traits.url}}' },
            },
          },
        ],
      },
      traits,
    );
    const root = await widget('t');
    expect(warnings).toEqual([]);
    expect(foreignElements(root)).toEqual([]);
    expect(text(root, 'h2')).toBe(`Hi ${MARKUP[0]} {{traits.secret}}`);
    expect(text(root, '.w > p strong')).toBe(traits.md);
    expect(root.querySelector('.w > p')?.querySelectorAll('a')).toHaveLength(0);
    expect(text(root, '.w > p')).toBe(`${traits.md} none none none <i>fallback</i> {{traits.firstName`);
    // A value is cut at 200 characters; a link is never templated, so a trait cannot make it javascript:.
    expect(text(root, 'a.cta')).toBe(traits.long.slice(0, 200));
    expect(root.querySelector('a.cta')?.getAttribute('href')).toBe('{{traits.url}}');
  });
});

interface UrlCase {
  url: string;
  /** Kept everywhere, kept where a link may be mailto:/tel: only, or dropped. */
  verdict: 'kept' | 'not-web' | 'dropped';
  /** Whether `[label](url)` in a body is a link at all: whitespace ends the markdown link, leaving text. */
  link: boolean;
}

const URLS: UrlCase[] = [
  { url: 'javascript:alert(1)', verdict: 'dropped', link: true },
  { url: 'JaVaScRiPt:alert(1)', verdict: 'dropped', link: true },
  { url: 'data:text/html,<script>alert(1)</script>', verdict: 'dropped', link: true },
  { url: 'data:image/svg+xml,<svg/onload=alert(1)>', verdict: 'dropped', link: true },
  { url: 'vbscript:msgbox(1)', verdict: 'dropped', link: true },
  { url: 'file:///etc/passwd', verdict: 'dropped', link: true },
  { url: ' javascript:alert(1)', verdict: 'dropped', link: false },
  { url: 'javascript:alert(1)\n', verdict: 'dropped', link: false },
  { url: '\tjavascript:alert(1)', verdict: 'dropped', link: false },
  { url: 'java\nscript:alert(1)', verdict: 'dropped', link: false },
  { url: 'java\tscript:alert(1)', verdict: 'dropped', link: false },
  { url: '\u0000javascript:alert(1)', verdict: 'dropped', link: true },
  { url: 'java\u0001script:alert(1)', verdict: 'dropped', link: true },
  { url: 'javascript\u007f:alert(1)', verdict: 'dropped', link: true },
  { url: 'mailto:ada@stride.example', verdict: 'not-web', link: true },
  { url: 'tel:+441234567', verdict: 'not-web', link: true },
  // No scheme to a URL parser: relative paths on the store's own site.
  { url: '&#106;avascript:alert(1)', verdict: 'kept', link: true },
  { url: 'javascript&colon;alert(1)', verdict: 'kept', link: true },
  { url: '%6Aavascript:alert(1)', verdict: 'kept', link: true },
  { url: 'javascript%3Aalert(1)', verdict: 'kept', link: true },
  { url: '\u200bjavascript:alert(1)', verdict: 'kept', link: true },
  // Scheme-relative: an https URL on another host, which DESIGN §5 allows like any https URL.
  { url: '//evil.example/x', verdict: 'kept', link: true },
  { url: '\\\\evil.example\\x', verdict: 'kept', link: true },
  { url: '  /cart?x=<b>  ', verdict: 'kept', link: false },
  { url: 'HTTPS://OK.EXAMPLE/a', verdict: 'kept', link: true },
];

/** Every URL field of DESIGN §5 at once: message links and image, a form's endpoint, a quiz's links and images. */
const urlConfig = (url: string) => ({
  campaigns: [
    {
      id: 'msg',
      type: 'popup',
      content: { kind: 'message', title: 'Message', body: `See [terms](${url}).`, image: { src: url, alt: 'pic' }, cta: { label: 'Go', href: url }, secondary: { label: 'More', href: url } },
    },
    { id: 'form', type: 'bar', content: { kind: 'form', title: 'Form', fields: [{ name: 'email', type: 'email', label: 'Email' }], submit: { endpoint: url } } },
    { id: 'quiz', type: 'message', content: { kind: 'quiz', quiz: 'links' } },
  ],
  quizzes: [
    {
      id: 'links',
      title: 'Quiz',
      body: `Read [this](${url})`,
      questions: [
        {
          id: 'pick',
          type: 'image',
          text: 'Pick one',
          options: [
            { value: 'a', label: 'A', image: { src: url, alt: 'A' } },
            { value: 'b', label: 'B', image: { src: '/b.png', alt: 'B' } },
          ],
        },
      ],
      results: [{ title: 'Done', body: `See [more](${url})`, image: { src: url, alt: 'R' }, cta: { label: 'Shop', href: url } }],
    },
  ],
});

const WEB_FIELDS = [
  'campaigns[0].content.image.src',
  'campaigns[1].content.submit.endpoint',
  'quizzes[0].questions[0].options[0].image.src',
  'quizzes[0].results[0].image.src',
];
const LINK_FIELDS = ['campaigns[0].content.cta.href', 'campaigns[0].content.secondary.href', 'quizzes[0].results[0].cta.href'];
const BODY_FIELDS = ['campaigns[0].content.body', 'quizzes[0].body', 'quizzes[0].results[0].body'];

/** The link and image URLs each widget shows, in order. */
const urlsIn = (root: ShadowRoot) => [...root.querySelectorAll('a[href], img[src]')].map((el) => el.getAttribute(el.localName === 'a' ? 'href' : 'src')!);
const SAFE_PROTOCOLS = ['https:', 'http:', 'mailto:', 'tel:'];

describe('URLs', () => {
  it.each(URLS)('$url: $verdict in every URL field, the rest of each campaign shows', async ({ url, verdict, link }) => {
    const { widget, warnings, fetch } = await visit(urlConfig(url));
    const expectedWarnings = verdict === 'kept' ? [] : [...WEB_FIELDS, ...(verdict === 'dropped' ? [...LINK_FIELDS, ...(link ? BODY_FIELDS : [])] : [])];
    expect(warnedPaths(warnings)).toEqual(expectedWarnings.sort());
    expect(warnings).toHaveLength(expectedWarnings.length);

    const kept = url.trim();
    const msg = await widget('msg');
    const form = await widget('form');
    const quiz = await widget('quiz');
    // Each campaign still shows its text, with a button where a link was dropped.
    expect([text(msg, 'h2'), text(form, 'h2'), text(quiz, 'h2'), text(quiz, 'legend')]).toEqual(['Message', 'Form', 'Quiz', 'Pick one']);
    expect(msg.querySelector('.cta')?.localName).toBe(verdict === 'dropped' ? 'button' : 'a');
    const bodyLinks = link && verdict !== 'dropped' ? [kept] : [];
    expect(urlsIn(msg)).toEqual([...(verdict === 'kept' ? [kept] : []), ...bodyLinks, ...(verdict === 'dropped' ? [] : [kept, kept])]);
    expect(urlsIn(quiz)).toEqual([...bodyLinks, ...(verdict === 'kept' ? [kept] : []), '/b.png']);
    if (!link) expect(text(msg, '.w > p')).toBe(`See [terms](${url}).`);

    // The quiz's result screen, under the quiz's title.
    (quiz.querySelector('input[value=a]') as HTMLInputElement).click();
    click(quiz, 'button[type=submit]');
    await settle();
    expect([...quiz.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Quiz', 'Done']);
    expect(quiz.querySelector('.cta')?.localName).toBe(verdict === 'dropped' ? 'button' : 'a');
    expect(urlsIn(quiz)).toEqual([...(verdict === 'kept' ? [kept] : []), ...bodyLinks, ...(verdict === 'dropped' ? [] : [kept])]);

    // Whatever is kept resolves to a web, mail or phone URL.
    for (const shown of [...urlsIn(msg), ...urlsIn(quiz)]) expect(SAFE_PROTOCOLS, shown).toContain(new URL(shown, PAGE.url).protocol);
    expect(foreignElements(msg)).toEqual([]);

    // A form sends to its endpoint only when that was kept.
    click(form, 'button[type=submit]');
    for (let i = 0; i < 20 && fetch.mock.calls.length === 0; i++) await settle();
    expect(text(form, '[role=status]')).toBe('Thank you!');
    expect(fetch.mock.calls.map(([to]) => to)).toEqual(verdict === 'kept' ? [kept] : []);
  });

  it('resolves a scheme-relative URL to https on the other host, as DESIGN §5 allows any https URL', () => {
    expect(new URL('//evil.example/x', PAGE.url).href).toBe('https://evil.example/x');
    expect(new URL('\\\\evil.example\\x', PAGE.url).href).toBe('https://evil.example/x');
  });
});
