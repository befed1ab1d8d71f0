import { checkKeys, createReport, section } from './configReport.js';
import type { Orders } from './deriveCommerce.js';
import type { Problem } from './types.js';

/** Ascending cut points of DESIGN §3 RFM; the config's `rfm` section. */
export interface RfmCuts {
  recencyDays: readonly number[];
  frequency: readonly number[];
  monetary: readonly number[];
}

/** The cut points of DESIGN §5's example, used when the config names none. */
export const DEFAULT_RFM_CUTS: RfmCuts = { recencyDays: [7, 30, 90, 180], frequency: [2, 3, 5, 8], monetary: [50, 150, 400, 1000] };

export const RFM_SEGMENTS = [
  'prospect',
  'champions',
  'loyal',
  'new_customer',
  'potential_loyalist',
  'promising',
  'need_attention',
  'cannot_lose',
  'at_risk',
  'about_to_sleep',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface Rfm {
  r: number;
  f: number;
  m: number;
  /** The three digits `r f m`, e.g. "545". */
  score: string;
  segment: RfmSegment;
}

/** DESIGN §3's rules, in order: the first that holds names the segment. */
const RULES: [RfmSegment, (r: number, f: number, fm: number) => boolean][] = [
  ['champions', (r, _f, fm) => r >= 4 && fm >= 4],
  ['loyal', (r, _f, fm) => r >= 3 && fm >= 3],
  ['new_customer', (r, f) => r === 5 && f === 1],
  ['potential_loyalist', (r, _f, fm) => r >= 4 && fm >= 2],
  ['promising', (r) => r >= 4],
  ['need_attention', (r) => r === 3],
  ['cannot_lose', (r, _f, fm) => r <= 2 && fm >= 4],
  ['at_risk', (r, _f, fm) => r === 2 && fm >= 2],
  ['about_to_sleep', (r) => r === 2],
  ['hibernating', (r, _f, fm) => r === 1 && fm >= 2],
];

/**
 * RFM from purchase history: `f` and `m` are 1 + the cut points that the order count
 * and revenue reach (≥); `r` is 5 − the recency cut points that the days since the
 * last order exceed (>). A visitor without orders is a `prospect` scored 1 1 1.
 */
export function rfmScore(orders: Orders, cuts: RfmCuts = DEFAULT_RFM_CUTS): Rfm {
  const reached = (value: number, points: readonly number[]) => points.filter((point) => value >= point).length;
  if (orders.count === 0 || orders.daysSinceLast === null) return { r: 1, f: 1, m: 1, score: '111', segment: 'prospect' };
  const daysSinceLast = orders.daysSinceLast;
  const r = Math.max(1, 5 - cuts.recencyDays.filter((days) => daysSinceLast > days).length);
  const f = Math.min(5, 1 + reached(orders.count, cuts.frequency));
  const m = Math.min(5, 1 + reached(orders.revenue, cuts.monetary));
  const fm = (f + m) / 2;
  const segment = RULES.find(([, holds]) => holds(r, f, fm))?.[0] ?? 'lost';
  return { r, f, m, score: `${r}${f}${m}`, segment };
}

const RFM_KEYS = ['recencyDays', 'frequency', 'monetary'] as const;

/** Reads the config's `rfm` cut points: in the signals chunk when rfm.* is first needed, and in the CLI. */
export function parseRfmConfig(raw: unknown): { cuts: RfmCuts; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = createReport(problems);
  const cuts: RfmCuts = { ...DEFAULT_RFM_CUTS };
  const input = section(raw, 'rfm', 'an object of cut points', report);
  if (!input) return { cuts, problems };
  checkKeys(input, RFM_KEYS, 'rfm', report);
  for (const key of RFM_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    const ascending =
      Array.isArray(value) &&
      value.length > 0 &&
      value.length <= 4 &&
      value.every((n, i) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && (i === 0 || n > (value[i - 1] as number)));
    if (ascending) cuts[key] = value as number[];
    else report.error(`rfm.${key}`, 'expected 1 to 4 ascending numbers ≥ 0, e.g. [7, 30, 90, 180]');
  }
  return { cuts, problems };
}
