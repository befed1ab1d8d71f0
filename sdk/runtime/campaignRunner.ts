import {
  assignVariant,
  bucketOf,
  campaignBlock,
  fillContent,
  isConversion,
  rememberImpression,
  type Block,
  type Campaign,
  type CampaignMemory,
  type ContentKind,
  type EventContext,
  type FormValues,
  type MountedWidget,
  type Answer,
  type Variant,
  type VisitorRecord,
  type WidgetCallbacks,
  type WidgetContent,
  type WidgetView,
} from '../core/index.js';
import type { KeyValueStore } from '../storage/index.js';
import { isValidSelector, waitForElement, watchTrigger, type DomTrigger } from '../tracking/index.js';
import type { Outbox } from './outbox.js';
import type { QuizRuntime } from './quizRuntime.js';

/** What a container chunk exports: its component and the shared mount. */
export interface ContainerModule {
  Container: unknown;
  mountWidget(host: HTMLElement, view: WidgetView, callbacks: WidgetCallbacks, Content: unknown, Container: unknown): MountedWidget;
}
export interface ContentModule {
  Content: unknown;
}

/** What the runner needs from the rest of the SDK, so it can be tested on its own. */
export interface RunnerHost {
  win: Window;
  campaigns: Campaign[];
  storage: KeyValueStore;
  outbox: Outbox;
  now(): number;
  /** The current profile with `segments` (`given`, or derived now), the page path, the visitor and its session. */
  snapshot(given?: unknown): { profile: Record<string, unknown>; path: string; visitorId: string; session: string; pageviews: number; events: EventContext } | undefined;
  /** The visitor (none before the first hit) and the segments the last change found: what an event names, without deriving the profile again. */
  who(): Partial<Pick<VisitorRecord, 'id' | 'session'>> & { segments: string[] };
  loadWidget(type: Campaign['type'], kind: ContentKind): Promise<[ContainerModule, ContentModule] | undefined>;
  emit(name: string, payload: Record<string, unknown>): void;
  warn(message: string): void;
  identify(traits: Record<string, unknown>): void;
  /** Tells other tabs that stored state changed, so their caps see this tab's impressions. */
  announce(): void;
  /** The profile changed here (a quiz answer without traits): segments and campaigns re-check. */
  changed(): void;
  /** The page's quizzes (the `quizzes` chunk), when the config has any. */
  quiz?: QuizRuntime;
  /** Resolves in a later task (the entry's nextTask, which this chunk need not carry twice). */
  nextTask(): Promise<void>;
  /** While another tab's changes wait to be read here (a tab hidden meanwhile): resolves once they are. */
  caughtUp?(): Promise<unknown> | undefined;
}

export interface CampaignRunner {
  /** Re-checks every campaign after the profile or the page changed: arms, disarms, hides. `profile`: one just derived, not to derive again. */
  refresh(profile?: unknown): Promise<void>;
  /**
   * A tracked event: an `event` trigger, or a goal reached (its `value` and `currency` go
   * with the conversion). `at` is when it happened (default: now): a goal converts an
   * exposure before it, within the goal's window.
   */
  onEvent(name: string, props?: Record<string, unknown>, at?: number): Promise<void>;
  /** Another tab changed what is stored. */
  reload(): Promise<void>;
  /** A new page (SPA navigation): triggers re-arm for it. */
  newPage(): void;
  /** Shows a campaign now, whatever its audience and caps; a `preview` records nothing and tells no one. */
  show(id: string, variantId?: string, preview?: boolean): Promise<void>;
  hide(id?: string): void;
  /** `campaigns.<id>.impressions`, `.dismissedAt`, `.convertedAt` for the profile (DESIGN §3). */
  seen(): Record<string, { impressions: number; dismissedAt: number | null; convertedAt: number | null }>;
  /** `answers.<quizId>.<questionId>` for the profile (DESIGN §3). */
  answers(): Record<string, Record<string, Answer>>;
  /** A campaign's audience condition as written, for `explain()`; undefined for an unknown id. */
  audienceOf(id: string): Record<string, unknown> | undefined;
  /** Why each campaign is or is not showing, for debugging. */
  status(): Record<string, Block | 'armed' | 'placing' | 'showing' | 'shown' | 'holdout' | 'priority' | 'idle'>;
}

interface Armed {
  variant: Variant | undefined;
  stop: () => void;
  /** Resolves to the widget code, loading since the campaign became eligible. */
  widget?: Promise<[ContainerModule, ContentModule] | undefined>;
}

