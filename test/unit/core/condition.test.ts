import { describe, expect, it } from 'vitest';
import { compileCondition, didYouMean, evaluate, explainCondition, hasNestedQuantifier, paddedVersion, parseConfig, type Problem } from '../../../sdk/core/index.js';

describe('evaluate', () => {
  it('reads own properties only, never through the prototype chain', () => {
    expect(evaluate({ 'traits.toString': { $exists: true } }, { traits: {} })).toBe(false);
    expect(evaluate({ 'items.length': 2 }, { items: [1, 2] })).toBe(true);
    expect(evaluate({ 'traits.__proto__': { $exists: true } }, { traits: {} })).toBe(false);
  });

  it('never throws, whatever the attributes', () => {
    const bare = Object.create(null);
    expect(evaluate({ a: 'x', b: { $gt: 1 }, c: { $regex: 'x' } }, { a: bare, b: bare, c: bare })).toBe(false);
    expect(evaluate(null, {})).toBe(false);
    expect(evaluate({ $and: 'nope' }, {})).toBe(false);
  });

  it('reports problems at their paths when compiling', () => {
    const problems: { path: string; message: string }[] = [];
    compileCondition({ $or: [{ a: { $gt: 1, $foo: 2 } }, { b: { $regex: '(x*)*' } }] }, { path: 'when', problems: problems as never });
    expect(problems.map((p) => p.path)).toEqual(['when.$or[0].a.$foo', 'when.$or[1].b.$regex']);
  });

  it('names what it reads: each root (for its reader), each path, and $within for an $event window', () => {
    const reads = new Set<string>();
    compileCondition(
      { $or: [{ 'behavior.engagedTime': { $gte: 30 } }, { 'geo.country': 'FR' }, { $event: { name: 'view_item', within: '10m' } }, { $event: { name: 'purchase' } }] },
      { path: 'when', reads },
    );
    expect([...reads].sort()).toEqual(['$within', 'behavior', 'behavior.engagedTime', 'geo', 'geo.country']);
  });
});

// A `$type` no value has, or an `$exists` read as truthy ("no" is true), is a typo that
// would fail closed, or match everyone under a $not, unseen.
describe('operands the compiler can judge', () => {
  it.each([
    [{ a: { $type: 'integer' } }, 'when.a.$type', 'expected one of string, number, boolean, array, object, null, undefined, got "integer"'],
    [{ a: { $exists: 'no' } }, 'when.a.$exists', 'expected true or false, got "no"'],
  ])('refuses %j by path', (condition, path, message) => {
    const problems: Problem[] = [];
    compileCondition(condition, { path: 'when', problems });
    expect(problems).toEqual([{ path, message, severity: 'error' }]);
  });
});

