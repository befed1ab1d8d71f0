import { compileCondition, type EventContext, type Lists, type Test } from './compileCondition.js';
import type { Steps } from './steps.js';
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
}

/**
 * Segment ids a condition refers to through the `segments` attribute. Only the logical
 * operators nest profile paths; a `segments` key inside `$elemMatch` is an element's.
 */
export function referencedSegments(condition: unknown, known: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === 'string') {
      if (known.has(value)) found.add(value);
    } else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
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
  return [...found];
}

/**
 * Orders segments so that each comes after the segments it names (depth-first). A
 * cycle is reported once, naming it; its members and the segments built on them are
 * dropped with an error each.
 */
function orderSegments(
  segments: CompiledSegment[],
  deps: Map<string, string[]>,
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
): Steps<SegmentSet> {
  const known = new Set(definitions.map((d) => d.id));
  const deps = new Map<string, string[]>();
  const invalid = new Set<string>();
  const reads = new Set<string>();
  const compiled: CompiledSegment[] = [];
  for (const { path, ...segment } of definitions) {
    const own: Problem[] = [];
    const test = compileCondition(segment.when, { lists, path: `${path}.when`, problems: own, reads });
    try {
      deps.set(segment.id, referencedSegments(segment.when, known));
    } catch (error) {
      // Nested deeper than the call stack goes (#8), as compileCondition refuses.
      own.push({ path: `${path}.when`, message: `cannot be read: ${error}`, severity: 'error' });
    }
    if (own.some((p) => p.severity === 'error')) invalid.add(segment.id);
    problems.push(...own);
    compiled.push({ ...segment, test });
    yield;
  }
  const pathOf = (id: string) => definitions.find((d) => d.id === id)?.path ?? 'segments';
  const ordered = orderSegments(compiled, deps, invalid, problems, pathOf);
  const configOrder = new Map(definitions.map((d, i) => [d.id, i]));
  const byId = new Map(ordered.map((s) => [s.id, s]));
  return {
    reads,
    ordered,
    get: (id) => byId.get(id),
    evaluate(profile, context) {
      const matched: string[] = [];
      const attributes = { ...profile, segments: matched };
      for (const segment of ordered) if (segment.test(attributes, context)) matched.push(segment.id);
      return matched.sort((a, b) => (configOrder.get(a) ?? 0) - (configOrder.get(b) ?? 0));
    },
  };
}
