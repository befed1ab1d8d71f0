// 200 realistic segment conditions against one realistic profile, evaluated by our
// compiled evaluator and by three peers on the same inputs: GrowthBook's evalCondition
// (interpreted each call), sift and mingo (both compile a query once, as we do).
// Checks that all four agree on every segment, then prints µs per evaluation of all
// 200 segments and our speed-up over each. Target: at least 5× the fastest peer.
import { evalCondition } from '@growthbook/growthbook';
import { Query } from 'mingo';
import sift from 'sift';
import { compileCondition } from '../../sdk/core/index.js';

const profile = {
  visitor: { id: 'v1', sessions: 4, isNew: false, isReturning: true, daysSinceFirstVisit: 41 },
  session: { pageviews: 6, duration: 420, landingPage: '/collections/trail', isFirst: false },
  page: { path: '/products/ridge-runner', type: 'product', query: { utm_source: 'newsletter' }, product: { id: 'TRL-001', price: 149, category: 'Trail' } },
  traffic: { channel: 'email', source: 'newsletter', medium: 'email', campaign: 'november' },
  device: { type: 'mobile', os: 'ios', browser: 'safari', language: 'it-IT', touch: true },
  geo: { country: 'IT', continent: 'europe', eu: true, timezone: 'Europe/Rome' },
  time: { hour: 21, dayOfWeek: 5, weekend: false, month: 11 },
  behavior: {
    pageviews: 58,
    productViews: 17,
    productsViewed: ['RUN-001', 'TRL-001', 'TRL-002', 'GYM-003', 'RUN-002'],
    categoriesViewed: ['Running', 'Trail', 'Gym'],
    engagedTime: 640,
  },
  cart: { count: 2, value: 288, currency: 'EUR', items: [{ item_id: 'TRL-001', price: 149, quantity: 1 }, { item_id: 'TRL-002', price: 139, quantity: 1 }] },
  orders: { count: 3, revenue: 410, aov: 136.67, daysSinceLast: 24 },
  rfm: { r: 4, f: 3, m: 4, score: '434', segment: 'loyal' },
  funnel: { stage: 'repeat_customer' },
  traits: { plan: 'member', email_opt_in: true, size: 42 },
  segments: ['returning', 'email'],
};

/** Realistic segment shapes (the operators GrowthBook, sift and mingo share), varied by index. */
const templates: ((i: number) => Record<string, unknown>)[] = [
  (i) => ({ 'cart.count': { $gt: i % 4 }, 'page.type': { $ne: 'checkout' } }),
  (i) => ({ 'traffic.channel': { $in: [['email', 'paid_search'], ['organic_social'], ['email']][i % 3] } }),
  (i) => ({ 'page.path': { $regex: ['^/products/', '^/collections/', 'ridge'][i % 3] } }),
  (i) => ({ 'behavior.productsViewed': { $elemMatch: { $eq: ['TRL-001', 'RUN-009', 'GYM-003'][i % 3] } } }),
  (i) => ({ $or: [{ 'device.type': 'mobile' }, { 'geo.country': { $in: ['DE', 'AT'] } }], 'time.hour': { $gte: 18 + (i % 4) } }),
  (i) => ({ 'orders.count': { $gte: 1 + (i % 4) }, 'rfm.segment': { $nin: ['lost', 'hibernating'] } }),
  (i) => ({ 'behavior.categoriesViewed': { $all: [['Trail', 'Running'], ['Gym'], ['Trail', 'Golf']][i % 3] } }),
  (i) => ({ $and: [{ 'visitor.isReturning': true }, { 'orders.revenue': { $gte: 100 * (i % 6) } }, { 'geo.eu': true }] }),
  (i) => ({ 'cart.items': { $elemMatch: { item_id: ['TRL-001', 'RUN-001'][i % 2], price: { $gt: 100 } } } }),
  (i) => ({ 'traits.plan': { $exists: i % 2 === 0 }, 'cart.value': { $lt: 300 - i } }),
  (i) => ({ $nor: [{ 'funnel.stage': 'visitor' }, { 'session.pageviews': { $lt: 2 + (i % 5) } }] }),
  (i) => ({ 'behavior.productsViewed': { $size: { $gte: 3 + (i % 4) } } } as Record<string, unknown>),
  (i) => ({ 'traffic.source': 'newsletter', 'traffic.campaign': ['november', 'october'][i % 2], 'device.os': { $in: ['ios', 'android'] } }),
  (i) => ({ segments: { $in: [['email'], ['vip'], ['returning', 'vip']][i % 3] } }),
  (i) => ({ 'page.product.price': { $gte: 50 + i, $lte: 200 }, 'page.product.category': 'Trail' }),
  (i) => ({ $or: [{ 'rfm.r': { $gte: 4 } }, { 'rfm.score': { $regex: `^${1 + (i % 5)}` } }], 'behavior.engagedTime': { $gt: 60 * (i % 12) } }),
];
// `$size` with an operator is GrowthBook's; MongoDB takes a number. Keep the shared subset.
const shared = templates.filter((_, i) => i !== 11);
const conditions = Array.from({ length: 200 }, (_, i) => (shared[i % shared.length] as (i: number) => Record<string, unknown>)(i));

