import type { Traffic } from './classifyTraffic.js';
import type { deriveBehavior, PageEngagement } from './deriveBehavior.js';
import { deriveCart, deriveOrders } from './deriveCommerce.js';
import type { DaySummary } from './history.js';
import type { Landing } from './landing.js';
import type { Device } from './readDevice.js';
import type { Geo } from './readGeo.js';
import type { TimeOfDay } from './readTime.js';
import type { BeckonEvent, PageInfo, Profile, VisitorRecord } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ProfileInputs {
  visitor: VisitorRecord;
  page: PageInfo;
  now: number;
  /** The stored event history, oldest first. */
  events?: readonly BeckonEvent[];
  /** Summaries of the days whose raw events were compacted. */
  summaries?: readonly DaySummary[];
  /** The store's currency (`site.currency`), for a cart that has not named one. */
  currency?: string;
  device?: Device;
  geo?: Geo;
  time?: TimeOfDay;
  /** Derives `behavior.*` from the history (the signals chunk); without it, behavior is absent. */
  deriveBehavior?: typeof deriveBehavior;
  /** Derives `traffic.*` from a recorded landing (the signals chunk); without it, traffic is absent. */
  classifyLanding?: (landing: Landing) => Traffic;
  /** Live measures of the current page; `pendingEngagedMs` is its engaged time not yet stored. */
  engagement?: Omit<PageEngagement, 'engagedMs'> & { pendingEngagedMs: number };
  segments?: string[];
}

/** Builds the profile every condition is evaluated against (DESIGN §3). */
export function deriveProfile(inputs: ProfileInputs): Profile {
  const { visitor, page, now, events = [], summaries = [], currency = '', segments = [], device, geo, time, engagement, classifyLanding } = inputs;
  const { session } = visitor;
  const profile: Profile = {
    visitor: {
      id: visitor.id,
      firstSeen: visitor.firstSeen,
      sessions: visitor.sessions,
      isNew: visitor.sessions === 1,
      isReturning: visitor.sessions > 1,
      daysSinceFirstVisit: Math.max(0, Math.floor((now - visitor.firstSeen) / DAY_MS)),
    },
    session: {
      pageviews: session.pageviews,
      duration: Math.max(0, Math.round((now - session.start) / 1000)),
      landingPage: session.landingPage,
      isFirst: visitor.sessions === 1,
    },
    page,
    cart: deriveCart(events, currency),
    orders: deriveOrders(events, now),
    traits: { ...visitor.traits },
    segments: [...segments],
  };
  if (inputs.deriveBehavior) {
    profile.behavior = inputs.deriveBehavior(events, summaries, {
      scrollDepth: engagement?.scrollDepth ?? 0,
      timeOnPageMs: engagement?.timeOnPageMs ?? 0,
      engagedMs: (visitor.engagedMs ?? 0) + (engagement?.pendingEngagedMs ?? 0),
    });
  }
  if (device) profile.device = device;
  if (geo) profile.geo = geo;
  if (time) profile.time = time;
  if (classifyLanding) {
    const direct = { query: {}, referrer: '' };
    profile.traffic = classifyLanding(session.landing ?? direct);
    profile.firstTouch = classifyLanding(visitor.firstLanding ?? session.landing ?? direct);
  }
  return profile;
}
