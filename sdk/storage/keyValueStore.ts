/** The persistence the runtime needs: reads, and atomic read-modify-write. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /**
   * Replaces the value at `key` with `updater(current)` in one transaction, so two
   * tabs updating the same record never lose each other's writes. Resolves with the
   * value written.
   */
  update<T>(key: string, updater: (current: T | undefined) => T): Promise<T>;
  /** Every key and value this store holds. */
  entries(): Promise<[string, unknown][]>;
  /** Deletes everything this store holds (and nothing else). */
  clear(): Promise<void>;
}
