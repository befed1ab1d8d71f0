import type { KeyValueStore } from './keyValueStore.js';

/** A store that lives as long as the page: the fallback, and what tests inject. */
export function createMemoryStore(initial?: Iterable<[string, unknown]>): KeyValueStore {
  const values = new Map<string, unknown>(initial);
  return {
    async get<T>(key: string) {
      return structuredClone(values.get(key)) as T | undefined;
    },
    async update<T>(key: string, updater: (current: T | undefined) => T) {
      const next = updater(structuredClone(values.get(key)) as T | undefined);
      values.set(key, structuredClone(next));
      return next;
    },
    async entries() {
      return structuredClone([...values.entries()]);
    },
    async clear() {
      values.clear();
    },
  };
}
