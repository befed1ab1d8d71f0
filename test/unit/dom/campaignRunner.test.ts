import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCampaignSection, type Campaign, type CampaignMemory, type WidgetCallbacks, type VisitorRecord, type WidgetView } from '../../../sdk/core/index.js';
import { createCampaignRunner, type CampaignRunner, type ContainerModule, type ContentModule, type RunnerHost } from '../../../sdk/runtime/index.js';
import { createMemoryStore } from '../../../sdk/storage/index.js';
import { nextTask } from '../../../sdk/runtime/nextTask.js';
import { stopPageWatches } from './pageWatches.js';

/** Wednesday 10 June 2026, noon, in the visitor's own time zone (schedules read local days and hours). */
const START = new Date(2026, 5, 10, 12).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Lets microtasks (load triggers), widget promises and mutation observers settle, and the
 * task each widget renders in (one per widget a flush shows, in turn).
 */
const settle = async () => {
  for (let turn = 0; turn < 4; turn++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
};

/** A resolvable promise, for widget code that is still downloading. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const message = (title = 'Hello') => ({ kind: 'message', title });

/** A raw campaign as it sits in the config: a popup with a message, shown on load, unless told otherwise. */
const raw = (id: string, fields: Record<string, unknown> = {}): Record<string, unknown> => ({ id, type: 'popup', content: message(), ...fields });

/** Campaigns through the real validator, as the campaigns chunk gets them. */
function parse(list: Record<string, unknown>[]): Campaign[] {
  const { campaigns, problems } = parseCampaignSection({ campaigns: list, theme: undefined, lists: {} });
  if (campaigns.length !== list.length) throw new Error(`invalid test campaign: ${JSON.stringify(problems)}`);
  return campaigns;
}

const Container = { name: 'the container component' };
const Content = { name: 'the content component' };

/**
 * One visitor's browser: the storage every page shares, the visitor's current state, and
 * one log of what the runners did (`mount`, `unmount`, emitted events, warnings, identify,
 * outbox sends), in order.
 */
function browser() {
  const storage = createMemoryStore();
  const state = {
    profile: {} as Record<string, unknown>,
    path: '/',
    visitorId: 'visitor-1',
    session: 's1',
    pageviews: 1,
    segments: ['returning'],
    now: START,
  };
  const log: string[] = [];
  const emitted: [string, Record<string, unknown>][] = [];
  const sent: [string, Record<string, unknown>][] = [];
  const views: WidgetView[] = [];
  const components: unknown[][] = [];
  /** Callbacks of the latest mount of each campaign, as a widget would use them. */
  const callbacks = new Map<string, WidgetCallbacks>();
  const loads: string[] = [];
  /** Widget code per container type that has not arrived yet; the rest loads at once. */
  const slow = new Map<string, Promise<void>>();
  const failing = { mount: false };

  const container: ContainerModule = {
    Container,
    mountWidget(host, view, cbs, content, outer) {
      if (failing.mount) throw new Error('no adoptedStyleSheets');
      log.push(`mount ${view.campaignId}/${view.variantId}`);
      views.push(view);
      components.push([content, outer]);
      callbacks.set(view.campaignId, cbs);
      return {
        unmount() {
          log.push(`unmount ${view.campaignId}`);
          // As the real mountWidget does.
          host.remove();
        },
      };
    },
  };
  const contentModule: ContentModule = { Content };

  /** A page load: a new runner over the same storage. */
  const page = (campaigns: Campaign[] | Record<string, unknown>[]): CampaignRunner => {
    const host: RunnerHost = {
      win: window,
      campaigns: campaigns.every((c) => 'selectors' in c) ? (campaigns as Campaign[]) : parse(campaigns as Record<string, unknown>[]),
      storage,
      outbox: {
        async send(url, body) {
          log.push(`send ${url}`);
          sent.push([url, body]);
        },
        flush: async () => undefined,
      },
      now: () => state.now,
      snapshot: () => ({
        profile: state.profile,
        path: state.path,
        visitorId: state.visitorId,
        session: state.session,
        pageviews: state.pageviews,
        events: { events: [], now: state.now },
      }),
      who: () => ({ id: state.visitorId, session: { id: state.session } as VisitorRecord['session'], segments: [...state.segments] }),
      async loadWidget(type, kind) {
        loads.push(`${type}/${kind}`);
        await slow.get(type);
        return [container, contentModule];
      },
      emit(name, payload) {
        log.push(`${name} ${String(payload.campaignId)}/${String(payload.variantId ?? '-')}`);
        emitted.push([name, payload]);
      },
      warn: (text) => void log.push(`warn ${text}`),
      identify: (traits) => void log.push(`identify ${JSON.stringify(traits)}`),
      announce: () => undefined,
      changed: () => undefined,
      nextTask,
    };
    return createCampaignRunner(host);
  };

  /** A page load that has run its first refresh and shown what loads with it. */
  const load = async (campaigns: Campaign[] | Record<string, unknown>[]) => {
    const runner = page(campaigns);
    await runner.refresh();
    await settle();
    return runner;
  };

  const memory = async () => (await storage.get<Record<string, CampaignMemory>>('campaigns')) ?? {};
  const hosts = () => [...document.querySelectorAll('beckon-widget')].map((el) => el.getAttribute('data-campaign'));
  /** Calls a shown widget's callback, as the widget would. */
  const widget = (id: string) => {
    const cbs = callbacks.get(id);
    if (!cbs) throw new Error(`campaign ${id} was never mounted`);
    return cbs;
  };

  return { storage, state, log, emitted, sent, views, components, loads, slow, failing, page, load, memory, hosts, widget };
}

beforeEach(() => {
  stopPageWatches();
  document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
});

describe('createCampaignRunner: showing', () => {
  it('shows a load campaign once, in its host element, with an impression and memory', async () => {
    const b = browser();
    const runner = b.page([raw('welcome')]);
    await runner.refresh();
    await runner.refresh();
    await settle();
    await runner.refresh();
    await settle();
    const el = document.querySelector<HTMLElement>('beckon-widget');
    expect({
      log: b.log,
      host: el && { parent: el.parentElement?.tagName, campaign: el.dataset.campaign, variant: el.dataset.variant, type: el.dataset.type },
      impression: b.emitted[0]?.[1],
      memory: await b.memory(),
      status: runner.status(),
    }).toEqual({
      log: ['mount welcome/default', 'impression welcome/default'],
      host: { parent: 'HTML', campaign: 'welcome', variant: 'default', type: 'popup' },
      impression: { campaignId: 'welcome', variantId: 'default', segments: ['returning'], visitorId: 'visitor-1', ts: START },
      memory: { welcome: { n: 1, sid: 's1', sn: 1, at: START, v: 'default' } },
      status: { welcome: 'showing' },
    });
  });

  it('mounts the loaded components with a view templated from the profile', async () => {
    const b = browser();
    b.state.profile = { traits: { firstName: 'Ann' } };
    await b.load([raw('hi', { type: 'message', placement: { position: 'top-left' }, content: message('Hi {{traits.firstName|there}}'), theme: { radius: 4 }, strings: { close: 'Chiudi' } })]);
    expect({ views: b.views, components: b.components, loads: b.loads }).toEqual({
      views: [{ campaignId: 'hi', variantId: 'default', type: 'message', position: 'top-left', content: { kind: 'message', title: 'Hi Ann' }, theme: { radius: 4 }, strings: { close: 'Chiudi' } }],
      components: [[Content, Container]],
      loads: ['message/message'],
    });
  });

  it('emits click with what was used and its link', async () => {
    const b = browser();
    await b.load([raw('c')]);
    b.state.now += 1000;
    b.widget('c').click('cta', '/cart');
    b.widget('c').click('coupon');
    const base = { campaignId: 'c', variantId: 'default', segments: ['returning'], visitorId: 'visitor-1', ts: START + 1000 };
    expect(b.emitted.slice(1)).toEqual([
      ['click', { ...base, target: 'cta', href: '/cart' }],
      ['click', { ...base, target: 'coupon' }],
    ]);
  });

  it('reads what another tab stored on reload', async () => {
    const b = browser();
    const campaigns = [raw('c', { trigger: { on: 'event', name: 'added' } })];
    const here = await b.load(campaigns);
    const there = await b.load(campaigns);
    await there.onEvent('added');
    await settle();
    b.log.push('-- this tab');
    await here.reload();
    await here.onEvent('added');
    await settle();
    // The trigger fires here too, and finds the other tab's impression: blocked, not shown.
    expect({ log: b.log, status: here.status() }).toEqual({ log: ['mount c/default', 'impression c/default', '-- this tab'], status: { c: 'frequency' } });
  });
});

describe('createCampaignRunner: audience, pages and schedule', () => {
  const vip = { audience: { 'traits.vip': true } };

  it('waits for the audience, and shows once the profile matches and refresh runs again', async () => {
    const b = browser();
    b.state.profile = { traits: {} };
    const runner = await b.load([raw('vip', vip)]);
    b.log.push(`status ${runner.status().vip}`);
    b.state.profile = { traits: { vip: true } };
    await runner.refresh();
    await settle();
    expect(b.log).toEqual(['status audience', 'mount vip/default', 'impression vip/default']);
  });

  it('closes a bar or a message that leaves the audience; an open popup stays', async () => {
    const b = browser();
    b.state.profile = { traits: { vip: true } };
    const runner = await b.load([raw('popup', vip), raw('bar', { ...vip, type: 'bar' }), raw('corner', { ...vip, type: 'message' })]);
    b.log.push('-- no longer vip');
    b.state.profile = { traits: {} };
    await runner.refresh();
    await settle();
    expect({ log: b.log, hosts: b.hosts() }).toEqual({
      log: [
        'mount popup/default',
        'impression popup/default',
        'mount bar/default',
        'impression bar/default',
        'mount corner/default',
        'impression corner/default',
        '-- no longer vip',
        'unmount bar',
        'unmount corner',
      ],
      hosts: ['popup'],
    });
  });

  // Wednesday 10 June 2026, 12:00 local time.
  it.each<[string, Record<string, unknown>, string, string]>([
    ['no pages rule', {}, '/anything', 'showing'],
    ['an included path', { pages: { include: ['/products/*'] } }, '/products/shoe', 'showing'],
    ['a path outside include', { pages: { include: ['/products/*'] } }, '/cart', 'pages'],
    ['`*` stays within a segment', { pages: { include: ['/products/*'] } }, '/products/a/b', 'pages'],
    ['`**` spans segments', { pages: { include: ['/products/**'] } }, '/products/a/b', 'showing'],
    ['an excluded path', { pages: { include: ['/**'], exclude: ['/checkout*'] } }, '/checkout-step-2', 'pages'],
    ['`/checkout*` leaves the pages under /checkout/', { pages: { exclude: ['/checkout*'] } }, '/checkout/pay', 'showing'],
    ['a path beside the exclusion', { pages: { include: ['/**'], exclude: ['/checkout*'] } }, '/cart', 'showing'],
    ['a schedule not started', { schedule: { start: '2026-07-01T00:00:00Z' } }, '/', 'schedule'],
    ['a schedule ended', { schedule: { end: '2026-06-01T00:00:00Z' } }, '/', 'schedule'],
    ['inside start and end', { schedule: { start: '2026-06-01T00:00:00Z', end: '2026-07-01T00:00:00Z' } }, '/', 'showing'],
    ['on a listed day', { schedule: { days: [3] } }, '/', 'showing'],
    ['on a day not listed', { schedule: { days: [0, 6] } }, '/', 'schedule'],
    ['within the hours', { schedule: { hours: [9, 17] } }, '/', 'showing'],
    ['outside hours that wrap past midnight', { schedule: { hours: [18, 9] } }, '/', 'schedule'],
    ["hours past midnight belong to the day they start on: Tuesday's [22, 13] runs at Wednesday noon", { schedule: { days: [2], hours: [22, 13] } }, '/', 'showing'],
    ['and not to the day they run into', { schedule: { days: [3], hours: [22, 13] } }, '/', 'schedule'],
    ['a listed day past its start of hours that wrap', { schedule: { days: [3], hours: [11, 2] } }, '/', 'showing'],
  ])('%s', async (_, fields, path, expected) => {
    const b = browser();
    b.state.path = path;
    const runner = await b.load([raw('c', fields)]);
    expect({ status: runner.status().c, mounts: b.log.filter((line) => line.startsWith('mount')).length }).toEqual({ status: expected, mounts: expected === 'showing' ? 1 : 0 });
  });

  it('waits for a tab opened in the background to be seen before it shows anything or counts an impression', async () => {
    const b = browser();
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      await b.load([raw('welcome')]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect({ log: b.log.filter((line) => line.startsWith('mount')), emitted: b.emitted.map(([name]) => name), memory: await b.memory() }).toEqual({ log: [], emitted: [], memory: {} });
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      await vi.waitFor(() => expect(b.emitted.map(([name]) => name)).toEqual(['impression']));
      expect(b.log.filter((line) => line.startsWith('mount'))).toEqual(['mount welcome/default']);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('takes a bar away when its schedule ends on the page, and shows one whose schedule starts there', async () => {
    const b = browser();
    const at = (ms: number) => new Date(b.state.now + ms).toISOString();
    const runner = await b.load([raw('ending', { type: 'bar', schedule: { end: at(100) } }), raw('starting', { type: 'message', schedule: { start: at(100) } })]);
    expect(runner.status()).toMatchObject({ ending: 'showing', starting: 'schedule' });
    // The clock passes both edges; nothing else happens on the page.
    b.state.now += 200;
    await vi.waitFor(() => expect(runner.status()).toMatchObject({ ending: 'shown', starting: 'showing' }), { timeout: 2000 });
    // `showing` is said from the moment the message is on its way: its mount follows.
    await vi.waitFor(() => expect(b.log.filter((line) => /^(mount|unmount)/.test(line))).toEqual(['mount ending/default', 'unmount ending', 'mount starting/default']));
  });
});

describe('createCampaignRunner: frequency', () => {
  it('caps impressions per session across page loads, and shows again in a new session', async () => {
    const b = browser();
    const campaigns = [raw('c', { frequency: { maxPerSession: 2 } })];
    for (const session of ['s1', 's1', 's1', 's2']) {
      b.state.session = session;
      const runner = await b.load(campaigns);
      b.log.push(`-- ${session}: ${runner.status().c}`);
    }
    expect({ log: b.log, memory: (await b.memory()).c }).toEqual({
      log: [
        'mount c/default',
        'impression c/default',
        '-- s1: showing',
        'mount c/default',
        'impression c/default',
        '-- s1: showing',
        '-- s1: frequency',
        'mount c/default',
        'impression c/default',
        '-- s2: showing',
      ],
      memory: { n: 3, sid: 's2', sn: 1, at: START, v: 'default' },
    });
  });

  // Two tabs opened at once (a visitor opening products in new tabs) each read the memory
  // before either showed: the caps are claimed where the impression is stored.
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['maxPerSession', {}, 'popup', ['mount c/default', 'impression c/default']],
    ['maxImpressions', { frequency: { maxImpressions: 1, maxPerSession: 5 } }, 'popup', ['mount c/default', 'impression c/default']],
    ['a holdout exposure', { holdout: 99.99 }, 'popup', ['holdout c/-']],
    ['an inline widget, claimed once its target is there', { type: 'inline', placement: { target: '#slot' } }, 'inline', ['mount c/default', 'impression c/default']],
  ])('two tabs loading at once show a campaign capped at one once: %s', async (_, fields, type, expected) => {
    const b = browser();
    if (type === 'inline') document.body.innerHTML = '<div id="slot"></div>';
    const campaigns = [raw('c', fields)];
    const tabs = [b.page(campaigns), b.page(campaigns)];
    await Promise.all(tabs.map((tab) => tab.refresh()));
    await settle();
    expect({ log: b.log, n: (await b.memory()).c?.n, statuses: tabs.map((tab) => tab.status().c).sort() }).toEqual({
      log: expected,
      n: 1,
      statuses: [fields.holdout ? 'holdout' : 'showing', 'frequency'].sort(),
    });
  });

  it('show() takes no claim: it shows whatever the caps say, and counts the impression', async () => {
    const b = browser();
    const campaigns = [raw('c')];
    await b.load(campaigns);
    b.hosts().length && b.widget('c').dismiss();
    const runner = await b.load(campaigns);
    await runner.show('c');
    await settle();
    expect({ hosts: b.hosts(), n: (await b.memory()).c?.n }).toEqual({ hosts: ['c'], n: 2 });
  });

  it('emits dismiss and keeps the campaign away for the cooldown, even in a new session', async () => {
    const b = browser();
    const campaigns = [raw('c')];
    await b.load(campaigns);
    b.state.now += HOUR;
    b.widget('c').dismiss();
    for (const [session, later] of [['s2', DAY], ['s3', 168 * HOUR]] as const) {
      b.state.session = session;
      b.state.now += later;
      const runner = await b.load(campaigns);
      b.log.push(`-- ${session}: ${runner.status().c}`);
    }
    expect({ log: b.log, dismiss: b.emitted.find(([name]) => name === 'dismiss')?.[1] }).toEqual({
      log: ['mount c/default', 'impression c/default', 'unmount c', 'dismiss c/default', '-- s2: cooldown', 'mount c/default', 'impression c/default', '-- s3: showing'],
      dismiss: { campaignId: 'c', variantId: 'default', segments: ['returning'], visitorId: 'visitor-1', ts: START + HOUR },
    });
  });
});

describe('createCampaignRunner: slots', () => {
  it.each<[string, Record<string, unknown>[], string[]]>([
    ['two popups: the higher priority', [raw('low', { priority: 1 }), raw('high', { priority: 5 })], ['high']],
    ['two popups of the same priority: config order', [raw('first'), raw('second')], ['first']],
    ['two messages in one corner', [raw('a', { type: 'message' }), raw('b', { type: 'message', priority: 2 })], ['b']],
    ['messages in different corners', [raw('a', { type: 'message', placement: { position: 'bottom-left' } }), raw('b', { type: 'message' })], ['a', 'b']],
    ['a bar on top and one at the bottom', [raw('top', { type: 'bar' }), raw('bottom', { type: 'bar', placement: { position: 'bottom' } })], ['top', 'bottom']],
    ['two bars on top', [raw('top', { type: 'bar' }), raw('top2', { type: 'bar' })], ['top']],
    ['a popup, a bar and a message', [raw('p'), raw('b', { type: 'bar' }), raw('m', { type: 'message' })], ['p', 'b', 'm']],
  ])('%s', async (_, campaigns, shown) => {
    const b = browser();
    await b.load(campaigns);
    expect(b.hosts()).toEqual(shown);
  });

  /** The campaigns that show in a viewport whose `side` is `px`, the window's own size put back after. */
  async function shownAt(side: 'innerWidth' | 'innerHeight', px: number, campaigns: Record<string, unknown>[]) {
    const was = window[side];
    Object.defineProperty(window, side, { configurable: true, value: px });
    try {
      const b = browser();
      await b.load(campaigns);
      return b.hosts();
    } finally {
      Object.defineProperty(window, side, { configurable: true, value: was });
    }
  }

  // Two corner cards of up to 360 px overlap below 752 px: one message per edge there.
  it.each([
    [390, ['b']],
    [751, ['b']],
    [752, ['b', 'a']],
  ])('in a viewport %i px wide, messages in the bottom corners show %j', async (width, shown) => {
    expect(await shownAt('innerWidth', width, [raw('a', { type: 'message', placement: { position: 'bottom-left' } }), raw('b', { type: 'message', priority: 2 })])).toEqual(shown);
  });

  // A screen shorter than 600 px (a small phone, or one held sideways) has room for one bar:
  // a top and a bottom bar with a form each would cover each other.
  it.each([
    [599, ['bottom']],
    [600, ['bottom', 'top']],
  ])('in a viewport %i px high, a top and a higher-priority bottom bar show %j', async (height, shown) => {
    expect(await shownAt('innerHeight', height, [raw('top', { type: 'bar' }), raw('bottom', { type: 'bar', priority: 2, placement: { position: 'bottom' } })])).toEqual(shown);
  });

  it('keeps the higher-priority bar when the screen turns and two bars come to share one slot', async () => {
    const tall = window.innerHeight;
    try {
      const b = browser();
      await b.load([raw('top', { type: 'bar' }), raw('bottom', { type: 'bar', priority: 2, placement: { position: 'bottom' } })]);
      expect(b.hosts()).toEqual(['bottom', 'top']);
      Object.defineProperty(window, 'innerHeight', { configurable: true, value: 390 });
      window.dispatchEvent(new Event('resize'));
      expect(b.hosts()).toEqual(['bottom']);
    } finally {
      Object.defineProperty(window, 'innerHeight', { configurable: true, value: tall });
    }
  });

  it('says which campaign lost its slot to a higher priority', async () => {
    const b = browser();
    const runner = await b.load([raw('low', { priority: 1 }), raw('high', { priority: 5 })]);
    expect(runner.status()).toEqual({ low: 'priority', high: 'showing' });
  });

  it('shows the campaign held back once the one in its slot is dismissed, and not after hide()', async () => {
    const dismissed = browser();
    const runner = await dismissed.load([raw('low', { priority: 1 }), raw('high', { priority: 5 })]);
    dismissed.widget('high').dismiss();
    await vi.waitFor(() => expect(runner.status()).toEqual({ low: 'showing', high: 'shown' }));
    runner.hide();
    const hidden = browser();
    const other = await hidden.load([raw('low', { priority: 1 }), raw('high', { priority: 5 })]);
    other.hide('high');
    await settle();
    expect({ status: other.status(), hosts: hidden.hosts() }).toEqual({ status: { low: 'priority', high: 'shown' }, hosts: [] });
  });

  it('shows a campaign show() asks for while its own trigger\'s widget is still loading', async () => {
    const b = browser();
    const popupCode = deferred<void>();
    b.slow.set('popup', popupCode.promise);
    const runner = b.page([raw('welcome')]);
    await runner.refresh();
    await settle();
    const shown = runner.show('welcome');
    popupCode.resolve();
    await shown;
    await settle();
    expect({ hosts: b.hosts(), status: runner.status() }).toEqual({ hosts: ['welcome'], status: { welcome: 'showing' } });
  });

  it('counts a bar still showing after a single-page navigation as shown there: dismissed, it stays away', async () => {
    const b = browser();
    const runner = await b.load([raw('bar', { type: 'bar', frequency: { maxPerSession: 3, cooldownHours: 0 } })]);
    runner.newPage();
    await runner.refresh();
    await settle();
    b.widget('bar').dismiss();
    await runner.refresh();
    await settle();
    expect(b.hosts()).toEqual([]);
  });

  // A flush awaits each display in turn; a campaign another flush shows meanwhile (an
  // event trigger firing while a message's code still downloads) must still hold its slot.
  it('keeps one popup when a trigger fires while another campaign is loading', async () => {
    const b = browser();
    const messageCode = deferred<void>();
    b.slow.set('message', messageCode.promise);
    const runner = b.page([
      raw('corner', { type: 'message', priority: 10 }),
      raw('later'),
      raw('now', { trigger: { on: 'event', name: 'added' } }),
    ]);
    await runner.refresh();
    await settle();
    await runner.onEvent('added');
    await settle();
    messageCode.resolve();
    await settle();
    expect(b.hosts()).toEqual(['now', 'corner']);
  });
});

describe('createCampaignRunner: holdout and conversions', () => {
  const holdout = { holdout: 99.99, goal: { event: 'purchase', within: '1d' } };

  it('logs a holdout visitor, mounts nothing, and remembers the exposure as v=null', async () => {
    const b = browser();
    const runner = await b.load([raw('h', holdout)]);
    expect({ log: b.log, holdout: b.emitted[0]?.[1], loads: b.loads, memory: await b.memory(), status: runner.status(), hosts: b.hosts(), seen: runner.seen() }).toEqual({
      log: ['holdout h/-'],
      holdout: { campaignId: 'h', variantId: undefined, segments: ['returning'], visitorId: 'visitor-1', ts: START, holdout: true },
      loads: [],
      memory: { h: { n: 1, sid: 's1', sn: 1, at: START, v: null } },
      status: { h: 'holdout' },
      hosts: [],
      // The profile's campaigns.h.impressions: what the visitor saw, nothing (the caps still count the exposure).
      seen: { h: { impressions: 0, dismissedAt: null, convertedAt: null } },
    });
  });

  it('converts a holdout visitor once for a goal event within the window', async () => {
    const b = browser();
    const runner = await b.load([raw('h', holdout)]);
    b.state.now += 2 * HOUR;
    await runner.onEvent('add_to_cart');
    await runner.onEvent('purchase');
    await runner.onEvent('purchase');
    expect({ log: b.log, conversion: b.emitted[1]?.[1] }).toEqual({
      log: ['holdout h/-', 'conversion h/-'],
      conversion: { campaignId: 'h', variantId: undefined, segments: ['returning'], visitorId: 'visitor-1', ts: START + 2 * HOUR, goal: 'purchase', holdout: true },
    });
  });

  it('converts an order once: its thank-you page opened again after a later impression does not count it twice', async () => {
    const b = browser();
    const campaigns = [raw('c', { goal: { event: 'purchase' }, frequency: { stopAfterConversion: false, maxPerSession: 10 }, variants: [{ id: 'only', content: message() }] })];
    const first = await b.load(campaigns);
    b.state.now += HOUR;
    await first.onEvent('purchase', { transaction_id: 'T-1', value: 59 });
    b.state.now += HOUR;
    const next = await b.load(campaigns);
    b.state.now += HOUR;
    await next.onEvent('purchase', { transaction_id: 'T-1', value: 59 });
    await next.onEvent('purchase', { transaction_id: 'T-2', value: 20 });
    expect(b.log.filter((line) => !line.startsWith('mount'))).toEqual(['impression c/only', 'conversion c/only', 'impression c/only', 'conversion c/only']);
    expect(b.emitted.filter(([name]) => name === 'conversion').map(([, p]) => [p.transaction_id, p.value])).toEqual([
      ['T-1', 59],
      ['T-2', 20],
    ]);
  });

  it('converts a shown variant with its variant id, on a later page', async () => {
    const b = browser();
    const campaigns = [raw('c', { goal: { event: 'purchase' }, variants: [{ id: 'only', content: message() }] })];
    await b.load(campaigns);
    b.state.now += 3 * DAY;
    const next = b.page(campaigns);
    await next.onEvent('purchase');
    expect({ log: b.log, conversion: b.emitted[1]?.[1] }).toEqual({
      log: ['mount c/only', 'impression c/only', 'conversion c/only'],
      conversion: { campaignId: 'c', variantId: 'only', segments: ['returning'], visitorId: 'visitor-1', ts: START + 3 * DAY, goal: 'purchase' },
    });
  });

  it('carries a purchase\'s value, currency and transaction id on its conversion, for revenue per variant', async () => {
    const b = browser();
    const campaigns = [raw('c', { goal: { event: 'purchase' }, variants: [{ id: 'only', content: message() }] })];
    const runner = await b.load(campaigns);
    await runner.onEvent('purchase', { currency: 'EUR', value: 129, items: [], transaction_id: 'T1' });
    expect(b.emitted[1]?.[1]).toEqual({ campaignId: 'c', variantId: 'only', segments: ['returning'], visitorId: 'visitor-1', ts: START, goal: 'purchase', value: 129, currency: 'EUR', transaction_id: 'T1' });
  });

  it('does not convert a goal event outside the window', async () => {
    const b = browser();
    const runner = await b.load([raw('h', holdout)]);
    b.state.now += DAY + 1;
    await runner.onEvent('purchase');
    expect(b.log).toEqual(['holdout h/-']);
  });
});

describe('createCampaignRunner: runtime triggers', () => {
  it('shows an event campaign only after that event', async () => {
    const b = browser();
    const runner = await b.load([raw('e', { trigger: { on: 'event', name: 'signup' } })]);
    b.log.push(`status ${runner.status().e}`);
    await runner.onEvent('page_view');
    await settle();
    b.log.push('-- signup');
    await runner.onEvent('signup');
    await settle();
    expect(b.log).toEqual(['status armed', '-- signup', 'mount e/default', 'impression e/default']);
  });

  it.each([
    [1, []],
    [2, ['p']],
    [3, []],
  ])('with pageviews 2 on page view %i shows %j (on the 2nd page view, DESIGN §5)', async (pageviews, shown) => {
    const b = browser();
    b.state.pageviews = pageviews;
    await b.load([raw('p', { trigger: { on: 'pageviews', count: 2 } })]);
    expect(b.hosts()).toEqual(shown);
  });

  it('shows a pageviews campaign on the next SPA page that reaches the count', async () => {
    const b = browser();
    const runner = await b.load([raw('p', { trigger: { on: 'pageviews', count: 2 } })]);
    b.log.push('-- next page');
    runner.newPage();
    b.state.pageviews = 2;
    await runner.refresh();
    await settle();
    expect(b.log).toEqual(['-- next page', 'mount p/default', 'impression p/default']);
  });
});

describe('createCampaignRunner: click triggers and selectors', () => {
  const click = (el: Element) => el.dispatchEvent(new MouseEvent('click', { bubbles: true }));

  it('shows on a click on a matching element added after refresh', async () => {
    const b = browser();
    await b.load([raw('help', { trigger: { on: 'click', selector: '.help' } })]);
    document.body.insertAdjacentHTML('beforeend', '<p class="other">x</p><button class="help"><span>?</span></button>');
    click(document.querySelector('.other')!);
    await settle();
    b.log.push('-- help');
    click(document.querySelector('.help span')!);
    await settle();
    expect(b.log).toEqual(['-- help', 'mount help/default', 'impression help/default']);
  });

  it('keeps a click campaign armed while its slot is busy, and shows it on a click after', async () => {
    const b = browser();
    document.body.innerHTML = '<button class="help">?</button>';
    await b.load([raw('first'), raw('help', { trigger: { on: 'click', selector: '.help' } })]);
    const steps: [string, () => void][] = [
      ['click', () => click(document.querySelector('.help')!)],
      ['dismiss first', () => b.widget('first').dismiss()],
      ['click', () => click(document.querySelector('.help')!)],
    ];
    for (const [name, act] of steps) {
      b.log.push(`-- ${name}`);
      act();
      await settle();
    }
    expect(b.log).toEqual([
      'mount first/default',
      'impression first/default',
      '-- click',
      '-- dismiss first',
      'unmount first',
      'dismiss first/default',
      '-- click',
      'mount help/default',
      'impression help/default',
    ]);
  });

  it('opens a click campaign again after a dismissal, as often as its caps allow', async () => {
    const b = browser();
    document.body.innerHTML = '<button class="help">?</button>';
    await b.load([raw('help', { trigger: { on: 'click', selector: '.help' }, frequency: { maxPerSession: 2, cooldownHours: 0 } })]);
    for (let i = 0; i < 3; i++) {
      b.log.push('-- click');
      click(document.querySelector('.help')!);
      await settle();
      if (b.hosts().length > 0) b.widget('help').dismiss();
      await settle();
    }
    expect(b.log).toEqual([
      '-- click',
      'mount help/default',
      'impression help/default',
      'unmount help',
      'dismiss help/default',
      '-- click',
      'mount help/default',
      'impression help/default',
      'unmount help',
      'dismiss help/default',
      '-- click',
    ]);
  });

  it('skips a campaign with an invalid selector, with a warning naming its path', async () => {
    const b = browser();
    const runner = await b.load([raw('bad', { trigger: { on: 'click', selector: '##x' } }), raw('good')]);
    expect({ log: b.log, status: runner.status() }).toEqual({
      log: ['warn config campaigns[0].trigger.selector: "##x" is not a valid CSS selector; campaign "bad" skipped.', 'mount good/default', 'impression good/default'],
      status: { good: 'showing' },
    });
  });
});

describe('createCampaignRunner: inline', () => {
  const inline = (mode: string) => raw('in', { type: 'inline', placement: { target: '#slot', mode } });

  it('waits for its target, then appends its host there', async () => {
    const b = browser();
    await b.load([inline('append')]);
    b.log.push('-- target appears');
    document.body.insertAdjacentHTML('beforeend', '<div id="slot"><p>store</p></div>');
    await settle();
    const slot = document.querySelector('#slot')!;
    expect({ log: b.log, children: [...slot.children].map((el) => el.tagName) }).toEqual({
      log: ['-- target appears', 'mount in/default', 'impression in/default'],
      children: ['P', 'BECKON-WIDGET'],
    });
  });

  it('shows again after a single-page navigation whose new page replaced its target', async () => {
    const b = browser();
    document.body.innerHTML = '<main><div id="slot"></div></main>';
    const campaigns = [raw('in', { type: 'inline', placement: { target: '#slot' }, frequency: { maxPerSession: 10 } })];
    const runner = await b.load(campaigns);
    // The app renders the next product page: a new <main>, a new #slot.
    document.body.innerHTML = '<main><div id="slot"></div></main>';
    runner.newPage();
    await runner.refresh();
    await settle();
    expect({ hosts: b.hosts(), impressions: b.log.filter((line) => line.startsWith('impression')).length }).toEqual({ hosts: ['in'], impressions: 2 });
  });

  // A router counts the page view at once; the app renders the new page when its data arrives.
  it('shows again after a single-page navigation whose new page replaced its target later', async () => {
    const b = browser();
    document.body.innerHTML = '<main><div id="slot"></div></main>';
    const campaigns = [raw('in', { type: 'inline', placement: { target: '#slot' }, frequency: { maxPerSession: 10 } })];
    const runner = await b.load(campaigns);
    runner.newPage();
    await runner.refresh();
    await settle();
    // Still the old page: the widget stays where it is, counted once.
    expect(document.querySelectorAll('#slot > beckon-widget')).toHaveLength(1);
    document.body.innerHTML = '<main><div id="slot"></div></main>';
    await settle();
    await settle();
    expect({ placed: document.querySelectorAll('#slot > beckon-widget').length, impressions: b.log.filter((line) => line.startsWith('impression')).length }).toEqual({ placed: 1, impressions: 2 });
  });

  it('in replace mode, puts the original children back on dismiss', async () => {
    const b = browser();
    document.body.innerHTML = '<div id="slot"><p>a</p>text<p>b</p></div>';
    const slot = document.querySelector('#slot')!;
    const original = [...slot.childNodes];
    await b.load([inline('replace')]);
    const during = [...slot.children].map((el) => el.tagName);
    b.widget('in').dismiss();
    expect({ during, restored: [...slot.childNodes].every((node, i) => node === original[i]) && slot.childNodes.length === 3, log: b.log }).toEqual({
      during: ['BECKON-WIDGET'],
      restored: true,
      log: ['mount in/default', 'impression in/default', 'unmount in', 'dismiss in/default'],
    });
  });

  it('in replace mode, leaves what the app put in the target meanwhile on dismiss', async () => {
    const b = browser();
    document.body.innerHTML = '<div id="slot"><p>old</p></div>';
    const slot = document.querySelector('#slot')!;
    await b.load([inline('replace')]);
    // The app renders the slot anew, without the widget.
    slot.innerHTML = '<p>new</p>';
    b.widget('in').dismiss();
    expect(slot.innerHTML).toBe('<p>new</p>');
  });

  // A widget that fails to mount must not delete the store's own content from the page.
  it('in replace mode, keeps the original children when the widget fails to mount', async () => {
    const b = browser();
    document.body.innerHTML = '<div id="slot"><p>store content</p></div>';
    b.failing.mount = true;
    await b.load([inline('replace')]);
    expect(document.querySelector('#slot')!.innerHTML).toBe('<p>store content</p>');
  });
});

describe('createCampaignRunner: forms', () => {
  const form = (remember = false) =>
    raw('lead', {
      type: 'inline',
      placement: { target: '#form' },
      content: {
        kind: 'form',
        fields: [
          { name: 'email', type: 'email', label: 'Email', required: true, remember },
          { name: 'firstName', type: 'text', label: 'Name' },
          { name: 'phone', type: 'tel', label: 'Phone' },
        ],
        submit: { endpoint: 'https://forms.example/lead', unlock: '.gated' },
      },
    });
  const page = '<div id="form"></div><section class="gated" hidden>guide</section>';
  const values = { email: 'ann@example.com', firstName: 'Ann', phone: '' };

  it('identifies without the email, emits submit, sends to the endpoint and unlocks', async () => {
    const b = browser();
    document.body.innerHTML = page;
    await b.load([form()]);
    b.state.now += 1000;
    await b.widget('lead').submit(values);
    expect({ log: b.log, submit: b.emitted[1]?.[1], sent: b.sent, unlocked: !document.querySelector('.gated')!.hasAttribute('hidden') }).toEqual({
      log: ['mount lead/default', 'impression lead/default', 'identify {"firstName":"Ann"}', 'submit lead/default', 'send https://forms.example/lead'],
      submit: { campaignId: 'lead', variantId: 'default', segments: ['returning'], visitorId: 'visitor-1', ts: START + 1000, fields: ['email', 'firstName', 'phone'] },
      sent: [['https://forms.example/lead', { type: 'submit', campaignId: 'lead', variantId: 'default', visitorId: 'visitor-1', ts: START + 1000, values }]],
      unlocked: true,
    });
  });

  it('sends, unlocks and remembers what the shown variant\'s form says, on this page and the next', async () => {
    // Each visitor's gates are their own: the runners of earlier visitors, in this one
    // document, still watch for theirs.
    const variant = (id: string, remember: boolean, visitor: string) => ({
      id,
      content: { kind: 'form', title: 'Join', fields: [{ name: 'email', type: 'email', label: 'Email', remember }], submit: { endpoint: `https://${id}.example/lead`, unlock: `#gate-${id}-${visitor}` } },
    });
    const seen = new Set<string>();
    for (const visitor of ['visitor-1', 'visitor-2', 'visitor-3', 'visitor-4', 'visitor-5', 'visitor-6']) {
      const split = [raw('lead', { type: 'inline', placement: { target: '#form', position: 'append' }, variants: [variant('a', false, visitor), variant('b', true, visitor)] })];
      const gates = `<div id="form"></div><div id="gate-a-${visitor}" hidden></div><div id="gate-b-${visitor}" hidden></div>`;
      const open = () => ['a', 'b'].filter((id) => !document.querySelector(`#gate-${id}-${visitor}`)!.hasAttribute('hidden'));
      const b = browser();
      b.state.visitorId = visitor;
      document.body.innerHTML = gates;
      await b.load(split);
      const shown = b.views[0]!.variantId;
      seen.add(shown);
      await b.widget('lead').submit({ email: 'ann@example.com' });
      expect({ sent: b.sent.map(([url]) => url), open: open(), identify: b.log.filter((line) => line.startsWith('identify')) }).toEqual({
        sent: [`https://${shown}.example/lead`],
        open: [shown],
        identify: [shown === 'b' ? 'identify {"email":"ann@example.com"}' : 'identify {}'],
      });
      document.body.innerHTML = gates;
      await b.load(split);
      expect(open()).toEqual([shown]);
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
  });

  it('keeps the email as a trait when its field says remember', async () => {
    const b = browser();
    document.body.innerHTML = page;
    await b.load([form(true)]);
    await b.widget('lead').submit(values);
    expect(b.log.filter((line) => line.startsWith('identify'))).toEqual(['identify {"email":"ann@example.com","firstName":"Ann"}']);
  });

  it('unlocks a gate the store renders after the submission, on this page and the next', async () => {
    const b = browser();
    document.body.innerHTML = page;
    await b.load([form()]);
    await b.widget('lead').submit(values);
    const late = () => {
      const gate = document.createElement('div');
      gate.className = 'gated';
      gate.hidden = true;
      document.body.append(gate);
      return gate;
    };
    const here = late();
    await vi.waitFor(() => expect(here.hidden).toBe(false));
    document.body.innerHTML = page;
    await b.load([form()]);
    const next = late();
    await vi.waitFor(() => expect(next.hidden).toBe(false));
  });

  it('does not offer the form again after a submission, and unlocks on the next page', async () => {
    const b = browser();
    document.body.innerHTML = page;
    await b.load([form()]);
    await b.widget('lead').submit(values);
    // The next page: fresh markup, a new session, a new runner over the same storage.
    document.body.innerHTML = page;
    b.state.session = 's2';
    b.log.length = 0;
    const runner = await b.load([form()]);
    expect({ log: b.log, status: runner.status(), unlocked: !document.querySelector('.gated')!.hasAttribute('hidden') }).toEqual({
      log: [],
      status: { lead: 'converted' },
      unlocked: true,
    });
  });
});

describe('createCampaignRunner: countdown', () => {
  it('closes a countdown that expires and does not arm it again on this page', async () => {
    const b = browser();
    const runner = await b.load([raw('sale', { type: 'bar', frequency: { maxPerSession: 5 }, content: { kind: 'message', title: 'Sale', countdown: { until: new Date(START + HOUR).toISOString() } } })]);
    b.widget('sale').expire();
    runner.newPage();
    await runner.refresh();
    await settle();
    expect({ log: b.log, status: runner.status() }).toEqual({ log: ['mount sale/default', 'impression sale/default', 'unmount sale'], status: { sale: 'schedule' } });
  });

  // The campaign goes on for the other variant's visitors; the ended variant's are done.
  it('shows nothing to a visitor whose variant’s countdown has ended, though another variant has none', async () => {
    const b = browser();
    const ended = { kind: 'message', title: 'Sale', countdown: { until: new Date(START - HOUR).toISOString() } };
    const runner = await b.load([raw('sale', { type: 'bar', variants: [{ id: 'a', weight: 1, content: ended }, { id: 'b', weight: 0, content: message() }] })]);
    expect({ log: b.log, loads: b.loads, status: runner.status() }).toEqual({ log: [], loads: [], status: { sale: 'schedule' } });
  });
});

describe('createCampaignRunner: show, hide and status', () => {
  it('shows a campaign outside its audience and replaces the popup in its slot', async () => {
    const b = browser();
    const runner = await b.load([raw('first'), raw('forced', { audience: { 'traits.vip': true } })]);
    b.log.push(`-- ${JSON.stringify(runner.status())}`);
    await runner.show('forced');
    expect({ log: b.log, status: runner.status(), hosts: b.hosts() }).toEqual({
      log: ['mount first/default', 'impression first/default', '-- {"first":"showing","forced":"audience"}', 'unmount first', 'mount forced/default', 'impression forced/default'],
      status: { first: 'shown', forced: 'showing' },
      hosts: ['forced'],
    });
  });

  it('keeps a shown inline campaign when the profile changes, though its pages leave this one out', async () => {
    const b = browser();
    document.body.innerHTML = '<div id="slot"></div>';
    const runner = b.page([raw('elsewhere', { type: 'inline', placement: { target: '#slot' }, pages: { include: ['/other'] } })]);
    await runner.show('elsewhere');
    await runner.refresh();
    expect({ hosts: b.hosts(), status: runner.status() }).toEqual({ hosts: ['elsewhere'], status: { elsewhere: 'showing' } });
  });

  it('warns about an unknown variant or campaign, and shows the visitor own variant', async () => {
    const b = browser();
    const runner = b.page([raw('c', { holdout: 99.99, variants: [{ id: 'a', content: message() }] })]);
    await runner.show('c', 'missing');
    await runner.show('nope');
    expect(b.log).toEqual(['warn show: campaign "c" has no variant "missing"; showing the visitor\'s own.', 'mount c/a', 'impression c/a', 'warn show: no campaign named "nope".']);
  });

  it('shows a visitor, when show() names no variant, the variant their own trigger shows them', async () => {
    const split = { holdout: 30, variants: [{ id: 'a', weight: 50, content: message() }, { id: 'b', weight: 50, content: message() }] };
    const pairs: [string | undefined, string | undefined][] = [];
    for (let i = 0; i < 40; i++) {
      const triggered = browser();
      triggered.state.visitorId = `visitor-${i}`;
      await triggered.load([raw('ab', split)]);
      const own = triggered.log.find((line) => line.startsWith('impression'));
      if (!own) continue; // held out
      const forced = browser();
      forced.state.visitorId = `visitor-${i}`;
      await forced.page([raw('ab', { ...split, trigger: { on: 'click', selector: '.never' } })]).show('ab');
      pairs.push([own, forced.log.find((line) => line.startsWith('impression'))]);
    }
    expect(pairs.length).toBeGreaterThan(15);
    expect(pairs.filter(([own, shown]) => own !== shown)).toEqual([]);
  });

  it('previews a campaign outside its audience without a trace: no impression, no memory, a silent close', async () => {
    const b = browser();
    const runner = b.page([raw('vip-offer', { audience: { 'traits.vip': true }, variants: [{ id: 'a', content: message() }, { id: 'b', content: message() }] })]);
    await runner.show('vip-offer', 'b', true);
    b.widget('vip-offer').click('cta', '/sale');
    b.widget('vip-offer').dismiss();
    expect({ log: b.log, emitted: b.emitted, memory: await b.memory(), hosts: b.hosts() }).toEqual({ log: ['mount vip-offer/b', 'unmount vip-offer'], emitted: [], memory: {}, hosts: [] });
  });

  it('hides what a pass has yet to show as well: hide() while the first of its widgets is still loading leaves the page empty', async () => {
    const b = browser();
    const popupCode = deferred<void>();
    b.slow.set('popup', popupCode.promise);
    const runner = b.page([raw('popup', { priority: 5 }), raw('corner', { type: 'message' }), raw('later', { type: 'bar', trigger: { on: 'delay', seconds: 0.05 } })]);
    await runner.refresh();
    await new Promise((resolve) => setTimeout(resolve, 10));
    runner.hide();
    popupCode.resolve();
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle();
    // What fires after hide() still shows: hide() closes, it does not switch Beckon off.
    expect({ hosts: b.hosts(), log: b.log }).toEqual({ hosts: ['later'], log: ['mount later/default', 'impression later/default'] });
  });

  it('warns when hide() names a campaign the config does not have, and closes nothing', async () => {
    const b = browser();
    const runner = await b.load([raw('welcome')]);
    runner.hide('welcom');
    expect({ log: b.log, hosts: b.hosts() }).toEqual({ log: ['mount welcome/default', 'impression welcome/default', 'warn hide: no campaign named "welcom".'], hosts: ['welcome'] });
  });

  it('hides everything that shows', async () => {
    const b = browser();
    const runner = await b.load([raw('bar', { type: 'bar' }), raw('corner', { type: 'message' })]);
    runner.hide();
    expect({ log: b.log, status: runner.status(), hosts: b.hosts() }).toEqual({
      log: ['mount bar/default', 'impression bar/default', 'mount corner/default', 'impression corner/default', 'unmount bar', 'unmount corner'],
      status: { bar: 'shown', corner: 'shown' },
      hosts: [],
    });
  });
});

describe('createCampaignRunner: variants', () => {
  it('gives a visitor the same variant on every page load', async () => {
    const ab = [raw('ab', { frequency: { maxPerSession: 10 }, variants: [{ id: 'a', content: message() }, { id: 'b', content: message() }] })];
    const seen: string[] = [];
    for (let i = 0; i < 16; i++) {
      const b = browser();
      b.state.visitorId = `visitor-${i}`;
      await b.load(ab);
      document.body.innerHTML = '';
  // Popups, bars and messages go beside <body>.
  for (const host of document.querySelectorAll('beckon-widget')) host.remove();
      await b.load(ab);
      const [first, second] = b.log.filter((line) => line.startsWith('mount'));
      seen.push(first === second ? (first ?? 'none') : `${first} then ${second}`);
    }
    expect({ stable: seen.every((line) => /^mount ab\/[ab]$/.test(line)), both: new Set(seen).size }).toEqual({ stable: true, both: 2 });
  });
});
