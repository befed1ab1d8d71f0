import { describe, expect, it } from 'vitest';
import { INTENT_MODEL, INTENT_MODEL_WITH_PAGE_VALUES, intentBucket, intentOf, parseIntentConfig, scoreIntent, sessionForIntent, type IntentSession } from '../../../sdk/core/index.js';

const NOW = new Date(2026, 10, 18, 20, 0).getTime(); // a Wednesday in November, local time
const view = (secondsAgo: number, type: string, path = '/p', session = 's1') => ({ name: 'page_view', ts: NOW - secondsAgo * 1000, session, props: { type, path } });

describe('sessionForIntent', () => {
  it('counts this session’s pages by kind, each lasting until the next', () => {
    const events = [view(900, 'home', '/', 'old'), view(600, 'account', '/account'), view(500, 'product', '/products/a'), view(200, 'info', '/pages/faq'), view(50, 'category', '/c')];
    expect(sessionForIntent({ events, session: 's1', now: NOW, returning: true })).toEqual({
      administrative: 1,
      administrativeDuration: 100,
      informational: 1,
      informationalDuration: 150,
      productRelated: 2,
      productRelatedDuration: 350,
      month: 11,
      returning: true,
      weekend: false,
    });
  });

  it('averages the store’s page values over the pages seen', () => {
    const events = [view(300, 'product', '/products/a'), view(100, 'cart', '/cart')];
    const values: Record<string, number> = { '/products/a': 20, '/cart': 40 };
    expect(sessionForIntent({ events, session: 's1', now: NOW, returning: false, pageValue: (path) => values[path] }).pageValue).toBe(30);
  });
});

describe('scoreIntent', () => {
  const base: IntentSession = { administrative: 0, administrativeDuration: 0, informational: 0, informationalDuration: 0, productRelated: 1, productRelatedDuration: 10, month: 11, returning: false, weekend: false };

  it('scores a long browse through many product pages above a one-page visit', () => {
    const browse = { ...base, productRelated: 40, productRelatedDuration: 2400, administrative: 2, administrativeDuration: 60 };
    const [one, many] = [scoreIntent(INTENT_MODEL, base), scoreIntent(INTENT_MODEL, browse)];
    expect(many).toBeGreaterThan(one * 2);
    expect([one, many].every((s) => s > 0 && s < 1)).toBe(true);
  });

  it('lets page values lift the score', () => {
    const browse = { ...base, productRelated: 10, productRelatedDuration: 600 };
    expect(scoreIntent(INTENT_MODEL_WITH_PAGE_VALUES, { ...browse, pageValue: 60 })).toBeGreaterThan(scoreIntent(INTENT_MODEL_WITH_PAGE_VALUES, { ...browse, pageValue: 0 }));
  });

  it.each([
    [0.75, 'very_likely'],
    [0.6, 'very_likely'],
    [0.45, 'likely'],
    [0.1, 'less_likely'],
  ])('puts %s in %s', (score, bucket) => {
    expect(intentBucket(score)).toBe(bucket);
  });
});

describe('intentOf', () => {
  // A score shown as 0.3 is in the bucket that starts at 0.3: both read the same number.
  it('buckets the score it gives, rounded', () => {
    const model = { features: [], base: Math.log(0.29996 / 0.70004), rate: 1, trees: [] };
    expect(intentOf({ model, settings: { buckets: { very_likely: 0.6, likely: 0.3 } }, events: [], session: 's1', now: NOW, returning: false })).toEqual({ score: 0.3, bucket: 'likely' });
  });
});

describe('intent config', () => {
  it('takes buckets and page values, and reports bad ones at their paths', () => {
    const good = parseIntentConfig({ buckets: { very_likely: 0.7, likely: 0.2 }, pageValues: { '/products/*': 12.5 } });
    expect(good.problems).toEqual([]);
    expect(good.settings).toEqual({ buckets: { very_likely: 0.7, likely: 0.2 }, pageValues: { '/products/*': 12.5 } });
    const bad = parseIntentConfig({ buckets: { very_likely: 0.2, likely: 0.5 }, pageValues: { products: 'high' } });
    expect(bad.problems.map((p) => p.path)).toEqual(['intent.buckets', 'intent.pageValues.products']);
    expect(bad.settings.buckets).toEqual({ very_likely: 0.6, likely: 0.3 });
  });
});
