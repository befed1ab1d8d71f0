import type { KeyValueStore } from './keyValueStore.js';
import { createMemoryStore } from './memoryStore.js';

/**
 * Uses `primary` until it fails once (IndexedDB missing, `SecurityError` in private
 * modes, quota, a broken database), then memory for the rest of the page. The values
 * read or written so far seed the memory store, so the visitor survives the switch.
 */
export function createFallbackStore(primary: KeyValueStore, onFallback: (error: unknown) => void): KeyValueStore {
  const known = new Map<string, unknown>();
  let active: KeyValueStore = primary;
  let usingPrimary = true;

  const fallBack = (error: unknown) => {
    if (!usingPrimary) return;
    usingPrimary = false;
    active = createMemoryStore(known);
    onFallback(error);
  };

  // idb-keyval can throw synchronously when the `indexedDB` getter throws, so the call
  // itself is wrapped, not only its promise.
  const attempt = async <T>(call: (store: KeyValueStore) => Promise<T>): Promise<T> => {
    if (usingPrimary) {
      try {
        return await call(active);
      } catch (error) {
        fallBack(error);
      }
    }
    return call(active);
  };

  return {
    get: <T>(key: string) =>
      attempt(async (store) => {
        const value = await store.get<T>(key);
        if (value !== undefined) known.set(key, value);
        return value;
      }),
    update: <T>(key: string, updater: (current: T | undefined) => T) =>
      attempt(async (store) => {
        const value = await store.update<T>(key, updater);
        known.set(key, value);
        return value;
      }),
    entries: () =>
      attempt(async (store) => {
        const all = await store.entries();
        for (const [key, value] of all) known.set(key, value);
        return all;
      }),
    clear: () =>
      attempt(async (store) => {
        await store.clear();
        known.clear();
      }),
  };
}
