/** Longest pattern accepted in `$regex` / `$regexi`. */
export const MAX_PATTERN_LENGTH = 256;

/**
 * Whether a pattern has a shape of catastrophic backtracking: a repeated group that
 * itself contains a quantifier (`(a+)+`, `(\\w*)*`, `(a?){25}`) or an alternation
 * (`(a|a)*`, `(a|aa)+`), whose overlaps multiply the ways to match. `try/catch` does
 * not help there: such a pattern is valid and freezes the page (1.4 s on 26
 * characters, DESIGN §8), so it is refused before it is ever run. A group repeated at
 * most once (`(…)?`) cannot blow up and is allowed.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  // For each open group, whether a quantifier or an alternation appeared inside it.
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      stack.push(false);
      if (pattern[i + 1] === '?') i++; // (?:  (?=  (?!  are group syntax, not quantifiers
    } else if (c === ')') {
      const riskyInside = stack.pop() ?? false;
      const next = pattern[i + 1];
      const repeated = next === '*' || next === '+' || next === '{';
      if (riskyInside && repeated) return true;
      if (stack.length > 0 && (riskyInside || repeated || next === '?')) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{' || c === '?' || c === '|') && stack.length > 0) {
      stack[stack.length - 1] = true;
    }
  }
  return false;
}

/** Builds a RegExp for a marketer's pattern, or says why it is refused. */
export function compileRegex(pattern: unknown, flags: string): RegExp | string {
  if (typeof pattern !== 'string') return `expected a pattern string, got ${typeof pattern}`;
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`;
  if (hasNestedQuantifier(pattern)) {
    return `pattern ${JSON.stringify(pattern)} repeats a group holding a quantifier or "|", which can freeze the page (catastrophic backtracking)`;
  }
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    return `invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`;
  }
}
