import type { KeyValueStore } from './keyValueStore.js';
import { createMemoryStore } from './memoryStore.js';

export type StorageMode = 'persist' | 'memory';

/** A store that writes to IndexedDB only once the visitor allows it (DESIGN §8). */
export interface ConsentStore extends KeyValueStore {
  mode(): StorageMode;
  /**
   * Starts persisting: each value kept in memory so far is written through
   * `merge(persisted, pending)`, in one transaction per key.
   */
  persist(merge: (key: string, persisted: unknown, pending: unknown) => unknown): Promise<void>;
  /** Stops persisting: later values live in memory, starting from `keep` (or empty). Wipes IndexedDB when asked. */
  keepInMemory(options: { wipe: boolean; keep?: Iterable<[string, unknown]> }): Promise<void>;
}

export function createConsentStore(persistent: KeyValueStore, initial: StorageMode): ConsentStore {
  let mode = initial;
  let memory = createMemoryStore();
  const pendingKeys = new Set<string>();
  const active = () => (mode === 'persist' ? persistent : memory);
  return {
    mode: () => mode,
    get: (key) => active().get(key),
    update(key, updater) {
      if (mode === 'memory') pendingKeys.add(key);
      return active().update(key, updater);
    },
    entries: () => active().entries(),
    clear: () => active().clear(),
    async persist(merge) {
      if (mode === 'persist') return;
      // Writes can land in memory meanwhile, also to a key already merged: it is merged
      // again (merges keep each thing once), until nothing is left to merge.
      for (const key of pendingKeys) {
        pendingKeys.delete(key);
        const pending = await memory.get(key);
        await persistent.update(key, (persisted) => merge(key, persisted, pending));
      }
      mode = 'persist';
    },
    async keepInMemory({ wipe, keep = [] }) {
      const entries = [...keep];
      mode = 'memory';
      memory = createMemoryStore(entries);
      pendingKeys.clear();
      for (const [key] of entries) pendingKeys.add(key);
      if (wipe) await persistent.clear();
    },
  };
}
