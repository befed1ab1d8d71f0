/** An event as it is stored in the visitor's local history. */
export interface BeckonEvent {
  name: string;
  /** Epoch milliseconds. */
  ts: number;
  props?: Record<string, unknown>;
  /** Id of the session the event happened in. */
  session?: string;
}

export interface SessionRecord {
  id: string;
  /** Epoch ms of the first hit of the session. */
  start: number;
  /** Epoch ms of the latest hit of the session. */
  last: number;
  pageviews: number;
  landingPage: string;
}

/** What we keep about one visitor between page loads. */
export interface VisitorRecord {
  /** Schema version of this record. */
  v: 1;
  id: string;
  firstSeen: number;
  sessions: number;
  session: SessionRecord;
  traits: Record<string, unknown>;
}

/** The current page, as read by the tracking layer. */
export interface PageInfo {
  url: string;
  path: string;
  title: string;
  query: Record<string, string>;
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
  traits: Record<string, unknown>;
  segments: string[];
}

export interface Problem {
  /** JSON path of the offending value, e.g. `segments[2].when`. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}
