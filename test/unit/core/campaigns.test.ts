import { describe, expect, it, vi } from 'vitest';
import {
  assignVariant,
  bucketOf,
  campaignBlock,
  fillContent,
  fillTemplate,
  isConversion,
  parseCampaignSection,
  parseRich,
  rememberImpression,
  safeUrl,
  type Campaign,
  type CampaignContext,
} from '../../../sdk/core/index.js';

const message = { kind: 'message', title: 'Hello' };
const parse = (campaigns: unknown, extra: Record<string, unknown> = {}) =>
  parseCampaignSection({ campaigns, theme: undefined, lists: {}, ...extra });
const one = (campaign: Record<string, unknown>) => {
  const { campaigns, problems } = parse([{ id: 'c', type: 'popup', content: message, ...campaign }]);
  return { campaign: campaigns[0] as Campaign, problems };
};

describe('safeUrl', () => {
  it.each([
    ['https://shop.example/sale', true],
    ['http://shop.example', true],
    ['mailto:help@shop.example', true],
    ['tel:+390212345', true],
    ['/cart?coupon=WELCOME10', true],
    ['sale.html', true],
    ['#sizes', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['  javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['', false],
  ])('%j allowed: %s', (url, allowed) => {
    expect(safeUrl(url) !== undefined).toBe(allowed);
  });
});

describe('parseRich', () => {
  const bad: string[] = [];
  it.each([
    ['plain <b>html</b> stays text', ['plain <b>html</b> stays text']],
    ['**bold** and *italic*', [{ b: ['bold'] }, ' and ', { i: ['italic'] }]],
    ['**bold with *italic* inside**', [{ b: ['bold with ', { i: ['italic'] }, ' inside'] }]],
    ['see [the **sale**](/sale) now', ['see ', { a: ['the ', { b: ['sale'] }], href: '/sale' }, ' now']],
    ['a * b * c', ['a ', { i: [' b '] }, ' c']],
    ['unclosed **bold', ['unclosed **bold']],
    ['[x](javascript:alert(1))', ['x']],
    ['[wiki](https://en.wikipedia.org/wiki/Shoe_(footwear)) end', [{ a: ['wiki'], href: 'https://en.wikipedia.org/wiki/Shoe_(footwear)' }, ' end']],
    ['*italic with **bold** inside*', [{ i: ['italic with ', { b: ['bold'] }, ' inside'] }]],
    ['***both***', [{ b: [{ i: ['both'] }] }]],
    ['*see [terms](/t*x)*', [{ i: ['see ', { a: ['terms'], href: '/t*x' }] }]],
    ['*a ** b*', [{ i: ['a ** b'] }]],
    // A template is one piece of text, whatever its fallback holds.
    ['Hi {{traits.firstName|*friend*}}!', ['Hi {{traits.firstName|*friend*}}!']],
    ['*Hi {{traits.firstName|[you]}}*', [{ i: ['Hi {{traits.firstName|[you]}}'] }]],
  ])('%j', (text, expected) => {
    expect(parseRich(text, (url) => bad.push(url))).toEqual(expected);
  });
  it('reports a link outside the allow-list and keeps its label', () => {
    const reported: string[] = [];
    expect(parseRich('[Win](data:text/html,x)', (url) => reported.push(url))).toEqual(['Win']);
    expect(reported).toEqual(['data:text/html,x']);
  });
});

describe('templating', () => {
  const profile = { cart: { count: 2, value: 0 }, traits: { firstName: '<b>Ann</b>', empty: '' }, list: [1] };
  it.each([
    ['{{cart.count}} items', '2 items'],
    ['Hi {{traits.firstName|there}}', 'Hi <b>Ann</b>'],
    ['Hi {{traits.lastName|there}}', 'Hi there'],
    ['Hi {{ traits.empty | friend }}', 'Hi friend'],
    ['{{cart.value}}', '0'],
    ['{{list}}', ''],
    ['{{__proto__.polluted|x}}', 'x'],
    ['{{constructor.name|x}}', 'x'],
    ['no templates', 'no templates'],
  ])('%j → %j', (text, expected) => {
    expect(fillTemplate(text, profile)).toBe(expected);
  });
  it('keeps a value in its place: a right-to-left name isolated, direction overrides dropped', () => {
    const traits = { firstName: 'هادي', code: '\u202eSAVE', city: 'Zürich', größe: 42, long: 'x'.repeat(199) + '🏃🏽' };
    expect(fillTemplate('Hi {{traits.firstName|there}}: 10% off today', { traits })).toBe('Hi \u2068هادي\u2069: 10% off today');
    expect(fillTemplate('Your code: {{traits.code|WELCOME}} is valid', { traits })).toBe('Your code: SAVE is valid');
    expect(fillTemplate('From {{traits.city}}', { traits })).toBe('From Zürich');
    // A path in any script; a value cut by whole characters as people see them: the runner
    // keeps its skin tone (cut by code points, it lost it).
    expect(fillTemplate('Deine Größe: {{traits.größe|42}}', { traits })).toBe('Deine Größe: 42');
    expect(fillTemplate('{{traits.long}}', { traits })).toBe('x'.repeat(199) + '🏃🏽');
    expect(fillTemplate('{{traits.long}}', { traits: { long: traits.long + 'y' } })).toBe('x'.repeat(199) + '🏃🏽');
  });

  it('fills text but never links, images or names', () => {
    const content = { kind: 'message', title: '{{cart.count}}', body: ['n: {{cart.count}}', { b: ['{{cart.count}}'] }], cta: { label: '{{cart.count}}', href: '/c?{{cart.count}}' }, image: { src: '/{{x}}.png', alt: '{{cart.count}}' } };
    expect(fillContent(content, () => profile)).toEqual({ kind: 'message', title: '2', body: ['n: 2', { b: ['2'] }], cta: { label: '2', href: '/c?{{cart.count}}' }, image: { src: '/{{x}}.png', alt: '2' } });
  });
  it('asks for the profile once, at the first template, and not at all for content without one', () => {
    const profileOf = vi.fn(() => profile);
    const plain = { kind: 'message', title: 'Free returns', body: ['Try them at home'], cta: { label: 'Shop', href: '/c?{{cart.count}}' } };
    expect(fillContent(plain, profileOf)).toEqual(plain);
    expect(profileOf).not.toHaveBeenCalled();
    expect(fillContent({ title: '{{cart.count}}', body: ['{{traits.firstName}}'] }, profileOf)).toEqual({ title: '2', body: ['<b>Ann</b>'] });
    expect(profileOf).toHaveBeenCalledTimes(1);
  });
});

describe('bucketing', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `v${i.toString(36)}-${(i * 7919).toString(16)}`);
  it('is stable for a visitor and campaign', () => {
    expect(bucketOf('visitor-1', 'cart-rescue')).toBe(bucketOf('visitor-1', 'cart-rescue'));
    expect(bucketOf('visitor-1', 'cart-rescue')).not.toBe(bucketOf('visitor-1', 'welcome'));
  });
  it.each([
    [[50, 50], 0],
    [[50, 50], 10],
    [[70, 20, 10], 0],
    [[1, 1, 1], 20],
  ])('shares %j with a %d%% holdout within 2 points of the weights over 10,000 visitors', (weights, holdout) => {
    const variants = weights.map((weight, i) => ({ id: `v${i}`, weight }));
    const counts = new Map<string, number>();
    for (const id of ids) {
      const variant = assignVariant(variants, holdout, bucketOf(id, 'spring-sale'));
      counts.set(variant?.id ?? 'holdout', (counts.get(variant?.id ?? 'holdout') ?? 0) + 1);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    const share = (key: string) => ((counts.get(key) ?? 0) / ids.length) * 100;
    expect(Math.abs(share('holdout') - holdout)).toBeLessThan(2);
    variants.forEach((v) => expect(Math.abs(share(v.id) - (v.weight / total) * (100 - holdout))).toBeLessThan(2));
  });
});

describe('parseCampaigns', () => {
  // A `$nin` on a segment that is not there shows the campaign to everyone.
  it('skips a campaign whose audience names a segment the config does not have (or skipped), with its path', () => {
    const segments = [{ id: 'vip', when: {} }];
    const { campaigns, problems } = parse(
      [
        { id: 'a', type: 'popup', content: message, audience: { segments: { $nin: ['vipp'] } } },
        { id: 'b', type: 'popup', content: message, audience: { $or: [{ segments: 'vip' }, { segments: { $size: 0 } }] } },
        { id: 'c', type: 'popup', content: message, audience: { segments: { $nini: ['VIPP'] } } },
        { id: 'd', type: 'popup', content: message, audience: { segments: { $ini: ['VIP'] } } },
      ],
      { segments },
    );
    expect({ ids: campaigns.map((c) => c.id), problems }).toEqual({
      ids: ['b', 'd'],
      problems: [
        { path: 'campaigns[0].audience', message: 'names no segment "vipp" (none in the config, or skipped for an error); did you mean "vip"?', severity: 'error' },
        { path: 'campaigns[2].audience', message: 'names no segment "VIPP" (none in the config, or skipped for an error); did you mean "vip"?', severity: 'error' },
      ],
    });
  });

  it('reads a full campaign with its defaults', () => {
    const { campaigns, problems } = parse([
      {
        id: 'cart-rescue',
        type: 'popup',
        priority: 10,
        audience: { segments: { $in: ['cart-abandoner'] } },
        pages: { include: ['/**'], exclude: ['/checkout*'] },
        trigger: { on: 'exit' },
        frequency: { maxImpressions: 3, cooldownHours: 72 },
        schedule: { start: '2026-11-01T00:00:00Z', end: '2026-12-31T23:59:59Z' },
        holdout: 10,
        goal: { event: 'purchase', within: '7d' },
        variants: [
          { id: 'a', weight: 50, content: { kind: 'message', title: 'Still thinking?', body: 'Your cart: **{{cart.count}}**', cta: { label: 'Back', href: '/cart' } } },
          { id: 'b', weight: 50, content: { kind: 'form', title: 'Join', fields: [{ name: 'email', type: 'email', label: 'Email', required: true, remember: true }], submit: { endpoint: '/collect', unlock: '#guide' } } },
        ],
      },
    ]);
    expect(problems).toEqual([]);
    const c = campaigns[0] as Campaign;
    expect(c).toMatchObject({
      id: 'cart-rescue',
      priority: 10,
      trigger: { on: 'exit' },
      frequency: { maxImpressions: 3, maxPerSession: 1, cooldownHours: 72, stopAfterConversion: true },
      holdout: 10,
      goal: { event: 'purchase', withinMs: 7 * 86_400_000 },
    });
    // What a form does on success belongs to its variant: the message variant sends nothing.
    expect(c.variants.map(({ id, endpoint, unlock, remember }) => ({ id, endpoint, unlock, remember }))).toEqual([
      { id: 'a', endpoint: undefined, unlock: undefined, remember: undefined },
      { id: 'b', endpoint: '/collect', unlock: '#guide', remember: ['email'] },
    ]);
    expect(c.variants.map((v) => v.content)).toEqual([
      { kind: 'message', title: 'Still thinking?', body: ['Your cart: ', { b: ['{{cart.count}}'] }], cta: { label: 'Back', href: '/cart' } },
      { kind: 'form', title: 'Join', fields: [{ name: 'email', type: 'email', label: 'Email', required: true }], submit: { label: 'Submit', successMessage: 'Thank you!' } },
    ]);
    expect(c.selectors).toEqual([{ path: 'campaigns[0].variants[1].content.submit.unlock', selector: '#guide' }]);
  });

  it.each([
    [{ type: 'modal' }, 'campaigns[0].type', 'expected one of popup, bar, message, inline, got "modal"'],
    [{ content: { kind: 'banner', title: 'x' } }, 'campaigns[0].content.kind', 'expected one of message, form, quiz, got "banner"'],
    [{ trigger: { on: 'hover' } }, 'campaigns[0].trigger.on', 'expected one of load, delay, scroll, exit, idle, click, event, pageviews, got "hover"'],
    [{ trigger: { on: 'delay', seconds: 'ten' } }, 'campaigns[0].trigger.seconds', 'expected a number from 0 to 86400, got "ten"'],
    [{ trigger: { on: 'delay', seconds: -5 } }, 'campaigns[0].trigger.seconds', 'expected a number from 0 to 86400, got -5'],
    [{ trigger: { on: 'click' } }, 'campaigns[0].trigger.selector', 'expected a CSS selector (at most 500 characters), got undefined'],
    [{ trigger: { on: 'pageviews' } }, 'campaigns[0].trigger.count', 'expected the page view number, such as 3'],
    [{ frequency: { maxImpressions: -1 } }, 'campaigns[0].frequency.maxImpressions', 'expected a whole number ≥ 1, got -1'],
    [{ holdout: 100 }, 'campaigns[0].holdout', 'expected a number from 0 to 99.99, got 100'],
    [{ schedule: { start: '2026-12-01', end: '2026-11-01' } }, 'campaigns[0].schedule.end', 'ends before it starts'],
    // Only the format every browser's Date.parse reads alike, and days the calendar has.
    ...['2026-12-31 23:59', '12/31/2026', 'Dec 31 2026', '2026-02-30', '2026-11-31', '2026-13-01', '2026-12-31T25:00', '2026-12-31T23:59:59 GMT'].map((start): [Record<string, unknown>, string, string] => [
      { schedule: { start } },
      'campaigns[0].schedule.start',
      `expected a date such as "2026-12-31T23:59:59Z" or "2026-12-31", got "${start}"`,
    ]),
    [{ content: { kind: 'message', title: 'x', countdown: { until: 1798761599000 } } }, 'campaigns[0].content.countdown.until', 'expected a date such as "2026-12-31T23:59:59Z" or "2026-12-31", got 1798761599000'],
    [{ schedule: { days: [7] } }, 'campaigns[0].schedule.days', 'expected days of the week as numbers from 0 (Sunday) to 6, such as [1, 2, 3, 4, 5]'],
    [{ goal: { event: 'purchase', within: 'a week' } }, 'campaigns[0].goal.within', 'expected a duration such as "7d", "12h" or "45m", got "a week"'],
    [{ type: 'inline' }, 'campaigns[0].placement.target', 'expected a CSS selector (at most 500 characters), got undefined'],
    [{ audience: { 'cart.count': { $greater: 1 } } }, 'campaigns[0].audience.cart.count.$greater', 'unknown operator'],
    [{ content: { kind: 'message', title: 'x'.repeat(2001) } }, 'campaigns[0].content.title', 'text is 2001 characters long; at most 2000'],
    [{ content: { kind: 'message' } }, 'campaigns[0].content', 'a message needs a title or a body'],
    [{ content: { kind: 'quiz', quiz: 'q' } }, 'campaigns[0].content.quiz', 'no quiz "q" in "quizzes"'],
    [{ content: { kind: 'form', fields: [{ name: 'a', type: 'text', label: 'A' }, { name: 'a', type: 'text', label: 'B' }] } }, 'campaigns[0].content.fields[1].name', 'duplicate field name "a"'],
    [{ content: { kind: 'form', fields: [{ name: '__proto__', type: 'text', label: 'A' }] } }, 'campaigns[0].content.fields[0].name', 'expected a name of letters, digits and "_", starting with a letter, got "__proto__"'],
    [{ content: { kind: 'form', fields: [{ name: 'constructor', type: 'text', label: 'A' }] } }, 'campaigns[0].content.fields[0].name', 'this name is reserved'],
    // Characters, not UTF-16 units: an emoji is one.
    [{ content: { kind: 'message', title: '😀'.repeat(2001) } }, 'campaigns[0].content.title', 'text is 2001 characters long; at most 2000'],
    [{ schedule: { hours: [24, 6] } }, 'campaigns[0].schedule.hours', 'expected [from, to) hours, from 0 to 23 and to 0 to 24'],
    [{ variants: [{ id: 'a', weight: 1e308, content: { kind: 'message', title: 'x' } }] }, 'campaigns[0].variants[0].weight', 'expected a number from 0 to 1000000, got 1e+308'],
  ])('skips %j with an error at its path', (campaign, path, message) => {
    const { campaign: parsed, problems } = one(campaign);
    expect(parsed).toBeUndefined();
    expect(problems.find((p) => p.severity === 'error' && p.path === path)?.message).toContain(message);
  });

  it('takes a text of 2,000 characters that are each two UTF-16 units (emoji)', () => {
    const { campaign, problems } = one({ content: { kind: 'message', title: '😀'.repeat(2000) } });
    expect(problems).toEqual([]);
    expect(campaign.id).toBe('c');
  });

  it('drops unsafe URLs with a warning and keeps the campaign', () => {
    const { campaign, problems } = one({
      content: { kind: 'message', title: 'Sale', body: 'go [here](javascript:alert(1))', cta: { label: 'Shop', href: ' JAVASCRIPT:alert(1)' }, image: { src: 'data:image/png;base64,AAAA', alt: '' } },
    });
    expect(campaign.variants[0]?.content).toEqual({ kind: 'message', title: 'Sale', body: ['go here'], cta: { label: 'Shop' } });
    expect(problems.map((p) => [p.severity, p.path])).toEqual([
      ['warning', 'campaigns[0].content.body'],
      ['warning', 'campaigns[0].content.image.src'],
      ['warning', 'campaigns[0].content.cta.href'],
    ]);
  });

  it('keeps HTML in text as text, and the other campaigns when one is invalid', () => {
    const { campaigns, problems } = parse([
      { id: 'bad', type: 'popup', content: message, trigger: { on: 'nope' } },
      { id: 'good', type: 'bar', content: { kind: 'message', title: '<img src=x onerror=alert(1)>' } },
      { id: 'good', type: 'bar', content: message },
    ]);
    expect(campaigns.map((c) => [c.id, c.position, (c.variants[0]?.content as { title: string }).title])).toEqual([['good', 'top', '<img src=x onerror=alert(1)>']]);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(['campaigns[0].trigger.on', 'campaigns[2].id']);
  });

  it('reads themes and drops values that could break out of CSS', () => {
    const { campaigns, problems } = parse([{ id: 'c', type: 'popup', content: message, theme: { colors: { accent: 'red;}*{display:none' } } }], {
      theme: { colors: { background: '#fff', text: 'rgb(20, 20, 20)' }, radius: 8, font: 'Georgia, serif' },
    });
    expect(campaigns[0]?.theme).toEqual({ background: '#fff', text: 'rgb(20, 20, 20)', radius: 8, font: 'Georgia, serif' });
    expect(problems.map((p) => p.path)).toEqual(['campaigns[0].theme.colors.accent']);
  });

  it.each([
    ['oklch(55% 0.2 260)', true],
    ['OKLab(0.6 -0.1 0.1 / 50%)', true],
    ['lch(52% 58 288)', true],
    ['hwb(220deg 10% 20%)', true],
    ['hsl(220 80% 45%)', true],
    ['oklch(55% 0.2 260);}*{display:none', false],
    ['lab(50% 40 {})', false],
  ])('takes the colour %j as CSS colour syntax: %s', (accent, kept) => {
    const { campaigns, problems } = parse([{ id: 'c', type: 'popup', content: message, theme: { colors: { accent } } }]);
    expect({ accent: campaigns[0]?.theme.accent, warned: problems.map((p) => p.path) }).toEqual(kept ? { accent, warned: [] } : { accent: undefined, warned: ['campaigns[0].theme.colors.accent'] });
  });

  it.each([
    ['Georgia, "Times New Roman", serif', true],
    ["'Inter', system-ui", true],
    ['"Georgia', false],
    ["Georgia'", false],
    ['"Georgia, serif', false],
  ])('takes the font %j only with its quotes paired: %s', (font, kept) => {
    const { campaigns, problems } = parse([{ id: 'c', type: 'popup', content: message, theme: { font } }]);
    expect({ font: campaigns[0]?.theme.font, warned: problems.map((p) => p.path) }).toEqual(kept ? { font, warned: [] } : { font: undefined, warned: ['campaigns[0].theme.font'] });
  });

  it("gives each campaign the config's strings, under its own", () => {
    const { campaigns, problems } = parse(
      [
        { id: 'de', type: 'popup', content: message, strings: { next: 'Nächste Frage', back: 'Zurück' } },
        { id: 'en', type: 'popup', content: message },
      ],
      { strings: { next: 'Weiter', close: 'Schließen', progress: 'Frage {n} von {total}' } },
    );
    expect(campaigns.map((c) => c.strings)).toEqual([
      { next: 'Nächste Frage', back: 'Zurück', close: 'Schließen', progress: 'Frage {n} von {total}' },
      { next: 'Weiter', close: 'Schließen', progress: 'Frage {n} von {total}' },
    ]);
    expect(problems).toEqual([]);
  });

  it("words a form's button and thanks from the strings, where the form says neither", () => {
    const fields = [{ name: 'email', type: 'email', label: 'E-Mail' }];
    const { campaigns } = parse(
      [
        { id: 'plain', type: 'popup', content: { kind: 'form', fields } },
        { id: 'own', type: 'popup', content: { kind: 'form', fields, submit: { label: 'Anmelden' } } },
      ],
      { strings: { submit: 'Absenden', success: 'Danke!' } },
    );
    expect(campaigns.map((c) => (c.variants[0]?.content as { submit: unknown }).submit)).toEqual([
      { label: 'Absenden', successMessage: 'Danke!' },
      { label: 'Anmelden', successMessage: 'Danke!' },
    ]);
  });

  it('drops a string that is not text, too long, or holds a placeholder Beckon never fills, with a warning each', () => {
    const { campaigns, problems } = parse([{ id: 'c', type: 'popup', content: message, strings: { next: 42, back: '  ', close: 'x'.repeat(301), nxt: 'Weiter' } }], {
      strings: { progress: 'Frage {num} von {total}', chooseAtLeast: 'Mindestens {n}', finish: 'Fertig {Total}' },
    });
    expect(campaigns[0]?.strings).toEqual({ chooseAtLeast: 'Mindestens {n}' });
    expect(problems.map((p) => `${p.severity} ${p.path}: ${p.message}`)).toEqual([
      'warning strings.progress: Beckon fills only {n}, {total} and {key}, not "{num}"; ignored',
      'warning strings.finish: Beckon fills only {n}, {total} and {key}, not "{Total}"; ignored',
      'warning campaigns[0].strings.nxt: unknown key; did you mean "next"?',
      'warning campaigns[0].strings.close: text is 301 characters long; at most 300; ignored',
      'warning campaigns[0].strings.next: expected text, got 42; ignored',
      'warning campaigns[0].strings.back: expected text, got "  "; ignored',
    ]);
  });

  it('names the roots its templates read, so their readers load with the campaign', () => {
    const { reads } = parse([
      { id: 'hi', type: 'bar', content: { kind: 'message', title: 'Ciao {{ geo.country|there }}', body: 'From {{traffic.channel}}, {{intent.bucket|}}' } },
      { id: 'ab', type: 'popup', audience: { 'device.type': 'mobile' }, variants: [{ id: 'a', content: { kind: 'message', title: '{{rfm.segment}}' } }] },
    ]);
    // An audience's condition names its paths too ('device.type'), for what changes with time alone.
    expect([...reads].sort()).toEqual(['device', 'device.type', 'geo', 'intent', 'rfm', 'traffic']);
  });

  it('says an empty list of variants or fields is empty, not that it is missing', () => {
    const { campaigns, problems } = parse([
      { id: 'a', type: 'popup', variants: [] },
      { id: 'b', type: 'popup', content: { kind: 'form', fields: [] } },
      { id: 'c', type: 'popup', variants: {} },
    ]);
    expect(campaigns).toEqual([]);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'campaigns[0].variants: expected an array of variants, got an empty one',
      'campaigns[1].content.fields: expected an array of fields, got an empty one',
      'campaigns[2].variants: expected an array of variants, got an object',
    ]);
  });

  it('warns of strings that are not an object, and keeps the English', () => {
    const { campaigns, problems } = parse([{ id: 'c', type: 'popup', content: message }], { strings: ['Weiter'] });
    expect(campaigns[0]?.strings).toEqual({});
    expect(problems.map((p) => p.path)).toEqual(['strings']);
  });

  it('never pollutes a prototype', () => {
    parse(JSON.parse('[{"id":"c","type":"popup","__proto__":{"polluted":1},"content":{"kind":"message","title":"x","__proto__":{"polluted":1}}}]'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('campaignBlock', () => {
  const DAY = 86_400_000;
  const now = Date.parse('2026-11-20T12:00:00Z');
  const ctx = (over: Partial<CampaignContext> = {}): CampaignContext => ({ path: '/products/a', now, day: 5, hour: 12, session: 's1', profile: { segments: ['cart-abandoner'] }, memory: undefined, ...over });
  const campaign = (over: Record<string, unknown> = {}) => one(over).campaign;

  it.each([
    ['shows with no limits', {}, {}, undefined],
    ['before the start', { schedule: { start: '2026-11-21T00:00:00Z' } }, {}, 'schedule'],
    ['after the end', { schedule: { end: '2026-11-19T00:00:00Z' } }, {}, 'schedule'],
    ['on another day', { schedule: { days: [0, 6] } }, {}, 'schedule'],
    ['inside wrapping hours', { schedule: { hours: [22, 13] } }, {}, undefined],
    ['outside hours', { schedule: { hours: [9, 12] } }, {}, 'schedule'],
    ['after its countdown', { content: { kind: 'message', title: 'x', countdown: { until: '2026-11-20T11:00:00Z' } } }, {}, 'schedule'],
    ['on an excluded page', { pages: { include: ['/**'], exclude: ['/products/*'] } }, {}, 'pages'],
    ['off the included pages', { pages: { include: ['/cart'] } }, {}, 'pages'],
    ['outside the audience', { audience: { segments: 'vip' } }, {}, 'audience'],
    ['inside the audience', { audience: { segments: 'cart-abandoner' } }, {}, undefined],
    ['after a conversion', {}, { memory: { n: 1, converted: now - DAY } }, 'converted'],
    ['after a conversion, when told to go on', { frequency: { stopAfterConversion: false } }, { memory: { n: 1, converted: now - DAY } }, undefined],
    ['at the impression cap', { frequency: { maxImpressions: 2 } }, { memory: { n: 2 } }, 'frequency'],
    ['at the session cap', {}, { memory: { n: 1, sid: 's1', sn: 1 } }, 'frequency'],
    ['in a new session', {}, { memory: { n: 1, sid: 's0', sn: 1 } }, undefined],
    ['within the default cooldown', {}, { memory: { n: 1, dismissed: now - 6 * DAY } }, 'cooldown'],
    ['after the default cooldown', {}, { memory: { n: 1, dismissed: now - 8 * DAY } }, undefined],
    // A quiz half answered resumes whatever the caps; one only seen does not.
    ['a quiz past its first question, at the session cap', {}, { memory: { n: 1, sid: 's1', sn: 1 }, quiz: { answers: { a: 'x' }, path: ['a', 'b'] } }, undefined],
    ['a quiz taken Back to its answered first question, at the session cap', {}, { memory: { n: 1, sid: 's1', sn: 1 }, quiz: { answers: { a: 'x' }, path: ['a'] } }, undefined],
    ['a quiz seen and not answered, at the session cap', {}, { memory: { n: 1, sid: 's1', sn: 1 }, quiz: { answers: {}, path: ['a'] } }, 'frequency'],
  ] as const)('%s', (_name, over, context, expected) => {
    expect(campaignBlock(campaign(over as Record<string, unknown>), ctx(context as Partial<CampaignContext>))).toBe(expected);
  });

  it('reads a time with an offset, in UTC, or without one in the visitor\'s time', () => {
    const { schedule } = campaign({ schedule: { start: '2026-12-01T09:30', end: '2026-12-31T23:59:59.500+01:00' } });
    expect(schedule).toEqual({ start: new Date(2026, 11, 1, 9, 30).getTime(), end: Date.UTC(2026, 11, 31, 22, 59, 59, 500) });
    expect(campaign({ schedule: { end: '2026-12-31T23:59:59Z' } }).schedule).toEqual({ end: Date.UTC(2026, 11, 31, 23, 59, 59) });
  });

  it('reads a day without a time as the visitor\'s whole day, first moment to last', () => {
    const { schedule } = campaign({ schedule: { start: '2026-12-01', end: '2026-12-31' } });
    expect(schedule).toEqual({ start: new Date(2026, 11, 1).getTime(), end: new Date(2026, 11, 31, 23, 59, 59, 999).getTime() });
    const lastDay = campaign({ schedule: { end: '2026-11-20' } });
    expect([campaignBlock(lastDay, ctx({ now: new Date(2026, 10, 20, 23, 30).getTime() })), campaignBlock(lastDay, ctx({ now: new Date(2026, 10, 21).getTime() }))]).toEqual([undefined, 'schedule']);
  });

  it('counts impressions per session and converts once per exposure within the goal window', () => {
    const c = campaign({ goal: { event: 'purchase', within: '2d' } });
    let memory = rememberImpression(undefined, 's1', now, 'default');
    memory = rememberImpression(memory, 's1', now + 1, 'default');
    expect(memory).toEqual({ n: 2, sid: 's1', sn: 2, at: now + 1, v: 'default' });
    expect(rememberImpression(memory, 's2', now + 2, null)).toMatchObject({ n: 3, sid: 's2', sn: 1, v: null });
    expect(isConversion(c, memory, 'purchase', now + DAY)).toBe(true);
    expect(isConversion(c, memory, 'add_to_cart', now + DAY)).toBe(false);
    expect(isConversion(c, memory, 'purchase', now + 3 * DAY)).toBe(false);
    expect(isConversion(c, { ...memory, converted: now + 10 }, 'purchase', now + DAY)).toBe(false);
  });
});
