import type { KeyValueStore } from '../storage/index.js';

/** A message waiting for its endpoint. `id` is its idempotency key: the endpoint sees it on every retry. */
export interface OutboxItem {
  id: string;
  url: string;
  body: Record<string, unknown>;
  tries: number;
  /** Epoch ms before which nobody sends it: a retry's backoff, or another tab's claim on it. */
  next: number;
}

export interface Outbox {
  /** Stores the message, then tries to deliver it. Never rejects. */
  send(url: string, body: Record<string, unknown>): Promise<void>;
  /** Delivers whatever is due: on load, and when the browser comes back online. Never rejects. */
  flush(): Promise<void>;
}

/** The outbox itself, which also knows how its last delivery went. */
export interface OwnOutbox extends Outbox {
  /**
   * True while a message waits for a retry: the endpoint answered with an error or could
   * not be reached. A beacon to it then may be refused unseen, so the outbox keeps a copy.
   */
  failing(): boolean;
}

export interface OutboxDeps {
  storage: KeyValueStore;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  newId: () => string;
  /** The page, for the three below when they are not given. */
  win?: Pick<Window, 'setTimeout' | 'location' | 'navigator'>;
  /** Default: the page's `setTimeout`. */
  setTimer?: (run: () => void, ms: number) => void;
  /** The page's origin: an endpoint elsewhere is sent to without reading its answer (no CORS needed). */
  origin?: string;
  /** False while the browser is offline: nothing is sent, and the `online` event flushes. Default: the page's `navigator.onLine`. */
  online?: () => boolean;
  /** False while consent is pending or denied: nothing is sent. Default: always allowed. */
  allowed?: () => boolean;
  /** Told the ids a pass has claimed, before it sends them. */
  claimed?: (ids: Set<string>) => void;
}

const KEY = 'outbox';
/** A tab that claimed a message has this long to deliver it before another may try. */
const CLAIM_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const MAX_ITEMS = 200;
/** A request's body at most: in-flight keepalive requests and beacons share ~64 KiB. */
const MAX_BATCH_BYTES = 48 * 1024;
/** The quota counts bytes on the wire: text in other scripts takes 2 to 3 bytes a character. */
export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Cuts `items`, in order, into runs of at most MAX_BATCH_BYTES (an item bigger than that alone). */
export function cutByBytes<T>(items: readonly T[], bytesOf: (item: T) => number): T[][] {
  const runs: T[][] = [];
  let bytes = MAX_BATCH_BYTES;
  for (const item of items) {
    const size = bytesOf(item);
    if (bytes + size > MAX_BATCH_BYTES) {
      runs.push([]);
      bytes = 0;
    }
    runs.at(-1)!.push(item);
    bytes += size;
  }
  return runs;
}
/** A request that has not answered by then is given up (and retried), so one stuck endpoint cannot stall the tab. */
const SEND_TIMEOUT_MS = 10_000;

const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : 0);

/**
 * The stored messages, each read defensively: a record another version (or a bug) wrote
 * must not stop the rest, and a message whose try count or time is missing is due now.
 */
const itemsOf = (value: unknown): OutboxItem[] =>
  (Array.isArray(value) ? value : []).flatMap((item) =>
    typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.url === 'string' && typeof item.body === 'object' && item.body !== null
      ? [{ ...item, tries: count(item.tries), next: count(item.next) }]
      : [],
  );

/**
 * Keeps a message for its endpoint, to be sent by the next flush (of this page or a later
 * one). Needs only storage, so a page can keep a message before the outbox chunk loads.
 */
export function enqueue(storage: KeyValueStore, id: string, url: string, body: Record<string, unknown>): Promise<number> {
  return enqueueAll(storage, [{ id, url, body }]);
}

/**
 * Keeps several messages in one storage write: a burst of events, as they happen. Past
 * MAX_ITEMS waiting (an endpoint down through a long visit), the oldest events make room;
 * a form's submission is never dropped for them. Resolves to the number dropped.
 */
export async function enqueueAll(storage: KeyValueStore, messages: Pick<OutboxItem, 'id' | 'url' | 'body'>[]): Promise<number> {
  const items = messages.map((message): OutboxItem => ({ ...message, tries: 0, next: 0 }));
  let dropped = 0;
  // What is stored is read defensively by the flush that sends it.
  await storage.update<unknown[]>(KEY, (stored) => {
    const all = [...(Array.isArray(stored) ? stored : []), ...items];
    let over = all.length - MAX_ITEMS;
    // A stored record that is not a message (another version's, a hand edit's) makes room as an event does.
    const kept = all.filter((item) => !(over > 0 && (item as OutboxItem | null)?.body?.type != 'submit' && over--));
    dropped = all.length - kept.length;
    return kept;
  });
  return dropped;
}

/** Takes messages out of the outbox unsent: another way (a beacon) has carried them. */
export async function discard(storage: KeyValueStore, ids: ReadonlySet<string>): Promise<void> {
  await storage.update<OutboxItem[]>(KEY, (stored) => itemsOf(stored).filter((item) => !ids.has(item.id)));
}

/**
 * Messages to an endpoint (DESIGN §7), kept in storage until delivered, so a navigation,
 * an offline spell or an endpoint that is down loses nothing. Each message is claimed
 * inside one storage transaction before it is sent, so two tabs never send it at once;
 * failures back off exponentially (2 s, 4 s, … up to 5 minutes). Messages to one URL go
 * in one request as `text/plain` JSON lines (no CORS preflight), each with its id, so an
 * endpoint that drops ids it has seen gets each message exactly once; they are removed
 * after a 2xx, or a 4xx that a retry would not change. An endpoint on another origin is
 * sent to without CORS (`no-cors`): its answer cannot be read, so a send that reached it
 * counts as delivered, and a 5xx there is not retried; only going offline or the network
 * failing keeps the messages for a retry.
 */
