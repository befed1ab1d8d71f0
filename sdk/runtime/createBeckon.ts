import {
  DAY_PREFIX,
  DEFAULT_HISTORY_LIMITS,
  addEngagedTime,
  appendToDay,
  coerceDayRecord,
  daysToCompact,
  flattenHistory,
  recordKeyFor,
  coerceVisitorRecord,
  createId,
  describe,
  emptyConfig,
  type deriveBehavior as deriveBehaviorType,
  type parseCampaignSection as parseCampaignSectionType,
  type deriveProfile as deriveProfileType,
  type pageType as pageTypeType,
  type productFromJsonLd as productFromJsonLdType,
  formatProblem,
  isEcommerceEvent,
  isPlainObject,
  mergeTraits,
  normalizeEcommerce,
  readLanding,
  toPlainObject,
  touchSession,
  type BeckonEvent,
  type Clause,
  type EventContext,
  type Config,
  type DebugHost,
  type DayRecord,
  type Device,
  type Geo,
  type Hit,
  type HistoryLimits,
  type Landing,
  type Traffic,
  type IntentModel,
  type IntentSettings,
  type Problem,
  type intentOf as intentOfType,
  type Behavior,
  type Cart,
  type FunnelStage,
  type Orders,
  type Rfm,
  type RfmCuts,
  type EcommercePayload,
  type PageInfo,
  type PageProduct,
  type ParsedConfig,
  type SegmentSet,
  type TimeOfDay,
  type Profile,
  type VisitorRecord,
} from '../core/index.js';
import { createConsentStore, createFallbackStore, createIdbStore, type KeyValueStore } from '../storage/index.js';
import {
  readDataLayerEntry,
  hasJsonLd,
  readPage,
  readQuery,
  ZONE_KEY,
  watchDataLayer,
  watchEngagement,
  watchNavigation,
  type Engagement,
  type LocationSnapshot,
  type readJsonLd as readJsonLdType,
} from '../tracking/index.js';
import type { CampaignRunner, ContainerModule, ContentModule } from './campaignRunner.js';
import { createEmitter, type BeckonEventMap, type Listener } from './emitter.js';
import type { createOutbox } from './outbox.js';
import type { createEventsOut } from './eventsOut.js';
import type { QuizChunk, startCampaigns } from './startCampaigns.js';
import { createLogger } from './logger.js';
import { nextTask } from './nextTask.js';

export type ConsentState = 'granted' | 'denied' | 'pending';
const CONSENT_STATES: readonly ConsentState[] = ['granted', 'denied', 'pending'];
const badConsent = (given: unknown) => `expected one of ${CONSENT_STATES.join(', ')}, got ${describe(given)}`;

export interface InitOptions {
  /** The config: a URL to fetch, or the config object itself. */
  config?: string | Record<string, unknown>;
  /** The visitor's choice as the store's consent banner knows it, overriding what Beckon would decide. */
  consent?: ConsentState;
  /** Where to send the events of DESIGN §7, as JSON lines (a URL, or a path on this site). */
  endpoint?: string;
  /** Push the events of DESIGN §7 to `window.dataLayer` as `beckon_<name>`. */
  dataLayer?: boolean;
  /** Open the debug panel (as `?beckon_debug=1` does). */
  debug?: boolean;
}

/** What the runtime needs to read a config: the `config` chunk, loaded lazily by the script tag. */
export interface ConfigCompiler {
  /** parseConfig, leaving the main thread between slices of its work (awaiting `pause`). */
  parseConfigInSlices(raw: unknown, pause: () => Promise<unknown>): Promise<ParsedConfig>;
  /** Campaigns and theme, validated: called once the config is parsed, when it has campaigns. */
  parseCampaignSection: typeof parseCampaignSectionType;
  /** The profile from the visitor, the page and the history (here rather than in the entry: see chunks/config.ts). */
  deriveProfile: typeof deriveProfileType;
  /** `page.type` from its signals (here for the same reason: a page view waits for this chunk anyway). */
  pageType: typeof pageTypeType;
}

/** The lazy chunks and what each provides. */
export interface Chunks {
  /** Validating and compiling a config (segments and campaigns). Loaded at init. */
  config: ConfigCompiler;
  /** Readers of `traffic.*`, `firstTouch.*`, `device.*` and `time.*`. Loaded when a condition reads them, or by `profile()`. */
  signals: {
    classifyLanding(landing: Landing): Traffic;
    deriveBehavior: typeof deriveBehaviorType;
    deviceOf(win: Window): Device;
    readTime(now: number): TimeOfDay;
    rfmScore(orders: Orders, cuts: RfmCuts): Rfm;
    parseRfmConfig(raw: unknown): { cuts: RfmCuts; problems: Problem[] };
    funnelStage(orders: Orders, cart: Cart, behavior: Behavior, events: readonly BeckonEvent[]): FunnelStage;
  };
  /** Time zone → country tables behind `geo.*`. Loaded when a condition reads them, or by `profile()`. */
  geo: { geoOf(win: Window, countryHint?: unknown, notes?: Storage): Geo };
  /** The purchase-intent model. Loaded when a condition reads `intent.*`, or by `profile()`. */
  intent: {
    INTENT_MODEL: IntentModel;
    intentOf: typeof intentOfType;
    parseIntentConfig(raw: unknown): { settings: IntentSettings; problems: Problem[] };
  };
  /** The intent model that also reads page values; loaded with `intent` when the config sets `intent.pageValues`. */
  intentPageValues: { INTENT_MODEL_WITH_PAGE_VALUES: IntentModel };
  /** History maintenance: compaction of old days, and merging pending data on a grant. Loaded when needed. */
  history: {
    summarizeDay(day: DayRecord | undefined): DayRecord;
    mergePending(key: string, persisted: unknown, pending: unknown): unknown;
  };
  /** Campaign validation and the campaign runner. Loaded at init when the config has campaigns. */
  campaigns: { startCampaigns: typeof startCampaigns; widgetImports: Record<string, string[]> };
  /** Quiz validation and the quizzes of a page. Loaded at init when the config has quizzes. */
  quizzes: QuizChunk;
  /** `page.product` from JSON-LD: asked for at init on a page that carries JSON-LD. */
  jsonld: { productFromJsonLd: typeof productFromJsonLdType; readJsonLd: typeof readJsonLdType };
  /** The outbox for form submissions: loaded when a form sends, or messages are waiting. */
  outbox: { createOutbox: typeof createOutbox };
  /** The debug panel: loaded with `?beckon_debug=1`, a preview link, `init({ debug: true })` or the tab's flag. */
  debug: { startDebug(host: DebugHost): void };
  /** Events sent on to `dataLayer` and an endpoint: loaded at init when `init` asks for either. */
  events: { createEventsOut: typeof createEventsOut };
  /** Widget containers, each loaded when a campaign of its type first becomes eligible. */
  popup: ContainerModule;
  bar: ContainerModule;
  message: ContainerModule;
  inline: ContainerModule;
  /** Widget content kinds, loaded with their container. */
  messageContent: ContentModule;
  formContent: ContentModule;
  quizContent: ContentModule;
  /** The reason trees of `explain()`. Loaded on the first call. */
  explain: {
    explainCondition(condition: unknown, attributes: unknown, lists?: Config['lists'], context?: EventContext): { result: boolean; clauses: Clause[] };
  };
}
export type ChunkName = keyof Chunks;