describe('logical operators', () => {
  it.each([
    [{ $Or: [{ a: 1 }] }, 'when.$Or', '"$or"'],
    [{ $events: { name: 'purchase' } }, 'when.$events', '"$event"'],
    [{ $xor: [] }, 'when.$xor', '"$or"'],
  ])('refuses a near miss by path and fails closed: %j', (condition, path, suggestion) => {
    const problems: Problem[] = [];
    const test = compileCondition(condition, { path: 'when', problems });
    expect(problems.map((p) => [p.path, p.severity])).toEqual([[path, 'error']]);
    expect(problems[0]?.message).toContain(`did you mean ${suggestion}`);
    expect(test({ a: 1 })).toBe(false);
  });

  it('drops a segment with such a typo under $not, which would otherwise hold for everyone', () => {
    const { segments, problems } = parseConfig({ segments: [{ id: 'never-bought', when: { $not: { $events: { name: 'purchase' } } } }] });
    expect([segments.ordered.map((s) => s.id), problems.map((p) => p.path)]).toEqual([[], ['segments[0].when.$not.$events']]);
  });

  it('reads another "$" key as a path, as GrowthBook does', () => {
    const problems: Problem[] = [];
    expect(compileCondition({ $groups: { $elemMatch: { $eq: 'a' } } }, { path: 'when', problems })({ $groups: ['a'] })).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe('hasNestedQuantifier', () => {
  it.each([
    ['(a+)+$', true],
    ['(\\w*)*', true],
    ['((ab)+)+', true],
    ['(a|b+){2,}', true],
    ['^(a|a)*$', true],
    ['^(a|aa)+$', true],
    ['^(a?){25}a{25}$', true],
    ['(?:ab)+', false],
    ['(a|b)?', false],
    ['([a-z]+)*x', true],
    ['^/products/[^/]+$', false],
    ['(mobile|tablet)', false],
    ['-12-25$', false],
    ['(a+)?', false],
    ['[(a+)+]', false],
    ['\\(a+\\)+', false],
  ])('%s → %s', (pattern, nested) => {
    expect(hasNestedQuantifier(pattern)).toBe(nested);
  });
});

describe('paddedVersion', () => {
  it.each([
    ['1.2.3', '1.10.0', -1],
    ['v1.2.3', '1.2.3', 0],
    ['1.2.3-beta', '1.2.3', -1],
    ['1.2.3+build', '1.2.3', 0],
  ])('orders %s against %s', (a, b, sign) => {
    const [pa, pb] = [paddedVersion(a), paddedVersion(b)];
    expect(Math.sign(pa < pb ? -1 : pa > pb ? 1 : 0)).toBe(sign);
  });
});

describe('explainCondition', () => {
  it('gives every clause with its path, operator, expected and actual value', () => {
    const attributes = { cart: { count: 2 }, page: { type: 'checkout' }, traits: { plan: 'pro' } };
    const condition = { 'cart.count': { $gt: 0 }, 'page.type': { $ne: 'checkout' }, $or: [{ 'traits.plan': 'pro' }, { 'traits.vip': true }] };
    expect(explainCondition(condition, attributes)).toEqual({
      result: false,
      clauses: [
        { path: 'cart.count', op: '$gt', expected: 0, actual: 2, result: true },
        { path: 'page.type', op: '$ne', expected: 'checkout', actual: 'checkout', result: false },
        {
          path: '',
          op: '$or',
          result: true,
          children: [
            { path: 'traits.plan', op: '$eq', expected: 'pro', actual: 'pro', result: true },
            { path: 'traits.vip', op: '$eq', expected: true, actual: null, result: false },
          ],
        },
      ],
    });
  });

  it('gives an $event clause the number of events it counts as its actual value', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const events = [1, 2, 3, 40].map((h) => ({ name: 'wishlist', ts: now - h * 3600_000, props: {} }));
    const context = { events: [...events, { name: 'other', ts: now, props: {} }], now };
    const { clauses } = explainCondition({ $event: { name: 'wishlist', within: '1d', count: { $gte: 4 } } }, {}, undefined, context);
    expect(clauses).toEqual([{ path: '', op: '$event', expected: { name: 'wishlist', within: '1d', count: { $gte: 4 } }, actual: 3, result: false }]);
    expect(explainCondition({ $event: { name: 'wishlist' } }, {}, undefined, context).clauses[0]).toMatchObject({ actual: 4, result: true });
    expect(explainCondition({ $event: { name: 'none' } }, {}, undefined, context).clauses[0]).toMatchObject({ actual: 0, result: false });
  });

  it('splits several operators on one path into children', () => {
    const { clauses } = explainCondition({ n: { $gte: 1, $lt: 5 } }, { n: 7 });
    expect(clauses).toEqual([
      {
        path: 'n',
        op: '$and',
        expected: { $gte: 1, $lt: 5 },
        actual: 7,
        result: false,
        children: [
          { path: 'n', op: '$gte', expected: 1, actual: 7, result: true },
          { path: 'n', op: '$lt', expected: 5, actual: 7, result: false },
        ],
      },
    ]);
  });
});

describe('didYouMean', () => {
  it.each([
    ['$regx', ['$regex', '$not'], '; did you mean "$regex"?'],
    ['whn', ['when', 'id'], '; did you mean "when"?'],
    ['segmnts', ['segments', 'site'], '; did you mean "segments"?'],
    ['recencyDay', ['recencyDays'], '; did you mean "recencyDays"?'],
    ['titel', ['title', 'body'], '; did you mean "title"?'],
    ['tigger', ['trigger', 'type'], '; did you mean "trigger"?'],
    ['$foo', ['$not', '$in'], ''],
    ['colour', ['campaigns', 'consent'], ''],
    ['segmentsXX', ['segments'], '; did you mean "segments"?'],
    ['segmentsXXXX', ['segments'], ''],
  ])('%s among %j', (word, candidates, hint) => {
    expect(didYouMean(word, candidates)).toBe(hint);
  });

  it('compares no candidate with a key too long to be a slip of it (a 1 MB key, #8)', () => {
    // Each candidate costs a distance table of word × candidate: counted through the one
    // method the comparison calls on each candidate.
    let compared = 0;
    const candidate = (name: string) => Object.assign(new String(name), { toLowerCase: () => (compared++, name) }) as unknown as string;
    expect(didYouMean('x'.repeat(1_000_000), [candidate('segments'), candidate('site')])).toBe('');
    expect(compared).toBe(0);
    expect(didYouMean('segmnts', [candidate('segments'), candidate('site')])).toBe('; did you mean "segments"?');
    expect(compared).toBe(1);
  });
});

describe('number equality, as GrowthBook coerces it', () => {
  it.each([
    [8, 8, true],
    ['8', 8, true],
    [null, 0, true],
    [true, 1, true],
    [false, 0, true],
    [[5], 5, true],
    [{}, 0, false],
    ['eight', 8, false],
  ])('%j equals %j: %s', (actual, expected, result) => {
    expect(evaluate({ x: expected }, { x: actual })).toBe(result);
  });
});
