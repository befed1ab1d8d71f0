import type { Traffic } from './classifyTraffic.js';
import type { VisitorRecord } from './types.js';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TRAFFIC_FIELDS = ['channel', 'source', 'medium', 'campaign', 'term', 'content', 'referrer', 'clickId'] as const;

/** A stored traffic source, when every field is text. */
function coerceTraffic(raw: unknown): Traffic | undefined {
  if (!isRecord(raw) || !TRAFFIC_FIELDS.every((field) => typeof raw[field] === 'string')) return undefined;
  return Object.fromEntries(TRAFFIC_FIELDS.map((field) => [field, raw[field]])) as unknown as Traffic;
}

/**
 * Checks a visitor record read from storage. Anything that is not a record this
 * version wrote (hand-edited, truncated, another schema) yields `undefined`, so the
 * caller starts a fresh visitor instead of evaluating garbage.
 */
export function coerceVisitorRecord(raw: unknown): VisitorRecord | undefined {
  if (!isRecord(raw) || raw.v !== 1 || typeof raw.id !== 'string' || raw.id === '') return undefined;
  const { session } = raw;
  if (!isFiniteNumber(raw.firstSeen) || !isFiniteNumber(raw.sessions) || !isRecord(session)) return undefined;
  if (typeof session.id !== 'string' || !isFiniteNumber(session.start) || !isFiniteNumber(session.last)) return undefined;
  if (!isFiniteNumber(session.pageviews) || typeof session.landingPage !== 'string') return undefined;
  const record: VisitorRecord = {
    v: 1,
    id: raw.id,
    firstSeen: raw.firstSeen,
    sessions: Math.max(1, Math.floor(raw.sessions)),
    session: {
      id: session.id,
      start: session.start,
      last: session.last,
      pageviews: Math.max(0, Math.floor(session.pageviews)),
      landingPage: session.landingPage,
    },
    traits: isRecord(raw.traits) ? { ...raw.traits } : {},
  };
  const traffic = coerceTraffic(session.traffic);
  if (traffic) record.session.traffic = traffic;
  const firstTouch = coerceTraffic(raw.firstTouch);
  if (firstTouch) record.firstTouch = firstTouch;
  return record;
}
