import { describe, expect, it } from 'vitest';
import { toPlainData, toPlainObject } from '../../../sdk/core/index.js';

describe('toPlainData', () => {
  it('keeps JSON data and drops what cannot be stored', () => {
    const input = { a: 1, b: 'x', c: [1, Number.NaN, () => 1, { d: true }], e: undefined, f: Symbol('s'), g: null, h: new Date(0) };
    expect(toPlainData(input)).toEqual({ a: 1, b: 'x', c: [1, { d: true }], g: null, h: '1970-01-01T00:00:00.000Z' });
  });

  it('skips prototype keys and class instances, and bounds depth and strings', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = toPlainObject({ ...JSON.parse('{"__proto__":{"x":1}}'), map: new Map(), long: 'x'.repeat(5000), cyclic });
    expect(Object.keys(out)).toEqual(['long', 'cyclic']);
    expect((out.long as string).length).toBe(2000);
    expect(JSON.stringify(out).length).toBeLessThan(3000);
  });

  it('cuts a long string by whole characters: never half of an emoji', () => {
    const cut = toPlainData('é' + '😀'.repeat(1500)) as string;
    expect([cut.length, /[\uD800-\uDBFF]$/.test(cut), cut.endsWith('😀')]).toEqual([1999, false, true]);
    expect((toPlainData('😀'.repeat(1500)) as string).length).toBe(2000);
  });
});
