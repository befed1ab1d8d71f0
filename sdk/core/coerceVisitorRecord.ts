import type { Landing } from './landing.js';
import { isPlainObject } from './plainData.js';
import type { VisitorRecord } from './types.js';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
// What IndexedDB gives back is a structured clone: plain objects, made in this page's realm.
const isRecord = isPlainObject;

/** A stored landing: string query values only, a string referrer. */
function coerceLanding(raw: unknown): Landing | undefined {
  if (!isRecord(raw) || !isRecord(raw.query) || typeof raw.referrer !== 'string') return undefined;
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.query)) if (typeof value === 'string') query[key] = value;
  return { query, referrer: raw.referrer };
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
  const landing = coerceLanding(session.landing);
  if (landing) record.session.landing = landing;
  const firstLanding = coerceLanding(raw.firstLanding);
  if (firstLanding) record.firstLanding = firstLanding;
  if (isFiniteNumber(raw.engagedMs) && raw.engagedMs > 0) record.engagedMs = raw.engagedMs;
  if (Array.isArray(raw.segments)) record.segments = raw.segments.filter((id): id is string => typeof id === 'string');
  return record;
}
