import { describe, expect, it } from 'vitest';
import { mergePending } from '../../../sdk/core/index.js';

describe('mergePending for campaigns, quizzes and the outbox', () => {
  it('keeps the fuller record of each campaign and every dismissal, conversion and submission', () => {
    const persisted = { a: { n: 3, sid: 's1', sn: 1, at: 30 }, b: { n: 1, dismissed: 10 } };
    const pending = { a: { n: 1, sid: 's2', sn: 1, at: 40, dismissed: 41 }, b: { n: 2, at: 50 }, c: { n: 1, at: 60 } };
    expect(mergePending('campaigns', persisted, pending)).toEqual({
      a: { n: 3, sid: 's1', sn: 1, at: 30, dismissed: 41 },
      b: { n: 2, at: 50, dismissed: 10 },
      c: { n: 1, at: 60 },
    });
  });

  it('joins outbox messages, each once', () => {
    const persisted = [{ id: '1', url: '/c' }, { id: '2', url: '/c' }];
    const pending = [{ id: '2', url: '/c' }, { id: '3', url: '/c' }];
    expect((mergePending('outbox', persisted, pending) as { id: string }[]).map((m) => m.id)).toEqual(['1', '2', '3']);
  });

  it('keeps the quizzes answered elsewhere, and this page\'s record of a quiz it answered', () => {
    const persisted = { shoe: { answers: { terrain: 'road' }, path: ['terrain', 'distance'] }, fit: { answers: { width: 'wide' }, path: ['width'], done: 5 } };
    const pending = { shoe: { answers: { terrain: 'trail', distance: 'ultra' }, path: ['terrain', 'distance'], done: 9 } };
    expect(mergePending('quizzes', persisted, pending)).toEqual({ ...pending, fit: persisted.fit });
    expect(mergePending('quizzes', 'garbage', pending)).toEqual(pending);
  });

  it('reads broken stored values as empty', () => {
    expect(mergePending('campaigns', 'garbage', { a: { n: 1 } })).toEqual({ a: { n: 1 } });
    expect(mergePending('outbox', null, [{ id: '1' }])).toEqual([{ id: '1' }]);
  });
});

describe('mergePending for the visitor', () => {
  const MIN = 60_000;
  const visitor = (id: string, session: Record<string, unknown>, traits: Record<string, unknown> = {}) => ({
    v: 1,
    id,
    firstSeen: 0,
    sessions: 1,
    traits,
    session: { id: `${id}-s`, start: 0, last: 0, pageviews: 1, landingPage: '/', ...session },
  });

  // A consent tool that answers after load on every page: each page starts pending, in memory.
  it('counts the page views of a visitor begun in memory in the stored session, keeping the stored identity', () => {
    const stored = visitor('stored', { start: 0, last: 10 * MIN, pageviews: 2 }, { email: 'a@b.c' });
    const pending = visitor('fresh', { start: 12 * MIN, last: 13 * MIN, pageviews: 2 }, { vip: true });
    expect(mergePending('visitor', stored, pending)).toEqual({
      ...stored,
      traits: { email: 'a@b.c', vip: true },
      session: { ...stored.session, last: 13 * MIN, pageviews: 4 },
    });
  });

  it('starts the next session with them after 30 idle minutes, under the id their events carry', () => {
    const stored = visitor('stored', { start: 0, last: 10 * MIN, pageviews: 2 });
    const pending = visitor('fresh', { start: 50 * MIN, last: 51 * MIN, pageviews: 1 });
    expect(mergePending('visitor', stored, pending)).toEqual({
      ...stored,
      sessions: 2,
      session: { id: 'fresh-s', start: 50 * MIN, last: 51 * MIN, pageviews: 1, landingPage: '/' },
    });
  });

  it('keeps the later of the stored visitor and its own copy in memory (granted, then pending)', () => {
    const stored = visitor('v', { last: 10 * MIN, pageviews: 2 }, { a: 1 });
    const later = visitor('v', { last: 20 * MIN, pageviews: 5 }, { b: 2 });
    expect(mergePending('visitor', stored, later)).toEqual({ ...later, traits: { a: 1, b: 2 } });
    expect(mergePending('visitor', later, stored)).toEqual({ ...later, traits: { a: 1, b: 2 } });
  });

  it('takes memory\'s visitor when none is stored, and keeps the stored one when memory has none', () => {
    const one = visitor('v', {});
    expect(mergePending('visitor', undefined, one)).toEqual(one);
    expect(mergePending('visitor', one, undefined)).toEqual(one);
  });
});