export interface BeckonDeps {
  /** Loads a chunk. The script tag imports it from beside itself; the npm entry imports the module. */
  loadChunk: <K extends ChunkName>(name: K) => Promise<Chunks[K]>;
  /** Where the visitor is kept. Default: IndexedDB (database `beckon`), memory when that fails. */
  storage?: KeyValueStore;
  /** Epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
  /** A number in [0, 1). Default: `crypto.getRandomValues`. */
  random?: () => number;
  /** Loads a config URL. Default: the page's `fetch`. */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** Reads the current page. Default: `location` and `document.title`. */
  page?: () => PageInfo;
  /** Where warnings go. Default: `console`. */
  console?: Pick<Console, 'warn'>;
  /**
   * How tabs tell each other about `forget()` and stored changes. Default: a
   * `BroadcastChannel('beckon')` where the browser has one; `null` for none.
   */
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener'> | null;
  /** Raw history kept before days are compacted into summaries. Default: 90 days, 5,000 events. */
  historyLimits?: HistoryLimits;
  /**
   * The page's window, read for `dataLayer`, JSON-LD and history (single-page-app
   * navigation). `null` reads none of them. Default: the global `window`, if any.
   */
  window?: (Window & { dataLayer?: unknown }) | null;
}

export interface Beckon {
  init(options?: InitOptions): void;
  track(name: string, props?: Record<string, unknown>): void;
  identify(traits: Record<string, unknown>): void;
  /** Settles once `init` has finished (config loaded or failed, first page view recorded). */
  profile(): Promise<Profile | undefined>;
  /** The ids of the segments the visitor is in, once `init` has finished. */
  segments(): Promise<string[]>;
  /** Why the visitor is or is not in a segment: every clause with its actual and expected value. */
  explain(id: string): Promise<Explanation | undefined>;
  /** `granted` stores what was kept in memory; `denied` wipes what was stored and stores nothing more. */
  consent(state: ConsentState): void;
  /** Deletes everything stored about the visitor, in every open tab; a fresh visitor lives in memory until the next page load. */
  forget(): void;
  /** Shows a campaign now, whatever its trigger, audience and caps (`variantId` picks a variant). */
  show(campaignId: string, variantId?: string): void;
  /** Closes a campaign's widget, or every widget, without counting it as a dismissal. */
  hide(campaignId?: string): void;
  /** Listens to an event of DESIGN §7 (typed by its name), or any other by name. */
  on<K extends keyof BeckonEventMap>(name: K, listener: (event: BeckonEventMap[K]) => unknown): void;
  on(name: string, listener: Listener): void;
  off<K extends keyof BeckonEventMap>(name: K, listener: (event: BeckonEventMap[K]) => unknown): void;
  off(name: string, listener: Listener): void;
}

export interface Explanation {
  id: string;
  result: boolean;
  clauses: Clause[];
}

const NO_SEGMENTS: SegmentSet = { reads: new Set(), ordered: [], get: () => undefined, evaluate: () => [] };
const EMPTY_CONFIG: ParsedConfig = {
  config: emptyConfig(),
  segments: NO_SEGMENTS,
  problems: [],
};

const INIT_OPTIONS = new Set(['config', 'consent', 'endpoint', 'dataLayer', 'debug']);

const hasCampaigns = (config: unknown) => isPlainObject(config) && config.campaigns !== undefined && !(Array.isArray(config.campaigns) && config.campaigns.length === 0);
const CONSENT_KEY = 'consent';
/** Paths read (condition keys, template roots, `$within` for an `$event` window) whose values change as time passes, and how often they are read again. */
const LIVE = /^(behavior\.(scrollDepth|timeOnPage|engagedTime)|session\.duration|time|funnel|intent|rfm|(orders|visitor)\.daysSince|\$within)\b/;
const TICK_MS = 5000;
/** What all of a visitor's traits may add up to, as JSON: a store's identify() calls are not a database. */
const MAX_TRAITS_CHARS = 100_000;
/** The stored consent of a grant given while the browser sent GPC. */
const GRANTED_OVER_GPC = 'granted-over-gpc';

/** The stored days among a store's entries, each read defensively. */
function readDays(entries: [string, unknown][]): Map<string, DayRecord> {
  const days = new Map<string, DayRecord>();
  for (const [key, value] of entries) {
    if (!key.startsWith(DAY_PREFIX)) continue;
    const day = coerceDayRecord(value);
    if (day) days.set(key, day);
  }
  return days;
}

function cryptoRandom(): number {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return (buffer[0] as number) / 2 ** 32;
}

