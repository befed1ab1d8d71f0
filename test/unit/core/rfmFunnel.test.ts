import { describe, expect, it } from 'vitest';
import { FUNNEL_STAGES, RFM_SEGMENTS, funnelStage, rfmScore, type Behavior, type BeckonEvent, type Cart, type Orders } from '../../../sdk/core/index.js';

const orders = (count: number, revenue: number, daysSinceLast: number | null): Orders => ({
  count,
  revenue,
  aov: count ? revenue / count : 0,
  lastAt: daysSinceLast === null ? null : 0,
  daysSinceLast,
});

// Cut points of DESIGN §5: recency 7/30/90/180 days, frequency 2/3/5/8, monetary 50/150/400/1000.
describe('rfmScore', () => {
  it.each<[string, Orders, string, string]>([
    ['no order', orders(0, 0, null), '111', 'prospect'],
    ['8 orders, 1000 spent, 3 days ago', orders(8, 1000, 3), '555', 'champions'],
    ['5 orders, 400 spent, 20 days ago', orders(5, 400, 20), '444', 'champions'],
    ['3 orders, 150 spent, 60 days ago', orders(3, 150, 60), '333', 'loyal'],
    ['1 order of 40, yesterday', orders(1, 40, 1), '511', 'new_customer'],
    ['1 order of 160, yesterday (new_customer comes first)', orders(1, 160, 1), '513', 'new_customer'],
    ['2 orders, 60 spent, 10 days ago', orders(2, 60, 10), '422', 'potential_loyalist'],
    ['1 order of 40, 10 days ago', orders(1, 40, 10), '411', 'promising'],
    ['1 order of 40, 60 days ago', orders(1, 40, 60), '311', 'need_attention'],
    ['exactly 30 days is still r 4', orders(1, 40, 30), '411', 'promising'],
    ['8 orders, 1000 spent, 200 days ago', orders(8, 1000, 200), '155', 'cannot_lose'],
    ['5 orders, 400 spent, 100 days ago', orders(5, 400, 100), '244', 'cannot_lose'],
    ['2 orders, 60 spent, 100 days ago', orders(2, 60, 100), '222', 'at_risk'],
    ['1 order of 40, 100 days ago', orders(1, 40, 100), '211', 'about_to_sleep'],
    ['2 orders, 60 spent, a year ago', orders(2, 60, 365), '122', 'hibernating'],
    ['1 order of 40, a year ago', orders(1, 40, 365), '111', 'lost'],
  ])('%s → %s %s', (_name, history, score, segment) => {
    const rfm = rfmScore(history);
    expect([rfm.score, rfm.segment]).toEqual([score, segment]);
    expect(rfm.score).toBe(`${rfm.r}${rfm.f}${rfm.m}`);
  });

  it('reaches every segment name in the table above', () => {
    const reached = new Set(
      [[0, 0, null], [8, 1000, 3], [3, 150, 60], [1, 40, 1], [2, 60, 10], [1, 40, 10], [1, 40, 60], [8, 1000, 200], [2, 60, 100], [1, 40, 100], [2, 60, 365], [1, 40, 365]].map(
        ([c, r, d]) => rfmScore(orders(c as number, r as number, d as number | null)).segment,
      ),
    );
    expect([...reached].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('uses the config cut points', () => {
    expect(rfmScore(orders(2, 100, 2), { recencyDays: [1], frequency: [2], monetary: [100] }).score).toBe('422');
  });
});

const behavior = (pageviews: number, productViews: number, engagedTime = 0): Behavior => ({
  pageviews,
  productViews,
  productsViewed: [],
  categoriesViewed: [],
  scrollDepth: 0,
  timeOnPage: 0,
  engagedTime,
});
const cart = (count: number): Cart => ({ items: [], count, value: 0, currency: '', updatedAt: null });
const ev = (...names: string[]): BeckonEvent[] => names.map((name, i) => ({ name, ts: i }));

describe('funnelStage', () => {
  it.each<[string, Orders, Cart, Behavior, BeckonEvent[], string]>([
    ['a first page', orders(0, 0, null), cart(0), behavior(1, 0), [], 'visitor'],
    ['three page views', orders(0, 0, null), cart(0), behavior(3, 0), [], 'engaged'],
    ['a minute engaged on one page', orders(0, 0, null), cart(0), behavior(1, 0, 60), [], 'engaged'],
    ['a product viewed', orders(0, 0, null), cart(0), behavior(2, 1), [], 'considering'],
    ['items in the cart', orders(0, 0, null), cart(2), behavior(2, 1), [], 'intending'],
    ['checkout begun with the cart emptied', orders(0, 0, null), cart(0), behavior(2, 1), ev('begin_checkout'), 'intending'],
    ['one order', orders(1, 50, 1), cart(0), behavior(5, 1), ev('begin_checkout', 'purchase'), 'customer'],
    ['two orders', orders(2, 90, 1), cart(0), behavior(9, 2), [], 'repeat_customer'],
  ])('%s → %s', (_name, o, c, b, events, stage) => {
    expect(funnelStage(o, c, b, events)).toBe(stage);
  });

  it('keeps a checkout begun after an order when the same order is sent again', () => {
    const purchase = (ts: number, transaction_id: string): BeckonEvent => ({ name: 'purchase', ts, props: { transaction_id, items: [] } });
    const events = [purchase(1, 'T1'), { name: 'begin_checkout', ts: 2 }, purchase(3, 'T1')];
    expect(funnelStage(orders(0, 0, null), cart(0), behavior(5, 1), events)).toBe('intending');
    expect(funnelStage(orders(0, 0, null), cart(0), behavior(5, 1), [...events, purchase(4, 'T2')])).toBe('considering');
  });

  it('has a case for every stage', () => {
    expect(FUNNEL_STAGES).toHaveLength(6);
  });
});
