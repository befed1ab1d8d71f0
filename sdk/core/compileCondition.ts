import { readPath } from './readPath.js';
import { isUnsafeKey } from './session.js';
import { compileRegex } from './safeRegex.js';
import { didYouMean } from './suggest.js';
import type { DaySummary } from './history.js';
import type { BeckonEvent, Problem } from './types.js';
import { paddedVersion } from './versionString.js';

/** A MongoDB-style query object, as in GrowthBook's targeting conditions (DESIGN §4). */
export type Condition = Record<string, unknown>;
/** Named lists for `$inGroup` / `$notInGroup` (the config's `lists`). */
export type Lists = Record<string, readonly unknown[]>;

/** What `$event` reads: the stored history and the current time. Without it, `$event` fails closed. */
export interface EventContext {
  events: readonly BeckonEvent[];
  /** Summaries of compacted days, with their `YYYY-MM-DD` date. */
  summaries?: readonly (DaySummary & { day?: string })[];
  now: number;
}

export type Test = (attributes: unknown, context?: EventContext) => boolean;
type ValueTest = (value: unknown) => boolean;

export interface CompileOptions {
  lists?: Lists;
  /** JSON path of the condition, for problem reports. */
  path?: string;
  /** Where problems go; without it they are dropped (the condition still fails closed). */
  problems?: Problem[];
  /** Collects the first segment of every attribute path read (`geo`, `cart`…), so costly attributes load only when used. */
  reads?: Set<string>;
}

interface Context {
  lists: Lists;
  problems: Problem[] | undefined;
  reads: Set<string> | undefined;
}

const never: ValueTest = () => false;
const hasOwn = Object.prototype.hasOwnProperty;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** GrowthBook's rule: an object whose keys all start with `$` is a set of operators. */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' || type === 'undefined' ? type : 'unknown';
}

/**
 * True when a script has added enumerable properties to `Object.prototype` or
 * `Array.prototype` (prototype pollution: a merge of `{"__proto__": …}`, say). Checked
 * on every evaluation; while it holds, every step of every path is checked to be the
 * object's own property.
 */
let careful = false;
const PROBE: unknown[] = [];
const polluted = () => {
  // An empty array enumerates only what its prototypes have gained.
  for (const _ in PROBE) return true;
  return false;
};

/** Attributes of a class of their own (not a plain object or array) are read the careful way too. */
const plainRoot = (attributes: unknown) => {
  if (attributes === null || typeof attributes !== 'object') return true;
  // Cheaper than Object.getPrototypeOf; a null-prototype object or an own `constructor`
  // key merely takes the careful way.
  const made = (attributes as { constructor?: unknown }).constructor;
  return made === Object || made === Array;
};

/** Names plain objects and arrays inherit (`toString`, `map`…): never read unless own. */
const inheritedName = (key: string) => key in Object.prototype || key in Array.prototype;

/**
 * One step of a path through own properties only; a missing step reads as `null`. A
 * plain read is faster than `hasOwnProperty`, and a defined value under a name plain
 * objects do not inherit is their own while the prototypes are clean, so the check runs
 * only for `undefined` (own, or missing?), for inherited names and while `careful`.
 * Conditions read plain data (the profile is): an object of a class of its own nested
 * inside the attributes may have inherited properties read, as GrowthBook reads them.
 */
function step(key: string): (target: unknown) => unknown {
  const inherited = inheritedName(key);
  return (t) => {
    if (t === null || typeof t !== 'object') return null;
    const value = (t as Record<string, unknown>)[key];
    return (value === undefined || inherited || careful) && !hasOwn.call(t, key) ? null : value;
  };
}

/**
 * `test` of the value at a path, composed for the path's length: the paths of a segment
 * are short and read often, so each step is one direct call.
 */
