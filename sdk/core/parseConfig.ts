import type { Problem } from './types.js';

export interface Config {
  version: 1;
}

export interface ParsedConfig {
  config: Config;
  problems: Problem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Describes a value the way a marketer reads it in an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * Validates a config file and returns what can be used of it. Never throws: each
 * problem names its JSON path, and an invalid part is dropped while the rest works.
 */
export function parseConfig(raw: unknown): ParsedConfig {
  const problems: Problem[] = [];
  const config: Config = { version: 1 };
  if (!isRecord(raw)) {
    problems.push({ path: '(root)', message: `expected an object, got ${describe(raw)}`, severity: 'error' });
    return { config, problems };
  }
  if (raw.version !== undefined && raw.version !== 1) {
    problems.push({
      path: 'version',
      message: `expected 1, got ${describe(raw.version)}; reading the file as version 1`,
      severity: 'warning',
    });
  }
  return { config, problems };
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}: ${problem.message}`;
}
