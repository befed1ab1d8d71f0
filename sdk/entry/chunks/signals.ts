// The `signals` chunk: the tables and rules behind `traffic.*` / `firstTouch.*` (GA4
// channel grouping), `device.*`, `time.*`, `rfm.*` (with the config's cut points),
// `funnel.*` and `behavior.*`. The entry records raw facts (the landing URL's campaign
// parameters, the referrer, orders, the event history); this chunk interprets them, and
// loads only when a condition reads one of these attributes or `profile()` is asked.
export { classifyLanding, deriveBehavior, funnelStage, parseRfmConfig, readDevice, readTime, rfmScore } from '../../core/index.js';
