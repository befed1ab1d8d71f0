import { describe, expect, it } from 'vitest';
import { parseConfig, parseRfmConfig } from '../../../sdk/core/index.js';

const profile = (extra: Record<string, unknown> = {}) => ({
  visitor: { isReturning: true, sessions: 3 },
  session: { pageviews: 4 },
  page: { path: '/products/a', query: { utm_campaign: 'summer-sale' } },
  traits: { plan: 'pro', email: 'a@x.com' },
  ...extra,
});

describe('segments', () => {
  it('evaluates segments of segments in dependency order, whatever the config order', () => {
    const { segments, problems } = parseConfig({
      lists: { vip: ['a@x.com'] },
      segments: [
        { id: 'vip-deal-hunter', when: { segments: { $all: ['deal-hunter', 'vip'] } } },
        { id: 'deal-hunter', when: { 'page.query.utm_campaign': { $regexi: 'SALE' } } },
        { id: 'vip', when: { 'traits.email': { $inGroup: 'vip' } } },
        { id: 'not-vip', when: { segments: { $nin: ['vip'] } } },
        { id: 'new', when: { 'visitor.isReturning': false } },
      ],
    });
    expect(problems).toEqual([]);
    expect(segments.evaluate(profile())).toEqual(['vip-deal-hunter', 'deal-hunter', 'vip']);
    expect(segments.evaluate(profile({ traits: {} }))).toEqual(['deal-hunter', 'not-vip']);
  });

  it('names a cycle and drops its members and what builds on them, keeping the rest', () => {
    const { segments, problems } = parseConfig({
      segments: [
        { id: 'a', when: { segments: 'b' } },
        { id: 'b', when: { $or: [{ segments: { $in: ['c'] } }, { 'session.pageviews': 1 }] } },
        { id: 'c', when: { segments: { $elemMatch: { $eq: 'a' } } } },
        { id: 'd', when: { segments: 'a' } },
        { id: 'ok', when: { 'session.pageviews': { $gte: 2 } } },
      ],
    });
    expect(problems).toEqual([
      { path: 'segments[0]', message: 'segments depend on each other in a cycle: a → b → c → a', severity: 'error' },
      { path: 'segments[1]', message: 'segments depend on each other in a cycle: a → b → c → a', severity: 'error' },
      { path: 'segments[2]', message: 'segments depend on each other in a cycle: a → b → c → a', severity: 'error' },
      { path: 'segments[3]', message: 'builds on "a", which cannot be evaluated', severity: 'error' },
    ]);
    expect(segments.ordered.map((s) => s.id)).toEqual(['ok']);
    expect(segments.evaluate(profile())).toEqual(['ok']);
  });

  it('drops a segment whose condition has an error instead of letting $not match everyone', () => {
    const { segments, problems } = parseConfig({
      segments: [
        { id: 'typo', when: { 'page.path': { $not: { $regx: '^/cart' } } } },
        { id: 'fine', when: { 'page.path': { $regex: '^/products/' } } },
      ],
    });
    expect(problems).toEqual([{ path: 'segments[0].when.page.path.$not.$regx', message: 'unknown operator "$regx"; did you mean "$regex"?', severity: 'error' }]);
    expect(segments.evaluate(profile())).toEqual(['fine']);
  });

  // A `$nin` on a segment that is not there matches everyone: a typo, or a segment skipped
  // for its own error, must not widen an audience unseen.
  it('refuses a segment built on one that was skipped or that does not exist, naming it', () => {
    const { segments, problems } = parseConfig({
      segments: [
        { id: 'vip', when: [{ 'traits.plan': 'pro' }] },
        { id: 'not-vip', when: { segments: { $nin: ['vip'] } } },
        { id: 'typo', when: { $or: [{ segments: { $nin: ['vipp'] } }, { segments: 'also-missing' }] } },
        { id: 'pro', when: { 'traits.plan': 'pro' } },
        { id: 'pattern', when: { segments: { $elemMatch: { $regex: '^p' } } } },
      ],
    });
    expect(problems).toEqual([
      { path: 'segments[0].when', message: 'expected a condition object, got an array', severity: 'error' },
      { path: 'segments[2].when', message: 'names no segment "vipp"; did you mean "vip"?', severity: 'error' },
      { path: 'segments[2].when', message: 'names no segment "also-missing"', severity: 'error' },
      { path: 'segments[1]', message: 'builds on "vip", which cannot be evaluated', severity: 'error' },
    ]);
    expect(segments.evaluate(profile())).toEqual(['pro', 'pattern']);
  });

  // `$ini`, `$nini`, `$alli` name ids in any case: a typo under them is refused like one under
  // `$nin`, and the segments they name, in whatever case, are evaluated first.
  it('reads the case-insensitive list operators as naming segments, in any case', () => {
    const { segments, problems } = parseConfig({
      segments: [
        { id: 'not-vip', when: { segments: { $nini: ['VIP'] } } },
        { id: 'typo', when: { segments: { $nini: ['vipp'] } } },
        { id: 'both', when: { segments: { $alli: ['Vip', 'PRO'] } } },
        { id: 'vip', when: { 'traits.plan': 'pro' } },
        { id: 'pro', when: { 'traits.plan': 'pro' } },
      ],
    });
    expect(problems).toEqual([{ path: 'segments[1].when', message: 'names no segment "vipp"; did you mean "vip"?', severity: 'error' }]);
    expect(segments.evaluate(profile({ traits: { plan: 'pro' } }))).toEqual(['both', 'vip', 'pro']);
    expect(segments.evaluate(profile({ traits: {} }))).toEqual(['not-vip']);
  });

  // `$size`, `$regex`, `$exists` name no id: they read the whole list, so they come after
  // every segment that does not read the list itself, whatever the config order.
  it('evaluates a segment that reads the list without naming ids after the segments it could read', () => {
    const { segments, problems } = parseConfig({
      segments: [
        { id: 'multi', when: { segments: { $size: { $gte: 2 } } } },
        { id: 'any-paid', when: { segments: { $elemMatch: { $regex: '^paid-' } } } },
        { id: 'in-none', when: { segments: { $size: 0 } } },
        { id: 'paid-search', when: { 'page.query.utm_campaign': 'summer-sale' } },
        { id: 'returning', when: { 'visitor.isReturning': true } },
      ],
    });
    expect(problems).toEqual([]);
    expect(segments.evaluate(profile())).toEqual(['multi', 'any-paid', 'paid-search', 'returning']);
    expect(segments.evaluate(profile({ visitor: {}, page: {} }))).toEqual(['in-none']);
  });

  // Each segment reading the whole list sees the same list, the segments that neither read
  // it nor build on one that does: in either order, "in none" and "in some" never both hold,
  // and a segment built on the catch-all is no cycle.
  it.each([
    ['catch-all first', ['unsegmented', 'segmented']],
    ['catch-all last', ['segmented', 'unsegmented']],
  ])('gives every segment reading the whole list the same list (%s), and builds on one without a cycle', (_name, order) => {
    const when: Record<string, unknown> = {
      unsegmented: { segments: { $size: 0 } },
      segmented: { segments: { $size: { $gte: 1 } } },
    };
    const { segments, problems } = parseConfig({
      segments: [
        ...order.map((id) => ({ id, when: when[id] })),
        { id: 'new-unsegmented', when: { segments: { $in: ['unsegmented'] }, 'visitor.isReturning': false } },
        { id: 'returning', when: { 'visitor.isReturning': true } },
      ],
    });
    expect(problems).toEqual([]);
    const byOrder = (ids: string[]) => ids.sort();
    expect(byOrder(segments.evaluate(profile({ visitor: { isReturning: false } })))).toEqual(['new-unsegmented', 'unsegmented']);
    expect(byOrder(segments.evaluate(profile({ visitor: { isReturning: true } })))).toEqual(['returning', 'segmented']);
    expect(segments.sees?.('unsegmented', ['new-unsegmented', 'unsegmented'])).toEqual([]);
  });

  it.each([
    ['a non-object segment', ['x'], 'segments[0]', 'expected a segment object, got "x"'],
    ['a missing id', [{ when: {} }], 'segments[0].id', 'expected an id of letters, digits, "-" and "_" (at most 64), got undefined'],
    ['a duplicate id', [{ id: 'a', when: {} }, { id: 'a', when: {} }], 'segments[1].id', 'duplicate id "a" (also segments[0])'],
    ['a missing condition', [{ id: 'a' }], 'segments[0].when', 'expected a condition object, got undefined'],
    ['a nested quantifier', [{ id: 'a', when: { 'page.path': { $regex: '(a+)+$' } } }], 'segments[0].when.page.path.$regex', 'pattern "(a+)+$" repeats a group holding a quantifier or "|", which can freeze the page (catastrophic backtracking)'],
    ['an invalid pattern', [{ id: 'a', when: { 'page.path': { $regex: '([a-z' } } }], 'segments[0].when.page.path.$regex', 'invalid pattern "([a-z": Invalid regular expression: /([a-z/: Unterminated character class'],
    ['a prototype path', [{ id: 'a', when: { 'traits.__proto__.x': 1 } }], 'segments[0].when.traits.__proto__.x', 'the path "traits.__proto__.x" goes through "__proto__", which is never read'],
    ['$in without an array', [{ id: 'a', when: { 'page.path': { $in: '/cart' } } }], 'segments[0].when.page.path.$in', 'expected an array, got string'],
  ])('reports %s with its path', (_name, segments, path, message) => {
    expect(parseConfig({ segments }).problems).toContainEqual({ path, message, severity: 'error' });
  });

  it('warns about unknown keys with a suggestion and keeps the segment', () => {
    const parsed = parseConfig({ segmnts: [], segments: [{ id: 'a', name: 'A', whn: {}, when: {} }] });
    expect(parsed.problems).toEqual([
      { path: 'segmnts', message: 'unknown key; did you mean "segments"?', severity: 'warning' },
      { path: 'segments[0].whn', message: 'unknown key; did you mean "when"?', severity: 'warning' },
    ]);
    expect(parsed.config.segments).toEqual([{ id: 'a', name: 'A', when: {} }]);
  });

  it('keeps the quizzes section for the quizzes chunk, which validates it', () => {
    const parsed = parseConfig({ quizzes: [{ id: 'q' }] });
    expect(parsed.problems).toEqual([]);
    expect(parsed.config.quizzes).toEqual([{ id: 'q' }]);
  });

  it('never pollutes a prototype, whatever the config holds', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "lists": {"__proto__": [1]}, "segments": [{"id": "a", "when": {"__proto__": {"polluted": 1}}}]}');
    expect(() => parseConfig(hostile)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('rfm config', () => {
  it.each([
    [{ recencyDays: [30, 7] }, 'rfm.recencyDays', 'error'],
    [{ frequency: [1, 2, 3, 4, 5] }, 'rfm.frequency', 'error'],
    [{ monetary: 'lots' }, 'rfm.monetary', 'error'],
    [{ monetry: [1] }, 'rfm.monetry', 'warning'],
  ])('reports %j at its path and keeps the defaults', (rfm, path, severity) => {
    const parsed = parseRfmConfig(rfm);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ path, severity });
    expect(parsed.cuts).toEqual({ recencyDays: [7, 30, 90, 180], frequency: [2, 3, 5, 8], monetary: [50, 150, 400, 1000] });
  });

  it('takes ascending cut points', () => {
    expect(parseRfmConfig({ frequency: [2, 4] }).cuts.frequency).toEqual([2, 4]);
  });
});
