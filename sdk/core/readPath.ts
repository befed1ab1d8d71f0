const hasOwn = Object.prototype.hasOwnProperty;

/** Reads a dotted path through own properties only; a missing step reads as `null`. */
export function readPath(target: unknown, parts: readonly string[]): unknown {
  let current = target;
  for (const part of parts) {
    if (current !== null && typeof current === 'object' && hasOwn.call(current, part)) {
      current = (current as Record<string, unknown>)[part];
    } else return null;
  }
  return current;
}
