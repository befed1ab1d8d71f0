// Hostile storage and ids for the campaign and quiz runtime (#8), in happy-dom: what an
// older version (or a hand edit) left under `campaigns` and `quizzes`, and campaigns and
// quizzes named after Object.prototype's members. The page still shows its campaigns.
import { afterEach, describe, expect, it } from 'vitest';
import { createBeckon } from '../../../sdk/runtime/index.js';
import { createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';
import { testChunks } from '../dom/testChunks.js';
import { settle, shownWidget } from './hostile.js';

const PAGE = { url: 'https://shop.test/', path: '/', title: 'Home', query: {} };

afterEach(() => {
  document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
});

async function visit(config: Record<string, unknown>, storage: KeyValueStore) {
  const warnings: string[] = [];
  const beckon = createBeckon({ storage, loadChunk: testChunks, window, channel: null, page: () => PAGE, console: { warn: (m: string) => warnings.push(m) } });
  beckon.init({ config });
  const profile = await beckon.profile();
  const widget = (id: string) => shownWidget(id, warnings);
  return { beckon, profile, warnings, widget };
}

describe('stored campaign and quiz records', () => {
  it('an older record of any shape neither stops the page nor its campaigns', async () => {
    const storage = createMemoryStore([
      ['campaigns', { hello: { n: 2, sid: 'another session' }, old: null, gone: 5, text: 'shown', list: [], half: { dismissed: 'yesterday' } }],
      ['quizzes', { shoe: { answers: 'road', path: 'terrain' }, other: null, fit: { answers: { size: 42, bad: { x: 1 } }, path: ['size', 7] } }],
    ]);
    const { beckon, warnings, widget } = await visit(
      {
        campaigns: [{ id: 'hello', type: 'popup', frequency: { maxImpressions: 5 }, content: { kind: 'message', title: 'Hello again' } }],
        quizzes: [{ id: 'fit', questions: [{ id: 'size', type: 'rating', text: 'How is the fit?' }] }],
      },
      storage,
    );
    expect((await widget('hello')).querySelector('h2')?.textContent).toBe('Hello again');
    const profile = await beckon.profile();
    expect(warnings).toEqual([]);
    // The two impressions stored and this one; the unreadable records read as nothing seen.
    expect(profile?.campaigns).toMatchObject({ hello: { impressions: 3, dismissedAt: null, convertedAt: null }, old: { impressions: 0 } });
    expect(profile?.answers).toEqual({ fit: { size: 42 } });
  });
});

describe('ids named after Object.prototype members', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('a campaign and a quiz called %s show, record answers and count impressions', async (id) => {
    const storage = createMemoryStore();
    const config = {
      campaigns: [{ id, type: 'popup', frequency: { maxPerSession: 1 }, content: { kind: 'quiz', quiz: id } }],
      quizzes: [{ id, questions: [{ id: 'pick', type: 'single', text: 'Pick one', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] }], results: [{ title: 'Thanks' }] }],
    };
    const first = await visit(config, storage);
    const root = await first.widget(id);
    expect(root.querySelector('legend')?.textContent).toBe('Pick one');
    (root.querySelector('input[value=b]') as HTMLInputElement).click();
    (root.querySelector('button[type=submit]') as HTMLElement).click();
    await settle();
    expect(root.querySelector('h2')?.textContent).toBe('Thanks');
    const profile = await first.beckon.profile();
    expect(profile?.answers).toEqual({ [id]: { pick: 'b' } });
    expect(profile?.campaigns?.[id]).toEqual({ impressions: 1, dismissedAt: null, convertedAt: null });
    expect(first.warnings).toEqual([]);

    // The next page of the session: the quiz is answered and the cap reached, so it stays away, quietly.
    document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
    const second = await visit(config, storage);
    await settle();
    expect(document.querySelector('beckon-widget')).toBeNull();
    expect(second.profile?.answers).toEqual({ [id]: { pick: 'b' } });
    expect(second.warnings).toEqual([]);
  });
});
