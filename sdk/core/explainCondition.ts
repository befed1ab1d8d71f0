import { compileCondition, isOperatorObject, type EventContext, type Lists } from './compileCondition.js';
import { readPath } from './readPath.js';
import { isUnsafeKey } from './session.js';

/** One clause of a reason tree (DESIGN §2 `explain`): `path` is the dotted attribute path. */
export interface Clause {
  path: string;
  op: string;
  expected?: unknown;
  actual?: unknown;
  result: boolean;
  children?: Clause[];
}

const LOGICAL = new Set(['$and', '$or', '$nor']);

function holds(condition: unknown, attributes: unknown, lists: Lists | undefined, context?: EventContext): boolean {
  return compileCondition(condition, { lists })(attributes, context);
}

const isEventSpec = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';

/**
 * How many events an `$event` clause counts (its `count` aside): the largest n for which
 * `count: { $gte: n }` holds, found by doubling and halving, so the compiled condition
 * stays the one truth of what counts.
 */
function eventCount(spec: Record<string, unknown>, attributes: unknown, lists: Lists | undefined, context: EventContext): number {
  const atLeast = (n: number) => holds({ $event: { ...spec, count: { $gte: n } } }, attributes, lists, context);
  let low = 0;
  let high = 1;
  while (high < 2 ** 30 && atLeast(high)) [low, high] = [high, high * 2];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (atLeast(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** A sub-condition with one key is that clause; with several, an implicit `$and`. */
function group(condition: unknown, attributes: unknown, lists: Lists | undefined, context?: EventContext): Clause {
  const clauses = explainClauses(condition, attributes, lists, context);
  if (clauses.length === 1) return clauses[0] as Clause;
  return { path: '', op: '$and', result: holds(condition, attributes, lists, context), children: clauses };
}

function explainClauses(condition: unknown, attributes: unknown, lists: Lists | undefined, context?: EventContext): Clause[] {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    return [{ path: '', op: '$invalid', expected: condition, result: false }];
  }
  return Object.entries(condition).map(([key, value]): Clause => {
    const result = holds({ [key]: value }, attributes, lists, context);
    if (LOGICAL.has(key)) {
      const children = Array.isArray(value) ? value.map((item) => group(item, attributes, lists, context)) : [];
      return { path: '', op: key, result, children };
    }
    if (key === '$event') return { path: '', op: '$event', expected: value, ...(context && isEventSpec(value) && { actual: eventCount(value, attributes, lists, context) }), result };
    if (key === '$not') return { path: '', op: '$not', result, children: [group(value, attributes, lists, context)] };
    const parts = key.split('.');
    const actual = parts.some(isUnsafeKey) ? undefined : readPath(attributes, parts);
    if (!isOperatorObject(value)) return { path: key, op: '$eq', expected: value, actual, result };
    const ops = Object.entries(value);
    const leaf = ([op, expected]: [string, unknown]): Clause => ({
      path: key,
      op,
      expected,
      actual,
      result: holds({ [key]: { [op]: expected } }, attributes, lists, context),
    });
    if (ops.length === 1) return leaf(ops[0] as [string, unknown]);
    return { path: key, op: '$and', expected: value, actual, result, children: ops.map(leaf) };
  });
}

/** Explains a condition against attributes: every clause with its path, actual and expected value, and result. */
export function explainCondition(
  condition: unknown,
  attributes: unknown,
  lists?: Lists,
  context?: EventContext,
): { result: boolean; clauses: Clause[] } {
  return { result: holds(condition, attributes, lists, context), clauses: explainClauses(condition, attributes, lists, context) };
}
