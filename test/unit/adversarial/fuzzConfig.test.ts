// Fuzzed configs (#8): the demo store's config with random subtrees replaced by hostile
// JSON (any value, nesting 30,000 deep, arrays of 20,000 items, 1 MB strings, keys named
// __proto__, constructor and prototype), read the way the browser and `beckon validate`
// read it. Validation never throws, names a path for every problem, each problem is about
// what was changed (or what builds on it), what was not touched is kept, and no
// prototype changes.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  parseCampaignSection,
  parseConfig,
  parseIntentConfig,
  parseQuizzes,
  parseRfmConfig,
  type EventContext,
  type Problem,
} from '../../../sdk/core/index.js';
import { MB, PROTO_KEYS, SEED, deepJson, hijackedObjects, prototypeChanges, prototypeSnapshot, specArb, toJson, type DeepShape, type Spec } from './hostile.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const SKELETON_TEXT = readFileSync(new URL('../../../demo-site/beckon.config.json', import.meta.url), 'utf8');
const skeleton = (): Record<string, Json> => JSON.parse(SKELETON_TEXT);

/** A JSON path as the validator writes it: `campaigns[2].trigger.seconds`, the root as ''. */
const pathText = (path: Path) => path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step), '');

/** Whether one path is the other, or inside it, or holds it. */
function related(a: string, b: string): boolean {
  const inside = (inner: string, outer: string) => outer === '' || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return inside(a, b) || inside(b, a);
}

/** Every node of a JSON value with its path, root first. */
function nodesOf(value: Json): Path[] {
  const out: Path[] = [];
  const todo: [Json, Path][] = [[value, []]];
  while (todo.length > 0) {
    const [node, path] = todo.pop()!;
    out.push(path);
    if (Array.isArray(node)) node.forEach((item, i) => todo.push([item, [...path, i]]));
    else if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) todo.push([item, [...path, key]]);
  }
  return out;
}

/** The config as `beckon validate` checks it (sdk/entry/cli.ts), with everything it returns. */
function validate(raw: unknown) {
  const parsed = parseConfig(raw);
  const quizProblems: Problem[] = [];
  const quizzes = parseQuizzes(parsed.config, quizProblems);
  const section = parseCampaignSection(parsed.config, { valid: quizzes, all: parsed.config.quizzes });
  const sections = (raw ?? {}) as { rfm?: unknown; intent?: unknown };
  const problems = [
    ...parsed.problems,
    ...quizProblems,
    ...section.problems,
    ...(sections.rfm !== undefined ? parseRfmConfig(sections.rfm).problems : []),
    ...(sections.intent !== undefined ? parseIntentConfig(sections.intent).problems : []),
  ];
  return { parsed, quizzes, campaigns: section.campaigns, problems };
}
type Validated = ReturnType<typeof validate>;

/** Time limit of the heavy tests: they take seconds alone, more beside the rest of the suite on a 2-core machine. */
const SLOW = 120_000;

const problemKey = (p: Problem) => `${p.severity} ${p.path}: ${p.message}`;

/** A profile with hostile parts: keys that name prototypes, markup, a long string. */
const PROFILE = JSON.parse(`{
  "visitor": { "isReturning": true, "id": "v1" }, "session": { "pageviews": 4 },
  "page": { "path": "/products/trail", "type": "product", "query": { "utm_campaign": "winter-sale" } },
  "traits": { "email": "ada@stride.example", "__proto__": { "polluted": "traits" }, "constructor": { "prototype": { "polluted": 1 } } },
  "segments": ["returning"], "answers": { "find-your-shoe": { "terrain": "road", "distance": "marathon" } },
  "cart": { "count": 2, "items": [{ "item_id": "SKU-1", "__proto__": { "polluted": "item" } }] },
  "__proto__": { "polluted": "profile" }, "prototype": { "polluted": true },
  "funnel": { "stage": "intending" }, "intent": { "bucket": "likely" }, "long": "${'a'.repeat(10_000)}!"
}`);
const CONTEXT: EventContext = {
  now: Date.UTC(2026, 10, 23),
  events: [{ name: 'view_item', ts: Date.UTC(2026, 10, 22), props: JSON.parse('{"__proto__": {"polluted": "event"}, "items": [{"item_id": "SKU-1"}]}') }],
};

