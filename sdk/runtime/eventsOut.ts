import { describe } from '../core/index.js';
import type { KeyValueStore } from '../storage/index.js';
import type { EventTap } from './emitter.js';
import { createOutbox, cutByBytes, discard, enqueueAll, utf8Bytes, type OutboxItem } from './outbox.js';

/** The events DESIGN §7 sends on; `track` and the SDK's other internal events stay in the page. */
export const OUTGOING_EVENTS = ['impression', 'holdout', 'dismiss', 'click', 'submit', 'conversion', 'segment_enter', 'segment_exit', 'quiz_answer', 'quiz_complete', 'error'];

/** How long events of one burst wait to go out together in one request. */
const BATCH_MS = 1000;
/** dataLayer entries kept while consent is pending, the latest. */
const MAX_HELD = 200;

export interface EventsOutHost {
  win: Window & { dataLayer?: unknown };
  storage: KeyValueStore;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  newId: () => string;
  warn: (message: string) => void;
  /** False while consent is pending or denied: events wait in memory, nothing leaves the page. */
  allowed: () => boolean;
  /** `init`'s options, as given. */
  endpoint?: unknown;
  dataLayer?: unknown;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A GA4-friendly copy of an event for `window.dataLayer`: `event: 'beckon_<name>'`, the
 * payload's plain values as flat snake_case parameters (`campaign_id`, `variant_id`,
 * `segment_id`, `quiz_id`…), `segment_ids` as one comma-separated string, and the whole
 * payload under `beckon`. `_clear` tells Google Tag Manager to set `beckon` as it is
 * rather than merge it into the last event's: GTM merges arrays item by item, so an
 * impression's `segments` would otherwise keep segments the visitor has left.
 */
export function dataLayerEntry(name: string, payload: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = { event: `beckon_${name}`, _clear: true };
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'segments' && Array.isArray(value)) entry.segment_ids = value.join(',');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') entry[snake(key)] = value;
  }
  entry.beckon = structuredClone(payload);
  return entry;
}

