// Shared pieces of the adversarial suite: hostile JSON described compactly (a failing
// case prints a few lines, not a megabyte), turned into JSON text and read back with
// JSON.parse, as a config reaches the browser; and the checks that no prototype changed.
import fc from 'fast-check';

/** Every property run starts from this seed, so a failure replays; fast-check prints it with the counterexample. */
export const SEED = 0x8b5eed;
export const MB = 1 << 20;

/** Keys that would reach a prototype if a parser assigned them, and others with a meaning somewhere in a config. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const KEYS = [
  ...PROTO_KEYS,
  'polluted', 'toString', 'hasOwnProperty', 'valueOf', 'id', 'when', 'kind', 'type', 'title', 'body', 'href', 'src', 'alt',
  'label', 'text', 'value', 'next', 'to', 'quiz', 'segments', 'content', 'variants', 'questions', 'options', 'results',
  'fields', 'name', 'submit', 'endpoint', 'traits', 'cta', 'image', 'trigger', 'on', 'seconds', 'placement', 'target',
  '$regex', '$regexi', '$in', '$not', '$and', '$or', '$nor', '$elemMatch', '$event', '$inGroup', '$size', '$all', '$gt',
  'page.path', 'traits.email', 'answers.find-your-shoe.terrain', 'cart.count', 'segments.0',
];

/** Strings that mean something to a parser or a browser, beside random ones. */
export const TRICKY_STRINGS = [
  '', ' ', 'message', 'form', 'quiz', 'popup', 'bar', 'inline', 'single', 'text', 'image', 'end', 'load', 'click',
  'returning', 'browsing', 'engaged-returning', 'find-your-shoe', 'terrain', 'staff', 'cart-rescue',
  '(a+)+$', '(a|aa)+$', '(.*a){12}', '[', '\\', '^/products/',
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '{{constructor.name}}', '{{traits.__proto__}}',
  'javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', '//evil.example', '/cart', 'https://ok.example/a',
  '7d', '30x', '2026-12-31T23:59:59Z', '#fff', '.open-newsletter', '##', '/**', 'a\u0000b', '\u2028',
];

/**
 * A JSON value as a description: plain JSON, `{ o: [[key, value]…] }` for an object whose
 * keys may repeat or be `__proto__`, or `{ heavy }` for one too big to print.
 */
export type Spec = null | boolean | number | string | Spec[] | { o: [string, Spec][] } | Heavy;
export type Heavy =
  | { heavy: 'string'; length: number; char: string }
  | { heavy: 'deep'; depth: number; shape: DeepShape }
  | { heavy: 'array'; length: number; item: Spec };

/** Ways to nest: `{"$not":{"$not":…}}`, `{"$and":[{"$and":[…]}]}`, plain objects, arrays, and a list of lists under `$in`. */
const DEEP = {
  not: ['{"$not":', '}', '{"a":1}'],
  and: ['{"$and":[', ']}', '{"a":1}'],
  or: ['{"$or":[', ']}', '{"a":1}'],
  elemMatch: ['{"$elemMatch":', '}', '{"$eq":1}'],
  object: ['{"x":', '}', '1'],
  array: ['[', ']', '"returning"'],
} as const;
export type DeepShape = keyof typeof DEEP;
export const DEEP_SHAPES = Object.keys(DEEP) as DeepShape[];

/** JSON text nested `depth` levels deep, built without recursion (JSON.stringify would overflow first). */
export function deepJson(shape: DeepShape, depth: number): string {
  const [open, close, core] = DEEP[shape];
  return open.repeat(depth) + core + close.repeat(depth);
}

export function toJson(spec: Spec): string {
  if (spec === null || typeof spec !== 'object') return JSON.stringify(spec);
  if (Array.isArray(spec)) return `[${spec.map(toJson).join(',')}]`;
  if ('o' in spec) return `{${spec.o.map(([key, value]) => `${JSON.stringify(key)}:${toJson(value)}`).join(',')}}`;
  switch (spec.heavy) {
    case 'string':
      return JSON.stringify(spec.char.repeat(spec.length));
    case 'deep':
      return deepJson(spec.shape, spec.depth);
    case 'array': {
      const item = toJson(spec.item);
      return `[${Array.from({ length: spec.length }, () => item).join(',')}]`;
    }
  }
}

export const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const leafArb: fc.Arbitrary<Spec> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 16 }),
  fc.constantFrom(...TRICKY_STRINGS),
);

