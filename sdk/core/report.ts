import { parseAmount } from './ecommerce.js';

/** The variant name of a campaign's control group: holdout visitors are assigned but shown nothing (DESIGN §5). */
export const HOLDOUT_ROW = '(holdout)';
/** The segment name of exposures made while the visitor was in no segment (`--by segment`). */
export const NO_SEGMENT = '(none)';

/** z for a two-sided 95% interval. */
const Z95 = 1.96;

/**
 * A variant's conversion rate against its campaign's holdout. `difference`, `low` and
 * `high` are proportions (0.05 is 5 percentage points); `relative` is p1/p2 − 1, or null
 * when the holdout never converted.
 */
export interface Lift {
  difference: number;
  low: number;
  high: number;
  relative: number | null;
}

/** Revenue in one currency; `currency` is null for conversion values that came without one. */
export interface Revenue {
  currency: string | null;
  value: number;
}

export interface ReportRow {
  campaignId: string;
  /** Only in a report by segment: a segment the visitor was in when exposed, or NO_SEGMENT. */
  segment?: string;
  /** A variant id, or HOLDOUT_ROW for the control group. */
  variantId: string;
  /** Distinct visitors exposed: shown the variant, or assigned to the holdout. */
  visitors: number;
  impressions: number;
  clicks: number;
  /** clicks / impressions; null without impressions. */
  ctr: number | null;
  /** Distinct exposed visitors with a conversion attributed to this row. */
  conversions: number;
  /** conversions / visitors; null without visitors. */
  conversionRate: number | null;
  /** One entry per currency, sorted; never summed across currencies. */
  revenue: Revenue[];
  /** Against the holdout row of the same campaign (and segment); null for the holdout itself or without holdout visitors. */
  lift: Lift | null;
}

export interface Report {
  rows: ReportRow[];
  /** Distinct Beckon events read (lines with an `event` name), repeats not counted. */
  events: number;
  /** Lines whose idempotency `id` had already been read: an endpoint may receive a message twice. */
  repeats: number;
  /** Lines that are not JSON; they are skipped. */
  unparsable: number;
  /** 1-based number of the first unparsable line, when there is one. */
  firstUnparsableLine: number | null;
  /**
   * Conversions whose visitor has no exposure to that campaign and variant in the log
   * (a log that starts after the exposure, or an event without a visitor id). They are
   * left out: without the exposure there is no denominator and no segment to put them in.
   */
  unattributedConversions: number;
}

export interface ReportOptions {
  /** Split each campaign × variant row by the segments the visitor was in at exposure. */
  bySegment?: boolean;
}

/** The fields of a collected event the report reads; everything else is ignored. */
interface CampaignEvent {
  name: 'impression' | 'holdout' | 'click' | 'conversion';
  campaignId: string;
  variant: string;
  visitorId: string | undefined;
  segments: string[];
  value: number | undefined;
  currency: string | null;
}

interface Tally {
  campaignId: string;
  segment: string | undefined;
  variantId: string;
  visitors: Set<string>;
  impressions: number;
  clicks: number;
  converters: Set<string>;
  revenue: Map<string | null, number>;
}

/** The events a row counts; dismiss, submit, segment and quiz events do not enter the report. */
const REPORTED: Record<CampaignEvent['name'], true> = { impression: true, holdout: true, click: true, conversion: true };

