import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { testChunks } from './testChunks.js';
import { createBeckon, type BeckonDeps } from '../../../sdk/runtime/index.js';
import { createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';

/** A page load over a shared store standing in for IndexedDB. */
function load(persistent: KeyValueStore, init: Record<string, unknown>, extra: Partial<BeckonDeps> = {}) {
  const warnings: string[] = [];
  const beckon = createBeckon({
    storage: persistent,
    loadChunk: testChunks,
    console: { warn: (m: string) => warnings.push(m) },
    window: null,
    ...extra,
  });
  beckon.init(init);
  return { beckon, warnings };
}

/** What the store holds: the visitor, the events of every stored day, and the remembered consent. */
async function stored(persistent: KeyValueStore) {
  const entries = await persistent.entries();
  const days = entries.filter(([key]) => key.startsWith('day:')).flatMap(([, day]) => (day as { events: unknown[] }).events);
  return { visitor: await persistent.get('visitor'), events: days.length > 0 ? days : undefined, consent: await persistent.get('consent') };
}

const required = { config: { consent: { required: true } } };

afterEach(() => {
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

describe('consent', () => {
  it('stores nothing while consent is pending, and each load is a new visitor', async () => {
    const db = createMemoryStore();
    const first = await load(db, required).beckon.profile();
    const second = await load(db, required).beckon.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: undefined });
    expect(second?.visitor.id).not.toBe(first?.visitor.id);
    expect(second?.session.pageviews).toBe(1);
  });

  it('persists what memory held once granted, and remembers the grant', async () => {
    const db = createMemoryStore();
    const { beckon } = load(db, required);
    beckon.identify({ plan: 'pro' });
    const before = await beckon.profile();
    beckon.consent('granted');
    await beckon.profile();
    const saved = await stored(db);
    expect(saved.consent).toBe('granted');
    expect(saved.visitor).toMatchObject({ id: before?.visitor.id, traits: { plan: 'pro' } });
    expect((saved.events as { name: string }[]).map((e) => e.name)).toEqual(['page_view']);
    const next = await load(db, required).beckon.profile();
    expect(next?.visitor.id).toBe(before?.visitor.id);
    expect(next?.session.pageviews).toBe(2);
  });

  // A consent tool that answers after load says `pending` at init on every page: the
  // visitor's earlier answer holds meanwhile (same visitor, so the same variants and the
  // dismissals they made), and a denial still wins when the tool gives one.
  it('takes init\'s pending as "not answered on this page yet": a grant given before holds, a denial too', async () => {
    const db = createMemoryStore();
    const first = load(db, required).beckon;
    const before = await first.profile();
    first.consent('granted');
    await first.profile();
    const later = load(db, { ...required, consent: 'pending' }).beckon;
    const next = await later.profile();
    expect(next?.visitor.id).toBe(before?.visitor.id);
    expect(next?.session.pageviews).toBe(2);
    expect(((await stored(db)).events as unknown[]).length).toBe(2);
    later.consent('denied');
    await later.profile();
    const denied = load(db, { ...required, consent: 'pending' }).beckon;
    expect((await denied.profile())?.visitor.id).not.toBe(before?.visitor.id);
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: 'denied' });
  });

  it('remembers a grant init was given, as one given by consent(), for a later page that starts pending', async () => {
    const db = createMemoryStore();
    const first = await load(db, { ...required, consent: 'granted' }).beckon.profile();
    expect((await stored(db)).consent).toBe('granted');
    const next = await load(db, { ...required, consent: 'pending' }).beckon.profile();
    expect(next?.visitor.id).toBe(first?.visitor.id);
  });

  it('wipes what was stored when denied, and goes on in memory', async () => {
    const db = createMemoryStore();
    await load(db, {}).beckon.profile();
    const { beckon } = load(db, {});
    const profile = await beckon.profile();
    beckon.consent('denied');
    beckon.track('after_denial');
    const after = await beckon.profile();
    // Only the choice itself is kept, so the next load stores nothing either.
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: 'denied' });
    expect(after?.visitor.id).toBe(profile?.visitor.id);
    await load(db, {}).beckon.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: 'denied' });
  });

  it('does not bring the wiped visitor back when consent is granted after a denial, on the same page or in a tab left open', async () => {
    const db = createMemoryStore();
    const { beckon } = load(db, {});
    beckon.identify({ firstName: 'Ada' });
    beckon.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 5 }] });
    const before = await beckon.profile();
    beckon.consent('denied');
    beckon.consent('granted');
    const after = await beckon.profile();
    const saved = await stored(db);
    expect({
      sameVisitor: after?.visitor.id === before?.visitor.id,
      traits: after?.traits,
      cart: after?.cart.count,
      storedVisitor: (saved.visitor as { id: string } | undefined)?.id === after?.visitor.id,
      storedTraits: (saved.visitor as { traits?: unknown } | undefined)?.traits,
      storedEvents: saved.events,
      consent: saved.consent,
    }).toEqual({ sameVisitor: false, traits: {}, cart: 0, storedVisitor: true, storedTraits: {}, storedEvents: undefined, consent: 'granted' });
  });

  it('keeps a denial through forget(), so the next load stores nothing either', async () => {
    const db = createMemoryStore();
    const { beckon } = load(db, {});
    await beckon.profile();
    beckon.consent('denied');
    beckon.forget();
    await beckon.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: 'denied' });
    await load(db, {}).beckon.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: 'denied' });
  });

  it('keeps each event once and the traits given while pending, through granted → pending → granted', async () => {
    const db = createMemoryStore();
    await load(db, {}).beckon.profile();
    const { beckon } = load(db, {});
    beckon.track('hello');
    await beckon.profile();
    beckon.consent('pending');
    beckon.identify({ plan: 'pro' });
    beckon.consent('granted');
    await beckon.profile();
    const names = ((await stored(db)).events as { name: string }[]).map((e) => e.name);
    expect(names.sort()).toEqual(['hello', 'page_view', 'page_view']);
    expect((await stored(db)).visitor).toMatchObject({ traits: { plan: 'pro' } });
  });

  it('tells the other tabs of a denial, which wipe and stop storing too', async () => {
    const db = createMemoryStore();
    const tabA = load(db, {}).beckon;
    const tabB = load(db, {}).beckon;
    await Promise.all([tabA.profile(), tabB.profile()]);
    tabA.consent('denied');
    await tabA.profile();
    await new Promise((resolve) => setTimeout(resolve, 20));
    tabB.track('after_denial');
    await tabB.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: 'denied' });
  });

  it('tells the other tabs of a grant, which store what they kept in memory from then on', async () => {
    const db = createMemoryStore();
    const tabA = load(db, required).beckon;
    const tabB = load(db, required).beckon;
    await Promise.all([tabA.profile(), tabB.profile()]);
    tabA.consent('granted');
    await tabA.profile();
    await new Promise((resolve) => setTimeout(resolve, 20));
    tabB.track('add_to_cart', { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 5 }] });
    const b = await tabB.profile();
    const { visitor, events } = await stored(db);
    expect({ same: b?.visitor.id === (visitor as { id: string } | undefined)?.id, cart: b?.cart.count, stored: (events as { name: string }[] | undefined)?.some((e) => e.name === 'add_to_cart') }).toEqual({ same: true, cart: 1, stored: true });
  });

  it('counts Global Privacy Control as a denial, unless the config says otherwise', async () => {
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    const db = createMemoryStore();
    await load(db, {}, { window }).beckon.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: undefined });
    await load(db, { config: { consent: { respectGPC: false } } }, { window }).beckon.profile();
    expect((await stored(db)).visitor).toBeDefined();
  });

  // DESIGN §8: GPC counts as denied. A grant from before the signal was on does not outweigh
  // it; a grant the visitor gives with the signal on is their word for this store, and stays.
  it('counts Global Privacy Control over a grant given before it, and keeps a grant given with it on', async () => {
    const db = createMemoryStore();
    const granted = load(db, required, { window }).beckon;
    granted.consent('granted');
    await granted.profile();
    expect((await stored(db)).consent).toBe('granted');
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    await load(db, required, { window }).beckon.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: undefined });
    const regranted = load(db, required, { window }).beckon;
    regranted.consent('granted');
    const visitor = (await regranted.profile())?.visitor.id;
    expect((await stored(db)).consent).toBe('granted-over-gpc');
    const next = await load(db, required, { window }).beckon.profile();
    // The page loaded while GPC counted as a denial is still open here, as a tab: the grant
    // given in the next one reaches it, and its page view is kept too.
    expect({ visitor: next?.visitor.id, pageviews: next?.session.pageviews }).toEqual({ visitor, pageviews: 3 });
  });

  // The setup README recommends: init says `pending` on every page, and the consent tool
  // answers after load, replaying the grant it remembers with no gesture of the visitor's.
  it('counts Global Privacy Control over an old grant under init pending, and over a grant replayed with no gesture', async () => {
    const db = createMemoryStore();
    const granted = load(db, { ...required, consent: 'pending' }, { window }).beckon;
    granted.consent('granted');
    await granted.profile();
    expect((await stored(db)).consent).toBe('granted');
    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    Object.defineProperty(navigator, 'userActivation', { configurable: true, value: { isActive: false } });
    try {
      const { beckon, warnings } = load(db, { ...required, consent: 'pending' }, { window });
      await beckon.profile();
      beckon.consent('granted');
      await beckon.profile();
      expect({ stored: await stored(db), warnings }).toEqual({
        stored: { visitor: undefined, events: undefined, consent: undefined },
        warnings: ['[beckon] consent: a grant given without a click or key press of the visitor does not outweigh Global Privacy Control; ignored.'],
      });
    } finally {
      delete (navigator as { userActivation?: unknown }).userActivation;
    }
  });

  it('keeps engaged time from before a grant, also when the visitor switched tabs before giving it', async () => {
    // A tab of its own: the pages of the other tests still listen in the shared window.
    const tab = new Window({ url: 'https://shop.example/' });
    let clock = Date.UTC(2026, 5, 10, 12);
    const show = (state: 'hidden' | 'visible') => {
      Object.defineProperty(tab.document, 'visibilityState', { configurable: true, get: () => state });
      tab.document.dispatchEvent(new tab.Event('visibilitychange'));
    };
    const db = createMemoryStore();
    const { beckon } = load(db, required, { window: tab as unknown as globalThis.Window, now: () => clock });
    await beckon.profile();
    clock += 20_000;
    tab.dispatchEvent(new tab.Event('keydown'));
    show('hidden'); // 20 s engaged, then another tab
    clock += 60_000;
    show('visible');
    clock += 10_000;
    tab.dispatchEvent(new tab.Event('keydown'));
    expect((await beckon.profile())?.behavior?.engagedTime).toBe(30);
    beckon.consent('granted');
    await beckon.profile();
    show('hidden'); // leaving: what the page noted goes to storage
    await beckon.profile();
    expect((await db.get<{ engagedMs?: number }>('visitor'))?.engagedMs).toBe(30_000);
  });

  it('rejects an unknown consent state with a warning', async () => {
    const { beckon, warnings } = load(createMemoryStore(), {});
    beckon.consent('yes' as never);
    await beckon.profile();
    expect(warnings).toEqual(['[beckon] consent: expected one of granted, denied, pending, got "yes".']);
  });
});

describe('forget', () => {
  it('wipes the stored visitor, starts a fresh one in memory, and stores nothing more', async () => {
    const db = createMemoryStore();
    const { beckon } = load(db, {});
    const before = await beckon.profile();
    beckon.forget();
    beckon.track('after_forget');
    beckon.consent('granted');
    const after = await beckon.profile();
    expect(after?.visitor.id).not.toBe(before?.visitor.id);
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: undefined });
    const next = await load(db, {}).beckon.profile();
    expect(next?.visitor.id).not.toBe(before?.visitor.id);
    expect(next?.visitor.id).not.toBe(after?.visitor.id);
  });

  it('drops the visitor in every other tab at once', async () => {
    const db = createMemoryStore();
    const tabA = load(db, {}).beckon;
    const tabB = load(db, {}).beckon;
    const [a, b] = [await tabA.profile(), await tabB.profile()];
    expect(b?.visitor.id).toBe(a?.visitor.id);
    tabA.forget();
    await tabA.profile();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const bAfter = await tabB.profile();
    expect(bAfter?.visitor.id).not.toBe(a?.visitor.id);
    tabB.track('still_here');
    await tabB.profile();
    expect(await stored(db)).toEqual({ visitor: undefined, events: undefined, consent: undefined });
  });
});
