import { checkKeys, createReport, section } from './configReport.js';
import { matchGlob } from './matchGlob.js';
import type { Problem } from './types.js';

/**
 * The purchase-intent model: logistic regression over features a browser can compute
 * for the current session. `test/intent/train.mjs` fits it on the Online Shoppers
 * Purchasing Intention data set (UCI 468, Sakar & Kastro; CC BY 4.0) and writes
 * `intentModel.ts`; this file turns a live session into those features and scores it.
 */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A session as the data set describes one; durations in seconds. */
export interface IntentSession {
  administrative: number;
  administrativeDuration: number;
  informational: number;
  informationalDuration: number;
  productRelated: number;
  productRelatedDuration: number;
  /** 1–12. */
  month: number;
  returning: boolean;
  weekend: boolean;
  /** Mean value of the pages seen (the store's `intent.pageValues`), when it has them. */
  pageValue?: number;
}

/** A tree node: a leaf value, or `[feature index, threshold, below, at or above]`. */
export type TreeNode = number | readonly [number, number, TreeNode, TreeNode];

/** Gradient-boosted trees: `score = sigmoid(base + rate × Σ tree(features))`. */
export interface IntentModel {
  features: readonly string[];
  base: number;
  rate: number;
  trees: readonly TreeNode[];
}

/** Feature names, in model order; `pageValue` only in the model trained with PageValues. */
export function intentFeatures(session: IntentSession, withPageValue: boolean): Record<string, number> {
  const features: Record<string, number> = {
    administrative: Math.log1p(session.administrative),
    administrativeDuration: Math.log1p(session.administrativeDuration),
    informational: Math.log1p(session.informational),
    informationalDuration: Math.log1p(session.informationalDuration),
    productRelated: Math.log1p(session.productRelated),
    productRelatedDuration: Math.log1p(session.productRelatedDuration),
    returning: session.returning ? 1 : 0,
    weekend: session.weekend ? 1 : 0,
  };
  // Logistic regression is linear in its inputs: give it the shapes that matter.
  const pages = session.administrative + session.informational + session.productRelated;
  features.secondsPerProductPage = Math.log1p(session.productRelatedDuration / Math.max(1, session.productRelated));
  features.pages = Math.log1p(pages);
  features.seconds = Math.log1p(session.administrativeDuration + session.informationalDuration + session.productRelatedDuration);
  features.sawAccountPage = session.administrative > 0 ? 1 : 0;
  features.productRelatedSquared = features.productRelated! ** 2;
  for (let m = 1; m <= 12; m++) features[`month_${MONTHS[m - 1]}`] = session.month === m ? 1 : 0;
  if (withPageValue) features.pageValue = Math.log1p(session.pageValue ?? 0);
  return features;
}

function leaf(node: TreeNode, x: readonly number[]): number {
  while (typeof node !== 'number') node = (x[node[0]] ?? 0) < node[1] ? node[2] : node[3];
  return node;
}

/** The probability of a purchase this session, 0–1. */
export function scoreIntent(model: IntentModel, session: IntentSession): number {
  const features = intentFeatures(session, model.features.includes('pageValue'));
  const x = model.features.map((name) => features[name] ?? 0);
  let z = model.base;
  for (const tree of model.trees) z += model.rate * leaf(tree, x);
  return 1 / (1 + Math.exp(-z));
}

export interface IntentBuckets {
  very_likely: number;
  likely: number;
}
/** Default bucket thresholds (the config's `intent.buckets`). */
export const DEFAULT_INTENT_BUCKETS: IntentBuckets = { very_likely: 0.6, likely: 0.3 };

export type IntentBucket = 'very_likely' | 'likely' | 'less_likely';

export function intentBucket(score: number, buckets: IntentBuckets = DEFAULT_INTENT_BUCKETS): IntentBucket {
  return score >= buckets.very_likely ? 'very_likely' : score >= buckets.likely ? 'likely' : 'less_likely';
}

/**
 * The live session in the data set's terms: page views of this session by kind
 * (`account` → Administrative, `info` → Informational, every other page → ProductRelated),
 * each lasting until the next page view (the current one until now).
 */