const smallArb: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 3, arbitrary: leafArb },
  { weight: 1, arbitrary: fc.array(fc.tuple(keyArb, leafArb), { maxLength: 3 }).map((o) => ({ o })) },
);

const heavyArb: fc.Arbitrary<Heavy> = fc.oneof(
  fc.record({ heavy: fc.constant('string' as const), length: fc.constantFrom(2001, 65_536, MB), char: fc.constantFrom('a', '(', '{', ' ', '*') }),
  fc.record({ heavy: fc.constant('deep' as const), depth: fc.integer({ min: 500, max: 30_000 }), shape: fc.constantFrom(...DEEP_SHAPES) }),
  fc.record({ heavy: fc.constant('array' as const), length: fc.integer({ min: 1_000, max: 20_000 }), item: smallArb }),
);

/** Any JSON value, now and then a heavy one: a string up to 1 MB, nesting up to 30,000 levels, an array of up to 20,000 items. */
export const specArb: fc.Arbitrary<Spec> = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small' },
    { weight: 8, arbitrary: leafArb },
    { weight: 2, arbitrary: fc.array(tie('spec'), { maxLength: 4 }) },
    { weight: 3, arbitrary: fc.array(fc.tuple(keyArb, tie('spec')), { maxLength: 5 }).map((o) => ({ o })) },
    { weight: 1, arbitrary: heavyArb },
  ),
})).spec;

// ---- prototypes ----

const PROTOTYPES: [string, object][] = [
  ['Object', Object.prototype],
  ['Array', Array.prototype],
  ['Function', Function.prototype],
  ['String', String.prototype],
  ['Number', Number.prototype],
  ['Boolean', Boolean.prototype],
  ['RegExp', RegExp.prototype],
  ['Map', Map.prototype],
  ['Set', Set.prototype],
];

type Snapshot = Map<string, unknown>;

/** Every own property of the built-in prototypes, with its value or accessors. */
export function prototypeSnapshot(): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const [name, proto] of PROTOTYPES) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      snapshot.set(`${name}.${String(key)}`, 'value' in d ? d.value : [d.get, d.set]);
    }
  }
  return snapshot;
}

/** What changed on the built-in prototypes since `before`: added, removed or replaced properties. */
export function prototypeChanges(before: Snapshot): string[] {
  const after = prototypeSnapshot();
  const changes: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) changes.push(`added ${key}`);
    else {
      const old = before.get(key);
      const same = Array.isArray(old) && Array.isArray(value) ? old[0] === value[0] && old[1] === value[1] : old === value;
      if (!same) changes.push(`replaced ${key}`);
    }
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push(`removed ${key}`);
  if (({} as Record<string, unknown>).polluted !== undefined) changes.push('({}).polluted is set');
  return changes;
}

const STANDARD_PROTOTYPES = new Set<unknown>([null, ...PROTOTYPES.map(([, proto]) => proto)]);

/**
 * Objects reachable from `root` whose prototype is not a built-in one: an object that a
 * parser gave a `__proto__` key by assignment. Walked with a list, for deep input.
 */
export function hijackedObjects(root: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const todo: [unknown, string][] = [[root, '']];
  while (todo.length > 0 && found.length < 5) {
    const [value, at] = todo.pop()!;
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    if (!STANDARD_PROTOTYPES.has(Object.getPrototypeOf(value))) found.push(at || '(root)');
    const entries: [unknown, string][] =
      value instanceof Map ? [...value].map(([k, v]) => [v, `${at}<${String(k)}>`]) : value instanceof Set ? [...value].map((v) => [v, `${at}<>`]) : [];
    if (typeof value === 'object') for (const key of Object.keys(value)) entries.push([(value as Record<string, unknown>)[key], `${at}.${key}`]);
    todo.push(...entries);
  }
  return found;
}

/** Lets pending promises and timers of zero settle. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The shadow root of campaign `id` once it shows; fails naming the SDK's warnings when it never does. */
export async function shownWidget(id: string, warnings: readonly string[]): Promise<ShadowRoot> {
  for (let i = 0; i < 100; i++) {
    const root = document.querySelector(`beckon-widget[data-campaign="${id}"]`)?.shadowRoot;
    if (root?.firstElementChild) return root;
    await settle();
  }
  throw new Error(`campaign "${id}" did not show; warnings: ${warnings.join(' | ')}`);
}