function testAtPath(parts: readonly string[], test: ValueTest): Test {
  const [a, b, c] = parts.map(step) as [(t: unknown) => unknown, ((t: unknown) => unknown)?, ((t: unknown) => unknown)?];
  switch (parts.length) {
    case 1:
      return (t) => test(a(t));
    case 2:
      return (t) => test(b!(a(t)));
    case 3:
      return (t) => test(c!(b!(a(t))));
    default:
      return (t) => test(readPath(t, parts));
  }
}

/**
 * `every` over a few tests, unrolled: a direct call per test instead of an array walk,
 * with fixed parameters (rest parameters would allocate an array on every call).
 */
function allValues(tests: ValueTest[]): ValueTest {
  const [t0, t1, t2] = tests as [ValueTest, ValueTest, ValueTest];
  if (tests.length === 1) return t0;
  if (tests.length === 2) return (v) => t0(v) && t1(v);
  if (tests.length === 3) return (v) => t0(v) && t1(v) && t2(v);
  return (v) => tests.every((test) => test(v));
}

function allTests(tests: Test[]): Test {
  const [t0, t1, t2] = tests as [Test, Test, Test];
  if (tests.length === 1) return t0;
  if (tests.length === 2) return (a, c) => t0(a, c) && t1(a, c);
  if (tests.length === 3) return (a, c) => t0(a, c) && t1(a, c) && t2(a, c);
  return (a, c) => tests.every((test) => test(a, c));
}

function anyTest(tests: Test[]): Test {
  const [t0, t1, t2] = tests as [Test, Test, Test];
  if (tests.length === 1) return t0;
  if (tests.length === 2) return (a, c) => t0(a, c) || t1(a, c);
  if (tests.length === 3) return (a, c) => t0(a, c) || t1(a, c) || t2(a, c);
  return (a, c) => tests.some((test) => test(a, c));
}

/** String coercion that cannot throw (an object without a prototype has no toString). */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return '';
  }
}

function report(ctx: Context, path: string, message: string): ValueTest {
  ctx.problems?.push({ path, message, severity: 'error' });
  return never;
}

const fold = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/** `$in` semantics: an array attribute matches when any element is in the list. */
function inList(list: readonly unknown[], caseInsensitive: boolean): ValueTest {
  const set = new Set(caseInsensitive ? list.map(fold) : list);
  const has = caseInsensitive ? (v: unknown) => set.has(fold(v)) : (v: unknown) => set.has(v);
  return (value) => (Array.isArray(value) ? value.some(has) : has(value));
}

type OperatorCompiler = (expected: unknown, ctx: Context, path: string) => ValueTest;

const versionOp =
  (compare: (a: string, b: string) => boolean): OperatorCompiler =>
  (expected) => {
    const padded = paddedVersion(expected);
    return (value) => compare(paddedVersion(value), padded);
  };

const listOp =
  (caseInsensitive: boolean, negate: boolean): OperatorCompiler =>
  (expected, ctx, path) => {
    if (!Array.isArray(expected)) return report(ctx, path, `expected an array, got ${typeOf(expected)}`);
    const test = inList(expected, caseInsensitive);
    return negate ? (value) => !test(value) : test;
  };

const groupOp =
  (negate: boolean): OperatorCompiler =>
  (expected, ctx, path) => {
    if (typeof expected !== 'string') return report(ctx, path, `expected a list name, got ${typeOf(expected)}`);
    const list = hasOwn.call(ctx.lists, expected) ? ctx.lists[expected] : undefined;
    if (!list) ctx.problems?.push({ path, message: `no list named "${expected}" in lists`, severity: 'warning' });
    const test = inList(list ?? [], false);
    return negate ? (value) => !test(value) : test;
  };

const allOp =
  (caseInsensitive: boolean): OperatorCompiler =>
  (expected, ctx, path) => {
    if (!Array.isArray(expected)) return report(ctx, path, `expected an array, got ${typeOf(expected)}`);
    const checks = expected.map((item, i) => {
      if (caseInsensitive && typeof item === 'string') {
        const lower = item.toLowerCase();
        return (value: unknown[]) => value.some((element) => fold(element) === lower);
      }
      const check = compileValue(item, ctx, `${path}[${i}]`);
      // An element equal to the item passes its check: the native search first.
      return (value: unknown[]) => value.includes(item) || value.some(check);
    });
    return (value) => {
      if (!Array.isArray(value)) return false;
      for (const check of checks) if (!check(value)) return false;
      return true;
    };
  };