function browserPage(): PageInfo {
  const { location, document } = globalThis;
  if (!location) return { url: '', path: '/', title: '', query: {} };
  return readPage(location, document?.title ?? '');
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * One Beckon instance. Every method catches: whatever the page or the network does,
 * nothing is thrown into the host page; problems are reported once as warnings.
 */
export function createBeckon(deps: BeckonDeps): Beckon {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? cryptoRandom;
  const readCurrentPage = deps.page ?? browserPage;
  const logger = createLogger(deps.console);
  const fetchConfig = deps.fetch ?? ((url, init) => globalThis.fetch(url, init));
  /** IndexedDB failed on this page: a choice stored on an earlier one is out of reach. */
  let unreadable = false;
  const persistent =
    deps.storage ??
    createFallbackStore(createIdbStore(), (error) => {
      unreadable = true;
      logger.warn(`IndexedDB is unavailable (${errorMessage(error)}); keeping this visit in memory only.`);
    });
  // Everything stays in memory until boot has read the config and knows the visitor's consent.
  const storage = createConsentStore(persistent, 'memory');
  /** After forget(), nothing is stored again until the next page load. */
  let forgotten = false;
  /** Denied on this page (or in another tab): what memory holds from before must not be stored again. */
  let wiped = false;
  /** Ours, not an injected one: closed while the page sits in the back/forward cache. */
  const ownChannel = deps.channel === undefined && typeof BroadcastChannel === 'function';
  // A page's shim or a browser that refuses one throws here: the tab then runs alone.
  const openChannel = () => {
    try {
      const opened = new BroadcastChannel('beckon');
      // In Node (the npm build in a test or a script) an open channel keeps the process running.
      (opened as { unref?(): void }).unref?.();
      return opened;
    } catch {
      return null;
    }
  };
  let channel = ownChannel ? openChannel() : (deps.channel ?? null);
  /** The page is going into (or sits in) the back/forward cache. */
  let cached = false;

  const warnProblems = (problems: readonly Problem[]) => {
    for (const problem of problems) logger.warn(`config ${formatProblem(problem)}`);
  };
  const report = (error: unknown, where: string) => {
    const message = `${where} failed: ${errorMessage(error)}`;
    logger.warn(message);
    // An `error` listener that throws is logged, and not told about itself.
    if (!where.endsWith('"error"')) emitter.emit('error', { message, ts: now() });
  };
  /** Consent given (or not needed): what is kept may be stored, and sent to an endpoint. */
  const allowed = () => storage.mode() === 'persist';
  /** The events chunk's sender, once loaded: what earlier pages left waits for consent to be known. */
  let eventsOut: { flush(): void } | undefined;
  const emitter = createEmitter((error, name) => report(error, `a listener for "${name}"`));

  const chunks = new Map<ChunkName, Promise<unknown>>();
  /** Loads a chunk once; a failure is reported once and the SDK runs on without what it provides. */
  const loadChunk = <K extends ChunkName>(name: K): Promise<Chunks[K] | undefined> => {
    let loading = chunks.get(name);
    if (!loading) {
      loading = deps.loadChunk(name).catch(async (error) => {
        // The campaigns chunk imports the config chunk's modules: when that one failed (and
        // said so), this one fails with it.
        if (name == 'campaigns' && !(await loadCompiler())) return undefined;
        logger.warn(`The ${name} chunk could not be loaded (${errorMessage(error)}); Beckon runs on without it.`);
        return undefined;
      });
      chunks.set(name, loading);
    }
    return loading as Promise<Chunks[K] | undefined>;
  };
  const loadCompiler = () => loadChunk('config');
  // Attribute readers, loaded when a condition reads their roots or profile() is asked.
  let signals: Chunks['signals'] | undefined;
  let geo: Chunks['geo'] | undefined;
  let intent: Chunks['intent'] | undefined;
  let intentModel: IntentModel | undefined;
  let intentSettings: IntentSettings | undefined;
  let rfmCuts: RfmCuts | undefined;
  let ticking = false;
  const loadReaders = async (roots: ReadonlySet<string> | 'all') => {
    const wants = (...names: string[]) => roots === 'all' || names.some((name) => roots.has(name));
    // What changes with no event to tell of it (time on the page, scroll depth, the hour,
    // the session's length, a funnel stage or intent that follows them): read again every
    // few seconds while the page is seen, so a segment or campaign on it follows too.
    if (!ticking && roots !== 'all' && [...roots].some((path) => LIVE.test(path))) {
      ticking = true;
      const tick = () =>
        win?.setTimeout(() => {
          if (win.document.visibilityState != 'hidden' && state.visitor) void enqueue('clock', () => afterChange());
          tick();
        }, TICK_MS);
      tick();
    }
    await Promise.all([
      wants('traffic', 'firstTouch', 'device', 'time', 'rfm', 'funnel', 'behavior') &&
        (async () => {
          signals ??= await loadChunk('signals');
          if (!signals || rfmCuts) return;
          const { cuts, problems } = signals.parseRfmConfig(state.config.config.rfm);
          warnProblems(problems);
          rfmCuts = cuts;
        })(),
      wants('geo') && (async () => (geo ??= await loadChunk('geo')))(),
      wants('intent') &&
        (async () => {
          intent ??= await loadChunk('intent');
          if (!intent || intentModel) return;
          const { settings, problems } = intent.parseIntentConfig(state.config.config.intent);
          warnProblems(problems);
          intentSettings = settings;
          const withValues = settings.pageValues && (await loadChunk('intentPageValues'));
          intentModel = withValues ? withValues.INTENT_MODEL_WITH_PAGE_VALUES : intent.INTENT_MODEL;
        })(),
    ]);
  };
  /** What this page knows: the parsed config, the visitor, the page, the stored days of history. */
  const state: { config: ParsedConfig; visitor: VisitorRecord | undefined; page: PageInfo; days: Map<string, DayRecord> } = {
    config: EMPTY_CONFIG,
    visitor: undefined,
    page: readCurrentPage(),
    days: new Map(),
  };
  const landingPage = state.page;
  const limits = deps.historyLimits ?? DEFAULT_HISTORY_LIMITS;
  const setDay = (key: string, day: DayRecord) => {
    state.days = new Map(state.days).set(key, day);
  };
  const win: (Window & { dataLayer?: unknown }) | null =
    deps.window !== undefined ? deps.window : typeof window === 'undefined' ? null : window;

  // What the current page load has shown so far, for `page.type` and `page.product`.
  let pageEvents: string[] = [];
  let jsonLdProduct: PageProduct | null = null;
  /** Stops watching for JSON-LD rendered after the page view (see recordPageView). */
  let stopLd = () => {};
  let viewedItem: PageProduct | null = null;
  /** This page load's first page view has begun: events before it (queued ones) belong to it. */
  let viewing = false;
  let watching = false;
  let engagement: Engagement | undefined;
  let pageStartedAt = now();
  /** Engaged ms of the current page already added to the stored total. */
  let engagedStored = 0;

  let initialized = false;
  const booted = deferred();
  const ready = deferred();
  // Every command runs in call order, after boot: a task never starts before the
  // previous one has written what it changed.
  let chain: Promise<unknown> = booted.promise;
  const enqueue = <T>(where: string, task: () => Promise<T>): Promise<T | undefined> => {
    const run = chain.then(task).catch((error) => {
      report(error, where);
      return undefined;
    });
    chain = run;
    return run;
  };

  const newId = () => createId(random);

  const updateVisitor = async (change: (visitor: VisitorRecord) => VisitorRecord, pageview: boolean, source: Partial<Hit> = {}) => {
    const hit: Hit = { now: now(), path: state.page.path, pageview, newId, ...source };
    const visitor = await storage.update<VisitorRecord>('visitor', (stored) => {
      const current = coerceVisitorRecord(stored);
      if (stored !== undefined && !current) logger.warn('The stored visitor record was unreadable; starting a new visitor.');
      return change(touchSession(current, hit));
    });
    state.visitor = visitor;
    return visitor;
  };

  /** `at`: when it happened, for an event that did before it reached us. */
  const recordEvent = async (name: string, props: Record<string, unknown>, pageview: boolean, source?: Partial<Hit>, at = now()) => {
    const visitor = await updateVisitor((visitor) => visitor, pageview, source);
    // An event queued before the page view is about the page it is about to count.
    const event: BeckonEvent = { name, ts: at, props, session: visitor.session.id, pv: visitor.session.pageviews + (viewing ? 0 : 1) };
    const key = recordKeyFor(state.days, event.ts);
    setDay(key, await storage.update<DayRecord>(key, (day) => appendToDay(coerceDayRecord(day), event, limits.maxEvents)));
    announceChange();
    emitter.emit('track', { ...event, visitorId: visitor.id });
    await afterChange(name, props, at);
  };

  /**
   * `page.type` from the strongest signal, and `page.product` from JSON-LD or the page's
   * `view_item`. Every page view and event is recorded after boot, which awaits the config
   * chunk: only where that chunk could not load is a page's type `other`.
   */
  const typePage = (info: PageInfo): PageInfo => {
    const type =
      compiler?.pageType({
        path: info.path,
        hasProductJsonLd: jsonLdProduct !== null,
        sitePages: state.config.config.site.pages,
        pageEvents,
      }) ?? 'other';
    return { ...info, type, product: jsonLdProduct ?? viewedItem };
  };

  const recordEcommerce = async (name: string, payload: EcommercePayload, at?: number) => {
    pageEvents.push(name);
    const first = payload.items[0];
    if (name === 'view_item' && first && !viewedItem) {
      viewedItem = {
        id: first.item_id,
        name: first.item_name,
        price: first.price,
        currency: payload.currency ?? '',
        category: first.item_category ?? '',
        brand: first.item_brand ?? '',
      };
    }
    state.page = typePage(state.page);
    await recordEvent(name, payload as unknown as Record<string, unknown>, false, undefined, at);
  };

  // Entries the page pushed before the script ran happened before it: replayed now, they
  // are stamped a moment before it started, so they convert no popup this page shows
  // (only an exposure on an earlier page, as a thank-you page's purchase should).
  const startedAt = now();
  /**
   * Events taken but not yet stored, as [name, props, time]. A store's button that pushes
   * add_to_cart and goes to the cart page at once leaves before the write is done: as the
   * page goes they wait in sessionStorage, and the tab's next page records them.
   */
  let unstored: [string, Record<string, unknown>, number][] = [];
  const PENDING_KEY = 'beckon.pending';
  const take = (where: string, name: string, props: object, record: (at: number) => Promise<unknown>, at = now()) => {
    const item: (typeof unstored)[number] = [name, props as Record<string, unknown>, at];
    unstored.push(item);
    void enqueue(where, async () => {
      await record(at);
      unstored = unstored.filter((other) => other !== item);
    });
  };
  let listening = false;
  /** Reads the dataLayer from now on, and what it holds already (ecommerce events the page pushed before). */
  const listen = () => {
    if (win && !listening) watchDataLayer(win, onDataLayerEvent, logger.warn);
    listening = true;
  };
  const notePending = () => {
    try {
      if (unstored.length) session()?.setItem(PENDING_KEY, JSON.stringify(unstored));
    } catch {
      // A full sessionStorage: they are lost, as they would have been.
    }
  };

  const onDataLayerEvent = (name: string, raw: unknown, earlier: boolean) => {
    const payload = normalizeEcommerce(raw, (message) => logger.warn(`dataLayer "${name}": ${message}`));
    take(`dataLayer "${name}"`, name, payload, (at) => recordEcommerce(name, payload, at), earlier ? startedAt - 1 : undefined);
  };

  // Engaged time waiting to be added to the stored visitor. An IndexedDB write started
  // as the page is left may be cut short, so on hide the milliseconds go first to
  // sessionStorage (synchronous, and it survives navigation in the tab) and leave it
  // only once IndexedDB has them: the next page picks up whatever the last one could not.
  const ENGAGED_KEY = 'beckon.engaged';
  /** This tab's segment membership, ids joined by commas (no id holds one). */
  const SEGMENTS_KEY = 'beckon.segments';
  const session = (): Storage | undefined => {
    try {
      return storage.mode() === 'persist' ? win?.sessionStorage : undefined;
    } catch {
      return undefined; // sandboxed frames throw on access
    }
  };
  /** Engaged ms taken with nowhere to note them (nothing stored yet, or sessionStorage refusing): the next flush adds them. */
  let unnoted = 0;
  const noteEngaged = (ms: number) => {
    const notes = session();
    if (ms <= 0) return;
    try {
      if (notes) {
        notes.setItem(ENGAGED_KEY, String((Number(notes.getItem(ENGAGED_KEY)) || 0) + ms));
        engagedStored += ms;
        return;
      }
    } catch {
      // Quota or a private mode: kept below.
    }
    unnoted += ms;
  };
  /** Removes what the session keeps (engaged time, and the time zone the geo chunk noted), when the visitor is dropped or denies consent. */
  const clearNotes = (notes: Storage | undefined) => {
    try {
      for (const key of [ENGAGED_KEY, ZONE_KEY, SEGMENTS_KEY, PENDING_KEY]) notes?.removeItem(key);
    } catch {
      // Storage that throws on removing kept nothing either.
    }
  };
  /** Adds noted engaged time to the stored total (on hide, on leaving, and before an SPA page view). */
  const flushEngagement = async () => {
    noteEngaged(engagement?.take() ?? 0);
    const notes = session();
    const adding = unnoted;
    const ms = (Number(notes?.getItem(ENGAGED_KEY)) || 0) + adding;
    const known = state.visitor;
    if (ms <= 0 || !known) return;
    unnoted = 0;
    state.visitor = await storage.update<VisitorRecord>('visitor', (stored) => addEngagedTime(coerceVisitorRecord(stored) ?? known, ms));
    engagedStored += adding;
    notes?.removeItem(ENGAGED_KEY);
  };

  /** Records a page view: the page the SDK loaded on, or (`location` given) an SPA navigation. */
  const recordPageView = async (first: boolean, location?: LocationSnapshot) => {
    if (!first) {
      runner?.newPage();
      await flushEngagement();
      engagement?.reset();
      engagedStored = 0;
    }
    pageStartedAt = now();
    viewing = true;
    // The landing URL is the one the script saw when it ran: by now (after the config
    // loaded) a consent tool or the app may have stripped utm_* and click ids. Unless the
    // app has moved to another path meanwhile (a router's redirect): that is the page viewed.
    const current = readCurrentPage();
    const pathRead = win?.location.pathname;
    const info = location && win ? readPage(location, win.document.title) : first && current.path === landingPage.path ? { ...landingPage, title: current.title } : current;
    const readLd = async () => {
      const chunk = win && hasJsonLd(win.document) ? await loadChunk('jsonld') : undefined;
      return (win && chunk?.productFromJsonLd(chunk.readJsonLd(win.document))) || null;
    };
    const before = jsonLdProduct;
    jsonLdProduct = await readLd();
    // An app's next page may show the last one's JSON-LD until it renders its own: the
    // same product on another path is that, not this page's.
    if (!first && jsonLdProduct?.id === before?.id) jsonLdProduct = null;
    // A page (or an app's next page) that renders its JSON-LD a moment later: watched for a
    // few seconds, a product that appears counts as the page's view_item.
    stopLd();
    if (win && !jsonLdProduct) {
      let live = true;
      const watch = new MutationObserver((records) => {
        if (!records.some((r) => r.target.nodeName == 'SCRIPT' || [...r.addedNodes].some((n) => n.nodeName == 'SCRIPT'))) return;
        void readLd().then((late) => {
          if (!late || late.id === before?.id || !live) return;
          stopLd();
          const item = { item_id: late.id, item_name: late.name, price: late.price ?? 0, quantity: 1, item_category: late.category, item_brand: late.brand };
          const payload = { currency: late.currency, items: [item] };
          take('JSON-LD', 'view_item', payload, (at) => recordEcommerce('view_item', payload, at));
        });
      });
      watch.observe(win.document, { childList: true, subtree: true, characterData: true });
      const timer = win.setTimeout(stopLd, 5000);
      stopLd = () => {
        live = false;
        watch.disconnect();
        win.clearTimeout(timer);
      };
    }
    // On the first page, events pushed before the SDK loaded are about this page and
    // are replayed right after the page view, and so are those `track`ed before it (queued
    // with the snippet); on an SPA navigation the page starts bare.
    const earlier: unknown[] = first && win && Array.isArray(win.dataLayer) ? win.dataLayer : [];
    pageEvents = [...earlier.flatMap((entry) => readDataLayerEntry(entry)?.[0] ?? []), ...(first ? pageEvents : [])];
    if (!first) viewedItem = null;
    const page = typePage(info);
    state.page = page;
    // The path and type only: a title can carry a name or an order number, and is kept for 90 days.
    const props: Record<string, unknown> = { path: page.path, type: page.type };
    if (page.product?.id) props.product = page.product.id;
    if (page.product?.category) props.category = page.product.category;
    // The page the SDK loaded on says where the visit came from: its URL and referrer.
    // Its query as loaded, from the navigation entry: a consent tool or the page's own
    // script may have stripped utm_* and click ids before this script ran.
    let source: Partial<Hit> | undefined;
    if (first) {
      let query = landingPage.query;
      try {
        const loaded = new URL((performance.getEntriesByType('navigation')[0] as PerformanceEntry).name);
        if (loaded.pathname == landingPage.path) query = readQuery(loaded.search);
      } catch {
        // No navigation entry (an old browser, a test DOM): the query as the script found it.
      }
      source = { landing: readLanding(query, win?.document.referrer ?? '', win?.location.hostname ?? '') };
    }
    await recordEvent('page_view', props, true, source);
    if (first && win && !watching) {
      watching = true;
      listen();
      // Queued at once, ahead of the new page's own events; read a task later, once the
      // app has rendered the page (its title, its JSON-LD).
      const rendered = () => new Promise((resolve) => win.setTimeout(resolve, 0));
      // Another query or hash on the same path is the same page at another URL: `page.url`
      // and `page.query` change, and what reads them is evaluated again.
      const sameUrl = (location: LocationSnapshot) => {
        state.page = typePage(readPage(location, win.document.title));
        return afterChange();
      };
      watchNavigation(win, (location, moved) => void enqueue('page view', () => (moved ? rendered().then(() => recordPageView(false, location)) : sameUrl(location))), pathRead);
      engagement = watchEngagement(win, now, () => {
        notePending();
        noteEngaged(engagement?.take() ?? 0);
        // A write still open as the page is frozen in the back/forward cache holds up the
        // next page's writes, and Chromium evicts the cached page for it (IgnoreEventAndEvict):
        // then the note waits for the next page, or for this one's return.
        if (!cached) void enqueue('engaged time', flushEngagement);
      });
      // Engaged time the previous page of this tab noted but could not store.
      void enqueue('engaged time', flushEngagement);
    }
  };

  const eventContext = ({ events, summaries }: ReturnType<typeof flattenHistory>): EventContext => ({ events, summaries, now: now() });

  /** The config chunk, once init has it: it derives the profile. */
  let compiler: Chunks['config'] | undefined;
  /** The profile with its segments, or undefined before the first hit was stored (or without the config chunk). */
  const currentProfile = (history = flattenHistory(state.days)): Profile | undefined => {
    const visitor = state.visitor;
    if (!visitor || !compiler) return undefined;
    const profile = compiler.deriveProfile({
      visitor,
      page: state.page,
      now: now(),
      ...history,
      currency: state.config.config.site.currency,
      ...(engagement && {
        engagement: {
          scrollDepth: engagement.scrollDepth(),
          timeOnPageMs: now() - pageStartedAt,
          pendingEngagedMs: engagement.engaged() - engagedStored,
        },
      }),
      ...(signals && {
        classifyLanding: signals.classifyLanding,
        deriveBehavior: signals.deriveBehavior,
        time: signals.readTime(now()),
        ...(win && { device: signals.deviceOf(win) }),
      }),
      ...(geo && win && { geo: geo.geoOf(win, visitor.traits.country, session()) }),
    });
    if (intent && intentModel && intentSettings) {
      profile.intent = intent.intentOf({
        model: intentModel,
        settings: intentSettings,
        events: history.events,
        session: visitor.session.id,
        now: now(),
        returning: visitor.sessions > 1,
      });
    }
    if (signals) {
      if (rfmCuts) profile.rfm = signals.rfmScore(profile.orders, rfmCuts);
      profile.funnel = { stage: signals.funnelStage(profile.orders, profile.cart, profile.behavior as Behavior, history.events) };
    }
    if (runner) {
      profile.campaigns = runner.seen();
      profile.answers = runner.answers();
    }
    profile.segments = state.config.segments.evaluate(profile as unknown as Record<string, unknown>, eventContext(history));
    return profile;
  };

  /** The segments the visitor is in, as the last change found them (none without segments): what campaign events name. */
  let member: string[] = [];
  /** This tab's membership once it has one: a segment of the page differs between two open tabs. */
  let tabMember: string[] | undefined;
  /**
   * Emits `segment_enter` / `segment_exit` for each difference between the segments of a
   * profile just derived and the membership this tab last found (noted in sessionStorage
   * across its pages; at first, the one stored), which is then stored: a visitor who
   * enters a segment on one page and is still in it on the next enters once, and two tabs
   * on different pages do not tell each other's changes on every event.
   */
  const refreshSegments = async (profile: Profile | undefined) => {
    const known = state.visitor;
    // No segments (a config without them, or one that could not load) leaves the membership as it was.
    if (!known || !profile || state.config.segments.ordered.length === 0) return;
    const notes = session();
    const noted = notes?.getItem(SEGMENTS_KEY);
    const before = tabMember ?? (typeof noted == 'string' ? noted.split(',').filter(Boolean) : known.segments ?? []);
    const after = (member = tabMember = profile.segments);
    try {
      if (noted !== after.join()) notes?.setItem(SEGMENTS_KEY, after.join());
    } catch {
      // A full sessionStorage: the next page starts from the stored membership.
    }
    const entered = after.filter((id) => !before.includes(id));
    const exited = before.filter((id) => !after.includes(id));
    if (entered.length === 0 && exited.length === 0) return;
    state.visitor = await storage.update<VisitorRecord>('visitor', (stored) => ({ ...(coerceVisitorRecord(stored) ?? known), segments: after }));
    const base = { segments: after, visitorId: known.id, ts: now() };
    for (const segmentId of entered) emitter.emit('segment_enter', { ...base, segmentId });
    for (const segmentId of exited) emitter.emit('segment_exit', { ...base, segmentId });
  };

  let runner: CampaignRunner | undefined;
  /** After the profile changed: segments first, then campaigns, then what the event means to them. */
  const afterChange = async (event?: string, props?: Record<string, unknown>, at?: number) => {
    // One profile for both, and none for a config with neither: deriving it is the dearest step of a change.
    const profile = runner || state.config.segments.ordered.length > 0 ? currentProfile() : undefined;
    await refreshSegments(profile);
    await runner?.refresh(profile);
    if (event) await runner?.onEvent(event, props, at);
  };

  /** Starts the config's campaigns: their validation, and the runner of this page (both lazy chunks). */
  const startCampaigns = async () => {
    const { config } = state.config;
    if (!win || !hasCampaigns(config)) return;
    const [compiler, chunk] = await Promise.all([loadCompiler(), loadChunk('campaigns')]);
    if (!compiler || !chunk) return;
    runner = await chunk.startCampaigns({
      config,
      segmentReads: state.config.segments.reads,
      parseCampaignSection: compiler.parseCampaignSection,
      report: warnProblems,
      loadReaders,
      win,
      storage,
      now,
      newId,
      fetch: fetchConfig,
      current(given) {
        const history = flattenHistory(state.days);
        return { visitor: state.visitor, path: state.page.path, events: eventContext(history), profile: given ?? currentProfile(history) };
      },
      who: () => ({ ...state.visitor, segments: member }),
      caughtUp: () => syncing,
      loadChunk: (name) => loadChunk(name as ChunkName),
      // Asked for early and never reported: a chunk that fails here fails the widget's own
      // import too, and that one is reported.
      preloadChunk: (name) => void deps.loadChunk(name as ChunkName).catch(() => undefined),
      widgetImports: chunk.widgetImports,
      emit: emitter.emit,
      warn: logger.warn,
      // Form values, and a quiz's option traits, where `undefined` takes one back.
      identify: setTraits,
      announce: announceChange,
      changed: () => void enqueue('a change', () => afterChange()),
      allowed,
      nextTask,
    });
  };

  /** Runs a read after init has finished and after every command issued before it. */
  const afterInit = <T>(where: string, read: () => Promise<T>) => {
    // A read waits for init; a page that never calls it is told so, once the page had time to.
    if (!initialized) win?.setTimeout(() => initialized || logger.warn(`${where}() waits for init, not called yet.`), 5000);
    return ready.promise.then(() => enqueue(where, read));
  };

  const loadConfig = async (source: InitOptions['config']): Promise<unknown> => {
    if (typeof source !== 'string') return source;
    const fail = (why: string) => logger.warn(`The config ${source} ${why}; running without campaigns.`);
    let text: string;
    try {
      const response = await fetchConfig(source, { credentials: 'same-origin' });
      // A store's own fetch wrapper may answer with anything, or nothing; a throw here
      // would end init before consent is settled, and the visit would not be stored.
      if (typeof response?.text != 'function') return fail('could not be loaded (window.fetch returned no Response)');
      if (!response.ok) return fail(`could not be loaded (HTTP ${response.status})`);
      text = await response.text();
    } catch (error) {
      return fail(`could not be loaded (${errorMessage(error)})`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      return fail(`is not valid JSON (${errorMessage(error)})`);
    }
  };

  /** Tells other tabs that the stored visitor changed, so they read it again. */
  const announceChange = () => {
    if (storage.mode() === 'persist') channel?.postMessage({ type: 'changed' });
  };

  const readStored = async () => {
    const entries = await storage.entries();
    const current = coerceVisitorRecord(entries.find(([key]) => key === 'visitor')?.[1]);
    if (current) state.visitor = current;
    state.days = readDays(entries);
    await afterChange();
  };

  /**
   * Merges traits into the visitor, in call order, as plain data; one set to `undefined`
   * (or to what cannot be stored, a function say) is removed.
   */
  const setTraits = (traits: Record<string, unknown>) => {
    const plain = { ...Object.fromEntries(Object.keys(traits).map((key) => [key, undefined])), ...toPlainObject(traits) };
    void enqueue('identify', async () => {
      let kept = true;
      await updateVisitor((visitor) => {
        const next = mergeTraits(visitor, plain);
        // Each call is bounded (toPlainObject); so is what the calls add up to, which is
        // read on every change and kept for good.
        try {
          kept = JSON.stringify(next.traits).length <= MAX_TRAITS_CHARS;
        } catch {
          // A page whose JSON.stringify throws: the traits are kept unmeasured.
        }
        return kept ? next : visitor;
      }, false);
      if (!kept) logger.warn(`identify: the visitor's traits would pass ${MAX_TRAITS_CHARS} characters; these were not kept.`);
      // Other open tabs read the traits again: a trait-targeted campaign there follows.
      announceChange();
      await afterChange();
    });
  };

  /** A fresh visitor in memory, for the rest of the page: after forget(), and after a denial. */
  const startOver = async () => {
    member = tabMember = [];
    state.visitor = undefined;
    state.days = new Map();
    // The runner's campaign memory and quiz answers were the old visitor's too: read them
    // again from the emptied store, so no cap, cooldown or `campaigns.*` outlives them.
    await runner?.reload();
    await updateVisitor((visitor) => visitor, false);
    // What shows for the old visitor's traits or history (a greeting by name) goes.
    await afterChange();
  };

  /** Drops the visitor at once: a fresh one in memory, nothing stored until the next page load. */
  const dropVisitor = async (wipe: boolean) => {
    clearNotes(session());
    forgotten = true;
    // The visitor asked to be forgotten, not to be tracked again: a denial outlives the wipe.
    const denied = wipe && (await persistent.get(CONSENT_KEY).catch(() => undefined)) === 'denied';
    await storage.keepInMemory({ wipe });
    if (denied) await persistent.update(CONSENT_KEY, () => 'denied');
    await startOver();
  };

  /** Whether the browser sends Global Privacy Control and the config heeds it. */
  const gpc = () => state.config.config.consent.respectGPC && (win?.navigator as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;

  // Given while GPC says no, the grant is the visitor's word for this store, and outweighs the signal later too.
  const rememberGrant = () => persistent.update(CONSENT_KEY, () => (gpc() ? GRANTED_OVER_GPC : 'granted'));
  const setConsent = async (choice: ConsentState) => {
    if (choice === 'granted') {
      const maintenance = forgotten ? undefined : await loadChunk('history');
      // Without the merge, writing memory over storage could drop another tab's data: stay in memory.
      if (!maintenance) return;
      if (wiped) {
        // What this page kept in memory through a denial is the wiped visitor: a grant
        // given since starts a new one rather than write that one back.
        wiped = false;
        await storage.keepInMemory({ wipe: false });
        await startOver();
      }
      await storage.persist(maintenance.mergePending);
      await rememberGrant();
      eventsOut?.flush();
      await readStored();
      announceChange();
    } else {
      // Denied wipes what was stored; pending only stops storing. Either way the visit goes on in memory.
      const keep: [string, unknown][] = [...state.days];
      const visitor = state.visitor;
      if (visitor) keep.push(['visitor', visitor]);
      if (choice === 'denied') clearNotes(session());
      await storage.keepInMemory({ wipe: choice === 'denied', keep });
      // The choice itself is kept, so the next page load does not start storing again.
      if (choice === 'denied') {
        wiped = true;
        await persistent.update(CONSENT_KEY, () => 'denied');
      }
    }
  };

  /** Folds days past the raw window into summaries, one single-key transaction each, so tabs never race. */
  const compactHistory = async () => {
    const keys = daysToCompact(state.days, now(), limits);
    const compactor = keys.length > 0 ? await loadChunk('history') : undefined;
    for (const key of compactor ? keys : []) {
      setDay(key, await storage.update<DayRecord>(key, (day) => compactor!.summarizeDay(coerceDayRecord(day))));
    }
  };

  const boot = async (options: InitOptions) => {
    // The script's own task ends here: starting the first fetch, import and IndexedDB
    // request costs the browser several milliseconds, and together with the setup above
    // it could make a long task on a busy page.
    await nextTask();
    for (const key of Object.keys(options)) {
      if (!INIT_OPTIONS.has(key)) logger.warn(`init: unknown option "${key}"; ignored.`);
    }
    let explicit = options.consent;
    if (explicit !== undefined && !CONSENT_STATES.includes(explicit)) {
      logger.warn(`init: consent: ${badConsent(explicit)}; ignored.`);
      explicit = undefined;
    }
    const { endpoint, dataLayer } = options;
    if (win && (endpoint !== undefined || dataLayer !== undefined)) {
      // Events of the first moments wait for the chunk that sends them on.
      const early: [string, Record<string, unknown>][] = [];
      emitter.tap = (name, payload) => void early.push([name, payload]);
      void loadChunk('events').then((chunk) => {
        emitter.tap = eventsOut = chunk?.createEventsOut({ win, storage, fetch: fetchConfig, now, newId, warn: logger.warn, allowed, endpoint, dataLayer });
        for (const [name, payload] of early) emitter.tap?.(name, payload);
      });
    }
    // A product page's JSON-LD is read by a chunk, fetched beside the config.
    if (win && hasJsonLd(win.document)) void loadChunk('jsonld');
    const remembered = persistent.get<unknown>(CONSENT_KEY).catch(() => undefined);
    // Read in parallel with the config (reading stores nothing); used only once consent is known to be granted.
    const history = persistent.entries().catch((error) => report(error, 'reading the event history'));
    // Campaigns need their chunk too: fetched as soon as the config says so, beside the compiler.
    const config = loadConfig(options.config).then((raw) => {
      if (hasCampaigns(raw)) {
        void loadChunk('campaigns');
        // Quizzes (read by the campaigns chunk) in the same round trip; the quizzes chunk
        // imports the compiler's, so without it there is nothing to ask for (and no second warning).
        if ((raw as { quizzes?: unknown }).quizzes !== undefined) void loadCompiler().then((compiler) => compiler && loadChunk('quizzes'));
      }
      return raw;
    });
    const [raw, stored, configCompiler] = await Promise.all([config, remembered, loadCompiler()]);
    compiler = configCompiler;
    if (raw !== undefined && configCompiler) {
      const parsed = await configCompiler.parseConfigInSlices(raw, nextTask);
      warnProblems(parsed.problems);
      state.config = parsed;
      await loadReaders(parsed.segments.reads);
    }
    // GPC counts as a denial (DESIGN §8), over a grant given before the signal was on.
    // A denial stored on an earlier page that cannot be read now (IndexedDB failing) may be
    // there: nothing is sent until this page's consent tool, or init, answers.
    const given = stored === 'denied' || (stored === 'granted' && gpc()) ? 'denied' : stored === GRANTED_OVER_GPC || stored === 'granted' ? 'granted' : unreadable ? 'pending' : undefined;
    // init's `pending` (a consent tool that answers after load, on every page) defers to what
    // the visitor answered before: their stored visitor, variants and dismissals hold at once.
    const choice: ConsentState = (explicit != 'pending' && explicit) || given || explicit || (gpc() ? 'denied' : state.config.config.consent.required ? 'pending' : 'granted');
    if (choice === 'granted') {
      // Nothing was written in memory before boot, so nothing needs merging. A grant init
      // was given is remembered as one given by consent(), for a page that starts pending.
      await storage.persist((_key, persisted) => persisted);
      if (explicit) await rememberGrant();
      state.days = readDays((await history) ?? []);
      await compactHistory();
    } else if (choice === 'denied') {
      await storage.keepInMemory({ wipe: true });
      // A denial the visitor gave is kept across the wipe; GPC and init's option are read anew each time.
      if (stored === 'denied' && explicit != 'denied') await persistent.update(CONSENT_KEY, () => 'denied');
    }
    await startCampaigns();
    // What the tab's last page took but could not store before it went: recorded now,
    // unless its write was done after all (the page came back, or the write finished).
    const notes = session();
    try {
      const left = JSON.parse(notes?.getItem(PENDING_KEY) || '[]') as typeof unstored;
      notes?.removeItem(PENDING_KEY);
      for (const [name, props, at] of left) {
        if (![...state.days.values()].some((day) => day.events?.some((e) => e.name === name && e.ts === at))) await recordEvent(name, props, false, undefined, at);
      }
    } catch (error) {
      report(error, "recording the last page's events");
    }
    // What earlier pages left to send: once consent is known, after the page's own work.
    if (allowed()) eventsOut?.flush();
    // The debug panel: `?beckon_debug=1` or a preview link, init({ debug: true }), or the flag it leaves in this tab.
    if (win && (options.debug || /[?&]beckon_(debug|preview)=/.test(win.location.search) || session()?.getItem('beckon.debug'))) {
      void loadChunk('debug').then((chunk) => chunk?.startDebug({ win, api, allowed, inspect: () => ({ config: state.config.config, runner }) }));
    }
  };

  const onMessage = (message: MessageEvent) => {
    const type = (message.data as { type?: unknown } | null)?.type;
    // Wipe again on receipt: this tab may have written after the sender's wipe.
    if (type === 'forget') void enqueue('forget', () => dropVisitor(true));
    else if (type === 'denied') void enqueue('consent', () => setConsent('denied'));
    // Granted in another tab: this one, open meanwhile, stores from now on too (what it
    // kept in memory merged in), rather than lose what the visitor does here.
    else if (type === 'granted' && storage.mode() !== 'persist') void enqueue('consent', () => setConsent('granted'));
    else if (type === 'changed' && storage.mode() === 'persist') sync();
  };
  // Another tab's changes, read again: once for a burst of them (a tenth of a second later,
  // one read sees them all), and in a hidden tab only when it is shown, where nothing it
  // shows could follow them. profile(), segments() and explain() catch up first, for a
  // store asking from a hidden tab, and a widget about to show waits for a read that is due.
  let behind = false;
  /** A read of them that is due or running: a widget about to show waits for it. */
  let syncing: Promise<unknown> | undefined;
  const catchUp = async () => {
    syncing = undefined;
    behind = false;
    await runner?.reload();
    await readStored();
  };
  const readIfBehind = () => (behind ? catchUp() : undefined);
  const sync = () => {
    behind = win?.document.visibilityState == 'hidden';
    if (behind || syncing) return;
    syncing = new Promise((resolve) => win?.setTimeout(resolve, 100)).then(() => enqueue('tab sync', catchUp));
  };
  win?.document.addEventListener('visibilitychange', () => behind && sync());
  channel?.addEventListener('message', onMessage);
  // Chromium also evicts a cached page that a BroadcastChannel message reaches
  // (BroadcastChannelOnMessage), and the store's next page sends one at once: the channel
  // closes while the page is cached, and a restored page reads what it missed.
  win?.addEventListener('pagehide', (event) => {
    // A page left before its first page view was recorded (a thank-you page left at once)
    // has its dataLayer read now, so its purchase goes to the next page with the rest.
    listen();
    notePending();
    cached = event.persisted;
    if (cached && ownChannel) {
      (channel as BroadcastChannel | null)?.close();
      channel = null;
    }
  });
  win?.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    cached = false;
    // The tab's note of its segments is newer than this page's copy: the pages it showed
    // meanwhile told their own changes (a segment entered there is not told again here).
    tabMember = undefined;
    if (ownChannel) (channel = openChannel())?.addEventListener('message', onMessage);
    // What other tabs said while the channel was closed is read from storage, and heard as
    // they would have said it: a denial, a forget() that left no visitor there, or changes.
    if (storage.mode() === 'persist') {
      void Promise.all([persistent.get(CONSENT_KEY), persistent.get('visitor')]).then(([consent, visitor]) => {
        onMessage({ data: { type: consent === 'denied' ? 'denied' : visitor === undefined ? 'forget' : 'changed' } } as MessageEvent);
        void enqueue('engaged time', flushEngagement);
      }, () => undefined);
    }
  });


  const api: Beckon = {
    init(options = {}) {
      if (initialized) {
        logger.warn('init was called more than once; the later calls were ignored.');
        return;
      }
      // Not started on a mistake, so the store's corrected call still starts it.
      if (!isPlainObject(options)) return logger.warn(`init: expected an options object, got ${describe(options)}; not started.`);
      initialized = true;
      boot(options)
        .catch((error) => report(error, 'init'))
        .finally(booted.resolve);
      // Commands issued in the same tick as init (a drained snippet queue) run before
      // the first page view, so early listeners and traits see everything.
      queueMicrotask(() => {
        void enqueue('page view', () => recordPageView(true)).finally(ready.resolve);
      });
    },

    track(name, props = {}) {
      if (typeof name !== 'string' || name.trim() === '') {
        logger.warn(`track: expected an event name, got ${describe(name)}.`);
        return;
      }
      if (!isPlainObject(props)) {
        logger.warn(`track("${name}"): expected an object of properties, got ${describe(props)}; tracked without them.`);
        props = {};
      }
      if (isEcommerceEvent(name)) {
        // The GA4 payload, given flat or under `ecommerce` as in dataLayer.
        const source = isPlainObject(props.ecommerce) ? props.ecommerce : props;
        const payload = normalizeEcommerce(source, (message) => logger.warn(`track("${name}"): ${message}`));
        take(`track("${name}")`, name, payload, (at) => recordEcommerce(name, payload, at));
        return;
      }
      const copy = toPlainObject(props);
      take(`track("${name}")`, name, copy, (at) => recordEvent(name, copy, false, undefined, at));
    },

    identify(traits) {
      if (!isPlainObject(traits)) {
        logger.warn(`identify: expected an object of traits, got ${describe(traits)}.`);
        return;
      }
      setTraits(traits);
    },

    profile() {
      return afterInit('profile', async () => {
        await readIfBehind();
        await loadReaders('all');
        return currentProfile();
      });
    },

    segments() {
      return afterInit('segments', async () => (await readIfBehind(), currentProfile()?.segments ?? [])).then((ids) => ids ?? []);
    },

    explain(id) {
      return afterInit('explain', async () => {
        await readIfBehind();
        // A segment's condition, or a campaign's audience (DESIGN §2: explain(segmentOrCampaignId)).
        const condition = typeof id === 'string' ? (state.config.segments.get(id)?.when ?? runner?.audienceOf(id)) : undefined;
        if (!condition) {
          logger.warn(`explain: no segment or campaign named ${describe(id)}.`);
          return undefined;
        }
        const explainer = await loadChunk('explain');
        if (!explainer) return undefined;
        const context = eventContext(flattenHistory(state.days));
        const profile = currentProfile();
        // A segment reading the whole list is explained over the list it saw.
        const seen = profile && state.config.segments.sees?.(id as string, profile.segments);
        const { result, clauses } = explainer.explainCondition(condition, seen ? { ...profile, segments: seen } : profile, state.config.config.lists, context);
        return { id: id as string, result, clauses };
      });
    },

    consent(choice) {
      if (!CONSENT_STATES.includes(choice)) {
        logger.warn(`consent: ${badConsent(choice)}.`);
        return;
      }
      // A consent tool that answers on every page replays an old grant with no gesture of
      // the visitor's: that does not outweigh GPC; a grant the visitor gives (a click, a key)
      // does. The gesture is read now, GPC once the config says whether to heed it.
      const replayed = (win?.navigator as { userActivation?: { isActive: boolean } } | undefined)?.userActivation?.isActive === false;
      void enqueue('consent', async () => {
        if (choice == 'granted' && replayed && gpc()) {
          logger.warn('consent: a grant given without a click or key press of the visitor does not outweigh Global Privacy Control; ignored.');
          return;
        }
        await setConsent(choice);
        if (choice !== 'pending') channel?.postMessage({ type: choice });
      });
    },

    forget() {
      void enqueue('forget', async () => {
        await dropVisitor(true);
        channel?.postMessage({ type: 'forget' });
      });
    },

    show(campaignId, variantId) {
      void afterInit('show', async () => {
        if (runner) await runner.show(campaignId, variantId);
        else logger.warn(`show: no campaign named ${describe(campaignId)}.`);
      });
    },

    hide(campaignId) {
      void afterInit('hide', async () => (runner ? runner.hide(campaignId) : campaignId !== undefined && logger.warn(`hide: no campaign named ${describe(campaignId)}.`)));
    },

    on(name: string, listener: Listener) {
      if (typeof name === 'string' && typeof listener === 'function') emitter.on(name, listener);
      else logger.warn(`on: expected an event name and a function, got ${describe(name)} and ${describe(listener)}.`);
    },

    off(name: string, listener: Listener) {
      emitter.off(name, listener);
    },
  };
  // Every method catches, once for all: whatever the page passes or the browser does,
  // nothing is thrown into the host page.
  for (const name of Object.keys(api) as (keyof Beckon)[]) {
    const method = api[name] as (...args: unknown[]) => unknown;
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      try {
        return method(...args);
      } catch (error) {
        report(error, name);
        return undefined;
      }
    };
  }
  return api;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
