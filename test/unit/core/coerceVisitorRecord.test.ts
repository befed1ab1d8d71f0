import { describe, expect, it } from 'vitest';
import { coerceVisitorRecord } from '../../../sdk/core/index.js';

const good = {
  v: 1,
  id: 'abc',
  firstSeen: 1,
  sessions: 2,
  session: { id: 's', start: 1, last: 2, pageviews: 3, landingPage: '/' },
  traits: { plan: 'pro' },
};

describe('coerceVisitorRecord', () => {
  it('keeps a record this version wrote', () => {
    expect(coerceVisitorRecord(good)).toEqual(good);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'visitor'],
    ['an array', [good]],
    ['another schema version', { ...good, v: 0 }],
    ['an empty id', { ...good, id: '' }],
    ['a NaN first visit', { ...good, firstSeen: Number.NaN }],
    ['no session', { ...good, session: null }],
    ['a session without pageviews', { ...good, session: { ...good.session, pageviews: 'three' } }],
  ])('rejects %s', (_name, raw) => {
    expect(coerceVisitorRecord(raw)).toBeUndefined();
  });

  it('drops traits that are not an object', () => {
    expect(coerceVisitorRecord({ ...good, traits: 'x' })?.traits).toEqual({});
  });
});
