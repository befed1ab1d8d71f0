import type { Problem } from './types.js';
import { didYouMean } from './suggest.js';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Path globs as `site.pages` and campaign `pages` take them: strings starting with "/". */
export const isGlobList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((glob) => typeof glob === 'string' && glob.startsWith('/'));
export const GLOBS_EXPECTED = 'expected an array of path globs starting with "/", such as ["/products/*"]';

/** Describes a value the way a marketer reads it in an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export interface Report {
  error(path: string, message: string): void;
  warn(path: string, message: string): void;
}

/** A section that must be an object: the object, or undefined (absent, or reported as the wrong type). */
export function section(raw: unknown, path: string, what: string, report: Report): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  if (isRecord(raw)) return raw;
  report.error(path, `expected ${what}, got ${describe(raw)}`);
  return undefined;
}

/** Warns about each key that is not `allowed`, suggesting the closest that is. */
export function checkKeys(raw: Record<string, unknown>, allowed: readonly string[], path: string, report: Report) {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) report.warn(path ? `${path}.${key}` : key, `unknown key${didYouMean(key, allowed)}`);
  }
}

export function createReport(problems: Problem[]): Report {
  return {
    error: (path, message) => problems.push({ path, message, severity: 'error' }),
    warn: (path, message) => problems.push({ path, message, severity: 'warning' }),
  };
}
