import type { Config, ContentKind, EventContext, Problem, Profile, VisitorRecord, parseCampaignSection, parseQuizzes } from '../core/index.js';
import type { KeyValueStore } from '../storage/index.js';
import { createCampaignRunner, type CampaignRunner, type ContainerModule, type ContentModule } from './campaignRunner.js';
import { enqueueAll, type Outbox, type createOutbox } from './outbox.js';
import type { createQuizRuntime } from './quizRuntime.js';

/** What the `quizzes` chunk exports. */
export interface QuizChunk {
  parseQuizzes: typeof parseQuizzes;
  createQuizRuntime: typeof createQuizRuntime;
}

/** What createBeckon lends the campaigns of a page. */
export interface CampaignsHost {
  win: Window;
  config: Config;
  /** The profile roots the segments read. */
  segmentReads: ReadonlySet<string>;
  /** The config chunk's validator. */
  parseCampaignSection: typeof parseCampaignSection;
  /** Logs what validation found. */
  report(problems: Problem[]): void;
  /** Loads the readers of the attributes that conditions read. */
  loadReaders(roots: ReadonlySet<string>): Promise<void>;
  storage: KeyValueStore;
  now(): number;
  newId(): string;
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** The current visitor, page path, history and profile (with `segments`): `given`, or derived now. */
  current(given?: Profile): { visitor: VisitorRecord | undefined; path: string; events: EventContext; profile: Profile | undefined };
  /** The visitor (none before the first hit) and the segments the last change found, without deriving the profile. */
  who(): Partial<VisitorRecord> & { segments: string[] };
  loadChunk(name: string): Promise<unknown>;
  /** Starts loading a chunk that something loaded later imports; says nothing if it fails. */
  preloadChunk(name: string): void;
  /** The shared chunks each widget chunk imports, by name (from the build). */
  widgetImports?: Readonly<Record<string, readonly string[]>>;
  emit(name: string, payload: Record<string, unknown>): void;
  warn(message: string): void;
  identify(traits: Record<string, unknown>): void;
  announce(): void;
  changed(): void;
  /** False while consent is pending or denied: form submissions wait in the outbox. */
  allowed(): boolean;
  /** Resolves in a later task of the event loop. */
  nextTask(): Promise<void>;
  /** While another tab's changes wait to be read here: resolves once they are. */
  caughtUp?(): Promise<unknown> | undefined;
}

/**
 * Starts the campaigns of a page: validates them (and the quizzes they show, whose chunk
 * loads only for a config that has some), then the runner, and the outbox, whose chunk
 * loads when a form that sends is shown or an earlier page left messages waiting (then
 * flushed now, when the browser comes back online, and on retries). Lives in the
 * campaigns chunk, so a store without campaigns never downloads it.
 */
export async function startCampaigns(host: CampaignsHost): Promise<CampaignRunner> {
  const { win, config } = host;
  const quizChunk = config.quizzes === undefined ? undefined : ((await host.loadChunk('quizzes')) as QuizChunk | undefined);
  const problems: Problem[] = [];
  const reads = new Set<string>();
  const quizzes = quizChunk?.parseQuizzes(config, problems, reads) ?? [];
  const section = host.parseCampaignSection(config, quizChunk && { valid: quizzes, all: config.quizzes });
  host.report([...problems, ...section.problems]);
  await host.loadReaders(new Set([...reads, ...section.reads]));
  let loading: Promise<Outbox | undefined> | undefined;
  const flush = () =>
    (loading ??= host.loadChunk('outbox').then((chunk) =>
      (chunk as { createOutbox: typeof createOutbox } | undefined)?.createOutbox(host),
    )).then((o) => o?.flush());
  // A message is kept before the outbox chunk is asked for: a chunk that cannot load now
  // (offline, say) leaves it stored for a later page.
  const outbox: Outbox = {
    send: (url, body) => enqueueAll(host.storage, [{ id: host.newId(), url, body }]).then(flush, () => undefined),
    flush,
  };
  win.addEventListener('online', () => void flush());
  const flushWaiting = () =>
    host.storage.get<unknown[]>('outbox').then(
      (waiting) => {
        if (Array.isArray(waiting) && waiting.length > 0) return flush();
      },
      () => undefined,
    );
  void flushWaiting();
  const runner = createCampaignRunner({
    ...host,
    campaigns: section.campaigns,
    outbox,
    // What a campaign's memory changes (`campaigns.<id>.*`) is followed at once where a
    // segment or an audience reads it; elsewhere it derives nothing.
    changed: [...section.reads, ...host.segmentReads].includes('campaigns') ? host.changed : () => undefined,
    ...(quizChunk && {
      quiz: quizChunk.createQuizRuntime({ ...host, quizzes, profile: () => host.current().profile }),
    }),
    snapshot(given) {
      const { visitor, path, events, profile } = host.current(given as Profile | undefined);
      if (!visitor || !profile) return undefined;
      const { session } = visitor;
      return { profile: profile as unknown as Record<string, unknown>, path, visitorId: visitor.id, session: session.id, pageviews: session.pageviews, events };
    },
    loadWidget: (type, kind: ContentKind) => {
      const names = [type, `${kind}Content`];
      // Their own imports are asked for at the same time: one round trip, not two.
      for (const name of names) for (const shared of host.widgetImports?.[name] ?? []) host.preloadChunk(shared);
      return Promise.all(names.map((name) => host.loadChunk(name))).then(([container, content]) =>
        container && content ? [container as ContainerModule, content as ContentModule] : undefined,
      );
    },
  });
  // Its memory is read before the first profile: `campaigns.*` is part of it.
  await runner.reload();
  // What a form sent while consent was pending goes once it is granted: the grant reads
  // the stored visitor again, which refreshes the campaigns.
  let allowed = host.allowed();
  const refresh = runner.refresh;
  runner.refresh = (profile) => {
    const was = allowed;
    if ((allowed = host.allowed()) && !was) void flushWaiting();
    return refresh(profile);
  };
  return runner;
}