/** Runs every compiled condition of a validated config against the hostile profile. */
function evaluateAll({ parsed, quizzes, campaigns }: Validated) {
  const ids = parsed.segments.ordered.map((s) => s.id);
  const matched = parsed.segments.evaluate(PROFILE, CONTEXT);
  expect(matched.every((id) => ids.includes(id))).toBe(true);
  for (const campaign of campaigns) if (campaign.audience) expect(typeof campaign.audience(PROFILE, CONTEXT)).toBe('boolean');
  for (const quiz of quizzes) {
    for (const result of quiz.results) if (result.test) expect(typeof result.test(PROFILE)).toBe('boolean');
    for (const question of quiz.questions) if (Array.isArray(question.next)) for (const rule of question.next) expect(typeof rule.test(PROFILE)).toBe('boolean');
  }
}

/** What in the demo config builds on what: segments on segments they name, campaigns on the quiz they show. */
function dependencies(config: Record<string, Json>) {
  const segments = config.segments as { id: string; when: Json }[];
  const campaigns = config.campaigns as Record<string, Json>[];
  const quizzes = config.quizzes as { id: string }[];
  const names = (value: Json, id: string) => JSON.stringify(value).includes(JSON.stringify(id));
  return {
    segments: segments.map((s, i) => ({ id: s.id, path: `segments[${i}]`, uses: segments.filter((other) => other !== s && names(s.when, other.id)).map((o) => o.id) })),
    campaigns: campaigns.map((c, i) => ({
      id: c.id as string,
      path: `campaigns[${i}]`,
      quizzes: quizzes.filter((q) => names(c.content ?? c.variants ?? null, q.id)).map((q) => q.id),
      segments: segments.filter((segment) => names(c.audience ?? null, segment.id)).map((segment) => segment.id),
    })),
    quizzes: quizzes.map((q, i) => ({ id: q.id, path: `quizzes[${i}]` })),
  };
}

/** Every string and key a spec holds: an id among them can collide with, or be named by, an untouched part. */
function stringsOf(spec: Spec, out = new Set<string>()): Set<string> {
  if (typeof spec === 'string') out.add(spec);
  else if (Array.isArray(spec)) spec.forEach((item) => stringsOf(item, out));
  else if (spec !== null && typeof spec === 'object') {
    if ('o' in spec) for (const [key, value] of spec.o) stringsOf(value, out.add(key));
    else if (spec.heavy === 'array') stringsOf(spec.item, out);
  }
  return out;
}

interface Mutation {
  /** Index into the skeleton's nodes (taken modulo their number). */
  node: number;
  /** Replace the node, or (on an object) add a key to it. */
  add: string | null;
  spec: Spec;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  node: fc.nat(),
  add: fc.option(fc.constantFrom(...PROTO_KEYS, 'polluted', 'extra', 'when', 'segments', 'campaigns', 'quizzes', 'id'), { freq: 4 }),
  spec: specArb,
});

/** The skeleton with the mutations applied, as JSON text, and the paths they changed. */
function mutate(mutations: Mutation[]): { text: string; changed: string[]; strings: Set<string> } {
  const config: Json = skeleton();
  const nodes = nodesOf(config);
  const replacements: string[] = [];
  const changed: string[] = [];
  const strings = new Set<string>();
  let root: Json = config;
  for (const { node, add, spec } of mutations) {
    let path = nodes[node % nodes.length]!;
    // Find the node; a node inside an earlier replacement is gone.
    let parent: Json | undefined;
    let target: Json | undefined = root;
    for (const step of path) {
      parent = target;
      target = target !== null && typeof target === 'object' && Object.hasOwn(target, step) ? (target as Record<string, Json>)[step] : undefined;
    }
    if (target === undefined) continue;
    const token = `\u0000mutation ${replacements.length}\u0000`;
    replacements.push(toJson(spec));
    stringsOf(spec, strings);
    if (add !== null && target !== null && typeof target === 'object' && !Array.isArray(target)) {
      // Defined, not assigned: a `__proto__` key must become an own property, as JSON.parse makes it.
      Object.defineProperty(target, add, { value: token, enumerable: true, writable: true, configurable: true });
      path = [...path, add];
    } else if (path.length === 0) root = token;
    else (parent as Record<string | number, Json>)[path.at(-1)!] = token;
    changed.push(pathText(path));
  }
  const text = JSON.stringify(root).replace(/"\\u0000mutation (\d+)\\u0000"/g, (_match, i: string) => replacements[Number(i)]!);
  return { text, changed, strings };
}