export function createOutbox(deps: OutboxDeps): OwnOutbox {
  const { storage, now, win } = deps;
  const { setTimer = (run, ms) => win?.setTimeout(run, ms), origin = win?.location.origin, online = () => win?.navigator.onLine !== false } = deps;
  let timerAt = Infinity;
  let flushing: Promise<void> | undefined;
  let retrying = false;

  const schedule = (items: OutboxItem[]) => {
    const due = Math.min(...items.map((item) => item.next));
    if (!Number.isFinite(due) || due >= timerAt) return;
    timerAt = due;
    setTimer(() => {
      timerAt = Infinity;
      void outbox.flush();
    }, Math.max(0, due - now()));
  };

  /**
   * Sends messages to one URL as JSON lines in one request. `true`: delivered, or refused
   * for good (a 4xx other than 408 and 429 will not change on retry); `false`: retry.
   */
  const deliver = async (url: string, batch: OutboxItem[]): Promise<boolean> => {
    // Without CORS headers a cross-origin answer cannot be read, and fetch would report
    // every send as failed: there, a send that reached the network counts as delivered,
    // and the ids let the endpoint drop the rare repeat.
    const elsewhere = origin !== undefined && new URL(url, origin).origin !== origin;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
    try {
      const body = batch.map((item) => `${JSON.stringify({ ...item.body, id: item.id })}\n`).join('');
      const response = await deps.fetch(url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'text/plain' },
        // Past the quota the browser refuses a keepalive request outright: one message
        // too big for a batch goes as a plain request, which needs the page to stay.
        keepalive: utf8Bytes(body) <= MAX_BATCH_BYTES,
        credentials: 'same-origin',
        signal: abort.signal,
        ...(elsewhere && { mode: 'no-cors' as const }),
      });
      const { status } = response;
      // A keepalive request holds its bytes of the quota until its answer is read: the next
      // batch, sent at once, was refused ("Failed to fetch") and backed off.
      await Promise.resolve(response.arrayBuffer?.()).catch(() => undefined);
      return response.ok || response.type === 'opaque' || (status >= 400 && status < 500 && status !== 408 && status !== 429);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  /** Claimed messages grouped by URL, each group cut to stay under the browsers' ~64 KiB keepalive quota. */
  const batches = (items: OutboxItem[]): [string, OutboxItem[]][] => {
    const byUrl = new Map<string, OutboxItem[]>();
    for (const item of items) byUrl.set(item.url, [...(byUrl.get(item.url) ?? []), item]);
    return [...byUrl].flatMap(([url, list]) => cutByBytes(list, (item) => utf8Bytes(JSON.stringify(item.body)) + 40).map((batch): [string, OutboxItem[]] => [url, batch]));
  };

  const offline = () => !online();

  const run = async () => {
    // Offline, a send can only fail: the messages wait, untouched, for the `online` event.
    // Without consent they wait too, for a page that has it.
    if (offline() || deps.allowed?.() === false) return;
    const at = now();
    let claimed: OutboxItem[] = [];
    const items = await storage.update<OutboxItem[]>(KEY, (stored) => {
      const list = itemsOf(stored);
      // A wait longer than any this outbox sets was set by a clock since put back (a day,
      // say): the message is due now rather than stuck until that clock comes round again.
      claimed = list.filter((item) => item.next <= at || item.next > at + MAX_BACKOFF_MS);
      const ids = new Set(claimed.map((item) => item.id));
      return list.map((item) => (ids.has(item.id) ? { ...item, next: at + CLAIM_MS } : item));
    });
    deps.claimed?.(new Set(claimed.map((item) => item.id)));
    // One batch at a time: in-flight keepalive requests share one small quota.
    const delivered = new Set<string>();
    for (const [url, batch] of batches(claimed)) {
      if (await deliver(url, batch)) for (const item of batch) delivered.add(item.id);
    }
    const failed = new Map(claimed.filter((item) => !delivered.has(item.id)).map((item) => [item.id, item]));
    const left = claimed.length === 0 ? items : await storage.update<OutboxItem[]>(KEY, (stored) =>
      itemsOf(stored).flatMap((item) => {
        if (delivered.has(item.id)) return [];
        const mine = failed.get(item.id);
        if (!mine) return [item];
        // A send that failed because the browser went offline is no try: it waits for `online`.
        if (offline()) return [{ ...item, next: 0 }];
        const tries = mine.tries + 1;
        return [{ ...item, tries, next: now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** tries) }];
      }),
    );
    retrying = left.some((item) => item.tries > 0);
    schedule(left);
  };

  const outbox: OwnOutbox = {
    async send(url, body) {
      try {
        await enqueue(storage, deps.newId(), url, body);
      } catch {
        return; // storage failed even after its memory fallback: the message cannot be kept
      }
      await outbox.flush();
    },
    flush() {
      // One pass at a time in this tab; a call during a pass runs another after it. A pass
      // never rejects: callers fire and forget, from timers and the `online` event.
      const pass = (flushing ?? Promise.resolve()).then(run).catch(() => undefined);
      flushing = pass;
      return pass;
    },
    failing: () => retrying,
  };
  return outbox;
}
