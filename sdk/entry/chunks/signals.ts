// The `signals` chunk: the tables and rules behind `traffic.*` / `firstTouch.*` (GA4
// channel grouping), `device.*`, `time.*`, `rfm.*` (with the config's cut points),
// `funnel.*` and `behavior.*`. The entry records raw facts (the landing URL's campaign
// parameters, the referrer, orders, the event history); this chunk interprets them, and
// reads the browser's device signals itself. It loads only when a condition reads one of
// these attributes or `profile()` is asked.
import { readDevice, type Device } from '../../core/index.js';
import { readDeviceSignals } from '../../tracking/index.js';

export { classifyLanding, deriveBehavior, funnelStage, parseRfmConfig, readTime, rfmScore } from '../../core/index.js';

/** `device.*` of this browser. */
export const deviceOf = (win: Window): Device => readDevice(readDeviceSignals(win));