/** Wilson's 95% score interval for a proportion of `n` (inside [0, 1], never zero-wide). */
function wilson(x: number, n: number): [number, number] {
  const p = x / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of two independent
 * proportions, d = p1 − p2, from each one's Wilson interval. Unlike the Wald interval it
 * stays inside [−1, 1] and is not zero-wide when a rate is 0 or 1, which small samples
 * (the first days of a test) give often. Null when either group is empty.
 */
export function liftOver(treated: { conversions: number; visitors: number }, control: { conversions: number; visitors: number }): Lift | null {
  if (treated.visitors <= 0 || control.visitors <= 0) return null;
  const p1 = treated.conversions / treated.visitors;
  const p2 = control.conversions / control.visitors;
  const [l1, u1] = wilson(treated.conversions, treated.visitors);
  const [l2, u2] = wilson(control.conversions, control.visitors);
  const difference = p1 - p2;
  return {
    difference,
    low: difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    high: difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    relative: p2 > 0 ? p1 / p2 - 1 : null,
  };
}

/** The part of a parsed line the report uses, or undefined for anything else (other events, form submissions, malformed events). */
function readEvent(line: Record<string, unknown>): CampaignEvent | undefined {
  const name = line.event;
  if (typeof name !== 'string' || !Object.hasOwn(REPORTED, name) || typeof line.campaignId !== 'string') return undefined;
  // The runner sends a holdout visitor's events without a variantId (or with null) and
  // with `holdout: true`; a control conversion is told apart the same way.
  const control = name === 'holdout' || line.holdout === true || line.variantId === null || line.variantId === undefined;
  if (!control && typeof line.variantId !== 'string') return undefined;
  const segments = Array.isArray(line.segments) ? [...new Set(line.segments.filter((s): s is string => typeof s === 'string'))] : [];
  return {
    name: name as CampaignEvent['name'],
    campaignId: line.campaignId,
    variant: control ? HOLDOUT_ROW : (line.variantId as string),
    visitorId: typeof line.visitorId === 'string' && line.visitorId !== '' ? line.visitorId : undefined,
    segments,
    value: typeof line.value === 'number' ? (Number.isFinite(line.value) ? line.value : undefined) : parseAmount(line.value),
    currency: typeof line.currency === 'string' && line.currency !== '' ? line.currency.toUpperCase() : null,
  };
}

/** Sorts names with the placeholder rows ("(holdout)", "(none)") after the real ones. */
function compareNames(a: string | undefined, b: string | undefined, last: string): number {
  if (a === b) return 0;
  if (a === last) return 1;
  if (b === last) return -1;
  return (a ?? '') < (b ?? '') ? -1 : 1;
}

/** Sums of floats such as 19.99 + 5.01 are rounded to a millionth so a total reads as the amounts added. */
const roundAmount = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Campaign results from a JSON-lines event log as an endpoint receives it (DESIGN §7):
 * per campaign × variant, with the holdout as its own row and each variant's lift over
 * it. Lines without an `event` name (form submissions), blank lines and lines that are not
 * JSON are skipped; a line whose `id` was already read counts once.
 *
 * By segment, visitors and conversions count under every segment the visitor was in at
 * any exposure to that variant, while impressions and clicks count under the segments
 * their own event carries.
 */
export function buildReport(text: string, options: ReportOptions = {}): Report {
  const seen = new Set<string>();
  const events: CampaignEvent[] = [];
  let count = 0;
  let repeats = 0;
  let unparsable = 0;
  let firstUnparsableLine: number | null = null;

  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      unparsable++;
      firstUnparsableLine ??= index + 1;
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    const record = parsed as Record<string, unknown>;
    if (typeof record.event !== 'string') return;
    if (typeof record.id === 'string' && record.id !== '') {
      if (seen.has(record.id)) {
        repeats++;
        return;
      }
      seen.add(record.id);
    }
    count++;
    const event = readEvent(record);
    if (event) events.push(event);
  });

  const tallies = new Map<string, Tally>();
  const tallyFor = (campaignId: string, variantId: string, segment: string | undefined): Tally => {
    const key = JSON.stringify([campaignId, variantId, segment ?? null]);
    let tally = tallies.get(key);
    if (!tally) {
      tally = { campaignId, segment, variantId, visitors: new Set(), impressions: 0, clicks: 0, converters: new Set(), revenue: new Map() };
      tallies.set(key, tally);
    }
    return tally;
  };
  const segmentsOf = (segments: Iterable<string>): (string | undefined)[] => {
    if (!options.bySegment) return [undefined];
    const list = [...segments];
    return list.length > 0 ? list : [NO_SEGMENT];
  };

  // Exposures first: a conversion can reach the log before the impression it follows
  // (separate batches, retries), and it counts only for a visitor exposed to that row.
  const exposedIn = new Map<string, Set<string>>();
  const exposureKey = (event: CampaignEvent) => JSON.stringify([event.campaignId, event.variant, event.visitorId]);
  for (const event of events) {
    if (event.name === 'conversion') continue;
    for (const segment of segmentsOf(event.segments)) {
      const tally = tallyFor(event.campaignId, event.variant, segment);
      if (event.name === 'click') tally.clicks++;
      else {
        if (event.name === 'impression') tally.impressions++;
        if (event.visitorId !== undefined) tally.visitors.add(event.visitorId);
      }
    }
    if (event.name !== 'click' && event.visitorId !== undefined) {
      const key = exposureKey(event);
      const segments = exposedIn.get(key) ?? new Set<string>();
      event.segments.forEach((segment) => segments.add(segment));
      exposedIn.set(key, segments);
    }
  }

  let unattributedConversions = 0;
  for (const event of events) {
    if (event.name !== 'conversion') continue;
    const segments = event.visitorId === undefined ? undefined : exposedIn.get(exposureKey(event));
    if (!segments) {
      unattributedConversions++;
      continue;
    }
    for (const segment of segmentsOf(segments)) {
      const tally = tallyFor(event.campaignId, event.variant, segment);
      tally.converters.add(event.visitorId as string);
      if (event.value !== undefined) tally.revenue.set(event.currency, (tally.revenue.get(event.currency) ?? 0) + event.value);
    }
  }

  const ordered = [...tallies.values()].sort(
    (a, b) =>
      compareNames(a.campaignId, b.campaignId, '') ||
      compareNames(a.segment, b.segment, NO_SEGMENT) ||
      compareNames(a.variantId, b.variantId, HOLDOUT_ROW),
  );
  const rows = ordered.map((tally): ReportRow => {
    const visitors = tally.visitors.size;
    const conversions = tally.converters.size;
    const control = tally.variantId === HOLDOUT_ROW ? undefined : tallies.get(JSON.stringify([tally.campaignId, HOLDOUT_ROW, tally.segment ?? null]));
    return {
      campaignId: tally.campaignId,
      ...(options.bySegment && { segment: tally.segment }),
      variantId: tally.variantId,
      visitors,
      impressions: tally.impressions,
      clicks: tally.clicks,
      ctr: tally.impressions > 0 ? tally.clicks / tally.impressions : null,
      conversions,
      conversionRate: visitors > 0 ? conversions / visitors : null,
      revenue: [...tally.revenue]
        .map(([currency, value]) => ({ currency, value: roundAmount(value) }))
        .sort((a, b) => compareNames(a.currency ?? undefined, b.currency ?? undefined, '')),
      lift: control ? liftOver({ conversions, visitors }, { conversions: control.converters.size, visitors: control.visitors.size }) : null,
    };
  });

  return { rows, events: count, repeats, unparsable, firstUnparsableLine, unattributedConversions };
}
