import { compileCondition, type EventContext, type Lists, type Test } from './compileCondition.js';
import type { Steps } from './steps.js';
import { didYouMean } from './suggest.js';
import type { Problem } from './types.js';

export interface SegmentDefinition {
  id: string;
  name?: string;
  description?: string;
  when: Record<string, unknown>;
}

export interface CompiledSegment extends SegmentDefinition {
  test: Test;
}

export interface SegmentSet {
  /** The profile roots the segments' conditions read (`geo`, `cart`…). */
  reads: ReadonlySet<string>;
  /** Segments in evaluation order: each after the segments its condition names. */
  ordered: CompiledSegment[];
  get(id: string): CompiledSegment | undefined;
  /**
   * The ids of the segments the profile is in, in config order. Each condition sees
   * `segments` holding the matches so far, so segments can build on segments.
   */
  evaluate(profile: Record<string, unknown>, context?: EventContext): string[];
  /** The `segments` a segment's condition saw, given the ids the profile is in: for explain(). */
  sees?(id: string, segments: string[]): string[];
}

/** Operators under `segments` whose operands are segment ids; any other reads the whole list. */
const NAMING = new Set(['$in', '$nin', '$all', '$eq', '$ne', '$not', '$elemMatch', '$ini', '$nini', '$alli']);
/** Of those, the ones that name ids in any case (`$ini: ["VIP"]` names `vip`). */
const FOLDING = /^\$(ini|nini|alli)$/;

/**
 * What a condition's `segments` clauses name: the segment ids written in them, and
 * whether one reads the whole list without naming ids (`$size`, `$regex`, `$exists`).
 * Only the logical operators nest profile paths; a `segments` key inside `$elemMatch`
 * is an element's.
 */
export function referencedSegments(condition: unknown, known: readonly string[] = []): { ids: string[]; whole: boolean } {
  const ids = new Set<string>();
  let whole = false;
  const collect = (value: unknown, folding = false) => {
    if (typeof value === 'string') {
      // In any case, it names each segment spelled so (none: it names itself, and is missing).
      const matches = folding ? known.filter((id) => id.toLowerCase() == value.toLowerCase()) : [];
      (matches.length ? matches : [value]).forEach((id) => ids.add(id));
    } else if (Array.isArray(value)) value.forEach((each) => collect(each, folding));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, operand] of Object.entries(value)) {
        if (NAMING.has(key)) collect(operand, FOLDING.test(key));
        else whole = true;
      }
    }
  };
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'segments') collect(value);
      else if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(value)) value.forEach(walk);
      else if (key === '$not') walk(value);
    }
  };
  walk(condition);
  return { ids: [...ids], whole };
}

/**
 * Orders segments so that each comes after the segments it names, and after those in
 * `after` where that makes no cycle (depth-first). A cycle is reported once, naming it;
 * its members and the segments built on them are dropped with an error each.
 */
function orderSegments(
  segments: CompiledSegment[],
  deps: Map<string, string[]>,
  after: Map<string, string[]>,
  invalid: ReadonlySet<string>,
  problems: Problem[],
  pathOf: (id: string) => string,
) {
  const ordered: CompiledSegment[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'dropped'>([...invalid].map((id) => [id, 'dropped']));
  const byId = new Map(segments.map((s) => [s.id, s]));
  const drop = (id: string, message: string) => {
    state.set(id, 'dropped');
    problems.push({ path: pathOf(id), message, severity: 'error' });
  };
  const visit = (id: string, trail: string[]): boolean => {
    const seen = state.get(id);
    if (seen === 'done') return true;
    if (seen === 'dropped') return false;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const message = `segments depend on each other in a cycle: ${cycle.join(' → ')}`;
      for (const member of new Set(cycle)) drop(member, message);
      return false;
    }
    state.set(id, 'visiting');
    const broken = (deps.get(id) ?? []).filter((dep) => !visit(dep, [...trail, id]));
    for (const other of after.get(id) ?? []) if (state.get(other) !== 'visiting') visit(other, [...trail, id]);
    if (state.get(id) === 'dropped') return false;
    if (broken.length > 0) {
      drop(id, `builds on ${broken.map((dep) => `"${dep}"`).join(', ')}, which cannot be evaluated`);
      return false;
    }
    state.set(id, 'done');
    ordered.push(byId.get(id) as CompiledSegment);
    return true;
  };
  for (const segment of segments) if (!invalid.has(segment.id)) visit(segment.id, []);
  return ordered;
}

