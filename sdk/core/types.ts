import type { Traffic } from './classifyTraffic.js';
import type { Behavior } from './deriveBehavior.js';
import type { Landing } from './landing.js';
import type { Device } from './readDevice.js';
import type { Geo } from './readGeo.js';
import type { TimeOfDay } from './readTime.js';
import type { FunnelStage } from './funnelStage.js';
import type { Rfm } from './rfmScore.js';
import type { IntentBucket } from './intent.js';
import type { Cart, Orders } from './deriveCommerce.js';

/** An event as it is stored in the visitor's local history. */
export interface BeckonEvent {
  name: string;
  /** Epoch milliseconds. */
  ts: number;
  props?: Record<string, unknown>;
  /** Id of the session the event happened in. */
  session?: string;
  /** Which page view of the session it happened on, so events of one page load group together. */
  pv?: number;
}

export interface SessionRecord {
  id: string;
  /** Epoch ms of the first hit of the session. */
  start: number;
  /** Epoch ms of the latest hit of the session. */
  last: number;
  pageviews: number;
  landingPage: string;
  /** How the session arrived, set by its landing hit. */
  landing?: Landing;
}

/** What we keep about one visitor between page loads. */
export interface VisitorRecord {
  /** Schema version of this record. */
  v: 1;
  id: string;
  firstSeen: number;
  sessions: number;
  session: SessionRecord;
  /** How the visitor's first session arrived. */
  firstLanding?: Landing;
  /** Engaged time (page visible, visitor not idle) over all stored history, in ms. */
  engagedMs?: number;
  /** The segments the visitor was last found in, so entering and leaving is told across page loads. */
  segments?: string[];
  traits: Record<string, unknown>;
}

/** The current page, as read by the tracking layer. */
export interface PageInfo {
  url: string;
  path: string;
  title: string;
  query: Record<string, string>;
  /** `home`, `category`, `product`, `cart`, `checkout`, `account`, `info` or `other`. */
  type?: string;
  product?: PageProduct | null;
}

/** The product a page shows (DESIGN §3 `page.product`); `id` from `sku` / `item_id`. */
export interface PageProduct {
  id: string;
  name: string;
  price: number | null;
  currency: string;
  category: string;
  brand: string;
}


export interface Profile {
  visitor: {
    id: string;
    firstSeen: number;
    sessions: number;
    isNew: boolean;
    isReturning: boolean;
    daysSinceFirstVisit: number;
  };
  session: {
    pageviews: number;
    /** Seconds since the session started. */
    duration: number;
    landingPage: string;
    isFirst: boolean;
  };
  page: PageInfo;
  /** Present once the channel tables are loaded: when a condition reads `traffic.*`/`firstTouch.*`, or `profile()` is asked. */
  traffic?: Traffic;
  firstTouch?: Traffic;
  device?: Device;
  /** Present once the geo tables are loaded: when a condition reads `geo.*`, or `profile()` is asked. */
  geo?: Geo;
  time?: TimeOfDay;
  /** Present once the signals chunk is loaded: when a condition reads `rfm.*`, or `profile()` is asked. */
  rfm?: Rfm;
  /** Present once the signals chunk is loaded: when a condition reads `funnel.*`, or `profile()` is asked. */
  funnel?: { stage: FunnelStage };
  /** Present once the intent chunk is loaded: when a condition reads `intent.*`, or `profile()` is asked. */
  intent?: { score: number; bucket: IntentBucket };
  /** Present once the signals chunk has loaded (when a condition reads it, and always for profile()). */
  behavior?: Behavior;
  /** What this visitor has seen of each campaign, once the config's campaigns run. */
  campaigns?: Record<string, { impressions: number; dismissedAt: number | null; convertedAt: number | null }>;
  /** Quiz answers, `answers.<quizId>.<questionId>` (arrays for multiple choice), once the config's campaigns run. */
  answers?: Record<string, Record<string, string | string[] | number>>;
  cart: Cart;
  orders: Orders;
  traits: Record<string, unknown>;
  segments: string[];
}

export interface Problem {
  /** JSON path of the offending value, e.g. `segments[2].when`. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}
