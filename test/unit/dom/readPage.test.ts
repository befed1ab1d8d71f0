import { describe, expect, it } from 'vitest';
import { readPage } from '../../../sdk/tracking/index.js';

describe('readPage', () => {
  it('keeps hostile query strings as bounded text and never writes through __proto__', () => {
    const search = `?q=${'x'.repeat(10_000)}&html=%3Cscript%3Ealert(1)%3C%2Fscript%3E&__proto__=polluted&constructor=1&utm_source=a&utm_source=b`;
    const page = readPage({ href: `https://shop.test/p${search}`, pathname: '/p', search }, 'T');
    expect(page.query.q).toHaveLength(512);
    expect(page.query.html).toBe('<script>alert(1)</script>');
    expect(page.query.utm_source).toBe('a');
    expect(Object.keys(page.query)).toEqual(['q', 'html', 'utm_source']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
