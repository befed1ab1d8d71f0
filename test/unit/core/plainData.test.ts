import { describe, expect, it } from 'vitest';
import { appendEvent, toPlainData, toPlainObject } from '../../../sdk/core/index.js';

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
});

describe('appendEvent', () => {
  const event = (n: number) => ({ name: `e${n}`, ts: n });

  it('keeps at most the newest `max` events', () => {
    let log = appendEvent(undefined, event(0), 3);
    for (let n = 1; n < 5; n++) log = appendEvent(log, event(n), 3);
    expect(log.map((e) => e.name)).toEqual(['e2', 'e3', 'e4']);
  });

  it('starts afresh from a log that is not an array', () => {
    expect(appendEvent({ broken: true }, event(1))).toEqual([event(1)]);
  });
});