const BASE = skeleton();
const DEPS = dependencies(BASE);
const baseline = validate(BASE);
const baselineProblems = new Set(baseline.problems.map(problemKey));
const baselineSegments = baseline.parsed.config.segments.map((s) => s.id);
const baselineCampaigns = baseline.campaigns.map((c) => `${c.path} ${c.id}`);
const baselineQuizzes = baseline.quizzes.map((q) => `${q.path} ${q.id}`);

/**
 * What a set of changes may affect: the parts they touch, the segments that build on a
 * touched segment, the campaigns that show a touched quiz or whose audience names an
 * affected segment, and any part whose id the new values mention (they may now collide
 * with it or name it).
 */
function affected(changed: string[], strings: Set<string>) {
  const touched = (path: string) => changed.some((c) => related(c, path));
  const segments = new Set(DEPS.segments.filter((s) => touched(s.path) || strings.has(s.id)).map((s) => s.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of DEPS.segments) {
      if (!segments.has(s.id) && s.uses.some((id) => segments.has(id))) {
        segments.add(s.id);
        grew = true;
      }
    }
  }
  const quizzes = new Set(DEPS.quizzes.filter((q) => touched(q.path) || strings.has(q.id)).map((q) => q.id));
  const campaigns = new Set(
    DEPS.campaigns.filter((c) => touched(c.path) || strings.has(c.id) || c.quizzes.some((id) => quizzes.has(id)) || c.segments.some((id) => segments.has(id))).map((c) => c.id),
  );
  const paths = [
    ...changed,
    ...DEPS.segments.filter((s) => segments.has(s.id)).map((s) => s.path),
    ...DEPS.campaigns.filter((c) => campaigns.has(c.id)).map((c) => c.path),
    ...DEPS.quizzes.filter((q) => quizzes.has(q.id)).map((q) => q.path),
  ];
  return { segments, campaigns, quizzes, paths, lists: changed.some((c) => related(c, 'lists')) };
}

let before: ReturnType<typeof prototypeSnapshot>;
beforeEach(() => {
  before = prototypeSnapshot();
});
afterEach(() => {
  expect(prototypeChanges(before)).toEqual([]);
});

