// The `intentPageValues` chunk: the intent model that also uses page values, loaded
// instead of the browser-only one's weights when the config sets `intent.pageValues`.
export { INTENT_MODEL_WITH_PAGE_VALUES } from '../../core/index.js';
