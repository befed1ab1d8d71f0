// GrowthBook's cross-SDK evalCondition cases, read from ../shared/conformance at test
// time (the file is data, not part of this repository). Every case must pass through
// our public evaluator.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, type Lists } from '../../sdk/core/index.js';

const file = fileURLToPath(new URL('../../../shared/conformance/growthbook-evalCondition.json', import.meta.url));
const present = existsSync(file);
type Case = [name: string, condition: unknown, attributes: unknown, expected: boolean, lists?: Lists];
const cases: Case[] = present ? JSON.parse(readFileSync(file, 'utf8')).evalCondition : [];

if (!present) console.warn(`conformance: ${file} is absent, so the GrowthBook evalCondition cases are SKIPPED`);

describe.skipIf(!present)('GrowthBook evalCondition conformance (../shared/conformance)', () => {
  it('has the 248 cases of spec 0.8.0', () => {
    expect(cases.length).toBe(248);
  });

  it.each(cases)('%s', (_name, condition, attributes, expected, lists) => {
    expect(evaluate(condition, attributes, lists)).toBe(expected);
  });
});
