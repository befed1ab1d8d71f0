// The `signals` chunk: the tables behind `traffic.*` / `firstTouch.*` (GA4 channel
// grouping), `device.*` and `time.*`. The entry records raw facts (the landing URL's
// campaign parameters, the referrer); this chunk interprets them, and loads only when a
// condition reads one of these attributes or `profile()` is asked.
export { classifyLanding, readDevice, readTime } from '../../core/index.js';
