import { describe, expect, it } from 'vitest';
import { enqueueAll } from '../../../sdk/runtime/outbox.js';
import { createMemoryStore } from '../../../sdk/storage/memoryStore.js';

const ev = (i: number) => ({ id: `e${i}`, url: '/c', body: { event: 'impression', n: i } });
const sub = (i: number) => ({ id: `s${i}`, url: '/f', body: { type: 'submit', n: i } });

describe('outbox: making room', () => {
  it('keeps every submission, drops the oldest events, at most 200 otherwise', async () => {
    const store = createMemoryStore();
    await enqueueAll(store, [sub(0), ...Array.from({ length: 150 }, (_, i) => ev(i))]);
    const dropped = await enqueueAll(store, Array.from({ length: 100 }, (_, i) => ev(150 + i)));
    const items = (await store.get<any[]>('outbox'))!;
    expect(items.length).toBe(200);
    expect(items.some((x) => x.id === 's0')).toBe(true);
    expect(items.filter((x) => x.id.startsWith('e'))[0].id).toBe('e51');
    expect(dropped).toBe(51);
  });

  it('a malformed record already stored (null, another version) does not stop new events being kept', async () => {
    const store = createMemoryStore([['outbox', [null, 'x', ...Array.from({ length: 199 }, (_, i) => ({ ...ev(i), tries: 0, next: 0 }))]]]);
    await expect(enqueueAll(store, [ev(999)])).resolves.toBeTypeOf('number');
    const items = (await store.get<any[]>('outbox'))!;
    expect(items.some((x) => x?.id === 'e999')).toBe(true);
  });

  it('all 200 waiting are submissions: an event does not say events were dropped when none were', async () => {
    const store = createMemoryStore();
    await enqueueAll(store, Array.from({ length: 200 }, (_, i) => sub(i)));
    const dropped = await enqueueAll(store, [sub(200)]);
    expect((await store.get<any[]>('outbox'))!.length).toBe(201);
    expect(dropped).toBe(0);
  });
});