export function sessionForIntent(input: {
  events: readonly { name: string; ts: number; session?: string; props?: Record<string, unknown> }[];
  session: string;
  now: number;
  returning: boolean;
  /** Value of a page path from the store's `intent.pageValues`, if it set any. */
  pageValue?: (path: string) => number | undefined;
}): IntentSession {
  const views = input.events.filter((e) => e.name === 'page_view' && e.session === input.session);
  const at = new Date(input.now);
  const result: IntentSession = {
    administrative: 0,
    administrativeDuration: 0,
    informational: 0,
    informationalDuration: 0,
    productRelated: 0,
    productRelatedDuration: 0,
    month: at.getMonth() + 1,
    returning: input.returning,
    weekend: at.getDay() === 0 || at.getDay() === 6,
  };
  const values: number[] = [];
  views.forEach((view, i) => {
    const seconds = Math.max(0, ((views[i + 1]?.ts ?? input.now) - view.ts) / 1000);
    const type = view.props?.type;
    if (type === 'account') {
      result.administrative++;
      result.administrativeDuration += seconds;
    } else if (type === 'info') {
      result.informational++;
      result.informationalDuration += seconds;
    } else {
      result.productRelated++;
      result.productRelatedDuration += seconds;
    }
    const value = input.pageValue?.(String(view.props?.path ?? ''));
    if (value !== undefined) values.push(value);
  });
  if (input.pageValue) result.pageValue = values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : 0;
  return result;
}

export interface IntentSettings {
  buckets: IntentBuckets;
  /** Path glob → value of the page, from the store's analytics. */
  pageValues?: Record<string, number>;
}

/**
 * Reads the config's `intent` section. It runs in the intent chunk, when intent is
 * first needed, and in the CLI with the rest of the config.
 */
export function parseIntentConfig(raw: unknown): { settings: IntentSettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = createReport(problems);
  const settings: IntentSettings = { buckets: { ...DEFAULT_INTENT_BUCKETS } };
  const input = section(raw, 'intent', 'an object', report);
  if (!input) return { settings, problems };
  checkKeys(input, ['buckets', 'pageValues'], 'intent', report);
  const buckets = section(input.buckets, 'intent.buckets', 'an object', report);
  if (buckets) {
    checkKeys(buckets, ['very_likely', 'likely'], 'intent.buckets', report);
    const { very_likely = settings.buckets.very_likely, likely = settings.buckets.likely } = buckets;
    const share = (n: unknown): n is number => typeof n === 'number' && n >= 0 && n <= 1;
    if (share(very_likely) && share(likely) && likely <= very_likely) settings.buckets = { very_likely, likely };
    else report.error('intent.buckets', 'expected shares from 0 to 1 with likely ≤ very_likely, e.g. { "very_likely": 0.6, "likely": 0.3 }');
  }
  const values = section(input.pageValues, 'intent.pageValues', 'an object of path glob → value', report);
  if (values) {
    settings.pageValues = {};
    for (const [glob, value] of Object.entries(values)) {
      if (glob.startsWith('/') && typeof value === 'number' && value >= 0) settings.pageValues[glob] = value;
      else report.error(`intent.pageValues.${glob}`, 'expected a path glob starting with "/" and a value ≥ 0');
    }
  }
  return { settings, problems };
}

/** `intent.score` and `intent.bucket` for the live session. */
export function intentOf(input: {
  model: IntentModel;
  settings: IntentSettings;
  events: Parameters<typeof sessionForIntent>[0]['events'];
  session: string;
  now: number;
  returning: boolean;
}): { score: number; bucket: IntentBucket } {
  const { pageValues, buckets } = input.settings;
  const session = sessionForIntent({
    ...input,
    pageValue: pageValues && ((path) => pageValues[Object.keys(pageValues).find((glob) => matchGlob(glob, path)) ?? '']),
  });
  // Rounded first, so `intent.score` and `intent.bucket` never disagree at a threshold.
  const score = Math.round(scoreIntent(input.model, session) * 1000) / 1000;
  return { score, bucket: intentBucket(score, buckets) };
}