const ours = conditions.map((condition) => compileCondition(condition));
const sifted = conditions.map((condition) => sift(condition as never) as (value: unknown) => boolean);
const mingoQueries = conditions.map((condition) => new Query(condition as never));

const evaluators: [string, () => boolean[]][] = [
  ['beckon (compiled)', () => ours.map((test) => test(profile))],
  ['GrowthBook evalCondition', () => conditions.map((condition) => evalCondition(profile as never, condition as never, {}))],
  ['sift (compiled)', () => sifted.map((test) => test(profile))],
  ['mingo (compiled)', () => mingoQueries.map((query) => query.test(profile as never))],
];

const results = evaluators.map(([name, run]) => [name, run()] as const);
const reference = results[0]![1];
const disagreements = results.flatMap(([name, got]) => got.flatMap((v, i) => (v === reference[i] ? [] : [`${name} disagrees on #${i}: ${JSON.stringify(conditions[i])}`])));
const matched = reference.filter(Boolean).length;
console.log(`200 segments, ${matched} match the profile; ${disagreements.length === 0 ? 'all four evaluators agree' : 'DISAGREEMENTS:'}`);
for (const line of disagreements) console.log(`  ${line}`);

/** µs per evaluation of all 200 segments, over about `ms` of repeated runs. */
function timeBatch(run: () => unknown, ms: number): number {
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    run();
    n++;
  }
  return ((performance.now() - started) * 1000) / n;
}

/** Median µs of one evaluator over 7 rounds of 150 ms, after a warm-up (for BENCH_DETAIL). */
function measure(run: () => unknown): number {
  for (let i = 0; i < 200; i++) run();
  const rounds = Array.from({ length: 7 }, () => timeBatch(run, 150));
  return rounds.sort((a, b) => a - b)[3] as number;
}

// Rounds interleave the four evaluators (ours, then each peer, 100 ms each), so a slow
// spell of this shared machine weighs on all of them alike; each round gives each peer's
// ratio to ours, and the figures are the medians over 11 rounds.
for (const [, run] of evaluators) for (let i = 0; i < 200; i++) run();
const ROUNDS = 11;
const perRound = Array.from({ length: ROUNDS }, () => evaluators.map(([, run]) => timeBatch(run, 100)));
const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] as number;
const timings = evaluators.map(([name], e) => [name, median(perRound.map((round) => round[e] as number))] as const);
const ratios = evaluators.map((_, e) => median(perRound.map((round) => (round[e] as number) / (round[0] as number))));
console.log(`µs per evaluation of all 200 segments (median of ${ROUNDS} interleaved rounds; speed-ups are the medians of each round's ratio):`);
timings.forEach(([name, us], e) => {
  console.log(`  ${name.padEnd(26)} ${us.toFixed(1).padStart(8)} µs${e === 0 ? '' : `   beckon is ${(ratios[e] as number).toFixed(1)}× faster`}`);
});
if (process.env.BENCH_DETAIL) {
  // Where the time goes: each template shape alone, ours against GrowthBook's.
  shared.forEach((template, t) => {
    const group = conditions.filter((_, i) => i % shared.length === t);
    const compiled = group.map((c) => compileCondition(c));
    const a = measure(() => compiled.map((test) => test(profile)));
    const b = measure(() => group.map((c) => evalCondition(profile as never, c as never, {})));
    console.log(`  template ${String(t).padStart(2)}: ${(b / a).toFixed(1)}×  ${JSON.stringify(template(0)).slice(0, 90)}`);
  });
}
console.log(`speed-up over the fastest peer: ${Math.min(...ratios.slice(1)).toFixed(1)}× (target ≥ 5×)`);
if (disagreements.length > 0) process.exit(1);
