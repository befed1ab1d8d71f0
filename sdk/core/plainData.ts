import { isUnsafeKey } from './session.js';

const MAX_DEPTH = 8;
const MAX_STRING = 2000;
const MAX_KEYS = 200;

/**
 * Copies what a page handed us (event properties, traits) into plain JSON data that
 * can be stored and evaluated: functions, symbols, DOM nodes and cycles are dropped,
 * `__proto__`-like keys are skipped, strings are bounded, non-finite numbers vanish.
 */
export function toPlainData(value: unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
      // Cut by whole characters: never after the first half of an emoji's surrogate pair.
      return value.length > MAX_STRING ? value.slice(0, /[\uD800-\uDBFF]/.test(value[MAX_STRING - 1]!) ? MAX_STRING - 1 : MAX_STRING) : value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (depth >= MAX_DEPTH) return undefined;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value.slice(0, MAX_KEYS)) {
          const copy = toPlainData(item, depth + 1);
          if (copy !== undefined) items.push(copy);
        }
        return items;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return undefined;
      return toPlainObject(value as Record<string, unknown>, depth);
    }
    default:
      return undefined;
  }
}

export function toPlainObject(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, MAX_KEYS)) {
    if (isUnsafeKey(key)) continue;
    const item = toPlainData(value[key], depth + 1);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