/** The endpoint as a URL fetch can use (http(s), or a path on this site), or why not. */
function endpointOf(raw: unknown, base: string): { url?: string; error?: string } {
  if (typeof raw !== 'string' || raw.trim() === '') return { error: `expected a URL, got ${describe(raw)}` };
  try {
    const url = new URL(raw, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? { url: url.href } : { error: `"${raw}" is not an http(s) URL` };
  } catch {
    return { error: `"${raw}" is not a URL` };
  }
}

/** The emitter's tap, and a way to send what waits once consent allows it. */
export type EventsOut = EventTap & { flush(): void };

/**
 * Sends the events of DESIGN §7 on: pushed to `window.dataLayer` (with `dataLayer: true`)
 * and, with an `endpoint`, kept in the outbox in storage the moment they happen and sent
 * as JSON lines, each with its id: a burst goes out together a second later through
 * `fetch` with `keepalive`, and what is still waiting when the page is hidden or left
 * goes by `sendBeacon`. What cannot go now (offline, the endpoint down, consent not yet
 * given) waits in the outbox for a later page or the `online` event. Returns the
 * emitter's tap, or undefined when there is nothing to send to.
 */
export function createEventsOut(host: EventsOutHost): EventsOut | undefined {
  const { win } = host;
  let url: string | undefined;
  if (host.endpoint !== undefined) {
    const checked = endpointOf(host.endpoint, win.location.href);
    if (checked.error) host.warn(`init: endpoint: ${checked.error}; events are not sent.`);
    url = checked.url;
  }
  if (host.dataLayer !== undefined && typeof host.dataLayer !== 'boolean') host.warn(`init: dataLayer: expected true or false, got ${describe(host.dataLayer)}; ignored.`);
  const toDataLayer = host.dataLayer === true;
  if (!url && !toDataLayer) return undefined;

  /** Lines kept but not yet claimed by a flush: what a beacon carries when the page goes. */
  let unsent: { id: string; line: string }[] = [];
  const outbox = url ? createOutbox({ ...host, claimed: (ids) => (unsent = unsent.filter((item) => !ids.has(item.id))) }) : undefined;
  let timer: number | undefined;
  /** Events of this moment, on their way to the outbox together. */
  const keeping: Pick<OutboxItem, 'id' | 'url' | 'body'>[] = [];

  // GTM merges every push into what the earlier ones left (its data model, objects key by
  // key): a key one event lacks would keep the last event's value there, such as a
  // holdout's variant_id or a segment_enter's campaign_id. Each push clears the keys
  // earlier pushes set, at the top and under `beckon`.
  const pushed = new Set<string>();
  const pushedUnder = new Set<string>();
  const clearing = (entry: Record<string, unknown>) => {
    const beckon = entry.beckon as Record<string, unknown>;
    for (const [keys, into] of [[pushed, entry], [pushedUnder, beckon]] as const) {
      for (const key of keys) if (!(key in into)) into[key] = undefined;
      for (const key of Object.keys(into)) keys.add(key);
    }
    return entry;
  };

  // A push reaches the store's tags, which may send it on: before consent, events wait
  // here (the latest MAX_HELD), pushed in order once it is given on this page.
  let held: [string, Record<string, unknown>][] = [];
  const pushHeld = () => {
    if (!host.allowed()) return void (held = held.slice(-MAX_HELD));
    for (const [name, payload] of held.splice(0)) {
      try {
        if (win.dataLayer === undefined) win.dataLayer = [];
        (win.dataLayer as unknown[]).push(clearing(dataLayerEntry(name, payload)));
      } catch (error) {
        host.warn(`the ${name} event could not be pushed to dataLayer: ${String(error)}`);
      }
    }
  };

  const flush = () => {
    pushHeld();
    win.clearTimeout(timer);
    timer = undefined;
    void outbox?.flush();
  };

  const leave = (event?: Event) => {
    if (!url || unsent.length === 0 || !host.allowed()) return;
    win.clearTimeout(timer);
    timer = undefined;
    // In beacons under the browsers' keepalive quota, until one is refused (the quota is
    // shared, ~64 KiB in flight): what did not go waits in the outbox, and in `unsent`.
    let sent = 0;
    for (const piece of cutByBytes(unsent, (item) => utf8Bytes(item.line))) {
      try {
        if (!win.navigator.sendBeacon(url, piece.map((item) => item.line).join(''))) break;
      } catch {
        // A browser without sendBeacon: the outbox sends them from the next page.
        break;
      }
      sent += piece.length;
    }
    const batch = unsent.slice(0, sent);
    unsent = unsent.slice(sent);
    if (unsent.length > 0) timer = win.setTimeout(flush, BATCH_MS);
    // Out of the outbox, if the page lives long enough; otherwise the next page sends
    // them again, and the endpoint drops the ids it has seen. They stay when the endpoint
    // is failing: nobody sees a beacon's answer, and a refused one would be lost. A page
    // going into the back/forward cache leaves them there too: a write still open as it
    // is frozen holds up the next page's, and Chromium evicts the cached page for it
    // (IgnoreEventAndEvict). Offline, sendBeacon still says it queued them (the Beacon spec),
    // and the request then fails unseen.
    if (sent === 0 || win.navigator.onLine === false || outbox?.failing() || (event as PageTransitionEvent | undefined)?.persisted) return;
    discard(host.storage, new Set(batch.map((item) => item.id))).catch(() => undefined);
  };

  if (outbox) {
    win.addEventListener('pagehide', leave);
    win.document.addEventListener('visibilitychange', () => {
      if (win.document.visibilityState === 'hidden') leave();
    });
    win.addEventListener('online', flush);
    // What earlier pages left waiting.
    flush();
  }

  const tap: EventTap = (name, payload) => {
    if (!OUTGOING_EVENTS.includes(name)) return;
    if (toDataLayer) {
      held.push([name, payload]);
      pushHeld();
    }
    try {
      if (!url) return;
      const id = host.newId();
      const body = { event: name, ...payload };
      unsent.push({ id, line: `${JSON.stringify({ ...body, id })}\n` });
      // The events of one moment (a hundred segments entered at once) are kept in one
      // storage write: one each took about 10 ms, and a visitor leaving lost the rest.
      // (Not push's answer: a store may have broken Array.prototype.push's return value.)
      keeping.push({ id, url, body });
      if (keeping.length === 1) {
        queueMicrotask(() => {
          const items = keeping.splice(0);
          void enqueueAll(host.storage, items).then((dropped) => {
            // Said once a page (the logger says each message once).
            if (dropped) host.warn('the oldest events waiting for the endpoint were dropped: at most 200 wait while it does not take them (form submissions are all kept).');
            timer ??= win.setTimeout(flush, BATCH_MS);
          }, () => undefined);
        });
      }
    } catch (error) {
      host.warn(`the ${name} event could not be sent on: ${String(error)}`);
    }
  };
  return Object.assign(tap, { flush });
}
