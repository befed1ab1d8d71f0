// The `geo` chunk: time zone → country and continent tables behind `geo.*`. Loaded only
// when a condition reads `geo.*` or `profile()` is asked.
export { readGeo } from '../../core/index.js';