describe('fuzzed configs', () => {
  it('the demo config is valid to start from', () => {
    expect(baseline.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect([baselineSegments.length, baselineCampaigns.length, baselineQuizzes.length]).toEqual([
      DEPS.segments.length,
      DEPS.campaigns.length,
      DEPS.quizzes.length,
    ]);
  });

  it('never throws, reports each problem at the path changed, keeps the rest, and pollutes nothing', () => {
    const started = performance.now();
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        const { text, changed, strings } = mutate(mutations);
        const raw: unknown = JSON.parse(text);
        const result = validate(raw);
        evaluateAll(result);

        for (const p of result.problems) {
          expect(typeof p.path === 'string' && p.path !== '' && typeof p.message === 'string' && p.message !== '', problemKey(p)).toBe(true);
          expect(['error', 'warning']).toContain(p.severity);
        }
        const scope = affected(changed, strings);
        const stray = result.problems.filter(
          (p) =>
            !baselineProblems.has(problemKey(p)) &&
            !scope.paths.some((path) => related(p.path, path)) &&
            // A renamed or removed list is reported where a condition names it.
            !(scope.lists && p.message.startsWith('no list named')),
        );
        expect(stray.map(problemKey), `changed ${changed.join(', ')}`).toEqual([]);

        const segments = result.parsed.config.segments.map((s) => s.id);
        expect(baselineSegments.filter((id) => !scope.segments.has(id) && !segments.includes(id))).toEqual([]);
        const campaigns = result.campaigns.map((c) => `${c.path} ${c.id}`);
        expect(baselineCampaigns.filter((c) => !scope.campaigns.has(c.split(' ')[1]!) && !campaigns.includes(c))).toEqual([]);
        const quizzes = result.quizzes.map((q) => `${q.path} ${q.id}`);
        expect(baselineQuizzes.filter((q) => !scope.quizzes.has(q.split(' ')[1]!) && !quizzes.includes(q))).toEqual([]);

        expect(hijackedObjects([result.parsed.config, result.campaigns, result.quizzes])).toEqual([]);
        expect(prototypeChanges(before)).toEqual([]);
      }),
      { seed: SEED, numRuns: 200 },
    );
    console.log(`fuzzed configs: 200 runs in ${Math.round(performance.now() - started)} ms (seed ${SEED})`);
  }, SLOW);

  it.each([
    ['objects', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},'],
    ['arrays', '{"__proto__":["polluted"],"constructor":["polluted"],"prototype":["polluted"],'],
  ])('reads __proto__, constructor and prototype keys holding %s at every level as data, never as prototypes', (_name, hostile) => {
    // Each object of the config gains the three keys, as own properties (JSON.parse makes them so).
    const text = SKELETON_TEXT.replace(/\{(?=\s*")/g, hostile);
    const raw = JSON.parse(text);
    expect(Object.keys(raw).slice(0, 3)).toEqual(['__proto__', 'constructor', 'prototype']);
    const result = validate(raw);
    evaluateAll(result);
    const at = (path: string) => result.problems.filter((p) => p.path === path).map((p) => `${p.severity}: ${p.message}`);

    // Unknown keys at the top and in a campaign: warnings, the campaign stays.
    expect(at('__proto__')).toEqual(['warning: unknown key']);
    expect(at('campaigns[1].constructor')).toEqual(['warning: unknown key']);
    expect(at('campaigns[1].content.prototype')).toEqual(['warning: unknown key']);
    // A list, a trait or a condition path with such a name is an error.
    expect(at('lists.__proto__')).toEqual(['error: this name is reserved']);
    expect(at('segments[0].when.__proto__')).toEqual(['error: the path "__proto__" goes through "__proto__", which is never read']);
    expect(at('quizzes[0].questions[0].options[0].traits.constructor')).toEqual(['error: this name is reserved']);
    // So every segment and the quiz go (their conditions read through the keys), and the
    // campaigns with an audience or the quiz with them; the others stay.
    expect(result.parsed.config.segments).toEqual([]);
    expect(result.quizzes).toEqual([]);
    const plain = (BASE.campaigns as Record<string, Json>[]).filter((c) => c.audience === undefined && !JSON.stringify(c).includes('"kind":"quiz"'));
    expect(result.campaigns.map((c) => c.id)).toEqual(plain.map((c) => c.id));
    expect(plain.length).toBeGreaterThan(3);
    // The values carried by the keys are nowhere to be read.
    expect(hijackedObjects([result.parsed.config, result.campaigns])).toEqual([]);
    expect(result.campaigns.every((c) => (c as unknown as Record<string, unknown>).polluted === undefined)).toBe(true);
  });

  it('keeps everything when the keys are only where no condition or trait reads them', () => {
    const raw = JSON.parse(SKELETON_TEXT);
    const inject = (value: Json, path: Path): void => {
      if (Array.isArray(value)) return value.forEach((item, i) => inject(item, [...path, i]));
      if (value === null || typeof value !== 'object') return;
      const key = path.at(-1);
      if (key === 'when' || key === 'audience' || key === 'traits' || key === 'lists') return;
      for (const [k, item] of Object.entries(value)) inject(item, [...path, k]);
      for (const proto of PROTO_KEYS) Object.defineProperty(value, proto, { value: { polluted: 'yes' }, enumerable: true, writable: true, configurable: true });
    };
    inject(raw, []);
    const result = validate(JSON.parse(JSON.stringify(raw)));
    expect(result.problems.filter((p) => p.severity === 'error').map(problemKey)).toEqual([]);
    expect(result.parsed.config.segments.map((s) => s.id)).toEqual(baselineSegments);
    expect(result.campaigns.map((c) => `${c.path} ${c.id}`)).toEqual(baselineCampaigns);
    expect(result.quizzes.map((q) => `${q.path} ${q.id}`)).toEqual(baselineQuizzes);
    // The sections that check their keys say so, by path.
    expect(result.problems.filter((p) => p.path === 'campaigns[0].variants[0].content.__proto__')).toHaveLength(1);
    expect(result.problems.filter((p) => p.path === 'quizzes[0].results[0].prototype')).toHaveLength(1);
    expect(hijackedObjects([result.parsed.config, result.campaigns, result.quizzes])).toEqual([]);
  });

  it('refuses 1 MB strings where text is expected, by path, and keeps the rest', () => {
    const raw = JSON.parse(SKELETON_TEXT);
    const huge = 'x'.repeat(MB);
    // One 1 MB string per kind of field: a title, a body, a label, a link, an image, an id, a pattern, a selector, a date.
    const fields: [Path, string][] = [
      [['campaigns', 1, 'content', 'title'], 'error'],
      [['campaigns', 4, 'content', 'body'], 'error'],
      [['campaigns', 0, 'variants', 0, 'content', 'cta', 'label'], 'error'],
      [['campaigns', 3, 'content', 'fields', 0, 'label'], 'error'],
      [['campaigns', 4, 'content', 'image', 'src'], 'warning'],
      [['campaigns', 8, 'content', 'cta', 'href'], 'warning'],
      [['campaigns', 2, 'content', 'submit', 'endpoint'], 'warning'],
      [['campaigns', 9, 'id'], 'error'],
      [['campaigns', 2, 'trigger', 'selector'], 'error'],
      [['campaigns', 1, 'schedule', 'end'], 'error'],
      [['segments', 2, 'when', 'page.path', '$regex'], 'error'],
      [['segments', 3, 'id'], 'error'],
      [['quizzes', 0, 'questions', 1, 'text'], 'error'],
    ];
    for (const [path] of fields) {
      const parent = path.slice(0, -1).reduce<Record<string | number, Json>>((node, step) => node[step] as Record<string | number, Json>, raw);
      expect(typeof parent[path.at(-1)!], pathText(path)).toBe('string');
      parent[path.at(-1)!] = huge;
    }
    const result = validate(JSON.parse(JSON.stringify(raw)));
    for (const [path, severity] of fields) {
      expect(result.problems.filter((p) => p.path === pathText(path)).map((p) => p.severity), pathText(path)).toEqual([severity]);
    }
    // Messages quote at most 40 characters of the value.
    expect(Math.max(...result.problems.map((p) => p.message.length))).toBeLessThan(400);
    // Dropped: the campaigns with a bad text, id, selector or date, the segments with a bad pattern or id, the quiz (and the two campaigns showing it).
    expect(result.campaigns.map((c) => c.path)).toEqual(['campaigns[5]', 'campaigns[8]']);
    expect(result.parsed.config.segments.map((s) => s.id)).toEqual(baselineSegments.filter((id) => id !== 'on-product' && id !== 'sale-link'));
    expect(result.quizzes).toEqual([]);
    // A link that is too long is dropped, and its campaign still shows.
    expect(result.campaigns[1]?.variants[0]?.content).toMatchObject({ kind: 'message', cta: { label: 'See Long Haul' } });
    expect((result.campaigns[1]?.variants[0]?.content as { cta: { href?: string } }).cta.href).toBeUndefined();
  });

  it.each<[DeepShape, number]>([
    ['not', 100_000],
    ['and', 100_000],
    ['or', 50_000],
    ['elemMatch', 50_000],
    ['object', 100_000],
    ['array', 100_000],
  ])('refuses a condition nested %s %i levels deep, by path, and keeps the rest', (shape, depth) => {
    const nested = deepJson(shape, depth);
    // The same nesting as a segment, as a campaign audience, as a quiz rule, and under "segments".
    const where = { array: `{"segments":{"$in":${nested}}}`, elemMatch: `{"cart.items":${nested}}`, object: `{"traits.x":${nested}}` }[shape as string] ?? nested;
    const raw = JSON.parse(SKELETON_TEXT);
    raw.segments.push({ id: 'deep', when: '@' }, { id: 'after-deep', when: { 'cart.count': { $gt: 0 } } });
    raw.campaigns.push({ id: 'deep-audience', type: 'popup', audience: '@', content: { kind: 'message', title: 'Deep' } });
    raw.quizzes[0].results.unshift({ when: '@', title: 'Deep' });
    const text = JSON.stringify(raw).replaceAll('"@"', where);
    const result = validate(JSON.parse(text));
    evaluateAll(result);
    const errors = result.problems.filter((p) => p.severity === 'error').map((p) => p.path);
    const segments = result.parsed.config.segments.map((s) => s.id);
    // Lists in a list under $in are data to the condition (it compiles, and matches nobody),
    // but the segments it names cannot all be found: that segment alone is refused.
    if (shape === 'array') expect(errors).toEqual(['segments[15].when']);
    else {
      expect(errors).toEqual(expect.arrayContaining(['segments[15].when', 'campaigns[10].audience']));
      expect(errors.some((path) => path.startsWith('quizzes[0].results[0].when'))).toBe(true);
      expect(segments).not.toContain('deep');
      expect(result.quizzes).toEqual([]);
    }
    expect(segments).toEqual(expect.arrayContaining([...baselineSegments, 'after-deep']));
    expect(result.campaigns.map((c) => c.id)).toEqual(expect.arrayContaining(['cart-rescue', 'winter-sale', 'newsletter', 'help-corner']));
  }, SLOW);

  it('compiles and keeps 10,000 segments, 10,000 campaigns and a quiz of 10,000 questions', () => {
    const raw = JSON.parse(SKELETON_TEXT);
    const n = 10_000;
    raw.segments = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      // Each builds on the one before: ordering them walks a chain 10,000 long.
      when: i === 0 ? { 'page.path': { $regex: '^/products/' } } : { segments: { $in: [`s${i - 1}`] }, 'cart.count': { $gte: i % 7 } },
    }));
    raw.campaigns = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, type: 'bar', audience: { segments: { $in: [`s${i}`] } }, content: { kind: 'message', title: `Offer ${i}` } }));
    raw.quizzes = [{ id: 'long', questions: Array.from({ length: n }, (_, i) => ({ id: `q${i}`, type: 'text', text: `Question ${i}` })) }];
    raw.lists = { big: Array.from({ length: 100_000 }, (_, i) => `user${i}@example.com`) };
    const started = performance.now();
    const result = validate(raw);
    console.log(`10,000 segments, 10,000 campaigns, 10,000 questions validated in ${Math.round(performance.now() - started)} ms`);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.parsed.segments.ordered).toHaveLength(n);
    expect(result.campaigns).toHaveLength(n);
    expect(result.quizzes[0]?.questions).toHaveLength(n);
  }, SLOW);

  it('reports a loop in a quiz of 5,000 questions at the question that closes it', () => {
    const questions = Array.from({ length: 5_000 }, (_, i) => ({ id: `q${i}`, type: 'text', text: `Question ${i}` }));
    Object.assign(questions[4_999]!, { next: 'q4997' });
    const problems: Problem[] = [];
    expect(parseQuizzes({ quizzes: [{ id: 'loop', questions }], lists: {} }, problems)).toEqual([]);
    expect(problems.map(problemKey)).toEqual(['error quizzes[0].questions[4999].next: the branching loops: q4997 → q4998 → q4999 → q4997']);
  });
});
