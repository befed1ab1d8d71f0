import { clear, get, promisifyRequest, update, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from './keyValueStore.js';

export interface IdbStoreOptions {
  dbName?: string;
  storeName?: string;
  /** Safari once had a first `open` that never settled (idb-keyval #120, #165). */
  openTimeoutMs?: number;
  indexedDB?: IDBFactory;
}

/**
 * Opens our own database (never idb-keyval's default `keyval-store`, which the store
 * may use itself) lazily, on first use. Unlike idb-keyval's `createStore`, it gives up
 * on an open that hangs, closes on `versionchange` so another tab's upgrade or delete is
 * never blocked, and reopens after the browser closed the connection.
 */
function openUseStore(options: Required<Omit<IdbStoreOptions, 'indexedDB'>> & { indexedDB?: IDBFactory }): UseStore {
  const { dbName, storeName, openTimeoutMs } = options;
  let pending: Promise<IDBDatabase> | undefined;

  /** Opens the database; an open that hangs is followed by one more (a second works), then given up. */
  const open = (again = true): Promise<IDBDatabase> => {
    if (pending && again) return pending;
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      const factory = options.indexedDB ?? indexedDB;
      const request = factory.open(dbName);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        if (again) open(false).then(resolve, reject);
        else reject(new Error(`IndexedDB did not open within ${openTimeoutMs} ms, twice`));
      }, openTimeoutMs);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onerror = () => {
        clearTimeout(timer);
        reject(request.error ?? new Error('IndexedDB open failed'));
      };
      request.onsuccess = () => {
        clearTimeout(timer);
        const db = request.result;
        if (timedOut) {
          db.close();
          return;
        }
        const forget = () => {
          if (pending === opening || !again) pending = undefined;
        };
        db.onclose = forget;
        db.onversionchange = () => {
          db.close();
          forget();
        };
        resolve(db);
      };
    });
    if (!again) return opening;
    pending = opening;
    opening.catch(() => {
      if (pending === opening) pending = undefined;
    });
    return opening;
  };

  return async (mode, callback) => {
    let db = await open();
    let objectStore: IDBObjectStore;
    try {
      objectStore = db.transaction(storeName, mode).objectStore(storeName);
    } catch (error) {
      // The connection was closed under us (the browser, or a versionchange): reopen once.
      if ((error as DOMException)?.name !== 'InvalidStateError') throw error;
      pending = undefined;
      db = await open();
      objectStore = db.transaction(storeName, mode).objectStore(storeName);
    }
    return callback(objectStore);
  };
}

export function createIdbStore(options: IdbStoreOptions = {}): KeyValueStore {
  const dbName = options.dbName ?? 'beckon';
  const useStore = openUseStore({ dbName, storeName: options.storeName ?? 'state', openTimeoutMs: options.openTimeoutMs ?? 2000, indexedDB: options.indexedDB });
  /**
   * Whether the database is there to read. Opening creates it, and an empty `beckon`
   * database made by reading (before any consent) is still one a consent audit lists: reads
   * and clears leave a missing one missing, and only a write makes it. Asked again until it
   * is there (another tab may make it); a browser without databases(), or whose answer
   * does not come within a second, opens it (with the open's own time limit).
   */
  let there = false;
  const exists = async () =>
    there ||
    (there = !(await Promise.race([
      (options.indexedDB ?? indexedDB).databases?.().then((all) => !all.some((db) => db.name == dbName), () => false),
      new Promise<false>((resolve) => setTimeout(resolve, 1000, false)),
    ])));
  return {
    get: async (key) => ((await exists()) ? get(key, useStore) : undefined),
    async update<T>(key: string, updater: (current: T | undefined) => T) {
      let written: T | undefined;
      await update<T>(key, (current) => (written = updater(current)), useStore);
      there = true;
      return written as T;
    },
    // getAll, which every browser Beckon runs in has: idb-keyval's entries() also carries
    // a cursor walk for browsers without it.
    entries: async () =>
      (await exists())
        ? useStore('readonly', (store) => Promise.all([promisifyRequest(store.getAllKeys()), promisifyRequest(store.getAll())])).then(([keys, values]) =>
            keys.map((key, i): [string, unknown] => [String(key), values[i]]),
          )
        : [],
    clear: async () => {
      if (await exists()) await clear(useStore);
    },
  };
}