interface Showing {
  campaign: Campaign;
  variant: Variant;
  widget: MountedWidget | undefined;
  stop: () => void;
  /** The `<beckon-widget>` element, once placed. */
  host?: HTMLElement;
  /** Kept through a single-page navigation, and watched for the app taking it out (see watchPage). */
  kept?: boolean;
  /** Puts an inline host the app took out back at its target, if the target is there. */
  again?: () => void;
}

type Snapshot = NonNullable<ReturnType<RunnerHost['snapshot']>>;

const MEMORY_KEY = 'campaigns';
/**
 * Whether `el` (the document's focus) is where the visitor types: a text area, an input that
 * takes text (email and number too), or editable content, also inside a shadow root (a
 * store's web component, or one of our own widgets, whose host is the document's focus).
 */
const typesIn = (el: Element | null): boolean => {
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return !!el && ((el as HTMLElement).isContentEditable || el.localName == 'textarea' || (el.localName == 'input' && !/^(button|checkbox|color|file|hidden|image|radio|range|reset|submit)$/.test((el as HTMLInputElement).type)));
};

/**
 * Runs the campaigns of one page (DESIGN §5): which are eligible as the profile changes,
 * their triggers, their widget chunks (loaded when the campaign first becomes eligible,
 * so the trigger shows it within a frame), one widget per slot by priority, frequency
 * memory, holdouts, conversions, and the events of DESIGN §7.
 */
