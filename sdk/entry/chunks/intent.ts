// The `intent` chunk: the purchase-intent model (browser-only features), its scoring,
// and the reading of the config's `intent` section. Loaded when a condition reads
// `intent.*` or `profile()` is asked.
export { INTENT_MODEL, intentOf, parseIntentConfig } from '../../core/index.js';
