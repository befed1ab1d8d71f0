import { deriveBehavior, loadOf } from './deriveBehavior.js';
import { isEcommerceEvent, normalizeEcommerce } from './ecommerce.js';
import { isPlainObject, toPlainObject } from './plainData.js';
import type { BeckonEvent } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Storage key prefix of a day of history: `day:2026-11-23` (UTC days). */
export const DAY_PREFIX = 'day:';

/** How much raw history is kept before days are compacted into summaries (DESIGN §8). */
export interface HistoryLimits {
  maxAgeDays: number;
  maxEvents: number;
}
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxAgeDays: 90, maxEvents: 5000 };

/** What is kept of a day once its raw events are gone: enough for `behavior.*`, orders and event counts. */
export interface DaySummary {
  /** Events per name. */
  counts: Record<string, number>;
  pageviews: number;
  productViews: number;
  products: string[];
  categories: string[];
  /** Purchases and refunds are few and make up orders and RFM, so they are kept whole. */
  orders: BeckonEvent[];
  /**
   * The product page loads (`session#pv`) at the record's first and last events: a load
   * cut in two by the record's edge (a day's parts, midnight) is counted on both sides,
   * and the profile counts it once.
   */
  edges?: string[];
}

/** One stored day: raw events while recent, a summary once compacted (or both, mid-compaction never). */
export interface DayRecord {
  events?: BeckonEvent[];
  summary?: DaySummary;
}

export const dayKey = (ts: number): string => `${DAY_PREFIX}${new Date(ts).toISOString().slice(0, 10)}`;

/** Raw events per record: an event rewrites its record, so a busy day is split in parts to keep that cheap. */
export const PART_SIZE = 200;

/**
 * The record an event at `ts` goes to: its day (`day:2026-11-23`), or the day's next
 * part (`day:2026-11-23#1`, …) once the current one holds `PART_SIZE` events.
 */
export function recordKeyFor(days: ReadonlyMap<string, DayRecord>, ts: number): string {
  const day = dayKey(ts);
  let key = day;
  for (let part = 1; (days.get(key)?.events?.length ?? 0) >= PART_SIZE; part++) key = `${day}#${part}`;
  return key;
}

const isOrderEvent = (event: BeckonEvent) => event.name === 'purchase' || event.name === 'refund';

/** Appends an event to its day, keeping at most `maxEvents` raw events in one day. */
export function appendToDay(record: DayRecord | undefined, event: BeckonEvent, maxEvents = DEFAULT_HISTORY_LIMITS.maxEvents): DayRecord {
  const events = record?.events ?? [];
  const next = events.length >= maxEvents ? events.slice(events.length - maxEvents + 1) : events.slice();
  next.push(event);
  return { ...record, events: next };
}

const union = (a: readonly string[], b: readonly string[], max = 200) => [...new Set([...a, ...b])].slice(-max);

/** Folds a day's raw events into its summary. Idempotent: a summarized day stays as it is. */
export function summarizeDay(record: DayRecord | undefined): DayRecord {
  const events = record?.events ?? [];
  const previous = record?.summary;
  const behavior = deriveBehavior(events);
  const counts = new Map(Object.entries(previous?.counts ?? {}));
  for (const event of events) counts.set(event.name, (counts.get(event.name) ?? 0) + 1);
  return {
    summary: {
      counts: Object.fromEntries(counts),
      pageviews: (previous?.pageviews ?? 0) + behavior.pageviews,
      productViews: (previous?.productViews ?? 0) + behavior.productViews,
      products: union(previous?.products ?? [], behavior.productsViewed),
      categories: union(previous?.categories ?? [], behavior.categoriesViewed),
      orders: [...(previous?.orders ?? []), ...events.filter(isOrderEvent)],
      edges: union(previous?.edges ?? [], [events[0], events.at(-1)].flatMap((event) => (event && isProductLoad(events, loadOf(event)) ? loadOf(event) : []))),
    },
  };
}

/** Whether the events of page load `load` among `events` show a product, as deriveBehavior counts it. */
function isProductLoad(events: readonly BeckonEvent[], load: string): boolean {
  return !load.startsWith('#') && deriveBehavior(events.filter((event) => loadOf(event) === load)).productViews > 0;
}

/**
 * The days to compact: every day older than `maxAgeDays` that still has raw events,
 * then the oldest days until at most `maxEvents` raw events remain.
 */
export function daysToCompact(days: ReadonlyMap<string, DayRecord>, now: number, limits: HistoryLimits = DEFAULT_HISTORY_LIMITS): string[] {
  const oldestKept = dayKey(now - limits.maxAgeDays * DAY_MS);
  const raw = [...days].filter(([, day]) => (day.events?.length ?? 0) > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  let total = raw.reduce((sum, [, day]) => sum + (day.events?.length ?? 0), 0);
  const keys: string[] = [];
  for (const [key, day] of raw) {
    if (key >= oldestKept && total <= limits.maxEvents) break;
    keys.push(key);
    total -= day.events?.length ?? 0;
  }
  return keys;
}

function coerceEvent(raw: unknown): BeckonEvent | undefined {
  if (!isPlainObject(raw) || typeof raw.name !== 'string' || typeof raw.ts !== 'number' || !Number.isFinite(raw.ts)) return undefined;
  const props = isPlainObject(raw.props) ? raw.props : {};
  const event: BeckonEvent = {
    name: raw.name,
    ts: raw.ts,
    // Items edited by hand would break the cart; they go through the same normalisation as live events.
    props: isEcommerceEvent(raw.name) ? (normalizeEcommerce(props) as unknown as Record<string, unknown>) : toPlainObject(props),
  };
  if (typeof raw.session === 'string') event.session = raw.session;
  if (typeof raw.pv === 'number') event.pv = raw.pv;
  return event;
}

const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);

/** Reads a stored day defensively: what an older version or a hand edit left is kept where it can be, dropped where not. */
export function coerceDayRecord(raw: unknown): DayRecord | undefined {
  if (!isPlainObject(raw)) return undefined;
  const record: DayRecord = {};
  if (Array.isArray(raw.events)) record.events = raw.events.flatMap((e) => coerceEvent(e) ?? []);
  if (isPlainObject(raw.summary)) {
    const s = raw.summary;
    const counts: Record<string, number> = {};
    if (isPlainObject(s.counts)) for (const [name, n] of Object.entries(s.counts)) if (count(n) > 0) counts[name] = count(n);
    record.summary = {
      counts,
      pageviews: count(s.pageviews),
      productViews: count(s.productViews),
      products: strings(s.products),
      categories: strings(s.categories),
      orders: Array.isArray(s.orders) ? s.orders.flatMap((e) => coerceEvent(e) ?? []) : [],
      edges: strings(s.edges),
    };
  }
  return record.events || record.summary ? record : undefined;
}

/** The history as the profile reads it: raw events (with kept orders) oldest first, and the summaries. */
export function flattenHistory(days: ReadonlyMap<string, DayRecord>): { events: BeckonEvent[]; summaries: (DaySummary & { day: string })[] } {
  const events: BeckonEvent[] = [];
  const summaries: (DaySummary & { day: string })[] = [];
  for (const [key, day] of days) {
    if (day.events) events.push(...day.events);
    if (day.summary) {
      summaries.push({ ...day.summary, day: key.slice(DAY_PREFIX.length, DAY_PREFIX.length + 10) });
      events.push(...day.summary.orders);
    }
  }
  events.sort((a, b) => a.ts - b.ts);
  return { events, summaries };
}
