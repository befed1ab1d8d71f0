import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../sdk/core/index.js';

describe('parseConfig', () => {
  it.each([
    ['a minimal config', { version: 1 }, []],
    ['a config without a version', {}, []],
    ['an array', [], [{ path: '(root)', message: 'expected an object, got an array', severity: 'error' }]],
    ['a string', 'hello', [{ path: '(root)', message: 'expected an object, got "hello"', severity: 'error' }]],
    ['another version', { version: 2 }, [{ path: 'version', message: 'expected 1, got 2; reading the file as version 1', severity: 'warning' }]],
  ])('reports the problems of %s', (_name, raw, problems) => {
    expect(parseConfig(raw).problems).toEqual(problems);
  });
});
