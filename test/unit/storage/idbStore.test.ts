import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createFallbackStore, createIdbStore, createMemoryStore } from '../../../sdk/storage/index.js';

const increment = (n: number | undefined) => (n ?? 0) + 1;

describe('createIdbStore', () => {
  it('loses no update when two connections (two tabs) write the same record at once', async () => {
    const factory = new IDBFactory();
    const tabA = createIdbStore({ indexedDB: factory });
    const tabB = createIdbStore({ indexedDB: factory });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? tabA : tabB).update('count', increment)));
    expect(await createIdbStore({ indexedDB: factory }).get('count')).toBe(40);
  });

  it('resolves an update with the value written', async () => {
    const store = createIdbStore({ indexedDB: new IDBFactory() });
    expect(await store.update<string[]>('list', (list) => [...(list ?? []), 'a'])).toEqual(['a']);
  });

  it('keeps to its own database and leaves the default keyval-store alone', async () => {
    const factory = new IDBFactory();
    await createIdbStore({ indexedDB: factory }).update('k', () => 1);
    const names = (await factory.databases()).map((db) => db.name);
    expect(names).toEqual(['beckon']);
  });

  it('creates no database by reading or clearing, only by writing; a database another connection made is read', async () => {
    const factory = new IDBFactory();
    const store = createIdbStore({ indexedDB: factory });
    const read = { value: await store.get('consent'), entries: await store.entries() };
    await store.clear();
    const before = (await factory.databases()).map((db) => db.name);
    await createIdbStore({ indexedDB: factory }).update('consent', () => 'denied');
    expect({ read, before, after: await store.get('consent'), names: (await factory.databases()).map((db) => db.name) }).toEqual({
      read: { value: undefined, entries: [] },
      before: [],
      after: 'denied',
      names: ['beckon'],
    });
  });

  it('opens the database when databases() never answers, rather than wait for ever', async () => {
    const factory = new IDBFactory();
    await createIdbStore({ indexedDB: factory }).update('consent', () => 'granted');
    const hanging = Object.assign(Object.create(factory) as IDBFactory, { databases: () => new Promise<IDBDatabaseInfo[]>(() => undefined) });
    hanging.open = factory.open.bind(factory);
    expect(await createIdbStore({ indexedDB: hanging }).get('consent')).toBe('granted');
  });

  it('clears only its own records', async () => {
    const factory = new IDBFactory();
    const ours = createIdbStore({ indexedDB: factory });
    const host = createIdbStore({ indexedDB: factory, dbName: 'keyval-store', storeName: 'keyval' });
    await ours.update('a', () => 1);
    await host.update('b', () => 2);
    await ours.clear();
    expect([await ours.get('a'), await host.get('b')]).toEqual([undefined, 2]);
  });

  it('reopens after the browser closed the connection', async () => {
    const factory = new IDBFactory();
    const store = createIdbStore({ indexedDB: factory });
    await store.update('n', increment);
    // Another tab deleting the database closes our connection through versionchange.
    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase('beckon');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('delete blocked by our open connection'));
    });
    expect(await store.update('n', increment)).toBe(1);
  });

  // Safari's first open that never settles (idb-keyval #120, #165): a second one works.
  it('opens again once when the first open hangs, and keeps the stored visitor', async () => {
    const factory = new IDBFactory();
    await createIdbStore({ indexedDB: factory }).update('visitor', () => 'stored');
    let opens = 0;
    const firstHangs = { open: (name: string) => (++opens === 1 ? {} : factory.open(name)) } as unknown as IDBFactory;
    expect({ value: await createIdbStore({ indexedDB: firstHangs, openTimeoutMs: 20 }).get('visitor'), opens }).toEqual({ value: 'stored', opens: 2 });
  });

  it('gives up on an open that never settles', async () => {
    const hanging = { open: () => ({}) } as unknown as IDBFactory;
    await expect(createIdbStore({ indexedDB: hanging, openTimeoutMs: 20 }).get('x')).rejects.toThrow('did not open within 20 ms');
  });
});

describe('createFallbackStore', () => {
  const throwingFactory = {
    open() {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    },
  } as unknown as IDBFactory;

  it('falls back to memory once, with one report, and keeps working', async () => {
    const onFallback = vi.fn();
    const store = createFallbackStore(createIdbStore({ indexedDB: throwingFactory }), onFallback);
    expect(await store.update('n', increment)).toBe(1);
    expect(await store.update('n', increment)).toBe(2);
    expect(await store.get('n')).toBe(2);
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(onFallback.mock.calls[0]?.[0]).toMatchObject({ name: 'SecurityError' });
  });

  it('carries what it already knew into memory when the primary store fails later', async () => {
    const primary = createMemoryStore();
    const store = createFallbackStore(primary, () => {});
    await store.update('visitor', () => ({ id: 'v1' }));
    primary.update = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    expect(await store.update<{ id: string; n?: number }>('visitor', (v) => ({ id: v?.id ?? 'new', n: 1 }))).toEqual({ id: 'v1', n: 1 });
  });

  it('survives a store that throws synchronously', async () => {
    const primary = createMemoryStore();
    primary.get = () => {
      throw new Error('indexedDB getter threw');
    };
    const store = createFallbackStore(primary, () => {});
    expect(await store.get('x')).toBeUndefined();
  });
});