export function createCampaignRunner(host: RunnerHost): CampaignRunner {
  const { win, now } = host;
  const doc = win.document;
  /**
   * Where a campaign shows, one at a time: the popup, a bar's edge, a message's corner (its
   * edge alone below 752 px, where two corner cards of up to 360 px overlap), an inline
   * target. On a screen shorter than 600 px (a phone, or one held sideways) two bars with
   * a form overlap: one bar there; and a top and a bottom card too: one message, below 752 px.
   */
  const slotOf = (c: Campaign): unknown =>
    c.type === 'inline'
      ? // Its element, once in the page (`#slot` and `main .slot` naming one element are one
        // slot); until then, its selector.
        (doc.querySelector(c.target!) ?? `inline ${c.target}`)
      : c.type === 'popup'
        ? 'popup'
        : `${c.type} ${win.innerHeight < 600 && (c.type == 'bar' || win.innerWidth < 752) ? '' : c.type === 'message' && win.innerWidth < 752 ? c.position!.split('-')[0] : c.position}`;
  // A selector the browser cannot parse is a config error: the campaign is skipped.
  const campaigns = host.campaigns.filter((campaign) => {
    const bad = campaign.selectors.find(({ selector }) => !isValidSelector(doc, selector));
    if (bad) host.warn(`config ${bad.path}: ${JSON.stringify(bad.selector)} is not a valid CSS selector; campaign "${campaign.id}" skipped.`);
    return !bad;
  });
  const order = new Map(campaigns.map((c, i) => [c.id, i]));
  const byPriority = (a: Campaign, b: Campaign) => b.priority - a.priority || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  let memory: Record<string, CampaignMemory> = {};
  const { quiz } = host;
  const armed = new Map<string, Armed>();
  const showing = new Map<string, Showing>();
  const blocks = new Map<string, Block>();
  const fired: Campaign[] = [];
  /** Campaigns already shown (or held out) on this page, so a re-armed trigger does not repeat them. */
  const done = new Set<string>();
  /** What each running pass of flush() has yet to reach, in order: hide() withdraws it. */
  const passes = new Set<Campaign[]>();
  /** Fired while a campaign of higher priority held the slot. */
  const outranked = new Set<string>();
  /** Shown by `show()`: it stays, whatever the audience, pages or schedule say, until closed. */
  const forced = new Set<string>();
  /** Previewed on this page: shown to the marketer, not the visitor. */
  const previewed = new Set<string>();
  const expired = new Set<string>();
  /** Submitted or answered on this page: its widget stays when the answer changes the audience. */
  const submittedHere = new Set<string>();
  /** Campaigns whose form the visitor sent on this page. */
  const sent = new Set<string>();
  let loaded: Promise<void> | undefined;

  const load = () =>
    (loaded ??= Promise.all([
      host.storage.get<Record<string, CampaignMemory>>(MEMORY_KEY).then(
        (stored) => void (memory = stored && typeof stored === 'object' ? stored : {}),
        () => undefined,
      ),
      quiz?.load(),
    ]).then(() => undefined));
  /**
   * Stores what happened to a campaign: `change` gives its new memory, or nothing to leave
   * it as it is. Never rejects: called from widget callbacks and timers, where nobody
   * would catch.
   */
  const remember = async (id: string, change: (m: CampaignMemory | undefined) => CampaignMemory | undefined) => {
    const apply = (all: Record<string, CampaignMemory>) => {
      const next = change(all[id]);
      return next ? { ...all, [id]: next } : all;
    };
    // This page's view changes at once, so a trigger that fires before the write lands sees it.
    memory = apply(memory);
    try {
      memory = await host.storage.update<Record<string, CampaignMemory>>(MEMORY_KEY, (stored) => apply(stored && typeof stored === 'object' ? stored : {}));
      host.announce();
      // `campaigns.<id>.*` changed here too: segments and audiences built on it follow now
      // ("after the welcome bar, the offer"), not on the next page.
      host.changed();
    } catch (error) {
      host.warn(`campaign "${id}" could not be remembered: ${String(error)}`);
    }
  };
  /**
   * Counts an impression (or a holdout exposure) in the storage transaction that checks
   * the campaign against what is stored, not against this page's copy of it: two tabs
   * opened at once cannot both show a campaign capped at one. Resolves to what blocks it,
   * if anything does; without `snap` (show()) it counts whatever the caps say.
   */
  const claim = async (campaign: Campaign, variantId: string | null, snap: Snapshot | undefined): Promise<Block | undefined> => {
    let block: Block | undefined;
    await remember(campaign.id, (m) => ((block = snap && blockOf(campaign, snap, m)) ? undefined : rememberImpression(m, host.who().session?.id ?? '', now(), variantId)));
    if (block) {
      blocks.set(campaign.id, block);
      done.delete(campaign.id);
    }
    return block;
  };
  const payload = (campaign: Campaign, variantId: string | undefined, extra: Record<string, unknown> = {}) => {
    const { id, segments } = host.who();
    return { campaignId: campaign.id, variantId, segments, visitorId: id, ts: now(), ...extra };
  };

  /** Whether the page reads right to left: values filled into its text are isolated. */
  const rtl = () => win.getComputedStyle(doc.body ?? doc.documentElement).direction == 'rtl';

  const disarm = (id: string) => {
    armed.get(id)?.stop();
    armed.delete(id);
  };

  /** Closes a campaign's widget; `refill`: what it held back in its slot shows now (not after hide()). */
  const close = (id: string, refill = true) => {
    const open = showing.get(id);
    if (!open) return;
    showing.delete(id);
    // The widget first, while focus is still inside it: taking its host out drops focus to <body>.
    try {
      open.widget?.unmount();
    } catch (error) {
      host.warn(`campaign "${id}" could not be closed: ${String(error)}`);
    }
    open.stop();
    // Its slot is free: what it held back on this page (a trigger that fired once, not an
    // exit or a click, which fire again) shows now, if it still may.
    const slot = slotOf(open.campaign);
    for (const c of campaigns) if (refill && !rearmable(c) && armed.has(c.id) && slotOf(c) === slot && outranked.delete(c.id)) fire(c);
  };

  /**
   * One watch of the page's elements, started when something needs it, for what the page
   * may render or take away after Beckon looked: a widget kept through a single-page
   * navigation is closed once the app's new page takes its host out (rendered a while after
   * the page view counted), so its campaign may show again where its place is now; and
   * what a submitted form unlocks is unlocked as the store renders it (see unlock); and an
   * inline widget the app took out on this page, re-rendering its target, goes back in.
   */
  let watching: MutationObserver | undefined;
  const watchPage = () => {
    if (watching) return;
    watching = new (win as Window & typeof globalThis).MutationObserver(() => {
      unlock();
      for (const [id, open] of showing) {
        if (!open.kept) open.again?.();
        else if (!open.host!.isConnected) {
          close(id);
          done.delete(id);
          runner.refresh().catch((error) => host.warn(`campaign "${id}": ${String(error)}`));
        }
      }
    });
    watching.observe(doc.documentElement, { childList: true, subtree: true });
  };

  /**
   * Puts the widget's host in the page (inline: at its target, once it exists) and mounts
   * it; `mount` says whether that worked. Returns what takes the host out again, putting
   * back the content a `replace` took, also when the mount failed; and, when the place is
   * there already, the promise of placing it.
   */
  /**
   * Which campaign holds each inline target element: one widget per element, whichever
   * selector names it, also when it appears after the campaigns fired. True when another
   * campaign that is showing holds `target`; otherwise `id` takes it.
   */
  const holders = new WeakMap<Element, string>();
  const held = (target: Element, id: string) => {
    const holder = holders.get(target);
    if (holder && holder != id && showing.has(holder)) return true;
    holders.set(target, id);
    return false;
  };

  const placeHost = (campaign: Campaign, variant: Variant, gate: (target: Element) => Promise<boolean>, mount: (el: HTMLElement) => boolean): { stop: () => void; placing?: Promise<void>; again: () => void } => {
    // A defined element: stores hide `:not(:defined)` elements while their components load.
    try {
      const elements = (win as Window & typeof globalThis).customElements;
      if (!elements.get('beckon-widget')) elements.define('beckon-widget', class extends (win as Window & typeof globalThis).HTMLElement {});
    } catch {
      // A page without custom elements, or one that took the name: the host works undefined.
    }
    const el = doc.createElement('beckon-widget');
    el.setAttribute('data-campaign', campaign.id);
    el.setAttribute('data-variant', variant.id);
    el.setAttribute('data-type', campaign.type);
    let restore = () => el.remove();
    const put = (target: Element) => {
      if (campaign.mode === 'prepend') target.prepend(el);
      else if (campaign.mode === 'replace') {
        const saved = [...target.childNodes];
        target.replaceChildren(el);
        // Put back unless the app has filled the target anew meanwhile.
        restore = () => {
          if (el.parentNode === target || !target.firstChild) target.replaceChildren(...saved);
        };
      } else target.append(el);
    };
    let placed = false;
    let path = '';
    let last = 0;
    let strikes = 0;
    const place = (target: Element) => {
      put(target);
      if (mount(el)) {
        placed = true;
        path = win.location.pathname;
      } else restore();
    };
    // A script in <head> can get here before <body> exists: wait for it as for an inline
    // target. A popup, bar or message then goes beside <body>, not in it: a `transform`,
    // `filter` or `contain` on <body> would make it the box a `position: fixed` widget is
    // placed in (scrolling away with the page), and a flex <body> would lay the host out.
    // Once there is a place, the gate decides whether the widget goes in (a target the
    // page took away meanwhile gets it all the same: the next page view closes it).
    let placing: Promise<void> | undefined;
    let stopped = false;
    const stop = waitForElement(win, campaign.type === 'inline' ? (campaign.target as string) : 'body', (target) => {
      if (campaign.type !== 'inline') {
        // Beside <body>, the host would miss a `dir` or `lang` the store set on it.
        el.dir = win.getComputedStyle(target).direction;
        if ((target as HTMLElement).lang) el.lang = (target as HTMLElement).lang;
      }
      placing = gate(target).then((open) => void (open && !stopped && place(campaign.type === 'inline' ? target : doc.documentElement)));
    });
    return {
      stop: () => {
        stopped = true;
        stop();
        restore();
      },
      placing,
      // The app rendered the target anew (hydration, a refetch): the host goes back, its
      // widget as it was (its shadow root goes with it), counted once. Only on the page it
      // was shown on (a navigation's new page closes it, to show it afresh), and not against
      // an app that takes it out as soon as it is back: after three times within a second
      // each, it stays out.
      again() {
        const target = !stopped && !el.isConnected && placed && win.location.pathname == path && doc.querySelector(campaign.target!);
        if (!target || (now() - last < 1000 ? ++strikes : (strikes = 0)) > 3 || held(target, campaign.id)) return;
        last = now();
        put(target);
      },
    };
  };

  const callbacksFor = (campaign: Campaign, variant: Variant, preview?: boolean): WidgetCallbacks => ({
    now,
    dismiss() {
      close(campaign.id);
      // A form closed once sent was not turned down: no dismissal, no cooldown.
      if (sent.has(campaign.id)) return;
      host.emit('dismiss', payload(campaign, variant.id));
      void remember(campaign.id, (m) => ({ n: 0, ...m, dismissed: now() }));
      // A button that opens a campaign opens it again, as often as its caps allow; the
      // dismissal is already in this page's memory, so the caps see it.
      if (rearmable(campaign)) {
        done.delete(campaign.id);
        runner.refresh().catch((error) => host.warn(`campaign "${campaign.id}": ${String(error)}`));
      }
    },
    click(target, href) {
      host.emit('click', payload(campaign, variant.id, { target, ...(href && { href }) }));
    },
    async submit(values: FormValues) {
      // The new traits may take the visitor out of the audience: the success message stays anyway.
      submittedHere.add(campaign.id);
      const visitorId = host.who().id;
      // Values become traits; an email only where the form says `remember: true`.
      const fields = variant.content.kind === 'form' ? variant.content.fields : [];
      // An empty optional field says nothing about the visitor.
      const traits = Object.fromEntries(
        Object.entries(values).filter(([name, value]) => value !== '' && (fields.find((f) => f.name === name)?.type !== 'email' || variant.remember?.includes(name))),
      );
      host.identify(traits);
      sent.add(campaign.id);
      host.emit('submit', payload(campaign, variant.id, { fields: Object.keys(values) }));
      // The message is kept before the form is marked sent: a page left between the two
      // writes asks again on a later page, rather than drop what the visitor sent.
      if (variant.endpoint) {
        void host.outbox.send(variant.endpoint, { type: 'submit', campaignId: campaign.id, variantId: variant.id, visitorId, ts: now(), values });
      }
      await remember(campaign.id, (m) => ({ n: 0, ...m, v: variant.id, submitted: now() }));
      unlock();
      // The success message may read what was just given ({{traits.firstName}}): identify()
      // is queued, so the new traits are laid over the profile for it.
      if (variant.content.kind === 'form') {
        const profile = host.snapshot()?.profile as { traits?: object } | undefined;
        return fillContent(variant.content.submit.successMessage, () => ({ ...profile, traits: { ...profile?.traits, ...traits } }), rtl());
      }
    },
    expire() {
      close(campaign.id);
      expired.add(campaign.id);
    },
    ...(campaign.quiz &&
      quiz?.callbacks(
        campaign.quiz.id,
        (name, extra) => {
          // Answered here: as for a form, an answer that takes the visitor out of the audience does not take the quiz away.
          submittedHere.add(campaign.id);
          host.emit(name, payload(campaign, variant.id, extra));
        },
        preview,
      )),
  });

  /** The timer of the next schedule edge (see refresh), and when that edge is. */
  let edge: number | undefined;
  let edgeAt = Infinity;
  // Timers stand still while the computer sleeps: a visitor back on the page after an
  // edge passed (a sale ended overnight) has the campaigns checked at once.
  doc.addEventListener('visibilitychange', () => void (edgeAt <= now() && runner.refresh().catch((error) => host.warn(`campaigns: ${String(error)}`))));
  // A phone turned sideways (or a window made smaller): widgets that now share a slot (two
  // bars below 600 px of height) keep the one of the higher priority.
  win.addEventListener('resize', () => {
    const taken = new Set<unknown>();
    for (const c of [...showing.values()].map((open) => open.campaign).sort(byPriority)) if (taken.size == taken.add(slotOf(c)).size) close(c.id);
  });
  /**
   * What a submitted form unlocks stays unlocked: on later pages too, and where the store
   * renders the gated block after Beckon looked (a client-rendered page, a single-page
   * app's next page), which the watch started with the first unlock reveals as it comes.
   */
  const unlock = () => {
    let any = false;
    for (const campaign of campaigns) {
      const m = memory[campaign.id];
      const variant = m?.submitted !== undefined ? campaign.variants.find((v) => v.id === m.v) : undefined;
      if (!variant?.unlock) continue;
      any = true;
      for (const el of doc.querySelectorAll(variant.unlock)) el.removeAttribute('hidden');
    }
    if (any) watchPage();
  };

  /** Shows a variant once its widget code is there: checked against the caps as stored with `snap` (not for show()); a `preview` counts nothing. */
  const display = async (campaign: Campaign, variant: Variant, widget: Armed['widget'], snap: Snapshot | undefined, preview?: boolean) => {
    const content = variant.content.kind === 'quiz' ? quiz?.content(variant.content.quiz, preview) : fillContent(variant.content, () => host.snapshot()?.profile, rtl());
    if (!content) return;
    const view: WidgetView = {
      campaignId: campaign.id,
      variantId: variant.id,
      type: campaign.type,
      content,
      theme: campaign.theme,
      strings: campaign.strings,
      ...(campaign.position && { position: campaign.position }),
    };
    // A form that sends readies the outbox now, while the page is surely online.
    if (variant.endpoint) void host.outbox.flush();
    const entry: Showing = { campaign, variant, widget: undefined, stop: () => undefined };
    showing.set(campaign.id, entry);
    const modules = await (widget ?? host.loadWidget(campaign.type, variant.content.kind));
    // Rendering gets a task of its own, apart from evaluating the widget's chunks (Preact
    // and all), which the browser does in the task that resolves the import.
    await host.nextTask();
    if (!modules || showing.get(campaign.id) !== entry) {
      // Closed, or taken over by show() meanwhile: only this pass's own entry goes.
      if (showing.get(campaign.id) === entry) showing.delete(campaign.id);
      return;
    }
    const [container, contentModule] = modules;
    const gate = async (target: Element) => {
      if (campaign.type === 'inline' && held(target, campaign.id)) {
        // Another campaign's widget is there (its element appeared after both fired): this
        // one waits for a later page, as one outranked does.
        if (showing.get(campaign.id) === entry) showing.delete(campaign.id);
        outranked.add(campaign.id);
        return false;
      }
      if (preview) return true;
      // A tab opened in the background (or prerendered) shows it once the visitor looks:
      // an impression nobody saw would use up the caps and skew the test. A popup takes the
      // keyboard: one that opens by itself waits while the visitor types in a field of the
      // page (their search's next letters would land in its form), until focus leaves it.
      const waits = campaign.type == 'popup' && campaign.trigger.on != 'click';
      await new Promise<void>((resolve) => {
        const seen = () => {
          if (doc.visibilityState == 'hidden' || (waits && typesIn(doc.activeElement))) return;
          doc.removeEventListener('visibilitychange', seen);
          doc.removeEventListener('focusout', left);
          resolve();
        };
        // Where focus went is known a moment after it leaves.
        const left = () => win.setTimeout(seen);
        doc.addEventListener('visibilitychange', seen);
        doc.addEventListener('focusout', left);
        seen();
      });
      // A tab hidden meanwhile may be behind another tab's changes (an identify() there that
      // takes the visitor out of the audience): checked against them once they are read.
      const reading = snap && host.caughtUp?.();
      await reading;
      if (showing.get(campaign.id) !== entry) return false;
      if (!(await claim(campaign, variant.id, reading ? (host.snapshot() ?? snap) : snap))) return true;
      if (showing.get(campaign.id) === entry) showing.delete(campaign.id);
      disarm(campaign.id);
      return false;
    };
    let counted = false;
    const placed = placeHost(campaign, variant, gate, (el) => {
      entry.host = el;
      try {
        const callbacks = callbacksFor(campaign, variant, preview);
        // A preview closes, and a form in it succeeds, without a trace.
        if (preview) Object.assign(callbacks, { dismiss: () => close(campaign.id), click() {}, async submit() {} });
        entry.widget = container.mountWidget(el, view, callbacks, contentModule.Content, container.Container);
      } catch (error) {
        showing.delete(campaign.id);
        host.warn(`campaign "${campaign.id}" could not be shown: ${String(error)}`);
        return false;
      }
      // Counted in storage by the gate; told once it is in the page.
      if (!counted && !preview) {
        counted = true;
        host.emit('impression', payload(campaign, variant.id));
      }
      return true;
    });
    entry.stop = placed.stop;
    if (campaign.type === 'inline') {
      entry.again = placed.again;
      watchPage();
    }
    await placed.placing;
  };

  /** Shows what fired, by priority: one popup, one bar per edge, one message per corner, one inline per target. */
  const flush = async () => {
    const due = fired.splice(0).sort(byPriority);
    passes.add(due);
    const snap = host.snapshot();
    /** Slots held by holdouts of this pass; shown widgets are read afresh each time, since another pass may show one meanwhile. */
    const heldOut = new Set<unknown>();
    const busy = (slot: unknown) => heldOut.has(slot) || [...showing.values()].some((open) => slotOf(open.campaign) === slot);
    for (let campaign; (campaign = due.shift()); ) {
      const arm = armed.get(campaign.id);
      if (!arm || !snap || done.has(campaign.id)) continue;
      const block = blockOf(campaign, snap, memory[campaign.id]);
      if (block) {
        blocks.set(campaign.id, block);
        disarm(campaign.id);
        continue;
      }
      if (busy(slotOf(campaign))) {
        // The slot is busy: an exit or a click detector stays armed for the next one
        // (DESIGN §5); a trigger that would fire again at once waits for the next page.
        outranked.add(campaign.id);
        if (rearmable(campaign)) rearm(campaign, snap);
        continue;
      }
      done.add(campaign.id);
      disarm(campaign.id);
      if (!arm.variant) {
        // The control group: eligible and triggered, shown nothing, counted for lift.
        if (await claim(campaign, null, snap)) continue;
        heldOut.add(slotOf(campaign));
        host.emit('holdout', payload(campaign, undefined, { holdout: true }));
        continue;
      }
      await display(campaign, arm.variant, arm.widget, snap);
    }
    passes.delete(due);
  };

  const rearmable = (campaign: Campaign) => campaign.trigger.on === 'exit' || campaign.trigger.on === 'click';
  const rearm = (campaign: Campaign, snap: Snapshot) => {
    disarm(campaign.id);
    arm(campaign, snap);
  };

  const fire = (campaign: Campaign) => {
    fired.push(campaign);
    // Triggers that fire together settle by priority in one pass, a task later: several
    // `load`s, and the detectors of one input (an exit, a click, a scroll, delays that end
    // together), each its own listener or timer, between which the browser runs microtasks.
    if (fired.length === 1) win.setTimeout(() => void flush().catch((error) => host.warn(`campaigns could not be shown: ${String(error)}`)));
  };

  const blockOf = (campaign: Campaign, snap: Snapshot, m: CampaignMemory | undefined): Block | undefined => {
    const date = new Date(now());
    // A countdown that ended on this page retires the campaign even if the clock disagrees;
    // the visitor's own variant's countdown, once ended, retires it for them.
    const variant = assignVariant(campaign.variants, campaign.holdout, bucketOf(snap.visitorId, campaign.id));
    const until = variant?.content.kind === 'message' ? variant.content.countdown?.until : undefined;
    if (expired.has(campaign.id) || (until !== undefined && until <= now())) return 'schedule';
    const record = campaign.quiz && quiz?.record(campaign.quiz.id);
    return campaignBlock(campaign, { path: snap.path, now: now(), day: date.getDay(), hour: date.getHours(), session: snap.session, profile: snap.profile, events: snap.events, memory: m, quiz: record });
  };

  const arm = (campaign: Campaign, snap: Snapshot) => {
    const variant = assignVariant(campaign.variants, campaign.holdout, bucketOf(snap.visitorId, campaign.id));
    // Preload now, so the trigger shows the widget within a frame; a holdout needs no widget.
    const widget = variant && host.loadWidget(campaign.type, variant.content.kind);
    const entry: Armed = { variant, stop: () => undefined, ...(widget && { widget }) };
    armed.set(campaign.id, entry);
    const { trigger } = campaign;
    // `pageviews` shows on the count-th page view of the session (DESIGN §5), not on every one after it.
    if (trigger.on === 'load' || (trigger.on === 'pageviews' && snap.pageviews === trigger.count)) fire(campaign);
    else if (trigger.on !== 'event' && trigger.on !== 'pageviews') entry.stop = watchTrigger(win, trigger as DomTrigger, () => fire(campaign));
  };

  const runner: CampaignRunner = {
    async refresh(profile) {
      await load();
      const snap = host.snapshot(profile);
      if (!snap) return;
      unlock();
      for (const campaign of campaigns) {
        const block = blockOf(campaign, snap, memory[campaign.id]);
        if (block) {
          blocks.set(campaign.id, block);
          disarm(campaign.id);
          // Gone from the audience, the page or the schedule: a bar or message goes too; an open popup stays until closed.
          const open = showing.get(campaign.id);
          // Sent or converted in another tab counts as gone too: it must not be sent twice.
          const gone = block === 'pages' || block === 'schedule' || ((block === 'audience' || block === 'converted') && !submittedHere.has(campaign.id));
          if (open && campaign.type !== 'popup' && gone && !forced.has(campaign.id)) close(campaign.id);
        } else {
          blocks.delete(campaign.id);
          if (!armed.has(campaign.id) && !showing.has(campaign.id) && !done.has(campaign.id)) arm(campaign, snap);
        }
      }
      // A schedule's start, end or hour that passes while the visitor reads is a change
      // too: the campaigns are checked again then (a bar whose sale ended goes).
      win.clearTimeout(edge);
      const hour = new Date(now());
      hour.setHours(hour.getHours() + 1, 0, 0, 0);
      const next = Math.min(...campaigns.flatMap(({ schedule: s }) => (s ? [s.start, s.end, s.days || s.hours ? hour.getTime() : undefined] : [])).filter((at): at is number => at! > now()));
      edgeAt = next;
      if (next < Infinity) edge = win.setTimeout(() => void runner.refresh().catch((error) => host.warn(`campaigns: ${String(error)}`)), Math.min(next - now() + 250, 2 ** 31 - 1));
    },
    async onEvent(name, props, at = now()) {
      await load();
      for (const campaign of campaigns) {
        const m = memory[campaign.id];
        // An order converts once: its thank-you page opened again (the same transaction_id)
        // after a later impression does not count it twice.
        const tx = props?.transaction_id as string | undefined;
        if (isConversion(campaign, m, name, at) && !(tx && m?.tx === tx)) {
          await remember(campaign.id, (current) => ({ n: 0, ...current, converted: now(), ...(tx && { tx }) }));
          host.emit('conversion', payload(campaign, m?.v ?? undefined, { goal: name, ...(m?.v === null && { holdout: true }), value: props?.value, currency: props?.currency, ...(tx && { transaction_id: tx }) }));
        }
        if (campaign.trigger.on === 'event' && campaign.trigger.name === name && armed.has(campaign.id)) fire(campaign);
      }
    },
    async reload() {
      loaded = undefined;
      await load();
    },
    newPage() {
      for (const id of [...armed.keys()]) disarm(id);
      // What still shows (a bar, a message) counts as shown on the new page too: dismissed
      // there, it must not come straight back. A widget the app's new page took away (an
      // inline one, with its target) is closed, so it can show again where its place is
      // now; one still in the page is watched, as the app may render its page later.
      for (const [id, open] of showing) {
        if (open.host?.isConnected) {
          open.kept = true;
          watchPage();
          // One not in the page yet (its code loading, waiting for the visitor to stop
          // typing) was meant for the page left: it must not open on this one.
        } else close(id);
      }
      done.clear();
      for (const id of showing.keys()) done.add(id);
    },
    async show(id, variantId, preview) {
      await load();
      const campaign = campaigns.find((c) => c.id === id);
      if (!campaign) return host.warn(`show: no campaign named ${JSON.stringify(id)}.`);
      let variant = campaign.variants.find((v) => v.id === variantId);
      if (variantId !== undefined && !variant) host.warn(`show: campaign "${id}" has no variant ${JSON.stringify(variantId)}; showing the visitor's own.`);
      // Forced by the page, so never the holdout: the variant the visitor's trigger would
      // show, or for a held-out visitor one among the variants.
      const bucket = bucketOf(host.who().id ?? '', id);
      variant ??= (assignVariant(campaign.variants, campaign.holdout, bucket) ?? assignVariant(campaign.variants, 0, bucket)) as Variant;
      for (const open of [...showing.values()]) if (slotOf(open.campaign) === slotOf(campaign)) close(open.campaign.id);
      if (campaign.target && !doc.querySelector(campaign.target)) host.warn(`show: "${id}" waits for ${campaign.target}, not on this page.`);
      disarm(id);
      done.add(id);
      forced.add(id);
      if (preview) previewed.add(id);
      await display(campaign, variant, undefined, undefined, preview);
    },
    hide(id) {
      if (id !== undefined && !campaigns.some((c) => c.id === id)) host.warn(`hide: no campaign named ${JSON.stringify(id)}.`);
      // The store wants it gone: nothing it held back takes its place meanwhile, and what
      // fired with it but waits its turn in a pass (a corner behind a loading popup) goes too.
      for (const c of fired.concat(...passes)) if (id === undefined || c.id === id) disarm(c.id);
      for (const key of [...showing.keys()]) if (id === undefined || key === id) close(key, false);
    },
    seen() {
      // `m` is as stored: an older version or a hand edit may have left null there (#8). A
      // holdout visitor's exposures (variant null) count for the caps, but they saw nothing.
      return Object.fromEntries(
        Object.entries(memory).map(([id, m]) => [id, { impressions: m?.v === null ? 0 : (m?.n ?? 0), dismissedAt: m?.dismissed ?? null, convertedAt: m?.converted ?? null }]),
      );
    },
    answers: () => quiz?.answers() ?? {},
    audienceOf(id) {
      const campaign = campaigns.find((c) => c.id === id);
      return campaign && (campaign.when ?? {});
    },
    status() {
      return Object.fromEntries(
        campaigns.map((c) => {
          // On its way until its host is in the page: its code loading, a hidden tab, a
          // visitor typing, or an inline target not (yet) on the page.
          if (showing.has(c.id)) return [c.id, showing.get(c.id)!.host?.isConnected ? 'showing' : 'placing'];
          // A preview closed shows its campaign's own state again: nothing was shown to the visitor.
          if (done.has(c.id) && !previewed.has(c.id)) return [c.id, memory[c.id]?.v === null ? 'holdout' : 'shown'];
          return [c.id, blocks.get(c.id) ?? (outranked.has(c.id) ? 'priority' : armed.has(c.id) ? 'armed' : 'idle')];
        }),
      );
    },
  };
  return runner;
}