const regexOp =
  (flags: string): OperatorCompiler =>
  (expected, ctx, path) => {
    const regex = compileRegex(expected, flags);
    if (typeof regex === 'string') return report(ctx, path, regex);
    return (value) => regex.test(asText(value));
  };

/** What `$type` can name: typeOf's answers. */
const TYPES = ['string', 'number', 'boolean', 'array', 'object', 'null', 'undefined'];

/** Every operator of DESIGN §4. A name without an implementation does not compile. */
const OPERATORS = {
  $eq: (expected) => (value) => value === expected,
  $ne: (expected) => (value) => value !== expected,
  // JavaScript's own comparison, as GrowthBook's: "10" > 9, and null >= 0.
  $gt: (expected: any) => (value: any) => value > expected,
  $gte: (expected: any) => (value: any) => value >= expected,
  $lt: (expected: any) => (value: any) => value < expected,
  $lte: (expected: any) => (value: any) => value <= expected,
  $veq: versionOp((a, b) => a === b),
  $vne: versionOp((a, b) => a !== b),
  $vgt: versionOp((a, b) => a > b),
  $vgte: versionOp((a, b) => a >= b),
  $vlt: versionOp((a, b) => a < b),
  $vlte: versionOp((a, b) => a <= b),
  $in: listOp(false, false),
  $nin: listOp(false, true),
  $ini: listOp(true, false),
  $nini: listOp(true, true),
  $inGroup: groupOp(false),
  $notInGroup: groupOp(true),
  $all: allOp(false),
  $alli: allOp(true),
  $exists: (expected, ctx, path) =>
    typeof expected != 'boolean' ? report(ctx, path, `expected true or false, got ${JSON.stringify(expected)}`) : expected ? (value) => value != null : (value) => value == null,
  $type: (expected, ctx, path) =>
    TYPES.includes(expected as string) ? (value) => typeOf(value) === expected : report(ctx, path, `expected one of ${TYPES.join(', ')}, got ${JSON.stringify(expected)}`),
  $regex: regexOp(''),
  $regexi: regexOp('i'),
  $not: (expected, ctx, path) => {
    const inner = compileValue(expected, ctx, path);
    return (value) => !inner(value);
  },
  $size: (expected, ctx, path) => {
    const inner = compileValue(expected, ctx, path);
    return (value) => Array.isArray(value) && inner(value.length);
  },
  $elemMatch: (expected, ctx, path) => {
    const check: ValueTest = isOperatorObject(expected)
      ? compileValue(expected, ctx, path)
      : isObject(expected)
        ? compileNode(expected, ctx, path)
        : report(ctx, path, `expected a condition object, got ${typeOf(expected)}`);
    // GrowthBook skips falsy elements.
    return (value) => Array.isArray(value) && value.some((item) => Boolean(item) && check(item));
  },
} satisfies Record<string, OperatorCompiler>;

export type Operator = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as Operator[];

function compileValue(expected: unknown, ctx: Context, path: string): ValueTest {
  switch (typeof expected) {
    case 'string':
      return (value) => (typeof value === 'string' ? value === expected : asText(value) === expected);
    case 'number':
      // GrowthBook compares `value * 1`: "8" matches 8, null matches 0.
      return (value) =>
        typeof value === 'number'
          ? value === expected
          : (value === null || typeof value === 'string' || typeof value === 'boolean' || Array.isArray(value)) && Number(value) === expected;
    case 'boolean':
      return (value) => value !== null && Boolean(value) === expected;
    default:
      break;
  }
  if (expected === null) return (value) => value === null;
  if (!isOperatorObject(expected)) {
    if (expected === undefined) return report(ctx, path, 'expected a value or an operator object, got undefined');
    const json = JSON.stringify(expected);
    return (value) => JSON.stringify(value) === json;
  }
  const tests: ValueTest[] = [];
  for (const op of Object.keys(expected)) {
    const compile = hasOwn.call(OPERATORS, op) ? OPERATORS[op as Operator] : undefined;
    if (!compile) {
      tests.push(report(ctx, `${path}.${op}`, `unknown operator "${op}"${didYouMean(op, OPERATOR_NAMES)}`));
      continue;
    }
    tests.push(compile(expected[op], ctx, `${path}.${op}`));
  }
  return allValues(tests);
}

