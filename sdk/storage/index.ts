export type { KeyValueStore } from './keyValueStore.js';
export { createMemoryStore } from './memoryStore.js';
export { createIdbStore, type IdbStoreOptions } from './idbStore.js';
export { createFallbackStore } from './fallbackStore.js';
export { createConsentStore, type ConsentStore, type StorageMode } from './consentStore.js';
