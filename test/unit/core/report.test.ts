import { describe, expect, it } from 'vitest';
import { HOLDOUT_ROW, NO_SEGMENT, buildReport, liftOver } from '../../../sdk/core/index.js';

const RC = ['returning', 'cart-abandoner'];
const C = ['cart-abandoner'];

/**
 * A collect log in the shape the demo server writes, built in the order an endpoint could
 * receive it. What it holds, by hand:
 *
 * cart-rescue, variant a: a1–a5 seen in [returning, cart-abandoner], a6–a10 in
 *   [cart-abandoner]; a1 sees it twice → 10 visitors, 11 impressions. Clicks a1, a2, a6.
 *   Conversions a1 (50 EUR), a2 (30 EUR), a6 (20 EUR), a7 (no value).
 * cart-rescue, variant b: b1–b4 in no segment, 4 impressions, clicks b1, b2; conversions
 *   b1 (10 USD) and b2 (5 EUR), logged before the impressions they follow.
 * cart-rescue holdout: h1, h2 in [returning, cart-abandoner], h3–h5 in [cart-abandoner]
 *   (h5 as the runner sends it: no variantId, `holdout: true`); h1 converts (40 EUR).
 * x9 converts on variant a without an exposure in the log → left out.
 * newsletter-bar, variant default: n1, n2 in [returning], n1 clicks, nobody converts.
 * Repeats: a1's first impression and a1's conversion arrive twice with the same id.
 * Junk: a form submission, a blank line, a JSON array, two lines that are not JSON
 *   (lines 3 and the last), and a segment_enter event, which counts as an event but not in a row.
 */
function generateLog(): string {
  let n = 0;
  const event = (name: string, campaignId: string, variantId: string | null, visitorId: string, segments: string[], extra = {}) =>
    JSON.stringify({ event: name, campaignId, variantId, segments, visitorId, ts: 1764000000000 + ++n * 1000, id: `e${n}`, ...extra });
  const aVisitors = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'];
  const segmentsOfA = (visitor: string) => (aVisitors.indexOf(visitor) < 5 ? RC : C);
  const lines: string[] = [
    JSON.stringify({ type: 'submit', campaignId: 'newsletter-bar', variantId: 'default', values: { email: 'ada@stride.example' } }),
    '',
    '{"event":"impression","campaignId":"cart-rescue",',
    '[1, 2]',
  ];
  const firstImpression = event('impression', 'cart-rescue', 'a', 'a1', RC);
  lines.push(firstImpression);
  for (const visitor of aVisitors.slice(1)) lines.push(event('impression', 'cart-rescue', 'a', visitor, segmentsOfA(visitor)));
  lines.push(event('impression', 'cart-rescue', 'a', 'a1', RC), firstImpression);
  lines.push(event('conversion', 'cart-rescue', 'b', 'b1', [], { value: 10, currency: 'USD' }));
  lines.push(event('conversion', 'cart-rescue', 'b', 'b2', [], { value: 5, currency: 'EUR' }));
  for (const visitor of ['b1', 'b2', 'b3', 'b4']) lines.push(event('impression', 'cart-rescue', 'b', visitor, []));
  lines.push(event('holdout', 'cart-rescue', null, 'h1', RC), event('holdout', 'cart-rescue', null, 'h2', RC));
  lines.push(event('holdout', 'cart-rescue', null, 'h3', C), event('holdout', 'cart-rescue', null, 'h4', C));
  lines.push(JSON.stringify({ event: 'holdout', campaignId: 'cart-rescue', segments: C, visitorId: 'h5', ts: 1764000100000, holdout: true, id: 'h5-holdout' }));
  for (const visitor of ['a1', 'a2', 'a6']) lines.push(event('click', 'cart-rescue', 'a', visitor, segmentsOfA(visitor)));
  lines.push(event('click', 'cart-rescue', 'b', 'b1', []), event('click', 'cart-rescue', 'b', 'b2', []));
  const a1Converts = event('conversion', 'cart-rescue', 'a', 'a1', RC, { goal: 'purchase', value: 50, currency: 'EUR' });
  lines.push(a1Converts, a1Converts);
  lines.push(event('conversion', 'cart-rescue', 'a', 'a2', RC, { goal: 'purchase', value: 30, currency: 'EUR' }));
  lines.push(event('conversion', 'cart-rescue', 'a', 'a6', C, { goal: 'purchase', value: 20, currency: 'EUR' }));
  lines.push(event('conversion', 'cart-rescue', 'a', 'a7', C, { goal: 'signup' }));
  lines.push(event('conversion', 'cart-rescue', null, 'h1', RC, { goal: 'purchase', value: 40, currency: 'EUR', holdout: true }));
  lines.push(event('conversion', 'cart-rescue', 'a', 'x9', C, { goal: 'purchase', value: 99, currency: 'EUR' }));
  lines.push(JSON.stringify({ event: 'segment_enter', segment: 'returning', segments: ['returning'], visitorId: 'a1', ts: 1764000200000, id: 'enter-1' }));
  lines.push(event('impression', 'newsletter-bar', 'default', 'n1', ['returning']), event('impression', 'newsletter-bar', 'default', 'n2', ['returning']));
  lines.push(event('click', 'newsletter-bar', 'default', 'n1', ['returning']));
  lines.push('not json at all');
  return `${lines.join('\n')}\n`;
}