/**
 * Compiles segment definitions (`parseConfig` checks their shape) into a set that
 * evaluates in dependency order, as steps: one per segment, for parseConfig to run at
 * once or in slices. A segment whose condition has an error is dropped rather than kept
 * failing closed (inside a `$not`, a clause that fails closed would match everyone); so
 * is a segment in a cycle or built on a dropped one. The others keep working.
 */
export function* compileSegmentSteps(
  definitions: readonly (SegmentDefinition & { path: string })[],
  lists: Lists,
  problems: Problem[],
  skipped: readonly string[] = [],
): Steps<SegmentSet> {
  const known = new Set([...definitions.map((d) => d.id), ...skipped]);
  const deps = new Map<string, string[]>();
  const invalid = new Set<string>(skipped);
  /** Segments that read the whole list (`$size`, `$regex`…), naming no ids. */
  const whole = new Set<string>();
  const reads = new Set<string>();
  const compiled: CompiledSegment[] = [];
  for (const { path, ...segment } of definitions) {
    const own: Problem[] = [];
    const test = compileCondition(segment.when, { lists, path: `${path}.when`, problems: own, reads });
    try {
      const named = referencedSegments(segment.when, [...known]);
      deps.set(segment.id, named.ids.filter((id) => known.has(id)));
      if (named.whole) whole.add(segment.id);
      // A `$nin` on a segment that is not there would match everyone.
      for (const id of named.ids) {
        if (!known.has(id)) own.push({ path: `${path}.when`, message: `names no segment "${id}"${didYouMean(id, [...known])}`, severity: 'error' });
      }
    } catch (error) {
      // Nested deeper than the call stack goes (#8), as compileCondition refuses.
      own.push({ path: `${path}.when`, message: `cannot be read: ${error}`, severity: 'error' });
    }
    if (own.some((p) => p.severity === 'error')) invalid.add(segment.id);
    problems.push(...own);
    compiled.push({ ...segment, test });
    yield;
  }
  // One that reads the whole list sees the segments that neither read it nor build on one
  // that does (so "in no segment" and "in some segment" never hold together, whatever their
  // order), and comes after them; a segment built on it comes after it, as on any other.
  const tainted = new Set(whole);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, named] of deps) if (!tainted.has(id) && named.some((dep) => tainted.has(dep))) grew = !!tainted.add(id);
  }
  const plain = definitions.map((d) => d.id).filter((id) => !tainted.has(id));
  const after = new Map([...whole].map((id) => [id, plain]));
  const pathOf = (id: string) => definitions.find((d) => d.id === id)?.path ?? 'segments';
  const ordered = orderSegments(compiled, deps, after, invalid, problems, pathOf);
  const configOrder = new Map(definitions.map((d, i) => [d.id, i]));
  const byId = new Map(ordered.map((s) => [s.id, s]));
  return {
    reads,
    ordered,
    get: (id) => byId.get(id),
    evaluate(profile, context) {
      const matched: string[] = [];
      const base: string[] = [];
      const attributes = { ...profile, segments: matched };
      const wholeAttributes = { ...profile, segments: base };
      for (const { id, test } of ordered) {
        if (!test(whole.has(id) ? wholeAttributes : attributes, context)) continue;
        matched.push(id);
        if (!tainted.has(id)) base.push(id);
      }
      return matched.sort((a, b) => (configOrder.get(a) ?? 0) - (configOrder.get(b) ?? 0));
    },
    sees: (id, segments) => (whole.has(id) ? segments.filter((s) => !tainted.has(s)) : segments),
  };
}
