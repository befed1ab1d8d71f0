// A year of heavy browsing through the real runtime, page load after page load, with
// an injected clock: 20 page views a day, an add to cart most days, 2 purchases a
// month. Prints what ends up stored, and what one tracked event costs.
import { IDBFactory } from 'fake-indexeddb';
import { testChunks } from '../unit/dom/testChunks.js';
import { createBeckon } from '../../sdk/runtime/index.js';
import { createIdbStore, createMemoryStore, type KeyValueStore } from '../../sdk/storage/index.js';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2025, 10, 23, 8);
const item = (i: number) => ({ item_id: `SKU-${i % 40}`, item_name: `Product ${i % 40}`, price: 20 + (i % 7) * 15, quantity: 1, item_category: `Category ${i % 6}` });
const quiet = { warn() {} };
const page = (path: string) => () => ({ url: `https://shop.test${path}`, path, title: path, query: {} });

async function pageLoad(storage: KeyValueStore, now: number, path: string, after?: (b: ReturnType<typeof createBeckon>) => void) {
  const beckon = createBeckon({ storage, now: () => now, page: page(path), window: null, channel: null, console: quiet, loadChunk: testChunks });
  beckon.init({ config: { version: 1 } });
  await beckon.profile();
  after?.(beckon);
  await beckon.profile();
}

async function simulateYear(storage: KeyValueStore) {
  let n = 0;
  for (let day = 0; day < 365; day++) {
    for (let view = 0; view < 20; view++) {
      const now = START + day * DAY + view * 3 * 60 * 1000;
      const i = n++;
      const path = view % 3 === 0 ? `/products/p${i % 40}` : view % 3 === 1 ? `/collections/c${i % 6}` : '/';
      await pageLoad(storage, now, path, (b) => {
        if (path.startsWith('/products/')) b.track('view_item', { currency: 'EUR', items: [item(i)] });
        if (view === 10 && day % 3 !== 0) b.track('add_to_cart', { currency: 'EUR', items: [item(i)] });
        if (view === 19 && day % 15 === 7) b.track('purchase', { currency: 'EUR', transaction_id: `T${day}`, value: 120, items: [item(i)] });
      });
    }
  }
  return pageLoad(storage, START + 365 * DAY, '/');
}

function storedBytes(entries: [string, unknown][]) {
  // IndexedDB stores structured clones; their JSON text is a close, slightly generous stand-in.
  return entries.reduce((sum, [key, value]) => sum + key.length + JSON.stringify(value).length, 0);
}

/**
 * µs per tracked event, measured over `events` events after `already` events that same
 * day: an event rewrites its day's record, so the cost grows with the day's size.
 */
async function perEventCost(storage: KeyValueStore, already: number, events: number) {
  const beckon = createBeckon({ storage, window: null, channel: null, console: quiet, page: page('/products/a'), loadChunk: testChunks });
  beckon.init({});
  await beckon.profile();
  for (let i = 0; i < already; i++) beckon.track('add_to_cart', { currency: 'EUR', items: [item(i)] });
  await beckon.profile();
  const started = performance.now();
  for (let i = 0; i < events; i++) beckon.track('add_to_cart', { currency: 'EUR', items: [item(i)] });
  await beckon.profile();
  return ((performance.now() - started) * 1000) / events;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const year = createMemoryStore();
console.log('simulating a year of page loads (takes a minute or two)…');
const started = performance.now();
const last = await simulateYear(year);
void last;
const entries = await year.entries();
const days = entries.filter(([key]) => key.startsWith('day:'));
const rawEvents = days.reduce((sum, [, day]) => sum + ((day as { events?: unknown[] }).events?.length ?? 0), 0);
const summarized = days.filter(([, day]) => (day as { summary?: unknown }).summary).length;
const bytes = storedBytes(entries);
console.log('storage after a simulated year (7,300 page views, ~240 adds to cart, 24 purchases):');
console.log(`  stored: ${kb(bytes)} in ${entries.length} records (${days.length} days: ${summarized} summarized, ${rawEvents} raw events kept); budget 1024 KB`);
console.log(`  simulated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

console.log('per-event tracking cost: track() through to storage, in Node, mean of 100 events');
for (const [label, already] of [['a typical day (first 100 events)', 0], ['a heavy day (after 1,000 events)', 1000]] as const) {
  const memory = await perEventCost(createMemoryStore(), already, 100);
  const idb = await perEventCost(createIdbStore({ indexedDB: new IDBFactory() }), already, 100);
  console.log(`  ${label.padEnd(34)} memory ${memory.toFixed(0).padStart(6)} µs   fake-indexeddb ${idb.toFixed(0).padStart(6)} µs`);
}
if (bytes > 1024 * 1024) {
  console.log('bench: storage OVER the 1 MB budget');
  process.exit(1);
}