const close = (value: number) => expect.closeTo(value, 6);

// Lift intervals are Newcombe's hybrid score intervals (method 10), from each rate's Wilson
// interval (z = 1.96): low = d − √((p1 − l1)² + (u2 − p2)²), high = d + √((u1 − p1)² + (p2 − l2)²).
// Variant a against the holdout, on paper:
//   p1 = 4/10 = 0.4, Wilson [0.1681776, 0.6873305]; p2 = 1/5 = 0.2, Wilson [0.0362232, 0.6244717]; d = 0.2
//   low = 0.2 − √(0.2318224² + 0.4244717²) = −0.2836506; high = 0.2 + √(0.2873305² + 0.1637768²) = 0.530729
//   relative: 0.4 / 0.2 − 1 = 1 (conversion rate doubled)
const LIFT_A = { difference: close(0.2), low: close(-0.2836506), high: close(0.530729), relative: close(1) };
// Variant b: p1 = 2/4 = 0.5, Wilson [0.1500357, 0.8499643], d = 0.3
//   → [−0.2501375, 0.6863908]; relative 0.5 / 0.2 − 1 = 1.5.
const LIFT_B = { difference: close(0.3), low: close(-0.2501375), high: close(0.6863908), relative: close(1.5) };

describe('buildReport', () => {
  it('reports each campaign × variant with the holdout as its own row and lift over it', () => {
    const report = buildReport(generateLog());
    expect(report).toEqual({
      rows: [
        {
          campaignId: 'cart-rescue',
          variantId: 'a',
          visitors: 10,
          impressions: 11,
          clicks: 3,
          ctr: close(3 / 11),
          conversions: 4,
          conversionRate: 0.4,
          revenue: [{ currency: 'EUR', value: 100 }],
          lift: LIFT_A,
        },
        {
          campaignId: 'cart-rescue',
          variantId: 'b',
          visitors: 4,
          impressions: 4,
          clicks: 2,
          ctr: 0.5,
          conversions: 2,
          conversionRate: 0.5,
          revenue: [
            { currency: 'EUR', value: 5 },
            { currency: 'USD', value: 10 },
          ],
          lift: LIFT_B,
        },
        {
          campaignId: 'cart-rescue',
          variantId: HOLDOUT_ROW,
          visitors: 5,
          impressions: 0,
          clicks: 0,
          ctr: null,
          conversions: 1,
          conversionRate: 0.2,
          revenue: [{ currency: 'EUR', value: 40 }],
          lift: null,
        },
        {
          campaignId: 'newsletter-bar',
          variantId: 'default',
          visitors: 2,
          impressions: 2,
          clicks: 1,
          ctr: 0.5,
          conversions: 0,
          conversionRate: 0,
          revenue: [],
          lift: null,
        },
      ],
      // 11 + 4 impressions, 5 holdouts, 5 clicks, 8 conversions, 1 segment_enter, 3 on newsletter-bar.
      events: 37,
      repeats: 2,
      unparsable: 2,
      firstUnparsableLine: 3,
      unattributedConversions: 1,
    });
  });

  it('splits rows by the segments each visitor was in at exposure', () => {
    const row = (segment: string, variantId: string, counts: [number, number, number, number], revenue: { currency: string; value: number }[], lift: unknown) => {
      const [visitors, impressions, clicks, conversions] = counts;
      return {
        campaignId: 'cart-rescue',
        segment,
        variantId,
        visitors,
        impressions,
        clicks,
        ctr: impressions > 0 ? close(clicks / impressions) : null,
        conversions,
        conversionRate: close(conversions / visitors),
        revenue,
        lift,
      };
    };
    // Returning visitors, a against the holdout on paper:
    //   p1 = 2/5 = 0.4 (a1, a2 of a1–a5), Wilson [0.1176182, 0.7692801]; p2 = 1/2 = 0.5 (h1 of
    //   h1, h2), Wilson [0.0945287, 0.9054713]; d = −0.1 → [−0.5941118, 0.4484294]; relative −0.2
    const liftReturning = { difference: close(-0.1), low: close(-0.5941118), high: close(0.4484294), relative: close(-0.2) };
    const report = buildReport(generateLog(), { bySegment: true });
    expect(report.rows).toEqual([
      // Every a and holdout visitor was a cart abandoner, so that segment repeats the totals.
      row('cart-abandoner', 'a', [10, 11, 3, 4], [{ currency: 'EUR', value: 100 }], LIFT_A),
      row('cart-abandoner', HOLDOUT_ROW, [5, 0, 0, 1], [{ currency: 'EUR', value: 40 }], null),
      row('returning', 'a', [5, 6, 2, 2], [{ currency: 'EUR', value: 80 }], liftReturning),
      row('returning', HOLDOUT_ROW, [2, 0, 0, 1], [{ currency: 'EUR', value: 40 }], null),
      // b's visitors were in no segment, and no holdout visitor was: no lift to give.
      row(NO_SEGMENT, 'b', [4, 4, 2, 2], [{ currency: 'EUR', value: 5 }, { currency: 'USD', value: 10 }], null),
      { ...row('returning', 'default', [2, 2, 1, 0], [], null), campaignId: 'newsletter-bar' },
    ]);
    expect(report.unattributedConversions).toBe(1);
  });

  it('counts a visitor under every segment of every exposure', () => {
    const log = [
      { event: 'impression', campaignId: 'c', variantId: 'a', segments: ['new'], visitorId: 'v1', id: '1' },
      { event: 'impression', campaignId: 'c', variantId: 'a', segments: ['returning', 'vip'], visitorId: 'v1', id: '2' },
      { event: 'conversion', campaignId: 'c', variantId: 'a', segments: ['vip'], visitorId: 'v1', id: '3' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    expect(buildReport(log, { bySegment: true }).rows.map((r) => [r.segment, r.visitors, r.impressions, r.conversions])).toEqual([
      ['new', 1, 1, 1],
      ['returning', 1, 1, 1],
      ['vip', 1, 1, 1],
    ]);
  });

  it('counts a repeated id once and lines without an id each time', () => {
    const impression = { event: 'impression', campaignId: 'c', variantId: 'a', segments: [], visitorId: 'v1' };
    const log = [
      { ...impression, id: 'same' },
      { ...impression, id: 'same', visitorId: 'v2' },
      { ...impression, id: 'other' },
      impression,
      impression,
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const report = buildReport(log);
    expect([report.events, report.repeats, report.rows[0]?.impressions, report.rows[0]?.visitors]).toEqual([4, 1, 4, 1]);
  });

  it.each([
    ['a blank line', '   ', 0],
    ['a form submission', '{"type":"submit","campaignId":"c","values":{"email":"a@b.c"}}', 0],
    ['a JSON array', '[{"event":"impression","campaignId":"c","variantId":"a"}]', 0],
    ['a number', '42', 0],
    ['a cut-off line', '{"event":"impression","campaignId":', 1],
    ['plain text', 'GET /collect 204', 1],
  ])('skips %s', (_, line, unparsable) => {
    const report = buildReport(`${line}\r\n{"event":"impression","campaignId":"c","variantId":"a","visitorId":"v1"}\r\n`);
    expect([report.rows.length, report.events, report.unparsable, report.firstUnparsableLine]).toEqual([1, 1, unparsable, unparsable ? 1 : null]);
  });

  it.each([
    ['an event with no campaign', { event: 'segment_enter', segment: 'vip', visitorId: 'v1' }],
    ['a dismissal', { event: 'dismiss', campaignId: 'c', variantId: 'a', visitorId: 'v1' }],
    ['a form sent', { event: 'submit', campaignId: 'c', variantId: 'a', visitorId: 'v1' }],
    ['an impression with a numeric variant', { event: 'impression', campaignId: 'c', variantId: 7, visitorId: 'v1' }],
  ])('counts %s as an event but in no row', (_, line) => {
    const report = buildReport(JSON.stringify(line));
    expect([report.events, report.rows]).toEqual([1, []]);
  });

  it('leaves out conversions with no exposure of that visitor to that variant', () => {
    const log = [
      { event: 'impression', campaignId: 'c', variantId: 'a', visitorId: 'v1' },
      { event: 'conversion', campaignId: 'c', variantId: 'b', visitorId: 'v1', value: 10 },
      { event: 'conversion', campaignId: 'c', variantId: 'a', value: 10 },
      { event: 'conversion', campaignId: 'other', variantId: 'a', visitorId: 'v1' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const report = buildReport(log);
    expect([report.rows.map((r) => [r.variantId, r.conversions]), report.unattributedConversions]).toEqual([[['a', 0]], 3]);
  });

  it('adds revenue per currency, reading amounts as stores write them', () => {
    const conversion = { event: 'conversion', campaignId: 'c', variantId: 'a', visitorId: 'v1' };
    const log = [
      { event: 'impression', campaignId: 'c', variantId: 'a', visitorId: 'v1' },
      { ...conversion, value: 0.1, currency: 'EUR' },
      { ...conversion, value: 0.2, currency: 'eur' },
      { ...conversion, value: '19,90', currency: 'EUR' },
      { ...conversion, value: 3 },
      { ...conversion, value: 'free' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    expect(buildReport(log).rows[0]).toMatchObject({
      conversions: 1,
      revenue: [
        { currency: null, value: 3 },
        { currency: 'EUR', value: 20.2 },
      ],
    });
  });
});

describe('liftOver', () => {
  it.each([
    ['no holdout visitors', { conversions: 2, visitors: 10 }, { conversions: 0, visitors: 0 }, null],
    ['no variant visitors', { conversions: 0, visitors: 0 }, { conversions: 1, visitors: 10 }, null],
    // p1 = 0.5, p2 = 0 (of 9: Wilson [0, 0.2991]): no relative lift over zero.
    ['a holdout that never converted', { conversions: 2, visitors: 4 }, { conversions: 0, visitors: 9 }, { difference: 0.5, low: close(0.0396009), high: close(0.8499643), relative: null }],
    // No conversions in 3 and 3 says little: a wide interval, not a certain zero.
    ['nobody converting', { conversions: 0, visitors: 3 }, { conversions: 0, visitors: 3 }, { difference: 0, low: close(-0.5615061), high: close(0.5615061), relative: null }],
    ['a hundred each', { conversions: 30, visitors: 100 }, { conversions: 20, visitors: 100 }, { difference: close(0.1), low: close(-0.0202516), high: close(0.2167364), relative: close(0.5) }],
    // Newcombe (1998), table II, his worked example 56/70 against 48/80: 0.0524 to 0.3339.
    ['Newcombe\'s example', { conversions: 56, visitors: 70 }, { conversions: 48, visitors: 80 }, { difference: close(0.2), low: expect.closeTo(0.0524, 4), high: expect.closeTo(0.3339, 4), relative: close(1 / 3) }],
    // One of one against none of one: inside ±100 points, never a certain +100.
    ['a single visitor each', { conversions: 1, visitors: 1 }, { conversions: 0, visitors: 1 }, { difference: 1, low: close(-0.1221172), high: close(1), relative: null }],
  ])('handles %s', (_, treated, control, expected) => {
    expect(liftOver(treated, control)).toEqual(expected);
  });
});
