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
