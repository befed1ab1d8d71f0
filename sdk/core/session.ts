import { isCampaign, sameCampaign, type Landing } from './landing.js';
import type { SessionRecord, VisitorRecord } from './types.js';

/** A session ends after this much inactivity (GA4's default). */
export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;

/** Something the visitor did on a page: an event, a page view, a trait. */
export interface Hit {
  now: number;
  /** Path of the current page: the landing page when the hit starts a session. */
  path: string;
  /** Whether the hit is a page view, which counts in `session.pageviews`. */
  pageview: boolean;
  /** Makes ids for a new visitor or session. */
  newId: () => string;
  /** How the page load arrived, on its first page view; a different campaign starts a new session. */
  landing?: Landing;
}

function startSession(hit: Hit): SessionRecord {
  const session: SessionRecord = { id: hit.newId(), start: hit.now, last: hit.now, pageviews: 0, landingPage: hit.path };
  if (hit.landing) session.landing = hit.landing;
  return session;
}


/**
 * Applies one hit to the stored visitor: the first hit creates the visitor, a hit
 * after 30 minutes of inactivity or from a different campaign starts a new session
 * (as GA4 does), a page view is counted. Pure, so it runs inside one storage
 * transaction and two tabs never lose each other's hits.
 */
export function touchSession(previous: VisitorRecord | undefined, hit: Hit): VisitorRecord {
  let visitor: VisitorRecord;
  // A session whose source is not known yet adopts the hit's source rather than ending.
  const current = previous?.session.landing;
  const newCampaign = hit.landing !== undefined && isCampaign(hit.landing) && current !== undefined && !sameCampaign(current, hit.landing);
  if (!previous) {
    visitor = { v: 1, id: hit.newId(), firstSeen: hit.now, sessions: 1, session: startSession(hit), traits: {} };
    if (hit.landing) visitor.firstLanding = hit.landing;
  } else if (hit.now - previous.session.last > SESSION_TIMEOUT_MS || newCampaign) {
    visitor = { ...previous, sessions: previous.sessions + 1, session: startSession(hit) };
  } else {
    // A clock that jumped backwards neither ends the session nor moves `last` back.
    visitor = { ...previous, session: { ...previous.session, last: Math.max(previous.session.last, hit.now) } };
  }
  // A queued event can start the session before the page view that knows its source.
  if (hit.landing && !visitor.session.landing) {
    visitor.session = { ...visitor.session, landing: hit.landing };
    if (!visitor.firstLanding && visitor.sessions === 1) visitor.firstLanding = hit.landing;
  }
  if (hit.pageview) visitor.session = { ...visitor.session, pageviews: visitor.session.pageviews + 1 };
  return visitor;
}

/** Merges traits into the stored visitor; `undefined` removes a trait. */
export function mergeTraits(previous: VisitorRecord, traits: Record<string, unknown>): VisitorRecord {
  const next: Record<string, unknown> = { ...previous.traits };
  for (const key of Object.keys(traits)) {
    if (isUnsafeKey(key)) continue;
    const value = traits[key];
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return { ...previous, traits: next };
}

/** Adds engaged time measured on a page to the visitor's total. */
export function addEngagedTime(previous: VisitorRecord, ms: number): VisitorRecord {
  return ms > 0 ? { ...previous, engagedMs: (previous.engagedMs ?? 0) + ms } : previous;
}

/** Keys that would reach an object's prototype when used in a plain object. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
