// A quiz campaign through the whole runtime, in happy-dom: what its answers do to the
// profile (traits set and taken back), and to the widget showing it.
import { afterEach, describe, expect, it } from 'vitest';
import { createBeckon } from '../../../sdk/runtime/index.js';
import { createMemoryStore } from '../../../sdk/storage/index.js';
import { testChunks } from './testChunks.js';
import { stopPageWatches } from './pageWatches.js';
import { settle, shownWidget } from '../adversarial/hostile.js';

const PAGE = { url: 'https://shop.test/', path: '/', title: 'Home', query: {} };

const QUIZ = {
  id: 'fit',
  questions: [
    { id: 'sport', type: 'single', text: 'Sport?', options: [
      { value: 'run', label: 'Run', traits: { runner: true } },
      { value: 'gym', label: 'Gym', traits: { gym: true } },
    ] },
    { id: 'size', type: 'rating', text: 'Fit?' },
  ],
  results: [{ title: 'Thanks' }],
};

afterEach(() => {
  stopPageWatches();
  document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
});

async function page(audience: Record<string, unknown>) {
  document.body.innerHTML = '<main><div id="quiz"></div></main>';
  const warnings: string[] = [];
  const beckon = createBeckon({ storage: createMemoryStore(), loadChunk: testChunks, window, channel: null, page: () => PAGE, console: { warn: (m: string) => warnings.push(m) } });
  beckon.init({
    config: {
      segments: [{ id: 'runner', when: { 'traits.runner': true } }],
      campaigns: [{ id: 'fit', type: 'inline', placement: { target: '#quiz', position: 'append' }, audience, content: { kind: 'quiz', quiz: 'fit' } }],
      quizzes: [QUIZ],
    },
  });
  await beckon.profile();
  const root = await shownWidget('fit', warnings);
  const choose = async (value: string) => {
    (root.querySelector(`input[value=${value}]`) as HTMLInputElement).click();
    (root.querySelector('button[type=submit]') as HTMLElement).click();
    await settle();
  };
  const back = async () => {
    [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Back')?.click();
    await settle();
  };
  return { beckon, root, choose, back, warnings };
}

describe('a quiz campaign', () => {
  it('takes back the traits of an option chosen and then changed, and the segment with them', async () => {
    const { beckon, choose, back, warnings } = await page({});
    await choose('run');
    expect((await beckon.profile())?.segments).toEqual(['runner']);
    await back();
    await choose('gym');
    const profile = await beckon.profile();
    expect({ traits: profile?.traits, segments: profile?.segments, warnings }).toEqual({ traits: { gym: true }, segments: [], warnings: [] });
  });

  it('stays on the page, inline, when an answer takes the visitor out of its audience', async () => {
    const { beckon, root, choose } = await page({ 'traits.runner': { $ne: true } });
    await choose('run');
    await beckon.profile();
    expect(document.querySelector('beckon-widget[data-campaign="fit"]')).not.toBeNull();
    expect(root.querySelector('legend')?.textContent).toBe('Fit?');
  });
});

describe('a quiz naming a segment', () => {
  it('is skipped with its campaign when a rule names a segment the config lacks, and the rest shows', async () => {
    document.body.innerHTML = '<main><div id="quiz"></div><div id="other"></div></main>';
    const warnings: string[] = [];
    const beckon = createBeckon({ storage: createMemoryStore(), loadChunk: testChunks, window, channel: null, page: () => PAGE, console: { warn: (m: string) => warnings.push(m) } });
    const branching = { ...QUIZ, id: 'branching', questions: [{ ...QUIZ.questions[0], next: [{ when: { segments: { $nin: ['runnr'] } }, to: 'end' }] }, QUIZ.questions[1]] };
    beckon.init({
      config: {
        segments: [{ id: 'runner', when: { 'traits.runner': true } }],
        campaigns: [
          { id: 'branching', type: 'inline', placement: { target: '#quiz', position: 'append' }, content: { kind: 'quiz', quiz: 'branching' } },
          { id: 'fit', type: 'inline', placement: { target: '#other', position: 'append' }, content: { kind: 'quiz', quiz: 'fit' } },
        ],
        quizzes: [branching, QUIZ],
      },
    });
    await beckon.profile();
    await shownWidget('fit', warnings);
    expect(document.querySelector('beckon-widget[data-campaign="branching"]')).toBeNull();
    expect(warnings.join('\n')).toContain('quizzes[0].questions[0].next[0].when: names no segment "runnr" (none in the config, or skipped for an error); did you mean "runner"?');
  });
});
