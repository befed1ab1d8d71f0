// Checks of a raw config beyond what the parsers refuse: what the browser would still
// refuse (CSS selectors, found without a DOM), and the one condition that is valid but
// almost surely a mistake. `beckon validate` and the demo store's playground both run them,
// so a config reads the same in either.
import type { Problem } from './types.js';
import { readPath } from './readPath.js';

/**
 * The one condition mistake the config compiler cannot call wrong, because GrowthBook's
 * rules (DESIGN §4) allow it: `"segments": "id"` compares the whole list to one id, so it
 * holds only while the visitor is in no other segment. The CLI warns; the browser, which
 * follows the rules, says nothing.
 */
export function lintSegmentsEquality(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  // Deeper than any real condition: the compiler reports such nesting itself.
  const visit = (condition: unknown, path: string, depth = 0) => {
    if (depth > 100) return;
    if (Array.isArray(condition)) return condition.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
    if (typeof condition !== 'object' || condition === null) return;
    for (const [key, value] of Object.entries(condition)) {
      if (key === 'segments' && typeof value === 'string') {
        problems.push({
          path: `${path}.segments`,
          message: `"segments" is a list: "${value}" matches only a visitor in no other segment; write { "$in": ["${value}"] }`,
          severity: 'warning',
        });
      } else if (key.startsWith('$')) visit(value, `${path}.${key}`, depth + 1);
    }
  };
  const sections = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  list(sections.segments).forEach((segment, i) => visit(segment?.when, `segments[${i}].when`));
  list(sections.campaigns).forEach((campaign, i) => visit(campaign?.audience, `campaigns[${i}].audience`));
  return problems;
}

/**
 * What makes a selector one `querySelector` would throw on, found without a DOM: brackets,
 * parentheses and quotes that do not close, and combinators (`>`, `+`, `~`, `,`) with
 * nothing on one side. The browser checks every selector itself and skips the campaign;
 * this catches the usual slips before the config ships. It does not check names.
 */
export function selectorSlip(selector: string): string | undefined {
  const open: string[] = [];
  let quote = '';
  /** At the top level: `x` after a selector part, else the combinator or comma that wants one. */
  let last = ',';
  for (let i = 0; i < selector.length; i++) {
    const c = selector.charAt(i);
    if (c === '\\') {
      i++;
      if (open.length === 0) last = 'x';
    } else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (open.length === 0) return 'a quote outside [ ] or ( )';
      quote = c;
    } else if (c === '[' || c === '(') {
      open.push(c === '[' ? ']' : ')');
      last = 'x';
    } else if (c === ']' || c === ')') {
      if (open.pop() !== c) return `an unmatched "${c}"`;
    } else if (open.length === 0 && /[>+~,]/.test(c)) {
      if (last !== 'x') return c === ',' && last === ',' ? 'an empty selector in the list' : `"${c}" with no selector before it`;
      last = c;
    } else if (open.length === 0 && !/\s/.test(c)) last = 'x';
  }
  if (quote) return 'a quote that does not close';
  if (open.length > 0) return `a "${open.at(-1) === ']' ? '[' : '('}" that does not close`;
  return last === 'x' ? undefined : `"${last}" with no selector after it`;
}

/**
 * The CSS selectors a campaign of the raw config holds, with their paths: the browser
 * checks them (core has no DOM), and so does the CLI, in a campaign skipped for another
 * error too, so one run shows every problem.
 */
function selectorsOf(campaign: unknown, path: string): { path: string; selector: string }[] {
  const variants = readPath(campaign, ['variants']);
  const places: [unknown, string][] = [
    [readPath(campaign, ['placement', 'target']), '.placement.target'],
    [readPath(campaign, ['trigger', 'selector']), '.trigger.selector'],
    [readPath(campaign, ['content', 'submit', 'unlock']), '.content.submit.unlock'],
    ...(Array.isArray(variants) ? variants.map((variant, i): [unknown, string] => [readPath(variant, ['content', 'submit', 'unlock']), `.variants[${i}].content.submit.unlock`]) : []),
  ];
  return places.flatMap(([selector, at]) => (typeof selector === 'string' ? [{ path: `${path}${at}`, selector }] : []));
}

/** The selectors the browser would refuse, in any campaign (it skips theirs), by path. */
export function selectorProblems(raw: unknown): Problem[] {
  const campaigns = readPath(raw, ['campaigns']);
  return (Array.isArray(campaigns) ? campaigns : []).flatMap((campaign, i) =>
    selectorsOf(campaign, `campaigns[${i}]`).flatMap(({ path, selector }): Problem[] => {
      const slip = selectorSlip(selector);
      const id = readPath(campaign, ['id']);
      const name = typeof id === 'string' ? `"${id}"` : `campaigns[${i}]`;
      return slip ? [{ path, message: `${JSON.stringify(selector)} is not a valid CSS selector (${slip}); the browser skips campaign ${name}`, severity: 'error' }] : [];
    }),
  );
}