const LOGICAL = new Set(['$and', '$or', '$nor', '$not']);

const DURATION = /^(\d+)\s*(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `"30d"`, `"12h"`, `"45m"` in milliseconds; undefined for anything else. */
export function parseDuration(text: unknown): number | undefined {
  const match = typeof text === 'string' ? DURATION.exec(text.trim()) : null;
  return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
}
/**
 * A history's events by name, indexed once per evaluation context: with many `$event`
 * clauses (a config of a thousand segments, a full history), each reads only its own name's
 * events instead of scanning them all.
 */
const byName = new WeakMap<EventContext, Record<string, BeckonEvent[]>>();
function eventsNamed(context: EventContext, name: string): readonly BeckonEvent[] {
  let index = byName.get(context);
  if (!index) {
    // No prototype: an event named "constructor" or "__proto__" is a name like any other.
    byName.set(context, (index = Object.create(null) as Record<string, BeckonEvent[]>));
    for (const event of context.events) (index[event.name] ??= []).push(event);
  }
  return index[name] ?? [];
}

/** Raw events older than this may be compacted (DESIGN §8), so `where` cannot see them. */
const RAW_WINDOW_MS = 90 * UNIT_MS.d;

/**
 * `{ $event: { name, within?, where?, count? } }` (DESIGN §4): how many `name` events
 * matching `where` happened within `within` (m, h, d; default all history), tested
 * against `count` (default `{ $gte: 1 }`). Compacted days answer by name alone; with a
 * `where`, only raw events count, and validation says so when the window reaches past them.
 */
function compileEvent(spec: unknown, ctx: Context, path: string): Test {
  if (!isObject(spec)) return report(ctx, path, `expected { name, within?, where?, count? }, got ${typeOf(spec)}`);
  const { name, within, where, count } = spec;
  for (const key of Object.keys(spec)) {
    if (!['name', 'within', 'where', 'count'].includes(key)) return report(ctx, `${path}.${key}`, `unknown key${didYouMean(key, ['name', 'within', 'where', 'count'])}`);
  }
  if (typeof name !== 'string' || name === '') return report(ctx, `${path}.name`, `expected an event name, got ${typeOf(name)}`);
  let windowMs = Infinity;
  if (within !== undefined) {
    const ms = parseDuration(within);
    if (ms === undefined) return report(ctx, `${path}.within`, `expected a duration such as "30d", "12h" or "45m", got ${JSON.stringify(within)}`);
    windowMs = ms;
    // Events leave a window as time passes: what reads one is read again (see createBeckon's LIVE).
    ctx.reads?.add('$within');
  }
  const matches: Test | undefined = where === undefined ? undefined : compileNode(where, ctx, `${path}.where`);
  if (matches && windowMs > RAW_WINDOW_MS) {
    ctx.problems?.push({
      path: `${path}.where`,
      message: '"where" sees raw events only (90 days); older days are not counted',
      severity: 'warning',
    });
  }
  const counts = compileValue(count ?? { $gte: 1 }, ctx, `${path}.count`);
  return (_attributes, context) => {
    if (!context) return false;
    const since = context.now - windowMs;
    let n = 0;
    for (const event of eventsNamed(context, name)) {
      if (event.ts >= since && event.ts <= context.now && (!matches || matches(event.props ?? {}))) n++;
    }
    if (!matches && context.summaries) {
      // Days wholly inside the window; purchases and refunds of compacted days are
      // already among the events (summaries keep them whole), so they are not added twice.
      const firstDay = Number.isFinite(since) ? new Date(since + 86_400_000).toISOString().slice(0, 10) : '';
      for (const summary of context.summaries) {
        if (summary.day && summary.day < firstDay) continue;
        const counted = hasOwn.call(summary.counts, name) ? (summary.counts[name] as number) : 0;
        n += counted - summary.orders.filter((order) => order.name === name).length;
      }
    }
    return counts(n);
  };
}

function compileList(conditions: unknown, ctx: Context, path: string): Test[] | undefined {
  if (!Array.isArray(conditions)) {
    report(ctx, path, `expected an array of conditions, got ${typeOf(conditions)}`);
    return undefined;
  }
  return conditions.map((item, i) => compileNode(item, ctx, `${path}[${i}]`));
}

function compileNode(condition: unknown, ctx: Context, path: string): Test {
  if (!isObject(condition)) return report(ctx, path, `expected a condition object, got ${typeOf(condition)}`);
  const tests: Test[] = [];
  for (const key of Object.keys(condition)) {
    const value = condition[key];
    const at = path ? `${path}.${key}` : key;
    if (key === '$event') {
      tests.push(compileEvent(value, ctx, at));
      continue;
    }
    if (LOGICAL.has(key)) {
      if (key === '$not') {
        const inner = compileNode(value, ctx, at);
        tests.push((attributes, context) => !inner(attributes, context));
        continue;
      }
      const list = compileList(value, ctx, at);
      if (!list) {
        tests.push(never);
      } else if (key === '$and') {
        tests.push(list.length === 0 ? () => true : allTests(list));
      } else {
        // An empty $or holds (GrowthBook), so an empty $nor does not.
        const any: Test = list.length === 0 ? () => true : anyTest(list);
        tests.push(key === '$or' ? any : (attributes, context) => !any(attributes, context));
      }
      continue;
    }
    // GrowthBook's rules read any other key as a path, `$groups` too; a near miss of a
    // logical operator (`$Or`, `$events`) is a typo that would match everyone inside a $not.
    const near = key[0] === '$' ? didYouMean(key, [...LOGICAL, '$event']) : '';
    if (near) {
      tests.push(report(ctx, at, `unknown operator "${key}"${near}`));
      continue;
    }
    const parts = key.split('.');
    // The root, for the readers it needs; the path, for what changes with time alone.
    ctx.reads?.add(parts[0] as string).add(key);
    const unsafe = parts.find(isUnsafeKey);
    if (unsafe) {
      tests.push(report(ctx, at, `the path "${key}" goes through "${unsafe}", which is never read`));
      continue;
    }
    tests.push(testAtPath(parts, compileValue(value, ctx, at)));
  }
  if (tests.length === 0) return () => true;
  return allTests(tests);
}

/**
 * Compiles a condition once into a function of the attributes: paths pre-split,
 * regexes built and checked, lists turned into sets. Unknown operators, invalid or
 * dangerous patterns and prototype paths fail closed and are reported in
 * `options.problems`. The returned function never throws.
 */
export function compileCondition(condition: unknown, options: CompileOptions = {}): Test {
  const ctx: Context = { lists: options.lists ?? {}, problems: options.problems, reads: options.reads };
  const path = options.path ?? '';
  let test: Test;
  try {
    test = compileNode(condition, ctx, path);
  } catch (error) {
    // JSON may nest deeper than the call stack goes (#8): such a condition is refused, not thrown.
    test = report(ctx, path, `cannot be read: ${error}`);
  }
  return (attributes, context) => {
    try {
      careful = polluted() || !plainRoot(attributes);
      return test(attributes, context);
    } catch {
      return false;
    }
  };
}

/** The pure condition evaluator of DESIGN §4: `evaluate(condition, attributes, lists?)`. */
export function evaluate(condition: unknown, attributes: unknown, lists?: Lists): boolean {
  return compileCondition(condition, { lists })(attributes);
}

