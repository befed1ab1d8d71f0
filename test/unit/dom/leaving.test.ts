import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { testChunks } from './testChunks.js';
import { createBeckon } from '../../../sdk/runtime/index.js';
import { createMemoryStore, type KeyValueStore } from '../../../sdk/storage/index.js';

// A store's button that pushes add_to_cart and goes to the cart page at once: the page is
// gone before the event is written. What it took waits in sessionStorage as it goes, and
// the tab's next page records it, once.

const ADD = { currency: 'EUR', items: [{ item_id: 'A', item_name: 'A', price: 5, quantity: 1 }] };

/** A page of `tab` over `db`. */
function page(tab: Window, db: KeyValueStore) {
  const beckon = createBeckon({ storage: db, loadChunk: testChunks, console: { warn: () => undefined }, window: tab as unknown as globalThis.Window });
  beckon.init({});
  return beckon;
}

/** Every stored event named `name`. */
async function storedEvents(db: KeyValueStore, name: string) {
  const entries = await db.entries();
  return entries.filter(([key]) => key.startsWith('day:')).flatMap(([, day]) => (day as { events: { name: string }[] }).events.filter((e) => e.name === name));
}

describe('leaving a page at once', () => {
  it("records on the tab's next page an event whose write the leaving page never finished", async () => {
    const tab = new Window({ url: 'https://shop.example/products/a' });
    const db = createMemoryStore();
    let going = false;
    // The leaving page's writes never finish: the page is gone.
    const leaving: KeyValueStore = { ...db, update: (key, updater) => (going ? new Promise(() => undefined) : db.update(key, updater)) };
    const first = page(tab, leaving);
    await first.profile();
    going = true;
    first.track('add_to_cart', ADD);
    tab.dispatchEvent(new tab.Event('pagehide'));
    expect(await storedEvents(db, 'add_to_cart')).toHaveLength(0);

    const next = page(tab, db);
    const profile = await next.profile();
    expect(profile?.cart.count).toBe(1);
    expect(await storedEvents(db, 'add_to_cart')).toHaveLength(1);
  });

  it('records it once when the leaving page finished its write after all', async () => {
    const tab = new Window({ url: 'https://shop.example/products/a' });
    const db = createMemoryStore();
    const first = page(tab, db);
    await first.profile();
    first.track('add_to_cart', ADD);
    // Noted as the page goes; the write finishes all the same (the page came back, say).
    tab.dispatchEvent(new tab.Event('pagehide'));
    await first.profile();
    expect(await storedEvents(db, 'add_to_cart')).toHaveLength(1);

    const next = page(tab, db);
    expect((await next.profile())?.cart.count).toBe(1);
    expect(await storedEvents(db, 'add_to_cart')).toHaveLength(1);
  });
});
